/**
 * The casework workflow as a pure state machine: which events a user may perform on a case, where they lead, which
 * actions follow, and which deadlines are running. Nothing here reads a clock or a store: the current state, the
 * actor, the case facts and the date are arguments (xstate's pure `transition`). The runtime performs the actions.
 */
import { decideCondition, type ConditionOutcome } from '../languages/conditions/interpret.ts';
import { WORKFLOW_MESSAGES } from '../messages/workflow.ts';
import { workflowWithDefaults } from '../normalize/defaults.ts';
import type {
  Actor,
  ConditionTree,
  Deadline,
  DeadlineStatus,
  DecisionReason,
  GuardContext,
  IsoDate,
  Parameter,
  RefusalCode,
  Transition,
  TransitionResult,
  Workflow,
} from '../format/types.ts';

/** Looks up a parameter's value in force on a date; `undefined` when it has none. */
export type ParamsLookup = (name: string, date: IsoDate) => unknown;

/** A transition the actor could perform from the current state; `enabled` is false when its guard refuses. */
export interface AvailableTransition {
  event: string;
  title: string;
  to: string;
  enabled: boolean;
  /** The guard's message when `enabled` is false. */
  reason?: string;
}

/** What `analyzeWorkflow` finds about the shape of a workflow. */
export interface WorkflowAnalysis {
  /** States reachable from `initial` through transitions (including `initial`). */
  reachable: string[];
  /** Defined states that no chain of transitions from `initial` reaches. */
  unreachable: string[];
  /** Non-terminal states with no transition leaving them. */
  deadEnds: string[];
}

/** A refusal: its code, the params of its words in `WORKFLOW_MESSAGES`, and those words in English. */
function refusal(code: RefusalCode, params: Record<string, unknown>): TransitionResult {
  return { ok: false, code, reason: WORKFLOW_MESSAGES.render(`transition.${code}`, params), params };
}

/** Reads `$.a.b[0].c` (the simple JSONPath form of docs/design.md) from `value`; `undefined` when absent. */
export function readPath(value: unknown, path: string | undefined): unknown {
  if (!path || path === '$') return value;
  const steps = path.slice(1).match(/\.[^.[\]]+|\[\d+\]/g) ?? [];
  let node = value;
  for (const step of steps) {
    if (node === null || node === undefined) return undefined;
    node = step.startsWith('[') ? (node as unknown[])[Number(step.slice(1, -1))] : (node as Record<string, unknown>)[step.slice(1)];
  }
  return node;
}

/** The guard facts of docs/design.md: `actor` and `case`. */
function guardFacts(actor: Actor, context: GuardContext): Record<string, unknown> {
  return { actor, case: context };
}

/**
 * True when a guard condition passes over the facts `actor` and `case`; false when it fails or is unknown (see
 * `decideGuard`). An unknown operator throws (validation reports it beforehand).
 */
export function evaluateGuard(conditions: ConditionTree, actor: Actor, context: GuardContext, params?: (name: string) => unknown): boolean {
  return decideGuard(conditions, actor, context, params) === 'pass';
}

/**
 * The three-valued outcome of a guard over the facts `actor` and `case`, by the engine's one condition interpreter.
 * A guard whose outcome is unknown (a fact or parameter it needs is missing) refuses, like a failing one, with the
 * guard's message: a transition is allowed only when its guard passes.
 */
export function decideGuard(conditions: ConditionTree, actor: Actor, context: GuardContext, params?: (name: string) => unknown): ConditionOutcome {
  return decideCondition(conditions, { facts: guardFacts(actor, context), param: params });
}

function rolesAllowed(transition: Transition, actor: Actor): boolean {
  return transition.roles.some((role) => actor.roles.includes(role));
}

/**
 * Performs `event` on a case in `state`: the next state and the actions to perform, or a refusal whose `code` says
 * which check failed (`unknown-event`, `terminal`, `wrong-state`, `role`, `guard`), whose `reason` says, in
 * English words, why and what would be allowed, and whose `params` let the edge say it in the reader's language
 * (`WORKFLOW_MESSAGES`, code `transition.<code>`). `params` resolves `{ "param": name }` values in guards.
 */
export function transition(
  written: Workflow,
  state: string,
  event: string,
  actor: Actor,
  context: GuardContext,
  params?: (name: string) => unknown,
): TransitionResult {
  const workflow = workflowWithDefaults(written);
  const candidates = workflow.transitions.filter((t) => t.event === event);
  if (candidates.length === 0) {
    return refusal('unknown-event', { event, events: [...new Set(workflow.transitions.map((t) => t.event))] });
  }
  const stateTitle = workflow.states[state]?.title ?? state;
  if (workflow.states[state]?.terminal) return refusal('terminal', { state: stateTitle });
  const fromHere = candidates.filter((t) => t.from.includes(state));
  if (fromHere.length === 0) {
    const allowed = [...new Set(candidates.flatMap((t) => t.from))].map((s) => workflow.states[s]?.title ?? s);
    return refusal('wrong-state', { action: candidates[0].title, state: stateTitle, allowed });
  }
  const permitted = fromHere.filter((t) => rolesAllowed(t, actor));
  if (permitted.length === 0) {
    return refusal('role', { roles: [...new Set(fromHere.flatMap((t) => t.roles))], action: fromHere[0].title, actorRoles: actor.roles });
  }
  const chosen = permitted[0];
  if (chosen.guard && !evaluateGuard(chosen.guard.conditions, actor, context, params)) {
    return refusal('guard', { message: chosen.guard.message });
  }
  return { ok: true, from: state, to: chosen.to, event, actions: chosen.actions };
}

/**
 * The transitions the actor's roles allow from `state`, each marked `enabled` unless its guard refuses (then
 * `reason` is the guard's message), so a user interface can show a disabled button with the reason.
 */
export function availableTransitions(
  workflow: Workflow,
  state: string,
  actor: Actor,
  context: GuardContext,
  params?: (name: string) => unknown,
): AvailableTransition[] {
  if (workflow.states[state]?.terminal) return [];
  return workflow.transitions
    .filter((t) => t.from.includes(state) && rolesAllowed(t, actor))
    .map((t) => {
      const enabled = !t.guard || evaluateGuard(t.guard.conditions, actor, context, params);
      return enabled
        ? { event: t.event, title: t.title, to: t.to, enabled }
        : { event: t.event, title: t.title, to: t.to, enabled, reason: t.guard?.message };
    });
}

/**
 * The decision reasons the workflow lists for `event`, in document order. A non-empty list means the event needs
 * one of them: the runtime refuses the event without a reason from this list and records the one given.
 */
export function decisionReasonsFor(workflow: Workflow, event: string): DecisionReason[] {
  return (workflow.decisionReasons ?? []).filter((r) => r.events.includes(event));
}

/** Reachability from `initial`, unreachable states and non-terminal states with no way out. */
export function analyzeWorkflow(workflow: Workflow): WorkflowAnalysis {
  const states = Object.keys(workflow.states);
  const reachable = new Set<string>();
  const queue = workflow.states[workflow.initial] ? [workflow.initial] : [];
  while (queue.length > 0) {
    const s = queue.shift() as string;
    if (reachable.has(s)) continue;
    reachable.add(s);
    if (workflow.states[s]?.terminal) continue;
    for (const t of workflow.transitions) if (t.from.includes(s) && workflow.states[t.to] && !reachable.has(t.to)) queue.push(t.to);
  }
  const exits = new Set(workflow.transitions.flatMap((t) => t.from));
  return {
    reachable: states.filter((s) => reachable.has(s)),
    unreachable: states.filter((s) => !reachable.has(s)),
    deadEnds: states.filter((s) => !workflow.states[s].terminal && !exits.has(s)),
  };
}

const DAY_MS = 86_400_000;
function dayNumber(date: string): number {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}
function fromDayNumber(n: number): IsoDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** The value of parameter `name` in force on `date` in a parameters table (greatest date key ≤ date). */
export function parameterValueOn(parameters: Record<string, Parameter>, name: string, date: IsoDate): unknown {
  const parameter = parameters[name];
  if (!parameter) return undefined;
  const keys = Object.keys(parameter.values)
    .filter((k) => k <= date.slice(0, 10))
    .sort();
  if (keys.length === 0) return undefined;
  const value = parameter.values[keys[keys.length - 1]];
  return value !== null && typeof value === 'object' && !Array.isArray(value) && 'value' in value ? value.value : value;
}

function deadlineDays(deadline: Deadline, params: ParamsLookup | Record<string, Parameter>, date: IsoDate): number | undefined {
  if (typeof deadline.days === 'number') return deadline.days;
  const name = deadline.days.param;
  const value = typeof params === 'function' ? params(name, date) : parameterValueOn(params, name, date);
  return typeof value === 'number' ? value : undefined;
}

/**
 * The status on `asOf` of every deadline whose clock has started: it starts on the last day the case entered the
 * deadline's `from` state and stops when the case later reaches one of `until`. `history` lists the states the case
 * entered, oldest first, with the date or timestamp (`at`) of entry. A deadline is `met` when it stopped on or
 * before its due date and `overdue` when it is still running after its due date or stopped late. `params` is a
 * lookup function or the program's parameters (the number of days in force on the start date is used). A deadline
 * whose days cannot be resolved is skipped.
 */
export function deadlines(
  written: Workflow,
  history: { state: string; at: string }[],
  params: ParamsLookup | Record<string, Parameter>,
  asOf: IsoDate,
): DeadlineStatus[] {
  const out: DeadlineStatus[] = [];
  for (const deadline of workflowWithDefaults(written).deadlines) {
    let start = -1;
    for (let i = 0; i < history.length; i++) if (history[i].state === deadline.from) start = i;
    if (start < 0) continue;
    const startedAt = history[start].at.slice(0, 10);
    const days = deadlineDays(deadline, params, startedAt);
    if (days === undefined) continue;
    const due = dayNumber(startedAt) + days;
    const stop = history.slice(start + 1).find((h) => deadline.until.includes(h.state));
    const today = dayNumber(asOf);
    if (stop) {
      const stoppedOn = dayNumber(stop.at);
      out.push({
        id: deadline.id,
        title: deadline.title,
        startedAt,
        dueOn: fromDayNumber(due),
        met: stoppedOn <= due,
        overdue: stoppedOn > due,
        daysLeft: 0,
      });
    } else {
      out.push({
        id: deadline.id,
        title: deadline.title,
        startedAt,
        dueOn: fromDayNumber(due),
        met: false,
        overdue: today > due,
        daysLeft: due - today,
      });
    }
  }
  return out;
}
