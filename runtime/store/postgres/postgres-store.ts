/**
 * The PostgreSQL store (`DATABASE_URL=postgres://…`): a pooled connection, migrated at open. Every write method is
 * one transaction holding the audit lock (so writes are serialised as on SQLite, across processes too) that includes
 * its audit entries.
 */
import { sql } from 'kysely';
import { sqlStoreMethods } from '../sql/store.ts';
import { postgresSql } from '../sql/postgres.ts';
import type { Store } from '../types.ts';
import { PgDb } from './db.ts';

/** How to open the PostgreSQL store. */
export interface PostgresStoreOptions {
  now?: () => Date;
  /** The audit key, hex: entries get a MAC and the store keeps a signed checkpoint. */
  auditKey?: string;
  /** Most pooled connections (default 10). */
  poolMax?: number;
}

/** Connects to the database at `url`, migrates it, and resolves with a `Store` over it. */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<Store> {
  const db = await PgDb.open(url, {
    now: options.now,
    auditKey: options.auditKey ? Buffer.from(options.auditKey, 'hex') : undefined,
    poolMax: options.poolMax,
  });
  let closed = false;
  const shared = postgresSql(db);
  return {
    kind: 'postgres',
    ...sqlStoreMethods(shared),

    async auditCheckpoint() {
      return db.checkpoint();
    },

    async ping() {
      await sql`SELECT 1`.execute(db.read);
    },

    async close() {
      if (closed) return;
      closed = true;
      await db.close();
    },
  };
}
