/**
 * The workflow builder's changes to a definition, as pure functions: each takes the whole definition and returns a
 * new one with only the workflow changed (key order kept), or throws a `WorkflowEditError` that says why it cannot
 * (a state still used somewhere, an id already taken). Nothing here decides what a guard means: guards are read
 * only to recognise the clauses the builder offers (`guardClauses`); the engine's interpreter decides them.
 */
import type { ConditionTree, Deadline, Role, Transition, Workflow, WorkflowAction } from '../../../../engine/index.ts';

import { arrayItems, moved, objectMember, remapTranslationKeys, removedAt } from '../translation-keys.ts';

type Doc = Record<string, unknown>;

/** A change the builder refuses, with the words' key and params (the builder shows them in the page's language). */
export class WorkflowEditError extends Error {
  constructor(
    readonly key: 'workflow.error.idTaken' | 'workflow.error.idPattern' | 'workflow.error.stateInUse' | 'workflow.error.lastState',
    readonly params: Record<string, unknown>,
  ) {
    super(`${key} ${JSON.stringify(params)}`);
  }
}

/** The format's pattern of state ids, transition events and deadline ids (`slug`). */
export const SLUG = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** The workflow of a definition, with the arrays the format makes optional filled in (as a read-only view). */
export function workflowOf(doc: Doc): Workflow {
  const w = (doc.workflow ?? {}) as Partial<Workflow>;
  return { initial: w.initial ?? '', states: w.states ?? {}, transitions: w.transitions ?? [], ...(w.deadlines ? { deadlines: w.deadlines } : {}) };
}

/** The definition with its workflow replaced (the workflow keeps its place among the parts). */
function withWorkflow(doc: Doc, workflow: Workflow): Doc {
  if (!('workflow' in doc)) return { ...doc, workflow };
  return Object.fromEntries(Object.entries(doc).map(([k, v]) => [k, k === 'workflow' ? workflow : v]));
}

/** An id for `title` that fits the slug pattern and is not in `taken` (`Needs review` → `needs-review`, then `-2`…). */
export function idFromTitle(title: string, taken: Iterable<string>, fallback: string): string {
  const used = new Set(taken);
  const base =
    title
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || fallback;
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Where a state is named: as the initial state, in transitions (from / to) and in deadlines (from / until). */
export function stateReferences(workflow: Workflow, state: string): string[] {
  const out: string[] = [];
  if (workflow.initial === state) out.push('/workflow/initial');
  workflow.transitions.forEach((t, i) => {
    t.from.forEach((f, j) => f === state && out.push(`/workflow/transitions/${i}/from/${j}`));
    if (t.to === state) out.push(`/workflow/transitions/${i}/to`);
  });
  (workflow.deadlines ?? []).forEach((d, i) => {
    if (d.from === state) out.push(`/workflow/deadlines/${i}/from`);
    d.until.forEach((u, j) => u === state && out.push(`/workflow/deadlines/${i}/until/${j}`));
  });
  return out;
}

/** Adds a state titled `title` (id from the title); returns the document and the new id. */
export function addState(doc: Doc, title: string): { doc: Doc; id: string } {
  const w = workflowOf(doc);
  const id = idFromTitle(title, Object.keys(w.states), 'state');
  return { doc: withWorkflow(doc, { ...w, initial: w.initial || id, states: { ...w.states, [id]: { title } } }), id };
}

/** Changes a state's title, description or terminal mark (an empty description or `terminal: false` is removed). */
export function updateState(doc: Doc, id: string, change: { title?: string; description?: string; terminal?: boolean }): Doc {
  const w = workflowOf(doc);
  const next: Record<string, unknown> = { ...w.states[id] };
  for (const [k, v] of Object.entries(change)) {
    if (v === undefined) continue;
    if ((k === 'description' && v === '') || (k === 'terminal' && v === false)) delete next[k];
    else next[k] = v;
  }
  return withWorkflow(doc, {
    ...w,
    states: Object.fromEntries(Object.entries(w.states).map(([k, s]) => [k, k === id ? next : s])) as Workflow['states'],
  });
}

/** Makes `id` the state a submitted application starts in. */
export function setInitial(doc: Doc, id: string): Doc {
  return withWorkflow(doc, { ...workflowOf(doc), initial: id });
}

/**
 * Renames a state everywhere the workflow names it (initial, transitions, deadlines). Case records keep the old
 * id, so the builder says that renaming a published state strands its open cases; the engine's checks do not see
 * stored cases.
 */
export function renameState(doc: Doc, from: string, to: string): Doc {
  const w = workflowOf(doc);
  if (from === to) return doc;
  if (!SLUG.test(to)) throw new WorkflowEditError('workflow.error.idPattern', { id: to });
  if (to in w.states) throw new WorkflowEditError('workflow.error.idTaken', { id: to });
  const swap = (s: string) => (s === from ? to : s);
  const renamed = remapTranslationKeys(doc, objectMember('/workflow/states', from, to));
  return withWorkflow(renamed, {
    ...w,
    initial: swap(w.initial),
    states: Object.fromEntries(Object.entries(w.states).map(([k, s]) => [swap(k), s])) as Workflow['states'],
    transitions: w.transitions.map((t) => ({ ...t, from: t.from.map(swap), to: swap(t.to) })),
    ...(w.deadlines ? { deadlines: w.deadlines.map((d) => ({ ...d, from: swap(d.from), until: d.until.map(swap) })) } : {}),
  });
}

/** Removes a state no transition or deadline names; refused (with where it is named) otherwise. */
export function removeState(doc: Doc, id: string): Doc {
  const w = workflowOf(doc);
  if (Object.keys(w.states).length <= 1) throw new WorkflowEditError('workflow.error.lastState', { id });
  const refs = stateReferences(w, id).filter((p) => p !== '/workflow/initial');
  if (refs.length) throw new WorkflowEditError('workflow.error.stateInUse', { id, count: refs.length, where: refs });
  const states = Object.fromEntries(Object.entries(w.states).filter(([k]) => k !== id)) as Workflow['states'];
  return withWorkflow(remapTranslationKeys(doc, objectMember('/workflow/states', id, null)), {
    ...w,
    states,
    initial: w.initial === id ? Object.keys(states)[0] : w.initial,
  });
}

/** Adds a transition (event id from the title) from `from` to `to`, allowed for caseworkers; returns its index. */
export function addTransition(doc: Doc, title: string, from: string, to: string): { doc: Doc; index: number } {
  const w = workflowOf(doc);
  const event = idFromTitle(
    title,
    w.transitions.map((t) => t.event),
    'event',
  );
  const transition: Transition = { event, title, from: [from], to, roles: ['caseworker'] };
  return { doc: withWorkflow(doc, { ...w, transitions: [...w.transitions, transition] }), index: w.transitions.length };
}

/** Replaces the transition at `index` with `change` applied (`guard: undefined` / `actions: []` remove them). */
export function updateTransition(doc: Doc, index: number, change: Partial<Transition>): Doc {
  const w = workflowOf(doc);
  const transitions = w.transitions.map((t, i) => {
    if (i !== index) return t;
    const next: Record<string, unknown> = { ...t };
    for (const [k, v] of Object.entries(change)) {
      if (v === undefined || (k === 'actions' && Array.isArray(v) && v.length === 0)) delete next[k];
      else next[k] = v;
    }
    return next as unknown as Transition;
  });
  return withWorkflow(doc, { ...w, transitions });
}

/** Changes a transition's event id, refused when another transition has it or it does not fit the pattern. */
export function renameEvent(doc: Doc, index: number, event: string): Doc {
  const w = workflowOf(doc);
  if (w.transitions[index]?.event === event) return doc;
  if (!SLUG.test(event)) throw new WorkflowEditError('workflow.error.idPattern', { id: event });
  if (w.transitions.some((t, i) => i !== index && t.event === event)) throw new WorkflowEditError('workflow.error.idTaken', { id: event });
  return updateTransition(doc, index, { event });
}

/** Removes the transition at `index`. */
export function removeTransition(doc: Doc, index: number): Doc {
  const w = workflowOf(doc);
  const kept = remapTranslationKeys(doc, arrayItems('/workflow/transitions', removedAt(index)));
  return withWorkflow(kept, { ...w, transitions: w.transitions.filter((_, i) => i !== index) });
}

/** Moves the transition at `index` by `by` places (its buttons' order on the case page). */
export function moveTransition(doc: Doc, index: number, by: number): Doc {
  const w = workflowOf(doc);
  const to = index + by;
  if (to < 0 || to >= w.transitions.length) return doc;
  const transitions = [...w.transitions];
  const [item] = transitions.splice(index, 1);
  transitions.splice(to, 0, item);
  return withWorkflow(remapTranslationKeys(doc, arrayItems('/workflow/transitions', moved(index, to))), { ...w, transitions });
}

/** Adds a deadline starting in `from`, stopped by the terminal states (or `from`'s successors when there are none). */
export function addDeadline(doc: Doc, title: string, from: string, days: number): { doc: Doc; index: number } {
  const w = workflowOf(doc);
  const deadlines = w.deadlines ?? [];
  const id = idFromTitle(
    title,
    deadlines.map((d) => d.id),
    'deadline',
  );
  const terminal = Object.entries(w.states)
    .filter(([, s]) => s.terminal)
    .map(([k]) => k);
  const next = w.transitions.filter((t) => t.from.includes(from)).map((t) => t.to);
  const until = [...new Set(terminal.length ? terminal : next.length ? next : [from])];
  const deadline: Deadline = { id, title, from, days, until };
  return { doc: withWorkflow(doc, { ...w, deadlines: [...deadlines, deadline] }), index: deadlines.length };
}

/** Replaces the deadline at `index` with `change` applied. */
export function updateDeadline(doc: Doc, index: number, change: Partial<Deadline>): Doc {
  const w = workflowOf(doc);
  const deadlines = (w.deadlines ?? []).map((d, i) => (i === index ? { ...d, ...change } : d));
  return withWorkflow(doc, { ...w, deadlines });
}

/** Removes the deadline at `index` (and the `deadlines` key when none is left). */
export function removeDeadline(doc: Doc, index: number): Doc {
  const w = workflowOf(doc);
  const deadlines = (w.deadlines ?? []).filter((_, i) => i !== index);
  const { deadlines: _old, ...rest } = w;
  const kept = remapTranslationKeys(doc, arrayItems('/workflow/deadlines', removedAt(index)));
  return withWorkflow(kept, deadlines.length ? { ...rest, deadlines } : rest);
}

/** The roles in the order the builder lists them. */
export const STAFF_ROLES: readonly Role[] = ['caseworker', 'supervisor', 'administrator', 'intermediary', 'applicant', 'analyst'];

/**
 * One clause of a guard the builder edits without JSON:
 * - `result`: the case's current result is `eligibility` (`case $.determination.eligibility equal …`);
 * - `not-same-person`: the actor is not someone who performed `event` on this case (separation of duties:
 *   `case $.performedBy.<event> doesNotContain {fact: actor, path: $.id}`).
 */
export type GuardClause =
  | { kind: 'result'; eligibility: 'eligible' | 'ineligible' | 'needs-more-information' }
  | { kind: 'not-same-person'; event: string };

/** The condition of one clause, in the format. */
export function clauseCondition(clause: GuardClause): ConditionTree {
  if (clause.kind === 'result') return { fact: 'case', path: '$.determination.eligibility', operator: 'equal', value: clause.eligibility };
  return { fact: 'case', path: `$.performedBy.${clause.event}`, operator: 'doesNotContain', value: { fact: 'actor', path: '$.id' } };
}

/** Reads one leaf as a clause the builder offers, or null. */
function clauseOf(c: ConditionTree): GuardClause | null {
  const leaf = c as { fact?: unknown; path?: unknown; operator?: unknown; value?: unknown; name?: unknown };
  const keys = Object.keys(c).filter((k) => k !== 'name');
  if (leaf.fact !== 'case' || typeof leaf.path !== 'string' || keys.length !== 4) return null;
  if (leaf.path === '$.determination.eligibility' && leaf.operator === 'equal') {
    return leaf.value === 'eligible' || leaf.value === 'ineligible' || leaf.value === 'needs-more-information'
      ? { kind: 'result', eligibility: leaf.value }
      : null;
  }
  const performed = /^\$\.performedBy\.([A-Za-z0-9][A-Za-z0-9_-]*)$/.exec(leaf.path);
  const value = leaf.value as { fact?: unknown; path?: unknown } | null;
  if (
    performed &&
    leaf.operator === 'doesNotContain' &&
    value &&
    typeof value === 'object' &&
    value.fact === 'actor' &&
    value.path === '$.id' &&
    Object.keys(value).length === 2
  )
    return { kind: 'not-same-person', event: performed[1] };
  return null;
}

/**
 * The guard's conditions as clauses the builder edits, all of which must hold; `null` when the guard has anything
 * else (an `any`, a `not`, another fact), which the builder leaves to the JSON view.
 */
export function guardClauses(conditions: ConditionTree | undefined): GuardClause[] | null {
  if (!conditions) return [];
  const all = (conditions as { all?: ConditionTree[] }).all;
  const items = Array.isArray(all) && Object.keys(conditions).every((k) => k === 'all' || k === 'name') ? all : [conditions];
  const clauses = items.map(clauseOf);
  return clauses.every((c): c is GuardClause => c !== null) ? clauses : null;
}

/** The guard for `clauses` with `message`, or undefined (no guard) when there are no clauses. */
export function guardOf(clauses: GuardClause[], message: string): Transition['guard'] {
  if (clauses.length === 0) return undefined;
  return { conditions: { all: clauses.map(clauseCondition) }, message };
}

/** A new action of `type` with the parameters its schema requires, filled with a starting value. */
export function newAction(type: string): WorkflowAction {
  switch (type) {
    case 'notify':
      return { type, to: 'applicant', template: '' };
    case 'assign':
      return { type, to: 'actor' };
    case 'request-documents':
      return { type, documents: [''] };
    default:
      return { type };
  }
}
