/**
 * MongoDB schema version 9 (issue 16), as SQLite migration 009: the `organisations` collection with the `default`
 * organisation, `organisation_members` (every existing user a member of `default` with their roles), `programs`
 * (the organisation of each program; every existing program in `default`), `case_team`, and notes' `visibility`
 * (`organisation` for every existing note). Safe to run again.
 */
import type { Db } from 'mongodb';

/** Creates the collections and indexes and fills in the defaults. */
export async function up(db: Db): Promise<void> {
  const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  for (const name of ['organisations', 'organisation_members', 'programs', 'case_team']) if (!existing.has(name)) await db.createCollection(name);
  const at = new Date().toISOString();
  await db
    .collection<{ _id: string; name: string; createdAt: string }>('organisations')
    .updateOne({ _id: 'default' }, { $setOnInsert: { name: 'Default organisation', createdAt: at } }, { upsert: true });
  await db.collection('organisation_members').createIndex({ userId: 1 });
  await db.collection('organisation_members').createIndex({ organisationId: 1, userId: 1 }, { unique: true });
  const members = db.collection<{ _id: string; organisationId: string; userId: string; roles: string[] }>('organisation_members');
  for await (const user of db.collection<{ _id: string; roles: string[] }>('users').find({}, { projection: { roles: 1 } })) {
    await members.updateOne(
      { _id: `default/${user._id}` },
      { $setOnInsert: { organisationId: 'default', userId: user._id, roles: user.roles } },
      { upsert: true },
    );
  }
  const programs = db.collection<{ _id: string; organisationId: string }>('programs');
  await programs.createIndex({ organisationId: 1 });
  for (const programId of await db.collection('program_versions').distinct('programId')) {
    await programs.updateOne({ _id: String(programId) }, { $setOnInsert: { organisationId: 'default' } }, { upsert: true });
  }
  await db.collection('case_team').createIndex({ userId: 1 });
  await db.collection('case_team').createIndex({ caseId: 1, ord: 1 });
  await db.collection('notes').updateMany({ visibility: { $exists: false } }, { $set: { visibility: 'organisation' } });
}
