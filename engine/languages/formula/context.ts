/**
 * The evaluation context shared by compiled formulas and conditions. One context is reused across the inputs of a
 * batch; compiled code reads and writes its fields in place so that evaluating allocates as little as possible.
 */
import type { ParameterInForce } from '../../evaluate/parameters.ts';

/** One `param()` lookup remembered for the trace. */
export interface ParamUseRecord {
  p: ParameterInForce;
  key: unknown;
  value: unknown;
}

/** Lazily computes the JSON Pointer of an input value (only called when a missing value must be recorded). */
export type PathFn = (ctx: EvalContext) => string | null;

/** Mutable state of one evaluation. */
export interface EvalContext {
  /** The (pruned, cleaned) submission. */
  input: Record<string, unknown>;
  asOf: string;
  /** `asOf` as yyyymmdd once `age()` has needed it; -1 until then (set back by `bindInput` when the date changes). */
  asOfKey: number;
  /** Parameters in force on `asOf`, by parameter slot. */
  params: (ParameterInForce | undefined)[];
  /** Derived values by slot (`UNKNOWN` when unknown). */
  derived: unknown[];
  /** For each unknown derived value, the missing input paths that made it unknown. */
  derivedMissing: (string[] | null)[];
  /**
   * For each derived value (traced runs only), the parameter lookups its own formula made: `uses` from
   * `derivedUseFrom[slot]` up to (not including) `derivedUseTo[slot]` (`uses` only grows during an evaluation).
   */
  derivedUseFrom: Int32Array;
  derivedUseTo: Int32Array;
  /** Lambda parameters by slot: the current element, its index, and how to find the list's pointer. */
  locals: unknown[];
  localIndex: number[];
  localPath: (PathFn | null)[];
  /** Missing input paths recorded so far; truncated back when an operator absorbs an unknown. */
  missing: string[];
  /** Whether to remember parameter lookups (traced evaluation). */
  trace: boolean;
  uses: ParamUseRecord[];
  /** Start of the segment of `uses` kept free of repeats (the current derived value, or the rules). */
  useStart: number;
  /** The fact and threshold values seen by the last condition evaluated (read by the tracer). */
  lastFact: unknown;
  lastThreshold: unknown;
}

/** A fresh context sized for a compiled program. */
export function createContext(derivedCount: number, localCount: number, trace: boolean): EvalContext {
  return {
    input: {},
    asOf: '',
    asOfKey: -1,
    params: [],
    derived: new Array(derivedCount).fill(undefined),
    derivedMissing: new Array(derivedCount).fill(null),
    derivedUseFrom: new Int32Array(derivedCount),
    derivedUseTo: new Int32Array(derivedCount),
    locals: new Array(localCount).fill(undefined),
    localIndex: new Array(localCount).fill(0),
    localPath: new Array(localCount).fill(null),
    missing: [],
    trace,
    uses: [],
    useStart: 0,
    lastFact: undefined,
    lastThreshold: undefined,
  };
}

/**
 * Remembers a parameter lookup for the trace, once per segment (repeats inside lambdas are skipped); the record is
 * only allocated when it is new.
 */
export function recordUse(ctx: EvalContext, p: ParameterInForce, key: unknown, value: unknown): void {
  const uses = ctx.uses;
  for (let i = ctx.useStart; i < uses.length; i++) {
    const u = uses[i];
    if (u.p === p && u.key === key) return;
  }
  uses.push({ p, key, value });
}
