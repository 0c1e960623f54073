/**
 * The impact preview read by the workers themselves (each its own read-only connection to the SQLite file, ranges
 * of case ids handed out by the main thread), and population files read by the workers in byte ranges: over a few
 * thousand mixed stored cases (complete, needing more information, invalid, one whose stored answers are not JSON)
 * the totals equal the sums of per-case `evaluate` differences and the summary equals the main thread's pages and
 * `impact` in one process; a file's ranges give the streaming reader's summary and problems, and a CSV file with a
 * quoted newline falls back to it.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile, contentHash, evaluate, impact, type Determination, type Program } from '../../engine/index.ts';
import { loadProgramFolder } from '../../runtime/fs/program-folder.ts';
import { createSqliteStore } from '../../runtime/store/sqlite/sqlite-store.ts';
import type { ImpactRunOptions } from '../../runtime/workers/impact-protocol.ts';
import {
  caseloadChunks,
  fileRangeChunks,
  populationChunks,
  runImpact,
  runImpactOverFile,
  storeRangeChunks,
} from '../../runtime/workers/impact-run.ts';
import { ImpactPool } from '../../runtime/workers/pool.ts';
import { households, householdsCsv } from '../../bench/households.ts';
import { seedStore } from '../../bench/seed-store.ts';

const doc = (dir: string) =>
  loadProgramFolder(path.resolve(import.meta.dirname, '../../programs/us-snap', dir)).versions[0].doc as unknown as Program;
const fy2025 = doc('fy2025');
const fy2026 = doc('fy2026');
const before = compile(fy2025).compiled!;
const after = compile(fy2026).compiled!;
const versions = { before: { doc: fy2025, hash: contentHash(fy2025) }, after: { doc: fy2026, hash: contentHash(fy2026) } };
const asOf = '2025-10-15';
const options: ImpactRunOptions = { asOf, by: undefined, sampleSize: 3, partial: false };
const reference = (list: unknown[]) => JSON.parse(JSON.stringify(impact(before, after, list, options)));
const STATES = ['submitted', 'interview-scheduled', 'documents-requested', 'documents-received'];
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

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mandate-impact-ranges-'));
const pool = new ImpactPool(2);
const storePath = path.join(dir, 'cases.db');
let brokenCase = '';
afterAll(async () => {
  await pool.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
beforeAll(async () => {
  await seedStore({
    path: storePath,
    count: 3000,
    seed: 12,
    versions: [{ doc: fy2025, status: 'published' }],
    caseVersion: 4,
    asOf: '2025-09-15',
    households: { missingRate: 0.05, invalidRate: 0.01 },
  });
  // One case whose stored answers are not JSON (an import gone wrong): invalid under both versions, and reported.
  const db = new Database(storePath);
  const row = db.prepare(`SELECT id, application_id FROM cases WHERE state = 'submitted' ORDER BY id LIMIT 1 OFFSET 40`).get() as {
    id: string;
    application_id: string;
  };
  db.prepare(`UPDATE applications SET answers = '{"members": [' WHERE id = ?`).run(row.application_id);
  db.close();
  brokenCase = row.id;
});

type Status = 'eligible' | 'ineligible' | 'needs-more-information' | 'invalid';
const statusOf = (d: Determination | null): Status => (d === null || d.inputErrors.length > 0 ? 'invalid' : d.eligibility);
const cents = (d: Determination | null) =>
  d && statusOf(d) === 'eligible' ? Math.round((d.benefits.find((b) => b.id === 'allotment')?.amount ?? 0) * 100) : 0;

describe('impact over stored cases read by the workers', () => {
  it('equals the sums of per-case evaluate differences, the main thread pages and impact in one process', async () => {
    const store = createSqliteStore(storePath);
    const rows = await store.readCaseload({ programId: 'us-snap', states: STATES, limit: 10_000 });
    const filter = { programId: 'us-snap', states: STATES };
    // Ranges of 97 case ids of every state: many hold fewer cases of these states, some none.
    const fromRanges = await runImpact({ pool, ...versions, options, chunks: storeRangeChunks(storePath, filter, 97) });
    const fromPages = await runImpact({ pool, ...versions, options, chunks: caseloadChunks(store, filter, 250) });
    await store.close();
    if (fromRanges === 'cancelled' || fromPages === 'cancelled') throw new Error('cancelled');

    const transitions: Record<string, number> = {};
    let yearlyBefore = 0;
    let yearlyAfter = 0;
    const answers: unknown[] = [];
    for (const r of rows) {
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(r.answers);
      } catch {}
      answers.push(parsed);
      const a = parsed === null ? null : evaluate(before, parsed, { asOf });
      const b = parsed === null ? null : evaluate(after, parsed, { asOf });
      const key = `${statusOf(a)}→${statusOf(b)}`;
      transitions[key] = (transitions[key] ?? 0) + 1;
      yearlyBefore += cents(a) * 12;
      yearlyAfter += cents(b) * 12;
    }
    // A few thousand mixed cases: every status occurs.
    expect(rows.length).toBeGreaterThan(2000);
    for (const s of ['eligible', 'ineligible', 'needs-more-information', 'invalid']) expect(transitions[`${s}→${s}`]).toBeGreaterThan(0);
    const summary = fromRanges.summary;
    expect(summary.households).toBe(rows.length);
    expect(summary.transitions).toEqual(transitions);
    expect(summary.benefits.allotment.yearlyCentsBefore).toBe(yearlyBefore);
    expect(summary.benefits.allotment.yearlyCentsAfter).toBe(yearlyAfter);
    expect(summary).toEqual(fromPages.summary);
    expect(summary).toEqual(reference(answers));
    // The case whose answers are not JSON is named, at its place in the stream, as the main thread's pages name it.
    const at = rows.findIndex((r) => r.caseId === brokenCase);
    expect(fromRanges.problems).toEqual([
      { line: at + 1, key: 'impact.problem.case-json', params: { caseId: brokenCase, detail: expect.any(String) } },
    ]);
    expect(fromRanges.problems).toEqual(fromPages.problems);
  });
});

describe('impact over a population file read by the workers in byte ranges', () => {
  const mixed = households(3000, 13, { missingRate: 0.03, invalidRate: 0.003 });

  it("JSON Lines and CSV give the streaming reader's summary and problems, lines numbered in the file", async () => {
    const lines = mixed.map((h) => JSON.stringify(h));
    lines[1234] = 'not json';
    const jsonl = path.join(dir, 'h.jsonl');
    fs.writeFileSync(jsonl, `${lines.join('\n')}\n\n`);
    const csvRows = householdsCsv(mixed, columns).split('\n');
    csvRows[2001] = `${csvRows[2001]},extra`; // household 2000, on line 2002
    csvRows[12] = csvRows[12].replace(/\]",[^,]*,/, ']",twelve,'); // household 11's rent, on line 13
    const csv = path.join(dir, 'h.csv');
    fs.writeFileSync(csv, csvRows.join('\r\n'));
    for (const [file, format] of [
      [jsonl, 'jsonl'],
      [csv, 'csv'],
    ] as const) {
      const streamed = await runImpact({
        pool,
        ...versions,
        options,
        chunks: populationChunks(fs.createReadStream(file), format, { chunkChars: 50_000 }),
      });
      // Ranges of 64 kB: cut anywhere in a line, many of them.
      const ranged = await runImpactOverFile({ pool, ...versions, options }, file, format, 65_536);
      if (streamed === 'cancelled' || ranged === 'cancelled') throw new Error('cancelled');
      expect(ranged.summary.households).toBe(3000);
      expect(ranged.summary).toEqual(streamed.summary);
      expect(ranged.problems).toEqual(streamed.problems);
      expect(ranged.problems.length).toBeGreaterThan(0);
    }
  });

  it('a CSV file with a quoted newline is read by csv-parse, with the same figures as the stream', async () => {
    const text = householdsCsv(mixed.slice(0, 500), columns);
    const rows = text.split('\n');
    // A members cell with a newline inside its JSON (legal in CSV and in JSON).
    rows[300] = rows[300].replace('},{', '},\n{');
    expect(rows[300]).toContain('\n');
    const csv = path.join(dir, 'quoted.csv');
    fs.writeFileSync(csv, rows.join('\n'));
    // The fast reader refuses the file (it would read the cell's second line as a record of its own) ...
    await expect(runImpact({ pool, ...versions, options, chunks: fileRangeChunks(csv, 'csv', 65_536) })).rejects.toMatchObject({ fallback: true });
    // ... so the streaming reader reads it.
    const ranged = await runImpactOverFile({ pool, ...versions, options }, csv, 'csv', 65_536);
    const streamed = await runImpact({ pool, ...versions, options, chunks: populationChunks(Readable.from([fs.readFileSync(csv)]), 'csv') });
    if (streamed === 'cancelled' || ranged === 'cancelled') throw new Error('cancelled');
    expect(ranged.summary.households).toBe(500);
    expect(ranged.summary).toEqual(streamed.summary);
    expect(ranged.problems).toEqual([]);
  });
});
