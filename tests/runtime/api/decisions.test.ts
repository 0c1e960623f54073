/**
 * Decisions staff can stand behind (issue 15) over the shipped emergency rental assistance program: a denial needs a
 * reason from the program's list (422 naming the allowed ids), the reason is kept on the event, the case's decision
 * (in the applicant's language) and the audit entry, and fills the notice's {decisionReason}; the preview shows what
 * the applicant will be told without changing anything; a correction needs a note, re-determines the case and audits
 * the pointer and value hashes, never the values; an intermediary's client consent is stored and audited and both
 * get the notices; the live feed streams a new case.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ELIGIBLE_ANSWERS, PROGRAM_ID, startHarness, type Harness } from './harness.ts';

let h: Harness;
let worker: { id: string; token: string };
let boss: { id: string; token: string };
beforeAll(async () => {
  h = await startHarness();
  worker = await h.user(['caseworker'], 'Casey Worker');
  boss = await h.user(['supervisor'], 'Sam Supervisor');
});
afterAll(() => h?.close());

async function submitted(lang = 'en', answers: Record<string, unknown> = ELIGIBLE_ANSWERS, token?: string, extra: Record<string, unknown> = {}) {
  const started = await h.call('POST', '/api/applications', { body: { programId: PROGRAM_ID, lang, ...extra }, token });
  expect(started.status).toBe(201);
  const headers: Record<string, string> = token ? {} : { 'x-resume-code': started.body.resumeCode };
  await h.call('PUT', `/api/applications/${started.body.id}`, { body: { answers }, headers, token });
  const done = await h.call('POST', `/api/applications/${started.body.id}/submit`, { headers, token });
  expect(done.status).toBe(201);
  return done.body.caseId as string;
}

async function toSupervisor(caseId: string) {
  for (const event of ['start-review', 'complete-review'])
    expect((await h.call('POST', `/api/cases/${caseId}/transitions`, { token: worker.token, body: { event } })).status).toBe(200);
}

describe('decision reasons', () => {
  it('refuses a denial without a reason or with an unknown one, naming the allowed ids, and a reason where none is taken', async () => {
    const caseId = await submitted();
    const refusedReason = await h.call('POST', `/api/cases/${caseId}/transitions`, {
      token: worker.token,
      body: { event: 'start-review', reason: 'income-over-limit' },
    });
    expect(refusedReason.status).toBe(422);
    expect(refusedReason.body.error.code).toBe('reason-not-taken');
    await h.call('POST', `/api/cases/${caseId}/transitions`, { token: worker.token, body: { event: 'start-review' } });
    await h.call('POST', `/api/cases/${caseId}/transitions`, { token: worker.token, body: { event: 'complete-review' } });
    const none = await h.call('POST', `/api/cases/${caseId}/transitions`, { token: boss.token, body: { event: 'deny' } });
    expect(none.status).toBe(422);
    expect(none.body.error.code).toBe('reason-required');
    expect(none.body.error.message).toContain('income-over-limit');
    expect(none.body.error.diagnostics[0].path).toBe('/reason');
    const unknown = await h.call('POST', `/api/cases/${caseId}/transitions`, { token: boss.token, body: { event: 'deny', reason: 'too-rich' } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('reason-unknown');
    expect(unknown.body.error.message).toMatch(/"too-rich".*income-over-limit.*documents-not-provided/);
    const spanish = await h.call('POST', `/api/cases/${caseId}/transitions?lang=es`, { token: boss.token, body: { event: 'deny' } });
    expect(spanish.body.error.message).toMatch(/necesita un motivo/);
  });

  it('keeps the reason on the event, the case (in the applicant\u2019s language) and the audit entry, and in the notice', async () => {
    const caseId = await submitted('es');
    await toSupervisor(caseId);
    const denied = await h.call('POST', `/api/cases/${caseId}/transitions`, {
      token: boss.token,
      body: { event: 'deny', reason: 'documents-not-provided' },
    });
    expect(denied.status).toBe(200);
    expect(denied.body.event.reason).toBe('documents-not-provided');
    const spanishReason = 'No recibimos el contrato de alquiler, el aviso o el comprobante de ingresos que le pedimos.';
    expect(denied.body.messages.find((m: { to: string }) => m.to === 'applicant').text).toContain(spanishReason);
    const detail = await h.call('GET', `/api/cases/${caseId}`, { token: boss.token });
    expect(detail.body.case.decision).toMatchObject({
      event: 'deny',
      to: 'denied',
      actorId: boss.id,
      reason: { id: 'documents-not-provided', lang: 'es', text: spanishReason },
    });
    expect(detail.body.history.at(-1).reason).toBe('documents-not-provided');
    const audit = await h.call('GET', `/api/audit?entity=case&entityId=${caseId}`, { token: h.adminToken });
    const entry = audit.body.find(
      (e: { action: string; details: { event?: string } }) => e.action === 'case.transition' && e.details.event === 'deny',
    );
    expect(entry.details.reason).toBe('documents-not-provided');
  });

  it('previews the notice in the applicant\u2019s language without changing the case', async () => {
    const caseId = await submitted('es', { ...ELIGIBLE_ANSWERS, annualIncome: 500000 });
    await toSupervisor(caseId);
    const before = (await h.call('GET', `/api/cases/${caseId}`, { token: boss.token })).body.case;
    const preview = await h.call('POST', `/api/cases/${caseId}/transitions/preview`, {
      token: boss.token,
      body: { event: 'deny', reason: 'income-over-limit' },
    });
    expect(preview.status).toBe(200);
    expect(preview.body.lang).toBe('es');
    expect(preview.body.stateTitle).not.toBe('Denied');
    expect(preview.body.decisionReason).toMatchObject({
      id: 'income-over-limit',
      text: 'Los ingresos de su hogar superan el 80 % del ingreso medio del área.',
    });
    expect(preview.body.reasons.map((r: { rule: string }) => r.rule)).toContain('income');
    expect(preview.body.messages).toEqual([expect.objectContaining({ to: 'applicant', text: expect.stringContaining('superan el 80 %') })]);
    expect(preview.body.reasonChoices.map((r: { id: string }) => r.id)).toEqual([
      'income-over-limit',
      'no-housing-instability',
      'no-rent-owed',
      'documents-not-provided',
    ]);
    const after = (await h.call('GET', `/api/cases/${caseId}`, { token: boss.token })).body.case;
    expect(after.revision).toBe(before.revision);
    expect(after.state).toBe('supervisor-review');
    const unknown = await h.call('POST', `/api/cases/${caseId}/transitions/preview`, { token: boss.token, body: { event: 'deny', reason: 'nope' } });
    expect(unknown.status).toBe(422);
  });
});

describe('corrections', () => {
  it('corrects an answer with a note, re-determines, and audits pointers and hashes but no values', async () => {
    const caseId = await submitted();
    const detail = (await h.call('GET', `/api/cases/${caseId}`, { token: worker.token })).body;
    expect(detail.determinations.at(-1).result.eligibility).toBe('eligible');
    const noNote = await h.call('POST', `/api/cases/${caseId}/corrections`, { token: worker.token, body: { path: '/annualIncome', value: 1 } });
    expect(noNote.status).toBe(422);
    const unknownField = await h.call('POST', `/api/cases/${caseId}/corrections`, {
      token: worker.token,
      body: { path: '/annualIncomez', value: 1, note: 'Typo.' },
    });
    expect(unknownField.status).toBe(422);
    expect(unknownField.body.error.code).toBe('correction-unknown-field');
    const unchanged = await h.call('POST', `/api/cases/${caseId}/corrections`, {
      token: worker.token,
      body: { path: '/annualIncome', value: ELIGIBLE_ANSWERS.annualIncome, note: 'Checked.' },
    });
    expect(unchanged.body.error.code).toBe('correction-unchanged');
    const badType = await h.call('POST', `/api/cases/${caseId}/corrections`, {
      token: worker.token,
      body: { path: '/annualIncome', value: 'a lot', note: 'Pay stubs.' },
    });
    expect(badType.status).toBe(422);
    expect(badType.body.error.code).toBe('invalid-answers');

    const corrected = await h.call('POST', `/api/cases/${caseId}/corrections`, {
      token: worker.token,
      body: { path: '/annualIncome', value: 412345, note: 'The employer letter shows $412,345 a year.', revision: detail.case.revision },
    });
    expect(corrected.status).toBe(201);
    expect(corrected.body.previous.result.eligibility).toBe('eligible');
    expect(corrected.body.determination.result.eligibility).toBe('ineligible');
    expect(corrected.body.correction.changes).toEqual([{ path: '/annualIncome', before: 60000, after: 412345 }]);

    const after = (await h.call('GET', `/api/cases/${caseId}`, { token: worker.token })).body;
    expect(after.application.answers.annualIncome).toBe(412345);
    expect(after.notes.at(-1).text).toBe('The employer letter shows $412,345 a year.');
    expect(after.corrections).toHaveLength(1);
    // The determination made before the correction still recomputes from the answers it was made from.
    expect(after.determinations.map((d: { check: { ok: boolean } | null }) => d.check?.ok)).toEqual([true, true]);
    expect(after.determinations.at(-1).applied).toBe(true);

    const audit = (await h.call('GET', `/api/audit?entity=case&entityId=${caseId}`, { token: h.adminToken })).body;
    const entry = audit.find((e: { action: string }) => e.action === 'case.correct');
    expect(entry.details.paths).toEqual(['/annualIncome']);
    expect(entry.details.beforeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(entry.details)).not.toContain('412345');
    expect(
      audit.some(
        (e: { action: string; details: { cause?: string } }) => e.action === 'determination.redetermine' && e.details.cause === 'correction',
      ),
    ).toBe(true);
  });

  it('refuses to correct a decided case (terminal state: 409)', async () => {
    const caseId = await submitted();
    await toSupervisor(caseId);
    expect((await h.call('POST', `/api/cases/${caseId}/transitions`, { token: boss.token, body: { event: 'approve' } })).status).toBe(200);
    const refused = await h.call('POST', `/api/cases/${caseId}/corrections`, {
      token: worker.token,
      body: { path: '/rentOwed', value: 0, note: 'No rent owed.' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('correction-decided');
  });
});

describe('assignee names', () => {
  it('lists and shows the assignee as {id, name}', async () => {
    const caseId = await submitted();
    await h.call('POST', `/api/cases/${caseId}/transitions`, { token: worker.token, body: { event: 'start-review' } });
    const list = await h.call('GET', `/api/cases?q=${caseId}`, { token: worker.token });
    expect(list.body.items[0].assignee).toEqual({ id: worker.id, name: 'Casey Worker' });
    const detail = await h.call('GET', `/api/cases/${caseId}`, { token: worker.token });
    expect(detail.body.case.assignee).toEqual({ id: worker.id, name: 'Casey Worker' });
  });
});

describe('intermediaries', () => {
  it('needs the client\u2019s consent, stores and audits the statement, and sends the notices to both', async () => {
    const navigator = await h.user(['intermediary'], 'Ines Navigator');
    const without = await h.call('POST', '/api/applications', { token: navigator.token, body: { programId: PROGRAM_ID, onBehalfOf: 'Rosa Díaz' } });
    expect(without.status).toBe(422);
    expect(without.body.error.code).toBe('consent-required');
    const noName = await h.call('POST', '/api/applications', {
      token: navigator.token,
      body: { programId: PROGRAM_ID, consent: { confirmed: true } },
    });
    expect(noName.body.error.code).toBe('client-name-required');
    const statement = await h.call('GET', `/api/consent-statement?program=${PROGRAM_ID}&client=Rosa%20D%C3%ADaz&lang=es`, { token: navigator.token });
    expect(statement.status).toBe(200);
    expect(statement.body.statement).toMatch(/^Rosa Díaz acepta que Ines Navigator solicite/);

    const caseId = await submitted('es', ELIGIBLE_ANSWERS, navigator.token, { onBehalfOf: 'Rosa Díaz', consent: { confirmed: true } });
    const detail = (await h.call('GET', `/api/cases/${caseId}`, { token: worker.token })).body;
    expect(detail.application.consent).toMatchObject({
      statement: statement.body.statement,
      lang: 'es',
      method: 'checkbox',
      confirmedBy: navigator.id,
    });
    expect(detail.messages.map((m: { to: string }) => m.to).sort()).toEqual(['applicant', navigator.id].sort());
    const audit = (await h.call('GET', '/api/audit?limit=1000', { token: h.adminToken })).body;
    expect(
      audit.some(
        (e: { action: string; actorId: string; details: { statement?: string } }) =>
          e.action === 'application.consent' && e.actorId === navigator.id && e.details.statement === statement.body.statement,
      ),
    ).toBe(true);
    const mine = await h.call('GET', '/api/applications', { token: navigator.token });
    expect(mine.body.items[0]).toMatchObject({ onBehalfOf: 'Rosa Díaz', caseId, caseState: { state: 'submitted', terminal: false } });
    expect(mine.body.items[0].caseState.title).not.toBe('Submitted');
  });
});

describe('live feed', () => {
  it('streams a case opened by a submission to signed-in staff, and refuses anyone else', async () => {
    expect((await fetch(`${h.url}/api/cases/feed`)).status).toBe(401);
    const controller = new AbortController();
    const response = await fetch(`${h.url}/api/cases/feed`, { headers: { authorization: `Bearer ${worker.token}` }, signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes(': open')) text += decoder.decode((await reader.read()).value);
    const caseId = await submitted();
    while (!text.includes(caseId)) text += decoder.decode((await reader.read()).value);
    const event = text.slice(text.indexOf('event: case'));
    expect(JSON.parse(event.split('\n')[1].slice('data: '.length))).toMatchObject({
      kind: 'opened',
      caseId,
      programId: PROGRAM_ID,
      state: 'submitted',
    });
    controller.abort();
  });
});
