/**
 * MongoDB schema version 11 (issue 15): the `reminders` collection (as SQLite migration 011 does), one document
 * per deadline reminder sent, `_id` its key, so a reminder is recorded (and sent) once. Documents' `dueOn` and
 * `note` (chosen by the caseworker) need no change to existing documents: one without them had none.
 */
import type { Db } from 'mongodb';

/** Creates the collection's index by case; safe to run again. */
export async function up(db: Db): Promise<void> {
  await db.collection('reminders').createIndex({ caseId: 1 });
}
