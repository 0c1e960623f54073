/**
 * The fast path: many submissions, one as-of date, the same outcomes as `evaluate` without building reasons or
 * traces. When the program's formulas and rules are all vectorised (`engine/columnar/plan.ts`), clean submissions
 * are evaluated in chunks of columns and the rest one by one; otherwise every submission takes the scalar path
 * (one context reused for the whole batch, parameters resolved once for the date).
 */
import type { BatchResult, IsoDate } from './types.ts';
import type { CompiledProgram } from './compile.ts';
import { checkAsOf } from './evaluate.ts';
import { scalarEvaluator } from './columnar/scalar.ts';
import { columnarPlan } from './columnar/plan.ts';
import { runColumnar } from './columnar/run.ts';

/** Options of `evaluateBatch`. */
export interface BatchOptions {
  asOf: IsoDate;
  /** Treat submissions as partial (required answers not given are not errors), as `evaluate` does. */
  partial?: boolean;
  /** Use only the scalar path (for comparisons and benchmarks); default false. */
  scalarOnly?: boolean;
  /** When given, receives how many submissions each path evaluated (for tests and benchmarks). */
  stats?: BatchStats;
}

/** How many submissions of a batch took the columnar path and how many the scalar one. */
export interface BatchStats {
  columnar: number;
  scalar: number;
}

/**
 * Evaluates every input on `asOf`. Each result's eligibility, rule outcomes, benefits and missing paths equal those
 * of `evaluate` on the same input; `invalid` is true when `evaluate` would report input or evaluation errors.
 * Results are read-only: objects with nothing to tell apart (rule outcomes, empty lists) may be shared and frozen.
 */
export function evaluateBatch(compiled: CompiledProgram, inputs: readonly unknown[], options: BatchOptions): BatchResult[] {
  checkAsOf(options.asOf);
  const partial = options.partial ?? false;
  const scalar = scalarEvaluator(compiled, options.asOf);
  const plan = options.scalarOnly ? null : columnarPlan(compiled, options.asOf);
  const stats = options.stats;
  if (stats) stats.columnar = stats.scalar = 0;
  if (plan) return runColumnar(compiled, plan, inputs, partial, scalar, stats);
  if (stats) stats.scalar = inputs.length;
  const results: BatchResult[] = new Array(inputs.length);
  for (let n = 0; n < inputs.length; n++) results[n] = scalar(compiled.input.prepare(inputs[n], partial));
  return results;
}
