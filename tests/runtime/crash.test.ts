/**
 * Crash safety through the real server, on each store: submit SNAP applications over HTTP from several concurrent
 * clients, SIGKILL the server mid-stream, restart it on the same store, and check that every submission that was
 * answered 201 is there (its case, submitted application and determination), that no submission is half done, that
 * the database itself is sound (SQLite: `PRAGMA integrity_check` and foreign keys), and that the audit chain is
 * intact. On PostgreSQL the server runs on a fresh database of a throwaway cluster (`DATABASE_URL`).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyStoreChain } from '../../runtime/cli/audit.ts';
import { openStore } from '../../runtime/store/index.ts';
import { clusterForSuite, describeOnStores } from '../support/stores.ts';
import { ADMIN, spawnServer, stopServer, submitSnap, type ServerChild } from './contract/server-child.ts';

/** Counts that must be zero: a submitted application without its case, a case whose application is not submitted. */
const HALF_DONE = {
  submittedWithoutCase:
    "SELECT COUNT(*) AS n FROM applications a WHERE a.status = 'submitted' AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.application_id = a.id)",
  caseWithoutSubmission: "SELECT COUNT(*) AS n FROM cases c JOIN applications a ON a.id = c.application_id WHERE a.status <> 'submitted'",
};
/** Each case with its application's status and its number of determinations. */
const CASE_ROW = `SELECT c.id, a.status, (SELECT COUNT(*) FROM determinations d WHERE d.case_id = c.id) AS dets
  FROM cases c JOIN applications a ON a.id = c.application_id WHERE c.id = `;

/** The SQLite file: integrity, foreign keys, every acknowledged case whole, nothing half done. */
function checkSqliteFile(dataDir: string, acknowledged: string[]): void {
  const db = new Database(join(dataDir, 'mandate.db'));
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const row = db.prepare(`${CASE_ROW}?`);
    for (const caseId of acknowledged) expect(row.get(caseId)).toEqual({ id: caseId, status: 'submitted', dets: 1 });
    for (const sql of Object.values(HALF_DONE)) expect(db.prepare(sql).get()).toEqual({ n: 0 });
  } finally {
    db.close();
  }
}

/** The PostgreSQL database: every acknowledged case whole, nothing half done. */
async function checkPgDatabase(url: string, acknowledged: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const caseId of acknowledged) {
      const { rows } = await client.query(`${CASE_ROW}$1`, [caseId]);
      expect(rows.map((r) => ({ ...r, dets: Number(r.dets) }))).toEqual([{ id: caseId, status: 'submitted', dets: 1 }]);
    }
    for (const sql of Object.values(HALF_DONE)) expect(Number((await client.query(sql)).rows[0].n)).toBe(0);
  } finally {
    await client.end();
  }
}

describeOnStores('crash: SIGKILL during submissions', (kind) => {
  const cluster = kind === 'postgres' ? clusterForSuite() : undefined;
  let dataDir = '';
  const env: Record<string, string> = {};
  const children: ServerChild[] = [];
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mandate-crash-'));
    if (cluster) env.DATABASE_URL = await cluster().newDatabase();
  });
  afterAll(async () => {
    for (const child of children) await stopServer(child, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    // The audit key the server generated beside the data folder.
    rmSync(`${dataDir}-audit.key`, { force: true });
  });

  it('keeps every acknowledged submission and a sound database', async () => {
    const first = await spawnServer(dataDir, env);
    children.push(first);
    const acknowledged: string[] = [];
    const failures: unknown[] = [];
    let killed = false;
    let next = 0;

    // Five clients submit in a loop; once 60 submissions are acknowledged the server is killed with requests in flight.
    const client = async () => {
      while (!killed) {
        const i = next++;
        try {
          const result = await submitSnap(first.url, i);
          if (result.status === 201 && result.caseId) acknowledged.push(result.caseId);
          else if (!killed) failures.push(result);
        } catch (error) {
          if (!killed) failures.push(String(error));
        }
        if (acknowledged.length >= 60 && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 5 }, client));
    await stopServer(first, 'SIGKILL');
    expect(failures).toEqual([]);
    expect(acknowledged.length).toBeGreaterThanOrEqual(60);
    expect(first.child.signalCode).toBe('SIGKILL');

    // Restart on the same store: it must start, and staff must see every acknowledged case.
    const second = await spawnServer(dataDir, env);
    children.push(second);
    const login = await fetch(`${second.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };
    const missing: string[] = [];
    for (const caseId of acknowledged) {
      const res = await fetch(`${second.url}/api/cases/${caseId}`, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) missing.push(`${caseId}: HTTP ${res.status}`);
    }
    expect(missing).toEqual([]);
    const afterRestart = await submitSnap(second.url, 10_000);
    expect(afterRestart.status).toBe(201);
    await stopServer(second, 'SIGTERM');

    // The database itself: every acknowledged case with a submitted application and a determination, nothing half done.
    if (kind === 'sqlite') checkSqliteFile(dataDir, acknowledged);
    else await checkPgDatabase(env.DATABASE_URL, acknowledged);

    const store = await openStore(kind === 'sqlite' ? { dataDir } : { databaseUrl: env.DATABASE_URL });
    const report = await verifyStoreChain(store);
    await store.close();
    expect(report.ok).toBe(true);
    // Two server starts and ~60 submissions: on a loaded machine, PostgreSQL's serialised commits take a while.
  }, 240_000);
});
