/**
 * Decisions with a reason (issue 15): a workflow event that the program's `workflow.decisionReasons` name (a
 * denial, a closure) is taken only with one of those reasons. This module checks the reason a caseworker sends
 * (422 naming the allowed ids when it is missing or unknown, or when the event takes none), and words it for the
 * case's `decision`, the notice's `{decisionReason}` and the confirmation's preview in the applicant's language.
 */
import type { DecisionReason, LegalReference, Program } from '../../engine/index.ts';
import { unprocessable, words } from '../http/errors.ts';
import type { CaseDecision } from '../store/types.ts';
import { decisionReasonsFor, localize } from './engine-port.ts';

/** A reason as the pages list it: id, title in the reader's language, and its reference. */
export interface ReasonChoice {
  id: string;
  title: string;
  reference: LegalReference | null;
}

/** The title of reason `reason` of `doc` in `lang` (the English title when it is not translated). */
function reasonText(doc: Program, reason: DecisionReason, lang: string): string {
  const index = (doc.workflow.decisionReasons ?? []).indexOf(reason);
  if (index < 0 || !doc.languages.includes(lang)) return reason.title;
  return localize(doc, lang).workflow.decisionReasons?.[index]?.title ?? reason.title;
}

/** Event → the reasons the program lists for it, in `lang`: what the case page offers in its confirmation. */
export function reasonChoices(doc: Program, lang: string): Record<string, ReasonChoice[]> {
  const shown = doc.languages.includes(lang) ? localize(doc, lang) : doc;
  const out: Record<string, ReasonChoice[]> = {};
  (shown.workflow.decisionReasons ?? []).forEach((r) => {
    for (const event of r.events) (out[event] ??= []).push({ id: r.id, title: r.title, reference: r.reference ?? null });
  });
  return out;
}

/**
 * The decision to record for `event` taken with `reasonId`, worded in the applicant's language `lang`; undefined
 * for an event that takes no reason. 422 when the event needs a reason and none or an unknown one is given, or
 * when a reason is given for an event that takes none (`actionTitle` names the action in the messages).
 */
export function chooseReason(
  doc: Program,
  event: string,
  actionTitle: string,
  reasonId: string | undefined,
  lang: string,
): Pick<CaseDecision, 'reason'> | undefined {
  const allowed = decisionReasonsFor(doc, event);
  const ids = allowed.map((r) => r.id);
  if (allowed.length === 0) {
    if (reasonId === undefined) return undefined;
    throw unprocessable(
      words('reason-not-taken', { action: actionTitle }),
      [
        {
          code: 'reason-not-taken',
          severity: 'error',
          path: '/reason',
          message: `"${actionTitle}" takes no reason; remove "reason".`,
          params: { action: actionTitle },
        },
      ],
      'reason-not-taken',
    );
  }
  const chosen = allowed.find((r) => r.id === reasonId);
  if (!chosen) {
    const code = reasonId === undefined ? 'reason-required' : 'reason-unknown';
    throw unprocessable(
      words(code, { action: actionTitle, reason: reasonId, allowed: ids }),
      [
        {
          code,
          severity: 'error',
          path: '/reason',
          message: `${reasonId === undefined ? 'A reason is required' : `"${reasonId}" is not a reason for this action`}; use one of ${ids.join(', ')}.`,
          params: { action: actionTitle, reason: reasonId, allowed: ids },
        },
      ],
      code,
    );
  }
  return {
    reason: {
      id: chosen.id,
      title: chosen.title,
      text: reasonText(doc, chosen, lang),
      lang: doc.languages.includes(lang) ? lang : (doc.languages[0] ?? 'en'),
      reference: chosen.reference ?? null,
    },
  };
}
