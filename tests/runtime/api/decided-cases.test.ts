/**
 * Issue 14, finding 4: a decided case cannot be changed by a re-determination, and no case moves to an older version
 * than the one it is under unless its workflow says `redetermineToOlderVersion`. The request, the mass job and a
 * transition's `redetermine` action share the rule (`runtime/services/redetermination-rule.ts`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Program } from '../../../engine/format/types.ts';
import { publishShipped } from '../../../runtime/services/programs.ts';
import { ELIGIBLE_ANSWERS, PROGRAM_ID, rentalProgram, startHarness, type Harness } from './harness.ts';

/** Version 2 of the rental program, in force from 2025-06-01 (the harness's today is 2025-07-01). */
function version2(change: (doc: Program) => void = () => {}): Program {
  const doc = rentalProgram();
  doc.version = 2;
  doc.effectiveFrom = '2025-06-01';
  change(doc);
  return doc;
}

async function submitted(h: Harness): Promise<string> {
  const started = await h.call('POST', '/api/applications', { body: { programId: PROGRAM_ID } });
  const headers = { 'x-resume-code': started.body.resumeCode };
  expect((await h.call('PUT', `/api/applications/${started.body.id}`, { body: { answers: ELIGIBLE_ANSWERS }, headers })).status).toBe(200);
  const r = await h.call('POST', `/api/applications/${started.body.id}/submit`, { headers });
  expect(r.status).toBe(201);
  return r.body.caseId;
}

async function fire(h: Harness, token: string, caseId: string, event: string) {
  const r = await h.call('POST', `/api/cases/${caseId}/transitions`, { token, body: { event } });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

describe('re-determining decided cases and older versions (workflow default)', () => {
  let h: Harness;
  let worker: { token: string };
  let supervisor: { token: string };
  beforeAll(async () => {
    h = await startHarness();
    expect(await publishShipped(h.server.ctx, version2())).toBe('published');
    worker = await h.user(['caseworker']);
    supervisor = await h.user(['supervisor']);
  });
  afterAll(() => h?.close());

  it('refuses to apply a re-determination to an approved case (409 case-decided), in English and Spanish; a dry run still works', async () => {
    const caseId = await submitted(h);
    await fire(h, worker.token, caseId, 'start-review');
    await fire(h, worker.token, caseId, 'complete-review');
    await fire(h, supervisor.token, caseId, 'approve');
    const before = (await h.call('GET', `/api/cases/${caseId}`, { token: worker.token })).body;
    expect(before.case).toMatchObject({ state: 'approved', version: 2 });

    const refused = await h.call('POST', `/api/cases/${caseId}/redetermine`, { token: worker.token, body: { apply: true, version: 1 } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('case-decided');
    expect(refused.body.error.message).toContain('decision stands');
    expect(refused.body.error.message).toContain('"apply": false');
    const es = await h.call('POST', `/api/cases/${caseId}/redetermine`, {
      token: worker.token,
      body: { apply: true },
      headers: { 'accept-language': 'es' },
    });
    expect(es.status).toBe(409);
    expect(es.body.error.message).toContain('está decidido');

    const after = (await h.call('GET', `/api/cases/${caseId}`, { token: worker.token })).body;
    expect(after.case).toMatchObject({ state: 'approved', version: 2, revision: before.case.revision });
    expect(after.determinations.length).toBe(before.determinations.length);

    const dry = await h.call('POST', `/api/cases/${caseId}/redetermine`, { token: worker.token, body: { apply: false, version: 1 } });
    expect(dry.status).toBe(201);
    expect(dry.body.case.version).toBe(2);
  });

  it('refuses to move a pending case to an older version (409 older-version) but applies the version it is under', async () => {
    const caseId = await submitted(h);
    const older = await h.call('POST', `/api/cases/${caseId}/redetermine`, { token: worker.token, body: { apply: true, version: 1 } });
    expect(older.status).toBe(409);
    expect(older.body.error.code).toBe('older-version');
    expect(older.body.error.message).toContain('redetermineToOlderVersion');
    const same = await h.call('POST', `/api/cases/${caseId}/redetermine`, { token: worker.token, body: { apply: true, version: 2 } });
    expect(same.status).toBe(201);
    const audit = await h.call('GET', `/api/audit?entity=case&entityId=${caseId}`, { token: h.adminToken });
    expect(audit.body.map((e: { action: string }) => e.action)).toContain('determination.redetermine');
  });

  it('the mass re-determination to the older version leaves decided cases and cases under the newer version alone', async () => {
    const started = await h.call('POST', `/api/programs/${PROGRAM_ID}/versions/1/redetermine-pending`, { token: h.adminToken });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const job = await h.waitForJob(started.body.id);
    expect(job.status).toBe('done');
    expect(job.counts.changed + job.counts.unchanged).toBe(0);
    expect(job.counts.skippedDecided).toBe(1);
    expect(job.counts.skippedNewer).toBe(1);
    expect(job.summary).toContain('1 under a newer version were left there');
    const list = await h.call('GET', `/api/cases?program=${PROGRAM_ID}`, { token: worker.token });
    expect(list.body.items.map((c: { version: number }) => c.version)).toEqual([2, 2]);
  });
});

describe('a workflow that allows re-determining under an older version', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    expect(
      await publishShipped(
        h.server.ctx,
        version2((doc) => {
          doc.workflow.redetermineToOlderVersion = true;
        }),
      ),
    ).toBe('published');
  });
  afterAll(() => h?.close());

  it('moves a pending case back to version 1 and audits it', async () => {
    const worker = await h.user(['caseworker']);
    const caseId = await submitted(h);
    const back = await h.call('POST', `/api/cases/${caseId}/redetermine`, { token: worker.token, body: { apply: true, version: 1 } });
    expect(back.status).toBe(201);
    expect(back.body.case.version).toBe(1);
    const audit = await h.call('GET', `/api/audit?entity=case&entityId=${caseId}`, { token: h.adminToken });
    const entry = audit.body.find((e: { action: string }) => e.action === 'determination.redetermine');
    expect(entry.details).toMatchObject({ version: 1, previous: { version: 2 } });
  });

  it('validates the option: a string is refused with a diagnostic naming it', async () => {
    const analyst = await h.user(['analyst']);
    const doc = rentalProgram() as unknown as { workflow: Record<string, unknown> };
    doc.workflow.redetermineToOlderVersion = 'yes';
    const created = await h.call('POST', '/api/programs', { token: analyst.token, body: doc });
    const diagnostics: { path: string; severity: string }[] = created.body.diagnostics ?? created.body.error?.diagnostics ?? [];
    expect(diagnostics.some((d) => d.path === '/workflow/redetermineToOlderVersion' && d.severity === 'error')).toBe(true);
  });
});
