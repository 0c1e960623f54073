/**
 * The storage contract against PostgreSQL: one throwaway cluster for the file (tests/support/postgres.ts), a fresh
 * database per test. Plus what only a server database has: migrations recorded once even when two stores open an
 * empty database at the same moment, refusal of a database migrated by a newer version, and one audit chain when
 * two stores (two pools, as two processes would have) append to it concurrently.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { verifyChain } from '../../runtime/audit/chain.ts';
import { openStore } from '../../runtime/store/index.ts';
import type { Store } from '../../runtime/store/types.ts';
import { pgUnavailable, reportPgSkip } from '../support/postgres.ts';
import { clusterForSuite } from '../support/stores.ts';
import { auditOf } from './contract/fixtures.ts';
import { describeStoreContract } from './contract/store-contract.ts';

reportPgSkip('the store contract');

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

(pgUnavailable ? describe.skip : describe)('PostgreSQL store', () => {
  const cluster = clusterForSuite();

  describeStoreContract('PostgreSQL', async () => openStore({ databaseUrl: await cluster().newDatabase() }));

  describe('PostgreSQL specifics', () => {
    it('records each migration once, with the numbers and names of the SQLite ones, when two stores open an empty database at once', async () => {
      const url = await cluster().newDatabase();
      const stores = await Promise.all([openStore({ databaseUrl: url }), openStore({ databaseUrl: url })]);
      for (const store of stores) expect(store.kind).toBe('postgres');
      await Promise.all(stores.map((s) => s.close()));
      await (await openStore({ databaseUrl: url })).close();
      const rows = await query<{ version: number; name: string }>(url, 'SELECT version, name FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => [Number(r.version), r.name])).toEqual([
        [1, 'initial'],
        [2, 'publication-and-settings'],
        [3, 'jobs-and-compact-determinations'],
        [4, 'draft-expiry'],
        [5, 'keyed-audit'],
        [6, 'status-notices-documents'],
        [7, 'decisions-and-consent'],
        [8, 'step-reached'],
        [9, 'organisations'],
        [10, 'referrals-and-sharing'],
        [11, 'deadline-reminders'],
        [13, 'shared-state'],
        [14, 'screening-referrals-and-organisation-settings'],
      ]);
    });

    it('refuses to run on a database migrated by a newer version', async () => {
      const url = await cluster().newDatabase();
      await (await openStore({ databaseUrl: url })).close();
      const columns = await query<{ column_name: string }>(
        url,
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'schema_migrations' ORDER BY ordinal_position",
      );
      const names = columns.map((c) => c.column_name);
      const values = names.map((n) => (n === 'version' ? 999 : n === 'name' ? 'future' : '2030-01-01T00:00:00.000Z'));
      await query(url, `INSERT INTO schema_migrations (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`, values);
      await expect(openStore({ databaseUrl: url })).rejects.toThrow(/999.*newer Mandate/);
    });

    it('keeps one audit chain when two stores on one database append to it concurrently', async () => {
      const url = await cluster().newDatabase();
      const stores: Store[] = [await openStore({ databaseUrl: url }), await openStore({ databaseUrl: url })];
      try {
        await Promise.all(
          Array.from({ length: 40 }, (_, i) => stores[i % 2].appendAudit(auditOf('user.update', `u${i}`, { roles: ['caseworker'] }))),
        );
        const audit = await stores[0].listAudit();
        expect(audit).toHaveLength(40);
        expect(audit.map((e) => e.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
        expect(new Set(audit.map((e) => e.entityId)).size).toBe(40);
        expect(verifyChain(audit).ok).toBe(true);
      } finally {
        await Promise.all(stores.map((s) => s.close()));
      }
    });
  });
});
