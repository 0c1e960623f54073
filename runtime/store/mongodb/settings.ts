/**
 * MongoDB organisation settings: one document (`_id: "organisation"`) in `settings`, with an optimistic revision.
 */
import type { Db } from 'mongodb';
import { auditList, checkRevision, DEFAULT_SETTINGS } from '../common.ts';
import { ConflictError } from '../errors.ts';
import type { OrganisationSettings, SettingsRecord, Store } from '../types.ts';
import type { UnitRunner } from './units.ts';

type SettingsDoc = { _id: string; value: OrganisationSettings; revision: number; updatedAt: string; updatedBy: string | null };
const ID = 'organisation';

/** The settings methods over `db`. */
export function mongoSettingsMethods(db: Db, units: UnitRunner, now: () => string): Pick<Store, 'getSettings' | 'saveSettings'> {
  const settings = db.collection<SettingsDoc>('settings');
  const read = async (): Promise<SettingsRecord> => {
    const doc = await settings.findOne({ _id: ID });
    if (!doc) return { ...DEFAULT_SETTINGS, revision: 0, updatedAt: null, updatedBy: null };
    return { ...DEFAULT_SETTINGS, ...doc.value, revision: doc.revision, updatedAt: doc.updatedAt, updatedBy: doc.updatedBy };
  };
  return {
    getSettings: read,
    async saveSettings(input, audit) {
      const current = await read();
      checkRevision('organisation settings', current.revision, input.expectedRevision);
      const next: SettingsRecord = { ...input.settings, revision: current.revision + 1, updatedAt: now(), updatedBy: input.updatedBy };
      const doc: SettingsDoc = { _id: ID, value: input.settings, revision: next.revision, updatedAt: next.updatedAt!, updatedBy: next.updatedBy };
      const raced = async () => {
        const latest = await read();
        return new ConflictError(
          'stale-revision',
          `The organisation settings were changed by someone else (revision ${latest.revision}). Reload them and apply your change again.`,
          { currentRevision: latest.revision, expectedRevision: current.revision },
        );
      };
      await units.run({
        claim:
          current.revision === 0
            ? {
                op: 'insert',
                collection: 'settings',
                doc,
                onDuplicate: () =>
                  new ConflictError(
                    'stale-revision',
                    'The organisation settings were saved by someone else just now. Reload them and apply your change again.',
                    { expectedRevision: 0 },
                  ),
              }
            : {
                op: 'update',
                collection: 'settings',
                filter: { _id: ID, revision: current.revision },
                set: { value: doc.value, revision: doc.revision, updatedAt: doc.updatedAt, updatedBy: doc.updatedBy },
                onMiss: raced,
              },
        steps: [],
        audit: auditList(audit),
      });
      return next;
    },
  };
}
