/**
 * SQLite organisations (issue 16): organisations, their members, the organisation of each program, the team around
 * a case.
 */
import type { Role } from '../../../engine/index.ts';
import { auditList } from '../common.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { DEFAULT_ORGANISATION, type CaseTeamMember, type OrganisationRecord, type OrganisationStore, type StaffScope } from '../types.ts';
import type { SqliteDb } from './db.ts';

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

/** The organisation methods over `db`. */
export function sqliteOrganisationMethods(db: SqliteDb): OrganisationStore {
  const byId = (id: string) => db.get<OrganisationRow>('SELECT * FROM organisations WHERE id = ?', id);
  const requireOrganisation = (id: string) => {
    const row = byId(id);
    if (!row) throw new NotFoundError('organisation', id);
    return row;
  };
  const requireUser = (id: string) => {
    if (!db.get('SELECT 1 FROM users WHERE id = ?', id)) throw new NotFoundError('user', id);
  };

  return {
    async listOrganisations() {
      return db.all<OrganisationRow>('SELECT * FROM organisations ORDER BY id').map(organisationFromRow);
    },

    async getOrganisation(id) {
      const row = byId(id);
      return row ? organisationFromRow(row) : null;
    },

    async createOrganisation(input, audit) {
      return db.tx(() => {
        if (byId(input.id))
          throw new ConflictError('duplicate', `An organisation with the id "${input.id}" already exists: choose another id.`, { id: input.id });
        const record: OrganisationRecord = { id: input.id, name: input.name, createdAt: db.now() };
        db.run('INSERT INTO organisations (id, name, created_at) VALUES (?, ?, ?)', record.id, record.name, record.createdAt);
        db.appendAudit(auditList(audit));
        return record;
      });
    },

    async updateOrganisation(id, patch, audit) {
      return db.tx(() => {
        requireOrganisation(id);
        db.run('UPDATE organisations SET name = ? WHERE id = ?', patch.name, id);
        db.appendAudit(auditList(audit));
        return organisationFromRow(requireOrganisation(id));
      });
    },

    async programOrganisation(programId) {
      return (
        db.get<{ organisation_id: string }>('SELECT organisation_id FROM programs WHERE id = ?', programId)?.organisation_id ?? DEFAULT_ORGANISATION
      );
    },

    async programOrganisations() {
      const rows = db.all<{ id: string; organisation_id: string }>('SELECT id, organisation_id FROM programs ORDER BY id');
      return Object.fromEntries(rows.map((r) => [r.id, r.organisation_id]));
    },

    async setProgramOrganisation(programId, organisationId, audit) {
      await db.tx(() => {
        requireOrganisation(organisationId);
        db.run(
          'INSERT INTO programs (id, organisation_id) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET organisation_id = excluded.organisation_id',
          programId,
          organisationId,
        );
        db.appendAudit(auditList(audit));
      });
    },

    async membershipsOf(userId) {
      return db
        .all<{ organisation_id: string; roles: string }>(
          'SELECT organisation_id, roles FROM organisation_members WHERE user_id = ? ORDER BY organisation_id',
          userId,
        )
        .map((r) => ({ organisationId: r.organisation_id, roles: JSON.parse(r.roles) as Role[] }));
    },

    async membersOf(organisationId) {
      return db
        .all<{ user_id: string; roles: string }>(
          'SELECT user_id, roles FROM organisation_members WHERE organisation_id = ? ORDER BY user_id',
          organisationId,
        )
        .map((r) => ({ organisationId, userId: r.user_id, roles: JSON.parse(r.roles) as Role[] }));
    },

    async setMembership(organisationId, userId, roles, audit) {
      return db.tx(() => {
        requireOrganisation(organisationId);
        requireUser(userId);
        const unique = [...new Set(roles)];
        db.run(
          `INSERT INTO organisation_members (organisation_id, user_id, roles) VALUES (?, ?, ?)
           ON CONFLICT (organisation_id, user_id) DO UPDATE SET roles = excluded.roles`,
          organisationId,
          userId,
          JSON.stringify(unique),
        );
        db.appendAudit(auditList(audit));
        return { organisationId, userId, roles: unique };
      });
    },

    async removeMembership(organisationId, userId, audit) {
      await db.tx(() => {
        const gone = db.run('DELETE FROM organisation_members WHERE organisation_id = ? AND user_id = ?', organisationId, userId);
        if (gone === 0) throw new NotFoundError('membership', `${organisationId}/${userId}`);
        db.appendAudit(auditList(audit));
      });
    },

    async listCaseTeam(caseId) {
      return db.all<TeamRow>('SELECT * FROM case_team WHERE case_id = ? ORDER BY added_at, rowid', caseId).map(teamFromRow);
    },

    async setCaseTeamMember(input, audit) {
      return db.tx(() => {
        if (!db.get('SELECT 1 FROM cases WHERE id = ?', input.caseId)) throw new NotFoundError('case', input.caseId);
        requireUser(input.userId);
        const existing = db.get<TeamRow>('SELECT * FROM case_team WHERE case_id = ? AND user_id = ?', input.caseId, input.userId);
        if (existing) db.run('UPDATE case_team SET role_label = ? WHERE case_id = ? AND user_id = ?', input.roleLabel, input.caseId, input.userId);
        else
          db.run(
            'INSERT INTO case_team (case_id, user_id, role_label, added_by, added_at) VALUES (?, ?, ?, ?, ?)',
            input.caseId,
            input.userId,
            input.roleLabel,
            input.addedBy,
            db.now(),
          );
        db.appendAudit(auditList(audit));
        return teamFromRow(db.get<TeamRow>('SELECT * FROM case_team WHERE case_id = ? AND user_id = ?', input.caseId, input.userId)!);
      });
    },

    async removeCaseTeamMember(caseId, userId, audit) {
      await db.tx(() => {
        const gone = db.run('DELETE FROM case_team WHERE case_id = ? AND user_id = ?', caseId, userId);
        if (gone === 0) throw new NotFoundError('team-member', `${caseId}/${userId}`);
        db.appendAudit(auditList(audit));
      });
    },
  };
}
