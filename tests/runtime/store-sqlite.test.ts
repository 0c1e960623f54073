/**
 * The storage contract against the embedded SQLite store (a fresh file per test), plus what only SQLite has:
 * durability pragmas, migrations, the append-only triggers and tamper detection on the file itself.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../runtime/audit/chain.ts';
import { openStore } from '../../runtime/store/index.ts';
import { openSqliteDatabase, SqliteDb } from '../../runtime/store/sqlite/db.ts';
import { describeStoreContract } from './contract/store-contract.ts';
import { auditOf } from './contract/fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'mandate-store-'));
let counter = 0;
const freshPath = () => join(dir, `store-${++counter}.db`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeStoreContract('SQLite', () => openStore({ sqlitePath: freshPath() }));

describe('SQLite specifics', () => {
  it('opens in WAL mode with synchronous=FULL and foreign keys on, and records each migration once', async () => {
    const path = freshPath();
    await (await openStore({ sqlitePath: path })).close();
    await (await openStore({ sqlitePath: path })).close();
    const db = new Database(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all()).toEqual([
      { version: 1, name: 'initial' },
      { version: 2, name: 'publication-and-settings' },
      { version: 3, name: 'jobs-and-compact-determinations' },
      { version: 4, name: 'draft-expiry' },
      { version: 5, name: 'keyed-audit' },
      { version: 6, name: 'status-notices-documents' },
      { version: 7, name: 'decisions-and-consent' },
      { version: 8, name: 'step-reached' },
      { version: 9, name: 'organisations' },
      { version: 10, name: 'referrals-and-sharing' },
      { version: 11, name: 'deadline-reminders' },
      { version: 13, name: 'shared-state' },
      { version: 14, name: 'screening-referrals-and-organisation-settings' },
    ]);
    db.close();
    const configured = openSqliteDatabase(path);
    expect(configured.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(configured.pragma('foreign_keys', { simple: true })).toBe(1);
    configured.close();
    const store = await openStore({ dataDir: join(dir, 'nested', 'data') });
    expect(store.kind).toBe('sqlite');
    await store.close();
  });

  it('refuses to run on a database migrated by a newer version', async () => {
    const path = freshPath();
    await (await openStore({ sqlitePath: path })).close();
    const db = new Database(path);
    db.prepare("INSERT INTO schema_migrations VALUES (999, 'future', '2030-01-01')").run();
    db.close();
    await expect(openStore({ sqlitePath: path })).rejects.toThrow(/999.*newer Mandate/);
  });

  it('forbids UPDATE and DELETE on the audit table, and the chain catches an edit made around the triggers', async () => {
    const path = freshPath();
    const store = await openStore({ sqlitePath: path });
    for (let i = 0; i < 4; i += 1) await store.appendAudit(auditOf('user.update', `u${i}`, { roles: ['caseworker'] }));
    await store.close();

    const db = new Database(path);
    expect(() => db.prepare("UPDATE audit SET details = '{}' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit WHERE seq = 2').run()).toThrow(/append-only/);
    db.exec('DROP TRIGGER audit_no_update');
    db.prepare(`UPDATE audit SET details = '{"roles":["administrator"]}' WHERE seq = 2`).run();
    db.close();

    const reopened = await openStore({ sqlitePath: path });
    const report = verifyChain(await reopened.listAudit());
    expect(report.ok).toBe(false);
    expect(report.problem).toMatchObject({ seq: 2, kind: 'changed' });
    await reopened.close();
  });
});

describe('SQLite group commit', () => {
  it('commits writes made in the same turn together, rejecting only the one that failed and keeping its neighbours and the audit chain', async () => {
    const path = freshPath();
    const store = await openStore({ sqlitePath: path });
    const user = (email: string) => ({ email, name: email, roles: ['caseworker' as const], passwordHash: 'scrypt$x' });
    await store.createUser(user('taken@example.org'), auditOf('user.create', 'taken', {}));
    // Four writes queued in one turn of the event loop: the third repeats an email and must fail alone.
    const results = await Promise.allSettled([
      store.createUser(user('a@example.org'), auditOf('user.create', 'a', {})),
      store.createUser(user('b@example.org'), auditOf('user.create', 'b', {})),
      store.createUser(user('taken@example.org'), auditOf('user.create', 'dup', {})),
      store.createUser(user('c@example.org'), auditOf('user.create', 'c', {})),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((results[2] as PromiseRejectedResult).reason).toMatchObject({ code: 'duplicate' });
    const emails = (await store.listUsers()).map((u) => u.email).sort();
    expect(emails).toEqual(['a@example.org', 'b@example.org', 'c@example.org', 'taken@example.org']);
    // The failed write's audit entry was rolled back with it; the chain has no gap.
    const audit = await store.listAudit();
    expect(audit.map((e) => e.entityId)).toEqual(['taken', 'a', 'b', 'c']);
    expect(verifyChain(audit).ok).toBe(true);
    await store.close();
  });
});

describe('SQLite durable commits off the event loop', () => {
  it('commits with synchronous=NORMAL and answers each writer only after an fsync of the WAL that followed its commit', async () => {
    const db = new SqliteDb(freshPath(), () => new Date());
    expect(db.db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL: COMMIT leaves the fsync to `tx`
    db.db.exec('CREATE TABLE t (n INTEGER)');
    // Three groups: two writes queued in one turn, then one alone, then three while the previous fsync may still run.
    const rounds = [2, 1, 3];
    for (const writes of rounds) {
      const before = db.walSyncs;
      const answeredAfter = await Promise.all(
        Array.from({ length: writes }, (_, i) => db.tx(() => db.run('INSERT INTO t (n) VALUES (?)', i)).then(() => db.walSyncs)),
      );
      for (const syncs of answeredAfter) expect(syncs).toBeGreaterThan(before);
    }
    expect(db.get<{ n: number }>('SELECT COUNT(*) AS n FROM t')?.n).toBe(6);
    db.close();
  });

  it("tells a caller who asks when its write committed, before the WAL's fsync returned; a write that throws is not reported committed", async () => {
    const db = new SqliteDb(freshPath(), () => new Date());
    db.db.exec('CREATE TABLE t (n INTEGER NOT NULL)');
    const seen: { value: number; syncs: number; rows: number }[] = [];
    const before = db.walSyncs;
    const ok = db.tx(
      () => db.run('INSERT INTO t (n) VALUES (1)'),
      (value) => seen.push({ value, syncs: db.walSyncs, rows: db.get<{ n: number }>('SELECT COUNT(*) AS n FROM t')?.n ?? 0 }),
    );
    const bad = db.tx(
      () => db.run('INSERT INTO t (n) VALUES (NULL)'),
      () => seen.push({ value: -1, syncs: -1, rows: -1 }),
    );
    await expect(ok).resolves.toBe(1);
    await expect(bad).rejects.toThrow(/NOT NULL/);
    // Called once, with fn's result, the write readable, and no fsync of the WAL returned yet; resolved after one.
    expect(seen).toEqual([{ value: 1, syncs: before, rows: 1 }]);
    expect(db.walSyncs).toBeGreaterThan(before);
    db.close();
  });

  it('a write that throws is still answered (rejected) in its group, and close() makes the waiting commits durable', async () => {
    const db = new SqliteDb(freshPath(), () => new Date());
    db.db.exec('CREATE TABLE t (n INTEGER NOT NULL)');
    const ok = db.tx(() => db.run('INSERT INTO t (n) VALUES (1)'));
    const bad = db.tx(() => db.run('INSERT INTO t (n) VALUES (NULL)'));
    await expect(ok).resolves.toBe(1);
    await expect(bad).rejects.toThrow(/NOT NULL/);
    const late = db.tx(() => db.run('INSERT INTO t (n) VALUES (2)'));
    db.close(); // commits and fsyncs what is still queued
    await expect(late).resolves.toBe(1);
    const reopened = new Database(db.db.name, { readonly: true });
    expect(reopened.prepare('SELECT n FROM t ORDER BY n').all()).toEqual([{ n: 1 }, { n: 2 }]);
    reopened.close();
  });
});
