import { describe, expect, it } from 'vitest';
import { transition, type Actor, type GuardContext, type TransitionResult } from '../../engine/index.ts';
import { shippedProgram } from './load.ts';

const { workflow } = shippedProgram('emergency-rental-assistance');
const applicant: Actor = { id: 'app-1', roles: ['applicant'] };
const carla: Actor = { id: 'cw-carla', roles: ['caseworker'] };
const sam: Actor = { id: 'sup-sam', roles: ['supervisor'] };
const sue: Actor = { id: 'sup-sue', roles: ['supervisor'] };
/** A supervisor who also works cases: the maker-checker guard must stop them approving their own review. */
const dual: Actor = { id: 'dual-dana', roles: ['caseworker', 'supervisor'] };

/** Replays events as the runtime would, recording who performed each one; returns the last result and the case. */
function run(steps: [string, Actor][], eligibility: 'eligible' | 'ineligible' = 'eligible') {
  const ctx: GuardContext = { state: workflow.initial, assignee: null, performedBy: {}, determination: { eligibility, benefits: {} } };
  let last: TransitionResult | undefined;
  for (const [event, actor] of steps) {
    last = transition(workflow, ctx.state, event, actor, ctx);
    if (!last.ok) return { last, ctx };
    ctx.state = last.to;
    (ctx.performedBy[event] ??= []).push(actor.id);
  }
  return { last: last!, ctx };
}

const toSupervisor: [string, Actor][] = [
  ['submit', applicant],
  ['request-documents', carla],
  ['record-documents', carla],
  ['start-review', carla],
  ['complete-review', carla],
];

describe('emergency rental assistance workflow', () => {
  it('walks draft → submitted → documents → review → supervisor approval → approved', () => {
    const { last, ctx } = run([...toSupervisor, ['approve', sam]]);
    expect(last.ok).toBe(true);
    expect(ctx.state).toBe('approved');
    expect(workflow.states[ctx.state].terminal).toBe(true);
  });

  it('requests documents with the list of documents and notifies the applicant', () => {
    const { last } = run([
      ['submit', applicant],
      ['request-documents', carla],
    ]);
    expect(last.ok && last.actions.map((a) => a.type)).toEqual(['request-documents', 'notify']);
  });

  it('refuses approval by the person who completed the review (maker-checker)', () => {
    const steps: [string, Actor][] = [
      ['submit', applicant],
      ['start-review', dual],
      ['complete-review', dual],
      ['approve', dual],
    ];
    const { last, ctx } = run(steps);
    expect(last).toMatchObject({ ok: false, code: 'guard' });
    expect(!last.ok && last.reason).toMatch(/maker-checker/);
    expect(ctx.state).toBe('supervisor-review');
  });

  it('refuses approval when the latest determination is not eligible', () => {
    const { last } = run([...toSupervisor, ['approve', sam]], 'ineligible');
    expect(last).toMatchObject({ ok: false, code: 'guard' });
  });

  it('lets only a supervisor approve', () => {
    const { last } = run([...toSupervisor, ['approve', carla]]);
    expect(last).toMatchObject({ ok: false, code: 'role' });
  });

  it('lets a supervisor send the case back to review', () => {
    const { ctx } = run([...toSupervisor, ['return-to-review', sam]]);
    expect(ctx.state).toBe('in-review');
  });

  it('takes a denial to appeal, decided by a different supervisor', () => {
    const denied = run([...toSupervisor, ['deny', sam], ['appeal', applicant]]);
    expect(denied.ctx.state).toBe('appealed');
    const sameSupervisor = run([...toSupervisor, ['deny', sam], ['appeal', applicant], ['grant-appeal', sam]]);
    expect(sameSupervisor.last).toMatchObject({ ok: false, code: 'guard' });
    const granted = run([...toSupervisor, ['deny', sam], ['appeal', applicant], ['grant-appeal', sue]]);
    expect(granted.ctx.state).toBe('appeal-upheld');
    const refused = run([...toSupervisor, ['deny', sam], ['appeal', applicant], ['deny-appeal', sue]]);
    expect(refused.ctx.state).toBe('appeal-denied');
  });

  it('allows no appeal of an approval', () => {
    const { last } = run([...toSupervisor, ['approve', sam], ['appeal', applicant]]);
    expect(last).toMatchObject({ ok: false, code: 'terminal' });
  });

  it('gates every transition by at least one role', () => {
    for (const t of workflow.transitions) expect(t.roles.length, t.event).toBeGreaterThan(0);
  });
});
