/**
 * Crash safety of a re-determination job through the real server: seed 3,000 SNAP cases, start the job (it runs in
 * a worker thread of the server), SIGKILL the server in the middle, restart it on the same folder, and check that
 * the job resumed from its cursor and ended with every pending case re-determined exactly once (one new
 * determination, one audit entry and one notice per changed case, none twice), the counts adding up, the SQLite
 * file sound and the audit chain verifying. On each store: on PostgreSQL the server (and its job's worker thread)
 * runs on a fresh database of a throwaway cluster (`DATABASE_URL`), seeded the same way.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedStore } from '../../bench/seed-store.ts';
import type { Program } from '../../engine/index.ts';
import { verifyStoreChain } from '../../runtime/cli/audit.ts';
import { loadProgramFolder } from '../../runtime/fs/program-folder.ts';
import { openStore } from '../../runtime/store/index.ts';
import { type StoreLocation, type StoreSql, withStoreSql } from '../support/store-sql.ts';
import { clusterForSuite, describeOnStores } from '../support/stores.ts';
import { ADMIN, spawnServer, stopServer, type ServerChild } from './contract/server-child.ts';

const doc = (dir: string) => loadProgramFolder(dir).versions[0].doc as unknown as Program;

async function signIn(url: string): Promise<Record<string, string>> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  const { token } = (await login.json()) as { token: string };
  return { authorization: `Bearer ${token}` };
}

async function jobOf(url: string, auth: Record<string, string>, id: string) {
  return (await (await fetch(`${url}/api/redetermination-jobs/${id}`, { headers: auth })).json()) as {
    status: string;
    cursor: string | null;
    counts: Record<string, number>;
  };
}

/** Each case with its determinations (all, applied), notices and re-determination audit entries. */
const PER_CASE = `SELECT c.id, c.version, c.state,
    (SELECT COUNT(*) FROM determinations d WHERE d.case_id = c.id) AS dets,
    (SELECT COUNT(*) FROM determinations d WHERE d.case_id = c.id AND d.applied) AS applied,
    (SELECT COUNT(*) FROM messages m WHERE m.case_id = c.id) AS notices,
    (SELECT COUNT(*) FROM audit a WHERE a.entity = 'case' AND a.entity_id = c.id AND a.action = 'determination.redetermine') AS audits
  FROM cases c`;
type PerCase = { id: string; version: number; state: string; dets: number; applied: number; notices: number; audits: number };
type JobRow = { status: string; cursor: string; counts: string };

/** The store's rows as the server left them (on SQLite, after checking the file's integrity). */
async function readStore<T>(at: StoreLocation, read: (db: StoreSql) => Promise<T>): Promise<T> {
  return withStoreSql(
    at,
    async (db) => {
      if ('sqlitePath' in at) expect((await db.all<{ integrity_check: string }>('PRAGMA integrity_check'))[0].integrity_check).toBe('ok');
      return read(db);
    },
    { readonly: true },
  );
}

describeOnStores('crash: SIGKILL during a re-determination job', (kind) => {
  const cluster = kind === 'postgres' ? clusterForSuite() : undefined;
  const children: ServerChild[] = [];
  let dataDir = '';
  let databaseUrl: string | undefined;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mandate-job-crash-'));
    if (cluster) databaseUrl = await cluster().newDatabase();
  });
  afterAll(async () => {
    for (const child of children) await stopServer(child, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    // The audit key the server generated beside the data folder.
    rmSync(`${dataDir}-audit.key`, { force: true });
  });

  it('resumes from the cursor after a restart and re-determines every case exactly once', async () => {
    const total = 3000;
    await seedStore({
      ...(databaseUrl ? { databaseUrl } : { path: join(dataDir, 'mandate.db') }),
      count: total,
      versions: [
        { doc: doc('programs/us-snap/fy2025'), status: 'published' },
        { doc: doc('programs/us-snap/fy2026'), status: 'published' },
      ],
      caseVersion: 4,
      asOf: '2025-09-15',
    });
    const env = { MANDATE_REDETERMINATION_CHUNK: '50', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
    const first = await spawnServer(dataDir, env);
    children.push(first);
    let auth = await signIn(first.url);
    const started = await fetch(`${first.url}/api/programs/us-snap/versions/5/redetermine-pending`, { method: 'POST', headers: auth });
    expect(started.status).toBe(202);
    const { id } = (await started.json()) as { id: string };

    // Kill it once some chunks are committed and more are to come.
    let seen = 0;
    for (let i = 0; i < 6000 && seen < 600; i++) {
      seen = (await jobOf(first.url, auth, id)).counts.seen;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    first.child.kill('SIGKILL');
    await stopServer(first, 'SIGKILL');
    expect(first.child.signalCode).toBe('SIGKILL');

    const at: StoreLocation = databaseUrl ? { databaseUrl } : { sqlitePath: join(dataDir, 'mandate.db') };
    const atKill = await readStore(at, async (db) => (await db.all<JobRow>('SELECT status, cursor, counts FROM jobs WHERE id = $1', id))[0]);
    expect(atKill.status).toBe('running');
    expect(JSON.parse(atKill.counts).seen).toBeGreaterThanOrEqual(600);
    expect(JSON.parse(atKill.counts).seen).toBeLessThan(total);

    // Restart: the job resumes by itself and ends.
    const second = await spawnServer(dataDir, env);
    children.push(second);
    auth = await signIn(second.url);
    let job = await jobOf(second.url, auth, id);
    for (let i = 0; i < 12_000 && job.status === 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      job = await jobOf(second.url, auth, id);
    }
    await stopServer(second, 'SIGTERM');
    expect(job.status).toBe('done');
    expect(job.counts.seen).toBe(total);
    expect(job.counts.changed + job.counts.unchanged + job.counts.skippedDecided).toBe(total);

    const perCase = await readStore(at, async (db) =>
      (await db.all<Record<string, unknown>>(PER_CASE)).map(
        (r) => ({ ...r, dets: Number(r.dets), applied: Number(r.applied), notices: Number(r.notices), audits: Number(r.audits) }) as PerCase,
      ),
    );
    const moved = perCase.filter((c) => c.version === 5);
    expect(moved).toHaveLength(job.counts.changed + job.counts.unchanged);
    // Exactly once: a changed case has one new determination, one notice and one audit entry; an unchanged one none.
    for (const c of moved) {
      expect(c.applied).toBe(1);
      expect([c.dets, c.notices, c.audits], c.id).toEqual(c.dets === 2 ? [2, 1, 1] : [1, 0, 0]);
    }
    expect(moved.filter((c) => c.dets === 2)).toHaveLength(job.counts.changed);
    for (const c of perCase.filter((x) => x.version === 4)) expect([c.dets, c.notices, c.audits]).toEqual([1, 0, 0]);

    const store = await openStore(at);
    const report = await verifyStoreChain(store);
    await store.close();
    expect(report.ok).toBe(true);
  }, 300_000);
});
