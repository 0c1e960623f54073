/**
 * The documents a caseworker asks for (issue 15): a transition whose actions include `request-documents` takes, in
 * its request, `documents` (ids of the program's `documents` types; at least one), an optional `dueOn` (after today,
 * and not after the due date of the workflow deadline that entering the transition's target state starts, or a
 * year from today when none does) and an optional `note` to the applicant. Without `documents` the workflow's own
 * list is asked for. Each refusal is a 422 naming the field (`/documents/<i>`, `/dueOn`).
 */
import type { Program, WorkflowAction } from '../../engine/index.ts';
import { unprocessable, words } from '../http/errors.ts';
import { deadlines } from './engine-port.ts';

/** What the caseworker chose, checked. */
export interface DocumentChoice {
  ids: string[];
  dueOn: string | null;
  note: string | null;
}

function refuse(code: Parameters<typeof words>[0], path: string, params: Record<string, unknown>, message: string): never {
  throw unprocessable(words(code, params), [{ code, severity: 'error', path, message, params }], code);
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The latest due date the workflow allows when a transition enters `to`: the deadline it starts, else a year away. */
export function latestDocumentsDue(doc: Program, history: { state: string; at: string }[], to: string, today: string): string {
  const started = deadlines(doc, history, today).filter((d) => (doc.workflow.deadlines ?? []).find((w) => w.id === d.id)?.from === to && !d.met);
  return started.map((d) => d.dueOn).sort()[0] ?? addDays(today, 365);
}

/**
 * The caseworker's choice for a transition with `actions` titled `action`, checked against the program's document
 * types and the workflow's deadline (`history` includes the entry into `to`); null when the request chooses nothing.
 */
export function chooseDocuments(
  doc: Program,
  actions: WorkflowAction[],
  action: string,
  input: { documents?: string[]; dueOn?: string; note?: string },
  history: { state: string; at: string }[],
  to: string,
  today: string,
): DocumentChoice | null {
  const chosen = input.documents !== undefined || input.dueOn !== undefined || (input.note ?? '').trim() !== '';
  if (!chosen) return null;
  if (!actions.some((a) => a.type === 'request-documents'))
    refuse(
      'documents-not-taken',
      input.documents !== undefined ? '/documents' : input.dueOn !== undefined ? '/dueOn' : '/note',
      { action },
      `"${action}" asks for no documents.`,
    );
  const allowed = (doc.documents ?? []).map((d) => d.id);
  const ids =
    input.documents ?? actions.flatMap((a) => (a.type === 'request-documents' && Array.isArray(a.documents) ? a.documents.map(String) : []));
  if (ids.length === 0) refuse('documents-required', '/documents', { action, allowed }, 'Choose at least one document type.');
  ids.forEach((id, i) => {
    if (!allowed.includes(id)) refuse('documents-unknown', `/documents/${i}`, { id, allowed }, `"${id}" is not a document type of the program.`);
  });
  let dueOn: string | null = null;
  if (input.dueOn !== undefined) {
    const latest = latestDocumentsDue(doc, history, to, today);
    if (!(input.dueOn > today && input.dueOn <= latest))
      refuse('due-on-out-of-range', '/dueOn', { dueOn: input.dueOn, today, latest }, `Choose a day after ${today} and no later than ${latest}.`);
    dueOn = input.dueOn;
  }
  const note = (input.note ?? '').trim();
  return { ids: [...new Set(ids)], dueOn, note: note === '' ? null : note };
}
