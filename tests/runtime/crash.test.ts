/**
 * Crash safety of the embedded store through the real server: submit SNAP applications over HTTP from several
 * concurrent clients, SIGKILL the server mid-stream, restart it on the same data folder, and check that every
 * submission that was answered 201 is there (its case, submitted application and determination), that the SQLite
 * file passes `PRAGMA integrity_check`, and that the audit chain is intact.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyStoreChain } from '../../runtime/cli/audit.ts';
import { openStore } from '../../runtime/store/index.ts';
import { ADMIN, spawnServer, stopServer, submitSnap, type ServerChild } from './contract/server-child.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'mandate-crash-'));
const children: ServerChild[] = [];
afterAll(async () => {
  for (const child of children) await stopServer(child, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
  // The audit key the server generated beside the data folder.
  rmSync(`${dataDir}-audit.key`, { force: true });
});

describe('crash: SIGKILL during submissions', () => {
  it('keeps every acknowledged submission and a sound database', async () => {
    const first = await spawnServer(dataDir);
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

    // Restart on the same folder: it must start, and staff must see every acknowledged case.
    const second = await spawnServer(dataDir);
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

    // The file itself: integrity, every acknowledged case with a submitted application and a determination.
    const db = new Database(join(dataDir, 'mandate.db'));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const row = db.prepare(
      `SELECT c.id, a.status, (SELECT COUNT(*) FROM determinations d WHERE d.case_id = c.id) AS dets
       FROM cases c JOIN applications a ON a.id = c.application_id WHERE c.id = ?`,
    );
    for (const caseId of acknowledged) expect(row.get(caseId)).toEqual({ id: caseId, status: 'submitted', dets: 1 });
    // No half-done submission: every submitted application has exactly one case, every case a submitted application.
    expect(
      db
        .prepare(
          "SELECT COUNT(*) AS n FROM applications a WHERE a.status = 'submitted' AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.application_id = a.id)",
        )
        .get(),
    ).toEqual({ n: 0 });
    expect(
      db.prepare("SELECT COUNT(*) AS n FROM cases c JOIN applications a ON a.id = c.application_id WHERE a.status <> 'submitted'").get(),
    ).toEqual({ n: 0 });
    db.close();

    const store = await openStore({ dataDir });
    const report = await verifyStoreChain(store);
    await store.close();
    expect(report.ok).toBe(true);
  });
});
