/**
 * Impact preview benchmark over stored cases and population files, on the worker pool (runtime/workers/):
 *
 * - over BENCH_IMPACT_STORE_CASES stored SNAP cases (default 100,000; seeded by bench/seed-store.ts, decided under
 *   FY2025, FY2026 as the draft), every case read by keyset pages, parsed and compared in the workers, against
 *   today's per-case path measured in the same run: `redeterminePending` over a store of BENCH_IMPACT_STORE_BASELINE
 *   cases (default 5,000) — target ≥ 50× its cases per second;
 * - with BENCH_FULL=1, the same over 1,000,000 stored cases (target ≤ 30 s), and population files of 1,000,000
 *   households as JSON Lines and as CSV (target ≤ 10 s each); without it, files of 200,000 households (figures
 *   printed, no target).
 *
 * Each run (bench/impact-store-run.ts, in a process of its own, after warming its pool up) prints its wall time,
 * where the time went (reading on the main thread; parsing and the engine, summed over the workers) and the peak RSS
 * of its process (workers included), which stays flat in the number of cases. Seeded stores are kept in BENCH_IMPACT_STORE_DIR (default: a folder in the system's temporary
 * folder) and reused by later runs. The 1,000,000-case store is ten copies of the 100,000 seeded cases with new ids
 * (`replicateStore`: rows of the real size and shape, households repeated), about 10 GB: seeding it through
 * `evaluate` took most of an hour on this shared 2-core machine.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import type { Program } from '../engine/index.ts';
import { loadProgramFolder } from '../runtime/fs/program-folder.ts';
import { redeterminePending } from '../runtime/services/cases.ts';
import type { ServiceContext } from '../runtime/services/context.ts';
import { createSqliteStore } from '../runtime/store/sqlite/sqlite-store.ts';
import { workerCount } from '../runtime/workers/pool.ts';
import { households, householdsCsv } from './households.ts';
import { replicateStore, seedStore, type SeedVersion } from './seed-store.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const AS_OF = '2025-10-15';
const SEEDED_ON = '2025-09-15';
const SNAP = 'us-snap';
/** Stores larger than this are copies of a seeded store of this size (`replicateStore`). */
const REPLICATE_ABOVE = 100_000;

function doc(dir: string): Program {
  return loadProgramFolder(path.join(ROOT, 'programs/us-snap', dir)).versions[0].doc as unknown as Program;
}

/** The folder of seeded stores kept between runs. */
export function benchDir(): string {
  const dir = process.env.BENCH_IMPACT_STORE_DIR ?? path.join(os.tmpdir(), 'mandate-bench-impact-store');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * A SQLite store of `count` seeded SNAP cases decided under FY2025, with FY2026 as the draft (`published`: FY2026
 * published instead, for the per-case path); reused when a complete one is already in the bench folder.
 */
export async function seededStore(count: number, fy2026: SeedVersion['status'] = 'draft'): Promise<string> {
  const file = path.join(benchDir(), `cases-${count}-${fy2026}.db`);
  const done = `${file}.complete`;
  if (fs.existsSync(done) && fs.existsSync(file)) return file;
  for (const f of [file, `${file}-wal`, `${file}-shm`, done]) fs.rmSync(f, { force: true });
  const started = performance.now();
  if (count > REPLICATE_ABOVE && count % REPLICATE_ABOVE === 0) {
    // Seeding through evaluate takes most of an hour for 1,000,000 cases on this machine: copy a seeded store's rows.
    fs.copyFileSync(await seededStore(REPLICATE_ABOVE, fy2026), file);
    replicateStore(file, count / REPLICATE_ABOVE);
    fs.writeFileSync(done, new Date().toISOString());
    console.log(
      `    made ${count.toLocaleString('en-US')} cases (${count / REPLICATE_ABOVE} copies of ${REPLICATE_ABOVE.toLocaleString('en-US')} seeded ones) in ${((performance.now() - started) / 1000).toFixed(0)} s (${(fs.statSync(file).size / count / 1024).toFixed(1)} kB per case)`,
    );
    return file;
  }
  await seedStore({
    path: file,
    count,
    seed: 20251015,
    versions: [
      { doc: doc('fy2025'), status: 'published' },
      { doc: doc('fy2026'), status: fy2026 },
    ],
    caseVersion: 4,
    asOf: SEEDED_ON,
    households: { missingRate: 0.01, invalidRate: 0.001 },
    batch: 10_000,
    progress: (n) => {
      if (n % 100_000 === 0) console.log(`    seeded ${n.toLocaleString('en-US')} cases (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    },
  });
  fs.writeFileSync(done, new Date().toISOString());
  console.log(
    `    seeded ${count.toLocaleString('en-US')} cases into ${file} in ${((performance.now() - started) / 1000).toFixed(0)} s (${(fs.statSync(file).size / count / 1024).toFixed(1)} kB per case)`,
  );
  return file;
}

/** What one run measured (bench/impact-store-run.ts, in a process of its own). */
interface Measured {
  households: number;
  seconds: number;
  timings: { readMs: number; parseMs: number; engineMs: number; wallMs: number };
  workers: number;
  /** The run's process at its peak, workers included (bytes). */
  peakRss: number;
  /** The main thread's heap at its peak (bytes). */
  peakHeap: number;
  /** CPU seconds of the process (all threads) during the run. */
  cpuSeconds: number;
  annualChange: number;
}

/** Runs one measurement in a child process (so its peak RSS is its own) and returns what it printed. */
function measure(kind: 'store' | 'jsonl' | 'csv', file: string): Measured {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/impact-store-run.ts'), kind, file], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !line.startsWith('{'))
    throw new Error(`bench/impact-store-run.ts ${kind} ${file} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  return JSON.parse(line) as Measured;
}

const n = (x: number) => Math.round(x).toLocaleString('en-US');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function report(name: string, m: Measured): void {
  const t = m.timings;
  console.log(
    `  ${name.padEnd(44)} ${n(m.households / m.seconds).padStart(9)} /s  ${m.seconds.toFixed(1).padStart(6)} s  peak RSS ${mb(m.peakRss)}, main heap ${mb(m.peakHeap)}  (read ${(t.readMs / 1000).toFixed(1)} s on the main thread; parse ${(t.parseMs / 1000).toFixed(1)} s, engine ${(t.engineMs / 1000).toFixed(1)} s over ${m.workers} workers; CPU ${((m.cpuSeconds * 1e6) / m.households).toFixed(1)} µs per household, load average ${os.loadavg()[0].toFixed(1)})`,
  );
}

/** What bounds a run: the main thread's reading, or the workers' parse + engine shared over the cores. */
function bound(m: Measured): string {
  const t = m.timings;
  const workers = (t.parseMs + t.engineMs) / m.workers;
  return t.readMs > workers
    ? `reading on the main thread (${(t.readMs / 1000).toFixed(1)} s of ${m.seconds.toFixed(1)} s)`
    : `the workers (parse ${(t.parseMs / 1000).toFixed(1)} s + engine ${(t.engineMs / 1000).toFixed(1)} s over ${m.workers} of them)`;
}

/** Runs the benchmark; true when the targets it checks are met. */
export async function run(): Promise<boolean> {
  const full = process.env.BENCH_FULL === '1';
  const cases = Number(process.env.BENCH_IMPACT_STORE_CASES ?? 100_000);
  const baselineCases = Number(process.env.BENCH_IMPACT_STORE_BASELINE ?? 5_000);
  console.log(
    `impact-store benchmark: us-snap FY2026 (draft) against FY2025 on ${AS_OF}, ${workerCount()} workers, each run in a process of its own after a warm-up${full ? '' : ' (BENCH_FULL=1 for the 1,000,000 runs)'}`,
  );
  let ok = true;

  // Today's per-case path, on a store of its own (it writes a re-determination per case).
  const baselineFile = await seededStore(baselineCases, 'published');
  const copy = path.join(benchDir(), `baseline-run-${process.pid}.db`);
  fs.copyFileSync(baselineFile, copy);
  const baselineStore = createSqliteStore(copy);
  const ctx: ServiceContext = { store: baselineStore, now: () => new Date(`${AS_OF}T12:00:00Z`), log: pino({ level: 'silent' }), sessionHours: 12 };
  const t0 = performance.now();
  const moved = await redeterminePending(ctx, null, SNAP, doc('fy2026').version);
  const baselineSeconds = (performance.now() - t0) / 1000;
  await baselineStore.close();
  for (const f of [copy, `${copy}-wal`, `${copy}-shm`]) fs.rmSync(f, { force: true });
  const baselineRate = moved.count / baselineSeconds;
  console.log(
    `  ${'today: redeterminePending, case by case'.padEnd(40)} ${n(baselineRate).padStart(9)} /s  ${baselineSeconds.toFixed(1).padStart(6)} s  (${n(moved.count)} pending cases of a ${n(baselineCases)}-case store)`,
  );

  const m100 = measure('store', await seededStore(cases));
  report(`impact preview over ${n(cases)} stored cases`, m100);
  const ratio = m100.households / m100.seconds / baselineRate;
  console.log(`  impact preview / per-case path = ${ratio.toFixed(0)}× (target ≥ 50×: ${ratio >= 50 ? 'met' : 'NOT met'}); bound by ${bound(m100)}`);
  if (ratio < 50) ok = false;

  if (full) {
    const m1m = measure('store', await seededStore(1_000_000));
    report('impact preview over 1,000,000 stored cases', m1m);
    console.log(
      `  1,000,000 stored cases in ${m1m.seconds.toFixed(1)} s (target ≤ 30 s: ${m1m.seconds <= 30 ? 'met' : 'NOT met'}); bound by ${bound(m1m)}`,
    );
    console.log(
      `  peak RSS ${mb(m100.peakRss)} over ${n(cases)} cases, ${mb(m1m.peakRss)} over 1,000,000 (×${(m1m.peakRss / m100.peakRss).toFixed(2)}); main heap ${mb(m100.peakHeap)} and ${mb(m1m.peakHeap)}`,
    );
    if (m1m.seconds > 30) ok = false;
  }

  const people = full ? 1_000_000 : 200_000;
  const dir = fs.mkdtempSync(path.join(benchDir(), 'population-'));
  try {
    const jsonl = path.join(dir, 'households.jsonl');
    const csv = path.join(dir, 'households.csv');
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
    // Written in batches: a 1,000,000-household file is longer than the longest string V8 makes.
    fs.writeFileSync(jsonl, '');
    fs.writeFileSync(csv, `${columns.join(',')}\n`);
    for (let from = 0; from < people; from += 50_000) {
      const list = households(Math.min(50_000, people - from), 20251015 + from, { missingRate: 0.01, invalidRate: 0.001 });
      fs.appendFileSync(jsonl, `${list.map((h) => JSON.stringify(h)).join('\n')}\n`);
      fs.appendFileSync(csv, householdsCsv(list, columns).slice(columns.join(',').length + 1));
    }
    console.log(`    wrote ${n(people)} households: ${mb(fs.statSync(jsonl).size)} of JSON Lines, ${mb(fs.statSync(csv).size)} of CSV`);
    for (const [format, file] of [
      ['jsonl', jsonl],
      ['csv', csv],
    ] as const) {
      const m = measure(format, file);
      report(`population file, ${n(people)} households, ${format === 'csv' ? 'CSV' : 'JSON Lines'}`, m);
      if (full) {
        console.log(
          `  ${format}: 1,000,000 households in ${m.seconds.toFixed(1)} s (target ≤ 10 s: ${m.seconds <= 10 ? 'met' : 'NOT met'}); bound by ${bound(m)}`,
        );
        if (m.seconds > 10) ok = false;
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return ok;
}
