/**
 * The fast path: many submissions, one as-of date, the same outcomes as `evaluate` without building reasons or
 * traces. When the program's formulas and rules are all vectorised (`engine/evaluate/columnar/plan.ts`), clean submissions
 * are evaluated in chunks of columns and the rest one by one; otherwise every submission takes the scalar path
 * (one context reused for the whole batch, parameters resolved once for the date).
 */
import type { BatchResult, IsoDate } from '../format/types.ts';
import type { CompiledProgram } from '../compile/index.ts';
import { checkAsOf } from './index.ts';
import { scalarEvaluator, type ScalarEvaluator } from './columnar/scalar.ts';
import { columnarPlan } from './columnar/plan.ts';
import { type DerivedCapture, preparedAt, runColumnar, type PreparedCache, type ResultSink } from './columnar/run.ts';

export type { DerivedCapture, PreparedCache } from './columnar/run.ts';
import { columnSink, objectSink, resultPool, type BatchColumns } from './columnar/results.ts';

export { ELIGIBILITY_NAMES, OUTCOME_CODES, type BatchColumns } from './columnar/results.ts';

/** Options of `evaluateBatch`. */
export interface BatchOptions {
  asOf: IsoDate;
  /** Treat submissions as partial (required answers not given are not errors), as `evaluate` does. */
  partial?: boolean;
  /**
   * Do not evaluate submissions with input errors (those `evaluate` reports as invalid whatever the rules decide):
   * each gets one shared result with `invalid` true, every rule outcome unknown, no benefit and nothing missing; for
   * callers that only need to know such a submission is invalid (impact). Default false.
   */
  skipInvalid?: boolean;
  /** Use only the scalar path (for comparisons and benchmarks); default false. */
  scalarOnly?: boolean;
  /** When given, receives how many submissions each path evaluated (for tests and benchmarks). */
  stats?: BatchStats;
  /** When given, receives one derived value of the households the columnar path decided (see `DerivedCapture`). */
  derived?: DerivedCapture;
  /**
   * Prepared submissions by input index, shared with another batch over the same inputs of a program with the same
   * form schema and `partial` (the caller's promise): taken instead of preparing again, and filled (`PreparedCache`).
   */
  prepared?: PreparedCache;
}

/** How many submissions of a batch took the columnar path and how many the scalar one. */
export interface BatchStats {
  columnar: number;
  scalar: number;
}

function run(compiled: CompiledProgram, inputs: readonly unknown[], options: BatchOptions, sink: ResultSink): void {
  checkAsOf(options.asOf);
  const partial = options.partial ?? false;
  const scalar = scalarEvaluator(compiled, options.asOf, options.skipInvalid ?? false);
  const plan = options.scalarOnly ? null : columnarPlan(compiled, options.asOf);
  if (options.derived) sink = capturingSink(sink, scalar, options.derived);
  const cache = options.prepared ?? null;
  let fallbacks = inputs.length;
  if (plan) fallbacks = runColumnar(compiled, plan, inputs, partial, scalar, sink, options.derived ?? null, cache);
  else for (let n = 0; n < inputs.length; n++) sink.scalar(n, scalar(preparedAt(compiled, inputs, n, partial, cache)));
  if (options.stats) {
    options.stats.scalar = fallbacks;
    options.stats.columnar = inputs.length - fallbacks;
  }
}

/** `sink`, also handing back the captured derived value of each household the scalar path evaluated (just before). */
function capturingSink(sink: ResultSink, scalar: ScalarEvaluator, capture: DerivedCapture): ResultSink {
  const { slot, values } = capture;
  return {
    scalar(index, result) {
      const v = scalar.lastDerived(slot);
      if (typeof v === 'number' || typeof v === 'boolean') values[index] = v;
      sink.scalar(index, result);
    },
    decided: (index, codes, eligible, amounts) => sink.decided(index, codes, eligible, amounts),
  };
}

/**
 * Evaluates every input on `asOf`. Each result's eligibility, rule outcomes, benefits and missing paths equal those
 * of `evaluate` on the same input; `invalid` is true when `evaluate` would report input or evaluation errors.
 * Results are read-only and may be shared: a household decided by the columnar path gets a frozen result shared with
 * every household that has the same rule outcomes and amount, in this batch and in later batches of the same compiled
 * program (up to 65,536 distinct results are kept with it); rule outcomes and empty lists are shared.
 */
export function evaluateBatch(compiled: CompiledProgram, inputs: readonly unknown[], options: BatchOptions): BatchResult[] {
  const results: BatchResult[] = new Array(inputs.length);
  const sink = objectSink(
    compiled.rules.map((r) => r.rule.id),
    compiled.benefits.map((b) => b.benefit.id),
    results,
    resultPool(compiled),
  );
  run(compiled, inputs, options, sink);
  return results;
}

/**
 * `evaluateBatch` with results as typed-array columns (eligibility, rule outcome codes, benefit amounts, validity);
 * `resultAt(i)` gives the `BatchResult` `evaluateBatch` would return at index i (missing paths included).
 */
export function evaluateBatchColumns(compiled: CompiledProgram, inputs: readonly unknown[], options: BatchOptions): BatchColumns {
  const { columns, sink } = columnSink(
    compiled.rules.map((r) => r.rule.id),
    compiled.benefits.map((b) => b.benefit.id),
    inputs.length,
  );
  run(compiled, inputs, options, sink);
  return columns;
}
