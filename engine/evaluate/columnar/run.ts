/**
 * The columnar batch runner: submissions are prepared (pruned and validated by the program's own compiled input),
 * the clean ones (no input errors, nothing required missing) are laid out in chunks of columns and evaluated by
 * the plan's kernels; every household with a bad lane in a value it depends on, and every household that was not
 * clean, is evaluated by the scalar evaluator. Each household's result goes to a `ResultSink` under its input
 * index, either as decided codes and amounts (columnar) or as a scalar `BatchResult`.
 */
import type { BatchResult } from '../../format/types.ts';
import type { CompiledProgram } from '../../compile/index.ts';
import type { PreparedInput } from '../../compile/input.ts';
import { roundToMultiple } from '../../languages/formula/rounding.ts';
import type { Chunk } from './columns.ts';
import { extractor } from './extract.ts';
import type { ColumnarPlan } from './plan.ts';
import type { ScalarEvaluator } from './scalar.ts';
import { readerFor, type Reader } from './reader.ts';

/**
 * A derived value handed back by the batch path, so that a caller needing it (impact's breakdown) does not compute
 * it again: `values[i]` is set to household i's value when it is a number or true/false (on the columnar path, when
 * its column is of that kind; a decided household has no bad lane in any derived value); every other entry (an
 * unknown value, a date, a text) is left as it was. A value set equals the one `evaluate` computes.
 */
export interface DerivedCapture {
  /** The derived value's slot (`compiled.derivedIndex.get(name).slot`). */
  slot: number;
  values: unknown[];
}

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

/** The reader of each plan (compiled once; its buffers are reused by every batch, which run one at a time). */
const readers = new WeakMap<ColumnarPlan, Reader | null>();

function readerOf(compiled: CompiledProgram, plan: ColumnarPlan): Reader | null {
  let reader = readers.get(plan);
  if (reader === undefined) {
    reader = readerFor(compiled.input.schema, plan.inputs, plan.list, plan.fields, CHUNK, plan.views).reader;
    readers.set(plan, reader);
  }
  return reader;
}

/** Evaluates `inputs` through the plan (clean households) and `scalar` (the rest); returns the scalar count. */
export function runColumnar(
  compiled: CompiledProgram,
  plan: ColumnarPlan,
  inputs: readonly unknown[],
  partial: boolean,
  scalar: ScalarEvaluator,
  sink: ResultSink,
  derived: DerivedCapture | null = null,
  prepared: PreparedCache | null = null,
): number {
  const reader = readerOf(compiled, plan);
  // Date columns hold yyyymmdd keys, not the scalar path's values: those are left to the caller.
  const capture = derived && plan.derived[derived.slot]?.kind !== 'd' ? derived : null;
  return reader
    ? runRead(compiled, plan, reader, inputs, partial, scalar, sink, capture, prepared)
    : runExtracted(compiled, plan, inputs, partial, scalar, sink, capture, prepared);
}

/**
 * Prepared submissions by input index, shared by the batches of programs with the same form schema over the same
 * inputs (and the same `partial`): each batch takes the ones there instead of preparing again, and adds its own.
 */
export type PreparedCache = (PreparedInput | undefined)[];

/** The prepared submission at input index k: from the cache when there, else prepared now (and cached). */
export function preparedAt(
  compiled: CompiledProgram,
  inputs: readonly unknown[],
  k: number,
  partial: boolean,
  cache: PreparedCache | null,
): PreparedInput {
  let p = cache?.[k];
  if (p === undefined) {
    p = compiled.input.prepare(inputs[k], partial);
    if (cache) cache[k] = p;
  }
  return p;
}

/** Scratch state of one batch: the chunk and where its households came from. */
interface Batch {
  chunk: Chunk;
  /** Input index of each household lane. */
  where: Int32Array;
  /** The prepared submission of each lane, when it was prepared (null: read raw). */
  pending: (PreparedInput | null)[];
  rowBad: Uint8Array;
  codes: Int8Array;
  amounts: Float64Array;
}

function newBatch(plan: ColumnarPlan): Batch {
  return {
    chunk: {
      n: 0,
      m: 0,
      offsets: new Int32Array(CHUNK + 1),
      owner: new Int32Array(CHUNK * 4),
      house: new Map(),
      member: new Map(),
      derived: new Array(plan.derived.length),
    },
    where: new Int32Array(CHUNK),
    pending: new Array(CHUNK).fill(null),
    rowBad: new Uint8Array(CHUNK),
    codes: new Int8Array(plan.rules.length),
    amounts: new Float64Array(plan.benefits.length),
  };
}

/**
 * Runs the kernels over a filled chunk of `n` households and sends each result to the sink; a household with a
 * bad lane goes to the scalar path (prepared now if it was read raw). Returns how many did.
 */
function evaluateChunk(
  compiled: CompiledProgram,
  plan: ColumnarPlan,
  b: Batch,
  n: number,
  inputs: readonly unknown[],
  partial: boolean,
  scalar: ScalarEvaluator,
  sink: ResultSink,
  capture: DerivedCapture | null,
  cache: PreparedCache | null,
): number {
  const { chunk, rowBad, codes, amounts, where, pending } = b;
  let fallbacks = 0;
  for (let d = 0; d < plan.derived.length; d++) {
    const col = plan.derived[d].run(chunk);
    chunk.derived[d] = col;
    if (col.anyBad === false) continue;
    const bad = col.bad;
    for (let i = 0; i < n; i++) rowBad[i] |= bad[i];
  }
  // Per rule: outcome values, and bad marks (null when the chunk has none), of the conditions and the waiver.
  const rules = plan.rules.length;
  const cv: Float64Array[] = new Array(rules);
  const cb: (Uint8Array | null)[] = new Array(rules);
  const wv: (Float64Array | null)[] = new Array(rules);
  const wb: (Uint8Array | null)[] = new Array(rules);
  for (let r = 0; r < rules; r++) {
    const c = plan.rules[r].conditions.run(chunk);
    const w = plan.rules[r].waiver?.run(chunk) ?? null;
    cv[r] = c.v;
    cb[r] = c.anyBad === false ? null : c.bad;
    wv[r] = w ? w.v : null;
    wb[r] = w === null || w.anyBad === false ? null : w.bad;
  }
  const benefitCols = plan.benefits.map((bp) => ({ a: bp.amount.run(chunk), when: bp.minimumWhen ? bp.minimumWhen.run(chunk) : null }));
  // The captured derived value's lanes, read as the scalar path's values (true/false for a boolean column).
  const captured = capture ? chunk.derived[capture.slot].v : null;
  const capturedBoolean = capture !== null && plan.derived[capture.slot].kind === 'b';
  for (let i = 0; i < n; i++) {
    let bad = rowBad[i] === 1;
    let eligible = true;
    for (let r = 0; r < rules && !bad; r++) {
      const wvr = wv[r];
      const wbr = wb[r];
      const cbr = cb[r];
      if (wbr !== null && wbr[i] === 1) bad = true;
      else if (wvr !== null && wvr[i] === 1) codes[r] = 3;
      else if (cbr !== null && cbr[i] === 1) bad = true;
      else if (cv[r][i] === 1) codes[r] = 1;
      else {
        codes[r] = 0;
        eligible = false;
      }
    }
    for (let k = 0; k < plan.benefits.length && eligible && !bad; k++) {
      const bp = plan.benefits[k];
      const { a, when } = benefitCols[k];
      let amount = a.v[i];
      // The scalar path reports an error for a non-finite amount: such households are left to it.
      if (a.bad[i] || !Number.isFinite(amount)) bad = true;
      if (bp.rounding) amount = roundToMultiple(amount, bp.rounding.to, bp.rounding.mode);
      if (bp.minimum !== undefined) {
        if (when?.bad[i]) bad = true;
        else if ((!when || when.v[i] === 1) && amount < bp.minimum) amount = bp.minimum;
      }
      if (bp.maximum !== undefined && amount > bp.maximum) amount = bp.maximum;
      amounts[k] = amount;
    }
    if (bad) {
      sink.scalar(where[i], scalar(pending[i] ?? preparedAt(compiled, inputs, where[i], partial, cache)));
      fallbacks++;
    } else {
      sink.decided(where[i], codes, eligible, amounts);
      if (captured) (capture as DerivedCapture).values[where[i]] = capturedBoolean ? captured[i] === 1 : captured[i];
    }
    pending[i] = null;
  }
  return fallbacks;
}

/** The state of one batch on the reader path (one object, so that the chunk step is a top-level function). */
interface ReadRun {
  compiled: CompiledProgram;
  plan: ColumnarPlan;
  reader: Reader;
  inputs: readonly unknown[];
  partial: boolean;
  scalar: ScalarEvaluator;
  sink: ResultSink;
  capture: DerivedCapture | null;
  cache: PreparedCache | null;
  b: Batch;
  /** Households and member lanes filled in the current chunk. */
  count: number;
  m: number;
  fallbacks: number;
}

/**
 * The common case: each submission is read straight into the chunk by the form's reader; one the reader does not
 * accept is prepared (pruned, validated) and, when clean, read again from its prepared data, else evaluated by the
 * scalar path.
 */
function runRead(
  compiled: CompiledProgram,
  plan: ColumnarPlan,
  reader: Reader,
  inputs: readonly unknown[],
  partial: boolean,
  scalar: ScalarEvaluator,
  sink: ResultSink,
  capture: DerivedCapture | null,
  cache: PreparedCache | null,
): number {
  const run: ReadRun = { compiled, plan, reader, inputs, partial, scalar, sink, capture, cache, b: newBatch(plan), count: 0, m: 0, fallbacks: 0 };
  reader.startChunk();
  for (let k = 0; k < inputs.length; ) k = readChunk(run, k);
  if (run.count > 0) flushRead(run);
  return run.fallbacks;
}

/**
 * Reads submissions from `k` until the chunk is full (then evaluates it) or the inputs end; returns the next index.
 * Top-level functions, called the same way by every batch, keep their optimised code from batch to batch.
 */
function readChunk(run: ReadRun, k: number): number {
  const { reader, inputs, b } = run;
  const { chunk, where, pending, rowBad } = b;
  let count = run.count;
  let m = run.m;
  for (; k < inputs.length && count < CHUNK; k++) {
    // A submission another batch already prepared was not read raw there: read its prepared data (or evaluate it
    // by the scalar path) without trying the raw one again.
    const cached = run.cache?.[k];
    let end = cached === undefined ? reader.read(inputs[k], count, m) : -1;
    if (end < 0) {
      const prepared = cached ?? preparedAt(run.compiled, inputs, k, run.partial, run.cache);
      if (prepared.errors.length === 0 && prepared.missing.length === 0) end = reader.read(prepared.data, count, m);
      if (end < 0) {
        run.sink.scalar(k, run.scalar(prepared));
        run.fallbacks++;
        continue;
      }
      pending[count] = prepared;
    }
    chunk.offsets[count] = m;
    rowBad[count] = 0;
    where[count] = k;
    m = end;
    count++;
  }
  run.count = count;
  run.m = m;
  if (count === CHUNK) flushRead(run);
  return k;
}

/** Lays the reader's columns out as the chunk, evaluates it and starts the next one. */
function flushRead(run: ReadRun): void {
  const { plan, reader, b } = run;
  const chunk = b.chunk;
  chunk.n = run.count;
  chunk.m = run.m;
  chunk.offsets[run.count] = run.m;
  chunk.owner = reader.owner;
  let k = 0;
  for (const name of plan.inputs.keys()) chunk.house.set(name, reader.house[k++]);
  k = 0;
  for (const name of plan.fields.keys()) chunk.member.set(name, reader.member[k++]);
  k = 0;
  for (const name of plan.views.keys()) chunk.house.set(name, reader.views[k++]);
  reader.settle(run.count, run.m);
  run.fallbacks += evaluateChunk(run.compiled, plan, b, run.count, run.inputs, run.partial, run.scalar, run.sink, run.capture, run.cache);
  reader.startChunk();
  run.count = 0;
  run.m = 0;
}

/** For forms outside the reader's subset: every submission is prepared, and the clean ones extracted by chunk. */
function runExtracted(
  compiled: CompiledProgram,
  plan: ColumnarPlan,
  inputs: readonly unknown[],
  partial: boolean,
  scalar: ScalarEvaluator,
  sink: ResultSink,
  capture: DerivedCapture | null,
  cache: PreparedCache | null,
): number {
  const b = newBatch(plan);
  const extract = extractor(plan.inputs, plan.list, plan.fields, plan.views);
  const data: Record<string, unknown>[] = new Array(CHUNK);
  let fallbacks = 0;
  let count = 0;
  const flush = (): void => {
    for (let i = 0; i < count; i++) data[i] = (b.pending[i] as PreparedInput).data;
    extract.fill(b.chunk, data, count, b.rowBad);
    fallbacks += evaluateChunk(compiled, plan, b, count, inputs, partial, scalar, sink, capture, cache);
    count = 0;
  };
  for (let k = 0; k < inputs.length; k++) {
    const prepared = preparedAt(compiled, inputs, k, partial, cache);
    if (prepared.errors.length > 0 || prepared.missing.length > 0) {
      sink.scalar(k, scalar(prepared));
      fallbacks++;
      continue;
    }
    b.pending[count] = prepared;
    b.where[count] = k;
    count++;
    if (count === CHUNK) flush();
  }
  if (count > 0) flush();
  return fallbacks;
}
