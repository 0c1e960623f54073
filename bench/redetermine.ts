/**
 * Mass re-determination benchmark (issue 12): `npm run bench -- redetermine` (or `npx tsx bench/redetermine.ts`).
 *
 * Stores are seeded with `bench/seed-store.ts` (SNAP cases decided under FY2025, version 4, with their initial
 * determinations compact, as the runtime stores them since issue 12, or with `BENCH_DETERMINATIONS=full` in full, as
 * stores written before compaction hold them; FY2026, version 5, published too); a store of more than 100,000 cases
 * is 100,000 seeded cases copied with new ids (`replicateStore`). Then, in the same run:
 * 1. BASELINE, today's per-case path on a small store (`BENCH_BASE_CASES`, default 5,000): `redeterminePending`
 *    (the pending cases listed with OFFSET paging, each re-determined with `redetermineCase`: a traced `evaluate`,
 *    one transaction per case), in-process, timed.
 * 2. THE JOB at two sizes (`BENCH_SMALL_CASES`, default 20,000; `BENCH_LARGE_CASES`, default 200,000, or 1,000,000
 *    with `BENCH_FULL=1`): the real server (`mandate serve`, its own process) started on the seeded folder,
 *    `POST …/versions/5/redetermine-pending` (202), the job followed to its end, while `/api/health` is asked every
 *    20 ms; the job's time (its record's start and end), the health p99, and the server process's peak RSS (VmHWM).
 * Prints rates, their ratio to the baseline, the health p99, the peak RSS at both sizes, and the stored bytes per
 * determination before (full, with trace) and after (compact). Targets: 1,000,000 cases within 180 s (checked
 * with BENCH_FULL=1; otherwise the large run's rate is compared with the rate the target needs), health p99 ≤ 50 ms,
 * peak RSS flat (large ≤ 1.5 × small). `BENCH_SEED_DIR=<folder>` keeps the seeded stores there between runs.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { Program } from '../engine/index.ts';
import { loadProgramFolder } from '../runtime/fs/program-folder.ts';
import { redeterminePending } from '../runtime/services/cases.ts';
import type { ServiceContext } from '../runtime/services/context.ts';
import { openStore } from '../runtime/store/index.ts';
import { ADMIN, spawnServer, stopServer } from '../tests/runtime/contract/server-child.ts';
import { replicateStore, seedStore } from './seed-store.ts';

/** 1,000,000 cases within 3 minutes. */
const TARGET_RATE = 1_000_000 / 180;
const TARGET_P99_MS = 50;
const TARGET_RSS_RATIO = 1.5;

const count = (name: string, fallback: number) => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new Error(`${name}: "${raw}" is not a whole number; set it like ${name}=${fallback}.`);
  return Number(raw);
};

const versionDoc = (dir: string) => loadProgramFolder(dir).versions[0].doc as unknown as Program;

/** What the seeded initial determinations are stored as (`BENCH_DETERMINATIONS`: compact, the default, or full). */
const DETERMINATIONS: 'compact' | 'full' = process.env.BENCH_DETERMINATIONS === 'full' ? 'full' : 'compact';

/** Seeded stores above this size are this many cases seeded, then copied with new ids (`replicateStore`). */
const SEED_UNIT = 100_000;

/**
 * A fresh folder with a seeded `mandate.db` of `n` cases (above `SEED_UNIT`: that many seeded, then replicated).
 * With `BENCH_SEED_DIR`, each size is made once into that folder and copied for every run.
 */
export async function seeded(n: number): Promise<string> {
  if (n > SEED_UNIT && n % SEED_UNIT === 0) {
    const cacheDir = process.env.BENCH_SEED_DIR;
    const cached = cacheDir ? join(cacheDir, `snap-${n}-${DETERMINATIONS}.db`) : null;
    if (cached && existsSync(cached)) {
      const dir = mkdtempSync(join(tmpdir(), 'mandate-redetermine-'));
      copyFileSync(cached, join(dir, 'mandate.db'));
      return dir;
    }
    const dir = await seeded(SEED_UNIT);
    const started = performance.now();
    replicateStore(join(dir, 'mandate.db'), n / SEED_UNIT);
    console.log(`  replicated to ${n.toLocaleString('en-US')} cases in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    if (cached) {
      mkdirSync(cacheDir!, { recursive: true });
      copyFileSync(join(dir, 'mandate.db'), cached);
    }
    return dir;
  }
  const dir = mkdtempSync(join(tmpdir(), 'mandate-redetermine-'));
  const cacheDir = process.env.BENCH_SEED_DIR;
  const cached = cacheDir ? join(cacheDir, `snap-${n}-${DETERMINATIONS}.db`) : null;
  if (cached && existsSync(cached)) {
    copyFileSync(cached, join(dir, 'mandate.db'));
    return dir;
  }
  const started = performance.now();
  await seedStore({
    path: join(dir, 'mandate.db'),
    count: n,
    versions: [
      { doc: versionDoc('programs/us-snap/fy2025'), status: 'published' },
      { doc: versionDoc('programs/us-snap/fy2026'), status: 'published' },
    ],
    caseVersion: 4,
    asOf: '2025-09-15',
    determinations: DETERMINATIONS,
    progress: (done) => {
      if (done % 100_000 === 0) console.log(`  seeding: ${done.toLocaleString('en-US')} of ${n.toLocaleString('en-US')}`);
    },
  });
  console.log(`  seeded ${n.toLocaleString('en-US')} cases in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (cached) {
    mkdirSync(cacheDir!, { recursive: true });
    copyFileSync(join(dir, 'mandate.db'), cached);
  }
  return dir;
}

/** Today's path: the pending cases by OFFSET pages, each re-determined and stored in its own transaction. */
async function baseline(n: number): Promise<{ rate: number; cpuPerCase: number }> {
  const dir = await seeded(n);
  const store = await openStore({ dataDir: dir });
  const ctx: ServiceContext = { store, now: () => new Date(), log: pino({ level: 'silent' }), sessionHours: 1 };
  try {
    const started = performance.now();
    const cpu = process.cpuUsage();
    await redeterminePending(ctx, null, 'us-snap', 5);
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    // Rate over every case of the store, as the job's rate is (the job reads decided cases too).
    return { rate: n / seconds, cpuPerCase: (used.user + used.system) / n };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface JobRun {
  cases: number;
  seconds: number;
  rate: number;
  healthP99: number;
  healthMax: number;
  healthSamples: number;
  peakRssMb: number;
  /** CPU seconds the server process used during the job (all threads): what the job costs whatever the load. */
  cpuSeconds: number;
  /** CPU seconds of the job's own thread (reading, writing), and of each of its evaluation workers. */
  jobThreadCpuSeconds: number;
  evalThreadsCpuSeconds: number[];
  counts: Record<string, number>;
  fullBytes: number;
  compactBytes: number;
  storeBytesPerCase: number;
}

/** CPU seconds a process has used (user + system, all its threads), from /proc (clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU clock ticks (1/100 s, user + system) of each live thread of a process, by thread id. */
function threadTicks(pid: number): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const fields = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks.set(Number(tid), Number(fields[11]) + Number(fields[12]));
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return ticks;
}

/**
 * Follows the CPU time of the threads a process starts after `watch()` (sampled every 100 ms: a worker's thread
 * leaves /proc when it ends, so its last sample counts); `threads()` lists them in the order they started (thread
 * ids grow), as CPU seconds.
 */
function threadWatch(pid: number) {
  const existing = new Set(threadTicks(pid).keys());
  const last = new Map<number, number>();
  const sample = () => {
    for (const [tid, ticks] of threadTicks(pid)) if (!existing.has(tid)) last.set(tid, ticks);
  };
  const timer = setInterval(sample, 100);
  return {
    threads(): number[] {
      clearInterval(timer);
      sample();
      return [...last.entries()].sort((a, b) => a[0] - b[0]).map(([, ticks]) => ticks / 100);
    },
  };
}

function peakRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** The job through the real server on a seeded store of `n` cases, with `/api/health` polled meanwhile. */
async function job(n: number): Promise<JobRun> {
  const dir = await seeded(n);
  const storeBytes = statSync(join(dir, 'mandate.db')).size;
  const server = await spawnServer(dir);
  try {
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const { token } = (await login.json()) as { token: string };
    const auth = { authorization: `Bearer ${token}` };
    const latencies: number[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const t = performance.now();
        const res = await fetch(`${server.url}/api/health`);
        await res.arrayBuffer();
        latencies.push(performance.now() - t);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const cpuBefore = cpuSeconds(server.child.pid!);
    const watch = threadWatch(server.child.pid!);
    const started = await fetch(`${server.url}/api/programs/us-snap/versions/5/redetermine-pending`, { method: 'POST', headers: auth });
    if (started.status !== 202) throw new Error(`redetermine-pending answered ${started.status}: ${await started.text()}`);
    const { id } = (await started.json()) as { id: string };
    let record: { status: string; startedAt: string; updatedAt: string; finishedAt: string | null; counts: Record<string, number> };
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      record = (await (await fetch(`${server.url}/api/redetermination-jobs/${id}`, { headers: auth })).json()) as typeof record;
      if (record.status !== 'running') break;
    }
    polling = false;
    await poller;
    if (record.status !== 'done') throw new Error(`The job ended ${record.status}: ${JSON.stringify(record)}`);
    const rss = peakRss(server.child.pid!);
    const cpu = cpuSeconds(server.child.pid!) - cpuBefore;
    // The threads started during the job: first its own (reads and writes the chunks), then its evaluation workers
    // (and any the thread pool started); threads that barely ran (under 2% of the job's CPU) are left out.
    const [jobThread = 0, ...evalThreads] = watch.threads().filter((t) => t >= cpu * 0.02);
    const seconds = (Date.parse(record.finishedAt!) - Date.parse(record.startedAt)) / 1000;
    latencies.sort((a, b) => a - b);
    await stopServer(server, 'SIGTERM');
    const db = new Database(join(dir, 'mandate.db'), { readonly: true });
    const sizes = db
      .prepare(
        `SELECT (result ->> '$.format') = 'compact-1' AS compact, AVG(LENGTH(CAST(result AS BLOB))) AS bytes, COUNT(*) AS n
         FROM determinations GROUP BY 1`,
      )
      .all() as { compact: number; bytes: number; n: number }[];
    db.close();
    const fullBytes = sizes.find((s) => !s.compact)?.bytes ?? 0;
    const compactBytes = sizes.find((s) => s.compact)?.bytes ?? 0;
    return {
      cases: n,
      seconds,
      rate: n / seconds,
      healthP99: latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))],
      healthMax: latencies.at(-1)!,
      healthSamples: latencies.length,
      peakRssMb: rss,
      cpuSeconds: cpu,
      jobThreadCpuSeconds: jobThread,
      evalThreadsCpuSeconds: evalThreads,
      counts: record.counts,
      fullBytes,
      compactBytes,
      // The seeded store per case, and the same with each full determination replaced by a compact one.
      storeBytesPerCase: storeBytes / n,
    };
  } finally {
    await stopServer(server, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

const f = (v: number, digits = 0) => v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Runs the benchmark; true when its targets are met. */
export async function run(): Promise<boolean> {
  const full = process.env.BENCH_FULL === '1';
  const baseCases = count('BENCH_BASE_CASES', 5_000);
  const smallCases = count('BENCH_SMALL_CASES', 20_000);
  const largeCases = count('BENCH_LARGE_CASES', full ? 1_000_000 : 200_000);

  console.log(
    `stores seeded with ${DETERMINATIONS} initial determinations; evaluation workers: ${process.env.MANDATE_REDETERMINATION_WORKERS || (availableParallelism() >= 2 ? '1, the default on 2 cores or more' : '0, the default on one core')} (MANDATE_REDETERMINATION_WORKERS)`,
  );
  console.log(`baseline (today's per-case path) on ${f(baseCases)} cases:`);
  const base = await baseline(baseCases);
  const baseRate = base.rate;
  console.log(
    `  ${f(baseRate)} cases/s, CPU ${f(base.cpuPerCase)} µs per case (load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores)`,
  );
  const runs: JobRun[] = [];
  for (const n of [smallCases, largeCases]) {
    console.log(`job on ${f(n)} cases (real server, /api/health every 20 ms):`);
    const r = await job(n);
    console.log(
      `  ${f(r.seconds, 1)} s, ${f(r.rate)} cases/s (${f(r.rate / baseRate, 1)}× the per-case path); health p99 ${f(r.healthP99, 1)} ms ` +
        `(max ${f(r.healthMax, 1)} ms, ${f(r.healthSamples)} samples); peak RSS ${f(r.peakRssMb)} MB; ` +
        `server CPU ${f(r.cpuSeconds, 1)} s (${f((r.cpuSeconds * 1e6) / n)} µs per case, ${f(base.cpuPerCase / ((r.cpuSeconds * 1e6) / n), 1)}× less than the per-case path); ` +
        `the job's thread ${f((r.jobThreadCpuSeconds * 1e6) / n)} µs per case${r.evalThreadsCpuSeconds.length ? `, the threads started after it (its evaluation workers, the thread pool's fsyncs) ${r.evalThreadsCpuSeconds.map((t) => f((t * 1e6) / n)).join(' + ')}` : ''}; load average ${loadavg()[0].toFixed(1)}; ${JSON.stringify(r.counts)}`,
    );
    runs.push(r);
  }
  const [small, large] = runs;
  const saved = large.fullBytes - large.compactBytes;
  console.log(
    large.fullBytes > 0
      ? `stored determination: ${f(large.fullBytes)} bytes in full (trace included) → ${f(large.compactBytes)} bytes compact ` +
          `(${f(large.fullBytes / Math.max(1, large.compactBytes), 1)}× smaller); seeded store ${f(large.storeBytesPerCase)} bytes per case, ` +
          `about ${f(large.storeBytesPerCase - saved)} with compact determinations`
      : `stored determination: ${f(large.compactBytes)} bytes compact; seeded store ${f(large.storeBytesPerCase)} bytes per case`,
  );
  const rssRatio = large.peakRssMb / small.peakRssMb;
  const timeOk = full ? large.seconds <= 180 : large.rate >= TARGET_RATE;
  const p99Ok = runs.every((r) => r.healthP99 <= TARGET_P99_MS);
  const rssOk = rssRatio <= TARGET_RSS_RATIO;
  console.log(
    `${timeOk ? 'PASS' : 'FAIL'} ${full ? `1,000,000 cases in ${f(large.seconds, 1)} s (target ≤ 180 s)` : `rate ${f(large.rate)} cases/s on ${f(large.cases)} (1,000,000 in 180 s needs ${f(TARGET_RATE)}; BENCH_FULL=1 runs it)`}`,
  );
  console.log(`${p99Ok ? 'PASS' : 'FAIL'} /api/health p99 ${runs.map((r) => `${f(r.healthP99, 1)} ms`).join(', ')} (target ≤ ${TARGET_P99_MS} ms)`);
  console.log(
    `${rssOk ? 'PASS' : 'FAIL'} peak RSS ${f(small.peakRssMb)} MB at ${f(small.cases)} cases, ${f(large.peakRssMb)} MB at ${f(large.cases)} (×${f(rssRatio, 2)}, target ≤ ×${TARGET_RSS_RATIO})`,
  );
  return timeOk && p99Ok && rssOk;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = (await run()) ? 0 : 1;
