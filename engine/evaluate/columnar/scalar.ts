/**
 * The scalar batch evaluator of one prepared submission (one reused context per batch): the path every household
 * takes when the columnar path does not apply to it, and the reference the columnar results must equal.
 */
import type { BatchResult, IsoDate, RuleOutcome } from '../../format/types.ts';
import type { CompiledProgram } from '../../compile/index.ts';
import type { PreparedInput } from '../../compile/input.ts';
import { createContext } from '../../languages/formula/context.ts';
import { bindInput, computeBenefit, computeDerived, decideRule, eligibilityOf, missingPaths, OUTCOME_NAMES } from '../steps.ts';

/** Shared by every result with nothing missing (frozen: results are read-only). */
export const NO_MISSING: string[] = Object.freeze([]) as unknown as string[];

/**
 * Evaluates prepared submissions of one batch on `asOf`, with the outcomes of `evaluate`; `lastDerived(slot)` is a
 * derived value of the submission it evaluated last (as `evaluate` computes it, before it is made external), or
 * undefined when that submission was not evaluated (`skipInvalid`).
 */
export type ScalarEvaluator = ((prepared: PreparedInput) => BatchResult) & { lastDerived(slot: number): unknown };

/**
 * A scalar evaluator for `compiled` on `asOf` (parameters bound once, context reused). With `skipInvalid`, a
 * submission with input errors is not evaluated: its result is one shared frozen `invalid` result (every rule outcome
 * unknown, no benefit, nothing missing), for callers that only need to know it is invalid, as `evaluate` would say.
 */
export function scalarEvaluator(compiled: CompiledProgram, asOf: IsoDate, skipInvalid = false): ScalarEvaluator {
  const ctx = createContext(compiled.derived.length, compiled.localCount, false);
  const rules = compiled.rules;
  const ruleCount = rules.length;
  const ids = rules.map((r) => r.rule.id);
  const codes = new Int8Array(ruleCount);
  // Each result's outcomes start as a copy of this template, so every copy shares one object shape.
  const template: Record<string, RuleOutcome> = {};
  for (const id of ids) template[id] = 'unknown';
  const skipped: BatchResult = Object.freeze({
    eligibility: eligibilityOf(new Int8Array(ruleCount).fill(-1)),
    outcomes: Object.freeze({ ...template }),
    benefits: Object.freeze({}),
    missing: NO_MISSING,
    invalid: true,
  });
  let evaluated = false;
  compiled.paramsOn(asOf);
  const evaluateOne = (prepared: PreparedInput): BatchResult => {
    // `evaluate` reports input errors whatever the rules decide: such a submission is invalid before it is evaluated.
    evaluated = !(skipInvalid && prepared.errors.length > 0);
    if (!evaluated) return skipped;
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
    return {
      eligibility,
      outcomes,
      benefits,
      missing: prepared.missing.length === 0 && ctx.missing.length === 0 ? NO_MISSING : missingPaths(prepared.missing, ctx),
      invalid: prepared.errors.length > 0 || failures > 0,
    };
  };
  return Object.assign(evaluateOne, { lastDerived: (slot: number) => (evaluated ? ctx.derived[slot] : undefined) });
}
