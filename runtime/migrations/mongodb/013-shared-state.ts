/**
 * MongoDB schema version 13 (issue 18): the state several runtime processes share, as SQLite migration 013 makes
 * it: fixed-window counters (`shared_counters`, `_id` = key + window), short-lived secrets (`shared_values`) and
 * leases (`leases`). TTL indexes let the server drop expired counters and values by itself.
 */
import type { Db } from 'mongodb';

/** Creates the collections' indexes; safe to run again. */
export async function up(db: Db): Promise<void> {
  await db.collection('shared_counters').createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
  await db.collection('shared_values').createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
}
