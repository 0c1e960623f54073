/**
 * MongoDB schema version 10 (issue 16), as SQLite migration 010: the `sharing_consents`, `referrals` and
 * `program_capacity` collections with the indexes their queries use. Safe to run again.
 */
import type { Db } from 'mongodb';

/** Creates the collections and their indexes. */
export async function up(db: Db): Promise<void> {
  const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  for (const name of ['sharing_consents', 'referrals', 'program_capacity']) if (!existing.has(name)) await db.createCollection(name);
  await db.collection('sharing_consents').createIndex({ sourceApplicationId: 1, confirmedAt: 1 });
  await db.collection('referrals').createIndex({ toProgramId: 1, createdAt: -1 });
  await db.collection('referrals').createIndex({ fromApplicationId: 1 });
  await db.collection('referrals').createIndex({ fromCaseId: 1 });
}
