/**
 * One implementation of a store operation for every SQL dialect: an operation is a generator that builds its queries
 * with Kysely's query builder and yields them compiled (`all`, `first`, `affected`, `audit`); the store's runner
 * executes each one and resumes the generator with its result. The SQLite runner does so synchronously (so a write
 * stays inside the group commit's one event-loop turn, `SqliteDb.tx`), the PostgreSQL runner awaits each query on the
 * pool or the write's transaction. Control flow, checks and row mapping are written once; only the SQL text differs,
 * and Kysely's compiler for the dialect writes it.
 *
 * An operation uses `yield*` on these helpers: `const row = yield* first(s.q.selectFrom('users')…)`. A query that
 * fails throws inside the generator (so it can be caught there; on PostgreSQL a failed statement aborts the
 * transaction, so only catch what ends the operation).
 */
import type { Compilable, CompiledQuery, Kysely, RawBuilder } from 'kysely';
import type { AuditEntry, AuditInput } from '../types.ts';
import type { Database } from './schema.ts';

/** What an operation asks its runner for: a compiled query's result, or audit entries appended in its transaction. */
export type Step = { query: CompiledQuery } | { audit: AuditInput[] };

/** A query's result as the runners hand it back: its rows (none for a write without RETURNING) and rows changed. */
export interface QueryResult<R> {
  rows: R[];
  affected: number;
}

/** A store operation returning `T`. */
export type Sql<T> = Generator<Step, T, unknown>;

/** Every row of `query`. */
export function* all<R>(query: Compilable<R>): Sql<R[]> {
  return ((yield { query: query.compile() }) as QueryResult<R>).rows;
}

/** The first row of `query`, or undefined. */
export function* first<R>(query: Compilable<R>): Sql<R | undefined> {
  return (yield* all(query))[0];
}

/** Runs the write `query`; returns how many rows it inserted, updated or deleted. */
export function* affected(query: Compilable<unknown>): Sql<number> {
  return ((yield { query: query.compile() }) as QueryResult<unknown>).affected;
}

/** Appends `inputs` to the audit chain inside the write's transaction (only in `SqlStore.transaction`). */
export function* audit(inputs: AuditInput[]): Sql<AuditEntry[]> {
  if (inputs.length === 0) return [];
  return (yield { audit: inputs }) as AuditEntry[];
}

/**
 * A raw `sql` template (a CTE, a dialect's functions) compiled for `s`'s dialect, to yield like a built query:
 * `yield* all(raw(s, sql<Row>`…`))`. Values in it are `${…}` bind parameters, never text.
 */
export function raw<R>(s: SqlStore, query: RawBuilder<R>): Compilable<R> {
  return { compile: () => query.compile(s.q) };
}

/** The SQL store an operation runs against. */
export interface SqlStore {
  readonly dialect: 'sqlite' | 'postgres';
  /** The query builder: compiles this dialect's SQL (queries are run by yielding them, never `.execute()`d). */
  readonly q: Kysely<Database>;
  /** The store clock as an ISO timestamp. */
  now(): string;
  /**
   * Runs `op` outside a write transaction: reads, and single-statement writes that are atomic by themselves and need
   * neither the audit chain nor to wait for the disk (counters, short-lived values, leases).
   */
  query<T>(op: () => Sql<T>): Promise<T>;
  /**
   * Runs `op` as one write transaction with its audit entries, resolved once it is durably committed (both stores
   * group-commit; on PostgreSQL under the audit lock).
   *
   * `committed` (which must not throw), when given, gets `op`'s result as soon as the transaction has committed, for a
   * caller that goes on working meanwhile (a mass re-determination reading its next chunk): on SQLite before the WAL's
   * fsync returns (`SqliteDb.tx`'s own callback), on PostgreSQL when the COMMIT returned, which is the moment it is
   * durable too (just before the promise resolves).
   */
  transaction<T>(op: () => Sql<T>, committed?: (value: T) => void): Promise<T>;
}
