/**
 * SQLite shared state (migration 013): fixed-window counters, short-lived values and leases, so that several runtime
 * processes on one file share rate limits, throttles, status sessions and who runs scheduled work. Counters go
 * through the unsynced connection (`SqliteDb.unsyncedConnection`); leases through the durable group commit.
 */
import type Database from 'better-sqlite3';
import type { SharedStateStore } from '../types.ts';
import type { SqliteDb } from './db.ts';

/** Expired counters and values are swept once per this many hits (cheap: by index). */
const SWEEP_EVERY = 1000;

/** The shared-state methods over `db`. */
export function sqliteSharedStateMethods(db: SqliteDb): SharedStateStore {
  let fast: { conn: Database.Database; hit: Database.Statement; read: Database.Statement } | undefined;
  const conn = () => {
    if (!fast) {
      const c = db.unsyncedConnection();
      fast = {
        conn: c,
        hit: c.prepare(
          `INSERT INTO shared_counters (key, window_start, hits, expires_at) VALUES (@key, @windowStart, @by, @expiresAt)
           ON CONFLICT (key, window_start) DO UPDATE SET hits = hits + @by RETURNING hits`,
        ),
        read: c.prepare('SELECT hits FROM shared_counters WHERE key = ? AND window_start = ?'),
      };
    }
    return fast;
  };
  let hits = 0;
  const sweep = (now: number) => {
    const c = conn().conn;
    c.prepare('DELETE FROM shared_counters WHERE expires_at < ?').run(now);
    c.prepare('DELETE FROM shared_values WHERE expires_at < ?').run(now);
  };
  return {
    async hitCounter(key, windowStart, expiresAt, by = 1) {
      if (++hits % SWEEP_EVERY === 0) sweep(windowStart);
      return (conn().hit.get({ key, windowStart, expiresAt, by }) as { hits: number }).hits;
    },
    async readCounter(key, windowStart) {
      return (conn().read.get(key, windowStart) as { hits: number } | undefined)?.hits ?? 0;
    },
    async resetCounter(key) {
      conn().conn.prepare('DELETE FROM shared_counters WHERE key = ?').run(key);
    },
    async putSharedValue(key, value, expiresAt) {
      conn()
        .conn.prepare(
          `INSERT INTO shared_values (key, value, expires_at) VALUES (?, ?, ?)
           ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
        )
        .run(key, value, expiresAt);
    },
    async getSharedValue(key, now, take) {
      const c = conn().conn;
      const row = take
        ? (c.prepare('DELETE FROM shared_values WHERE key = ? RETURNING value, expires_at').get(key) as
            | { value: string; expires_at: number }
            | undefined)
        : (c.prepare('SELECT value, expires_at FROM shared_values WHERE key = ?').get(key) as { value: string; expires_at: number } | undefined);
      return row && row.expires_at >= now ? row.value : null;
    },
    async deleteSharedValue(key) {
      conn().conn.prepare('DELETE FROM shared_values WHERE key = ?').run(key);
    },
    async claimLease(name, holder, now, until) {
      return db.tx(
        () =>
          db.run(
            `INSERT INTO leases (name, holder, until) VALUES (@name, @holder, @until)
             ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until = excluded.until
             WHERE leases.holder = excluded.holder OR leases.until < @now`,
            { name, holder, until, now },
          ) === 1,
      );
    },
    async releaseLease(name, holder) {
      await db.tx(() => db.run('DELETE FROM leases WHERE name = ? AND holder = ?', name, holder));
    },
    async leaseHolder(name) {
      return db.get<{ holder: string; until: number }>('SELECT holder, until FROM leases WHERE name = ?', name) ?? null;
    },
  };
}
