/**
 * The PostgreSQL connection the store runs on: a pooled `pg` connection behind Kysely, migrated at open, with write
 * transactions serialised under the audit lock and the audit-chain append used inside them.
 *
 * Every write method of the SQLite store is one `BEGIN IMMEDIATE` transaction that includes its audit entries, so
 * writes are serialised; here each write transaction first takes `pg_advisory_xact_lock(AUDIT_LOCK_ID)`, held to
 * COMMIT, which keeps exactly that semantics across processes (and the audit chain, appended in order, cannot fork).
 * As on SQLite, the writes waiting for the lock in one process are committed together (group commit, `tx`).
 * Durability is PostgreSQL's: a COMMIT that returned is in the fsynced WAL (`synchronous_commit = on`, the default).
 */
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { checkpointOf, linkAuditEntries } from '../../audit/chain.ts';
import type { AuditCheckpoint, AuditEntry, AuditInput } from '../types.ts';
import { applyPostgresMigrations } from './migrate.ts';
import type { Database } from '../sql/schema.ts';

/** The advisory lock every write transaction holds to COMMIT (any constant no other part of Mandate uses). */
export const AUDIT_LOCK_ID = 4_851_300_000;

/** Most writes one group commit holds (a bound on how long one transaction keeps the lock). */
const MAX_GROUP = 64;

/** A write transaction's query builder. */
export type PgTrx = Transaction<Database>;

/** Where a store's queries run: the pool outside a transaction, or one transaction. */
export type PgExecutor = Kysely<Database> | PgTrx;

/** How long getting a connection may take before the query fails. */
const CONNECT_TIMEOUT_MS = 10_000;

const PG_INT8 = 20;
const PG_NUMERIC = 1700;
const PG_JSON = 114;
const PG_JSONB = 3802;

/**
 * The pool's own type parsers (the global `pg.types` is left alone): int8 and numeric (counts, sums, epoch
 * milliseconds) as numbers, json and jsonb as their text, so the row mapping's `JSON.parse` is the same as SQLite's.
 */
const POOL_TYPES = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === PG_INT8 || oid === PG_NUMERIC) return (value: string) => Number(value);
    if (oid === PG_JSON || oid === PG_JSONB) return (value: string) => value;
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

/** How to open the pool. */
export interface PgDbOptions {
  /** The store clock. */
  now?: () => Date;
  /** The audit key: entries get a MAC and the signed checkpoint follows every append. */
  auditKey?: Buffer;
  /** Most connections the pool opens (`MANDATE_PG_POOL_MAX`, default 10). */
  poolMax?: number;
}

/** A migrated PostgreSQL pool with clock and transactional helpers. */
export class PgDb {
  /** The query builder for reads outside a transaction. */
  readonly read: Kysely<Database>;

  private constructor(
    readonly pool: pg.Pool,
    private readonly clock: () => Date,
    private readonly auditKey?: Buffer,
  ) {
    this.read = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }

  /** Connects to `url`, applies the pending migrations and resolves with the ready connection. */
  static async open(url: string, options: PgDbOptions = {}): Promise<PgDb> {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolMax ?? 10,
      types: POOL_TYPES,
      // An unreachable server fails a request (and the readiness check) after this long instead of hanging it.
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    });
    // An idle connection the server drops (restart, failover) must not crash the process; the next query reconnects.
    pool.on('error', () => {});
    try {
      await applyPostgresMigrations(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PgDb(pool, options.now ?? (() => new Date()), options.auditKey);
  }

  /** The store clock as an ISO timestamp. */
  now(): string {
    return this.clock().toISOString();
  }

  /**
   * Runs `fn` in a write transaction holding the audit lock, and resolves once it is committed (group commit).
   *
   * Writes are serialised anyway (the audit lock), so the writes that queue while a transaction runs are committed
   * together by the next one: one lock and one WAL flush for the group, each caller's `fn` in its own SAVEPOINT. A
   * `fn` that throws rolls back only its own savepoint and rejects only its own caller; if the COMMIT itself fails,
   * every caller in the group is rejected. No promise resolves before its COMMIT returned.
   */
  tx<T>(fn: (trx: PgTrx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queued.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      if (!this.committing) void this.commitQueued();
    });
  }

  private queued: { fn: (trx: PgTrx) => Promise<unknown>; resolve: (value: unknown) => void; reject: (error: unknown) => void }[] = [];
  private committing = false;

  /** Commits the queued writes group after group, until none is left. */
  private async commitQueued(): Promise<void> {
    this.committing = true;
    try {
      while (this.queued.length > 0) {
        const group = this.queued.splice(0, MAX_GROUP);
        const outcomes: { ok: boolean; value: unknown }[] = [];
        try {
          await this.read.transaction().execute(async (trx) => {
            if (group.length === 1) {
              // Alone: no savepoint, and its error rolls the transaction back.
              await sql.raw(`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_ID})`).execute(trx);
              outcomes.push({ ok: true, value: await group[0].fn(trx) });
            } else {
              // The lock and the first savepoint in one round trip, then one per write: the savepoint of the write
              // before is released as the next one is set (statements without parameters: pg's simple protocol).
              await sql.raw(`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_ID}); SAVEPOINT mandate_write`).execute(trx);
              for (const [i, item] of group.entries()) {
                if (i > 0) await sql.raw('RELEASE SAVEPOINT mandate_write; SAVEPOINT mandate_write').execute(trx);
                const audited = this.audited.get(trx);
                try {
                  outcomes.push({ ok: true, value: await item.fn(trx) });
                } catch (error) {
                  await sql.raw('ROLLBACK TO SAVEPOINT mandate_write').execute(trx);
                  // Its audit entries are gone with it: the chain goes on from the entry before them.
                  if (audited) this.audited.set(trx, audited);
                  else this.audited.delete(trx);
                  outcomes.push({ ok: false, value: error });
                }
              }
            }
            await this.writeCheckpoint(trx);
          });
        } catch (error) {
          // The COMMIT failed, or the lone write threw (then `outcomes` is empty): its error for every caller.
          for (const item of group) item.reject(error);
          continue;
        }
        group.forEach((item, i) => (outcomes[i].ok ? item.resolve(outcomes[i].value) : item.reject(outcomes[i].value)));
      }
    } finally {
      this.committing = false;
    }
  }

  /**
   * The last audit entry each open transaction has appended (with the time of that append), so that its next append
   * needs no read of the chain's end: the audit lock is held, nobody else appends. A write whose savepoint is rolled
   * back restores the entry before it (`commitQueued`).
   */
  private readonly audited = new WeakMap<PgTrx, { last: Pick<AuditEntry, 'seq' | 'hash'>; at: string }>();

  /**
   * Appends audit entries to the chain (with their MACs; the signed checkpoint of the chain's new end is written once
   * per transaction, before its COMMIT, when keyed); call inside `tx` so they commit with the change they describe.
   * The first append of a transaction reads the chain's end; the next ones know it.
   */
  async appendAudit(trx: PgTrx, inputs: AuditInput[]): Promise<AuditEntry[]> {
    if (inputs.length === 0) return [];
    let previous = this.audited.get(trx)?.last;
    if (!previous) {
      previous = await trx.selectFrom('audit').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    }
    const at = this.now();
    const entries = linkAuditEntries(previous ?? null, inputs, at, this.auditKey);
    await trx
      .insertInto('audit')
      .values(
        entries.map((e) => ({
          seq: e.seq,
          at: e.at,
          actor_id: e.actorId,
          action: e.action,
          entity: e.entity,
          entity_id: e.entityId,
          details: JSON.stringify(e.details),
          prev_hash: e.prevHash,
          hash: e.hash,
          mac: e.mac ?? null,
        })),
      )
      .execute();
    this.audited.set(trx, { last: entries[entries.length - 1], at });
    return entries;
  }

  /** Writes the signed checkpoint of the last entry `trx` appended (keyed stores; nothing when it appended none). */
  private async writeCheckpoint(trx: PgTrx): Promise<void> {
    const audited = this.audited.get(trx);
    if (!this.auditKey || !audited) return;
    const c = checkpointOf(this.auditKey, audited.last, audited.at);
    await trx
      .insertInto('audit_checkpoint')
      .values({ id: 1, ...c })
      .onConflict((oc) => oc.column('id').doUpdateSet({ seq: c.seq, hash: c.hash, at: c.at, mac: c.mac }))
      .execute();
  }

  /** The signed checkpoint, or null. */
  async checkpoint(): Promise<AuditCheckpoint | null> {
    const row = await this.read.selectFrom('audit_checkpoint').select(['seq', 'hash', 'at', 'mac']).where('id', '=', 1).executeTakeFirst();
    return row ?? null;
  }

  /** Ends the pool once the queued writes are committed (waits for the connections in use to be released). */
  async close(): Promise<void> {
    while (this.committing || this.queued.length > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await this.read.destroy();
  }
}
