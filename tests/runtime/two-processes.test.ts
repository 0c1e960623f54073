/**
 * Scale out (issue 18): two real runtime processes (`spawnServer`: `node bin/mandate.js serve`) on one store share
 * everything that must be shared. Checked through their HTTP APIs: a session opened on one works on the other;
 * concurrent submissions through both are each stored once (and one application submitted to both at once gets one
 * case, the other answer 409); the same transition sent to both at the same revision is applied once, the other
 * answer 409 (no lost update); a version scheduled to take effect today is started once although both schedulers
 * race for it at start-up (one job, one audit entry) and its job runs to the end; the sign-in rate limit counts the
 * attempts made on both; and at the end the audit chain, written by both, verifies with its key.
 *
 * Run on each store: the embedded SQLite file in a temporary folder (WAL lets two processes write one file), and a
 * PostgreSQL database of a throwaway cluster (`DATABASE_URL`). `shared` says how both processes reach the store and
 * how the test opens it.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadAuditKey } from '../../runtime/audit/key.ts';
import { verifyStoreChain } from '../../runtime/cli/audit.ts';
import { contentHash } from '../../runtime/services/engine-port.ts';
import { openStore } from '../../runtime/store/index.ts';
import type { Store } from '../../runtime/store/types.ts';
import { clusterForSuite, describeOnStores } from '../support/stores.ts';
import { ADMIN, ROOT, spawnServer, stopServer, type ServerChild } from './contract/server-child.ts';
import { ELIGIBLE_ANSWERS, PROGRAM_ID, rentalProgram } from './api/harness.ts';

/** Sign-in attempts allowed per address per 15 minutes, over both processes. */
const LOGIN_LIMIT = 8;

async function api(base: string, method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const response = await fetch(base + path, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

const today = new Date().toISOString().slice(0, 10);

describeOnStores('two runtime processes on one store', (kind) => {
  const cluster = kind === 'postgres' ? clusterForSuite() : undefined;
  let dataDir = '';
  let programsDir = '';
  /** How the processes and the test reach the one store. */
  const shared = { env: {} as Record<string, string>, databaseUrl: '' };
  const open = (now?: () => Date): Promise<Store> => {
    const auditKey = loadAuditKey({}, dataDir, { create: false })?.hex;
    return openStore(kind === 'postgres' ? { databaseUrl: shared.databaseUrl, now, auditKey } : { dataDir, now, auditKey });
  };
  const env = () => ({ ...shared.env, MANDATE_PROGRAMS_DIR: programsDir, MANDATE_LOGIN_RATE_LIMIT: String(LOGIN_LIMIT) });
  const children: ServerChild[] = [];
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mandate-two-'));
    // Only the rental program is shipped to these servers (a lean start-up).
    programsDir = `${dataDir}-programs`;
    mkdirSync(programsDir);
    symlinkSync(join(ROOT, 'programs', PROGRAM_ID), join(programsDir, PROGRAM_ID));
    if (cluster) {
      shared.databaseUrl = await cluster().newDatabase();
      shared.env.DATABASE_URL = shared.databaseUrl;
    }
  });
  afterAll(async () => {
    for (const child of children) await stopServer(child, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(programsDir, { recursive: true, force: true });
    rmSync(`${dataDir}-audit.key`, { force: true });
  });

  it('share sessions, submissions, transitions, a scheduled version, a rate limit and one audit chain', async () => {
    // First start alone: migrations, the first administrator, the shipped programs and the audit key.
    const first = await spawnServer(dataDir, env());
    await stopServer(first, 'SIGTERM');
    // A new version of the rental program, published yesterday to take effect today, re-evaluating in-flight cases:
    // the scheduler's (published ahead of its date).
    const yesterday = new Date(Date.now() - 86_400_000);
    const setup = await open(() => yesterday);
    const doc = { ...rentalProgram(), version: 2, effectiveFrom: today };
    await setup.publishVersion({
      programId: PROGRAM_ID,
      version: 2,
      doc,
      hash: contentHash(doc),
      effectiveFrom: today,
      title: doc.title,
      changelog: 'Scheduled for today.',
      inFlight: 'reevaluate',
      createdBy: null,
      publishedBy: null,
    });
    await setup.close();

    // Both at once: both schedulers run at start-up and race for the scheduled version.
    const [a, b] = await Promise.all([spawnServer(dataDir, env()), spawnServer(dataDir, env())]);
    children.push(a, b);
    const both = [a.url, b.url];

    // A session opened on A is valid on B (sessions live in the store).
    const login = await api(a.url, 'POST', '/api/auth/login', { body: ADMIN });
    expect(login.status).toBe(200);
    const token = login.body.token as string;
    expect((await api(b.url, 'GET', '/api/auth/me', { token })).status).toBe(200);

    // Concurrent submissions through both: each stored once.
    const apps = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const base = both[i % 2];
        const started = await api(base, 'POST', '/api/applications', { body: { programId: PROGRAM_ID } });
        expect(started.status).toBe(201);
        const headers = { 'x-resume-code': started.body.resumeCode as string };
        expect(
          (await api(both[(i + 1) % 2], 'PUT', `/api/applications/${started.body.id}`, { body: { answers: ELIGIBLE_ANSWERS }, headers })).status,
        ).toBe(200);
        return { id: started.body.id as string, headers };
      }),
    );
    const submitted = await Promise.all(
      apps.map((app, i) => api(both[i % 2], 'POST', `/api/applications/${app.id}/submit`, { headers: app.headers })),
    );
    expect(submitted.map((r) => r.status)).toEqual(apps.map(() => 201));
    const caseIds = submitted.map((r) => r.body.caseId as string);
    expect(new Set(caseIds).size).toBe(apps.length);

    // One application submitted to both at the same moment: one case; the other answer is 409.
    const extra = await api(a.url, 'POST', '/api/applications', { body: { programId: PROGRAM_ID } });
    const extraHeaders = { 'x-resume-code': extra.body.resumeCode as string };
    await api(a.url, 'PUT', `/api/applications/${extra.body.id}`, { body: { answers: ELIGIBLE_ANSWERS }, headers: extraHeaders });
    const twice = await Promise.all(both.map((base) => api(base, 'POST', `/api/applications/${extra.body.id}/submit`, { headers: extraHeaders })));
    expect(twice.map((r) => r.status).sort()).toEqual([201, 409]);

    // The same transition sent to both at the revision both saw: applied once, the other refused with 409.
    const worker = await api(a.url, 'POST', '/api/users', {
      token,
      body: { email: 'two-worker@test.local', name: 'Two Worker', roles: ['caseworker'], password: 'password-123' },
    });
    expect(worker.status).toBe(201);
    const workerToken = (await api(b.url, 'POST', '/api/auth/login', { body: { email: 'two-worker@test.local', password: 'password-123' } })).body
      .token as string;
    const caseId = caseIds[0];
    const seen = await api(a.url, 'GET', `/api/cases/${caseId}`, { token: workerToken });
    expect(seen.status).toBe(200);
    const fired = await Promise.all(
      both.map((base) =>
        api(base, 'POST', `/api/cases/${caseId}/transitions`, {
          token: workerToken,
          body: { event: 'start-review', revision: seen.body.case.revision },
        }),
      ),
    );
    expect(fired.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(fired.find((r) => r.status === 409)!.body.error.code).toBe('stale-revision');
    const after = await api(b.url, 'GET', `/api/cases/${caseId}`, { token: workerToken });
    expect(after.body.case.state).toBe('in-review');
    expect(after.body.case.revision).toBe(seen.body.case.revision + 1);
    expect(after.body.history.map((e: { event: string }) => e.event)).toEqual(['submit', 'start-review']);

    // The scheduled version took effect once: one job, started by the scheduler, and it ran to its end.
    let jobs = (await api(b.url, 'GET', `/api/programs/${PROGRAM_ID}/redetermination-jobs`, { token })).body.items as {
      id: string;
      status: string;
      trigger: string;
    }[];
    expect(jobs.filter((j) => j.trigger === 'schedule')).toHaveLength(1);
    for (let i = 0; i < 3000 && jobs.some((j) => j.status === 'running'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      jobs = (await api(a.url, 'GET', `/api/programs/${PROGRAM_ID}/redetermination-jobs`, { token })).body.items;
    }
    expect(jobs.map((j) => [j.trigger, j.status])).toEqual([['schedule', 'done']]);

    // The sign-in budget is one over both processes: 2 sign-ins so far, wrong passwords alternate until it is spent.
    for (let attempt = 3; attempt <= LOGIN_LIMIT; attempt++) {
      const wrong = await api(both[attempt % 2], 'POST', '/api/auth/login', { body: { email: ADMIN.email, password: 'not-the-password' } });
      expect(wrong.status, `attempt ${attempt}`).toBe(401);
    }
    for (const base of both) {
      const refused = await api(base, 'POST', '/api/auth/login', { body: ADMIN });
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe('too-many-attempts');
    }

    await Promise.all([stopServer(a, 'SIGTERM'), stopServer(b, 'SIGTERM')]);
    const store = await open();
    try {
      for (const app of [...apps, { id: extra.body.id as string }]) {
        expect(await store.getCaseByApplication(app.id), app.id).not.toBeNull();
        expect(await store.listAudit({ action: 'application.submit', entityId: app.id })).toHaveLength(1);
      }
      expect(await store.listAudit({ action: 'case.transition', entityId: caseId })).toHaveLength(1);
      expect(await store.listAudit({ action: 'program.redetermination.start' })).toHaveLength(1);
      expect(await store.listAudit({ action: 'program.redetermination.done' })).toHaveLength(1);
      const key = loadAuditKey({}, dataDir, { create: false });
      expect(key).not.toBeNull();
      const report = await verifyStoreChain(store, Buffer.from(key!.hex, 'hex'));
      expect(report.problem).toBeUndefined();
      expect(report.ok).toBe(true);
      expect(report.count).toBeGreaterThan(apps.length * 2);
    } finally {
      await store.close();
    }
  }, 300_000);
});
