/**
 * MongoDB schema version 7 (issue 15), as SQLite migration 007: case events gain `reason`, cases `decision` and
 * applications `consent`, and the `corrections` collection (a caseworker's corrections of submitted answers).
 * Documents written before read the new fields as null; this fills them in. Safe to run again.
 */
import type { Db } from 'mongodb';

/** Creates the corrections collection and sets the new fields to null where they are absent. */
export async function up(db: Db): Promise<void> {
  const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  if (!existing.has('corrections')) await db.createCollection('corrections');
  await db.collection('corrections').createIndex({ caseId: 1, ord: 1 });
  await db.collection('case_events').updateMany({ reason: { $exists: false } }, { $set: { reason: null } });
  await db.collection('cases').updateMany({ decision: { $exists: false } }, { $set: { decision: null } });
  await db.collection('applications').updateMany({ consent: { $exists: false } }, { $set: { consent: null } });
}
