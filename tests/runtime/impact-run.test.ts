/**
 * Impact on the worker pool over many small chunks (pages of a seeded store, pieces of JSON Lines and CSV files):
 * the merged summary equals the engine's `impact` over the same households in one process, sample indexes and
 * problem lines included, whatever the chunk size; an empty source gives the summary of no households; an abort
 * stops a run waiting for its source.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile, contentHash, impact, type Program } from '../../engine/index.ts';
import { loadProgramFolder } from '../../runtime/fs/program-folder.ts';
import { createSqliteStore } from '../../runtime/store/sqlite/sqlite-store.ts';
import type { ImpactRunOptions } from '../../runtime/workers/impact-protocol.ts';
import { caseloadChunks, populationChunks, runImpact } from '../../runtime/workers/impact-run.ts';
import { ImpactPool } from '../../runtime/workers/pool.ts';
import { households, householdsCsv } from '../../bench/households.ts';
import { seedStore } from '../../bench/seed-store.ts';

const doc = (dir: string) =>
  loadProgramFolder(path.resolve(import.meta.dirname, '../../programs/us-snap', dir)).versions[0].doc as unknown as Program;
const fy2025 = doc('fy2025');
const fy2026 = doc('fy2026');
const versions = { before: { doc: fy2025, hash: contentHash(fy2025) }, after: { doc: fy2026, hash: contentHash(fy2026) } };
const options: ImpactRunOptions = { asOf: '2025-10-15', by: undefined, sampleSize: 4, partial: false };
const reference = (list: unknown[]) => JSON.parse(JSON.stringify(impact(compile(fy2025).compiled!, compile(fy2026).compiled!, list, options)));
const columns = [
  'members',
  'rent',
  'utilities',
  'dependentCare',
  'childSupportPaid',
  'hasMedicalCosts',
  'medicalCosts',
  'assets',
  'receivesTanfOrSsi',
];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mandate-impact-run-'));
const pool = new ImpactPool(2);
const mixed = households(1000, 11, { missingRate: 0.03, invalidRate: 0.003 });
afterAll(async () => {
  await pool.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('runImpact over many chunks', () => {
  let storePath: string;
  beforeAll(async () => {
    storePath = path.join(dir, 'cases.db');
    await seedStore({
      path: storePath,
      count: 1000,
      seed: 11,
      versions: [{ doc: fy2025, status: 'published' }],
      caseVersion: 4,
      asOf: '2025-09-15',
      households: { missingRate: 0.03, invalidRate: 0.003 },
    });
  });

  it('over pages of 37 stored cases equals impact over the cases in id order', async () => {
    const store = createSqliteStore(storePath);
    const all = await store.readCaseload({ programId: 'us-snap', limit: 5000 });
    const result = await runImpact({ pool, ...versions, options, chunks: caseloadChunks(store, { programId: 'us-snap' }, 37) });
    await store.close();
    expect(result).not.toBe('cancelled');
    if (result === 'cancelled') return;
    expect(result.summary.households).toBe(1000);
    expect(result.summary).toEqual(reference(all.map((r) => JSON.parse(r.answers))));
    // The samples come from many chunks: their indexes are the stream's.
    expect(Math.max(...result.summary.samples.unchanged.map((s) => s.index))).toBeLessThan(1000);
  });

  it('over small pieces of JSON Lines and of CSV equals impact over the households, problems numbered by file line', async () => {
    const lines = mixed.map((h) => JSON.stringify(h));
    lines[500] = 'not json';
    const jsonl = `${lines.join('\n')}\n`;
    const list: unknown[] = mixed.map((h, i) => (i === 500 ? null : h));
    const fromJsonl = await runImpact({
      pool,
      ...versions,
      options,
      chunks: populationChunks(Readable.from([jsonl]), 'jsonl', { chunkChars: 20_000 }),
    });
    if (fromJsonl === 'cancelled') throw new Error('cancelled');
    expect(fromJsonl.summary).toEqual(reference(list));
    expect(fromJsonl.problems).toEqual([{ line: 501, key: 'impact.problem.json-syntax', params: { detail: expect.any(String) } }]);

    const csvRows = householdsCsv(mixed, columns).split('\n');
    csvRows[701] = `${csvRows[701]},extra`; // household 700, on line 702 (after the header)
    const csv = csvRows.join('\n');
    // Fed in pieces of 4 kB, so quoted cells (the members' JSON) are cut across pieces.
    const pieces = Array.from({ length: Math.ceil(csv.length / 4096) }, (_, i) => Buffer.from(csv.slice(i * 4096, (i + 1) * 4096)));
    const fromCsv = await runImpact({ pool, ...versions, options, chunks: populationChunks(Readable.from(pieces), 'csv', { chunkChars: 20_000 }) });
    if (fromCsv === 'cancelled') throw new Error('cancelled');
    expect(fromCsv.summary).toEqual(reference(mixed.map((h, i) => (i === 700 ? null : h))));
    expect(fromCsv.problems).toEqual([
      { line: 702, key: 'impact.problem.csv-record', params: { found: columns.length + 1, expected: columns.length } },
    ]);
  });

  it('gives the summary of no households for an empty source, and stops at once when aborted while waiting for bytes', async () => {
    const empty = await runImpact({ pool, ...versions, options, chunks: populationChunks(Readable.from([]), 'jsonl') });
    if (empty === 'cancelled') throw new Error('cancelled');
    expect(empty.summary).toEqual(reference([]));
    const source = new PassThrough();
    source.write(`${JSON.stringify(mixed[0])}\n`);
    const controller = new AbortController();
    const running = runImpact({ pool, ...versions, options, chunks: populationChunks(source, 'jsonl'), signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await running).toBe('cancelled');
    source.end();
  });
});
