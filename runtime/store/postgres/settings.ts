/**
 * PostgreSQL settings, as the SQLite store keeps them: the installation's (the `default` organisation's) in one row
 * (id 1) of `settings`, and those of each organisation that chose its own in `organisation_settings` (migration 014);
 * each JSON with an optimistic revision. An organisation without its own row reads the installation's (`inherited`).
 */
import { auditList, checkRevision, installationSettingsOf, organisationSettingsOf } from '../common.ts';
import { DEFAULT_ORGANISATION, type SettingsRecord, type SettingsStore } from '../types.ts';
import type { PgDb, PgExecutor } from './db.ts';

/** The settings methods over `db`. */
export function pgSettingsMethods(db: PgDb): SettingsStore {
  const installation = async (q: PgExecutor): Promise<SettingsRecord> =>
    installationSettingsOf(
      await q.selectFrom('settings').select(['value', 'revision', 'updated_at', 'updated_by']).where('id', '=', 1).executeTakeFirst(),
    );
  const read = async (q: PgExecutor, organisationId = DEFAULT_ORGANISATION): Promise<SettingsRecord> => {
    if (organisationId === DEFAULT_ORGANISATION) return installation(q);
    const row = await q
      .selectFrom('organisation_settings')
      .select(['value', 'revision', 'updated_at', 'updated_by'])
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst();
    return organisationSettingsOf(organisationId, row, row ? undefined : await installation(q));
  };
  return {
    async getSettings(organisationId) {
      return read(db.read, organisationId);
    },
    async saveSettings(input, audit) {
      const organisationId = input.organisationId ?? DEFAULT_ORGANISATION;
      return db.tx(async (trx) => {
        const current = await read(trx, organisationId);
        checkRevision('organisation settings', current.revision, input.expectedRevision);
        const next: SettingsRecord = {
          ...input.settings,
          organisationId,
          inherited: false,
          revision: current.revision + 1,
          updatedAt: db.now(),
          updatedBy: input.updatedBy,
        };
        const row = { value: JSON.stringify(input.settings), revision: next.revision, updated_at: next.updatedAt!, updated_by: next.updatedBy };
        if (organisationId === DEFAULT_ORGANISATION) {
          await trx
            .insertInto('settings')
            .values({ id: 1, ...row })
            .onConflict((oc) => oc.column('id').doUpdateSet(row))
            .execute();
        } else {
          await trx
            .insertInto('organisation_settings')
            .values({ organisation_id: organisationId, ...row })
            .onConflict((oc) => oc.column('organisation_id').doUpdateSet(row))
            .execute();
        }
        await db.appendAudit(trx, auditList(audit));
        return next;
      });
    },
  };
}
