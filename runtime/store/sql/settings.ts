/**
 * Settings on an SQL store: the installation's (the `default` organisation's) in one row (id 1) of `settings`, and
 * those of each organisation that chose its own in `organisation_settings` (migration 014); each JSON with an
 * optimistic revision. An organisation without its own row reads the installation's (`inherited`).
 */
import { auditList, checkRevision, installationSettingsOf, organisationSettingsOf } from '../common.ts';
import { DEFAULT_ORGANISATION, type SettingsRecord, type SettingsStore } from '../types.ts';
import { audit, first, affected, type Sql, type SqlStore } from './steps.ts';

/** The settings methods over `s`. */
export function sqlSettingsMethods(s: SqlStore): SettingsStore {
  const columns = ['value', 'revision', 'updated_at', 'updated_by'] as const;
  function* installation(): Sql<SettingsRecord> {
    return installationSettingsOf(yield* first(s.q.selectFrom('settings').select(columns).where('id', '=', 1)));
  }
  function* read(organisationId = DEFAULT_ORGANISATION): Sql<SettingsRecord> {
    if (organisationId === DEFAULT_ORGANISATION) return yield* installation();
    const row = yield* first(s.q.selectFrom('organisation_settings').select(columns).where('organisation_id', '=', organisationId));
    return organisationSettingsOf(organisationId, row, row ? undefined : yield* installation());
  }
  return {
    getSettings: (organisationId) => s.query(() => read(organisationId)),
    saveSettings: (input, auditInput) =>
      s.transaction(function* () {
        const organisationId = input.organisationId ?? DEFAULT_ORGANISATION;
        const current = yield* read(organisationId);
        checkRevision('organisation settings', current.revision, input.expectedRevision);
        const next: SettingsRecord = {
          ...input.settings,
          organisationId,
          inherited: false,
          revision: current.revision + 1,
          updatedAt: s.now(),
          updatedBy: input.updatedBy,
        };
        const row = { value: JSON.stringify(input.settings), revision: next.revision, updated_at: next.updatedAt!, updated_by: next.updatedBy };
        yield* affected(
          organisationId === DEFAULT_ORGANISATION
            ? s.q
                .insertInto('settings')
                .values({ id: 1, ...row })
                .onConflict((oc) => oc.column('id').doUpdateSet(row))
            : s.q
                .insertInto('organisation_settings')
                .values({ organisation_id: organisationId, ...row })
                .onConflict((oc) => oc.column('organisation_id').doUpdateSet(row)),
        );
        yield* audit(auditList(auditInput));
        return next;
      }),
  };
}
