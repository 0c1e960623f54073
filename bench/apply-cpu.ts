/**
 * CPU per case of a mass re-determination job's loop (no server, no HTTP; CPU time, since wall time means little on a
 * shared machine): seeds (or reuses) a SQLite store of BENCH_APPLY_CASES (default 20,000) SNAP cases decided under
 * FY2025 with FY2026 published (initial determinations compact, or full with BENCH_APPLY_DETERMINATIONS=full), copies
 * it, runs the job with `runJobInThisThread` (BENCH_APPLY_EVAL_WORKERS evaluation workers, default 0) and prints one
 * JSON line: CPU µs per case of the process and of its busiest threads (the one that bounds the job on a quiet
 * machine), bytes written per case, wall seconds, the job's counts.
 * `node --import tsx [--cpu-prof] bench/apply-cpu.ts`; BENCH_APPLY_DIR keeps the seeded stores between runs.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { Program } from '../engine/index.ts';
import { loadProgramFolder } from '../runtime/fs/program-folder.ts';
import type { ServiceContext } from '../runtime/services/context.ts';
import { runJobInThisThread } from '../runtime/services/redetermination.ts';
import { createSqliteStore } from '../runtime/store/sqlite/sqlite-store.ts';
import { seedStore } from './seed-store.ts';

const n = Number(process.env.BENCH_APPLY_CASES ?? 20_000);
const dir = process.env.BENCH_APPLY_DIR ?? join(tmpdir(), 'mandate-bench-apply');
mkdirSync(dir, { recursive: true });
const kind = process.env.BENCH_APPLY_DETERMINATIONS === 'full' ? 'full' : 'compact';
const seeded = join(dir, `snap-${n}-${kind}.db`);
const doc = (d: string) => loadProgramFolder(d).versions[0].doc as unknown as Program;
if (!existsSync(`${seeded}.complete`)) {
  rmSync(seeded, { force: true });
  await seedStore({
    path: seeded,
    count: n,
    versions: [
      { doc: doc('programs/us-snap/fy2025'), status: 'published' },
      { doc: doc('programs/us-snap/fy2026'), status: 'published' },
    ],
    caseVersion: 4,
    asOf: '2025-09-15',
    households: { missingRate: 0.01, invalidRate: 0.001 },
    determinations: kind,
  });
  writeFileSync(`${seeded}.complete`, new Date().toISOString());
}
const file = join(dir, `run-${process.pid}.db`);
copyFileSync(seeded, file);
const store = createSqliteStore(file);
const ctx: ServiceContext = { store, now: () => new Date('2025-10-15T12:00:00Z'), log: pino({ level: 'silent' }), sessionHours: 1 };
const job = await store.createJob(
  { id: 'bench', kind: 'redetermination', programId: 'us-snap', version: 5, trigger: 'on-demand', startedBy: null },
  { actorId: null, action: 'program.redetermination.start', entity: 'program', entityId: 'us-snap', details: {} },
);
/** CPU microseconds of each thread of this process (Linux: /proc/self/task; clock ticks of 1/100 s). */
function threadCpu(): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const fields = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
      out.set(`${tid} ${readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim()}`, (Number(fields[11]) + Number(fields[12])) * 10_000);
    } catch {
      // The thread ended meanwhile.
    }
  }
  return out;
}
const threadsPeak = new Map<string, number>();
const sampler = setInterval(() => {
  for (const [k, v] of threadCpu()) threadsPeak.set(k, Math.max(v, threadsPeak.get(k) ?? 0));
}, 200);
/** Bytes this process has handed to write() so far (Linux /proc/self/io `wchar`): the WAL and checkpoint writes. */
const written = () => Number(/wchar: (\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))?.[1] ?? 0);
const writtenBefore = written();
const threadsBefore = threadCpu();
const started = performance.now();
const cpu = process.cpuUsage();
await runJobInThisThread(ctx, job.id, { stopped: false }, Number(process.env.BENCH_APPLY_EVAL_WORKERS ?? 0));
const used = process.cpuUsage(cpu);
clearInterval(sampler);
const writtenBytes = written() - writtenBefore;
for (const [k, v] of threadCpu()) threadsPeak.set(k, Math.max(v, threadsPeak.get(k) ?? 0));
// The busiest threads during the job: the one that bounds its wall time on an idle machine.
const threads = [...threadsPeak]
  .map(([k, v]) => [k, Math.round((v - (threadsBefore.get(k) ?? 0)) / n)] as const)
  .filter(([, v]) => v > 0)
  .sort((a, b) => b[1] - a[1])
  .slice(0, 4);
const seconds = (performance.now() - started) / 1000;
const done = await store.getJob(job.id);
await store.close();
for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
console.log(
  JSON.stringify({
    cases: n,
    cpuUsPerCase: (used.user + used.system) / n,
    threadUsPerCase: Object.fromEntries(threads),
    userUs: used.user / n,
    sysUs: used.system / n,
    seconds,
    writtenBytesPerCase: Math.round(writtenBytes / n),
    status: done?.status,
    counts: done?.counts,
  }),
);
