/**
 * The runtime side of workflow actions: each action type the engine names (`engine/workflow/actions.ts`) has a performer
 * here that turns the action into effects the store applies atomically with the transition (messages, assignee,
 * document requests, redeterminations). Performers never write to the store themselves.
 */
import type { NoticePlaceholder, Role, WorkflowAction } from '../../engine/index.ts';
import type { AuthUser } from '../auth/context.ts';
import type { ServiceContext } from '../services/context.ts';
import type { ApplicationRecord, ApplyTransitionInput, CaseRecord, NewDetermination } from '../store/types.ts';
import { noticeRecipients } from '../services/recipients.ts';

/** What performers know about the transition being applied. */
export interface ActionContext {
  ctx: ServiceContext;
  actor: AuthUser;
  kase: CaseRecord;
  application: ApplicationRecord;
  /** The state the case moves to. */
  to: string;
  /** Re-evaluates the application with the version in force today (for `redetermine`). */
  redetermine: () => Promise<NewDetermination>;
  /** The decision reason given with the event, in the applicant's language (`{decisionReason}`); empty when none. */
  decisionReason?: string;
}

/** The effects of a transition's actions, merged into the store's `applyTransition` input. */
export type ActionEffects = Pick<ApplyTransitionInput, 'assignee' | 'requestDocuments' | 'receiveAllDocuments' | 'messages' | 'determinations'>;

type Performer = (action: WorkflowAction, ac: ActionContext, effects: ActionEffects) => Promise<void>;

function fill(template: string, ac: ActionContext): string {
  // Every placeholder validation lets a notice use (NOTICE_PLACEHOLDERS), and no other.
  const values: Record<NoticePlaceholder, string> = {
    caseId: ac.kase.id,
    programId: ac.kase.programId,
    state: ac.to,
    applicationId: ac.application.id,
    decisionReason: ac.decisionReason ?? '',
  };
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name as NoticePlaceholder] ?? whole);
}

/** The enabled user with `role` who has the fewest cases assigned (ties: the first by email). */
async function leastBusy(ac: ActionContext, role: Role): Promise<string | null> {
  const users = (await ac.ctx.store.listUsers()).filter((u) => !u.disabled && u.roles.includes(role));
  let best: { id: string; load: number } | null = null;
  for (const u of users) {
    const load = (await ac.ctx.store.listCases({ assignee: u.id }, { limit: 1 })).total;
    if (!best || load < best.load) best = { id: u.id, load };
  }
  return best?.id ?? null;
}

const performers: Record<string, Performer> = {
  async notify(action, ac, effects) {
    const target = String(action.to ?? 'applicant');
    const to = target === 'assignee' ? ((effects.assignee !== undefined ? effects.assignee : ac.kase.assignee) ?? 'assignee:none') : target;
    const text = fill(String(action.template ?? ''), ac);
    // A notice to the applicant goes to every recipient of the case's notices (the intermediary who applied too).
    const recipients = to === 'applicant' ? noticeRecipients(ac.application) : [to];
    effects.messages = [...(effects.messages ?? []), ...recipients.map((r) => ({ to: r, text }))];
  },
  async assign(action, ac, effects) {
    const to = String(action.to ?? 'actor');
    if (to === 'actor') effects.assignee = ac.actor.id;
    else if (to === 'none') effects.assignee = null;
    else if (to.startsWith('role:')) effects.assignee = await leastBusy(ac, to.slice(5) as Role);
    else throw new Error(`assign: unknown target "${to}"`);
  },
  async 'request-documents'(action, _ac, effects) {
    const documents = Array.isArray(action.documents) ? action.documents.map(String) : [];
    effects.requestDocuments = [...(effects.requestDocuments ?? []), ...documents];
  },
  async 'record-documents'(_action, _ac, effects) {
    effects.receiveAllDocuments = true;
  },
  async redetermine(_action, ac, effects) {
    effects.determinations = [...(effects.determinations ?? []), await ac.redetermine()];
  },
};

/** The action types this runtime performs. */
export const ACTION_TYPES = Object.keys(performers);

/** Performs `actions` in order and returns their combined effects; an unknown type is a programming error. */
export async function performActions(actions: WorkflowAction[], ac: ActionContext): Promise<ActionEffects> {
  const effects: ActionEffects = {};
  for (const action of actions) {
    const performer = performers[action.type];
    if (!performer) throw new Error(`No runtime performer for workflow action "${action.type}".`);
    await performer(action, ac, effects);
  }
  return effects;
}
