/**
 * MongoDB schema version 14 (issue 16's remaining gaps), as SQLite migration 014: referrals from a screening result
 * are found by the sha256 of their follow code (unique where present). Settings per organisation need no collection:
 * each is a document `_id: "organisation:<id>"` of `settings`; documents need no rewrite (nullable referral and
 * consent sources were never constrained here). Safe to run again.
 */
import type { Db } from 'mongodb';

/** Creates the index. */
export async function up(db: Db): Promise<void> {
  await db
    .collection('referrals')
    .createIndex({ followCodeHash: 1 }, { unique: true, partialFilterExpression: { followCodeHash: { $type: 'string' } } });
}
