/**
 * Who may act on a case (take a transition, add a note, apply a re-determination): the runtime's rules on top of
 * each workflow's own roles and guards.
 *
 * 1. No self-dealing: staff never act on a case they are a party to, that is, when their account started the
 *    application (they applied for themselves, or as the intermediary for someone) or submitted it. The link is the
 *    application's `createdBy` and the actor of the case's `submit` event. A transition the user may take in a
 *    non-staff role (an intermediary appealing for the applicant) stays theirs.
 * 2. The workflow's `caseAccess`: `"program"` (default) lets any caseworker of the program act; `"assignee"` lets a
 *    caseworker act on an assigned case only when it is assigned to them (supervisors and administrators may act
 *    on any case).
 *
 * Auto-assignment (`assign` to `role:…`) uses `personallyRefused` so it never picks the one person these rules or
 * the next transition's guard would refuse.
 */
import type { Actor, GuardContext, IsoDate, Program, Role } from '../../engine/index.ts';
import type { AuthUser } from '../auth/context.ts';
import { forbidden, words } from '../http/errors.ts';
import type { CaseRecord } from '../store/types.ts';
import type { ServiceContext } from './context.ts';
import { transition } from './engine-port.ts';

/** Roles that act for the agency; a party to a case may not act on it in one of them. */
const STAFF: readonly Role[] = ['caseworker', 'supervisor', 'administrator'];
/** Roles that act for the applicant. */
const FOR_APPLICANT: readonly Role[] = ['applicant', 'intermediary'];

/** The user ids that are a party to the case: who started its application and who submitted it. */
export async function partiesOf(ctx: ServiceContext, kase: CaseRecord): Promise<Set<string>> {
  const [application, events] = await Promise.all([ctx.store.getApplication(kase.applicationId), ctx.store.listCaseEvents(kase.id)]);
  const out = new Set<string>();
  if (application?.createdBy) out.add(application.createdBy);
  for (const e of events) if (e.event === 'submit' && e.actorId) out.add(e.actorId);
  return out;
}

/** Why `user` may not act on the case (`own-case` or `not-assignee`), or null. `transitionRoles`: the roles of the
 *  transition being taken, when it is one (a party may still take it in a role acting for the applicant). */
export function accessRefusal(
  user: Pick<AuthUser, 'id' | 'roles'>,
  kase: Pick<CaseRecord, 'id' | 'assignee'>,
  program: Program,
  parties: ReadonlySet<string>,
  transitionRoles?: readonly Role[],
): { code: 'own-case' | 'not-assignee'; params: Record<string, unknown> } | null {
  if (parties.has(user.id)) {
    const asApplicantSide = !!transitionRoles && transitionRoles.some((r) => FOR_APPLICANT.includes(r) && user.roles.includes(r));
    if (!asApplicantSide) return { code: 'own-case', params: { caseId: kase.id } };
  }
  const policy = program.workflow.caseAccess ?? 'program';
  const overseer = user.roles.includes('supervisor') || user.roles.includes('administrator');
  if (policy === 'assignee' && !overseer && user.roles.includes('caseworker') && kase.assignee && kase.assignee !== user.id) {
    return { code: 'not-assignee', params: { caseId: kase.id } };
  }
  return null;
}

/** Throws 403 with the reason when `user` may not act on the case (see the module comment). */
export async function assertMayAct(
  ctx: ServiceContext,
  user: AuthUser,
  kase: CaseRecord,
  program: Program,
  transitionRoles?: readonly Role[],
  parties?: ReadonlySet<string>,
): Promise<void> {
  const refusal = accessRefusal(user, kase, program, parties ?? (await partiesOf(ctx, kase)), transitionRoles);
  if (refusal) throw forbidden(words(`case-access.${refusal.code}`, refusal.params), refusal.code);
}

/**
 * True when the case, once in state `to` and assigned to `candidate`, could not be handled by them although it
 * could by someone else with the same roles: they are a party, the workflow's `caseAccess` refuses them, or the
 * guard of a transition out of `to` that their roles allow refuses them personally (maker-checker).
 */
export function personallyRefused(program: Program, candidate: Actor, parties: ReadonlySet<string>, after: GuardContext, asOf: IsoDate): boolean {
  if (parties.has(candidate.id) && candidate.roles.some((r) => STAFF.includes(r))) return true;
  const stranger: Actor = { id: '\u0000someone-else', roles: candidate.roles };
  for (const t of program.workflow.transitions) {
    if (!t.from.includes(after.state) || !t.roles.some((r) => candidate.roles.includes(r))) continue;
    const mine = transition(program, after.state, t.event, candidate, { ...after, assignee: candidate.id }, asOf);
    if (mine.ok || mine.code !== 'guard') continue;
    const theirs = transition(program, after.state, t.event, stranger, { ...after, assignee: stranger.id }, asOf);
    if (theirs.ok) return true;
  }
  return false;
}
