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
import { auditOf, versionContent } from './contract/fixtures.ts';

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

describe('SQLite published versions, kept between reads', () => {
  const versionsOf = async (store: Awaited<ReturnType<typeof openStore>>) =>
    (await store.listProgramVersions({ programId: 'p', status: 'published' })).map((v) => [v.version, v.effectiveFrom]);

  it('sees a version published or scheduled by a second store on the same file, and its own', async () => {
    const path = freshPath();
    const first = await openStore({ sqlitePath: path });
    const second = await openStore({ sqlitePath: path });
    await first.publishVersion({ programId: 'p', version: 1, ...versionContent('p', 1), createdBy: null, publishedBy: null });
    expect(await versionsOf(first)).toEqual([[1, versionContent('p', 1).effectiveFrom]]);
    expect(await versionsOf(first)).toEqual([[1, versionContent('p', 1).effectiveFrom]]); // read again: kept

    // A version scheduled for later by the other store, straight away.
    await second.publishVersion({
      programId: 'p',
      version: 2,
      ...versionContent('p', 2),
      effectiveFrom: '2031-01-01',
      createdBy: null,
      publishedBy: null,
    });
    expect(await versionsOf(first)).toEqual([
      [1, versionContent('p', 1).effectiveFrom],
      [2, '2031-01-01'],
    ]);
    expect((await first.getProgramVersion('p', 2))?.effectiveFrom).toBe('2031-01-01');

    // A draft of the other store is not published; once it publishes the draft, it is.
    await second.createDraft({ programId: 'p', version: 3, ...versionContent('p', 3), createdBy: null });
    expect((await versionsOf(first)).map(([v]) => v)).toEqual([1, 2]);
    expect((await first.getProgramVersion('p', 3))?.status).toBe('draft');
    await second.publishDraft({ programId: 'p', expectedRevision: 1, content: versionContent('p', 3), publishedBy: null });
    expect((await versionsOf(first)).map(([v]) => v)).toEqual([1, 2, 3]);
    expect((await first.getProgramVersion('p', 3))?.status).toBe('published');

    // And this store's own publication, read back by both.
    await first.publishVersion({ programId: 'p', version: 4, ...versionContent('p', 4), createdBy: null, publishedBy: null });
    expect((await versionsOf(first)).map(([v]) => v)).toEqual([1, 2, 3, 4]);
    expect((await versionsOf(second)).map(([v]) => v)).toEqual([1, 2, 3, 4]);
    await second.close();
    await first.close();
  });

  it("hands out the kept records frozen, in an array of the caller's own", async () => {
    const store = await openStore({ sqlitePath: freshPath() });
    await store.publishVersion({ programId: 'p', version: 1, ...versionContent('p', 1), createdBy: null, publishedBy: null });
    const list = await store.listProgramVersions({ programId: 'p', status: 'published' });
    list.pop();
    expect(await store.listProgramVersions({ programId: 'p', status: 'published' })).toHaveLength(1);
    expect(Object.isFrozen((await store.getProgramVersion('p', 1))!)).toBe(true);
    await store.close();
  });
});

describe('SQLite writes outside a group', () => {
  it('a lone write that throws rolls back all it wrote, its audit entry too, and the next write goes on', async () => {
    const store = await openStore({ sqlitePath: freshPath() });
    await store.publishVersion(
      { programId: 'p', version: 1, ...versionContent('p', 1), createdBy: null, publishedBy: null },
      auditOf('program.publish', 'p'),
    );
    // Alone in its turn, so alone in its transaction (no savepoint): the duplicate is refused after nothing is kept.
    await expect(
      store.publishVersion(
        { programId: 'p', version: 1, ...versionContent('p', 1), createdBy: null, publishedBy: null },
        auditOf('program.publish', 'p'),
      ),
    ).rejects.toMatchObject({ code: 'duplicate' });
    await store.publishVersion(
      { programId: 'p', version: 2, ...versionContent('p', 2), createdBy: null, publishedBy: null },
      auditOf('program.publish', 'p2'),
    );
    const audit = await store.listAudit();
    expect(audit.map((e) => e.entityId)).toEqual(['p', 'p2']);
    expect(verifyChain(audit).ok).toBe(true);
    await store.close();
  });

  it('counters and case references live in the store file, durable with the next write', async () => {
    const path = freshPath();
    const store = await openStore({ sqlitePath: path });
    expect(await store.hitCounter('k', 100, 200)).toBe(1);
    expect(await store.hitCounter('k', 100, 200, 2)).toBe(3);
    expect(await store.allocateCaseReference('p', 'SN', 2026)).toBe('SN-26-000001');
    await store.appendAudit(auditOf('test.write'));
    const other = await openStore({ sqlitePath: path });
    expect(await other.readCounter('k', 100)).toBe(3);
    expect(await other.allocateCaseReference('p', 'SN', 2026)).toBe('SN-26-000002');
    await other.close();
    await store.close();
  });
});
