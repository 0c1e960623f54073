import { describe, expect, it } from 'vitest';
import { analyzeWorkflow, availableTransitions, deadlines, transition } from '../../engine/index.ts';
import type { Actor, GuardContext } from '../../engine/format/types.ts';
import { baseProgram } from './base-program.ts';

const workflow = baseProgram().workflow;
const parameters = baseProgram().parameters;
const carla: Actor = { id: 'carla', roles: ['caseworker'] };
const sam: Actor = { id: 'sam', roles: ['supervisor'] };
const context = (performedBy: Record<string, string[]> = {}): GuardContext => ({ state: 'review', assignee: 'carla', performedBy });

describe('transition', () => {
  it('moves the case and returns the actions to perform', () => {
    const r = transition(workflow, 'submitted', 'start-review', carla, context());
    expect(r).toEqual({ ok: true, from: 'submitted', to: 'review', event: 'start-review', actions: [{ type: 'assign', to: 'actor' }] });
  });

  it('refuses an unknown event, naming the events there are', () => {
    const r = transition(workflow, 'submitted', 'approv', carla, context());
    expect(r).toMatchObject({ ok: false, code: 'unknown-event' });
    if (!r.ok) expect(r.reason).toContain('"approve"');
  });

  it('refuses an event from the wrong state, listing the states it is allowed from', () => {
    const r = transition(workflow, 'submitted', 'approve', sam, context());
    expect(r).toMatchObject({ ok: false, code: 'wrong-state' });
    if (!r.ok) expect(r.reason).toBe('Approve is not possible while the case is "Submitted"; it is allowed only from "In review".');
  });

  it('refuses a role that may not perform the event, saying which roles may', () => {
    const r = transition(workflow, 'review', 'approve', carla, context());
    expect(r).toMatchObject({ ok: false, code: 'role' });
    if (!r.ok) expect(r.reason).toBe('Only a supervisor may approve here; you are caseworker.');
  });

  it("refuses with the guard's message when the guard does not hold (maker-checker)", () => {
    const r = transition(workflow, 'review', 'approve', sam, context({ 'start-review': ['sam'] }));
    const message = 'The approver must not be the person who started the review.';
    expect(r).toEqual({ ok: false, code: 'guard', reason: message, params: { message } });
    const allowed = transition(workflow, 'review', 'approve', sam, context({ 'start-review': ['carla'] }));
    expect(allowed).toMatchObject({ ok: true, to: 'approved' });
  });

  it('refuses anything on a terminal state', () => {
    const r = transition(workflow, 'approved', 'deny', sam, context());
    expect(r).toMatchObject({ ok: false, code: 'terminal' });
    if (!r.ok) expect(r.reason).toContain('"Approved", a final state');
  });
});

describe('availableTransitions', () => {
  it("lists the actor's transitions, disabled with the guard's reason when it refuses", () => {
    expect(availableTransitions(workflow, 'review', sam, context({ 'start-review': ['sam'] }))).toEqual([
      { event: 'approve', title: 'Approve', to: 'approved', enabled: false, reason: 'The approver must not be the person who started the review.' },
      { event: 'deny', title: 'Deny', to: 'denied', enabled: true },
    ]);
    expect(availableTransitions(workflow, 'submitted', carla, context()).map((t) => t.event)).toEqual(['start-review', 'deny']);
    expect(availableTransitions(workflow, 'denied', sam, context())).toEqual([]);
  });
});

describe('deadlines', () => {
  it('counts days from entering the start state, with the number of days from a parameter', () => {
    const [d] = deadlines(workflow, [{ state: 'submitted', at: '2025-03-01T10:00:00Z' }], parameters, '2025-03-21');
    expect(d).toEqual({
      id: 'decision',
      title: 'Decide within 30 days',
      startedAt: '2025-03-01',
      dueOn: '2025-03-31',
      met: false,
      overdue: false,
      daysLeft: 10,
    });
  });

  it('is overdue after the due date and met when a stop state is reached in time', () => {
    expect(deadlines(workflow, [{ state: 'submitted', at: '2025-03-01' }], parameters, '2025-04-02')[0]).toMatchObject({
      overdue: true,
      met: false,
      daysLeft: -2,
    });
    const history = [
      { state: 'submitted', at: '2025-03-01' },
      { state: 'review', at: '2025-03-05' },
      { state: 'approved', at: '2025-03-20' },
    ];
    expect(deadlines(workflow, history, parameters, '2025-06-01')[0]).toMatchObject({ met: true, overdue: false, daysLeft: 0 });
    const late = [...history.slice(0, 2), { state: 'denied', at: '2025-04-15' }];
    expect(deadlines(workflow, late, parameters, '2025-06-01')[0]).toMatchObject({ met: false, overdue: true });
  });

  it('accepts a lookup function and skips deadlines whose clock has not started', () => {
    expect(
      deadlines(workflow, [{ state: 'submitted', at: '2025-03-01' }], (name) => (name === 'decision_days' ? 10 : undefined), '2025-03-05')[0].dueOn,
    ).toBe('2025-03-11');
    expect(deadlines(workflow, [{ state: 'review', at: '2025-03-01' }], parameters, '2025-03-05')).toEqual([]);
  });
});

describe('analyzeWorkflow', () => {
  it('finds unreachable states and non-terminal dead ends', () => {
    const w = structuredClone(workflow);
    w.states.limbo = { title: 'Limbo' };
    w.states.appeal = { title: 'Appeal' };
    w.transitions.push({ event: 'park', title: 'Park', from: ['review'], to: 'limbo', roles: ['caseworker'] });
    const analysis = analyzeWorkflow(w);
    expect(analysis.unreachable).toEqual(['appeal']);
    expect(analysis.deadEnds).toEqual(['limbo', 'appeal']);
    expect(analysis.reachable).toContain('limbo');
  });
});
