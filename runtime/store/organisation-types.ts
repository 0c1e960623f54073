/**
 * The organisations aggregate of the store (issue 16): organisations, memberships, the organisation running each
 * program, and case teams.
 * Part of the `Store` contract (`types.ts`, whose conventions hold here too).
 */
import type { Role } from '../../engine/index.ts';
import type { AuditArg } from './audit-types.ts';

/** An organisation: runs programs, has staff members. `default` always exists (installs from before issue 16). */
export interface OrganisationRecord {
  /** A slug. */
  id: string;
  name: string;
  createdAt: string;
}

/** A user's membership of an organisation with the roles they hold there. */
export interface MembershipRecord {
  organisationId: string;
  userId: string;
  roles: Role[];
}

/**
 * Which records a staff member's queries may return: those of the programs of `organisationIds`, and (cases only)
 * the cases whose team has `teamMemberId` on it.
 */
export interface StaffScope {
  organisationIds: readonly string[];
  teamMemberId?: string;
}

/** A member of the team around one case, possibly of another organisation than the program's. */
export interface CaseTeamMember {
  caseId: string;
  userId: string;
  /** Free text, e.g. "Volunteer coordinator". */
  roleLabel: string;
  addedBy: string | null;
  addedAt: string;
}

/** The organisation that owns no program row falls back to this one. */
export const DEFAULT_ORGANISATION = 'default';

/** Organisations, memberships, programs' organisations and case teams. */
export interface OrganisationStore {
  /** Every organisation, ordered by id. */
  listOrganisations(): Promise<OrganisationRecord[]>;
  getOrganisation(id: string): Promise<OrganisationRecord | null>;
  /** Throws `ConflictError('duplicate')` when the id is taken. */
  createOrganisation(input: { id: string; name: string }, audit?: AuditArg): Promise<OrganisationRecord>;
  updateOrganisation(id: string, patch: { name: string }, audit?: AuditArg): Promise<OrganisationRecord>;
  /** The organisation running the program (`default` when it was never assigned). */
  programOrganisation(programId: string): Promise<string>;
  /** The organisation of each program that has been assigned one, by program id. */
  programOrganisations(): Promise<Record<string, string>>;
  /** Throws `NotFoundError` for an unknown organisation. */
  setProgramOrganisation(programId: string, organisationId: string, audit?: AuditArg): Promise<void>;
  /** The user's memberships, ordered by organisation id. */
  membershipsOf(userId: string): Promise<{ organisationId: string; roles: Role[] }[]>;
  /** The organisation's members, ordered by user id. */
  membersOf(organisationId: string): Promise<MembershipRecord[]>;
  /** Creates or replaces the membership. Throws `NotFoundError` for an unknown organisation or user. */
  setMembership(organisationId: string, userId: string, roles: Role[], audit?: AuditArg): Promise<MembershipRecord>;
  /** Throws `NotFoundError` when there is no such membership. */
  removeMembership(organisationId: string, userId: string, audit?: AuditArg): Promise<void>;
  /** The team of a case, in the order members were added. */
  listCaseTeam(caseId: string): Promise<CaseTeamMember[]>;
  /** Adds or relabels a member. Throws `NotFoundError` for an unknown case or user. */
  setCaseTeamMember(input: { caseId: string; userId: string; roleLabel: string; addedBy: string | null }, audit?: AuditArg): Promise<CaseTeamMember>;
  /** Throws `NotFoundError` when the user is not on the team. */
  removeCaseTeamMember(caseId: string, userId: string, audit?: AuditArg): Promise<void>;
}
