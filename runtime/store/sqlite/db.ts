/**
 * The SQLite connection the store runs on: opened with the pragmas the crash guarantee rests on, migrated, with
 * cached prepared statements, write transactions and the audit-chain append used inside them.
 *
 * Durability: WAL journal, and no write's promise resolves before its WAL frames are fsynced, so a SIGKILL or a power
 * cut after a 201 cannot lose the submission. The fsync runs on libuv's thread pool, not on the event loop: the store's
 * connection commits with `synchronous = NORMAL` (no fsync inside COMMIT), then `fdatasync` of the WAL file is called
 * asynchronously and the group's callers are answered when it returns (`tx`). Meanwhile the event loop serves other
 * requests and commits the next group. Checkpoints keep SQLite's own fsyncs (WAL before copying, database after).
 * One difference from `FULL` remains: another request may read a committed write in the few milliseconds before its
 * fsync returns (its writer is not answered yet); a power cut then loses both.
 */
import Database from 'better-sqlite3';
import { closeSync, fdatasync, fdatasyncSync, fsyncSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { checkpointOf, linkAuditEntries } from '../../audit/chain.ts';
import type { AuditCheckpoint, AuditEntry, AuditInput } from '../types.ts';
import { applySqliteMigrations } from './migrate.ts';

type Params = unknown[] | [Record<string, unknown>];

/** Most prepared statements one connection keeps (then the cache starts again). */
const MAX_STATEMENTS = 2000;

/** Pragmas every Mandate SQLite connection uses (also the benchmark baseline's, so the comparison is fair). */
export const SQLITE_PRAGMAS = ['journal_mode = WAL', 'synchronous = FULL', 'foreign_keys = ON', 'busy_timeout = 5000'];

/** Opens a better-sqlite3 database with `SQLITE_PRAGMAS`, creating its folder when needed. */
export function openSqliteDatabase(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  for (const pragma of SQLITE_PRAGMAS) db.pragma(pragma);
  return db;
}

/** A migrated connection with statement cache, clock and transactional helpers. */
export class SqliteDb {
  readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    path: string,
    private readonly clock: () => Date,
    /** The audit key: entries get a MAC and the signed checkpoint follows every append. */
    private readonly auditKey?: Buffer,
  ) {
    this.db = openSqliteDatabase(path);
    applySqliteMigrations(this.db);
    if (!this.db.memory) {
      // Migrations committed with FULL. From here the commits leave the WAL's fsync to `tx`, off the event loop.
      this.db.prepare('SELECT 1 FROM sqlite_master LIMIT 1').get(); // opens (creates) the WAL file
      this.walFd = openSync(`${this.db.name}-wal`, 'r');
      // The WAL file's directory entry too, once: a power cut must not lose a WAL that SQLite just created.
      const dir = openSync(dirname(this.db.name), 'r');
      try {
        fsyncSync(dir);
      } finally {
        closeSync(dir);
      }
      this.db.pragma('synchronous = NORMAL');
    }
  }

  /** The WAL file, fsynced before writers are answered (none for `:memory:`). */
  private readonly walFd?: number;

  /** The store clock as an ISO timestamp. */
  now(): string {
    return this.clock().toISOString();
  }

  /**
   * The prepared statement for `sql`, prepared once. The cache is bounded: queries built with lists of varying length
   * (`IN (?, ?, …)`) are distinct statements, and a long-running server must not keep every one of them.
   */
  stmt(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= MAX_STATEMENTS) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** First row of a query, or undefined. */
  get<T>(sql: string, ...params: Params): T | undefined {
    return this.stmt(sql).get(...params) as T | undefined;
  }

  /** All rows of a query. */
  all<T>(sql: string, ...params: Params): T[] {
    return this.stmt(sql).all(...params) as T[];
  }

  /** Runs a write; returns the number of changed rows. */
  run(sql: string, ...params: Params): number {
    return this.stmt(sql).run(...params).changes;
  }

  /**
   * Runs `fn` in a write transaction and resolves once it is durably committed (group commit).
   *
   * Writes that arrive in the same turn of the event loop are committed together: one `BEGIN IMMEDIATE … COMMIT`
   * (so one WAL fsync) holds each caller's `fn` in its own SAVEPOINT. A `fn` that throws rolls back only its own
   * savepoint and rejects only its own caller; if the COMMIT itself fails, every caller in the group is rejected.
   * No promise resolves before its commit, so a 201 still means the write is on disk.
   *
   * `committed`, when given, is called with `fn`'s result as soon as the transaction has committed, before its fsync:
   * a caller that works on (a mass re-determination reading its next chunk) need not wait for the disk to go on,
   * only to answer anyone or to build on the write's durability.
   */
  tx<T>(fn: () => T, committed?: (value: T) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ fn, committed: committed as ((value: unknown) => void) | undefined, resolve: resolve as (value: unknown) => void, reject });
      if (this.pending.length === 1) setImmediate(() => this.commitPending());
    });
  }

  private pending: {
    fn: () => unknown;
    committed?: (value: unknown) => void;
    resolve: (value: unknown) => void;
    reject: (error: unknown) => void;
  }[] = [];

  /**
   * Commits every queued write in one transaction, each in its own savepoint, and answers their callers once the WAL
   * holding the commit is fsynced (`whenDurable`).
   */
  private commitPending(): void {
    const group = this.pending;
    this.pending = [];
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      this.db
        .transaction(() => {
          if (group.length === 1) {
            // Alone in its transaction: a `fn` that throws rolls all of it back, with no SAVEPOINT to pay for.
            outcomes.push({ ok: true, value: group[0].fn() });
            return;
          }
          for (const item of group) {
            try {
              // A nested better-sqlite3 transaction is a SAVEPOINT: rolled back alone when `fn` throws.
              outcomes.push({ ok: true, value: this.db.transaction(item.fn)() });
            } catch (error) {
              outcomes.push({ ok: false, value: error });
            }
          }
        })
        .immediate();
    } catch (error) {
      for (const item of group) item.reject(error);
      return;
    }
    group.forEach((item, i) => {
      if (item.committed && outcomes[i].ok) item.committed(outcomes[i].value);
    });
    this.whenDurable((syncError) => {
      group.forEach((item, i) => {
        if (syncError) item.reject(syncError);
        else if (outcomes[i].ok) item.resolve(outcomes[i].value);
        else item.reject(outcomes[i].value);
      });
    });
  }

  /** How many fsyncs of the WAL have returned (a test checks that writers are answered after one). */
  walSyncs = 0;

  /** Commits waiting for the next fsync of the WAL, and whether one is running. */
  private awaitingSync: ((error: Error | null) => void)[] = [];
  private syncing = false;

  /**
   * Calls `done` once an fsync of the WAL that started after this call has returned (at once without a WAL file).
   * One fsync runs at a time; the commits made while it runs wait for the next one, which covers them all.
   */
  private whenDurable(done: (error: Error | null) => void): void {
    if (this.walFd === undefined) {
      done(null);
      return;
    }
    this.awaitingSync.push(done);
    if (!this.syncing) this.syncWal();
  }

  private syncWal(): void {
    const batch = this.awaitingSync;
    this.awaitingSync = [];
    this.syncing = true;
    fdatasync(this.walFd as number, (error) => {
      this.syncing = false;
      if (!error) this.walSyncs += 1;
      for (const done of batch) done(error);
      if (this.awaitingSync.length > 0) this.syncWal();
    });
  }

  /**
   * Appends audit entries to the chain (with their MACs and the new signed checkpoint when keyed); call inside `tx`
   * so they commit with the change they describe.
   */
  appendAudit(inputs: AuditInput[]): AuditEntry[] {
    if (inputs.length === 0) return [];
    const head = this.get<{ seq: number; hash: string }>('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1') ?? null;
    const at = this.now();
    const entries = linkAuditEntries(head, inputs, at, this.auditKey);
    for (const e of entries) {
      this.run(
        'INSERT INTO audit (seq, at, actor_id, action, entity, entity_id, details, prev_hash, hash, mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        e.seq,
        e.at,
        e.actorId,
        e.action,
        e.entity,
        e.entityId,
        JSON.stringify(e.details),
        e.prevHash,
        e.hash,
        e.mac ?? null,
      );
    }
    if (this.auditKey) {
      const c = checkpointOf(this.auditKey, entries[entries.length - 1], at);
      this.run(
        `INSERT INTO audit_checkpoint (id, seq, hash, at, mac) VALUES (1, @seq, @hash, @at, @mac)
         ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, at = excluded.at, mac = excluded.mac`,
        c,
      );
    }
    return entries;
  }

  /** The signed checkpoint, or undefined. */
  checkpoint(): AuditCheckpoint | null {
    return this.get<AuditCheckpoint>('SELECT seq, hash, at, mac FROM audit_checkpoint WHERE id = 1') ?? null;
  }

  close(): void {
    if (this.pending.length > 0) this.commitPending();
    if (this.walFd !== undefined) {
      // The commits still waiting for their fsync get it now (an fsync already running returns on its own).
      fdatasyncSync(this.walFd);
      const waiting = this.awaitingSync;
      this.awaitingSync = [];
      for (const done of waiting) done(null);
      closeSync(this.walFd);
    }
    this.statements.clear();
    this.db.close();
  }
}
