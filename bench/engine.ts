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

function heapMb(): number {
  return Math.round((process.memoryUsage().heapUsed / 1024 / 1024) * 10) / 10;
}

/**
 * Times `run` `repeat` times and keeps the fastest run. Time is the process's CPU time (user + system), not wall
 * time, so that other processes on a shared machine do not distort the ratios; wall time is printed beside it.
 */
async function measure(name: string, count: number, run: () => unknown | Promise<unknown>, repeat = 3): Promise<Measurement> {
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

  // Warm up: one untimed pass of each path over the households it is timed on (the baseline twice over its
  // own), so that JIT compilation (on background threads, which CPU time counts) is done before timing.
  evaluateBatch(compiled, inputs, { asOf });
  evaluateBatchColumns(compiled, inputs, { asOf });
  for (const input of inputs) evaluate(compiled, input, { asOf });
  const rules = toJsonRulesEngineRules(program);
  const base = inputs.slice(0, baselineCount);
  for (let pass = 0; pass < 2; pass++) {
    for (const input of base) await runWithJsonRulesEngine(program, jsonRulesEngineFacts(compiled, compiled.input.prepare(input, false).data, asOf), rules);
  }

  const results: Measurement[] = [];
  results.push(await measure('batch (evaluateBatch)', total, () => evaluateBatch(compiled, inputs, { asOf })));
  results.push(await measure('traced (evaluate, one call each)', total, () => {
    for (let i = 0; i < total; i++) evaluate(compiled, inputs[i], { asOf });
  }));
  results.push(await measure('baseline (json-rules-engine, new Engine each)', base.length, async () => {
    for (let i = 0; i < base.length; i++) {
      const data = compiled.input.prepare(base[i], false).data;
      await runWithJsonRulesEngine(program, jsonRulesEngineFacts(compiled, data, asOf), rules);
    }
  }));

  // Extra line: the same batch with results as typed-array columns (no result objects built).
  const columns = await measure('batch columns (evaluateBatchColumns)', total, () => evaluateBatchColumns(compiled, inputs, { asOf }));

  for (const r of [...results, columns]) {
    console.log(`  ${r.name.padEnd(48)} ${Math.round(r.perSecond).toLocaleString('en-US').padStart(12)} /s  (${r.count.toLocaleString('en-US')} in ${r.seconds.toFixed(2)} s CPU / ${r.wallSeconds.toFixed(2)} s wall, heap used up to ${r.heapUsedMb} MB; best of 3)`);
  }
  const [batch, traced, baseline] = results;
  const batchRatio = batch.perSecond / baseline.perSecond;
  const tracedRatio = traced.perSecond / baseline.perSecond;
  const batchOk = batchRatio >= 100;
  const tracedOk = tracedRatio >= 10;
  console.log(`  batch / baseline  = ${batchRatio.toFixed(1)}×  (target ≥ 100×)  ${batchOk ? 'PASS' : 'FAIL'}`);
  console.log(`  traced / baseline = ${tracedRatio.toFixed(1)}×  (target ≥ 10×)   ${tracedOk ? 'PASS' : 'FAIL'}`);
  console.log(`  batch columns / baseline = ${(columns.perSecond / baseline.perSecond).toFixed(1)}×  (extra line, not a target)`);
  return batchOk && tracedOk;
}
