/**
 * PostgreSQL organisation settings: one row (id 1) holding the settings as JSON, with an optimistic revision.
 */
import { auditList, checkRevision, DEFAULT_SETTINGS } from '../common.ts';
import type { SettingsRecord, Store } from '../types.ts';
import type { PgDb, PgExecutor } from './db.ts';

/** The settings methods over `db`. */
export function pgSettingsMethods(db: PgDb): Pick<Store, 'getSettings' | 'saveSettings'> {
  const read = async (q: PgExecutor): Promise<SettingsRecord> => {
    const row = await q.selectFrom('settings').select(['value', 'revision', 'updated_at', 'updated_by']).where('id', '=', 1).executeTakeFirst();
    if (!row) return { ...DEFAULT_SETTINGS, revision: 0, updatedAt: null, updatedBy: null };
    return { ...DEFAULT_SETTINGS, ...JSON.parse(row.value), revision: row.revision, updatedAt: row.updated_at, updatedBy: row.updated_by };
  };
  return {
    async getSettings() {
      return read(db.read);
    },
    async saveSettings(input, audit) {
      return db.tx(async (trx) => {
        const current = await read(trx);
        checkRevision('organisation settings', current.revision, input.expectedRevision);
        const next: SettingsRecord = { ...input.settings, revision: current.revision + 1, updatedAt: db.now(), updatedBy: input.updatedBy };
        const row = { value: JSON.stringify(input.settings), revision: next.revision, updated_at: next.updatedAt!, updated_by: next.updatedBy };
        await trx
          .insertInto('settings')
          .values({ id: 1, ...row })
          .onConflict((oc) => oc.column('id').doUpdateSet(row))
          .execute();
        await db.appendAudit(trx, auditList(audit));
        return next;
      });
    },
  };
}
