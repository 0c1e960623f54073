/**
 * SQLite organisation settings: one row (id 1) holding the settings as JSON, with an optimistic revision.
 */
import { auditList, checkRevision, DEFAULT_SETTINGS } from '../common.ts';
import type { SettingsRecord, Store } from '../types.ts';
import type { SqliteDb } from './db.ts';

interface SettingsRow {
  value: string;
  revision: number;
  updated_at: string;
  updated_by: string | null;
}

/** The settings methods over `db`. */
export function sqliteSettingsMethods(db: SqliteDb): Pick<Store, 'getSettings' | 'saveSettings'> {
  const read = (): SettingsRecord => {
    const row = db.get<SettingsRow>('SELECT value, revision, updated_at, updated_by FROM settings WHERE id = 1');
    if (!row) return { ...DEFAULT_SETTINGS, revision: 0, updatedAt: null, updatedBy: null };
    return { ...DEFAULT_SETTINGS, ...JSON.parse(row.value), revision: row.revision, updatedAt: row.updated_at, updatedBy: row.updated_by };
  };
  return {
    async getSettings() {
      return read();
    },
    async saveSettings(input, audit) {
      return db.tx(() => {
        const current = read();
        checkRevision('organisation settings', current.revision, input.expectedRevision);
        const next: SettingsRecord = { ...input.settings, revision: current.revision + 1, updatedAt: db.now(), updatedBy: input.updatedBy };
        db.run(
          `INSERT INTO settings (id, value, revision, updated_at, updated_by) VALUES (1, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET value = excluded.value, revision = excluded.revision, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
          JSON.stringify(input.settings),
          next.revision,
          next.updatedAt,
          next.updatedBy,
        );
        db.appendAudit(auditList(audit));
        return next;
      });
    },
  };
}
