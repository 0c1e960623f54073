/**
 * The studio's server side against the real server + SQLite: version states and history, drafts from any version
 * and their deletion, zip import/export (round trip, file-named diagnostics, zip bombs and unsafe names), the
 * maker-checker publication flow with its settings, and scheduled versions taking effect by themselves.
 */
import { strToU8, unzipSync, zipSync, strFromU8 } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Program } from '../../../engine/format/types.ts';
import { runDueRedeterminations, startScheduler } from '../../../runtime/services/scheduler.ts';
import { ADMIN, ELIGIBLE_ANSWERS, PROGRAM_ID, rentalProgram, startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h?.close());

const P = `/api/programs/${PROGRAM_ID}`;
type Terms = { changelog: string; effectiveFrom: string; inFlight: 'keep' | 'reevaluate' };

async function upload(token: string, zip: Uint8Array) {
  const res = await fetch(`${h.url}/api/programs/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/zip' },
    body: Buffer.from(zip),
  });
  return { status: res.status, body: await res.json() };
}

/** The shipped rental program's folder as zip entries under `folder/`, with `change` applied to the file texts. */
function rentalZip(change: (files: Record<string, string>) => void = () => {}, folder = 'rental'): Uint8Array {
  const files: Record<string, string> = {};
  const doc = rentalProgram() as unknown as Record<string, unknown>;
  const { form, parameters, derived, rules, benefits, workflow, translations, tests, ...meta } = doc;
  Object.assign(files, {
    'program.json': JSON.stringify(meta, null, 2),
    'form.json': JSON.stringify({ form }),
    'parameters.json': JSON.stringify({ parameters }),
    'derived.json': JSON.stringify({ derived }),
    'rules.json': JSON.stringify({ rules }, null, 2),
    'benefits.json': JSON.stringify({ benefits }),
    'workflow.json': JSON.stringify({ workflow }),
    'i18n/es.json': JSON.stringify((translations as Record<string, unknown>).es),
    'tests/cases.json': JSON.stringify(tests),
  });
  change(files);
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [folder ? `${folder}/${name}` : name, strToU8(text)])));
}

/** Rental with the arrears cap raised to `cap` from `from` (a new dated value; older dates keep $10,000). */
function withArrearsCap(cap: number, from: string): Program {
  const doc = rentalProgram();
  (doc.parameters.arrears_cap.values as Record<string, unknown>)[from] = cap;
  return doc;
}

async function newDraft(token: string, doc: Program = rentalProgram()) {
  const created = await h.call('POST', '/api/programs', { token, body: doc });
  expect(created.status).toBe(201);
  return created.body.draft as { version: number; revision: number };
}

describe('versions and history', () => {
  it('gives every version its state today and the history newest first with names; caseworkers and visitors see neither drafts nor history', async () => {
    const analyst = await h.user(['analyst'], 'Ada Analyst');
    await newDraft(analyst.token, withArrearsCap(20000, '2026-01-01'));
    expect((await h.publish(PROGRAM_ID, { changelog: 'Higher cap from 2026.', effectiveFrom: '2026-01-01', inFlight: 'keep' })).status).toBe(201);
    await newDraft(analyst.token);
    expect((await h.publish(PROGRAM_ID, { changelog: 'Republished today.', effectiveFrom: h.today, inFlight: 'keep' })).status).toBe(201);
    await newDraft(analyst.token);

    const detail = await h.call('GET', P, { token: analyst.token });
    expect(detail.body.versions.map((v: { version: number; state: string }) => `${v.version}:${v.state}`)).toEqual([
      '1:superseded',
      '2:scheduled',
      '3:in-force',
      '4:draft',
    ]);
    expect(detail.body.current).toMatchObject({ version: 3, state: 'in-force' });
    const list = await h.call('GET', '/api/programs', { token: analyst.token });
    expect(list.body[0].versions.map((v: { state: string }) => v.state)).toEqual(['superseded', 'scheduled', 'in-force', 'draft']);

    const history = await h.call('GET', `${P}/history`, { token: analyst.token });
    expect(history.status).toBe(200);
    expect(history.body[0]).toMatchObject({ action: 'program.draft.create', version: 4, actor: { id: analyst.id, name: 'Ada Analyst' } });
    const actions = history.body.map((e: { action: string }) => e.action);
    expect(actions).toEqual([
      'program.draft.create',
      'program.publish',
      'program.publication.request',
      'program.draft.create',
      'program.publish',
      'program.publication.request',
      'program.draft.create',
      'program.publish-shipped',
    ]);
    expect(history.body.at(-1).actor).toBeNull();
    const times = history.body.map((e: { at: string }) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(history.body[1].details).toMatchObject({ changelog: 'Republished today.', selfPublished: false });

    const worker = await h.user(['caseworker']);
    for (const token of [worker.token, undefined]) {
      const seen = await h.call('GET', P, { token });
      expect(seen.body.versions.map((v: { state: string }) => v.state)).not.toContain('draft');
      expect((await h.call('GET', '/api/programs', { token })).body[0].versions).toBeUndefined();
      expect((await h.call('GET', `${P}/history`, { token })).status).toBe(token ? 403 : 401);
      expect((await h.call('GET', `${P}/draft/publication-request`, { token })).status).toBe(token ? 403 : 401);
      expect((await h.call('GET', `${P}/versions/4`, { token })).status).toBe(404);
    }
  });

  it('starts a draft from any version, refuses a second one saying how to go on, and deletes drafts (audited) but never published versions', async () => {
    const analyst = await h.user(['analyst']);
    const copy = await h.call('POST', `${P}/versions/1/draft`, { token: analyst.token });
    expect(copy.status).toBe(201);
    expect(copy.body.draft).toMatchObject({ version: 2, status: 'draft', revision: 1 });
    expect({ ...copy.body.draft.doc, version: 1 }).toEqual((await h.call('GET', `${P}/versions/1`)).body.doc);

    const again = await h.call('POST', `${P}/versions/1/draft`, { token: analyst.token });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('draft-exists');
    expect(again.body.error.message).toContain(`DELETE /api/programs/${PROGRAM_ID}/draft`);
    expect((await h.call('POST', `${P}/versions/9/draft`, { token: analyst.token })).status).toBe(404);

    expect((await h.call('DELETE', `${P}/draft`, { token: analyst.token })).status).toBe(204);
    expect((await h.call('GET', `${P}/draft`, { token: analyst.token })).status).toBe(404);
    const gone = await h.call('DELETE', `${P}/draft`, { token: analyst.token });
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('no-draft');
    expect((await h.call('GET', `${P}/versions/1`)).status).toBe(200);
    const history = await h.call('GET', `${P}/history`, { token: analyst.token });
    expect(history.body.slice(0, 2).map((e: { action: string; details: Record<string, unknown> }) => [e.action, e.details.version])).toEqual([
      ['program.draft.delete', 2],
      ['program.draft.from-version', 2],
    ]);
    expect(history.body[1].details.from).toBe(1);
  });
});

describe('zip import and export', () => {
  it('exports a version folder that imports back as the same document', async () => {
    const analyst = await h.user(['analyst']);
    const res = await fetch(`${h.url}${P}/export?format=zip&version=1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/zip');
    expect(res.headers.get('content-disposition')).toContain(`${PROGRAM_ID}-v1.zip`);
    const zip = new Uint8Array(await res.arrayBuffer());
    const names = Object.keys(unzipSync(zip)).sort();
    expect(names).toContain(`${PROGRAM_ID}-v1/program.json`);
    expect(names).toContain(`${PROGRAM_ID}-v1/rules.json`);
    expect(names).toContain(`${PROGRAM_ID}-v1/i18n/es.json`);
    expect(names).toContain(`${PROGRAM_ID}-v1/tests/cases.json`);
    expect(JSON.parse(strFromU8(unzipSync(zip)[`${PROGRAM_ID}-v1/workflow.json`]))).toHaveProperty('workflow.states');

    const imported = await upload(analyst.token, zip);
    expect(imported.status).toBe(201);
    expect(imported.body.diagnostics.filter((d: { severity: string }) => d.severity === 'error')).toEqual([]);
    const original = (await h.call('GET', `${P}/versions/1`)).body.doc;
    expect({ ...imported.body.draft.doc, version: 1 }).toEqual(original);
    expect((await h.call('GET', `${P}/history`, { token: analyst.token })).body[0]).toMatchObject({
      action: 'program.import',
      details: { format: 'zip' },
    });
    expect((await h.call('GET', `${P}/export?format=tar`)).status).toBe(400);
  });

  it('names the file inside the zip and the JSON path in its diagnostics', async () => {
    const analyst = await h.user(['analyst']);
    const broken = await upload(
      analyst.token,
      rentalZip((f) => (f['rules.json'] = f['rules.json'].replace('{', '{,'))),
    );
    expect(broken.status).toBe(422);
    expect(broken.body.error.code).toBe('zip-unreadable');
    expect(broken.body.error.diagnostics[0]).toMatchObject({ code: 'document.json-syntax', file: 'rental/rules.json' });
    expect(broken.body.error.diagnostics[0].message).toMatch(/rental\/rules\.json is not valid JSON: .*line 1, column 2/);

    // A rule naming an unknown parameter: the draft is stored, its diagnostic points into rules.json.
    const typo = await upload(
      analyst.token,
      rentalZip((f) => (f['derived.json'] = f['derived.json'].replace("param('arrears_cap')", "param('arrears_capp')"))),
    );
    expect(typo.status).toBe(201);
    const error = typo.body.diagnostics.find((d: { severity: string }) => d.severity === 'error');
    expect(error).toMatchObject({ file: 'rental/derived.json', filePath: expect.stringMatching(/^\/derived\/arrearsPaid/) });
    expect(error.path).toMatch(/^\/derived\/arrearsPaid/);
  });

  it('refuses unsafe names, zip bombs, too many entries, several versions and non-zips with clear codes', async () => {
    const analyst = await h.user(['analyst']);
    const climbing = await upload(analyst.token, zipSync({ '../evil.json': strToU8('{}'), 'program.json': strToU8('{}') }));
    expect(climbing.status).toBe(422);
    expect(climbing.body.error).toMatchObject({ code: 'zip-unsafe-name' });
    expect(climbing.body.error.message).toContain('"../evil.json"');
    expect((await upload(analyst.token, zipSync({ '/etc/program.json': strToU8('{}') }))).body.error.code).toBe('zip-unsafe-name');

    // 25 MB of zeros compresses to a few kB; its declared size alone refuses it.
    const bomb = await upload(analyst.token, zipSync({ 'program.json': new Uint8Array(25 * 1024 * 1024) }, { level: 9 }));
    expect(bomb.status).toBe(413);
    expect(bomb.body.error.code).toBe('zip-too-large');
    // A zip that lies about its sizes gets no more than it declared: the 1 MB file is cut to 10 bytes.
    const liar = zipSync({ 'program.json': strToU8(`{"id": "x", "pad": "${' '.repeat(1024 * 1024)}"}`) }, { level: 9 });
    const view = new DataView(liar.buffer);
    for (let i = 0; i < liar.length - 4; i++) {
      if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 10, true);
      if (view.getUint32(i, true) === 0x04034b50) view.setUint32(i + 22, 10, true);
    }
    const cut = await upload(analyst.token, liar);
    expect(cut.status).toBe(422);
    expect(cut.body.error.diagnostics[0]).toMatchObject({ code: 'document.json-syntax', file: 'program.json' });
    const many = await upload(analyst.token, zipSync(Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`tests/${i}.json`, strToU8('[]')]))));
    expect(many.status).toBe(413);
    expect(many.body.error.code).toBe('zip-too-many-entries');

    const two = zipSync({ ...unzipSync(rentalZip(() => {}, '1')), ...unzipSync(rentalZip(() => {}, '2')) });
    const several = await upload(analyst.token, two);
    expect(several.status).toBe(422);
    expect(several.body.error.code).toBe('zip-several-versions');
    expect((await upload(analyst.token, strToU8('not a zip'))).body.error.code).toBe('zip-invalid');
    expect((await upload(analyst.token, zipSync({ 'README.md': strToU8('hi') }))).body.error.code).toBe('zip-no-program');
    const json = await h.call('POST', '/api/programs/import', { token: analyst.token, rawBody: 'x', headers: { 'content-type': 'text/plain' } });
    expect(json.status).toBe(415);
  });
});

describe('maker-checker publication', () => {
  it('requests, reviews with the diff and the cases it touches, refuses the wrong publisher and stale drafts, and publishes', async () => {
    const analyst = await h.user(['analyst'], 'Ada Analyst');
    const other = await h.user(['analyst']);
    const secondAdmin = await h.user(['administrator'], 'Second Admin');
    // A pending case under version 1.
    const started = await h.call('POST', '/api/applications', { body: { programId: PROGRAM_ID } });
    const code = { 'x-resume-code': started.body.resumeCode };
    await h.call('PUT', `/api/applications/${started.body.id}`, { body: { answers: ELIGIBLE_ANSWERS }, headers: code });
    expect((await h.call('POST', `/api/applications/${started.body.id}/submit`, { headers: code })).status).toBe(201);

    expect((await h.call('POST', `${P}/publish`, { token: h.adminToken, body: {} })).body.error.code).toBe('no-draft');
    const draft = await newDraft(analyst.token, withArrearsCap(20000, '2026-01-01'));
    const terms: Terms = { changelog: 'Higher arrears cap from 2026.', effectiveFrom: '2026-01-01', inFlight: 'reevaluate' };
    const none = await h.call('POST', `${P}/publish`, { token: h.adminToken, body: {} });
    expect(none.status).toBe(409);
    expect(none.body.error.code).toBe('no-publication-request');

    const stale = await h.call('POST', `${P}/draft/publication-request`, { token: analyst.token, body: { ...terms, revision: draft.revision + 1 } });
    expect(stale.status).toBe(409);
    const requested = await h.call('POST', `${P}/draft/publication-request`, { token: analyst.token, body: { ...terms, revision: draft.revision } });
    expect(requested.status).toBe(201);
    const review = await h.call('GET', `${P}/draft/publication-request`, { token: h.adminToken });
    expect(review.body).toMatchObject({
      version: 2,
      current: true,
      pendingCases: 1,
      pendingCasesTouched: 1,
      request: { ...terms, requester: { id: analyst.id, name: 'Ada Analyst' } },
    });
    expect(review.body.diff.text).toContain('$10,000 → $20,000 from 2026-01-01');
    expect((await h.call('GET', P, { token: analyst.token })).body.versions[1]).toMatchObject({ state: 'draft', publicationRequested: true });

    const withdrawByOther = await h.call('POST', `${P}/draft/publication-request/withdraw`, { token: other.token });
    expect(withdrawByOther.status).toBe(403);
    expect(withdrawByOther.body.error.code).toBe('not-requester');
    const termsAgain = await h.call('POST', `${P}/publish`, { token: h.adminToken, body: { changelog: 'x' } });
    expect(termsAgain.status).toBe(422);
    expect(termsAgain.body.error.code).toBe('terms-in-request');

    // The analyst saves again after requesting: the reviewed text is no longer the draft.
    const current = await h.call('GET', `${P}/draft`, { token: analyst.token });
    const saved = await h.call('PUT', `${P}/draft`, {
      token: analyst.token,
      body: current.body.doc,
      headers: { 'if-match': String(current.body.revision) },
    });
    expect(saved.status).toBe(200);
    expect((await h.call('GET', `${P}/draft/publication-request`, { token: h.adminToken })).body.current).toBe(false);
    const changed = await h.call('POST', `${P}/publish`, { token: h.adminToken, body: {} });
    expect(changed.status).toBe(409);
    expect(changed.body.error.code).toBe('request-stale');

    // An administrator who requests may not publish their own request while maker-checker is on.
    const adminRequest = await h.call('POST', `${P}/draft/publication-request`, {
      token: h.adminToken,
      body: { ...terms, revision: saved.body.draft.revision },
    });
    expect(adminRequest.status).toBe(201);
    const self = await h.call('POST', `${P}/publish`, { token: h.adminToken, body: {} });
    expect(self.status).toBe(409);
    expect(self.body.error.code).toBe('same-person');
    expect(self.body.error.message).toContain('PUT /api/settings');

    const published = await h.call('POST', `${P}/publish`, { token: secondAdmin.token, body: { revision: saved.body.draft.revision } });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({
      version: 2,
      status: 'published',
      selfPublished: false,
      changelog: terms.changelog,
      effectiveFrom: '2026-01-01',
      redetermined: null,
    });
    expect((await h.call('PUT', `${P}/versions/2`, { token: analyst.token, body: current.body.doc, headers: { 'if-match': '1' } })).status).toBe(409);
    const history = (await h.call('GET', `${P}/history`, { token: analyst.token })).body;
    expect(history[0]).toMatchObject({
      action: 'program.publish',
      actor: { name: 'Second Admin' },
      details: { requestedBy: expect.any(String), selfPublished: false },
    });
  });

  it('refuses a request when test cases fail, naming them; rejects with a reason; withdraws', async () => {
    const analyst = await h.user(['analyst']);
    const doc = rentalProgram();
    const tests = doc.tests!;
    tests[0].expected = { ...tests[0].expected, eligibility: 'ineligible' };
    const draft = await newDraft(analyst.token, doc);
    const terms: Terms = { changelog: 'x', effectiveFrom: h.today, inFlight: 'keep' };
    const failing = await h.call('POST', `${P}/draft/publication-request`, { token: analyst.token, body: { ...terms, revision: draft.revision } });
    expect(failing.status).toBe(422);
    expect(failing.body.error.code).toBe('tests-failing');
    expect(failing.body.error.message).toContain(`"${tests[0].name}"`);
    expect(failing.body.error.diagnostics[0]).toMatchObject({ code: 'test.failing', path: '/tests/0' });

    const fixed = await h.call('PUT', `${P}/draft`, { token: analyst.token, body: rentalProgram(), headers: { 'if-match': String(draft.revision) } });
    const revision = fixed.body.draft.revision;
    expect((await h.call('POST', `${P}/draft/publication-request`, { token: analyst.token, body: { ...terms, revision } })).status).toBe(201);
    expect((await h.call('POST', `${P}/draft/publication-request/reject`, { token: h.adminToken, body: {} })).status).toBe(422);
    expect(
      (await h.call('POST', `${P}/draft/publication-request/reject`, { token: h.adminToken, body: { reason: 'Cite the notice in the changelog.' } }))
        .status,
    ).toBe(204);
    expect((await h.call('GET', `${P}/draft/publication-request`, { token: analyst.token })).body.error.code).toBe('no-publication-request');
    expect((await h.call('POST', `${P}/draft/publication-request`, { token: analyst.token, body: { ...terms, revision } })).status).toBe(201);
    expect((await h.call('POST', `${P}/draft/publication-request/withdraw`, { token: analyst.token })).status).toBe(204);
    const history = (await h.call('GET', `${P}/history`, { token: analyst.token })).body;
    expect(history.slice(0, 4).map((e: { action: string }) => e.action)).toEqual([
      'program.publication.withdraw',
      'program.publication.request',
      'program.publication.reject',
      'program.publication.request',
    ]);
    expect(history[2].details.reason).toBe('Cite the notice in the changelog.');
  });

  it('lets a one-person organisation switch maker-checker off (If-Match), and marks its self-published versions', async () => {
    expect((await h.call('GET', '/api/settings', { token: h.adminToken })).body).toMatchObject({ makerChecker: true, revision: 0 });
    expect((await h.call('PUT', '/api/settings', { token: h.adminToken, body: { makerChecker: false } })).status).toBe(428);
    expect((await h.call('PUT', '/api/settings', { token: h.adminToken, body: { makerChecker: false }, headers: { 'if-match': '3' } })).status).toBe(
      409,
    );
    const off = await h.call('PUT', '/api/settings', { token: h.adminToken, body: { makerChecker: false }, headers: { 'if-match': '0' } });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ makerChecker: false, revision: 1 });

    await newDraft(h.adminToken);
    const missing = await h.call('POST', `${P}/publish`, { token: h.adminToken, body: { changelog: 'Alone.' } });
    expect(missing.status).toBe(422);
    expect(missing.body.error.diagnostics.map((d: { path: string }) => d.path)).toEqual(['/effectiveFrom', '/inFlight']);
    const published = await h.call('POST', `${P}/publish`, {
      token: h.adminToken,
      body: { changelog: 'Alone.', effectiveFrom: h.today, inFlight: 'keep' },
    });
    expect(published.status).toBe(201);
    expect(published.body.selfPublished).toBe(true);
    expect((await h.call('GET', P)).body.versions[1]).toMatchObject({ version: 2, selfPublished: true, state: 'in-force' });
    const history = (await h.call('GET', `${P}/history`, { token: h.adminToken })).body;
    expect(history[0]).toMatchObject({ action: 'program.publish', selfPublished: true });
    const audit = (await h.call('GET', '/api/audit?limit=1000', { token: h.adminToken })).body;
    expect(audit.find((e: { action: string }) => e.action === 'settings.update').details).toEqual({
      from: { makerChecker: true },
      to: { makerChecker: false },
    });
    expect((await h.call('PUT', '/api/settings', { token: h.adminToken, body: { makerChecker: true, revision: 1 } })).body.revision).toBe(2);
  });
});

describe('scheduled versions', () => {
  it('evaluates with the previous version before the date and re-determines pending cases on it, once', async () => {
    const analyst = await h.user(['analyst']);
    await newDraft(analyst.token, withArrearsCap(20000, '2026-01-01'));
    expect((await h.publish(PROGRAM_ID, { changelog: 'Higher cap from 2026.', effectiveFrom: '2026-01-01', inFlight: 'reevaluate' })).status).toBe(
      201,
    );
    const owing = { ...ELIGIBLE_ANSWERS, rentOwed: 14000 };
    expect((await h.call('GET', `${P}/current?date=2025-12-31`)).body.version).toBe(1);
    expect((await h.call('GET', `${P}/current?date=2026-01-01`)).body.version).toBe(2);

    // A case submitted before the date is decided under version 1 (arrears capped at $10,000).
    h.setToday('2025-12-31');
    const started = await h.call('POST', '/api/applications', { body: { programId: PROGRAM_ID } });
    const code = { 'x-resume-code': started.body.resumeCode };
    await h.call('PUT', `/api/applications/${started.body.id}`, { body: { answers: owing }, headers: code });
    const submitted = await h.call('POST', `/api/applications/${started.body.id}/submit`, { headers: code });
    expect(submitted.body.determination).toMatchObject({ version: 1, values: { arrearsPaid: 10000 } });
    expect(await runDueRedeterminations(h.server.ctx)).toEqual([]);

    h.setToday('2026-01-02');
    const scheduler = startScheduler(h.server.ctx, 60_000);
    await scheduler.stop();
    // Sessions from six months ago have expired: sign in again.
    const admin = await h.login(ADMIN.email, ADMIN.password);
    // The scheduler started a job for version 2 (it runs in the background): wait for it.
    const jobs = (await h.call('GET', `${P}/redetermination-jobs`, { token: admin })).body.items;
    expect(jobs).toEqual([expect.objectContaining({ version: 2, trigger: 'schedule', startedBy: null })]);
    const job = await h.waitForJob(jobs[0].id, admin);
    expect(job).toMatchObject({ status: 'done', counts: { changed: 1, failed: 0 } });
    const kase = await h.call('GET', `/api/cases/${submitted.body.caseId}`, { token: admin });
    expect(kase.body.case.version).toBe(2);
    expect(kase.body.determinations.at(-1)).toMatchObject({ kind: 'redetermination', applied: true, result: { values: { arrearsPaid: 14000 } } });
    // Idempotent: the job record stays, so a restart (or the next tick) does not run it again.
    expect(await runDueRedeterminations(h.server.ctx)).toEqual([]);
    expect((await h.call('GET', `${P}/redetermination-jobs`, { token: admin })).body.items).toHaveLength(1);
    const marks = (await h.call('GET', `${P}/history`, { token: admin })).body
      .filter((e: { action: string }) => e.action.startsWith('program.redetermination.'))
      .map((e: { action: string; actor: unknown }) => [e.action, e.actor]);
    expect(marks).toEqual([
      ['program.redetermination.done', null],
      ['program.redetermination.start', null],
    ]);
  });
});
