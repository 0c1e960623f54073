/**
 * MongoDB schema version 1: the collections of the Mandate store and their indexes (unique keys mirror the SQLite
 * schema's: user email, session token hash, program id + version, one draft per program, resume code hash, one
 * case per application, audit seq and hash).
 */
import type { Db } from 'mongodb';

/** Creates the collections and indexes; safe to run on a database that already has some of them. */
export async function up(db: Db): Promise<void> {
  const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  for (const name of [
    'users',
    'sessions',
    'program_versions',
    'applications',
    'cases',
    'determinations',
    'case_events',
    'notes',
    'documents',
    'messages',
    'audit',
    'journal',
  ]) {
    if (!existing.has(name)) await db.createCollection(name);
  }
  await db.collection('users').createIndex({ email: 1 }, { unique: true });
  await db.collection('sessions').createIndex({ tokenHash: 1 }, { unique: true });
  await db.collection('sessions').createIndex({ userId: 1 });
  await db.collection('sessions').createIndex({ expiresAt: 1 });
  await db.collection('program_versions').createIndex({ programId: 1, version: 1 }, { unique: true });
  await db
    .collection('program_versions')
    .createIndex({ programId: 1 }, { unique: true, partialFilterExpression: { status: 'draft' }, name: 'one_draft_per_program' });
  await db.collection('program_versions').createIndex({ programId: 1, hash: 1 });
  await db.collection('applications').createIndex({ resumeCodeHash: 1 }, { unique: true });
  await db.collection('applications').createIndex({ programId: 1, status: 1, createdAt: -1 });
  await db.collection('applications').createIndex({ createdBy: 1 });
  await db.collection('cases').createIndex({ applicationId: 1 }, { unique: true });
  await db.collection('cases').createIndex({ programId: 1, state: 1, createdAt: -1 });
  await db.collection('cases').createIndex({ createdAt: -1, _id: 1 });
  await db.collection('cases').createIndex({ assignee: 1 });
  await db.collection('cases').createIndex({ dueOn: 1 });
  for (const name of ['determinations', 'case_events', 'notes', 'documents', 'messages']) {
    await db.collection(name).createIndex({ caseId: 1, ord: 1 });
  }
  await db.collection('audit').createIndex({ hash: 1 }, { unique: true });
  await db.collection('audit').createIndex({ entity: 1, entityId: 1 });
  await db.collection('audit').createIndex({ unit: 1 }, { sparse: true });
}
