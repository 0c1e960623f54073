/**
 * PostgreSQL organisations (issue 16): organisations, their members, the organisation of each program, the team
 * around a case, and `scopeSql`, the condition every staff-scoped case and application query adds.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Role } from '../../../engine/index.ts';
import { auditList } from '../common.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { DEFAULT_ORGANISATION, type CaseTeamMember, type OrganisationRecord, type OrganisationStore, type StaffScope } from '../types.ts';
import type { PgDb, PgExecutor } from './db.ts';

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

const TEAM_COLUMNS = ['case_id', 'user_id', 'role_label', 'added_by', 'added_at'] as const;

/** The organisation methods over `db`. */
export function pgOrganisationMethods(db: PgDb): OrganisationStore {
  const byId = (q: PgExecutor, id: string) =>
    q.selectFrom('organisations').select(['id', 'name', 'created_at']).where('id', '=', id).executeTakeFirst();
  const requireOrganisation = async (q: PgExecutor, id: string) => {
    const row = await byId(q, id);
    if (!row) throw new NotFoundError('organisation', id);
    return row;
  };
  const requireUser = async (q: PgExecutor, id: string) => {
    if (!(await q.selectFrom('users').select('id').where('id', '=', id).executeTakeFirst())) throw new NotFoundError('user', id);
  };
  const teamMember = (q: PgExecutor, caseId: string, userId: string) =>
    q.selectFrom('case_team').select(TEAM_COLUMNS).where('case_id', '=', caseId).where('user_id', '=', userId).executeTakeFirst();

  return {
    async listOrganisations() {
      const rows = await db.read.selectFrom('organisations').select(['id', 'name', 'created_at']).orderBy('id').execute();
      return rows.map(organisationFromRow);
    },

    async getOrganisation(id) {
      const row = await byId(db.read, id);
      return row ? organisationFromRow(row) : null;
    },

    async createOrganisation(input, audit) {
      return db.tx(async (trx) => {
        if (await byId(trx, input.id))
          throw new ConflictError('duplicate', `An organisation with the id "${input.id}" already exists: choose another id.`, { id: input.id });
        const record: OrganisationRecord = { id: input.id, name: input.name, createdAt: db.now() };
        await trx.insertInto('organisations').values({ id: record.id, name: record.name, created_at: record.createdAt }).execute();
        await db.appendAudit(trx, auditList(audit));
        return record;
      });
    },

    async updateOrganisation(id, patch, audit) {
      return db.tx(async (trx) => {
        await requireOrganisation(trx, id);
        await trx.updateTable('organisations').set({ name: patch.name }).where('id', '=', id).execute();
        await db.appendAudit(trx, auditList(audit));
        return organisationFromRow(await requireOrganisation(trx, id));
      });
    },

    async programOrganisation(programId) {
      const row = await db.read.selectFrom('programs').select('organisation_id').where('id', '=', programId).executeTakeFirst();
      return row?.organisation_id ?? DEFAULT_ORGANISATION;
    },

    async programOrganisations() {
      const rows = await db.read.selectFrom('programs').select(['id', 'organisation_id']).orderBy('id').execute();
      return Object.fromEntries(rows.map((r) => [r.id, r.organisation_id]));
    },

    async setProgramOrganisation(programId, organisationId, audit) {
      await db.tx(async (trx) => {
        await requireOrganisation(trx, organisationId);
        await trx
          .insertInto('programs')
          .values({ id: programId, organisation_id: organisationId })
          .onConflict((oc) => oc.column('id').doUpdateSet({ organisation_id: organisationId }))
          .execute();
        await db.appendAudit(trx, auditList(audit));
      });
    },

    async membershipsOf(userId) {
      const rows = await db.read
        .selectFrom('organisation_members')
        .select(['organisation_id', 'roles'])
        .where('user_id', '=', userId)
        .orderBy('organisation_id')
        .execute();
      return rows.map((r) => ({ organisationId: r.organisation_id, roles: JSON.parse(r.roles) as Role[] }));
    },

    async membersOf(organisationId) {
      const rows = await db.read
        .selectFrom('organisation_members')
        .select(['user_id', 'roles'])
        .where('organisation_id', '=', organisationId)
        .orderBy('user_id')
        .execute();
      return rows.map((r) => ({ organisationId, userId: r.user_id, roles: JSON.parse(r.roles) as Role[] }));
    },

    async setMembership(organisationId, userId, roles, audit) {
      return db.tx(async (trx) => {
        await requireOrganisation(trx, organisationId);
        await requireUser(trx, userId);
        const unique = [...new Set(roles)];
        const text = JSON.stringify(unique);
        await trx
          .insertInto('organisation_members')
          .values({ organisation_id: organisationId, user_id: userId, roles: text })
          .onConflict((oc) => oc.columns(['organisation_id', 'user_id']).doUpdateSet({ roles: text }))
          .execute();
        await db.appendAudit(trx, auditList(audit));
        return { organisationId, userId, roles: unique };
      });
    },

    async removeMembership(organisationId, userId, audit) {
      await db.tx(async (trx) => {
        const gone = await trx
          .deleteFrom('organisation_members')
          .where('organisation_id', '=', organisationId)
          .where('user_id', '=', userId)
          .executeTakeFirst();
        if (Number(gone.numDeletedRows) === 0) throw new NotFoundError('membership', `${organisationId}/${userId}`);
        await db.appendAudit(trx, auditList(audit));
      });
    },

    async listCaseTeam(caseId) {
      const rows = await db.read
        .selectFrom('case_team')
        .select(TEAM_COLUMNS)
        .where('case_id', '=', caseId)
        .orderBy('added_at')
        .orderBy('rowid')
        .execute();
      return rows.map(teamFromRow);
    },

    async setCaseTeamMember(input, audit) {
      return db.tx(async (trx) => {
        if (!(await trx.selectFrom('cases').select('id').where('id', '=', input.caseId).executeTakeFirst()))
          throw new NotFoundError('case', input.caseId);
        await requireUser(trx, input.userId);
        if (await teamMember(trx, input.caseId, input.userId))
          await trx
            .updateTable('case_team')
            .set({ role_label: input.roleLabel })
            .where('case_id', '=', input.caseId)
            .where('user_id', '=', input.userId)
            .execute();
        else
          await trx
            .insertInto('case_team')
            .values({ case_id: input.caseId, user_id: input.userId, role_label: input.roleLabel, added_by: input.addedBy, added_at: db.now() })
            .execute();
        await db.appendAudit(trx, auditList(audit));
        return teamFromRow((await teamMember(trx, input.caseId, input.userId))!);
      });
    },

    async removeCaseTeamMember(caseId, userId, audit) {
      await db.tx(async (trx) => {
        const gone = await trx.deleteFrom('case_team').where('case_id', '=', caseId).where('user_id', '=', userId).executeTakeFirst();
        if (Number(gone.numDeletedRows) === 0) throw new NotFoundError('team-member', `${caseId}/${userId}`);
        await db.appendAudit(trx, auditList(audit));
      });
    },
  };
}
