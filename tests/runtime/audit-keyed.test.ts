/**
 * Issue 14, finding 7: the keyed audit chain on real SQLite files. An entry rewritten with every later hash
 * recomputed (what the unkeyed chain could not see) fails on its MAC, naming it; entries deleted from the end fail
 * on the signed checkpoint; a log written before the key verifies with a note saying up to which entry it is
 * unkeyed; the server generates the key beside the data folder on first start and says so. Saving answers is
 * audited (field names, not values) and `application.start` names the application.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { hashAuditEntry } from '../../runtime/audit/chain.ts';
import { defaultAuditKeyFile } from '../../runtime/audit/key.ts';
import { run } from '../../runtime/cli/audit.ts';
import { startServer } from '../../runtime/main.ts';
import { openStore } from '../../runtime/store/index.ts';
import { auditFromRow, type AuditRow } from '../../runtime/store/rows.ts';
import { ELIGIBLE_ANSWERS, PROGRAM_ID, startHarness } from './api/harness.ts';

const root = mkdtempSync(join(tmpdir(), 'mandate-audit-keyed-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const KEY = 'ab'.repeat(32);
const ENV = { MANDATE_AUDIT_KEY: KEY };

async function seeded(name: string, count: number, auditKey: string | null = KEY): Promise<string> {
  const dataDir = join(root, name);
  const store = await openStore({ dataDir, auditKey: auditKey ?? undefined });
  for (let i = 0; i < count; i += 1) await store.appendAudit({ actorId: 'admin', action: 'user.create', entity: 'user', entityId: `u${i}` });
  await store.close();
  return dataDir;
}

function openDb(dataDir: string) {
  const db = new Database(join(dataDir, 'mandate.db'));
  db.exec('DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete; DROP TRIGGER IF EXISTS audit_checkpoint_no_delete');
  return db;
}

/** What someone with write access to the file but not the key can do: rewrite entry `seq` and re-hash everything after. */
function rewriteAndRehash(dataDir: string, seq: number) {
  const db = openDb(dataDir);
  const rows = db.prepare('SELECT * FROM audit ORDER BY seq').all() as AuditRow[];
  let prev = rows[seq - 2]?.hash ?? '0'.repeat(64);
  for (const row of rows.slice(seq - 1)) {
    const entry = auditFromRow(row);
    if (entry.seq === seq) entry.entityId = 'someone-else';
    entry.prevHash = prev;
    entry.hash = hashAuditEntry(entry);
    db.prepare('UPDATE audit SET entity_id = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(entry.entityId, entry.prevHash, entry.hash, entry.seq);
    prev = entry.hash;
  }
  // The checkpoint's head follows too (its MAC cannot).
  db.prepare('UPDATE audit_checkpoint SET hash = ?').run(prev);
  db.close();
}

function output(spy: { mock: { calls: unknown[][] } }): string {
  return spy.mock.calls.map((c) => String(c[0])).join('\n');
}

describe('mandate audit verify on a keyed log', () => {
  it('passes an intact keyed log, saying what it checked', async () => {
    const dataDir = await seeded('intact', 5);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await run(['verify', '--data', dataDir], ENV)).toBe(0);
    expect(output(log)).toMatch(/^OK: 5 audit entries, chain intact\./);
    expect(output(log)).toContain('MACs checked with the audit key from MANDATE_AUDIT_KEY: 5 entries signed and intact.');
    expect(output(log)).toContain('Signed checkpoint intact: 5 entries');
  });

  it('fails naming the entry that was rewritten with every later hash recomputed (which passes without the key)', async () => {
    const dataDir = await seeded('rewritten', 5);
    rewriteAndRehash(dataDir, 2);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await run(['verify', '--data', dataDir], ENV)).toBe(1);
    expect(output(error)).toMatch(/^BROKEN at entry 2 \(forged\): Entry 2 \(user\.create user someone-else\) does not match its MAC/);
    // Without the key the rewrite is invisible, and the command says that it could not check for it.
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await run(['verify', '--data', dataDir], {})).toBe(0);
    expect(output(log)).toContain('No audit key found');
    expect(output(log)).toContain('cannot detect an entry rewritten with its later hashes recomputed');
  });

  it('fails when entries were deleted from the end of the log, and when the checkpoint was forged or deleted', async () => {
    const dataDir = await seeded('truncated', 5);
    let db = openDb(dataDir);
    db.prepare('DELETE FROM audit WHERE seq > 3').run();
    db.close();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await run(['verify', '--data', dataDir], ENV)).toBe(1);
    expect(error.mock.calls[0][0]).toMatch(
      /^BROKEN at entry 4 \(truncated\): The signed checkpoint of .* records 5 entries, but the log ends at entry 3: Entries 4–5 were deleted/,
    );

    // Moving the checkpoint back to the new end needs the key.
    db = openDb(dataDir);
    const head = db.prepare('SELECT hash FROM audit WHERE seq = 3').get() as { hash: string };
    db.prepare('UPDATE audit_checkpoint SET seq = 3, hash = ?').run(head.hash);
    db.close();
    expect(await run(['verify', '--data', dataDir], ENV)).toBe(1);
    expect(error.mock.calls.at(-2)?.[0]).toMatch(/\(checkpoint\): The signed checkpoint \(3 entries\) does not match its MAC/);

    db = openDb(dataDir);
    db.prepare('DELETE FROM audit_checkpoint').run();
    db.close();
    expect(await run(['verify', '--data', dataDir], ENV)).toBe(1);
    expect(error.mock.calls.at(-2)?.[0]).toMatch(/no signed checkpoint/);
  });

  it('verifies a log written before the key with a note saying up to which entry it is unkeyed', async () => {
    const dataDir = await seeded('legacy', 3, null);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(await run(['verify', '--data', dataDir], ENV)).toBe(0);
    expect(output(log)).toContain('The log is unkeyed up to entry 3 (all of it)');
    // Keyed from now on: the new entries are signed; a rewrite of an old one is caught by the first signed one.
    const store = await openStore({ dataDir, auditKey: KEY });
    await store.appendAudit([{ actorId: 'admin', action: 'user.update', entity: 'user', entityId: 'u0' }]);
    await store.close();
    log.mockClear();
    expect(await run(['verify', '--data', dataDir], ENV)).toBe(0);
    expect(output(log)).toContain('Note: the log is unkeyed up to entry 3');
    expect(output(log)).toContain('1 entries signed and intact');
    rewriteAndRehash(dataDir, 1);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await run(['verify', '--data', dataDir], ENV)).toBe(1);
    expect(output(error)).toMatch(/BROKEN at entry 4 \(forged\).*or one of the unkeyed entries 1–3 before it/);
  });

  it('refuses a malformed key with the setting and how to make one', async () => {
    const dataDir = await seeded('badkey', 1);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await run(['verify', '--data', dataDir], { MANDATE_AUDIT_KEY: 'secret' })).toBe(2);
    expect(output(error)).toContain('MANDATE_AUDIT_KEY is not an audit key: it must be 64 hexadecimal characters');
  });
});

describe('the server and the audit key', () => {
  it('generates the key beside the data folder on first start, logs where, and signs entries with it', async () => {
    const dataDir = join(root, 'served-data');
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const server = await startServer({
      dataDir,
      port: 0,
      host: '127.0.0.1',
      publishPrograms: false,
      serveWeb: false,
      buildWebIfMissing: false,
      announce: false,
      adminEmail: 'keyed-admin@test.local',
      adminPassword: 'keyed-admin-password',
      demoUsers: false,
      logger,
      auditKey: undefined,
      auditKeyFile: undefined,
    });
    await server.close();
    const file = defaultAuditKeyFile(dataDir);
    expect(file).toBe(join(root, 'served-data-audit.key'));
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(lines.join('')).toContain(`generated the audit key at ${file}`);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    // verify finds the default key file by itself.
    expect(await run(['verify', '--data', dataDir], {})).toBe(0);
    expect(output(log)).toContain(`MACs checked with the audit key from ${file}`);
    expect(readFileSync(file, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('audit of applications', () => {
  it('records application.start under the application id and every save with the names of the fields it changed', async () => {
    const h = await startHarness();
    try {
      const worker = await h.user(['caseworker']);
      const started = await h.call('POST', '/api/applications', { body: { programId: PROGRAM_ID } });
      const id = started.body.id;
      const headers = { 'x-resume-code': started.body.resumeCode };
      expect((await h.call('PUT', `/api/applications/${id}`, { body: { answers: { householdSize: 3, monthlyRent: 2000 } }, headers })).status).toBe(
        200,
      );
      expect(
        (await h.call('PUT', `/api/applications/${id}`, { token: worker.token, body: { answers: { ...ELIGIBLE_ANSWERS, monthlyRent: 2100 } } }))
          .status,
      ).toBe(200);
      const audit = await h.call('GET', `/api/audit?entity=application&entityId=${id}`, { token: h.adminToken });
      const [start, first, second] = audit.body;
      expect(start).toMatchObject({ action: 'application.start', entityId: id, actorId: null, details: { programId: PROGRAM_ID } });
      expect(first).toMatchObject({
        action: 'application.save',
        entityId: id,
        actorId: null,
        details: { fields: ['/householdSize', '/monthlyRent'] },
      });
      expect(second).toMatchObject({ action: 'application.save', actorId: worker.id });
      expect(second.details.fields).toEqual(expect.arrayContaining(['/monthlyRent', '/annualIncome', '/evictionNotice']));
      expect(second.details.fields).not.toContain('/householdSize');
      // Names, never values.
      expect(JSON.stringify(audit.body)).not.toContain('2100');
    } finally {
      await h.close();
    }
  });
});
