/**
 * Checks of the workflow: known initial and transition states, every state reachable, no stuck non-terminal state,
 * no ambiguous event, registered actions with valid parameters, known roles, deadlines on known states and parameters,
 * decision reasons with distinct ids for events that exist.
 */
import { ACTION_TYPES, ACTIONS, checkAction } from '../workflow/actions.ts';
import { ROLES } from '../format/types.ts';
import { analyzeWorkflow } from '../workflow/machine.ts';
import type { CheckContext } from './context.ts';
import { pointer } from '../format/pointer.ts';
import { suggest } from './suggest.ts';

/** Adds the diagnostics of the workflow. */
export function checkWorkflow(ctx: CheckContext): void {
  const workflow = ctx.program.workflow;
  const states = Object.keys(workflow.states);
  const known = (s: string): boolean => Object.hasOwn(workflow.states, s);
  if (!known(workflow.initial)) {
    ctx.report('workflow.unknown-initial', '/workflow/initial', { state: workflow.initial, states, suggestion: suggest(workflow.initial, states) });
  }
  const handled = new Map<string, number>();
  workflow.transitions.forEach((t, i) => {
    const at = pointer('workflow', 'transitions', i);
    t.from.forEach((state, j) => {
      if (!known(state))
        ctx.report('workflow.unknown-state', `${at}/from/${j}`, { event: t.event, side: 'from', state, states, suggestion: suggest(state, states) });
      else if (workflow.states[state].terminal) ctx.report('workflow.terminal-exit', `${at}/from/${j}`, { event: t.event, state });
      const key = `${t.event}\u0000${state}`;
      const first = handled.get(key);
      if (first !== undefined)
        ctx.report('workflow.duplicate-transition', `${at}/from/${j}`, { event: t.event, state, first: first + 1, second: i + 1 });
      else handled.set(key, i);
    });
    if (!known(t.to))
      ctx.report('workflow.unknown-state', `${at}/to`, { event: t.event, side: 'to', state: t.to, states, suggestion: suggest(t.to, states) });
    t.actions.forEach((action, k) => {
      const path = `${at}/actions/${k}`;
      const problems = checkAction(action);
      if (problems.length === 0) return;
      if (!ACTION_TYPES.includes(action.type)) {
        ctx.report('workflow.unknown-action', `${path}/type`, {
          event: t.event,
          type: action.type,
          available: ACTION_TYPES,
          suggestion: suggest(action.type, ACTION_TYPES),
        });
        return;
      }
      const role = /^role:(.*)$/.exec(String((action as { to?: unknown }).to ?? ''))?.[1];
      if (role !== undefined && !(ROLES as readonly string[]).includes(role)) {
        ctx.report('workflow.unknown-role', `${path}/to`, { role, roles: ROLES, suggestion: suggest(role, ROLES) });
        return;
      }
      ctx.report('workflow.action-params', path, {
        event: t.event,
        type: action.type,
        detail: problems.join('; '),
        expected: ACTIONS[action.type].expected,
      });
    });
  });

  if (known(workflow.initial)) {
    const analysis = analyzeWorkflow(workflow);
    for (const state of analysis.unreachable)
      ctx.report('workflow.unreachable', pointer('workflow', 'states', state), { state, initial: workflow.initial });
    for (const state of analysis.deadEnds) ctx.report('workflow.dead-end', pointer('workflow', 'states', state), { state });
  }

  const deadlineIds = new Set<string>();
  workflow.deadlines.forEach((d, i) => {
    const at = pointer('workflow', 'deadlines', i);
    if (deadlineIds.has(d.id)) ctx.report('workflow.deadline-duplicate-id', `${at}/id`, { id: d.id });
    deadlineIds.add(d.id);
    if (!known(d.from))
      ctx.report('workflow.deadline-unknown-state', `${at}/from`, {
        id: d.id,
        field: 'from',
        state: d.from,
        states,
        suggestion: suggest(d.from, states),
      });
    d.until.forEach((state, j) => {
      if (!known(state))
        ctx.report('workflow.deadline-unknown-state', `${at}/until/${j}`, {
          id: d.id,
          field: 'until',
          state,
          states,
          suggestion: suggest(state, states),
        });
    });
    if (typeof d.days === 'object' && !ctx.program.parameters[d.days.param]) {
      const names = Object.keys(ctx.program.parameters);
      ctx.report('workflow.deadline-unknown-parameter', `${at}/days/param`, {
        id: d.id,
        name: d.days.param,
        suggestion: suggest(d.days.param, names),
      });
    }
  });

  const reasonIds = new Set<string>();
  const events = [...new Set(workflow.transitions.map((t) => t.event))];
  (workflow.decisionReasons ?? []).forEach((r, i) => {
    const at = pointer('workflow', 'decisionReasons', i);
    if (reasonIds.has(r.id)) ctx.report('workflow.reason-duplicate-id', `${at}/id`, { id: r.id });
    reasonIds.add(r.id);
    r.events.forEach((event, j) => {
      if (!events.includes(event))
        ctx.report('workflow.reason-unknown-event', `${at}/events/${j}`, { id: r.id, event, events, suggestion: suggest(event, events) });
    });
  });
}
