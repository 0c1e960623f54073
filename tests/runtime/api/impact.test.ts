/**
 * Impact jobs over HTTP, on a real SQLite store seeded with 3,000 mixed SNAP households (some incomplete, some
 * invalid, one whose stored answers are not JSON) decided under FY2025, with FY2026 as the draft: the job's totals
 * equal the per-case `evaluate` differences and the in-process `impact` of the same households (so the workers and
 * the merge are held to the reference); progress reaches the total; a population file gives the same summary as
 * JSON Lines and as CSV; a streamed upload is a running job that blocks a second one (409), can be cancelled, and
 * does not stop `/api/health` from answering; 404, 413, 415 and 422 with their messages.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile, evaluate, impact, type CompiledProgram, type Determination, type ImpactSummary, type Program } from '../../../engine/index.ts';
import { loadProgramFolder } from '../../../runtime/fs/program-folder.ts';
import { householdsCsv } from '../../../bench/households.ts';
import { seedStore } from '../../../bench/seed-store.ts';
import { PROGRAM_ID, startHarness, type Harness } from './harness.ts';

const SNAP = 'us-snap';
const AS_OF = '2025-10-15';
const COUNT = 3000;
const doc = (dir: string) =>
  loadProgramFolder(path.resolve(import.meta.dirname, '../../../programs/us-snap', dir)).versions[0].doc as unknown as Program;
const fy2025 = doc('fy2025');
const fy2026 = doc('fy2026');

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mandate-impact-api-'));
const dbPath = path.join(dir, 'mandate.db');
let h: Harness;
let analyst: string;
/** Every seeded case's answers, in case-id order (the order the job reads them), `null` where the stored text is not JSON. */
let caseload: { id: string; state: string; answers: unknown }[];
let brokenCaseId: string;
/** The references, computed before the server starts: a long synchronous computation between requests of this
 * in-process server would leave keep-alive sockets to a race between the server's and the client's idle timers. */
let perCaseReference: ReturnType<typeof perCase>;
let impactReference: unknown;

beforeAll(async () => {
  await seedStore({
    path: dbPath,
    count: COUNT,
    seed: 7,
    versions: [
      { doc: fy2025, status: 'published' },
      { doc: fy2026, status: 'draft' },
    ],
    caseVersion: 4,
    asOf: '2025-09-15',
    households: { missingRate: 0.02, invalidRate: 0.002 },
  });
  const db = new Database(dbPath);
  const rows = db
    .prepare('SELECT c.id, c.state, a.id AS app, a.answers FROM cases c JOIN applications a ON a.id = c.application_id ORDER BY c.id')
    .all() as { id: string; state: string; app: string; answers: string }[];
  brokenCaseId = rows[17].id;
  db.prepare('UPDATE applications SET answers = ? WHERE id = ?').run('{"members": [', rows[17].app);
  db.close();
  caseload = rows.map((r) => ({ id: r.id, state: r.state, answers: r.id === brokenCaseId ? null : JSON.parse(r.answers) }));
  perCaseReference = perCase(caseload.map((c) => c.answers));
  impactReference = asJson(
    impact(
      compiled(fy2025),
      compiled(fy2026),
      caseload.map((c) => c.answers),
      { asOf: AS_OF },
    ),
  );
  h = await startHarness({ today: AS_OF, sqlitePath: dbPath, populationLimitBytes: 4 * 1024 * 1024 });
  analyst = (await h.user(['analyst'])).token;
});
afterAll(async () => {
  await h?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Polls a job until it is no longer running; returns it. */
async function finished(jobId: string) {
  for (let i = 0; i < 600; i++) {
    const r = await h.call('GET', `/api/impact-jobs/${jobId}`, { token: analyst });
    expect(r.status).toBe(200);
    if (r.body.status !== 'running') return r.body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`job ${jobId} still running after 30 s`);
}

function compiled(program: Program): CompiledProgram {
  const c = compile(program).compiled;
  if (!c) throw new Error(`${program.id} v${program.version} does not compile`);
  return c;
}

/** What a case-by-case comparison with two traced `evaluate` calls counts: statuses, categories and yearly cents. */
function perCase(households: unknown[]) {
  const before = compiled(fy2025);
  const after = compiled(fy2026);
  const status = (d: Determination) => (d.inputErrors.length > 0 ? 'invalid' : d.eligibility);
  // Yearly cents of a benefit: a monthly one 12 times, the once-only benefit for the month of application once.
  const yearly = (b: Determination['benefits'][number]) => Math.round(b.amount * 100) * (b.period === 'month' ? 12 : 1);
  const cents = (d: Determination) => (status(d) === 'eligible' ? d.benefits.reduce((n, b) => n + yearly(b), 0) : 0);
  const allotmentCents = (d: Determination) =>
    status(d) === 'eligible' ? d.benefits.filter((b) => b.id === 'allotment').reduce((n, b) => n + yearly(b), 0) : 0;
  const out = { transitions: {} as Record<string, number>, up: 0, down: 0, yearlyCentsBefore: 0, yearlyCentsAfter: 0 };
  for (const household of households) {
    const a = evaluate(before, household, { asOf: AS_OF });
    const b = evaluate(after, household, { asOf: AS_OF });
    const key = `${status(a)}→${status(b)}`;
    out.transitions[key] = (out.transitions[key] ?? 0) + 1;
    out.yearlyCentsBefore += allotmentCents(a);
    out.yearlyCentsAfter += allotmentCents(b);
    if (status(a) === 'eligible' && status(b) === 'eligible' && cents(b) !== cents(a)) cents(b) > cents(a) ? out.up++ : out.down++;
  }
  return out;
}

const asJson = (x: unknown) => JSON.parse(JSON.stringify(x));

describe('impact over the stored caseload', () => {
  let job: any;
  beforeAll(async () => {
    const states = [...new Set(caseload.map((c) => c.state))];
    const r = await h.call('POST', `/api/programs/${SNAP}/impact`, {
      token: analyst,
      body: { version: 5, against: 4, source: { kind: 'caseload', states } },
    });
    expect(r.status).toBe(202);
    expect(r.body.job).toMatchObject({ programId: SNAP, version: 5, against: 4, status: 'running', asOf: AS_OF, by: 'householdSize' });
    expect(r.body.job.progress.total).toBe(COUNT);
    job = await finished(r.body.job.id);
  });

  it('ends with totals equal to the per-case evaluate differences, progress at the total', () => {
    expect(job.status).toBe('done');
    expect(job.progress).toEqual({ done: COUNT, total: COUNT });
    expect(job.etaSeconds).toBeNull();
    const s: ImpactSummary = job.summary;
    const reference = perCaseReference;
    expect(s.households).toBe(COUNT);
    expect(s.transitions).toEqual(Object.fromEntries(Object.entries(reference.transitions).sort(([a], [b]) => (a < b ? -1 : 1))));
    expect(s.categories['amount-up']).toBe(reference.up);
    expect(s.categories['amount-down']).toBe(reference.down);
    expect(s.benefits.allotment.yearlyCentsBefore).toBe(reference.yearlyCentsBefore);
    expect(s.benefits.allotment.yearlyCentsAfter).toBe(reference.yearlyCentsAfter);
    // The mix the test is about: some of every status, and a change of cost.
    for (const t of ['eligible→eligible', 'ineligible→ineligible', 'needs-more-information→needs-more-information', 'invalid→invalid'])
      expect(s.transitions[t], t).toBeGreaterThan(0);
    expect(s.categories['newly-eligible']).toBeGreaterThan(0);
    expect(s.benefits.allotment.annualChange).toBeGreaterThan(0);
  });

  it('equals the in-process impact of the same households, samples included', () => {
    expect(job.summary).toEqual(impactReference);
  });

  it('counts stored answers that are not JSON as invalid and names the case', () => {
    const index = caseload.findIndex((c) => c.id === brokenCaseId);
    expect(job.problems).toEqual([
      { line: index + 1, message: expect.stringContaining(`The stored answers of case ${brokenCaseId} are not valid JSON`) },
    ]);
  });

  it('reads the pending cases by default, and lists the jobs newest first', async () => {
    const r = await h.call('POST', `/api/programs/${SNAP}/impact`, {
      token: analyst,
      body: { version: 5, against: 4, source: { kind: 'caseload' }, by: 'rent', samples: 0 },
    });
    expect(r.status).toBe(202);
    const pending = caseload.filter((c) => !['approved', 'denied'].includes(c.state));
    expect(r.body.job.source).toEqual({
      kind: 'caseload',
      states: ['submitted', 'interview-scheduled', 'documents-requested', 'documents-received'],
    });
    expect(r.body.job.progress.total).toBe(pending.length);
    const done = await finished(r.body.job.id);
    expect(done.summary.households).toBe(pending.length);
    expect(done.summary.by).toBe('rent');
    expect(done.summary.samples['newly-eligible']).toEqual([]);
    const list = await h.call('GET', `/api/programs/${SNAP}/impact-jobs`, { token: analyst });
    expect(list.body.items.map((j: { id: string }) => j.id).slice(0, 2)).toEqual([r.body.job.id, job.id]);
  });

  it('refuses unknown programs, versions and breakdowns, the same version twice, and a version that does not compile', async () => {
    const start = (programId: string, body: Record<string, unknown>) =>
      h.call('POST', `/api/programs/${programId}/impact`, { token: analyst, body: { source: { kind: 'caseload' }, ...body } });
    const noProgram = await start('no-such-program', { version: 5, against: 4 });
    expect(noProgram.status).toBe(404);
    expect(noProgram.body.error.message).toBe('No program with id "no-such-program".');
    const noVersion = await start(SNAP, { version: 9, against: 4 });
    expect(noVersion.status).toBe(404);
    expect(noVersion.body.error.message).toBe('No program version with id "us-snap@9".');
    const same = await start(SNAP, { version: 4, against: 4 });
    expect(same.status).toBe(422);
    expect(same.body.error.message).toContain('version and against are both 4');
    const badBy = await start(SNAP, { version: 5, against: 4, by: 'colour' });
    expect(badBy.status).toBe(422);
    expect(badBy.body.error.message).toContain('by: "colour" is neither a derived value nor a form field of us-snap');
    const badState = await start(SNAP, { version: 5, against: 4, source: { kind: 'caseload', states: ['closed'] } });
    expect(badState.status).toBe(422);
    expect(badState.body.error.message).toContain('source.states: "closed" is not a state');
    // A draft of the rental program whose rule names a fact that does not exist: stored (work is never lost), not comparable.
    const copy = await h.call('POST', `/api/programs/${PROGRAM_ID}/versions/1/draft`, { token: analyst });
    expect(copy.status).toBe(201);
    const broken = structuredClone(copy.body.draft.doc);
    broken.rules[0].conditions = { all: [{ fact: 'noSuchFact', operator: 'equal', value: true }] };
    const saved = await h.call('PUT', `/api/programs/${PROGRAM_ID}/draft`, {
      token: analyst,
      body: broken,
      headers: { 'if-match': String(copy.body.draft.revision) },
    });
    expect(saved.status).toBe(200);
    const invalid = await start(PROGRAM_ID, { version: copy.body.draft.version, against: 1 });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.message).toContain(`Version ${copy.body.draft.version} of ${PROGRAM_ID} has errors and cannot be compared`);
    expect(invalid.body.error.diagnostics.length).toBeGreaterThan(0);
    const unknownJob = await h.call('GET', '/api/impact-jobs/no-such-job', { token: analyst });
    expect(unknownJob.status).toBe(404);
    expect(unknownJob.body.error.message).toBe('No impact job with id "no-such-job".');
  });
});

describe('impact over a population file', () => {
  const columns = [
    'members',
    'rent',
    'utilities',
    'dependentCare',
    'childSupportPaid',
    'hasMedicalCosts',
    'medicalCosts',
    'assets',
    'receivesTanfOrSsi',
  ];
  const population = () => caseload.filter((c) => c.answers !== null).map((c) => c.answers as Record<string, unknown>);
  const upload = (type: string, body: string | ReadableStream, query = `version=5&against=4&asOf=${AS_OF}`) =>
    fetch(`${h.url}/api/programs/${SNAP}/impact/population?${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${analyst}`, 'content-type': type },
      body,
      duplex: 'half',
    } as RequestInit);

  it('gives the same summary from JSON Lines and from CSV, equal to the in-process impact', async () => {
    const households = population().slice(0, 1200);
    const jsonl = await upload('application/x-ndjson', `${households.map((x) => JSON.stringify(x)).join('\n')}\n`);
    expect(jsonl.status).toBe(202);
    const a = await finished((await jsonl.json()).job.id);
    const csv = await upload('text/csv; charset=utf-8', householdsCsv(households, columns));
    expect(csv.status).toBe(202);
    const b = await finished((await csv.json()).job.id);
    expect(a.source).toMatchObject({ kind: 'population', format: 'jsonl' });
    expect(b.source).toMatchObject({ kind: 'population', format: 'csv' });
    expect(a.status).toBe('done');
    expect(b.problems).toEqual([]);
    expect(b.summary).toEqual(a.summary);
    expect(a.summary).toEqual(asJson(impact(compiled(fy2025), compiled(fy2026), households, { asOf: AS_OF })));
  });

  it('counts a bad line as invalid and reports its line number, in the language asked', async () => {
    const lines = population()
      .slice(0, 50)
      .map((x) => JSON.stringify(x));
    lines[9] = '{"members": [';
    lines[20] = '[1, 2]';
    const r = await upload('application/x-ndjson', `${lines.join('\n')}\n`);
    const job = await finished((await r.json()).job.id);
    expect(job.summary.households).toBe(50);
    expect(job.summary.transitions['invalid→invalid']).toBeGreaterThanOrEqual(2);
    expect(job.problems.map((p: { line: number }) => p.line)).toEqual([10, 21]);
    expect(job.problems[0].message).toContain('This line is not valid JSON');
    const es = await h.call('GET', `/api/impact-jobs/${job.id}?lang=es`, { token: analyst });
    expect(es.body.problems[1].message).toContain('Esta línea es JSON pero no un objeto');
    const csv = `${columns.join(',')}\n${householdsCsv(population().slice(0, 3), columns).split('\n').slice(1, 3).join('\n')}\n"[]",abc\n`;
    const c = await finished((await (await upload('text/csv', csv)).json()).job.id);
    expect(c.summary.households).toBe(3);
    expect(c.problems).toEqual([{ line: 4, message: expect.stringContaining('This record has 2 cells where the header has 9 columns') }]);
  });

  it('refuses another media type (415), a file over the limit (413), a CSV without a header (422) and a missing version (400)', async () => {
    const json = await upload('application/json', '{}');
    expect(json.status).toBe(415);
    expect((await json.json()).error.message).toContain('send it as application/x-ndjson (JSON Lines');
    const line = `${JSON.stringify(population()[0])}\n`;
    const big = line.repeat(Math.ceil((4.2 * 1024 * 1024) / line.length));
    const tooLarge = await upload('application/x-ndjson', big);
    expect(tooLarge.status).toBe(413);
    expect((await tooLarge.json()).error.message).toBe(
      `The population file is larger than the limit of ${4 * 1024 * 1024} bytes; send a smaller sample of households, or raise MANDATE_POPULATION_LIMIT.`,
    );
    // Without a Content-Length (streamed in pieces), the limit is checked while reading.
    const streamed = await upload(
      'application/x-ndjson',
      new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(big));
          controller.close();
        },
      }),
    );
    expect(streamed.status).toBe(413);
    const headerless = await upload('text/csv', '');
    expect(headerless.status).toBe(422);
    expect((await headerless.json()).error.message).toContain('The CSV file has no header row');
    const noVersion = await upload('application/x-ndjson', '{}\n', 'against=4');
    expect(noVersion.status).toBe(400);
    expect((await noVersion.json()).error.message).toContain('Query parameter version is required');
    const list = await h.call('GET', `/api/programs/${SNAP}/impact-jobs`, { token: analyst });
    expect(list.body.items.every((j: { status: string }) => j.status !== 'running')).toBe(true);
  });

  it('while a streamed upload runs: health answers, a second job gets 409 with its id, and cancel stops it', async () => {
    let send!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({ start: (c) => void (send = c) });
    const lines = population().map((x) => JSON.stringify(x));
    // About 1.5 MB: a few chunks, read while the rest of the file has not arrived.
    send.enqueue(new TextEncoder().encode(`${[...lines, ...lines].join('\n')}\n`));
    const answer = upload('application/x-ndjson', body);
    let running: { id: string } | undefined;
    for (let i = 0; i < 200 && !running; i++) {
      const list = await h.call('GET', `/api/programs/${SNAP}/impact-jobs`, { token: analyst });
      running = list.body.items.find((j: { status: string }) => j.status === 'running');
      if (!running) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(running).toBeDefined();
    const health = await h.call('GET', '/api/health');
    expect(health.status).toBe(200);
    expect(health.body.ok).toBe(true);
    const second = await h.call('POST', `/api/programs/${SNAP}/impact`, {
      token: analyst,
      body: { version: 5, against: 4, source: { kind: 'caseload' } },
    });
    expect(second.status).toBe(409);
    expect(second.body.error.jobId).toBe(running!.id);
    expect(second.body.error.message).toContain(`An impact job is already running for us-snap (${running!.id})`);
    const cancelled = await h.call('POST', `/api/impact-jobs/${running!.id}/cancel`, { token: analyst });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', summary: null });
    expect(cancelled.body.finishedAt).not.toBeNull();
    send.close();
    const r = await answer;
    expect(r.status).toBe(202);
    expect((await r.json()).job.status).toBe('cancelled');
  });
});
