/**
 * A re-determination job whose chunks are evaluated ahead by evaluation workers (MANDATE_REDETERMINATION_WORKERS:
 * the job's worker thread reads and writes, runtime/workers/redetermination-pipeline.ts) writes exactly what the
 * job evaluating on one thread writes: the same cases moved, the same compact determinations, notices and audit
 * entries, the same counts, chunk after chunk in order; and the audit chain verifies.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { seedStore } from '../../bench/seed-store.ts';
import type { Program } from '../../engine/index.ts';
import { verifyStoreChain } from '../../runtime/cli/audit.ts';
import { loadProgramFolder } from '../../runtime/fs/program-folder.ts';
import type { ServiceContext } from '../../runtime/services/context.ts';
import { jobSettled, startRedetermination } from '../../runtime/services/redetermination.ts';
import { openStore } from '../../runtime/store/index.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mandate-redetermination-pipeline-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const doc = (d: string) => loadProgramFolder(path.resolve(import.meta.dirname, '../..', d)).versions[0].doc as unknown as Program;

/** Runs the job over a copy of the seeded store; `evalWorkers` null: on this thread, else in a worker thread with that many evaluation workers. */
async function runOn(seeded: string, name: string, evalWorkers: number | null) {
  const file = path.join(dir, `${name}.db`);
  fs.copyFileSync(seeded, file);
  const config = { sqlitePath: file };
  const store = await openStore(config);
  const ctx: ServiceContext = {
    store,
    now: () => new Date(),
    log: pino({ level: 'silent' }),
    sessionHours: 1,
    redeterminationChunk: 40,
    ...(evalWorkers === null ? {} : { storeConfig: config, redeterminationWorkers: evalWorkers }),
  };
  const job = await startRedetermination(ctx, null, 'us-snap', 5, 'on-demand');
  await jobSettled(ctx, job.id);
  const record = await store.getJob(job.id);
  const chain = await verifyStoreChain(store);
  await store.close();
  const db = new Database(file, { readonly: true });
  const cases = db.prepare('SELECT id, version, revision FROM cases ORDER BY id').all();
  const determinations = db
    .prepare(`SELECT case_id, kind, applied, result FROM determinations WHERE kind = 'redetermination' ORDER BY case_id`)
    .all() as { result: string }[];
  const notices = db.prepare('SELECT case_id, text FROM messages ORDER BY case_id').all();
  const audit = db.prepare(`SELECT entity_id, details FROM audit WHERE action = 'determination.redetermine' ORDER BY seq`).all() as {
    details: string;
  }[];
  db.close();
  return {
    status: record?.status,
    counts: record?.counts,
    chain,
    cases,
    determinations,
    notices,
    // The job's id differs between the two runs; the rest of each entry is the same, in the same order.
    audit: audit.map((a) => ({ ...a, details: { ...JSON.parse(a.details), jobId: null } })),
  };
}

describe('re-determination with evaluation workers', () => {
  it('writes what the one-thread job writes, in the same order, the audit chain verifying', async () => {
    const seeded = path.join(dir, 'seeded.db');
    await seedStore({
      path: seeded,
      count: 600,
      seed: 7,
      versions: [
        { doc: doc('programs/us-snap/fy2025'), status: 'published' },
        { doc: doc('programs/us-snap/fy2026'), status: 'published' },
      ],
      caseVersion: 4,
      asOf: '2025-09-15',
      households: { missingRate: 0.03, invalidRate: 0.01 },
    });
    const alone = await runOn(seeded, 'alone', null);
    const piped = await runOn(seeded, 'piped', 2);
    expect(alone.status).toBe('done');
    expect(piped.status).toBe('done');
    expect(alone.counts!.changed).toBeGreaterThan(60);
    expect(alone.counts!.unchanged).toBeGreaterThan(60);
    expect(alone.counts!.skippedDecided).toBeGreaterThan(60);
    expect(piped.counts).toEqual(alone.counts);
    expect(alone.chain.ok).toBe(true);
    expect(piped.chain.ok).toBe(true);
    expect(piped.cases).toEqual(alone.cases);
    expect(piped.determinations).toEqual(alone.determinations);
    expect(piped.determinations.length).toBe(alone.counts!.changed);
    expect(piped.notices).toEqual(alone.notices);
    expect(piped.audit).toEqual(alone.audit);
    expect(piped.audit.length).toBe(alone.counts!.changed);
  }, 120_000);
});
