/**
 * Where the columnar runner's results go: `BatchResult` objects (rule-outcome objects shared per combination of
 * codes and frozen, empty benefits shared and frozen, every object built with one shape), or typed-array columns
 * (`BatchColumns`) that build a `BatchResult` only when `resultAt(i)` asks for one.
 */
import type { BatchResult, Eligibility, RuleOutcome } from '../types.ts';
import type { ResultSink } from './run.ts';
import { NO_MISSING } from './scalar.ts';

const NAMES: readonly RuleOutcome[] = ['fail', 'pass', 'unknown', 'waived'];
const NO_BENEFITS: Record<string, number> = Object.freeze({}) as Record<string, number>;

/** Rule outcome codes in `BatchColumns.outcomes`. */
export const OUTCOME_CODES: Readonly<Record<RuleOutcome, number>> = Object.freeze({ fail: 0, pass: 1, unknown: 2, waived: 3 });
/** Eligibility codes in `BatchColumns.eligibility`: index → name. */
export const ELIGIBILITY_NAMES: readonly Eligibility[] = Object.freeze(['ineligible', 'eligible', 'needs-more-information']) as readonly Eligibility[];

/** A batch's results as columns; `resultAt(i)` equals what `evaluateBatch` returns at index `i`. */
export interface BatchColumns {
  length: number;
  ruleIds: readonly string[];
  benefitIds: readonly string[];
  /** Per household: index into `ELIGIBILITY_NAMES`. */
  eligibility: Uint8Array;
  /** `outcomes[r][i]`: outcome code (`OUTCOME_CODES`) of rule r for household i. */
  outcomes: Uint8Array[];
  /** `benefits[b][i]`: amount of benefit b for household i, NaN when it has none. */
  benefits: Float64Array[];
  /** Per household: 1 when the submission or its evaluation had errors. */
  invalid: Uint8Array;
  /** Per household: 1 when some input is missing (the paths are in `resultAt(i).missing`). */
  hasMissing: Uint8Array;
  resultAt(i: number): BatchResult;
}

/** A sink building `BatchResult` objects into `results`. */
export function objectSink(ruleIds: readonly string[], benefitIds: readonly string[], results: BatchResult[]): ResultSink {
  const byCodes = new Map<number, Record<string, RuleOutcome>>();
  const cacheable = ruleIds.length <= 24;
  const outcomesOf = (codes: Int8Array): Record<string, RuleOutcome> => {
    let key = 0;
    if (cacheable) {
      for (let r = 0; r < codes.length; r++) key = key * 4 + codes[r];
      const hit = byCodes.get(key);
      if (hit) return hit;
    }
    const outcomes: Record<string, RuleOutcome> = {};
    for (let r = 0; r < codes.length; r++) outcomes[ruleIds[r]] = NAMES[codes[r]];
    Object.freeze(outcomes);
    if (cacheable) byCodes.set(key, outcomes);
    return outcomes;
  };
  return {
    scalar(index, result) {
      results[index] = result;
    },
    decided(index, codes, eligible, amounts) {
      let benefits = NO_BENEFITS;
      if (eligible && benefitIds.length > 0) {
        benefits = {};
        for (let b = 0; b < benefitIds.length; b++) benefits[benefitIds[b]] = amounts[b];
      }
      results[index] = { eligibility: eligible ? 'eligible' : 'ineligible', outcomes: outcomesOf(codes), benefits, missing: NO_MISSING, invalid: false };
    },
  };
}

/** Empty columns for `length` households, and the sink that fills them. */
export function columnSink(ruleIds: readonly string[], benefitIds: readonly string[], length: number): { columns: BatchColumns; sink: ResultSink } {
  const eligibility = new Uint8Array(length);
  const outcomes = ruleIds.map(() => new Uint8Array(length));
  const benefits = benefitIds.map(() => new Float64Array(length).fill(NaN));
  const invalid = new Uint8Array(length);
  const hasMissing = new Uint8Array(length);
  // Scalar results are kept whole (their missing paths); columnar ones are rebuilt from the columns on demand.
  const kept = new Map<number, BatchResult>();
  const decidedOutcomes = new Int8Array(ruleIds.length);
  const decidedAmounts = new Float64Array(benefitIds.length);
  const one: BatchResult[] = [];
  const rebuild = objectSink(ruleIds, benefitIds, one);
  const columns: BatchColumns = {
    length, ruleIds, benefitIds, eligibility, outcomes, benefits, invalid, hasMissing,
    resultAt(i) {
      const whole = kept.get(i);
      if (whole) return whole;
      if (i < 0 || i >= length || !Number.isInteger(i)) throw new RangeError(`resultAt(${i}): the batch has ${length} results (0 to ${length - 1})`);
      for (let r = 0; r < ruleIds.length; r++) decidedOutcomes[r] = outcomes[r][i];
      for (let b = 0; b < benefitIds.length; b++) decidedAmounts[b] = benefits[b][i];
      rebuild.decided(0, decidedOutcomes, eligibility[i] === 1, decidedAmounts);
      return one[0];
    },
  };
  const sink: ResultSink = {
    scalar(index, result) {
      kept.set(index, result);
      eligibility[index] = ELIGIBILITY_NAMES.indexOf(result.eligibility);
      for (let r = 0; r < ruleIds.length; r++) outcomes[r][index] = OUTCOME_CODES[result.outcomes[ruleIds[r]]];
      for (let b = 0; b < benefitIds.length; b++) {
        const amount = result.benefits[benefitIds[b]];
        if (amount !== undefined) benefits[b][index] = amount;
      }
      invalid[index] = result.invalid ? 1 : 0;
      hasMissing[index] = result.missing.length > 0 ? 1 : 0;
    },
    decided(index, codes, eligible, amounts) {
      eligibility[index] = eligible ? 1 : 0;
      for (let r = 0; r < codes.length; r++) outcomes[r][index] = codes[r];
      if (eligible) for (let b = 0; b < amounts.length; b++) benefits[b][index] = amounts[b];
    },
  };
  return { columns, sink };
}
