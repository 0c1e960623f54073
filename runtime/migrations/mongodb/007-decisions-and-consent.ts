/**
 * MongoDB schema version 7 (issue 15), as SQLite migration 007: case events gain `reason`, cases `decision` and
 * applications `consent`. Documents written before read them as null; this fills them in so queries on them see
 * every document. Safe to run again.
 */
import type { Db } from 'mongodb';

/** Sets the new fields to null where they are absent. */
export async function up(db: Db): Promise<void> {
  await db.collection('case_events').updateMany({ reason: { $exists: false } }, { $set: { reason: null } });
  await db.collection('cases').updateMany({ decision: { $exists: false } }, { $set: { decision: null } });
  await db.collection('applications').updateMany({ consent: { $exists: false } }, { $set: { consent: null } });
}
