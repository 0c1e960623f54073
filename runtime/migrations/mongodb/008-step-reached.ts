/**
 * MongoDB schema version 8 (issue 15): the indexes the program dashboard's counts by program and period use (as
 * SQLite migration 008 does). Each application's `lastStep` (the wizard page its last save went to) needs no
 * change to existing documents: one without it was never saved with a step.
 */
import type { Db } from 'mongodb';

/** Creates the dashboard's indexes; safe to run again. */
export async function up(db: Db): Promise<void> {
  await db.collection('applications').createIndex({ programId: 1, createdAt: 1 });
  await db.collection('case_events').createIndex({ caseId: 1, to: 1, at: 1 });
}
