/**
 * MongoDB schema version 2 (the studio's publication flow): the `settings` collection (one document). Program
 * versions gain `publicationRequest` and `selfPublished`, read as null and false where absent (no rewrite needed).
 */
import type { Db } from 'mongodb';

/** Creates the settings collection; safe to run again. */
export async function up(db: Db): Promise<void> {
  const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  if (!existing.has('settings')) await db.createCollection('settings');
}
