/**
 * Engine benchmark: determinations per second for (a) the batch path, (b) traced single `evaluate` calls and
 * (c) the naive baseline — the same rules through json-rules-engine with a new Engine per evaluation (after the
 * same input preparation and derived values) — with the ratios against the targets (batch ≥ 100×, traced ≥ 10×).
 */
import { evaluateBatch, evaluateBatchColumns } from '../engine/batch.ts';
import { evaluate } from '../engine/evaluate.ts';
import { jsonRulesEngineFacts, runWithJsonRulesEngine, toJsonRulesEngineRules } from '../engine/jre.ts';
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

/**
 * Times `run` `repeat` times and keeps the fastest run. Time is the process's CPU time (user + system), not wall
 * time, so that other processes on a shared machine do not distort the ratios; wall time is printed beside it.
 */
async function measure(name: string, count: number, run: () => unknown | Promise<unknown>, repeat = REPEAT): Promise<Measurement> {
  let best = Infinity;
  let bestWall = Infinity;
  let heap = 0;
  for (let i = 0; i < repeat; i++) {
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    await run();
    const wall = Number(process.hrtime.bigint() - start) / 1e9;
    const used = process.cpuUsage(cpu);
    const seconds = (used.user + used.system) / 1e6;
    heap = Math.max(heap, heapMb());
    if (seconds < best) best = seconds;
    if (wall < bestWall) bestWall = wall;
  }
  return { name, count, seconds: best, wallSeconds: bestWall, perSecond: count / best, heapUsedMb: heap };
}

/** Runs the engine benchmark and prints a report; returns false when a target is missed. */
export async function run(options: { households?: number; baseline?: number } = {}): Promise<boolean> {
  const total = options.households ?? Number(process.env.BENCH_HOUSEHOLDS ?? 100_000);
  const baselineCount = options.baseline ?? Number(process.env.BENCH_BASELINE ?? 10_000);
  const { program, compiled, asOf, source, note } = loadBenchProgram();
  if (note) console.log(`note: ${note}`);
  console.log(`engine benchmark: ${source} on ${asOf}, ${total.toLocaleString('en-US')} synthetic households (baseline ${baselineCount.toLocaleString('en-US')})`);
  const inputs = households(total, 20251015);

  // Each path is timed at its steady state: right before it is timed, it makes WARM_UP untimed passes over the
  // households it is timed on. A single pass is not enough: the optimising compiler recompiles the batch path's
  // functions over its first few passes (on background threads, which CPU time counts), each pass faster.
  const rules = toJsonRulesEngineRules(program);
  const base = inputs.slice(0, baselineCount);
  const runBaseline = async (): Promise<void> => {
    for (let i = 0; i < base.length; i++) {
      const data = compiled.input.prepare(base[i], false).data;
      await runWithJsonRulesEngine(program, jsonRulesEngineFacts(compiled, data, asOf), rules);
    }
  };
  const paths: [string, number, () => unknown | Promise<unknown>][] = [
    ['baseline (json-rules-engine, new Engine each)', base.length, runBaseline],
    ['batch (evaluateBatch)', total, () => evaluateBatch(compiled, inputs, { asOf })],
    ['traced (evaluate, one call each)', total, () => {
      for (let i = 0; i < total; i++) evaluate(compiled, inputs[i], { asOf });
    }],
    // Extra line: the same batch with results as typed-array columns (no result objects built).
    ['batch columns (evaluateBatchColumns)', total, () => evaluateBatchColumns(compiled, inputs, { asOf })],
  ];
  const results: Measurement[] = [];
  for (const [name, count, path] of paths) {
    for (let pass = 0; pass < WARM_UP; pass++) await path();
    results.push(await measure(name, count, path));
  }
  const columns = results[3];

  for (const r of results) {
    console.log(`  ${r.name.padEnd(48)} ${Math.round(r.perSecond).toLocaleString('en-US').padStart(12)} /s  (${r.count.toLocaleString('en-US')} in ${r.seconds.toFixed(2)} s CPU / ${r.wallSeconds.toFixed(2)} s wall, heap used up to ${r.heapUsedMb} MB; best of ${REPEAT})`);
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
