/**
 * SQLite settings: the installation's (the `default` organisation's) in one row (id 1) of `settings`, and those of
 * each organisation that chose its own in `organisation_settings` (migration 014); each JSON with an optimistic
 * revision. An organisation without its own row reads the installation's (`inherited`).
 */
import { auditList, checkRevision, installationSettingsOf, organisationSettingsOf, type SettingsRow } from '../common.ts';
import { DEFAULT_ORGANISATION, type SettingsRecord, type SettingsStore } from '../types.ts';
import type { SqliteDb } from './db.ts';

/** The settings methods over `db`. */
export function sqliteSettingsMethods(db: SqliteDb): SettingsStore {
  const installation = (): SettingsRecord =>
    installationSettingsOf(db.get<SettingsRow>('SELECT value, revision, updated_at, updated_by FROM settings WHERE id = 1'));
  const read = (organisationId = DEFAULT_ORGANISATION): SettingsRecord => {
    if (organisationId === DEFAULT_ORGANISATION) return installation();
    const row = db.get<SettingsRow>(
      'SELECT value, revision, updated_at, updated_by FROM organisation_settings WHERE organisation_id = ?',
      organisationId,
    );
    return organisationSettingsOf(organisationId, row, row ? undefined : installation());
  };
  return {
    async getSettings(organisationId) {
      return read(organisationId);
    },
    async saveSettings(input, audit) {
      const organisationId = input.organisationId ?? DEFAULT_ORGANISATION;
      return db.tx(() => {
        const current = read(organisationId);
        checkRevision('organisation settings', current.revision, input.expectedRevision);
        const next: SettingsRecord = {
          ...input.settings,
          organisationId,
          inherited: false,
          revision: current.revision + 1,
          updatedAt: db.now(),
          updatedBy: input.updatedBy,
        };
        const values = [JSON.stringify(input.settings), next.revision, next.updatedAt, next.updatedBy];
        if (organisationId === DEFAULT_ORGANISATION) {
          db.run(
            `INSERT INTO settings (id, value, revision, updated_at, updated_by) VALUES (1, ?, ?, ?, ?)
             ON CONFLICT (id) DO UPDATE SET value = excluded.value, revision = excluded.revision, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
            ...values,
          );
        } else {
          db.run(
            `INSERT INTO organisation_settings (organisation_id, value, revision, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (organisation_id) DO UPDATE SET value = excluded.value, revision = excluded.revision, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
            organisationId,
            ...values,
          );
        }
        db.appendAudit(auditList(audit));
        return next;
      });
    },
  };
}
