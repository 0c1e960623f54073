/**
 * Engine benchmark: determinations per second for (a) the batch path, (b) traced single `evaluate` calls and
 * (c) the naive baseline — the same rules through json-rules-engine with a new Engine per evaluation (after the
 * same input preparation and derived values) — with the ratios against the targets (batch ≥ 100×, traced ≥ 10×).
 */
import { evaluateBatch, evaluateBatchColumns } from '../engine/evaluate/batch.ts';
import { evaluate } from '../engine/evaluate/index.ts';
import { jsonRulesEngineFacts, runWithJsonRulesEngine, toJsonRulesEngineRules } from '../engine/tools/json-rules-engine.ts';
import { households } from './households.ts';
import { loadBenchProgram } from './program.ts';

/** One measured run. */
export interface Measurement {
  name: string;
  count: number;
  /** CPU seconds of the fastest run. */
  seconds: number;
  wallSeconds: number;
  perSecond: number;
  heapUsedMb: number;
}

/** Untimed passes of each path before it is timed, and timed runs (the fastest counts). */
const WARM_UP = 5;
const REPEAT = 5;

function heapMb(): number {
  return Math.round((process.memoryUsage().heapUsed / 1024 / 1024) * 10) / 10;
}

/** One path to time: its name, how many determinations one run makes, and the run. */
interface Path {
  name: string;
  count: number;
  run: () => unknown | Promise<unknown>;
}

/** Times one run of `path`: CPU seconds (user + system) and wall seconds. */
async function timeOnce(path: Path): Promise<{ cpu: number; wall: number }> {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  await path.run();
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpu);
  return { cpu: (used.user + used.system) / 1e6, wall };
}

/**
 * Times every path at its steady state and keeps each one's fastest run. Time is the process's CPU time (user +
 * system), not wall time, so that other processes on a shared machine do not distort the ratios; wall time is
 * printed beside it.
 *
 * - Each path first makes WARM_UP untimed passes. One is not enough: the optimising compiler recompiles the batch
 *   path's functions over its first few passes (on background threads, whose CPU time counts), each pass faster.
 * - The timed runs go round the paths REPEAT times (one run of each per round) rather than path after path, so
 *   that a slow spell of the machine (this one is a virtual machine on a shared host) falls on every path alike
 *   and the ratios stay comparable.
 */
async function measureAll(paths: readonly Path[]): Promise<Measurement[]> {
  for (const path of paths) for (let pass = 0; pass < WARM_UP; pass++) await path.run();
  const best = paths.map(() => ({ cpu: Infinity, wall: Infinity, heap: 0 }));
  for (let round = 0; round < REPEAT; round++) {
    for (let k = 0; k < paths.length; k++) {
      const t = await timeOnce(paths[k]);
      best[k].cpu = Math.min(best[k].cpu, t.cpu);
      best[k].wall = Math.min(best[k].wall, t.wall);
      best[k].heap = Math.max(best[k].heap, heapMb());
    }
  }
  return paths.map((p, k) => ({
    name: p.name,
    count: p.count,
    seconds: best[k].cpu,
    wallSeconds: best[k].wall,
    perSecond: p.count / best[k].cpu,
    heapUsedMb: best[k].heap,
  }));
}

/** Runs the engine benchmark and prints a report; returns false when a target is missed. */
export async function run(options: { households?: number; baseline?: number } = {}): Promise<boolean> {
  const total = options.households ?? Number(process.env.BENCH_HOUSEHOLDS ?? 100_000);
  const baselineCount = options.baseline ?? Number(process.env.BENCH_BASELINE ?? 10_000);
  const { program, compiled, asOf, source, note } = loadBenchProgram();
  if (note) console.log(`note: ${note}`);
  console.log(
    `engine benchmark: ${source} on ${asOf}, ${total.toLocaleString('en-US')} synthetic households (baseline ${baselineCount.toLocaleString('en-US')})`,
  );
  const inputs = households(total, 20251015);

  const rules = toJsonRulesEngineRules(program);
  const base = inputs.slice(0, baselineCount);
  const results = await measureAll([
    {
      name: 'baseline (json-rules-engine, new Engine each)',
      count: base.length,
      run: async () => {
        for (let i = 0; i < base.length; i++) {
          const data = compiled.input.prepare(base[i], false).data;
          await runWithJsonRulesEngine(program, jsonRulesEngineFacts(compiled, data, asOf), rules);
        }
      },
    },
    { name: 'batch (evaluateBatch)', count: total, run: () => evaluateBatch(compiled, inputs, { asOf }) },
    {
      name: 'traced (evaluate, one call each)',
      count: total,
      run: () => {
        for (let i = 0; i < total; i++) evaluate(compiled, inputs[i], { asOf });
      },
    },
    // Extra line: the same batch with results as typed-array columns (no result objects built).
    { name: 'batch columns (evaluateBatchColumns)', count: total, run: () => evaluateBatchColumns(compiled, inputs, { asOf }) },
  ]);
  const columns = results[3];

  for (const r of results) {
    console.log(
      `  ${r.name.padEnd(48)} ${Math.round(r.perSecond).toLocaleString('en-US').padStart(12)} /s  (${r.count.toLocaleString('en-US')} in ${r.seconds.toFixed(2)} s CPU / ${r.wallSeconds.toFixed(2)} s wall, heap used up to ${r.heapUsedMb} MB; best of ${REPEAT})`,
    );
  }
  const [baseline, batch, traced] = results;
  const batchRatio = batch.perSecond / baseline.perSecond;
  const tracedRatio = traced.perSecond / baseline.perSecond;
  const batchOk = batchRatio >= 100;
  const tracedOk = tracedRatio >= 10;
  console.log(`  batch / baseline  = ${batchRatio.toFixed(1)}×  (target ≥ 100×)  ${batchOk ? 'PASS' : 'FAIL'}`);
  console.log(`  traced / baseline = ${tracedRatio.toFixed(1)}×  (target ≥ 10×)   ${tracedOk ? 'PASS' : 'FAIL'}`);
  console.log(`  batch columns / baseline = ${(columns.perSecond / baseline.perSecond).toFixed(1)}×  (extra line, not a target)`);
  return batchOk && tracedOk;
}
