/**
 * SQLite shared state (migration 013): fixed-window counters, short-lived values and leases, so that several runtime
 * processes on one file share rate limits, throttles, status sessions and who runs scheduled work. Counters and values
 * are single statements on the store's connection outside `tx`: the connection commits with `synchronous = NORMAL`,
 * so such a write is a WAL append without an fsync of its own (the next durable write's fsync of the WAL covers it),
 * and counting every public request stays cheap. Leases go through the durable group commit.
 */
import type { SharedStateStore } from '../types.ts';
import type { SqliteDb } from './db.ts';

/** Expired counters and values are swept once per this many hits (cheap: by index). */
const SWEEP_EVERY = 1000;

/** The shared-state methods over `db`. */
export function sqliteSharedStateMethods(db: SqliteDb): SharedStateStore {
  let hits = 0;
  const sweep = (now: number) => {
    db.run('DELETE FROM shared_counters WHERE expires_at < ?', now);
    db.run('DELETE FROM shared_values WHERE expires_at < ?', now);
  };
  return {
    async hitCounter(key, windowStart, expiresAt, by = 1) {
      if (++hits % SWEEP_EVERY === 0) sweep(windowStart);
      return db.get<{ hits: number }>(
        `INSERT INTO shared_counters (key, window_start, hits, expires_at) VALUES (@key, @windowStart, @by, @expiresAt)
         ON CONFLICT (key, window_start) DO UPDATE SET hits = hits + @by RETURNING hits`,
        { key, windowStart, expiresAt, by },
      )!.hits;
    },
    async readCounter(key, windowStart) {
      return db.get<{ hits: number }>('SELECT hits FROM shared_counters WHERE key = ? AND window_start = ?', key, windowStart)?.hits ?? 0;
    },
    async resetCounter(key) {
      db.run('DELETE FROM shared_counters WHERE key = ?', key);
    },
    async putSharedValue(key, value, expiresAt) {
      db.run(
        `INSERT INTO shared_values (key, value, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
        key,
        value,
        expiresAt,
      );
    },
    async getSharedValue(key, now, take) {
      const row = take
        ? db.get<{ value: string; expires_at: number }>('DELETE FROM shared_values WHERE key = ? RETURNING value, expires_at', key)
        : db.get<{ value: string; expires_at: number }>('SELECT value, expires_at FROM shared_values WHERE key = ?', key);
      return row && row.expires_at >= now ? row.value : null;
    },
    async deleteSharedValue(key) {
      db.run('DELETE FROM shared_values WHERE key = ?', key);
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
