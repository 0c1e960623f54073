/**
 * Mass re-determination jobs over a seeded SQLite store of SNAP cases (FY2025, version 4 → FY2026, version 5),
 * through the real server and its API, the job running in-process on the store the test opened: the result of each
 * case equals the per-case `evaluate` (the reference) on mixed households; decided cases are untouched; each changed
 * case has one new determination, one audit entry and one notice (in the applicant's language) and the audit chain
 * verifies; unchanged cases move to the version; determinations are compact and recomputed on demand, checked
 * against their hash (a tampered one is reported); a cancelled job leaves every chunk fully applied or not at all;
 * one job runs per version at a time; the runs recorded before jobs existed become finished jobs. The jobs run on
 * each store: a seeded SQLite file, and a seeded database of a throwaway PostgreSQL cluster.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedStore } from '../../bench/seed-store.ts';
import { compile, evaluate, type Program } from '../../engine/index.ts';
import { verifyStoreChain } from '../../runtime/cli/audit.ts';
import { loadProgramFolder } from '../../runtime/fs/program-folder.ts';
import { startServer, type RunningServer } from '../../runtime/main.ts';
import { decisionOf, isCompact } from '../../runtime/services/determinations.ts';
import { openStore } from '../../runtime/store/index.ts';
import { applySqliteMigrations, readSqlMigrations } from '../../runtime/store/sqlite/migrate.ts';
import { runJobInThisThread } from '../../runtime/services/redetermination.ts';
import type { JobRecord, RedeterminationChunk, Store, StoredResult } from '../../runtime/store/types.ts';
import { type StoreLocation, withStoreSql } from '../support/store-sql.ts';
import { clusterForSuite, describeOnStores } from '../support/stores.ts';

const ADMIN = { email: 'jobs-admin@test.local', password: 'jobs-admin-password' };
const TODAY = '2025-11-15';
const fy2025 = loadProgramFolder('programs/us-snap/fy2025').versions[0].doc as unknown as Program;
const fy2026 = loadProgramFolder('programs/us-snap/fy2026').versions[0].doc as unknown as Program;
const TERMINAL = new Set(
  Object.entries(fy2025.workflow.states)
    .filter(([, s]) => s.terminal)
    .map(([name]) => name),
);

interface Running {
  dir: string;
  /** The seeded database (read and changed directly by the tests). */
  at: StoreLocation;
  store: Store;
  server: RunningServer;
  token: string;
  call(method: string, path: string): Promise<{ status: number; body: any }>;
}

/** A server on a store seeded with `count` SNAP cases (some incomplete or invalid), chunks of `chunk` cases. */
async function seededServer(count: number, chunk: number, databaseUrl?: string): Promise<Running> {
  const dir = mkdtempSync(join(tmpdir(), 'mandate-jobs-'));
  const at: StoreLocation = databaseUrl ? { databaseUrl } : { sqlitePath: join(dir, 'mandate.db') };
  await seedStore({
    ...(databaseUrl ? { databaseUrl } : { path: join(dir, 'mandate.db') }),
    count,
    versions: [
      { doc: fy2025, status: 'published' },
      { doc: fy2026, status: 'published' },
    ],
    caseVersion: 4,
    asOf: '2025-09-15',
    households: { missingRate: 0.03, invalidRate: 0.03 },
  });
  const store = await openStore(at);
  const server = await startServer({
    store,
    now: () => new Date(`${TODAY}T12:00:00Z`),
    port: 0,
    host: '127.0.0.1',
    publishPrograms: false,
    serveWeb: false,
    buildWebIfMissing: false,
    announce: false,
    adminEmail: ADMIN.email,
    adminPassword: ADMIN.password,
    demoUsers: false,
    logger: pino({ level: 'silent' }),
  });
  server.ctx.redeterminationChunk = chunk;
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  const { token } = (await login.json()) as { token: string };
  const call = async (method: string, p: string) => {
    const res = await fetch(server.url + p, { method, headers: { authorization: `Bearer ${token}`, 'accept-language': 'en' } });
    return { status: res.status, body: await res.json() };
  };
  return { dir, at, store, server, token, call };
}

async function waitForJob(r: Running, id: string) {
  for (;;) {
    const job = (await r.call('GET', `/api/redetermination-jobs/${id}`)).body;
    if (job.status !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function stop(r: Running) {
  await r.server.close();
  await r.store.close();
  rmSync(r.dir, { recursive: true, force: true });
}

interface CaseRow {
  id: string;
  state: string;
  version: number;
  revision: number;
  answers: string;
  lang: string;
}

/** The cases, determinations (in insertion order, `applied` as 0/1), notices and re-determination audit entries. */
async function rowsOf(at: StoreLocation) {
  const { cases, dets, messages, audit } = await withStoreSql(
    at,
    async (db) => ({
      cases: (
        await db.all<CaseRow>(
          'SELECT c.id, c.state, c.version, c.revision, a.answers, a.lang FROM cases c JOIN applications a ON a.id = c.application_id ORDER BY c.id',
        )
      ).map((c) => ({ ...c, version: Number(c.version), revision: Number(c.revision) })),
      dets: (
        await db.all<{ case_id: string; applied: number | boolean; kind: string; result: string }>(
          'SELECT case_id, applied, kind, result FROM determinations ORDER BY rowid',
        )
      ).map((d) => ({ ...d, applied: Number(d.applied), result: typeof d.result === 'string' ? d.result : JSON.stringify(d.result) })),
      messages: await db.all<{ case_id: string; to: string; text: string }>('SELECT case_id, "to", text FROM messages'),
      audit: await db.all<{ entity_id: string; details: string }>("SELECT entity_id, details FROM audit WHERE action = 'determination.redetermine'"),
    }),
    { readonly: true },
  );
  const group = <T extends { case_id: string }>(list: T[]) => {
    const map = new Map<string, T[]>();
    for (const x of list) map.set(x.case_id, [...(map.get(x.case_id) ?? []), x]);
    return map;
  };
  return { cases, dets: group(dets), messages: group(messages), audit };
}

describeOnStores('re-determination jobs', (kind) => {
  const cluster = kind === 'postgres' ? clusterForSuite() : undefined;
  const newDatabase = async () => (cluster ? cluster().newDatabase() : undefined);

  describe('a re-determination job over 2,400 stored SNAP cases', () => {
    let r: Running;
    let job: any;
    let before: Awaited<ReturnType<typeof rowsOf>>;
    beforeAll(async () => {
      r = await seededServer(2400, 200, await newDatabase());
      // Every 10th application was made by an intermediary on a client's behalf: they get the notice too.
      await withStoreSql(r.at, (db) =>
        db.run(
          "UPDATE applications SET created_by = 'navigator-1', on_behalf_of = 'A client' WHERE id IN (SELECT application_id FROM cases WHERE rowid % 10 = 0)",
        ),
      );
      before = await rowsOf(r.at);
      const started = await r.call('POST', '/api/programs/us-snap/versions/5/redetermine-pending');
      expect(started.status).toBe(202);
      expect(started.body).toMatchObject({ status: 'running', trigger: 'on-demand', version: 5, cursor: null });
      // One job per version at a time.
      const again = await r.call('POST', '/api/programs/us-snap/versions/5/redetermine-pending');
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({ code: 'job-running' });
      expect(again.body.error.message).toContain(started.body.id);
      job = await waitForJob(r, started.body.id);
    }, 120_000);
    afterAll(() => stop(r));

    it('ends done, having read every case once, with a summary in words', () => {
      expect(job.status).toBe('done');
      const c = job.counts;
      expect(c.seen).toBe(2400);
      expect(c.changed + c.unchanged + c.skippedDecided + c.alreadyCurrent + c.failed).toBe(2400);
      expect(c.changed).toBeGreaterThan(100);
      expect(c.unchanged).toBeGreaterThan(100);
      expect(c.failed).toBe(0);
      expect(job.cursor).toBe(before.cases.at(-1)!.id);
      expect(job.summary).toContain(`${c.changed.toLocaleString('en-US')} got a new result`);
    });

    it('leaves decided cases untouched: version, revision, determinations, no notice', async () => {
      const after = await rowsOf(r.at);
      const decided = after.cases.filter((c) => TERMINAL.has(c.state));
      expect(decided.length).toBe(job.counts.skippedDecided);
      const was = new Map(before.cases.map((c) => [c.id, c]));
      for (const c of decided) {
        expect(c.version).toBe(4);
        expect(c.revision).toBe(was.get(c.id)!.revision);
        expect(after.dets.get(c.id)!.length).toBe(1);
        expect(after.messages.get(c.id)).toBeUndefined();
      }
    });

    it('decides every pending case as the per-case evaluate does, on mixed households', async () => {
      const compiled = compile(fy2026).compiled!;
      const after = await rowsOf(r.at);
      let checked = 0;
      const kinds = new Set<string>();
      for (const c of after.cases.filter((x) => !TERMINAL.has(x.state))) {
        expect(c.version).toBe(5);
        const applied = after.dets.get(c.id)!.filter((d) => d.applied === 1);
        expect(applied).toHaveLength(1);
        const reference = evaluate(compiled, JSON.parse(c.answers), { asOf: TODAY, partial: false, lang: c.lang });
        expect(decisionOf(JSON.parse(applied[0].result) as StoredResult), c.id).toEqual(decisionOf(reference));
        kinds.add(reference.inputErrors.length > 0 ? 'invalid' : reference.eligibility);
        checked++;
      }
      expect(checked).toBe(job.counts.changed + job.counts.unchanged);
      expect([...kinds].sort()).toEqual(['eligible', 'ineligible', 'invalid', 'needs-more-information']);
    });

    it('reads the decision of compact and full determinations alike (computed by the database, as decisionOf does)', async () => {
      const after = await rowsOf(r.at);
      const read = await r.store.readCasesAfter('us-snap', null, 5000);
      expect(read).toHaveLength(2400);
      const formats = new Set<boolean>();
      for (const row of read) {
        const applied = after.dets.get(row.case.id)!.find((d) => d.applied === 1)!;
        const stored = JSON.parse(applied.result) as StoredResult;
        formats.add(isCompact(stored));
        expect(row.applied, row.case.id).toEqual(decisionOf(stored));
      }
      expect([...formats].sort()).toEqual([false, true]);
    });

    it('gives each changed case one new compact determination, one audit entry and one notice; unchanged ones none', async () => {
      const after = await rowsOf(r.at);
      const audited = new Map<string, number>();
      for (const a of after.audit) {
        expect(JSON.parse(a.details).jobId).toBe(job.id);
        audited.set(a.entity_id, (audited.get(a.entity_id) ?? 0) + 1);
      }
      let changed = 0;
      let withCopy = 0;
      const intermediated = new Set(
        (
          await withStoreSql(r.at, (db) =>
            db.all<{ id: string }>('SELECT c.id FROM cases c JOIN applications a ON a.id = c.application_id WHERE a.on_behalf_of IS NOT NULL'),
          )
        ).map((x) => x.id),
      );
      for (const c of after.cases.filter((x) => !TERMINAL.has(x.state))) {
        const dets = after.dets.get(c.id)!;
        if (dets.length === 2) {
          changed++;
          expect(dets[1]).toMatchObject({ kind: 'redetermination', applied: 1 });
          expect(isCompact(JSON.parse(dets[1].result))).toBe(true);
          expect(audited.get(c.id)).toBe(1);
          const notices = after.messages.get(c.id)!;
          const viaIntermediary = intermediated.has(c.id);
          if (viaIntermediary) withCopy++;
          // The applicant's notice, and the same words to the intermediary who applied for them.
          expect(notices.map((n) => n.to).sort()).toEqual(viaIntermediary ? ['applicant', 'navigator-1'] : ['applicant']);
          expect(new Set(notices.map((n) => n.text)).size).toBe(1);
          expect(notices[0].text).toMatch(c.lang === 'es' ? /^Revisamos su caso de Programa/ : /^We reviewed your Supplemental Nutrition/);
        } else {
          expect(dets).toHaveLength(1);
          expect(audited.has(c.id)).toBe(false);
          expect(after.messages.get(c.id)).toBeUndefined();
        }
      }
      expect(changed).toBe(job.counts.changed);
      expect(withCopy).toBeGreaterThan(5);
      expect(audited.size).toBe(job.counts.changed);
      expect((await verifyStoreChain(r.store)).ok).toBe(true);
    });

    it('says what changed in plain words', async () => {
      const after = await rowsOf(r.at);
      const texts = [...after.messages.values()].flat().map((m) => m.text);
      expect(texts.some((t) => /Your Monthly SNAP benefit changes from \$\d[\d,]* to \$\d[\d,]* a month\./.test(t))).toBe(true);
      expect(texts.some((t) => /Su .* cambia de \$\d[\d,]* a \$\d[\d,]* al mes\./.test(t))).toBe(true);
    });

    it("shows a compact determination recomputed and checked, an old full one as stored (in the reader's language), and reports a tampered one", async () => {
      const after = await rowsOf(r.at);
      const changed = after.cases.find((c) => after.dets.get(c.id)!.length === 2)!;
      const detail = await r.call('GET', `/api/cases/${changed.id}`);
      expect(detail.status).toBe(200);
      const [initial, redetermined] = detail.body.determinations;
      expect(initial).toMatchObject({ source: 'full', check: null, version: 4 });
      expect(redetermined).toMatchObject({ source: 'recomputed', check: { ok: true, inputsMatch: true, versionMatch: true }, version: 5 });
      expect(redetermined.result.trace.length).toBeGreaterThan(0);
      expect(redetermined.result.reasons.every((x: { text: string }) => x.text.length > 0)).toBe(true);
      // The old full row is worded in the reader's language too (evaluated again; it decides exactly as stored).
      const worded = new Map<string, string[]>();
      for (const lang of ['en', 'es']) {
        const [full] = (await r.call('GET', `/api/cases/${changed.id}?lang=${lang}`)).body.determinations;
        expect(full).toMatchObject({ source: 'full', check: null, result: { lang, eligibility: initial.result.eligibility } });
        worded.set(
          lang,
          full.result.reasons.map((x: { text: string }) => x.text),
        );
      }
      expect(worded.get('es')).not.toEqual(worded.get('en'));

      await withStoreSql(r.at, async (db) => {
        const [row] = await db.all<{ id: string; result: string | object }>(
          'SELECT id, result FROM determinations WHERE case_id = $1 AND applied',
          changed.id,
        );
        const stored = typeof row.result === 'string' ? JSON.parse(row.result) : row.result;
        await db.run('UPDATE determinations SET result = $1 WHERE id = $2', JSON.stringify({ ...stored, determinationHash: '0'.repeat(64) }), row.id);
      });
      const reported = await r.call('GET', `/api/cases/${changed.id}`);
      expect(reported.body.determinations[1].check).toMatchObject({ ok: false, inputsMatch: true, versionMatch: true, storedHash: '0'.repeat(64) });
    });

    it('runs again only when someone starts it again: then every pending case is already current', async () => {
      const started = await r.call('POST', '/api/programs/us-snap/versions/5/redetermine-pending');
      expect(started.status).toBe(202);
      const again = await waitForJob(r, started.body.id);
      expect(again.counts).toMatchObject({ seen: 2400, changed: 0, unchanged: 0, alreadyCurrent: job.counts.changed + job.counts.unchanged });
      const list = await r.call('GET', '/api/programs/us-snap/redetermination-jobs');
      expect(list.body.items.map((j: { id: string }) => j.id)).toEqual([started.body.id, job.id]);
      const cancelDone = await r.call('POST', `/api/redetermination-jobs/${job.id}/cancel`);
      expect(cancelDone.status).toBe(409);
      expect(cancelDone.body.error.code).toBe('job-not-running');
    });
  });

  describe('cancelling a re-determination job', () => {
    it('stops at a chunk boundary: every chunk is fully applied or not at all, and the summary says how many', async () => {
      const r = await seededServer(1500, 10, await newDatabase());
      try {
        const before = await rowsOf(r.at);
        const started = await r.call('POST', '/api/programs/us-snap/versions/5/redetermine-pending');
        for (;;) {
          const now = (await r.call('GET', `/api/redetermination-jobs/${started.body.id}`)).body;
          if (now.counts.seen >= 300) break;
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        const cancelled = await r.call('POST', `/api/redetermination-jobs/${started.body.id}/cancel`);
        expect(cancelled.status).toBe(200);
        const job = cancelled.body;
        expect(job).toMatchObject({ status: 'cancelled', finishedBy: expect.any(String) });
        expect(job.counts.seen).toBeLessThan(1500);
        expect(job.counts.seen % 10).toBe(0);
        expect(job.summary).toContain('Nothing is half-applied');
        // Nothing more happens after the cancellation.
        await new Promise((resolve) => setTimeout(resolve, 200));
        const after = await rowsOf(r.at);
        expect((await r.call('GET', `/api/redetermination-jobs/${started.body.id}`)).body.counts).toEqual(job.counts);
        // Exactly the cases up to the cursor were applied (whole chunks), none after it.
        const upTo = before.cases.filter((c) => c.id <= job.cursor);
        expect(upTo).toHaveLength(job.counts.seen);
        for (const c of after.cases) {
          const pending = !TERMINAL.has(c.state);
          const applied = pending && c.id <= job.cursor;
          expect(c.version, c.id).toBe(applied ? 5 : 4);
          if (!applied) {
            expect(after.dets.get(c.id)!.length).toBe(1);
            expect(after.messages.get(c.id)).toBeUndefined();
          }
        }
        const changed = after.cases.filter((c) => after.dets.get(c.id)!.length === 2).length;
        expect(changed).toBe(job.counts.changed);
        expect(after.audit).toHaveLength(job.counts.changed);
        expect((await verifyStoreChain(r.store)).ok).toBe(true);
      } finally {
        await stop(r);
      }
    }, 120_000);
  });
});

describe("a job's chunks on SQLite: the next one read while the last one's fsync runs", () => {
  it.each([
    { evalWorkers: 0, on: 'evaluating on the job thread' },
    { evalWorkers: 1, on: 'with an evaluation worker, which evaluates the next chunk while the job thread applies one' },
  ])(
    'reads after the committed cursor before that commit is durable, and commits only once the previous one is ($on)',
    async ({ evalWorkers }) => {
      const dir = mkdtempSync(join(tmpdir(), 'mandate-overlap-'));
      const path = join(dir, 'mandate.db');
      try {
        await seedStore({
          path,
          count: 600,
          versions: [
            { doc: fy2025, status: 'published' },
            { doc: fy2026, status: 'published' },
          ],
          caseVersion: 4,
          asOf: '2025-09-15',
        });
        const store = await openStore({ sqlitePath: path });
        // The real store, its calls and their outcomes recorded in the order they happen.
        const events: string[] = [];
        const observed = new Proxy(store, {
          get(target, prop) {
            if (prop === 'readCasesAfter')
              return (...args: Parameters<Store['readCasesAfter']>) => {
                events.push(`read ${args[1]}`);
                return target.readCasesAfter(...args);
              };
            if (prop === 'applyRedeterminationChunk')
              return (input: RedeterminationChunk, committed?: (job: JobRecord) => void) => {
                events.push(`apply ${input.expectedCursor}`);
                const durable = target.applyRedeterminationChunk(input, (job) => {
                  events.push(`committed ${job.cursor}`);
                  committed?.(job);
                });
                durable.then(
                  (job) => events.push(`durable ${job.cursor}`),
                  () => undefined,
                );
                return durable;
              };
            const value = Reflect.get(target, prop);
            return typeof value === 'function' ? value.bind(target) : value;
          },
        });
        const job = await store.createJob({ kind: 'redetermination', programId: 'us-snap', version: 5, trigger: 'on-demand', startedBy: null });
        const ctx = {
          store: observed,
          now: () => new Date(`${TODAY}T12:00:00Z`),
          log: pino({ level: 'silent' }),
          sessionHours: 0,
          redeterminationChunk: 50,
        };
        await runJobInThisThread(ctx, job.id, { stopped: false }, evalWorkers);
        const done = await store.getJob(job.id);
        expect(done).toMatchObject({ status: 'done', counts: expect.objectContaining({ seen: 600 }) });
        const cursors = events.filter((e) => e.startsWith('committed ')).map((e) => e.slice('committed '.length));
        expect(cursors).toHaveLength(12);
        const at = (event: string) => events.indexOf(event);
        let overlapped = 0;
        cursors.forEach((cursor, k) => {
          // Each chunk is read after the cursor the previous one committed, and applied only once that one is durable.
          const previous = k === 0 ? 'null' : cursors[k - 1];
          expect(at(`apply ${previous}`), `chunk ${k}`).toBeGreaterThan(at(`read ${previous}`));
          if (k > 0) expect(at(`apply ${previous}`), `chunk ${k}`).toBeGreaterThan(at(`durable ${previous}`));
          if (at(`read ${cursor}`) < at(`durable ${cursor}`)) overlapped++;
          // Evaluated ahead: the chunk after this one is read (and sent to the worker) before this one is applied.
          if (evalWorkers > 0 && k < cursors.length - 1) expect(at(`read ${cursor}`), `chunk ${k + 1}`).toBeLessThan(at(`apply ${previous}`));
        });
        // The reads overlap the fsyncs (with each chunk read only after the previous one is durable, none would).
        expect(overlapped).toBeGreaterThan(0);
        expect((await verifyStoreChain(store)).ok).toBe(true);
        await store.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});

describe('runs recorded before jobs existed (SQLite)', () => {
  it('become finished jobs at migration 003, so the scheduler does not run those versions again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mandate-legacy-'));
    try {
      const path = join(dir, 'mandate.db');
      const db = new Database(path);
      applySqliteMigrations(db, readSqlMigrations().slice(0, 2));
      db.prepare(
        `INSERT INTO audit (seq, at, actor_id, action, entity, entity_id, details, prev_hash, hash)
         VALUES (1, '2025-10-01T00:00:00.000Z', NULL, 'program.inflight.redetermine', 'program', 'us-snap', '{"version":2,"count":7}', ?, 'h1')`,
      ).run('0'.repeat(64));
      db.close();
      const store = await openStore({ sqlitePath: path });
      expect(await store.listJobs({ programId: 'us-snap', version: 2 })).toEqual([
        expect.objectContaining({ id: 'legacy-1', status: 'done', trigger: 'legacy', counts: expect.objectContaining({ seen: 7, changed: 7 }) }),
      ]);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
