/**
 * MongoDB schema version 4 (issue 14): the index the scheduler uses to find abandoned drafts (applications never
 * submitted), oldest first, as SQLite migration 004 does.
 */
import type { Db } from 'mongodb';

/** Creates the index; safe to run again. */
export async function up(db: Db): Promise<void> {
  await db.collection('applications').createIndex({ status: 1, updatedAt: 1 }, { name: 'draft_age' });
}
