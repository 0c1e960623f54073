/**
 * MongoDB migrations: the modules `runtime/migrations/mongodb/NNN-name.ts` (each exporting `up(db)`), applied in
 * number order and recorded in the `schema_migrations` collection. A database recording a migration this code does
 * not know is refused (it was written by a newer Mandate).
 */
import type { Db } from 'mongodb';
import * as m001 from '../../migrations/mongodb/001-initial.ts';
import * as m002 from '../../migrations/mongodb/002-publication-and-settings.ts';
import * as m003 from '../../migrations/mongodb/003-jobs.ts';
import * as m004 from '../../migrations/mongodb/004-draft-expiry.ts';
import * as m006 from '../../migrations/mongodb/006-status-notices-documents.ts';
import * as m007 from '../../migrations/mongodb/007-decisions-and-consent.ts';
import * as m008 from '../../migrations/mongodb/008-step-reached.ts';
import * as m009 from '../../migrations/mongodb/009-organisations.ts';
import * as m010 from '../../migrations/mongodb/010-referrals-and-sharing.ts';
import * as m011 from '../../migrations/mongodb/011-deadline-reminders.ts';
import * as m013 from '../../migrations/mongodb/013-shared-state.ts';
import * as m014 from '../../migrations/mongodb/014-screening-referrals-and-organisation-settings.ts';

/** One MongoDB migration. */
export interface MongoMigration {
  version: number;
  name: string;
  up: (db: Db) => Promise<void>;
}

/** Every MongoDB migration, in order. Add new ones here as well as in the folder. */
export const MONGO_MIGRATIONS: MongoMigration[] = [
  { version: 1, name: 'initial', up: m001.up },
  { version: 2, name: 'publication-and-settings', up: m002.up },
  { version: 3, name: 'jobs', up: m003.up },
  { version: 4, name: 'draft-expiry', up: m004.up },
  { version: 6, name: 'status-notices-documents', up: m006.up },
  { version: 7, name: 'decisions-and-consent', up: m007.up },
  { version: 8, name: 'step-reached', up: m008.up },
  { version: 9, name: 'organisations', up: m009.up },
  { version: 10, name: 'referrals-and-sharing', up: m010.up },
  { version: 11, name: 'deadline-reminders', up: m011.up },
  { version: 13, name: 'shared-state', up: m013.up },
  { version: 14, name: 'screening-referrals-and-organisation-settings', up: m014.up },
];

/** Applies the pending migrations; returns the versions applied now. */
export async function applyMongoMigrations(db: Db, migrations = MONGO_MIGRATIONS): Promise<number[]> {
  const recorded = db.collection<{ _id: number; name: string; appliedAt: string }>('schema_migrations');
  const applied = new Set((await recorded.find({}).toArray()).map((m) => m._id));
  const unknown = [...applied].filter((v) => !migrations.some((m) => m.version === v));
  if (unknown.length > 0) {
    throw new Error(
      `The MongoDB database has schema migration(s) ${unknown.join(', ')} that this version of Mandate does not know: ` +
        'it was written by a newer Mandate. Run that version, or restore a backup made with this one.',
    );
  }
  const now: number[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    // Each migration is written to be re-runnable, so a crash between `up` and the record is harmless.
    await migration.up(db);
    await recorded.insertOne({ _id: migration.version, name: migration.name, appliedAt: new Date().toISOString() });
    now.push(migration.version);
  }
  return now;
}
