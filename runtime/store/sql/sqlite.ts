/**
 * The SQLite binding of the shared SQL operations (`steps.ts`): queries compiled by Kysely's SQLite compiler, run
 * synchronously with better-sqlite3's cached prepared statements, writes inside `SqliteDb.tx`'s group commit.
 */
import { DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type CompiledQuery } from 'kysely';
import type { SqliteDb } from '../sqlite/db.ts';
import type { Database } from './schema.ts';
import type { QueryResult, Sql, SqlStore, Step } from './steps.ts';

/** A Kysely that only compiles SQLite's SQL (nothing is executed through it). */
const compiler = new Kysely<Database>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

/** A parameter as better-sqlite3 binds it: flags as 1/0 (SQLite has no boolean). */
const bindable = (value: unknown): unknown => (value === true ? 1 : value === false ? 0 : value);

/** Runs one compiled query on `db`. */
function execute(db: SqliteDb, query: CompiledQuery): QueryResult<unknown> {
  const statement = db.stmt(query.sql);
  const params = query.parameters.map(bindable);
  if (statement.reader) return { rows: statement.all(...params), affected: 0 };
  return { rows: [], affected: statement.run(...params).changes };
}

/** Runs `op` to its end on `db`, synchronously; `inTransaction` allows audit appends. */
export function runSqlite<T>(db: SqliteDb, op: Sql<T>, inTransaction: boolean): T {
  let next = op.next();
  while (!next.done) {
    const step: Step = next.value;
    let result: unknown;
    try {
      if ('audit' in step) {
        if (!inTransaction) throw new Error('An audit entry can only be appended inside a write transaction.');
        result = db.appendAudit(step.audit);
      } else {
        result = execute(db, step.query);
      }
    } catch (error) {
      next = op.throw(error);
      continue;
    }
    next = op.next(result);
  }
  return next.value;
}

/** The shared operations' store over the SQLite connection `db`. */
export function sqliteSql(db: SqliteDb): SqlStore {
  return {
    dialect: 'sqlite',
    q: compiler,
    now: () => db.now(),
    query: (op) => {
      try {
        return Promise.resolve(runSqlite(db, op(), false));
      } catch (error) {
        return Promise.reject(error);
      }
    },
    transaction: (op, committed) => db.tx(() => runSqlite(db, op(), true), committed),
  };
}
