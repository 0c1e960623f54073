/**
 * The embedded store: one SQLite file (WAL, foreign keys on), migrated at open. Every write method is one `BEGIN
 * IMMEDIATE` transaction that includes its audit entries, answered once the WAL holding it is fsynced (`SqliteDb.tx`).
 */
import { sqlStoreMethods } from '../sql/store.ts';
import { sqliteSql } from '../sql/sqlite.ts';
import type { Store } from '../types.ts';
import { SqliteDb } from './db.ts';

/**
 * A `Store` backed by the SQLite file at `path` (`:memory:` for a throwaway one); with `auditKey` (hex) the audit
 * chain is keyed (MACs and the signed checkpoint).
 */
export function createSqliteStore(path: string, now: () => Date = () => new Date(), auditKey?: string): Store {
  const db = new SqliteDb(path, now, auditKey ? Buffer.from(auditKey, 'hex') : undefined);
  const shared = sqliteSql(db);
  return {
    kind: 'sqlite',
    ...sqlStoreMethods(shared),

    async auditCheckpoint() {
      return db.checkpoint();
    },

    async ping() {
      db.get('SELECT 1');
    },

    async close() {
      if (db.db.open) db.close();
    },
  };
}
