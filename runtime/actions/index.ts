/**
 * The runtime side of workflow actions: each action type the engine names (`engine/workflow/actions.ts`) has a performer
 * here that turns the action into effects the store applies atomically with the transition (messages, assignee,
 * document requests, redeterminations). Performers never write to the store themselves.
 */
import type { NoticeKind, Program, Role, WorkflowAction } from '../../engine/index.ts';
import type { AuthUser } from '../auth/context.ts';
import type { ServiceContext } from '../services/context.ts';
import { applicantMessage, fillNotice, LETTER_WORDS, programIn, shownReference, type NoticeValues } from '../services/program-notices.ts';
import type { ApplicationRecord, ApplyTransitionInput, CaseRecord, NewDetermination, RequestedDocument } from '../store/types.ts';
import { applicantNotices } from '../services/recipients.ts';
import type { DocumentChoice } from '../services/document-requests.ts';

/** What performers know about the transition being applied. */
export interface ActionContext {
  ctx: ServiceContext;
  actor: AuthUser;
  kase: CaseRecord;
  application: ApplicationRecord;
  /** The state the case moves to. */
  to: string;
  /**
   * False for a user the case must not be assigned to: one the runtime's access rules or the guard of the next
   * transition would refuse personally (the applicant themselves, the maker of a maker-checker pair).
   */
  mayHandle: (user: { id: string; roles: Role[] }) => boolean;
  /** The program version the case is under (its notices, document types and translations). */
  version: { doc: Program; hash: string };
  /** The reason staff chose for this transition (deny, close), in the applicant's language ({decisionReason}); null when none. */
  decisionReason?: string | null;
  /** The failed rules' own texts of the determination the case stands on, in the applicant's language ({reasons}). */
  reasons: () => Promise<string>;
  /** The earliest deadline the applicant is shown, as a long date in their language ({dueOn}), or ''. */
  dueOn?: string;
  /** The documents the caseworker chose to ask for, with a due date and note (`document-requests.ts`); null: the workflow's list. */
  documentChoice?: DocumentChoice | null;
  /** Re-evaluates the application with the version in force today (for `redetermine`). */
  redetermine: () => Promise<NewDetermination>;
}

/** The effects of a transition's actions, merged into the store's `applyTransition` input. */
export type ActionEffects = Pick<ApplyTransitionInput, 'assignee' | 'requestDocuments' | 'receiveAllDocuments' | 'messages' | 'determinations'>;

type Performer = (action: WorkflowAction, ac: ActionContext, effects: ActionEffects) => Promise<void>;

/** Every placeholder validation lets a notice use (NOTICE_PLACEHOLDERS), filled from the case and this transition. */
async function noticeValues(action: WorkflowAction, ac: ActionContext, effects: ActionEffects): Promise<NoticeValues> {
  const text = `${String(action.template ?? '')} ${action.notice ? JSON.stringify(ac.version.doc.notices?.[action.notice as NoticeKind] ?? '') : ''}`;
  const program = programIn(ac.version.doc, ac.version.hash, ac.application.lang);
  const titles = (effects.requestDocuments ?? []).map((d) => {
    const typeId = typeof d === 'string' ? null : d.typeId;
    const index = (ac.version.doc.documents ?? []).findIndex((t) => t.id === typeId);
    return index >= 0 ? (program.documents?.[index]?.title ?? '') : typeof d === 'string' ? d : d.name;
  });
  return {
    caseId: ac.kase.id,
    caseRef: shownReference(ac.kase),
    programId: ac.kase.programId,
    program: program.title,
    state: ac.to,
    applicationId: ac.application.id,
    // Worked out only when the notice uses them (reasons evaluate the case again).
    reasons: text.includes('{reasons}') ? await ac.reasons() : '',
    decisionReason: ac.decisionReason ?? '',
    // The titles asked for, then the caseworker's note to the applicant when they wrote one.
    documents: [
      titles.map((t) => `- ${t}`).join('\n'),
      ...(ac.documentChoice?.note ? [LETTER_WORDS.render('letter.note', { note: ac.documentChoice.note }, ac.application.lang)] : []),
    ].join('\n\n'),
    dueOn: ac.dueOn ?? '',
  };
}

/**
 * The enabled user with `role` who has the fewest cases assigned (ties: the first by email), leaving out those
 * `mayHandle` refuses; null (the role's unassigned queue) when nobody is left.
 */
async function leastBusy(ac: ActionContext, role: Role): Promise<string | null> {
  const users = (await ac.ctx.store.listUsers()).filter((u) => !u.disabled && u.roles.includes(role) && ac.mayHandle(u));
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
    const values = await noticeValues(action, ac, effects);
    const messages =
      target === 'applicant'
        ? (() => {
            const message = applicantMessage(ac.version.doc, ac.version.hash, ac.application, {
              kind: (action.notice as NoticeKind | undefined) ?? null,
              template: String(action.template ?? ''),
              values,
            });
            // A notice to the applicant also goes to the intermediary who applied for them (in the staff pages, not by email).
            return applicantNotices(message, ac.application);
          })()
        : [
            {
              to: target === 'assignee' ? ((effects.assignee !== undefined ? effects.assignee : ac.kase.assignee) ?? 'assignee:none') : target,
              text: fillNotice(String(action.template ?? ''), values),
            },
          ];
    effects.messages = [...(effects.messages ?? []), ...messages];
  },
  async assign(action, ac, effects) {
    const to = String(action.to ?? 'actor');
    if (to === 'actor') effects.assignee = ac.actor.id;
    else if (to === 'none') effects.assignee = null;
    else if (to.startsWith('role:')) effects.assignee = await leastBusy(ac, to.slice(5) as Role);
    else throw new Error(`assign: unknown target "${to}"`);
  },
  async 'request-documents'(action, ac, effects) {
    // Each id names one of the program's document types (validated); its English title is the record's name.
    const types = ac.version.doc.documents ?? [];
    const choice = ac.documentChoice;
    const ids = choice ? choice.ids : Array.isArray(action.documents) ? action.documents.map(String) : [];
    const documents: RequestedDocument[] = ids.map((id) => {
      const type = types.find((t) => t.id === id);
      const requested = type ? { typeId: id, name: type.title } : { typeId: null, name: id };
      return choice ? { ...requested, dueOn: choice.dueOn, note: choice.note } : requested;
    });
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
