/**
 * The one door through which networks of care read organisations (issue 16): which organisation runs a program and
 * which programs a staff member works for. Organisations themselves are issue 16's organisation model; until the
 * store offers `programOrganisation` / `staffProgramIds`, every program belongs to the one organisation `default`
 * and staff work for every program (a single-organisation install).
 */
import type { Program } from '../../engine/index.ts';
import type { AuthUser } from '../auth/context.ts';
import type { Store } from '../store/types.ts';

/** What the port reads: the store (a `ServiceContext` is one). */
type WithStore = { store: Store };

/** The organisation methods a store may offer (issue 16's organisation model). */
interface OrganisationAware {
  programOrganisation?: (programId: string) => Promise<string>;
  staffProgramIds?: (userId: string) => Promise<string[]>;
}

/** The id of the organisation that runs `programId` (`default` on a single-organisation install). */
export async function programOrganisation(ctx: WithStore, programId: string): Promise<string> {
  const store = ctx.store as unknown as OrganisationAware;
  return store.programOrganisation ? store.programOrganisation(programId) : 'default';
}

/** The program ids among `programIds` whose organisation `user` works for (all of them on a single-organisation install). */
export async function staffPrograms(ctx: WithStore, user: AuthUser, programIds: readonly string[]): Promise<string[]> {
  const store = ctx.store as unknown as OrganisationAware;
  if (!store.staffProgramIds) return [...programIds];
  const mine = new Set(await store.staffProgramIds(user.id));
  return programIds.filter((id) => mine.has(id));
}

/** The name the person sees for the organisation running `doc`: its `owner.name`. */
export function organisationName(doc: Program): string {
  return doc.owner.name;
}
