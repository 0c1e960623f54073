/**
 * The PostgreSQL binding of the shared SQL operations (`steps.ts`): queries compiled by Kysely's PostgreSQL compiler
 * and awaited on the pool, or inside `PgDb.tx`'s group-committed transaction under the audit lock.
 */
import type { PgDb, PgExecutor, PgTrx } from '../postgres/db.ts';
import type { Sql, SqlStore, Step } from './steps.ts';

/** Runs `op` to its end on `executor`; `trx` (the write's transaction) allows audit appends. */
export async function runPostgres<T>(db: PgDb, executor: PgExecutor, op: Sql<T>, trx?: PgTrx): Promise<T> {
  let next = op.next();
  while (!next.done) {
    const step: Step = next.value;
    let result: unknown;
    try {
      if ('audit' in step) {
        if (!trx) throw new Error('An audit entry can only be appended inside a write transaction.');
        result = await db.appendAudit(trx, step.audit);
      } else {
        const r = await executor.executeQuery(step.query);
        result = { rows: r.rows, affected: Number(r.numAffectedRows ?? 0) };
      }
    } catch (error) {
      next = op.throw(error);
      continue;
    }
    next = op.next(result);
  }
  return next.value;
}

/** The shared operations' store over the PostgreSQL pool `db`. */
export function postgresSql(db: PgDb): SqlStore {
  return {
    dialect: 'postgres',
    q: db.read,
    now: () => db.now(),
    query: (op) => runPostgres(db, db.read, op()),
    transaction: async (op, committed) => {
      const value = await db.tx((trx) => runPostgres(db, trx, op(), trx));
      // A COMMIT that returned is durable (`synchronous_commit = on`): committed and durable are one moment here.
      committed?.(value);
      return value;
    },
  };
}
