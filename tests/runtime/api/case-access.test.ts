/**
 * Issue 14, finding 5 and the case access policy of finding 8 (`runtime/services/case-access.ts`): staff never act
 * on a case they applied for or submitted; auto-assignment never picks the one person the next guard (or that rule)
 * refuses; the workflow's `caseAccess` says whether any caseworker or only the assignee acts on an assigned case.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Program } from '../../../engine/format/types.ts';
import { publishShipped } from '../../../runtime/services/programs.ts';
import { ELIGIBLE_ANSWERS, PROGRAM_ID, rentalProgram, startHarness, type Harness } from './harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Starts (as `token`, or anonymously) and submits an eligible rental application; returns the case id. */
async function submitted(harness: Harness, token?: string): Promise<string> {
  const started = await harness.call('POST', '/api/applications', { token, body: { programId: PROGRAM_ID } });
  expect(started.status).toBe(201);
  const headers: Record<string, string> = token ? {} : { 'x-resume-code': started.body.resumeCode };
  expect((await harness.call('PUT', `/api/applications/${started.body.id}`, { token, body: { answers: ELIGIBLE_ANSWERS }, headers })).status).toBe(
    200,
  );
  const r = await harness.call('POST', `/api/applications/${started.body.id}/submit`, { token, headers });
  expect(r.status).toBe(201);
  return r.body.caseId;
}

async function fire(harness: Harness, token: string, caseId: string, event: string) {
  return harness.call('POST', `/api/cases/${caseId}/transitions`, { token, body: { event } });
}

describe('no self-dealing', () => {
  it('a supervisor who applied is never assigned their own case and cannot approve it (403 own-case, with words)', async () => {
    h = await startHarness();
    const worker = await h.user(['caseworker']);
    const applicant = await h.user(['supervisor'], 'Sam Supervisor');
    const caseId = await submitted(h, applicant.token);
    expect((await fire(h, worker.token, caseId, 'start-review')).status).toBe(200);
    // The only supervisor is the applicant: the case waits unassigned rather than landing on their desk.
    const review = await fire(h, worker.token, caseId, 'complete-review');
    expect(review.status).toBe(200);
    expect(review.body.case.assignee).toBeNull();

    const own = await fire(h, applicant.token, caseId, 'approve');
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe('own-case');
    expect(own.body.error.message).toContain('Staff never decide their own cases');
    const es = await h.call('POST', `/api/cases/${caseId}/transitions`, {
      token: applicant.token,
      body: { event: 'approve' },
      headers: { 'accept-language': 'es' },
    });
    expect(es.body.error.message).toContain('nunca decide sus propios casos');
    expect((await h.call('POST', `/api/cases/${caseId}/notes`, { token: applicant.token, body: { text: 'Looks fine.' } })).status).toBe(403);
    expect((await h.call('POST', `/api/cases/${caseId}/redetermine`, { token: applicant.token, body: { apply: true } })).status).toBe(403);
    // The case page says why the buttons are not theirs.
    const detail = await h.call('GET', `/api/cases/${caseId}`, { token: applicant.token });
    expect(detail.body.availableTransitions).toEqual([]);
    expect(detail.body.transitions.find((t: { event: string }) => t.event === 'approve')).toMatchObject({ allowed: false, code: 'own-case' });

    // Someone else may decide it; the next supervisor is picked when the case comes back round.
    const other = await h.user(['supervisor'], 'Other Supervisor');
    expect((await fire(h, other.token, caseId, 'approve')).status).toBe(200);
  });

  it('a caseworker who applied for themselves cannot start the review of their own case', async () => {
    h = await startHarness();
    const worker = await h.user(['caseworker']);
    const caseId = await submitted(h, worker.token);
    const r = await fire(h, worker.token, caseId, 'start-review');
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('own-case');
  });

  it('auto-assignment skips the maker of a maker-checker pair (a caseworker who is also a supervisor)', async () => {
    h = await startHarness();
    const both = await h.user(['caseworker', 'supervisor'], 'Both Roles');
    const caseId = await submitted(h);
    expect((await fire(h, both.token, caseId, 'start-review')).status).toBe(200);
    const review = await fire(h, both.token, caseId, 'complete-review');
    expect(review.status).toBe(200);
    // The approve and deny guards refuse the reviewer: assigning it to them would strand the case.
    expect(review.body.case.assignee).toBeNull();
    const checker = await h.user(['supervisor'], 'Checker');
    const worker = await h.user(['caseworker']);
    expect((await fire(h, checker.token, caseId, 'return-to-review')).status).toBe(200);
    expect((await fire(h, worker.token, caseId, 'complete-review')).body.case.assignee?.id).toBe(checker.id);
  });
});

describe('case access policy (workflow caseAccess)', () => {
  it('by default ("program") any caseworker of the program acts on a case assigned to another', async () => {
    h = await startHarness();
    const a = await h.user(['caseworker']);
    const b = await h.user(['caseworker']);
    const caseId = await submitted(h);
    expect((await fire(h, a.token, caseId, 'start-review')).body.case.assignee?.id).toBe(a.id);
    expect((await fire(h, b.token, caseId, 'complete-review')).status).toBe(200);
  });

  it('with "assignee" only the assignee (or a supervisor) acts on an assigned case; an unassigned one is anyone\u2019s', async () => {
    h = await startHarness();
    const doc: Program = rentalProgram();
    doc.version = 2;
    doc.effectiveFrom = '2025-06-01';
    doc.workflow.caseAccess = 'assignee';
    expect(await publishShipped(h.server.ctx, doc)).toBe('published');
    const a = await h.user(['caseworker']);
    const b = await h.user(['caseworker']);
    const caseId = await submitted(h);
    expect((await fire(h, b.token, caseId, 'start-review')).status).toBe(200);
    const refused = await fire(h, a.token, caseId, 'complete-review');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('not-assignee');
    expect(refused.body.error.message).toContain('only the assignee');
    expect((await h.call('POST', `/api/cases/${caseId}/notes`, { token: a.token, body: { text: 'Me too.' } })).body.error.code).toBe('not-assignee');
    const detail = await h.call('GET', `/api/cases/${caseId}`, { token: a.token, headers: { 'accept-language': 'es' } });
    expect(detail.body.transitions.find((t: { event: string }) => t.event === 'complete-review')).toMatchObject({
      allowed: false,
      code: 'not-assignee',
      reason: expect.stringContaining('solo permite actuar'),
    });
    expect((await fire(h, b.token, caseId, 'complete-review')).status).toBe(200);
  });
});
