/**
 * Workflow actions performed by the runtime on a transition: `redetermine` stores an applied re-determination,
 * `assign` to a role picks that role's least busy user, `notify` to the assignee records a message naming them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ELIGIBLE_ANSWERS, PROGRAM_ID, rentalProgram, startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

describe('workflow actions', () => {
  it('redetermines, assigns to the least busy supervisor and notifies the assignee', async () => {
    const analyst = await h.user(['analyst']);
    const worker = await h.user(['caseworker']);
    const busy = await h.user(['supervisor']);
    const idle = await h.user(['supervisor']);
    const doc = rentalProgram();
    doc.workflow.transitions.push({
      event: 'recheck',
      title: 'Re-check eligibility and hand to a supervisor',
      from: ['submitted'],
      to: 'in-review',
      roles: ['caseworker'],
      actions: [
        { type: 'redetermine' },
        { type: 'assign', to: 'role:supervisor' },
        { type: 'notify', to: 'assignee', template: 'Case {caseId} needs you.' },
      ],
    });
    const draft = await h.call('POST', '/api/programs', { token: analyst.token, body: doc });
    expect(draft.status).toBe(201);
    expect(draft.body.diagnostics.filter((d: { severity: string }) => d.severity === 'error')).toEqual([]);
    const published = await h.publish(PROGRAM_ID, { changelog: 'Adds a re-check step.', effectiveFrom: h.today, inFlight: 'keep' });
    expect(published.status).toBe(201);

    async function submit() {
      const started = await h.call('POST', '/api/applications', { body: { programId: PROGRAM_ID } });
      const headers = { 'x-resume-code': started.body.resumeCode };
      await h.call('PUT', `/api/applications/${started.body.id}`, { body: { answers: ELIGIBLE_ANSWERS }, headers });
      const submitted = await h.call('POST', `/api/applications/${started.body.id}/submit`, { headers });
      expect(submitted.status).toBe(201);
      return submitted.body.caseId as string;
    }
    // Give the first supervisor a case so the other one is the least busy.
    const first = await submit();
    expect((await h.call('POST', `/api/cases/${first}/transitions`, { token: worker.token, body: { event: 'start-review' } })).status).toBe(200);
    expect((await h.call('POST', `/api/cases/${first}/transitions`, { token: worker.token, body: { event: 'complete-review' } })).status).toBe(200);
    const assignedFirst = (await h.call('GET', `/api/cases/${first}`, { token: worker.token })).body.case.assignee.id;
    expect([busy.id, idle.id]).toContain(assignedFirst);
    const expectedNext = assignedFirst === busy.id ? idle.id : busy.id;

    const caseId = await submit();
    const fired = await h.call('POST', `/api/cases/${caseId}/transitions`, { token: worker.token, body: { event: 'recheck' } });
    expect(fired.status).toBe(200);
    expect(fired.body.case.assignee.id).toBe(expectedNext);
    expect(fired.body.messages).toEqual([expect.objectContaining({ to: expectedNext, text: `Case ${caseId} needs you.` })]);
    const detail = await h.call('GET', `/api/cases/${caseId}`, { token: worker.token });
    expect(detail.body.determinations.map((d: { kind: string }) => d.kind)).toEqual(['initial', 'redetermination']);
    expect(detail.body.determinations[1].version).toBe(published.body.version);
  });
});
