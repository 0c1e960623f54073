/**
 * Load benchmark of the submit path: `npx tsx bench/load.ts [--store sqlite|postgres|both] [--amount N]
 * [--connections N] [--rounds N] [--json]`, or `npm run bench -- load [--store …]` (`MANDATE_BENCH_STORE` sets the
 * default store; without either, SQLite).
 *
 * Measures, on loopback, in the same run, on the chosen store:
 * 1. BASELINE: a bare Express route that only inserts the JSON body, running in its own process: into an SQLite file
 *    opened with the store's pragmas (WAL, synchronous=FULL), or into a table of a PostgreSQL database over a
 *    `pg` pool (a `jsonb` column, as the store keeps JSON), one transaction per insert.
 * 2. MANDATE: the real server (`mandate serve`, own process, that store, LOG_LEVEL=warn) answering
 *    `POST /api/applications/:id/submit` for SNAP applications prepared beforehand (started and filled, untimed):
 *    load the application and its program version, evaluate, and store application + case + determination +
 *    event + audit entry in one transaction.
 * The two run in alternating rounds (machine load drifts; both sides should see the same drift), each round timed
 * from its start to its last response. Prints the median requests/s of both with the rounds' spread, p99 latency,
 * the median per-round ratio (with its spread), each server's CPU time per request (read from `/proc`, so on Linux; a
 * figure that moves less with the machine's load than requests/s do) and PASS/FAIL against the target (≥ 80% of baseline). `measureLoad()` returns
 * the numbers; `run()` prints them for `bench/run.ts`.
 *
 * On PostgreSQL both sides use one throwaway cluster (tests/support/postgres.ts) started for the run with PostgreSQL's
 * default durability (fsync, synchronous commit: a 201 means the commit is flushed), each side its own database.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { snapAnswers, spawnServer, stopServer, type ServerChild } from '../tests/runtime/contract/server-child.ts';
import { startPostgres, type TestPostgres } from '../tests/support/postgres.ts';

/** What autocannon reports that this benchmark reads. */
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
}
interface AutocannonRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}
/** A run: a thenable that also emits `response` for every answer. */
type AutocannonRun = PromiseLike<AutocannonResult> & { on(event: 'response', listener: () => void): void };
type Autocannon = (options: Record<string, unknown>) => AutocannonRun;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** The benchmark's target (issue 18): Mandate's submit throughput must be at least this share of the baseline's. */
export const TARGET_RATIO = 0.8;

/** The stores the benchmark can run on. */
export type LoadStore = 'sqlite' | 'postgres';

export interface LoadOptions {
  /** The store of both sides (default SQLite). */
  store?: LoadStore;
  /** Measured requests per side (default 3000). */
  amount?: number;
  /** Concurrent connections (default 10). */
  connections?: number;
  /** Alternating measurement rounds per side (default 6). */
  rounds?: number;
}

export interface SideResult {
  /** Requests over the time from the round's start to its last response (the median over rounds, in a summary). */
  requestsPerSecond: number;
  /** The lowest and highest requests/s of the rounds (a summary's spread; one round: its own value twice). */
  spread: [number, number];
  p99Ms: number;
  averageMs: number;
  total: number;
  failed: number;
  /** The server process's CPU time (user + system) per request, in ms (the median over rounds); null off Linux. */
  cpuMsPerRequest: number | null;
}

export interface LoadResult {
  name: 'load';
  store: LoadStore;
  baseline: SideResult;
  mandate: SideResult;
  /** Median of the per-round ratios of requests/s (Mandate / baseline). */
  ratio: number;
  /** The lowest and highest per-round ratio. */
  ratioSpread: [number, number];
  target: number;
  rounds: number;
  pass: boolean;
}

/**
 * One round's numbers. Its time runs from the round's start to its last response: autocannon's own `duration`
 * (and its requests/s) only advance at one-second ticks, so a round of 500 requests that ends in 0.4 s would read as
 * one second, for both sides alike, and every ratio near 100%.
 */
function side(result: AutocannonResult, seconds: number, cpuMs: number | null): SideResult {
  const rps = result.requests.total / seconds;
  return {
    requestsPerSecond: rps,
    spread: [rps, rps],
    p99Ms: result.latency.p99,
    averageMs: result.latency.average,
    total: result.requests.total,
    failed: result.non2xx + result.errors + result.timeouts,
    cpuMsPerRequest: cpuMs === null || result.requests.total === 0 ? null : cpuMs / result.requests.total,
  };
}

/** Clock ticks per second of `/proc/<pid>/stat`'s times (null where there is no `/proc`). */
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return null;
  }
})();

/** The CPU time (user + system, ms) process `pid` has used so far, or null when `/proc` cannot tell. */
function cpuTimeMs(pid: number | undefined): number | null {
  if (pid === undefined || CLOCK_TICKS === null) return null;
  try {
    // The fields after the command's closing parenthesis: utime and stime are the 12th and 13th of them.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** The baseline's insert of one body on `target` (an SQLite file's path or a `postgres://` URL). */
async function baselineInsert(target: string): Promise<(id: string, body: string, at: string) => Promise<void>> {
  if (target.startsWith('postgres://')) {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: target });
    await pool.query('CREATE TABLE IF NOT EXISTS submissions (id text PRIMARY KEY, body jsonb NOT NULL, created_at text NOT NULL)');
    return async (id, body, at) => {
      await pool.query('INSERT INTO submissions (id, body, created_at) VALUES ($1, $2, $3)', [id, body, at]);
    };
  }
  const { openSqliteDatabase } = await import('../runtime/store/sqlite/db.ts');
  const db = openSqliteDatabase(target);
  db.exec('CREATE TABLE IF NOT EXISTS submissions (id TEXT PRIMARY KEY, body TEXT NOT NULL, created_at TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO submissions (id, body, created_at) VALUES (?, ?, ?)');
  return async (id, body, at) => {
    insert.run(id, body, at);
  };
}

/** Serves the baseline route over `target` (see `baselineInsert`); prints `baseline listening at <url>` when ready. */
async function serveBaseline(target: string): Promise<void> {
  const { default: express } = await import('express');
  const { randomUUID } = await import('node:crypto');
  const insert = await baselineInsert(target);
  const app = express();
  app.use(express.json({ limit: '1mb' }));
  app.post('/baseline', async (req, res) => {
    const id = randomUUID();
    await insert(id, JSON.stringify(req.body), new Date().toISOString());
    res.status(201).json({ id });
  });
  const server = app.listen(0, '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    console.log(`baseline listening at http://127.0.0.1:${port}`);
  });
}

/** Starts the baseline server over `target` in its own process (as the Mandate server runs in its own). */
function spawnBaseline(target: string): Promise<ServerChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve-baseline', target], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const match = /baseline listening at (\S+)/.exec(text);
      if (match) resolve({ url: match[1], child, output: () => text });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`The baseline server exited (${code}). Output:\n${text}`)));
  });
}

/** Starts and fills `count` SNAP applications (untimed), `concurrency` at a time. */
async function prepareApplications(url: string, count: number, offset: number): Promise<{ id: string; code: string }[]> {
  const out: { id: string; code: string }[] = [];
  let next = 0;
  const json = { 'content-type': 'application/json' };
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const started = await fetch(`${url}/api/applications`, { method: 'POST', headers: json, body: JSON.stringify({ programId: 'us-snap' }) });
      if (started.status !== 201) throw new Error(`Starting an application failed: HTTP ${started.status} ${await started.text()}`);
      const { id, resumeCode } = (await started.json()) as { id: string; resumeCode: string };
      const saved = await fetch(`${url}/api/applications/${id}`, {
        method: 'PUT',
        headers: { ...json, 'x-resume-code': resumeCode },
        body: JSON.stringify({ answers: snapAnswers(offset + i) }),
      });
      if (saved.status !== 200) throw new Error(`Saving answers failed: HTTP ${saved.status} ${await saved.text()}`);
      out.push({ id, code: resumeCode });
    }
  };
  await Promise.all(Array.from({ length: 20 }, worker));
  return out;
}

/** The median of some numbers. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs autocannon against the server process `pid` and times it to its last response. */
async function timed(pid: number | undefined, options: Record<string, unknown>): Promise<SideResult> {
  const cpuBefore = cpuTimeMs(pid);
  const started = performance.now();
  let last = started;
  const instance = autocannon(options);
  instance.on('response', () => {
    last = performance.now();
  });
  const result = await instance;
  const cpuAfter = cpuTimeMs(pid);
  return side(result, (last - started) / 1000, cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore);
}

/** One side's rounds summarised: median requests/s with its spread, median p99 and average; totals summed. */
function summarise(rounds: SideResult[]): SideResult {
  const rps = rounds.map((r) => r.requestsPerSecond);
  return {
    requestsPerSecond: median(rps),
    spread: [Math.min(...rps), Math.max(...rps)],
    p99Ms: median(rounds.map((r) => r.p99Ms)),
    averageMs: median(rounds.map((r) => r.averageMs)),
    total: rounds.reduce((n, r) => n + r.total, 0),
    failed: rounds.reduce((n, r) => n + r.failed, 0),
    cpuMsPerRequest: rounds.every((r) => r.cpuMsPerRequest !== null) ? median(rounds.map((r) => r.cpuMsPerRequest as number)) : null,
  };
}

/**
 * Runs both measurements in alternating rounds (baseline, Mandate, baseline, …) so that a change in machine load
 * affects both sides alike, and compares their medians. The ratio is the median of the per-round ratios.
 */
export async function measureLoad(options: LoadOptions = {}): Promise<LoadResult> {
  const amount = options.amount ?? 3000;
  const connections = options.connections ?? 10;
  const rounds = options.rounds ?? 6;
  const store = options.store ?? 'sqlite';
  const perRound = Math.max(connections, Math.floor(amount / rounds));
  const dir = mkdtempSync(join(tmpdir(), 'mandate-load-'));
  const servers: ServerChild[] = [];
  let cluster: TestPostgres | undefined;
  try {
    let baselineTarget = join(dir, 'baseline.db');
    const mandateEnv: Record<string, string> = {};
    if (store === 'postgres') {
      cluster = await startPostgres({ durable: true });
      baselineTarget = await cluster.newDatabase();
      mandateEnv.DATABASE_URL = await cluster.newDatabase();
    }
    const baseline = await spawnBaseline(baselineTarget);
    servers.push(baseline);
    const mandate = await spawnServer(join(dir, 'mandate-data'), mandateEnv);
    servers.push(mandate);
    const warmup = Math.min(300, perRound);
    const prepared = await prepareApplications(mandate.url, warmup + perRound * rounds, 0);
    let nextApp = 0;
    const body = JSON.stringify({ programId: 'us-snap', answers: snapAnswers(1) });
    const baselineRun = (n: number) =>
      timed(baseline.child.pid, {
        url: `${baseline.url}/baseline`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        connections,
        amount: n,
      });
    const mandateRun = (n: number) =>
      timed(mandate.child.pid, {
        url: mandate.url,
        connections,
        amount: n,
        requests: [
          {
            method: 'POST',
            setupRequest: (req: AutocannonRequest) => {
              const app = prepared[nextApp++];
              return { ...req, path: `/api/applications/${app.id}/submit`, headers: { 'x-resume-code': app.code } };
            },
          },
        ],
      });
    await baselineRun(warmup);
    await mandateRun(warmup);
    const baseRounds: SideResult[] = [];
    const mandateRounds: SideResult[] = [];
    for (let round = 0; round < rounds; round += 1) {
      baseRounds.push(await baselineRun(perRound));
      mandateRounds.push(await mandateRun(perRound));
    }
    const ratios = mandateRounds.map((m, i) => m.requestsPerSecond / baseRounds[i].requestsPerSecond);
    const ratio = median(ratios);
    const mandateSummary = summarise(mandateRounds);
    return {
      name: 'load',
      store,
      baseline: summarise(baseRounds),
      mandate: mandateSummary,
      ratio,
      ratioSpread: [Math.min(...ratios), Math.max(...ratios)],
      target: TARGET_RATIO,
      rounds,
      pass: ratio >= TARGET_RATIO && mandateSummary.failed === 0,
    };
  } finally {
    for (const server of servers) await stopServer(server, 'SIGTERM');
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The stores `--store` (else `MANDATE_BENCH_STORE`, else SQLite) names: `sqlite`, `postgres` or `both`. */
function storesOf(args: string[], env: NodeJS.ProcessEnv): LoadStore[] {
  const i = args.indexOf('--store');
  const value = (i >= 0 ? args[i + 1] : env.MANDATE_BENCH_STORE) || 'sqlite';
  if (value === 'both') return ['sqlite', 'postgres'];
  if (value === 'sqlite' || value === 'postgres') return [value];
  throw new Error(`--store (or MANDATE_BENCH_STORE) must be sqlite, postgres or both, not "${value}".`);
}

/**
 * For `bench/run.ts` (`npm run bench -- load [--store sqlite|postgres|both]`): measures with the defaults on each
 * store, prints the reports, and says whether the target is met on all of them.
 */
export async function run(args: string[] = []): Promise<boolean> {
  let pass = true;
  for (const store of storesOf(args, process.env)) {
    const result = await measureLoad({ store });
    console.log(formatLoadResult(result));
    pass &&= result.pass;
  }
  return pass;
}

/** The report as printed lines. */
export function formatLoadResult(r: LoadResult): string {
  const row = (name: string, s: SideResult) =>
    `${name.padEnd(34)} ${s.requestsPerSecond.toFixed(0).padStart(7)} req/s (rounds ${s.spread[0].toFixed(0)}–${s.spread[1].toFixed(0)})   p99 ${String(s.p99Ms).padStart(4)} ms   avg ${s.averageMs.toFixed(1).padStart(6)} ms   ${s.total} requests, ${s.failed} failed${s.cpuMsPerRequest === null ? '' : `   server CPU ${s.cpuMsPerRequest.toFixed(2)} ms/request`}`;
  const store =
    r.store === 'postgres'
      ? 'PostgreSQL insert (loopback, a throwaway cluster with fsync and synchronous commit on'
      : 'SQLite insert (loopback, WAL, synchronous=FULL';
  return [
    `Load: submit path vs bare Express + ${store}; medians of ${r.rounds} alternating rounds, each timed to its last response)`,
    row('baseline  POST /baseline', r.baseline),
    row('mandate   POST …/submit (SNAP)', r.mandate),
    ...(r.baseline.cpuMsPerRequest && r.mandate.cpuMsPerRequest
      ? [`server CPU per request: Mandate ${(r.mandate.cpuMsPerRequest / r.baseline.cpuMsPerRequest).toFixed(2)}× the baseline's`]
      : []),
    `ratio ${(r.ratio * 100).toFixed(1)}% of baseline requests/s (rounds ${(r.ratioSpread[0] * 100).toFixed(0)}–${(r.ratioSpread[1] * 100).toFixed(0)}%; target ≥ ${r.target * 100}%${r.mandate.failed ? ', and no failed requests' : ''}): ${r.pass ? 'PASS' : 'FAIL'}`,
  ].join('\n');
}

function numberFlag(args: string[], name: string): number | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = Number(args[i + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} needs a positive whole number, e.g. ${name} 2000.`);
  return value;
}

async function main(args: string[]): Promise<number> {
  const baselineAt = args.indexOf('--serve-baseline');
  if (baselineAt >= 0) {
    await serveBaseline(args[baselineAt + 1]);
    return -1;
  }
  let pass = true;
  for (const store of storesOf(args, process.env)) {
    const result = await measureLoad({
      store,
      amount: numberFlag(args, '--amount'),
      connections: numberFlag(args, '--connections'),
      rounds: numberFlag(args, '--rounds'),
    });
    console.log(args.includes('--json') ? JSON.stringify(result, null, 2) : formatLoadResult(result));
    pass &&= result.pass;
  }
  return pass ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code >= 0) process.exit(code);
    },
    (error) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(2);
    },
  );
}
