/**
 * The evaluation steps shared by the traced (`evaluate`) and batch (`evaluateBatch`) paths, so that both reach the
 * same outcomes by construction: bind the input, compute derived values, decide rules, compute benefits.
 */
import type { CompiledBenefit, CompiledProgram, CompiledRule } from '../compile/index.ts';
import { recordUse, type EvalContext } from '../languages/formula/context.ts';
import { FormulaEvalError } from '../languages/formula/dates.ts';
import { UNKNOWN, type Truth } from '../languages/formula/unknown.ts';
import { roundToMultiple } from '../languages/formula/rounding.ts';

/** Rule outcome codes used inside the engine (strings are built only for results). */
export const FAIL = 0;
export const PASS = 1;
export const UNDECIDED = 2;
export const WAIVED = 3;
/** An internal rule outcome code. */
export type OutcomeCode = 0 | 1 | 2 | 3;
/** Outcome names by code. */
export const OUTCOME_NAMES = ['fail', 'pass', 'unknown', 'waived'] as const;

/** An evaluation error: where in the program, and what went wrong. */
export interface EvalError {
  path: string;
  message: string;
}

/** Resets a (reused) context for one input. */
export function bindInput(compiled: CompiledProgram, ctx: EvalContext, data: Record<string, unknown>, asOf: string): void {
  ctx.input = data;
  if (ctx.asOf !== asOf) {
    // A context serves one program; its parameters change only with the date.
    ctx.asOf = asOf;
    ctx.asOfKey = -1;
    ctx.params = compiled.paramsOn(asOf);
  }
  ctx.missing.length = 0;
  ctx.uses.length = 0;
  ctx.useStart = 0;
}

function report(errors: EvalError[] | null, path: string, e: unknown): void {
  if (!(e instanceof FormulaEvalError)) throw e;
  if (errors) errors.push({ path, message: e.message });
}

/**
 * Computes every derived value in dependency order. An unknown value keeps the missing inputs behind it; an
 * evaluation error makes the value unknown and is reported in `errors`. Returns the number of errors. With `only`, computes
 * just the derived values of those slots (give a closure: a value's slot and those of every value it reads).
 */
export function computeDerived(compiled: CompiledProgram, ctx: EvalContext, errors: EvalError[] | null, only?: ReadonlySet<number>): number {
  let failures = 0;
  const list = compiled.derived;
  for (let i = 0; i < list.length; i++) {
    const d = list[i];
    if (only && !only.has(d.slot)) continue;
    const start = ctx.missing.length;
    const useStart = ctx.uses.length;
    ctx.useStart = useStart;
    let v: unknown;
    try {
      v = d.ev(ctx);
    } catch (e) {
      report(errors, d.pointer, e);
      failures++;
      v = UNKNOWN;
    }
    ctx.derived[d.slot] = v;
    ctx.derivedMissing[d.slot] = v === UNKNOWN && ctx.missing.length > start ? ctx.missing.slice(start) : null;
    if (ctx.missing.length !== start) ctx.missing.length = start;
    if (ctx.trace) {
      ctx.derivedUseFrom[d.slot] = useStart;
      ctx.derivedUseTo[d.slot] = ctx.uses.length;
    }
  }
  // Rules and benefits share one segment of parameter uses.
  ctx.useStart = ctx.uses.length;
  return failures;
}

/** Combines the truth of a rule's conditions and of its waiver into its outcome. */
export function combine(conditions: Truth, waiver: Truth | -1): OutcomeCode {
  if (waiver === 1) return WAIVED;
  if (conditions === 1) return PASS;
  if (conditions === 0 && waiver !== 2) return FAIL;
  return UNDECIDED;
}

/**
 * Decides one rule (short-circuiting). Missing inputs stay on `ctx.missing` only when the outcome is unknown.
 * An evaluation error makes the outcome unknown and is reported.
 */
export function decideRule(r: CompiledRule, ctx: EvalContext, errors: EvalError[] | null): OutcomeCode | -1 {
  const start = ctx.missing.length;
  try {
    let w: Truth | -1 = -1;
    if (r.waiver) {
      w = r.waiver.fast(ctx);
      if (w === 1) {
        if (ctx.missing.length !== start) ctx.missing.length = start;
        return WAIVED;
      }
    }
    const outcome = combine(r.conditions.fast(ctx), w);
    if (outcome !== UNDECIDED) if (ctx.missing.length !== start) ctx.missing.length = start;
    return outcome;
  } catch (e) {
    report(errors, r.pointer, e);
    if (ctx.missing.length !== start) ctx.missing.length = start;
    return -1;
  }
}

/** Program eligibility from rule outcome codes. */
export function eligibilityOf(outcomes: ArrayLike<number>): 'eligible' | 'ineligible' | 'needs-more-information' {
  let unknown = false;
  for (let i = 0; i < outcomes.length; i++) {
    if (outcomes[i] === FAIL) return 'ineligible';
    if (outcomes[i] === UNDECIDED || outcomes[i] === -1) unknown = true;
  }
  return unknown ? 'needs-more-information' : 'eligible';
}

/**
 * Computes one benefit amount: formula, rounding, minimum (when its `when` holds), maximum. Returns undefined when
 * the amount is unknown (its missing inputs stay on `ctx.missing`) or cannot be computed (reported in `errors`).
 */
export function computeBenefit(b: CompiledBenefit, ctx: EvalContext, errors: EvalError[] | null): number | undefined {
  const start = ctx.missing.length;
  try {
    const v = b.ev(ctx);
    if (v === UNKNOWN) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new FormulaEvalError(`the benefit formula gave ${JSON.stringify(v)}, not an amount`);
    let amount = v;
    const rounding = b.benefit.rounding;
    if (rounding) amount = roundToMultiple(amount, rounding.to, rounding.mode);
    if (b.minimumSlot !== undefined) {
      const applies = b.when ? b.when(ctx) : true;
      if (applies === UNKNOWN) return undefined;
      if (applies === true) {
        const min = paramNumber(ctx, b.minimumSlot, b.benefit.minimum?.param ?? '');
        if (amount < min) amount = min;
      }
    }
    if (b.maximumSlot !== undefined) {
      const max = paramNumber(ctx, b.maximumSlot, b.benefit.maximum?.param ?? '');
      if (amount > max) amount = max;
    }
    if (ctx.missing.length !== start) ctx.missing.length = start;
    return amount;
  } catch (e) {
    report(errors, b.pointer, e);
    if (ctx.missing.length !== start) ctx.missing.length = start;
    return undefined;
  }
}

function paramNumber(ctx: EvalContext, slot: number, name: string): number {
  const p = ctx.params[slot];
  if (!p) throw new FormulaEvalError(`parameter "${name}" has no value in force on ${ctx.asOf}`);
  if (typeof p.value !== 'number') throw new FormulaEvalError(`parameter "${name}" must be a number to bound a benefit`);
  if (ctx.trace) recordUse(ctx, p, undefined, p.value);
  return p.value;
}

/** The missing input paths left on the context, without repeats, in first-seen order, after `required` ones. */
export function missingPaths(required: readonly { path: string }[], ctx: EvalContext): string[] {
  const out: string[] = [];
  for (let i = 0; i < required.length; i++) if (!out.includes(required[i].path)) out.push(required[i].path);
  const m = ctx.missing;
  for (let i = 0; i < m.length; i++) if (!out.includes(m[i])) out.push(m[i]);
  return out;
}
