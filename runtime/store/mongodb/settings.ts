/**
 * MongoDB settings, as `../sql/settings.ts`: the installation's (the `default` organisation's) in the document
 * `_id: "organisation"` of `settings`, each organisation that chose its own in `_id: "organisation:<id>"`; each
 * with an optimistic revision. An organisation without its own document reads the installation's (`inherited`).
 */
import type { Db } from 'mongodb';
import { auditList, checkRevision, DEFAULT_SETTINGS } from '../common.ts';
import { ConflictError } from '../errors.ts';
import { DEFAULT_ORGANISATION, type OrganisationSettings, type SettingsRecord, type SettingsStore } from '../types.ts';
import { scalar, type UnitRunner } from './units.ts';

type SettingsDoc = { _id: string; value: OrganisationSettings; revision: number; updatedAt: string; updatedBy: string | null };
const INSTALLATION = 'organisation';
const docId = (organisationId: string) => (organisationId === DEFAULT_ORGANISATION ? INSTALLATION : `organisation:${organisationId}`);

/** The settings methods over `db`. */
export function mongoSettingsMethods(db: Db, units: UnitRunner, now: () => string): SettingsStore {
  const settings = db.collection<SettingsDoc>('settings');
  const record = (doc: SettingsDoc, organisationId: string): SettingsRecord => ({
    ...DEFAULT_SETTINGS,
    ...doc.value,
    organisationId,
    inherited: false,
    revision: doc.revision,
    updatedAt: doc.updatedAt,
    updatedBy: doc.updatedBy,
  });
  const installation = async (): Promise<SettingsRecord> => {
    const doc = await settings.findOne({ _id: INSTALLATION });
    if (!doc) return { ...DEFAULT_SETTINGS, organisationId: DEFAULT_ORGANISATION, inherited: false, revision: 0, updatedAt: null, updatedBy: null };
    return record(doc, DEFAULT_ORGANISATION);
  };
  const read = async (organisationId = DEFAULT_ORGANISATION): Promise<SettingsRecord> => {
    if (organisationId === DEFAULT_ORGANISATION) return installation();
    const doc = await settings.findOne({ _id: scalar(docId(organisationId)) as string });
    if (doc) return record(doc, organisationId);
    const { exportColumns, makerChecker, referralStaleDays } = await installation();
    const inherited = {
      makerChecker,
      ...(exportColumns ? { exportColumns } : {}),
      ...(referralStaleDays !== undefined ? { referralStaleDays } : {}),
    };
    return { ...inherited, organisationId, inherited: true, revision: 0, updatedAt: null, updatedBy: null };
  };
  return {
    getSettings: read,
    async saveSettings(input, audit) {
      const organisationId = input.organisationId ?? DEFAULT_ORGANISATION;
      const id = docId(organisationId);
      const current = await read(organisationId);
      checkRevision('organisation settings', current.revision, input.expectedRevision);
      const next: SettingsRecord = {
        ...input.settings,
        organisationId,
        inherited: false,
        revision: current.revision + 1,
        updatedAt: now(),
        updatedBy: input.updatedBy,
      };
      const doc: SettingsDoc = { _id: id, value: input.settings, revision: next.revision, updatedAt: next.updatedAt!, updatedBy: next.updatedBy };
      const raced = async () => {
        const latest = await read(organisationId);
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
                filter: { _id: id, revision: current.revision },
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
