/**
 * PostgreSQL shared state (migration 013): fixed-window counters, short-lived values and leases, so that several
 * runtime processes on one database share rate limits, throttles, status sessions and who runs scheduled work. Each
 * method is one statement (an UPSERT or a DELETE … RETURNING, atomic by itself) outside the audit lock, so counting
 * every public request never waits for a write transaction.
 */
import type { SharedStateStore } from '../types.ts';
import type { PgDb } from './db.ts';

/** Expired counters and values are swept once per this many hits (cheap: by index). */
const SWEEP_EVERY = 1000;

/** The shared-state methods over `db`. */
export function pgSharedStateMethods(db: PgDb): SharedStateStore {
  const q = db.read;
  let hits = 0;
  const sweep = async (now: number) => {
    await q.deleteFrom('shared_counters').where('expires_at', '<', now).execute();
    await q.deleteFrom('shared_values').where('expires_at', '<', now).execute();
  };
  return {
    async hitCounter(key, windowStart, expiresAt, by = 1) {
      if (++hits % SWEEP_EVERY === 0) await sweep(windowStart);
      const row = await q
        .insertInto('shared_counters')
        .values({ key, window_start: windowStart, hits: by, expires_at: expiresAt })
        .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet((eb) => ({ hits: eb('shared_counters.hits', '+', by) })))
        .returning('hits')
        .executeTakeFirstOrThrow();
      return row.hits;
    },
    async readCounter(key, windowStart) {
      const row = await q
        .selectFrom('shared_counters')
        .select('hits')
        .where('key', '=', key)
        .where('window_start', '=', windowStart)
        .executeTakeFirst();
      return row?.hits ?? 0;
    },
    async resetCounter(key) {
      await q.deleteFrom('shared_counters').where('key', '=', key).execute();
    },
    async putSharedValue(key, value, expiresAt) {
      await q
        .insertInto('shared_values')
        .values({ key, value, expires_at: expiresAt })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, expires_at: expiresAt }))
        .execute();
    },
    async getSharedValue(key, now, take) {
      const row = take
        ? await q.deleteFrom('shared_values').where('key', '=', key).returning(['value', 'expires_at']).executeTakeFirst()
        : await q.selectFrom('shared_values').select(['value', 'expires_at']).where('key', '=', key).executeTakeFirst();
      return row && row.expires_at >= now ? row.value : null;
    },
    async deleteSharedValue(key) {
      await q.deleteFrom('shared_values').where('key', '=', key).execute();
    },
    async claimLease(name, holder, now, until) {
      // One atomic UPSERT: a free, expired or own lease is taken; another holder's live lease leaves the row alone.
      const result = await q
        .insertInto('leases')
        .values({ name, holder, until })
        .onConflict((oc) =>
          oc
            .column('name')
            .doUpdateSet({ holder, until })
            .where((eb) => eb.or([eb('leases.holder', '=', holder), eb('leases.until', '<', now)])),
        )
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows) === 1;
    },
    async releaseLease(name, holder) {
      await q.deleteFrom('leases').where('name', '=', name).where('holder', '=', holder).execute();
    },
    async leaseHolder(name) {
      return (await q.selectFrom('leases').select(['holder', 'until']).where('name', '=', name).executeTakeFirst()) ?? null;
    },
  };
}
