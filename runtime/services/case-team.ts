/**
 * The team around one person (issue 16): a case's members, possibly from other organisations than the program's
 * (the SNAP caseworker, the food bank's volunteer coordinator, a housing NGO's advocate), each with a role label.
 * Staff of the program's organisation add and remove members; every change is audited. What a member from another
 * organisation sees is `caseDetail`'s team view (services/cases.ts).
 */
import type { AuthUser } from '../auth/context.ts';
import { HttpError, words } from '../http/errors.ts';
import type { ServiceContext } from './context.ts';
import { requireCase } from './cases.ts';

/** The case's team, each member with their name and organisations. */
export async function teamOf(ctx: ServiceContext, caseId: string) {
  const [team, users, organisations] = await Promise.all([ctx.store.listCaseTeam(caseId), ctx.store.listUsers(), ctx.store.listOrganisations()]);
  const names = new Map(users.map((u) => [u.id, u.name]));
  const orgNames = new Map(organisations.map((o) => [o.id, o.name]));
  const out = [];
  for (const m of team) {
    const memberships = await ctx.store.membershipsOf(m.userId);
    out.push({
      ...m,
      name: names.get(m.userId) ?? m.userId,
      organisations: memberships.map((x) => ({ id: x.organisationId, name: orgNames.get(x.organisationId) ?? x.organisationId })),
    });
  }
  return out;
}

/** The team, for staff of the program's organisation and for the team's members. */
export async function listTeam(ctx: ServiceContext, user: AuthUser, id: string) {
  const kase = await requireCase(ctx, id, user, 'team');
  return { items: await teamOf(ctx, kase.id) };
}

/** Adds a member (any organisation's staff member) with a role label, or changes their label. */
export async function setTeamMember(ctx: ServiceContext, user: AuthUser, id: string, userId: string, roleLabel: string) {
  const kase = await requireCase(ctx, id, user);
  if ((await ctx.store.membershipsOf(userId)).length === 0) {
    if (!(await ctx.store.getUser(userId))) throw new HttpError(404, 'not-found', words('not-found', { what: 'user', id: userId }));
    throw new HttpError(422, 'team-not-staff', words('team.not-staff', { userId }));
  }
  const label = roleLabel.trim();
  await ctx.store.setCaseTeamMember(
    { caseId: kase.id, userId, roleLabel: label, addedBy: user.id },
    { actorId: user.id, action: 'case.team.set', entity: 'case', entityId: kase.id, details: { userId, roleLabel: label } },
  );
  return (await teamOf(ctx, kase.id)).find((m) => m.userId === userId)!;
}

/** Removes a member from the team. */
export async function removeTeamMember(ctx: ServiceContext, user: AuthUser, id: string, userId: string) {
  const kase = await requireCase(ctx, id, user);
  await ctx.store.removeCaseTeamMember(kase.id, userId, {
    actorId: user.id,
    action: 'case.team.remove',
    entity: 'case',
    entityId: kase.id,
    details: { userId },
  });
}
