/**
 * Shared state on an SQL store (migration 013): fixed-window counters, short-lived values and leases, so that several
 * runtime processes on one database share rate limits, throttles, status sessions and who runs scheduled work. Each
 * method is one statement (an UPSERT or a DELETE … RETURNING, atomic by itself) outside the write transactions, so
 * counting every public request never waits for one: on PostgreSQL outside the audit lock; on SQLite a single
 * statement on the store's connection (which commits with `synchronous = NORMAL`: a WAL append whose fsync the next
 * durable write covers). A lease lost with a power cut is lost with the processes that held it.
 */
import type { SharedStateStore } from '../types.ts';
import { prepared } from './prepared.ts';
import { affected, first, type Sql, type SqlStore } from './steps.ts';

/** Expired counters and values are swept once per this many hits (cheap: by index). */
const SWEEP_EVERY = 1000;

/** The shared-state methods over `s`. */
export function sqlSharedStateMethods(s: SqlStore): SharedStateStore {
  const { q } = s;
  let hits = 0;
  // Every public request counts itself, and the resume-code throttle reads counters: these two are prepared.
  const hit = prepared((v: { key: string; windowStart: number; by: number; expiresAt: number }) =>
    q
      .insertInto('shared_counters')
      .values({ key: v.key, window_start: v.windowStart, hits: v.by, expires_at: v.expiresAt })
      .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet((eb) => ({ hits: eb('shared_counters.hits', '+', v.by) })))
      .returning('hits'),
  );
  const counter = prepared((v: { key: string; windowStart: number }) =>
    q.selectFrom('shared_counters').select('hits').where('key', '=', v.key).where('window_start', '=', v.windowStart),
  );
  function* sweep(now: number): Sql<void> {
    yield* affected(q.deleteFrom('shared_counters').where('expires_at', '<', now));
    yield* affected(q.deleteFrom('shared_values').where('expires_at', '<', now));
  }
  return {
    hitCounter: (key, windowStart, expiresAt, by = 1) =>
      s.query(function* () {
        if (++hits % SWEEP_EVERY === 0) yield* sweep(windowStart);
        const row = yield* first(hit({ key, windowStart, by, expiresAt }));
        return row!.hits;
      }),
    readCounter: (key, windowStart) =>
      s.query(function* () {
        const row = yield* first(counter({ key, windowStart }));
        return row?.hits ?? 0;
      }),
    resetCounter: (key) =>
      s.query(function* () {
        yield* affected(q.deleteFrom('shared_counters').where('key', '=', key));
      }),
    putSharedValue: (key, value, expiresAt) =>
      s.query(function* () {
        yield* affected(
          q
            .insertInto('shared_values')
            .values({ key, value, expires_at: expiresAt })
            .onConflict((oc) => oc.column('key').doUpdateSet({ value, expires_at: expiresAt })),
        );
      }),
    getSharedValue: (key, now, take) =>
      s.query(function* () {
        const row = take
          ? yield* first(q.deleteFrom('shared_values').where('key', '=', key).returning(['value', 'expires_at']))
          : yield* first(q.selectFrom('shared_values').select(['value', 'expires_at']).where('key', '=', key));
        return row && row.expires_at >= now ? row.value : null;
      }),
    deleteSharedValue: (key) =>
      s.query(function* () {
        yield* affected(q.deleteFrom('shared_values').where('key', '=', key));
      }),
    claimLease: (name, holder, now, until) =>
      s.query(function* () {
        // One atomic UPSERT: a free, expired or own lease is taken; another holder's live lease leaves the row alone.
        const changed = yield* affected(
          q
            .insertInto('leases')
            .values({ name, holder, until })
            .onConflict((oc) =>
              oc
                .column('name')
                .doUpdateSet({ holder, until })
                .where((eb) => eb.or([eb('leases.holder', '=', holder), eb('leases.until', '<', now)])),
            ),
        );
        return changed === 1;
      }),
    releaseLease: (name, holder) =>
      s.query(function* () {
        yield* affected(q.deleteFrom('leases').where('name', '=', name).where('holder', '=', holder));
      }),
    leaseHolder: (name) =>
      s.query(function* () {
        return (yield* first(q.selectFrom('leases').select(['holder', 'until']).where('name', '=', name))) ?? null;
      }),
  };
}
