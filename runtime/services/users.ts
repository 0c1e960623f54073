/**
 * User accounts: administrators create, list, change and disable them; the first administrator (and, on request,
 * demo staff) are created at first start. Every change writes an audit entry without secrets.
 */
import type { Role } from '../../engine/index.ts';
import type { AuthUser } from '../auth/context.ts';
import { generatePassword, hashPassword } from '../auth/passwords.ts';
import { publicUser } from '../auth/sessions.ts';
import { HttpError, notFound, words } from '../http/errors.ts';
import type { ServiceContext } from './context.ts';
import { forbidden } from '../http/errors.ts';
import { isPlatformAdmin, managedUserIds, memberRoles, organisationForNewUser, PLATFORM_ADMIN } from './organisations.ts';

/** Body of `POST /api/users`. */
export interface CreateUserInput {
  email: string;
  name: string;
  roles: Role[];
  password: string;
  /** The organisation the account joins (with its roles there); default: the first one the creator administers. */
  organisationId?: string;
}

/** Body of `PATCH`-like `PUT /api/users/:id`; omitted fields stay. */
export interface UpdateUserInput {
  name?: string;
  roles?: Role[];
  disabled?: boolean;
  password?: string;
}

/**
 * Creates an account (409 `duplicate` when the email is taken), a member with its roles of `organisationId` or of
 * the first organisation the creator administers (issue 16). Only a platform administrator grants
 * `platform-administrator` (403).
 */
export async function createUser(ctx: ServiceContext, actor: AuthUser | null, input: CreateUserInput) {
  const email = input.email.trim().toLowerCase();
  if (actor && input.roles.includes(PLATFORM_ADMIN) && !isPlatformAdmin(actor)) throw forbidden(words('organisation.platform-grant'), 'organisation');
  const organisationId = await organisationForNewUser(ctx, actor, input.organisationId);
  const roles = [...new Set(input.roles)];
  const user = await ctx.store.createUser(
    { email, name: input.name, roles, passwordHash: await hashPassword(input.password) },
    { actorId: actor?.id ?? null, action: 'user.create', entity: 'user', entityId: email, details: { email, roles: input.roles } },
  );
  await ctx.store.setMembership(organisationId, user.id, memberRoles(roles), {
    actorId: actor?.id ?? null,
    action: 'organisation.member.set',
    entity: 'organisation',
    entityId: organisationId,
    details: { userId: user.id, roles: memberRoles(roles) },
  });
  return publicUser(user);
}

/** The accounts `actor` manages (issue 16: those of the organisations they administer; all for a platform administrator), by email. */
export async function listUsers(ctx: ServiceContext, actor?: AuthUser) {
  const managed = actor ? await managedUserIds(ctx, actor) : null;
  return (await ctx.store.listUsers()).filter((u) => !managed || managed.has(u.id)).map(publicUser);
}

/**
 * Changes name, roles, disabled flag or password. Disabling or changing the password ends the user's sessions.
 * An administrator cannot remove their own administrator role or disable themselves (422), so the system always
 * keeps someone who can manage it.
 */
export async function updateUser(ctx: ServiceContext, actor: AuthUser, id: string, input: UpdateUserInput) {
  const existing = await ctx.store.getUser(id);
  const managed = await managedUserIds(ctx, actor);
  if (!existing || (managed && !managed.has(id))) throw notFound('user', id);
  if (input.roles && input.roles.includes(PLATFORM_ADMIN) !== existing.roles.includes(PLATFORM_ADMIN) && !isPlatformAdmin(actor))
    throw forbidden(words('organisation.platform-grant'), 'organisation');
  if (actor.id === id && (input.disabled === true || (input.roles && !input.roles.includes('administrator')))) {
    throw new HttpError(422, 'self-lockout', words('self-lockout'));
  }
  const details: Record<string, unknown> = {};
  if (input.name !== undefined) details.name = { from: existing.name, to: input.name };
  if (input.roles !== undefined) details.roles = { from: existing.roles, to: input.roles };
  if (input.disabled !== undefined) details.disabled = { from: existing.disabled, to: input.disabled };
  if (input.password !== undefined) details.password = 'changed';
  const user = await ctx.store.updateUser(
    id,
    {
      name: input.name,
      roles: input.roles ? [...new Set(input.roles)] : undefined,
      disabled: input.disabled,
      passwordHash: input.password !== undefined ? await hashPassword(input.password) : undefined,
    },
    { actorId: actor.id, action: 'user.update', entity: 'user', entityId: id, details },
  );
  if (input.disabled === true || input.password !== undefined) await ctx.store.deleteUserSessions(id);
  // One organisation: its membership holds the account's roles (with several, each membership is set on its own).
  const memberships = input.roles ? await ctx.store.membershipsOf(id) : [];
  if (input.roles && memberships.length === 1)
    await ctx.store.setMembership(memberships[0].organisationId, id, memberRoles(user.roles), {
      actorId: actor.id,
      action: 'organisation.member.set',
      entity: 'organisation',
      entityId: memberships[0].organisationId,
      details: { userId: id, roles: memberRoles(user.roles) },
    });
  return publicUser(user);
}

/** An account created at start, with its password when it was generated (to print once). */
export interface CreatedAccount {
  email: string;
  roles: Role[];
  password: string;
  generated: boolean;
}

/**
 * On a store without users: creates the first administrator from the configured email/password, or
 * `admin@mandate.local` with a generated password. Returns null when users already exist.
 */
export async function ensureFirstAdmin(ctx: ServiceContext, email?: string, password?: string): Promise<CreatedAccount | null> {
  if ((await ctx.store.countUsers()) > 0) return null;
  const generated = !password;
  const account = {
    email: (email ?? 'admin@mandate.local').toLowerCase(),
    // The first administrator also administers the platform (organisations and which one runs each program).
    roles: ['administrator', PLATFORM_ADMIN] as Role[],
    password: password ?? generatePassword(),
    generated,
  };
  await createUser(ctx, null, { email: account.email, name: 'Administrator', roles: account.roles, password: account.password });
  return account;
}

/** The demo staff accounts created by `MANDATE_DEMO_USERS=1`, each a member of `organisationId` (default: the default one). */
export const DEMO_USERS: { email: string; name: string; roles: Role[]; organisationId?: string }[] = [
  { email: 'caseworker@mandate.local', name: 'Casey Worker', roles: ['caseworker'] },
  { email: 'caseworker2@mandate.local', name: 'Cameron Worker', roles: ['caseworker'] },
  { email: 'supervisor@mandate.local', name: 'Sam Supervisor', roles: ['supervisor'] },
  { email: 'analyst@mandate.local', name: 'Ana Lyst', roles: ['analyst'] },
  { email: 'intermediary@mandate.local', name: 'Ines Navigator', roles: ['intermediary'] },
  // The second organisation of the demo (programs/organisations.json), which runs the community food bank.
  { email: 'foodbank-admin@mandate.local', name: 'Fran Banks', roles: ['administrator'], organisationId: 'community-food-bank-org' },
  { email: 'foodbank-caseworker@mandate.local', name: 'Frida Volunteer', roles: ['caseworker'], organisationId: 'community-food-bank-org' },
];

/**
 * Creates each demo account whose email is not taken yet, with `sharedPassword` (MANDATE_DEMO_PASSWORD) or a fresh
 * generated password each, and returns them
 * so the server can print the credentials once.
 */
export async function ensureDemoUsers(ctx: ServiceContext, sharedPassword?: string): Promise<CreatedAccount[]> {
  const created: CreatedAccount[] = [];
  for (const demo of DEMO_USERS) {
    if (await ctx.store.getUserByEmail(demo.email)) continue;
    if (demo.organisationId && !(await ctx.store.getOrganisation(demo.organisationId))) continue;
    const password = sharedPassword ?? generatePassword();
    await createUser(ctx, null, { ...demo, password });
    created.push({ email: demo.email, roles: demo.roles, password, generated: !sharedPassword });
  }
  return created;
}

/** A person as lists show them: display name and email, by user id (ids no longer known are left out). */
export async function peopleById(
  ctx: ServiceContext,
  ids: Iterable<string | null | undefined>,
): Promise<Record<string, { name: string; email: string }>> {
  const wanted = new Set([...ids].filter((id): id is string => !!id));
  const people: Record<string, { name: string; email: string }> = {};
  if (wanted.size === 0) return people;
  for (const u of await ctx.store.listUsers()) if (wanted.has(u.id)) people[u.id] = { name: u.name, email: u.email };
  return people;
}
