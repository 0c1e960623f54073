/**
 * MongoDB schema version 3 (issue 12): the `jobs` collection of mass re-determinations, at most one running per
 * program version; the keyset order of a program's cases; the audit marks of re-determinations run before jobs
 * existed become finished jobs (as SQLite migration 003 does). Determinations written from now on are compact;
 * older ones keep their full result.
 */
import type { Db } from 'mongodb';

/** Creates the jobs collection and indexes and converts the old marks; safe to run again. */
export async function up(db: Db): Promise<void> {
  const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  if (!existing.has('jobs')) await db.createCollection('jobs');
  const jobs = db.collection<Record<string, unknown> & { _id: string }>('jobs');
  await jobs.createIndex({ programId: 1, version: 1 }, { unique: true, partialFilterExpression: { status: 'running' }, name: 'one_running_job' });
  await jobs.createIndex({ programId: 1, version: 1, startedAt: -1, ord: -1 });
  await db.collection('cases').createIndex({ programId: 1, _id: 1 });
  const marks = db.collection('audit').find({ action: 'program.inflight.redetermine', entity: 'program' });
  for await (const mark of marks) {
    const details = (typeof mark.details === 'string' ? JSON.parse(mark.details) : mark.details) as { version?: number; count?: number };
    const count = Number(details.count ?? 0);
    await jobs.updateOne(
      { _id: `legacy-${mark._id}` },
      {
        $setOnInsert: {
          kind: 'redetermination',
          programId: mark.entityId,
          version: details.version,
          status: 'done',
          cursor: null,
          counts: JSON.stringify({ seen: count, changed: count, unchanged: 0, skippedDecided: 0, alreadyCurrent: 0, failed: 0 }),
          failures: '[]',
          trigger: 'legacy',
          startedBy: mark.actorId ?? null,
          startedAt: mark.at,
          updatedAt: mark.at,
          finishedAt: mark.at,
          finishedBy: null,
          error: null,
        },
      },
      { upsert: true },
    );
  }
}
