/**
 * The one door through which networks of care read organisations (issue 16): which organisation runs a program and
 * which programs a staff member works for, read from the organisation model (`organisations.ts`, the store's
 * organisation methods): a program no organisation claimed belongs to `default`.
 */
import type { Program } from '../../engine/index.ts';
import type { AuthUser } from '../auth/context.ts';
import type { Store } from '../store/types.ts';
import { staffScope } from './organisations.ts';

/** What the port reads: the store (a `ServiceContext` is one). */
type WithStore = { store: Store };

/** The id of the organisation that runs `programId` (`default` on a single-organisation install). */
export async function programOrganisation(ctx: WithStore, programId: string): Promise<string> {
  return ctx.store.programOrganisation(programId);
}

/**
 * The program ids among `programIds` run by an organisation in which `user` holds a staff role (`STAFF_ROLES`): being
 * a member there is not enough (a caseworker of A who is only an analyst of B works none of B's referrals).
 */
export async function staffPrograms(ctx: WithStore, user: AuthUser, programIds: readonly string[]): Promise<string[]> {
  const [scope, owners] = await Promise.all([staffScope(ctx, user), ctx.store.programOrganisations()]);
  const mine = new Set(scope.organisationIds);
  return programIds.filter((id) => mine.has(owners[id] ?? 'default'));
}

/** The name the person sees for the organisation running `doc`: its `owner.name` (pass the document in their language). */
export function organisationName(doc: Program): string {
  return doc.owner.name;
}
