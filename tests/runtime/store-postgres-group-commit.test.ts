/**
 * PostgreSQL group commit (`PgDb.tx`): the writes that queue while a transaction holds the audit lock are committed
 * together by the next one, each in its own savepoint, so one failing write — by a check of the store or by an error
 * of the database itself — is rolled back and rejected alone, its neighbours commit, and the audit chain has no gap.
 */
import { describe, expect, it } from 'vitest';
import { verifyChain } from '../../runtime/audit/chain.ts';
import { openStore } from '../../runtime/store/index.ts';
import { PgDb } from '../../runtime/store/postgres/db.ts';
import { auditFromRow } from '../../runtime/store/rows.ts';
import { pgUnavailable, reportPgSkip } from '../support/postgres.ts';
import { clusterForSuite } from '../support/stores.ts';
import { auditOf } from './contract/fixtures.ts';

reportPgSkip('PostgreSQL group commit');

(pgUnavailable ? describe.skip : describe)('PostgreSQL group commit', () => {
  const cluster = clusterForSuite();
  const user = (email: string) => ({ email, name: email, roles: ['caseworker' as const], passwordHash: 'scrypt$x' });

  it('rejects only the writes that failed, by a store check or a database error, and commits their neighbours', async () => {
    const store = await openStore({ databaseUrl: await cluster().newDatabase() });
    try {
      const owner = await store.createUser(user('taken@example.org'), auditOf('user.create', 'taken', {}));
      const session = (tokenHash: string) =>
        store.createSession({ tokenHash, userId: owner.id, csrfToken: 'c', expiresAt: '2030-01-01T00:00:00.000Z' });
      await session('t0');
      // The first write takes the lock alone; the others queue behind it and commit as one group.
      const results = await Promise.allSettled([
        store.createUser(user('a@example.org'), auditOf('user.create', 'a', {})),
        store.createUser(user('b@example.org'), auditOf('user.create', 'b', {})),
        store.createUser(user('taken@example.org'), auditOf('user.create', 'dup', {})),
        session('t0'), // a unique violation raised by PostgreSQL inside its savepoint
        store.createUser(user('c@example.org'), auditOf('user.create', 'c', {})),
        session('t1'),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected', 'fulfilled', 'fulfilled']);
      expect((results[2] as PromiseRejectedResult).reason).toMatchObject({ code: 'duplicate' });
      expect((results[3] as PromiseRejectedResult).reason).toMatchObject({ code: '23505' });
      const emails = (await store.listUsers()).map((u) => u.email).sort();
      expect(emails).toEqual(['a@example.org', 'b@example.org', 'c@example.org', 'taken@example.org']);
      expect(await store.getSessionByTokenHash('t1')).toMatchObject({ userId: owner.id });
      const audit = await store.listAudit();
      expect(audit.map((e) => e.entityId)).toEqual(['taken', 'a', 'b', 'c']);
      expect(verifyChain(audit).ok).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('continues the chain from the last committed entry when a write that appended audit entries rolls back', async () => {
    const key = Buffer.alloc(32, 7);
    const db = await PgDb.open(await cluster().newDatabase(), { auditKey: key });
    try {
      // The first write holds the lock a while; the four queued meanwhile commit as one group, where only the first
      // append reads the chain's end and the checkpoint is written once, before COMMIT.
      const first = db.tx(async (trx) => {
        await new Promise((resolve) => setTimeout(resolve, 200));
        return db.appendAudit(trx, [auditOf('user.create', 'first')]);
      });
      const grouped = [
        db.tx((trx) => db.appendAudit(trx, [auditOf('user.create', 'a')])),
        db.tx(async (trx) => {
          await db.appendAudit(trx, [auditOf('user.create', 'gone-1'), auditOf('user.create', 'gone-2')]);
          throw new Error('refused after appending');
        }),
        db.tx((trx) => db.appendAudit(trx, [auditOf('user.create', 'b')])),
        db.tx(async (trx) => {
          await db.appendAudit(trx, [auditOf('user.create', 'gone-3')]);
          throw new Error('refused after appending');
        }),
      ];
      await first;
      const results = await Promise.allSettled(grouped);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
      const rows = await db.read.selectFrom('audit').selectAll().orderBy('seq').execute();
      const audit = rows.map(auditFromRow);
      expect(audit.map((e) => [e.seq, e.entityId])).toEqual([
        [1, 'first'],
        [2, 'a'],
        [3, 'b'],
      ]);
      const checkpoint = await db.checkpoint();
      expect(checkpoint).toMatchObject({ seq: 3, hash: audit[2].hash });
      expect(verifyChain(audit, { key, checkpoint }).ok).toBe(true);
    } finally {
      await db.close();
    }
  });

  it('commits every write queued before close, and each is acknowledged only once committed', async () => {
    const url = await cluster().newDatabase();
    const store = await openStore({ databaseUrl: url });
    const writes = Array.from({ length: 30 }, (_, i) => store.createUser(user(`u${i}@example.org`), auditOf('user.create', `u${i}`, {})));
    await store.close();
    expect((await Promise.allSettled(writes)).every((r) => r.status === 'fulfilled')).toBe(true);
    const reopened = await openStore({ databaseUrl: url });
    try {
      expect(await reopened.countUsers()).toBe(30);
      expect(verifyChain(await reopened.listAudit()).ok).toBe(true);
    } finally {
      await reopened.close();
    }
  });
});
