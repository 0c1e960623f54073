/**
 * Where the columnar runner's results go: `BatchResult` objects (rule-outcome objects shared per combination of
 * codes and frozen, empty benefits shared and frozen, every object built with one shape), or typed-array columns
 * (`BatchColumns`) that build a `BatchResult` only when `resultAt(i)` asks for one.
 */
import type { BatchResult, Eligibility, RuleOutcome } from '../../format/types.ts';
import type { ResultSink } from './run.ts';
import { NO_MISSING } from './scalar.ts';

const NAMES: readonly RuleOutcome[] = ['fail', 'pass', 'unknown', 'waived'];
const NO_BENEFITS: Record<string, number> = Object.freeze({}) as Record<string, number>;

/** Rule outcome codes in `BatchColumns.outcomes`. */
export const OUTCOME_CODES: Readonly<Record<RuleOutcome, number>> = Object.freeze({ fail: 0, pass: 1, unknown: 2, waived: 3 });
/** Eligibility codes in `BatchColumns.eligibility`: index → name. */
export const ELIGIBILITY_NAMES: readonly Eligibility[] = Object.freeze([
  'ineligible',
  'eligible',
  'needs-more-information',
]) as readonly Eligibility[];

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

/** Most distinct decided results a sink keeps for sharing (beyond it, each household gets its own object). */
const SHARED_RESULTS = 65_536;

/**
 * Decided results kept for sharing: by outcome codes, then by amount. A pool belongs to one compiled program (its
 * rule and benefit ids), and lives as long as it (`resultPool`), so that batch after batch (a mass
 * re-determination runs many) shares the same frozen objects instead of building them again.
 */
export interface ResultPool {
  byKey: (Shared | undefined)[];
  /** How many results the pool holds (at most SHARED_RESULTS). */
  size: number;
}

const pools = new WeakMap<object, ResultPool>();

function emptyPool(): ResultPool {
  return { byKey: [], size: 0 };
}

/** The result pool of `owner` (a compiled program), made on first use. */
export function resultPool(owner: object): ResultPool {
  let pool = pools.get(owner);
  if (pool === undefined) {
    pool = emptyPool();
    pools.set(owner, pool);
  }
  return pool;
}

/**
 * A sink building `BatchResult` objects into `results`. Decided results are frozen and shared between households
 * with the same outcomes and amount (a batch of 100,000 households has a few thousand distinct results), taken from
 * and added to `pool`, so a large batch allocates little; each shared object is equal to the one `evaluate` would
 * lead to. The pool must hold results of the same rule and benefit ids (one program).
 */
export function objectSink(
  ruleIds: readonly string[],
  benefitIds: readonly string[],
  results: BatchResult[],
  pool: ResultPool = emptyPool(),
): ResultSink {
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
  const build = (codes: Int8Array, eligible: boolean, amounts: Float64Array): BatchResult => {
    let benefits = NO_BENEFITS;
    if (eligible && benefitIds.length > 0) {
      benefits = {};
      for (let b = 0; b < benefitIds.length; b++) benefits[benefitIds[b]] = amounts[b];
      Object.freeze(benefits);
    }
    return Object.freeze({
      eligibility: eligible ? 'eligible' : 'ineligible',
      outcomes: outcomesOf(codes),
      benefits,
      missing: NO_MISSING,
      invalid: false,
    });
  };
  // Shared results by outcome codes, then (eligible, one benefit) by amount: whole-dollar amounts below SMALL in an
  // array, others in a map; with several benefits, by each amount in turn in nested maps. Programs with more rules
  // than a number key holds build each result.
  const shareable = cacheable;
  const byKey = pool.byKey;
  return {
    scalar(index, result) {
      results[index] = result;
    },
    decided(index, codes, eligible, amounts) {
      if (!shareable || pool.size >= SHARED_RESULTS) {
        results[index] = build(codes, eligible, amounts);
        return;
      }
      let key = 0;
      for (let r = 0; r < codes.length; r++) key = key * 4 + codes[r];
      let entry = byKey[key];
      if (entry === undefined) byKey[key] = entry = { none: null, small: null, other: null, many: null };
      if (!eligible || benefitIds.length === 0) {
        // Only one of the two can occur for a key: the codes decide eligibility.
        if (entry.none === null) {
          entry.none = build(codes, eligible, amounts);
          pool.size++;
        }
        results[index] = entry.none;
        return;
      }
      if (benefitIds.length > 1) {
        results[index] = sharedOfMany(pool, entry, amounts, () => build(codes, eligible, amounts));
        return;
      }
      const amount = amounts[0];
      const small = amount >= 0 && amount < SMALL && (amount | 0) === amount && !Object.is(amount, -0);
      // Preallocated (holey, fast elements), so that indexing it never turns it into a dictionary.
      if (small && entry.small === null) entry.small = new Array(SMALL);
      if (!small && entry.other === null) entry.other = new Map();
      let result = small ? (entry.small as BatchResult[])[amount] : (entry.other as Map<number, BatchResult>).get(amount);
      // Map keys do not tell -0 from 0; such an amount gets its own object.
      if (result === undefined || Object.is(amount, -0)) {
        result = build(codes, eligible, amounts);
        if (small) (entry.small as BatchResult[])[amount] = result;
        else if (!Object.is(amount, -0)) (entry.other as Map<number, BatchResult>).set(amount, result);
        pool.size++;
      }
      results[index] = result;
    },
  };
}

/** The shared result of `amounts` (two or more) in `entry`, made by `make` when there is none yet. */
function sharedOfMany(pool: ResultPool, entry: Shared, amounts: Float64Array, make: () => BatchResult): BatchResult {
  // Map keys do not tell -0 from 0; a result with a -0 amount gets its own object.
  for (let b = 0; b < amounts.length; b++) if (Object.is(amounts[b], -0)) return make();
  if (entry.many === null) entry.many = new Map();
  let level: Map<number, unknown> = entry.many;
  const last = amounts.length - 1;
  for (let b = 0; b < last; b++) {
    let next = level.get(amounts[b]) as Map<number, unknown> | undefined;
    if (next === undefined) level.set(amounts[b], (next = new Map()));
    level = next;
  }
  let result = level.get(amounts[last]) as BatchResult | undefined;
  if (result === undefined) {
    result = make();
    level.set(amounts[last], result);
    pool.size++;
  }
  return result;
}

/** Whole-dollar amounts below this are looked up by index. */
const SMALL = 8192;

/** The shared results of one combination of rule outcomes. */
interface Shared {
  /** The result when there is no amount to tell results apart (ineligible, or no benefits). */
  none: BatchResult | null;
  small: BatchResult[] | null;
  other: Map<number, BatchResult> | null;
  /** With several benefits: maps by the first amount, then the next, …, to the result. */
  many: Map<number, unknown> | null;
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
    length,
    ruleIds,
    benefitIds,
    eligibility,
    outcomes,
    benefits,
    invalid,
    hasMissing,
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
