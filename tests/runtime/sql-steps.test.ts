/**
 * The shared SQL operations' runners (runtime/store/sql/): one generator, run synchronously on SQLite and awaited on
 * PostgreSQL, gives the same results — flags bound as SQLite's 1/0, a failed query thrown where the operation can
 * catch it, audit entries only inside a write transaction, and a failed write leaving nothing behind.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PgDb } from '../../runtime/store/postgres/db.ts';
import { postgresSql } from '../../runtime/store/sql/postgres.ts';
import { sqliteSql } from '../../runtime/store/sql/sqlite.ts';
import { affected, all, audit, first, type SqlStore } from '../../runtime/store/sql/steps.ts';
import { SqliteDb } from '../../runtime/store/sqlite/db.ts';
import { pgUnavailable, reportPgSkip } from '../support/postgres.ts';
import { clusterForSuite } from '../support/stores.ts';

reportPgSkip('the shared SQL runners');

const dir = mkdtempSync(join(tmpdir(), 'mandate-sql-steps-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const user = (id: string) => ({
  id,
  email: `${id}@example.org`,
  name: id,
  roles: '["caseworker"]',
  password_hash: 'x',
  created_at: '2026-01-01T00:00:00.000Z',
});

function describeRunner(name: string, open: () => Promise<{ s: SqlStore; close: () => Promise<void> }>) {
  describe(`the ${name} runner`, () => {
    it('binds flags, returns rows and counts changed rows', async () => {
      const { s, close } = await open();
      try {
        await s.transaction(function* () {
          yield* affected(s.q.insertInto('users').values([user('u1'), user('u2')]));
        });
        const changed = await s.transaction(function* () {
          return yield* affected(s.q.updateTable('users').set({ disabled: true }).where('id', '=', 'u1'));
        });
        expect(changed).toBe(1);
        const disabled = await s.query(function* () {
          return yield* all(s.q.selectFrom('users').select('id').where('disabled', '=', true));
        });
        expect(disabled).toEqual([{ id: 'u1' }]);
        expect(await s.query(() => first(s.q.selectFrom('users').select('id').where('id', '=', 'nobody')))).toBeUndefined();
      } finally {
        await close();
      }
    });

    it('throws a failed query into the operation, where it can be caught', async () => {
      const { s, close } = await open();
      try {
        const outcome = await s.query(function* () {
          yield* affected(s.q.insertInto('users').values(user('u1')));
          try {
            yield* affected(s.q.insertInto('users').values(user('u1')));
            return 'inserted twice';
          } catch (error) {
            return `caught: ${(error as Error).message.includes('unique') || (error as Error).message.includes('UNIQUE') ? 'unique' : (error as Error).message}`;
          }
        });
        expect(outcome).toBe('caught: unique');
      } finally {
        await close();
      }
    });

    it('appends audit entries only inside a write transaction, and a failed write leaves neither rows nor entries', async () => {
      const { s, close } = await open();
      try {
        const entry = { actorId: 'u1', action: 'test', entity: 'user', entityId: 'u1', details: {} };
        await expect(s.query(() => audit([entry]))).rejects.toThrow('only be appended inside a write transaction');
        const [appended] = await s.transaction(() => audit([entry]));
        expect(appended.seq).toBe(1);
        await expect(
          s.transaction(function* () {
            yield* affected(s.q.insertInto('users').values(user('u9')));
            yield* audit([entry]);
            throw new Error('the check failed');
          }),
        ).rejects.toThrow('the check failed');
        const left = await s.query(function* () {
          return {
            users: yield* all(s.q.selectFrom('users').select('id')),
            audit: yield* all(s.q.selectFrom('audit').select('seq')),
          };
        });
        expect(left.users).toEqual([]);
        expect(left.audit.map((r) => Number(r.seq))).toEqual([1]);
      } finally {
        await close();
      }
    });
  });
}

let n = 0;
describeRunner('SQLite', async () => {
  const db = new SqliteDb(join(dir, `steps-${++n}.db`), () => new Date());
  return { s: sqliteSql(db), close: async () => db.close() };
});

(pgUnavailable ? describe.skip : describe)('PostgreSQL', () => {
  const cluster = clusterForSuite();
  describeRunner('PostgreSQL', async () => {
    const db = await PgDb.open(await cluster().newDatabase());
    return { s: postgresSql(db), close: () => db.close() };
  });
});
