/**
 * MongoDB schema version 6 (issue 15), as SQLite migration 006: unique case references, the outbox (due emails
 * by status and time) and the uploaded files of documents. Safe to run again.
 */
import type { Db } from 'mongodb';

/** Creates the collections and indexes. */
export async function up(db: Db): Promise<void> {
  const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  for (const name of ['outbox', 'document_files', 'case_sequences']) if (!existing.has(name)) await db.createCollection(name);
  await db
    .collection('cases')
    .createIndex({ reference: 1 }, { unique: true, partialFilterExpression: { reference: { $type: 'string' } }, name: 'case_reference' });
  await db.collection('outbox').createIndex({ status: 1, nextAttemptAt: 1 });
  await db.collection('outbox').createIndex({ caseId: 1 });
  await db.collection('document_files').createIndex({ documentId: 1 });
}
