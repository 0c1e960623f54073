/**
 * Direct SQL on a store's database, for tests that check (or change) rows behind the store's back, on either store:
 * the SQLite file through better-sqlite3, or the PostgreSQL database through one `pg` client. Parameters are written
 * `$1`, `$2`… for both (SQLite gets `?`). Values come back as each driver reads them: flags are 0/1 on SQLite and
 * true/false on PostgreSQL, counts are numbers on SQLite and strings on PostgreSQL (`Number()` both).
 */
import Database from 'better-sqlite3';
import pg from 'pg';

/** Where a store keeps its rows. */
export type StoreLocation = { sqlitePath: string } | { databaseUrl: string };

/** A connection to a store's database. */
export interface StoreSql {
  all<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]>;
  run(sql: string, ...params: unknown[]): Promise<void>;
  close(): Promise<void>;
}

/** Opens `where` (a SQLite file read-only when `readonly`). */
export async function openStoreSql(where: StoreLocation, options: { readonly?: boolean } = {}): Promise<StoreSql> {
  if ('sqlitePath' in where) {
    const db = new Database(where.sqlitePath, { readonly: options.readonly ?? false });
    const prepare = (sql: string) => db.prepare(sql.replace(/\$\d+/g, '?'));
    return {
      async all<T>(sql: string, ...params: unknown[]) {
        return prepare(sql).all(...params) as T[];
      },
      async run(sql, ...params) {
        prepare(sql).run(...params);
      },
      async close() {
        db.close();
      },
    };
  }
  const client = new pg.Client({ connectionString: where.databaseUrl });
  await client.connect();
  return {
    async all<T>(sql: string, ...params: unknown[]) {
      return (await client.query(sql, params)).rows as T[];
    },
    async run(sql, ...params) {
      await client.query(sql, params);
    },
    async close() {
      await client.end();
    },
  };
}

/** Runs `fn` on a connection to `where`, closed afterwards. */
export async function withStoreSql<T>(where: StoreLocation, fn: (db: StoreSql) => Promise<T>, options: { readonly?: boolean } = {}): Promise<T> {
  const db = await openStoreSql(where, options);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
