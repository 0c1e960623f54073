/**
 * The fast path: many submissions, one as-of date, the same outcomes as `evaluate` without building reasons or
 * traces. One context is reused for the whole batch and parameters are resolved once for the date.
 */
import type { BatchResult, IsoDate, RuleOutcome } from './types.ts';
import type { CompiledProgram } from './compile.ts';
import { createContext } from './formula/context.ts';
import {
  bindInput, computeBenefit, computeDerived, decideRule, eligibilityOf, missingPaths, OUTCOME_NAMES,
} from './conditions/run.ts';
import { checkAsOf } from './evaluate.ts';

/** Shared by every result with nothing missing (frozen: results are read-only). */
const NO_MISSING: string[] = Object.freeze([]) as unknown as string[];

/** Options of `evaluateBatch`. */
export interface BatchOptions {
  asOf: IsoDate;
  /** Treat submissions as partial (required answers not given are not errors), as `evaluate` does. */
  partial?: boolean;
}

/**
 * Evaluates every input on `asOf`. Each result's eligibility, rule outcomes, benefits and missing paths equal those
 * of `evaluate` on the same input; `invalid` is true when `evaluate` would report input or evaluation errors.
 */
export function evaluateBatch(compiled: CompiledProgram, inputs: readonly unknown[], options: BatchOptions): BatchResult[] {
  checkAsOf(options.asOf);
  const partial = options.partial ?? false;
  const asOf = options.asOf;
  const ctx = createContext(compiled.derived.length, compiled.localCount, false);
  const rules = compiled.rules;
  const ruleCount = rules.length;
  const ids = rules.map((r) => r.rule.id);
  const codes = new Int8Array(ruleCount);
  // Each result's outcomes start as a copy of this template, so every copy shares one object shape.
  const template: Record<string, RuleOutcome> = {};
  for (const id of ids) template[id] = 'unknown';
  const results: BatchResult[] = new Array(inputs.length);
  compiled.paramsOn(asOf);
  for (let n = 0; n < inputs.length; n++) {
    const prepared = compiled.input.prepare(inputs[n], partial);
    bindInput(compiled, ctx, prepared.data, asOf);
    let failures = computeDerived(compiled, ctx, null);
    const outcomes: Record<string, RuleOutcome> = { ...template };
    for (let i = 0; i < ruleCount; i++) {
      const code = decideRule(rules[i], ctx, null);
      if (code === -1) failures++;
      codes[i] = code;
      outcomes[ids[i]] = code === -1 ? 'unknown' : OUTCOME_NAMES[code];
    }
    const eligibility = eligibilityOf(codes);
    const benefits: Record<string, number> = {};
    if (eligibility === 'eligible') {
      for (let b = 0; b < compiled.benefits.length; b++) {
        const cb = compiled.benefits[b];
        const start = ctx.missing.length;
        const amount = computeBenefit(cb, ctx, null);
        if (amount !== undefined) benefits[cb.benefit.id] = amount;
        else if (ctx.missing.length === start) failures++;
      }
    }
    results[n] = {
      eligibility,
      outcomes,
      benefits,
      missing: prepared.missing.length === 0 && ctx.missing.length === 0 ? NO_MISSING : missingPaths(prepared.missing, ctx),
      invalid: prepared.errors.length > 0 || failures > 0,
    };
  }
  return results;
}
