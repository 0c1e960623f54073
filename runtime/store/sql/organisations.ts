/**
 * Organisations on an SQL store (issue 16), one implementation for SQLite and PostgreSQL: organisations, their
 * members, the organisation of each program, the team around a case. (The staff-scope condition the case and
 * application queries add is `scope.ts`.)
 */
import type { Role } from '../../../engine/index.ts';
import { auditList } from '../common.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { DEFAULT_ORGANISATION, type CaseTeamMember, type OrganisationRecord, type OrganisationStore } from '../types.ts';
import { affected, all, audit, first, type Sql, type SqlStore } from './steps.ts';
import { prepared } from './prepared.ts';

interface OrganisationRow {
  id: string;
  name: string;
  created_at: string;
}
interface TeamRow {
  case_id: string;
  user_id: string;
  role_label: string;
  added_by: string | null;
  added_at: string;
}

const organisationFromRow = (r: OrganisationRow): OrganisationRecord => ({ id: r.id, name: r.name, createdAt: r.created_at });
const teamFromRow = (r: TeamRow): CaseTeamMember => ({
  caseId: r.case_id,
  userId: r.user_id,
  roleLabel: r.role_label,
  addedBy: r.added_by,
  addedAt: r.added_at,
});

const ORGANISATION_COLUMNS = ['id', 'name', 'created_at'] as const;
const TEAM_COLUMNS = ['case_id', 'user_id', 'role_label', 'added_by', 'added_at'] as const;

/** The organisation methods over `s`. */
export function sqlOrganisationMethods(s: SqlStore): OrganisationStore {
  const { q } = s;
  /** A program's organisation (read by every submission and staff check). */
  const organisationOfProgram = prepared((v: { programId: string }) =>
    q.selectFrom('programs').select('organisation_id').where('id', '=', v.programId),
  );
  const byId = (id: string) => first(q.selectFrom('organisations').select(ORGANISATION_COLUMNS).where('id', '=', id));
  function* requireOrganisation(id: string): Sql<OrganisationRow> {
    const row = yield* byId(id);
    if (!row) throw new NotFoundError('organisation', id);
    return row;
  }
  function* requireUser(id: string): Sql<void> {
    if (!(yield* first(q.selectFrom('users').select('id').where('id', '=', id)))) throw new NotFoundError('user', id);
  }
  const teamMember = (caseId: string, userId: string) =>
    first(q.selectFrom('case_team').select(TEAM_COLUMNS).where('case_id', '=', caseId).where('user_id', '=', userId));

  return {
    listOrganisations: () =>
      s.query(function* () {
        return (yield* all(q.selectFrom('organisations').select(ORGANISATION_COLUMNS).orderBy('id'))).map(organisationFromRow);
      }),

    getOrganisation: (id) =>
      s.query(function* () {
        const row = yield* byId(id);
        return row ? organisationFromRow(row) : null;
      }),

    createOrganisation: (input, auditInput) =>
      s.transaction(function* () {
        if (yield* byId(input.id))
          throw new ConflictError('duplicate', `An organisation with the id "${input.id}" already exists: choose another id.`, { id: input.id });
        const record: OrganisationRecord = { id: input.id, name: input.name, createdAt: s.now() };
        yield* affected(q.insertInto('organisations').values({ id: record.id, name: record.name, created_at: record.createdAt }));
        yield* audit(auditList(auditInput));
        return record;
      }),

    updateOrganisation: (id, patch, auditInput) =>
      s.transaction(function* () {
        yield* requireOrganisation(id);
        yield* affected(q.updateTable('organisations').set({ name: patch.name }).where('id', '=', id));
        yield* audit(auditList(auditInput));
        return organisationFromRow(yield* requireOrganisation(id));
      }),

    programOrganisation: (programId) =>
      s.query(function* () {
        const row = yield* first(organisationOfProgram({ programId }));
        return row?.organisation_id ?? DEFAULT_ORGANISATION;
      }),

    programOrganisations: () =>
      s.query(function* () {
        const rows = yield* all(q.selectFrom('programs').select(['id', 'organisation_id']).orderBy('id'));
        return Object.fromEntries(rows.map((r) => [r.id, r.organisation_id]));
      }),

    setProgramOrganisation: (programId, organisationId, auditInput) =>
      s.transaction(function* () {
        yield* requireOrganisation(organisationId);
        yield* affected(
          q
            .insertInto('programs')
            .values({ id: programId, organisation_id: organisationId })
            .onConflict((oc) => oc.column('id').doUpdateSet({ organisation_id: organisationId })),
        );
        yield* audit(auditList(auditInput));
      }),

    membershipsOf: (userId) =>
      s.query(function* () {
        const rows = yield* all(
          q.selectFrom('organisation_members').select(['organisation_id', 'roles']).where('user_id', '=', userId).orderBy('organisation_id'),
        );
        return rows.map((r) => ({ organisationId: r.organisation_id, roles: JSON.parse(r.roles) as Role[] }));
      }),

    membersOf: (organisationId) =>
      s.query(function* () {
        const rows = yield* all(
          q.selectFrom('organisation_members').select(['user_id', 'roles']).where('organisation_id', '=', organisationId).orderBy('user_id'),
        );
        return rows.map((r) => ({ organisationId, userId: r.user_id, roles: JSON.parse(r.roles) as Role[] }));
      }),

    setMembership: (organisationId, userId, roles, auditInput) =>
      s.transaction(function* () {
        yield* requireOrganisation(organisationId);
        yield* requireUser(userId);
        const unique = [...new Set(roles)];
        const text = JSON.stringify(unique);
        yield* affected(
          q
            .insertInto('organisation_members')
            .values({ organisation_id: organisationId, user_id: userId, roles: text })
            .onConflict((oc) => oc.columns(['organisation_id', 'user_id']).doUpdateSet({ roles: text })),
        );
        yield* audit(auditList(auditInput));
        return { organisationId, userId, roles: unique };
      }),

    removeMembership: (organisationId, userId, auditInput) =>
      s.transaction(function* () {
        const gone = yield* affected(
          q.deleteFrom('organisation_members').where('organisation_id', '=', organisationId).where('user_id', '=', userId),
        );
        if (gone === 0) throw new NotFoundError('membership', `${organisationId}/${userId}`);
        yield* audit(auditList(auditInput));
      }),

    listCaseTeam: (caseId) =>
      s.query(function* () {
        const rows = yield* all(q.selectFrom('case_team').select(TEAM_COLUMNS).where('case_id', '=', caseId).orderBy('added_at').orderBy('rowid'));
        return rows.map(teamFromRow);
      }),

    setCaseTeamMember: (input, auditInput) =>
      s.transaction(function* () {
        if (!(yield* first(q.selectFrom('cases').select('id').where('id', '=', input.caseId)))) throw new NotFoundError('case', input.caseId);
        yield* requireUser(input.userId);
        if (yield* teamMember(input.caseId, input.userId))
          yield* affected(
            q.updateTable('case_team').set({ role_label: input.roleLabel }).where('case_id', '=', input.caseId).where('user_id', '=', input.userId),
          );
        else
          yield* affected(
            q
              .insertInto('case_team')
              .values({ case_id: input.caseId, user_id: input.userId, role_label: input.roleLabel, added_by: input.addedBy, added_at: s.now() }),
          );
        yield* audit(auditList(auditInput));
        return teamFromRow((yield* teamMember(input.caseId, input.userId))!);
      }),

    removeCaseTeamMember: (caseId, userId, auditInput) =>
      s.transaction(function* () {
        const gone = yield* affected(q.deleteFrom('case_team').where('case_id', '=', caseId).where('user_id', '=', userId));
        if (gone === 0) throw new NotFoundError('team-member', `${caseId}/${userId}`);
        yield* audit(auditList(auditInput));
      }),
  };
}
