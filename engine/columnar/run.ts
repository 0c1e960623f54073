/**
 * The columnar batch runner: submissions are prepared (pruned and validated by the program's own compiled input),
 * the clean ones (no input errors, nothing required missing) are laid out in chunks of columns and evaluated by
 * the plan's kernels; every household with a bad lane in a value it depends on, and every household that was not
 * clean, is evaluated by the scalar evaluator. Each household's result goes to a `ResultSink` under its input
 * index, either as decided codes and amounts (columnar) or as a scalar `BatchResult`.
 */
import type { BatchResult } from '../types.ts';
import type { CompiledProgram } from '../compile.ts';
import type { PreparedInput } from '../input.ts';
import { roundToMultiple } from '../formula/rounding.ts';
import type { Chunk } from './columns.ts';
import { extractor } from './extract.ts';
import type { ColumnarPlan } from './plan.ts';
import type { ScalarEvaluator } from './scalar.ts';

/** Households per chunk. */
export const CHUNK = 512;

/** Receives each household's result, by input index. */
export interface ResultSink {
  /** A household the scalar path evaluated. */
  scalar(index: number, result: BatchResult): void;
  /**
   * A household the kernels decided: rule outcome codes (0 fail, 1 pass, 3 waived; nothing unknown, nothing
   * missing, valid) and, when `eligible`, the benefit amounts in program order. The arrays are reused.
   */
  decided(index: number, codes: Int8Array, eligible: boolean, amounts: Float64Array): void;
}

/** Evaluates `inputs` through the plan (clean households) and `scalar` (the rest); returns the scalar count. */
export function runColumnar(
  compiled: CompiledProgram, plan: ColumnarPlan, inputs: readonly unknown[], partial: boolean, scalar: ScalarEvaluator, sink: ResultSink,
): number {
  let fallbacks = 0;
  const extract = extractor(plan.inputs, plan.list, plan.fields);
  const chunk: Chunk = {
    n: 0, m: 0, offsets: new Int32Array(CHUNK + 1), owner: new Int32Array(CHUNK * 4), house: new Map(), member: new Map(), derived: new Array(plan.derived.length),
  };
  const pending: PreparedInput[] = new Array(CHUNK);
  const data: Record<string, unknown>[] = new Array(CHUNK);
  const where = new Int32Array(CHUNK);
  const rowBad = new Uint8Array(CHUNK);
  const codes = new Int8Array(plan.rules.length);
  const amounts = new Float64Array(plan.benefits.length);
  let count = 0;

  const flush = (): void => {
    const n = count;
    for (let i = 0; i < n; i++) data[i] = pending[i].data;
    extract.fill(chunk, data, n, rowBad);
    for (let d = 0; d < plan.derived.length; d++) {
      const col = plan.derived[d].run(chunk);
      chunk.derived[d] = col;
      const bad = col.bad;
      for (let i = 0; i < n; i++) rowBad[i] |= bad[i];
    }
    const ruleCols = plan.rules.map((r) => ({ c: r.conditions.run(chunk), w: r.waiver ? r.waiver.run(chunk) : null }));
    const benefitCols = plan.benefits.map((b) => ({ a: b.amount.run(chunk), when: b.minimumWhen ? b.minimumWhen.run(chunk) : null }));
    for (let i = 0; i < n; i++) {
      let bad = rowBad[i] === 1;
      let eligible = true;
      for (let r = 0; r < ruleCols.length && !bad; r++) {
        const { c, w } = ruleCols[r];
        if (w && w.bad[i]) bad = true;
        else if (w && w.v[i] === 1) codes[r] = 3;
        else if (c.bad[i]) bad = true;
        else if (c.v[i] === 1) codes[r] = 1;
        else {
          codes[r] = 0;
          eligible = false;
        }
      }
      for (let b = 0; b < plan.benefits.length && eligible && !bad; b++) {
        const bp = plan.benefits[b];
        const { a, when } = benefitCols[b];
        let amount = a.v[i];
        // The scalar path reports an error for a non-finite amount: such households are left to it.
        if (a.bad[i] || !Number.isFinite(amount)) bad = true;
        if (bp.rounding) amount = roundToMultiple(amount, bp.rounding.to, bp.rounding.mode);
        if (bp.minimum !== undefined) {
          if (when && when.bad[i]) bad = true;
          else if ((!when || when.v[i] === 1) && amount < bp.minimum) amount = bp.minimum;
        }
        if (bp.maximum !== undefined && amount > bp.maximum) amount = bp.maximum;
        amounts[b] = amount;
      }
      if (bad) {
        sink.scalar(where[i], scalar(pending[i]));
        fallbacks++;
      } else {
        sink.decided(where[i], codes, eligible, amounts);
      }
    }
    count = 0;
  };

  for (let k = 0; k < inputs.length; k++) {
    const prepared = compiled.input.prepare(inputs[k], partial);
    if (prepared.errors.length > 0 || prepared.missing.length > 0) {
      sink.scalar(k, scalar(prepared));
      fallbacks++;
      continue;
    }
    pending[count] = prepared;
    where[count] = k;
    count++;
    if (count === CHUNK) flush();
  }
  if (count > 0) flush();
  return fallbacks;
}
