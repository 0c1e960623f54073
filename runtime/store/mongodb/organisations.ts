/**
 * MongoDB organisations (issue 16): organisations, their members, the organisation of each program, the team around
 * a case, and `scopeFilter`, the filter every staff-scoped case and application query adds.
 */
import type { Db, Document, Filter } from 'mongodb';
import type { Role } from '../../../engine/index.ts';
import { auditList } from '../common.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { DEFAULT_ORGANISATION, type CaseTeamMember, type OrganisationRecord, type OrganisationStore, type StaffScope } from '../types.ts';
import { nextOrdinal } from './docs.ts';
import { scalar, type UnitRunner } from './units.ts';

interface OrganisationDoc {
  _id: string;
  name: string;
  createdAt: string;
}
interface MemberDoc {
  _id: string;
  organisationId: string;
  userId: string;
  roles: Role[];
}
interface ProgramDoc {
  _id: string;
  organisationId: string;
}
type TeamDoc = CaseTeamMember & { _id: string; ord: number };

const teamFromDoc = (d: TeamDoc): CaseTeamMember => ({
  caseId: d.caseId,
  userId: d.userId,
  roleLabel: d.roleLabel,
  addedBy: d.addedBy,
  addedAt: d.addedAt,
});

/**
 * The filter that keeps only documents of `scope` (`programId` field; with `team`, cases whose team has the scope's
 * member): the programs of the scope's organisations are read first (a small collection), then matched by id. A
 * program without a `programs` document belongs to the default organisation. An absent scope keeps everything.
 */
export async function scopeFilter<T extends Document>(db: Db, scope: StaffScope | undefined, team: boolean): Promise<Filter<T>> {
  if (!scope) return {} as Filter<T>;
  const ids = scope.organisationIds.map((id) => scalar(id));
  const programs = db.collection<ProgramDoc>('programs');
  const inScope: Record<string, unknown> = ids.includes(DEFAULT_ORGANISATION)
    ? { programId: { $nin: (await programs.find({ organisationId: { $nin: ids } }).toArray()).map((p) => p._id) } }
    : { programId: { $in: (await programs.find({ organisationId: { $in: ids } }).toArray()).map((p) => p._id) } };
  if (!team || !scope.teamMemberId) return inScope as Filter<T>;
  const caseIds = (
    await db
      .collection<TeamDoc>('case_team')
      .find({ userId: scalar(scope.teamMemberId) })
      .toArray()
  ).map((t) => t.caseId);
  return { $or: [inScope, { _id: { $in: caseIds } }] } as Filter<T>;
}

/** The organisation methods over `db`. */
export function mongoOrganisationMethods(db: Db, units: UnitRunner, now: () => string): OrganisationStore {
  const organisations = db.collection<OrganisationDoc>('organisations');
  const members = db.collection<MemberDoc>('organisation_members');
  const programs = db.collection<ProgramDoc>('programs');
  const team = db.collection<TeamDoc>('case_team');

  async function requireOrganisation(id: string): Promise<OrganisationDoc> {
    const doc = await organisations.findOne({ _id: scalar(id) });
    if (!doc) throw new NotFoundError('organisation', id);
    return doc;
  }
  /** The claim that the organisation exists (it rewrites its own name, so the unit has something to claim). */
  const organisationClaim = (doc: OrganisationDoc) => ({
    op: 'update' as const,
    collection: 'organisations',
    filter: { _id: doc._id },
    set: { name: doc.name },
    onMiss: async () => new NotFoundError('organisation', doc._id),
  });
  async function requireUser(id: string): Promise<void> {
    if (!(await db.collection('users').findOne({ _id: scalar(id) as unknown as never }))) throw new NotFoundError('user', id);
  }

  return {
    async listOrganisations() {
      return (await organisations.find({}).sort({ _id: 1 }).toArray()).map((d) => ({ id: d._id, name: d.name, createdAt: d.createdAt }));
    },

    async getOrganisation(id) {
      const d = await organisations.findOne({ _id: scalar(id) });
      return d ? { id: d._id, name: d.name, createdAt: d.createdAt } : null;
    },

    async createOrganisation(input, audit) {
      const record: OrganisationRecord = { id: input.id, name: input.name, createdAt: now() };
      await units.run({
        claim: {
          op: 'insert',
          collection: 'organisations',
          doc: { _id: record.id, name: record.name, createdAt: record.createdAt },
          onDuplicate: () =>
            new ConflictError('duplicate', `An organisation with the id "${input.id}" already exists: choose another id.`, { id: input.id }),
        },
        steps: [],
        audit: auditList(audit),
      });
      return record;
    },

    async updateOrganisation(id, patch, audit) {
      const current = await requireOrganisation(id);
      await units.run({ claim: { ...organisationClaim(current), set: { name: patch.name } }, steps: [], audit: auditList(audit) });
      return { id, name: patch.name, createdAt: current.createdAt };
    },

    async programOrganisation(programId) {
      return (await programs.findOne({ _id: scalar(programId) }))?.organisationId ?? DEFAULT_ORGANISATION;
    },

    async programOrganisations() {
      return Object.fromEntries((await programs.find({}).sort({ _id: 1 }).toArray()).map((p) => [p._id, p.organisationId]));
    },

    async setProgramOrganisation(programId, organisationId, audit) {
      const organisation = await requireOrganisation(organisationId);
      await units.run({
        claim: organisationClaim(organisation),
        steps: [{ op: 'upsert', collection: 'programs', doc: { _id: programId, organisationId } }],
        audit: auditList(audit),
      });
    },

    async membershipsOf(userId) {
      return (
        await members
          .find({ userId: scalar(userId) })
          .sort({ organisationId: 1 })
          .toArray()
      ).map((m) => ({
        organisationId: m.organisationId,
        roles: [...m.roles],
      }));
    },

    async membersOf(organisationId) {
      return (
        await members
          .find({ organisationId: scalar(organisationId) })
          .sort({ userId: 1 })
          .toArray()
      ).map((m) => ({
        organisationId: m.organisationId,
        userId: m.userId,
        roles: [...m.roles],
      }));
    },

    async setMembership(organisationId, userId, roles, audit) {
      const organisation = await requireOrganisation(organisationId);
      await requireUser(userId);
      const unique = [...new Set(roles)];
      await units.run({
        claim: organisationClaim(organisation),
        steps: [
          { op: 'upsert', collection: 'organisation_members', doc: { _id: `${organisationId}/${userId}`, organisationId, userId, roles: unique } },
        ],
        audit: auditList(audit),
      });
      return { organisationId, userId, roles: unique };
    },

    async removeMembership(organisationId, userId, audit) {
      const id = `${organisationId}/${userId}`;
      const existing = await members.findOne({ _id: scalar(id) });
      if (!existing) throw new NotFoundError('membership', id);
      await units.run({
        claim: organisationClaim(await requireOrganisation(organisationId)),
        steps: [{ op: 'delete', collection: 'organisation_members', filter: { _id: id } }],
        audit: auditList(audit),
      });
    },

    async listCaseTeam(caseId) {
      return (
        await team
          .find({ caseId: scalar(caseId) })
          .sort({ ord: 1 })
          .toArray()
      ).map(teamFromDoc);
    },

    async setCaseTeamMember(input, audit) {
      const kase = await db.collection('cases').findOne({ _id: scalar(input.caseId) as unknown as never });
      if (!kase) throw new NotFoundError('case', input.caseId);
      await requireUser(input.userId);
      const id = `${input.caseId}/${input.userId}`;
      const existing = await team.findOne({ _id: scalar(id) });
      const member: TeamDoc = existing
        ? { ...existing, roleLabel: input.roleLabel }
        : {
            _id: id,
            caseId: input.caseId,
            userId: input.userId,
            roleLabel: input.roleLabel,
            addedBy: input.addedBy,
            addedAt: now(),
            ord: nextOrdinal(),
          };
      await units.run({
        claim: {
          op: 'update',
          collection: 'cases',
          filter: { _id: input.caseId },
          set: { revision: kase.revision },
          onMiss: async () => new NotFoundError('case', input.caseId),
        },
        steps: [{ op: 'upsert', collection: 'case_team', doc: member }],
        audit: auditList(audit),
      });
      return teamFromDoc(member);
    },

    async removeCaseTeamMember(caseId, userId, audit) {
      const id = `${caseId}/${userId}`;
      if (!(await team.findOne({ _id: scalar(id) }))) throw new NotFoundError('team-member', id);
      const kase = await db.collection('cases').findOne({ _id: scalar(caseId) as unknown as never });
      if (!kase) throw new NotFoundError('case', caseId);
      await units.run({
        claim: {
          op: 'update',
          collection: 'cases',
          filter: { _id: caseId },
          set: { revision: kase.revision },
          onMiss: async () => new NotFoundError('case', caseId),
        },
        steps: [{ op: 'delete', collection: 'case_team', filter: { _id: id } }],
        audit: auditList(audit),
      });
    },
  };
}
