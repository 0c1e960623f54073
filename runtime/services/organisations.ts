/**
 * Organisations (issue 16): which organisation runs each program, who is a member of which organisation with which
 * roles, and the scope that follows for staff: a staff member reads and acts on the cases, applications, documents
 * and notes of their organisations' programs only (`staffScope`, applied in the store's queries), plus, read-only
 * and limited, the cases whose team they are on.
 *
 * Roles: a user's account roles (`UserRecord.roles`) say which routes they may call; their memberships say in which
 * organisations. Account roles are kept the union of the membership roles (and `platform-administrator`, which is
 * not held in an organisation). A platform administrator manages organisations and assigns programs to them (and
 * reads no case by that role); an organisation's administrators (members holding `administrator` there) manage its
 * members.
 */
import type { Role } from '../../engine/index.ts';
import type { AuthUser } from '../auth/context.ts';
import { publicUser } from '../auth/sessions.ts';
import { forbidden, HttpError, notFound, unprocessable, words } from '../http/errors.ts';
import { DEFAULT_ORGANISATION, type StaffScope } from '../store/types.ts';
import type { ServiceContext } from './context.ts';

/** The role that manages organisations; never held in one. */
export const PLATFORM_ADMIN: Role = 'platform-administrator';

/** True when `user` is a platform administrator. */
export function isPlatformAdmin(user: Pick<AuthUser, 'roles'> | null): boolean {
  return !!user && user.roles.includes(PLATFORM_ADMIN);
}

/** Roles that work cases and applications: held in an organisation, they open its cases to the member. */
export const STAFF_ROLES: readonly Role[] = ['caseworker', 'supervisor', 'administrator'];

/**
 * What a staff member's queries may return: the cases and applications of the programs of every organisation in
 * which they hold a staff role (`STAFF_ROLES`; a caseworker of A who is only an analyst of B reads none of B's
 * cases, though their account roles are the union), and (cases, limited view) those whose team they are on.
 */
export async function staffScope(ctx: Pick<ServiceContext, 'store'>, user: Pick<AuthUser, 'id'>): Promise<StaffScope> {
  const memberships = await ctx.store.membershipsOf(user.id);
  const staffIn = memberships.filter((m) => m.roles.some((role) => STAFF_ROLES.includes(role)));
  return { organisationIds: staffIn.map((m) => m.organisationId), teamMemberId: user.id };
}

/** True when `user` is a member of the organisation running `programId`. */
export async function worksOnProgram(ctx: ServiceContext, user: Pick<AuthUser, 'id'>, programId: string): Promise<boolean> {
  const [organisationId, memberships] = await Promise.all([ctx.store.programOrganisation(programId), ctx.store.membershipsOf(user.id)]);
  return memberships.some((m) => m.organisationId === organisationId);
}

/** Throws 403 unless `user` is a member of the organisation that runs `programId`. */
export async function assertWorksOnProgram(ctx: ServiceContext, user: Pick<AuthUser, 'id'>, programId: string): Promise<void> {
  if (await worksOnProgram(ctx, user, programId)) return;
  const organisationId = await ctx.store.programOrganisation(programId);
  throw forbidden(words('organisation.program', { programId, organisationId }), 'organisation');
}

/**
 * `user` as they act in `organisationId`: with the roles of their membership there (and `platform-administrator`,
 * installation-wide), so a caseworker of A who administers B is a caseworker on A's things. A user who is no member
 * of it keeps their account roles (the scope checks refuse them, or give a team member the team view).
 */
export async function actingIn<U extends Pick<AuthUser, 'id' | 'roles'>>(ctx: ServiceContext, user: U, organisationId: string): Promise<U> {
  const membership = (await ctx.store.membershipsOf(user.id)).find((m) => m.organisationId === organisationId);
  if (!membership) return user;
  const roles = [...new Set<Role>([...membership.roles, ...(isPlatformAdmin(user) ? [PLATFORM_ADMIN] : [])])];
  return { ...user, roles };
}

/** The organisation a program `user` creates belongs to: their first organisation (`default` if they are in it). */
export async function homeOrganisation(ctx: ServiceContext, user: Pick<AuthUser, 'id'>): Promise<string> {
  const ids = (await ctx.store.membershipsOf(user.id)).map((m) => m.organisationId);
  return ids.includes(DEFAULT_ORGANISATION) || ids.length === 0 ? DEFAULT_ORGANISATION : ids[0];
}

/**
 * Before a draft of `programId` is created by `user`: an existing program must be run by one of their organisations
 * (403 otherwise). Returns the organisation to assign a NEW program to, or null (existing, or the default one).
 */
export async function organisationForNewDraft(ctx: ServiceContext, user: Pick<AuthUser, 'id'>, programId: string): Promise<string | null> {
  if ((await ctx.store.maxVersion(programId)) > 0) {
    await assertWorksOnProgram(ctx, user, programId);
    return null;
  }
  const home = await homeOrganisation(ctx, user);
  return home === DEFAULT_ORGANISATION ? null : home;
}

/** The organisations `user` administers (holds `administrator` in). */
async function administered(ctx: ServiceContext, user: Pick<AuthUser, 'id'>): Promise<string[]> {
  return (await ctx.store.membershipsOf(user.id)).filter((m) => m.roles.includes('administrator')).map((m) => m.organisationId);
}

/** Throws 403 unless `user` is a platform administrator or an administrator of `organisationId`. */
async function assertManages(ctx: ServiceContext, user: AuthUser, organisationId: string): Promise<void> {
  if (isPlatformAdmin(user)) return;
  if ((await administered(ctx, user)).includes(organisationId)) return;
  throw forbidden(words('organisation.not-admin', { organisationId }), 'organisation');
}

/** The organisation or 404. */
async function requireOrganisation(ctx: ServiceContext, id: string) {
  const organisation = await ctx.store.getOrganisation(id);
  if (!organisation) throw notFound('organisation', id);
  return organisation;
}

/** The ids of the users who share an organisation `user` administers (everyone, for a platform administrator). */
export async function managedUserIds(ctx: ServiceContext, user: AuthUser): Promise<Set<string> | null> {
  if (isPlatformAdmin(user)) return null;
  const ids = new Set<string>();
  for (const organisationId of await administered(ctx, user)) for (const m of await ctx.store.membersOf(organisationId)) ids.add(m.userId);
  return ids;
}

/** Account roles after a membership change: the union of the memberships' roles, and platform administration kept. */
async function syncAccountRoles(ctx: ServiceContext, actor: AuthUser | null, userId: string): Promise<void> {
  const user = await ctx.store.getUser(userId);
  if (!user) return;
  const roles = new Set<Role>((await ctx.store.membershipsOf(userId)).flatMap((m) => m.roles));
  if (user.roles.includes(PLATFORM_ADMIN)) roles.add(PLATFORM_ADMIN);
  const next = [...roles].sort();
  if (next.join() === [...user.roles].sort().join()) return;
  await ctx.store.updateUser(
    userId,
    { roles: next },
    { actorId: actor?.id ?? null, action: 'user.update', entity: 'user', entityId: userId, details: { roles: { from: user.roles, to: next } } },
  );
}

/** Refuses a role that is not held in an organisation (422 naming it). */
function checkMemberRoles(roles: readonly Role[]): void {
  if (roles.includes(PLATFORM_ADMIN))
    throw unprocessable(words('organisation.platform-role'), [
      { code: 'organisation.platform-role', severity: 'error', path: '/roles', message: 'platform-administrator is not held in an organisation.' },
    ]);
}

/** The organisations `user` may see: all for a platform administrator, else their own; each with its programs. */
export async function listOrganisations(ctx: ServiceContext, user: AuthUser) {
  const [all, assigned, versions, memberships] = await Promise.all([
    ctx.store.listOrganisations(),
    ctx.store.programOrganisations(),
    ctx.store.listProgramVersions(),
    ctx.store.membershipsOf(user.id),
  ]);
  const mine = new Set(memberships.map((m) => m.organisationId));
  const programIds = [...new Set(versions.map((v) => v.programId))].sort();
  const adminOf = new Set(memberships.filter((m) => m.roles.includes('administrator')).map((m) => m.organisationId));
  return {
    items: all
      .filter((o) => isPlatformAdmin(user) || mine.has(o.id))
      .map((o) => ({
        ...o,
        programs: programIds.filter((p) => (assigned[p] ?? DEFAULT_ORGANISATION) === o.id),
        member: mine.has(o.id),
        manages: isPlatformAdmin(user) || adminOf.has(o.id),
      })),
  };
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Creates an organisation (platform administrators; 409 when the id is taken). */
export async function createOrganisation(ctx: ServiceContext, user: AuthUser, input: { id: string; name: string }) {
  if (!SLUG.test(input.id))
    throw unprocessable(words('organisation.bad-id', { id: input.id }), [
      { code: 'organisation.bad-id', severity: 'error', path: '/id', message: `"${input.id}" is not a slug.`, params: { id: input.id } },
    ]);
  const name = input.name.trim();
  return ctx.store.createOrganisation(
    { id: input.id, name },
    { actorId: user.id, action: 'organisation.create', entity: 'organisation', entityId: input.id, details: { name } },
  );
}

/** Renames an organisation (its administrators or a platform administrator). */
export async function renameOrganisation(ctx: ServiceContext, user: AuthUser, id: string, name: string) {
  const current = await requireOrganisation(ctx, id);
  await assertManages(ctx, user, id);
  return ctx.store.updateOrganisation(
    id,
    { name: name.trim() },
    {
      actorId: user.id,
      action: 'organisation.update',
      entity: 'organisation',
      entityId: id,
      details: { name: { from: current.name, to: name.trim() } },
    },
  );
}

/** Assigns a program to an organisation (platform administrators); 404 for an unknown program or organisation. */
export async function assignProgram(ctx: ServiceContext, user: AuthUser | null, programId: string, organisationId: string) {
  if ((await ctx.store.maxVersion(programId)) === 0) throw notFound('program', programId);
  await requireOrganisation(ctx, organisationId);
  const from = await ctx.store.programOrganisation(programId);
  await ctx.store.setProgramOrganisation(programId, organisationId, {
    actorId: user?.id ?? null,
    action: 'program.organisation',
    entity: 'program',
    entityId: programId,
    details: { from, to: organisationId },
  });
  return { programId, organisationId };
}

/** The members of an organisation with their names (its administrators or a platform administrator). */
export async function listMembers(ctx: ServiceContext, user: AuthUser, organisationId: string) {
  await requireOrganisation(ctx, organisationId);
  await assertManages(ctx, user, organisationId);
  const [members, users] = await Promise.all([ctx.store.membersOf(organisationId), ctx.store.listUsers()]);
  const byId = new Map(users.map((u) => [u.id, u]));
  return {
    items: members
      .filter((m) => byId.has(m.userId))
      .map((m) => ({ organisationId, roles: m.roles, user: publicUser(byId.get(m.userId)!) }))
      .sort((a, b) => a.user.email.localeCompare(b.user.email)),
  };
}

/**
 * Makes a user (by id or email) a member of the organisation with `roles`, or changes their roles there; the
 * account's roles follow (their union over memberships). Its administrators or a platform administrator.
 */
export async function setMember(
  ctx: ServiceContext,
  actor: AuthUser,
  organisationId: string,
  input: { userId?: string; email?: string; roles: Role[] },
) {
  await requireOrganisation(ctx, organisationId);
  await assertManages(ctx, actor, organisationId);
  checkMemberRoles(input.roles);
  const user = input.userId ? await ctx.store.getUser(input.userId) : input.email ? await ctx.store.getUserByEmail(input.email) : null;
  if (!user) {
    if (!input.userId && !input.email) throw new HttpError(400, 'bad-request', words('organisation.member-who'));
    throw notFound('user', input.userId ?? input.email ?? '');
  }
  const removesOwnAdmin = actor.id === user.id && !input.roles.includes('administrator') && !isPlatformAdmin(actor);
  if (removesOwnAdmin) throw new HttpError(422, 'self-lockout', words('self-lockout'));
  const membership = await ctx.store.setMembership(organisationId, user.id, input.roles, {
    actorId: actor.id,
    action: 'organisation.member.set',
    entity: 'organisation',
    entityId: organisationId,
    details: { userId: user.id, roles: input.roles },
  });
  await syncAccountRoles(ctx, actor, user.id);
  return { organisationId, roles: membership.roles, user: publicUser((await ctx.store.getUser(user.id))!) };
}

/** Ends a membership (its administrators or a platform administrator; not one's own). */
export async function removeMember(ctx: ServiceContext, actor: AuthUser, organisationId: string, userId: string) {
  await requireOrganisation(ctx, organisationId);
  await assertManages(ctx, actor, organisationId);
  if (actor.id === userId && !isPlatformAdmin(actor)) throw new HttpError(422, 'self-lockout', words('self-lockout'));
  await ctx.store.removeMembership(organisationId, userId, {
    actorId: actor.id,
    action: 'organisation.member.remove',
    entity: 'organisation',
    entityId: organisationId,
    details: { userId },
  });
  await syncAccountRoles(ctx, actor, userId);
}

/**
 * The organisation a new account joins: the one named (which `actor` must manage), else the first one `actor`
 * administers, else the default organisation (accounts created at start).
 */
export async function organisationForNewUser(ctx: ServiceContext, actor: AuthUser | null, named?: string): Promise<string> {
  if (named) {
    await requireOrganisation(ctx, named);
    if (actor) await assertManages(ctx, actor, named);
    return named;
  }
  if (!actor) return DEFAULT_ORGANISATION;
  const mine = await administered(ctx, actor);
  return mine.includes(DEFAULT_ORGANISATION) || mine.length === 0 ? DEFAULT_ORGANISATION : mine[0];
}

/** Every enabled account that is a member of an organisation, with its organisations' names, by name (team panels). */
export async function staffDirectory(ctx: ServiceContext) {
  const [users, all] = await Promise.all([ctx.store.listUsers(), ctx.store.listOrganisations()]);
  const names = new Map(all.map((o) => [o.id, o.name]));
  const items = [];
  for (const u of users) {
    if (u.disabled) continue;
    const memberships = await ctx.store.membershipsOf(u.id);
    if (memberships.length === 0) continue;
    items.push({
      id: u.id,
      name: u.name,
      organisations: memberships.map((m) => ({ id: m.organisationId, name: names.get(m.organisationId) ?? m.organisationId })),
    });
  }
  return { items: items.sort((a, b) => a.name.localeCompare(b.name)) };
}

/** The roles of a membership for an account's roles (platform administration is not held in an organisation). */
export function memberRoles(roles: readonly Role[]): Role[] {
  return roles.filter((r) => r !== PLATFORM_ADMIN);
}

/**
 * The organisations of the shipped demo (programs/organisations.json): each organisation missing from the store is
 * created with its programs assigned to it. An organisation already there is left as it is, so a platform
 * administrator's later changes stay.
 */
export async function seedOrganisations(ctx: ServiceContext, seed: { organisations: { id: string; name: string; programs: string[] }[] }) {
  for (const o of seed.organisations) {
    if (await ctx.store.getOrganisation(o.id)) continue;
    await ctx.store.createOrganisation(
      { id: o.id, name: o.name },
      { actorId: null, action: 'organisation.create', entity: 'organisation', entityId: o.id, details: { name: o.name, seed: true } },
    );
    for (const programId of o.programs) if ((await ctx.store.maxVersion(programId)) > 0) await assignProgram(ctx, null, programId, o.id);
  }
}

/** Gives the default organisation the configured name (MANDATE_ORGANISATION_NAME) when it has another. */
export async function nameDefaultOrganisation(ctx: ServiceContext, name: string): Promise<void> {
  const current = await ctx.store.getOrganisation(DEFAULT_ORGANISATION);
  if (!current || current.name === name) return;
  await ctx.store.updateOrganisation(
    DEFAULT_ORGANISATION,
    { name },
    {
      actorId: null,
      action: 'organisation.update',
      entity: 'organisation',
      entityId: DEFAULT_ORGANISATION,
      details: { name: { from: current.name, to: name } },
    },
  );
}
