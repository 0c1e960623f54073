/**
 * Impact of a rule change: two compiled versions of a program evaluated over the same households on one as-of date,
 * on the batch path, summed into an `ImpactSummary` — who becomes eligible, ineligible or in need of more
 * information, whose amount goes up or down, what it costs per benefit, the distribution of the changes, a
 * breakdown by a form field or derived value, and a few sample cases per kind of change with both determinations and
 * the first rule outcome or value that differs.
 *
 * Each household has a status under each version: its eligibility, or `invalid` when `evaluate` would report input
 * or evaluation errors. Amounts count only under the status `eligible`.
 *
 * Money is summed in whole cents per year, so sums are exact and merging is associative: a year of a benefit is 12
 * monthly, 52 weekly or 1 yearly payment, and a once-only grant counts once, at its full amount, in the year. Monthly
 * figures are the yearly ones divided by 12 (a once-only grant is spread over the year).
 *
 * Mergeable: `mergeImpact(a, b)` of the summaries of two disjoint runs (each told the index of its first household,
 * `firstIndex`) equals the summary of one run over both, in any order: counts and cents add, and the samples are the
 * households with the lowest indexes. Pure and browser-safe (no node: imports): the studio runs it in a Web Worker.
 */
import type { CompiledProgram } from '../compile/index.ts';
import type { PreparedInput } from '../compile/input.ts';
import { ELIGIBILITY_NAMES, evaluateBatchColumns, type BatchColumns, type DerivedCapture, type PreparedCache } from '../evaluate/batch.ts';
import { evaluate } from '../evaluate/index.ts';
import { bindInput, computeDerived } from '../evaluate/steps.ts';
import { createContext } from '../languages/formula/context.ts';
import { UNKNOWN } from '../languages/formula/unknown.ts';
import type { Benefit, Determination, Eligibility, IsoDate, RuleOutcome } from '../format/types.ts';

/** A household's result under one version: its eligibility, or `invalid` (input or evaluation errors). */
export type ImpactStatus = Eligibility | 'invalid';

/** The kind of change a household sees; each household has exactly one. */
export type ImpactCategory =
  | 'newly-eligible'
  | 'newly-ineligible'
  | 'newly-needs-more-information'
  | 'newly-invalid'
  | 'amount-up'
  | 'amount-down'
  | 'unchanged';

/** Every category, in the order summaries list them. */
export const IMPACT_CATEGORIES: readonly ImpactCategory[] = [
  'newly-eligible',
  'newly-ineligible',
  'newly-needs-more-information',
  'newly-invalid',
  'amount-up',
  'amount-down',
  'unchanged',
];

/** One benefit's money under both versions (yearly cents, exact) and what follows from it. */
export interface BenefitImpact {
  title: string;
  period: Benefit['period'];
  /** Households receiving an amount under the earlier version, the later one, and either. */
  recipientsBefore: number;
  recipientsAfter: number;
  recipientsEither: number;
  /** Sum of the yearly amounts, in cents, under each version. */
  yearlyCentsBefore: number;
  yearlyCentsAfter: number;
  /** Derived from the cents: the change per year and per month, in currency units. */
  annualChange: number;
  monthlyChange: number;
  /** Monthly change per household receiving the benefit under either version (0 when none does). */
  averageMonthlyChange: number;
}

/** The counts of one set of households (the whole population, or one group of the breakdown). */
export interface ImpactTally {
  households: number;
  /** Households per category. */
  categories: Record<ImpactCategory, number>;
  /** Households eligible under both versions whose total yearly amount stayed the same. */
  amountSame: number;
  /** Households per status change, keyed `before→after` (e.g. `eligible→ineligible`), unchanged ones included. */
  transitions: Record<string, number>;
  benefits: Record<string, BenefitImpact>;
}

/** One bin of a histogram: changes of the monthly amount `c` with `min < c ≤ max` (increases), `min ≤ c < max` (decreases), or exactly 0. */
export interface HistogramBin {
  min: number | null;
  max: number | null;
  count: number;
}

/** A rule outcome, derived value, benefit amount or status that differs between the two determinations. */
export type ImpactDifference =
  | { kind: 'rule'; rule: string; before: RuleOutcome | null; after: RuleOutcome | null }
  | { kind: 'value'; name: string; before: unknown; after: unknown }
  | { kind: 'benefit'; benefit: string; before: number | null; after: number | null }
  | { kind: 'status'; before: ImpactStatus; after: ImpactStatus };

/** A sample case: the household, its place in the stream, both traced determinations and their first difference. */
export interface ImpactSample {
  index: number;
  household: unknown;
  before: Determination;
  after: Determination;
  /** The first rule outcome (in rule order), else derived value, else benefit amount that differs; null when none. */
  difference: ImpactDifference | null;
}

/** Which version a summary describes. */
export interface ImpactVersion {
  programId: string;
  version: number;
  hash: string;
}

/** What `impact` returns: plain JSON, mergeable with `mergeImpact`. */
export interface ImpactSummary extends ImpactTally {
  before: ImpactVersion;
  after: ImpactVersion;
  asOf: IsoDate;
  /** The form field or derived value of the breakdown, or null for none. */
  by: string | null;
  /** Per group of `by` (sorted keys; `(none)` when the value is unknown or not given). */
  groups: Record<string, ImpactTally>;
  /** Per benefit, the monthly change of each household receiving it under either version. */
  histogram: Record<string, HistogramBin[]>;
  /** Magnitudes (monthly, currency units) the histogram bins are cut at, on both sides of 0. */
  histogramEdges: number[];
  sampleSize: number;
  /** Per category, the households with the lowest indexes (up to `sampleSize`). */
  samples: Record<ImpactCategory, ImpactSample[]>;
}

/** Options of `impact`. */
export interface ImpactOptions {
  asOf: IsoDate;
  /** A derived value name, a top-level form field, or a JSON Pointer into the answers; default `householdSize` when the later version derives it, else no breakdown; null for none. */
  by?: string | null;
  /** Sample cases kept per category; default 3. */
  sampleSize?: number;
  /** Histogram edges (monthly amounts, ascending, positive); default 10, 25, 50, 100, 250, 500. */
  histogram?: number[];
  /** Index of the first household in the whole stream, for runs over chunks that are merged later; default 0. */
  firstIndex?: number;
  /** Treat missing required answers as missing, not as errors (as `evaluate`'s `partial`). */
  partial?: boolean;
}

/** A problem with the options of `impact` or with merging two summaries; the message says how to fix it. */
export class ImpactError extends Error {}

const DEFAULT_EDGES = [10, 25, 50, 100, 250, 500];
const CHUNK = 4096;
const YEARLY: Record<Benefit['period'], number> = { month: 12, week: 52, year: 1, once: 1 };
const NONE = '(none)';
const STATUSES: readonly ImpactStatus[] = ['eligible', 'ineligible', 'needs-more-information', 'invalid'];
/** The `before→after` keys, built once (not per household). */
const TRANSITIONS = Object.fromEntries(STATUSES.map((a) => [a, Object.fromEntries(STATUSES.map((b) => [b, `${a}→${b}`]))])) as Record<
  ImpactStatus,
  Record<ImpactStatus, string>
>;

/** Compares `before` and `after` over `households` on `options.asOf` (one pass over the iterable, in chunks). */
export function impact(before: CompiledProgram, after: CompiledProgram, households: Iterable<unknown>, options: ImpactOptions): ImpactSummary {
  const edges = checkEdges(options.histogram ?? DEFAULT_EDGES);
  const sampleSize = options.sampleSize ?? 3;
  if (!Number.isInteger(sampleSize) || sampleSize < 0) throw new ImpactError(`sampleSize ${sampleSize} must be a whole number, 0 or more.`);
  const by = options.by === undefined ? (after.derivedIndex.has('householdSize') ? 'householdSize' : null) : options.by;
  const groups = by === null ? null : groupReader(before, after, by, options.asOf, options.partial ?? false);
  const summary = emptySummary(before, after, options.asOf, by, edges, sampleSize);
  const columns = benefitColumns(before, after);
  const sameForm = sameFormSchema(before, after);
  let index = options.firstIndex ?? 0;
  let chunk: unknown[] = [];
  const flush = () => {
    // The breakdown's derived value comes back from the batch path; only where it is not a number or true/false
    // (unknown, a date, a text) is it computed again from the prepared answers.
    const capture: DerivedCapture | undefined = groups?.slot != null ? { slot: groups.slot, values: new Array(chunk.length) } : undefined;
    // With the same form, a submission prepared for one version (something missing or invalid) is not prepared again.
    // A submission with input errors has the status `invalid` under a version whatever its rules decide: not evaluated.
    const prepared: PreparedCache | undefined = sameForm ? new Array(chunk.length) : undefined;
    const batch = { asOf: options.asOf, partial: options.partial, prepared, skipInvalid: true };
    const a = evaluateBatchColumns(before, chunk, groups?.owner === before ? { ...batch, derived: capture } : batch);
    const b = evaluateBatchColumns(after, chunk, groups?.owner === after ? { ...batch, derived: capture } : batch);
    for (let i = 0; i < chunk.length; i++) {
      const from = statusAt(a, i);
      const to = statusAt(b, i);
      const change = tallyHousehold(summary, columns, a, b, i, from, to, summary.histogram, edges);
      if (groups) {
        const captured = capture?.values[i];
        const key = captured === undefined ? groups.read(chunk[i], prepared?.[i]) : groupKey(captured);
        const group = (summary.groups[key] ??= emptyTally());
        tallyHousehold(group, columns, a, b, i, from, to, null, edges);
      }
      const samples = summary.samples[change];
      if (samples.length < sampleSize) samples.push(sampleCase(before, after, chunk[i], index + i, options));
    }
    index += chunk.length;
    chunk = [];
  };
  for (const household of households) {
    chunk.push(household);
    if (chunk.length === CHUNK) flush();
  }
  if (chunk.length > 0) flush();
  return finish(summary);
}

/** The summary of two disjoint runs with the same versions, date, breakdown, edges and sample size, as one run over both. */
export function mergeImpact(a: ImpactSummary, b: ImpactSummary): ImpactSummary {
  for (const key of ['asOf', 'by', 'sampleSize'] as const) {
    if (a[key] !== b[key]) throw new ImpactError(`Cannot merge impact summaries with different ${key}: ${String(a[key])} and ${String(b[key])}.`);
  }
  if (a.before.hash !== b.before.hash || a.after.hash !== b.after.hash) {
    throw new ImpactError('Cannot merge impact summaries of different versions: compare the same two versions in every chunk.');
  }
  if (a.histogramEdges.join() !== b.histogramEdges.join()) throw new ImpactError('Cannot merge impact summaries with different histogram edges.');
  const out: ImpactSummary = { ...a, ...mergeTally(a, b), groups: {}, histogram: {}, samples: {} as ImpactSummary['samples'] };
  for (const key of new Set([...Object.keys(a.groups), ...Object.keys(b.groups)])) {
    const x = a.groups[key];
    const y = b.groups[key];
    out.groups[key] = x && y ? mergeTally(x, y) : structuredClone(x ?? y);
  }
  for (const id of new Set([...Object.keys(a.histogram), ...Object.keys(b.histogram)])) {
    const x = a.histogram[id];
    const y = b.histogram[id];
    out.histogram[id] = (x ?? y).map((bin, i) => ({ ...bin, count: (x?.[i].count ?? 0) + (y?.[i].count ?? 0) }));
  }
  for (const category of IMPACT_CATEGORIES) {
    out.samples[category] = [...a.samples[category], ...b.samples[category]].sort((p, q) => p.index - q.index).slice(0, a.sampleSize);
  }
  return finish(out);
}

/** Whether two versions have the same form schema (so the same prepared submissions); remembered per pair. */
const sameForms = new WeakMap<CompiledProgram, WeakMap<CompiledProgram, boolean>>();
function sameFormSchema(a: CompiledProgram, b: CompiledProgram): boolean {
  let byB = sameForms.get(a);
  if (!byB) sameForms.set(a, (byB = new WeakMap()));
  let same = byB.get(b);
  if (same === undefined) byB.set(b, (same = a.input.schema === b.input.schema || JSON.stringify(a.input.schema) === JSON.stringify(b.input.schema)));
  return same;
}

function checkEdges(edges: number[]): number[] {
  if (edges.length === 0 || edges.some((e, i) => !(e > 0) || !Number.isFinite(e) || (i > 0 && e <= edges[i - 1]))) {
    throw new ImpactError(`histogram edges ${JSON.stringify(edges)} must be positive, finite and ascending, e.g. [10, 25, 50, 100].`);
  }
  return [...edges];
}

function emptyTally(): ImpactTally {
  const categories = {} as Record<ImpactCategory, number>;
  for (const c of IMPACT_CATEGORIES) categories[c] = 0;
  return { households: 0, categories, amountSame: 0, transitions: {}, benefits: {} };
}

function emptySummary(
  before: CompiledProgram,
  after: CompiledProgram,
  asOf: IsoDate,
  by: string | null,
  histogramEdges: number[],
  sampleSize: number,
): ImpactSummary {
  const samples = {} as ImpactSummary['samples'];
  for (const c of IMPACT_CATEGORIES) samples[c] = [];
  return {
    before: versionOf(before),
    after: versionOf(after),
    asOf,
    by,
    ...emptyTally(),
    groups: {},
    histogram: {},
    histogramEdges,
    sampleSize,
    samples,
  };
}

function versionOf(compiled: CompiledProgram): ImpactVersion {
  return { programId: compiled.program.id, version: compiled.program.version, hash: compiled.hash };
}

function statusAt(c: BatchColumns, i: number): ImpactStatus {
  return c.invalid[i] === 1 ? 'invalid' : ELIGIBILITY_NAMES[c.eligibility[i]];
}

/**
 * A benefit of either version, with its column in each version's batch results and the factor from its amount to a
 * year under each (column -1 and factor null where it is absent).
 */
interface BenefitColumn {
  id: string;
  title: string;
  period: Benefit['period'];
  columnBefore: number;
  columnAfter: number;
  yearlyBefore: number | null;
  yearlyAfter: number | null;
}

/** The benefits of both versions by id, the later version's title and period first. */
function benefitColumns(before: CompiledProgram, after: CompiledProgram): BenefitColumn[] {
  const factor = (compiled: CompiledProgram, id: string) => {
    const b = compiled.benefits.find((x) => x.benefit.id === id);
    return b ? YEARLY[b.benefit.period] : null;
  };
  const ids = [...new Set([...after.benefits, ...before.benefits].map((b) => b.benefit.id))];
  return ids.map((id) => {
    const b = (after.benefits.find((x) => x.benefit.id === id) ?? before.benefits.find((x) => x.benefit.id === id))!.benefit;
    return {
      id,
      title: b.title,
      period: b.period,
      columnBefore: before.benefits.findIndex((x) => x.benefit.id === id),
      columnAfter: after.benefits.findIndex((x) => x.benefit.id === id),
      yearlyBefore: factor(before, id),
      yearlyAfter: factor(after, id),
    };
  });
}

/** Yearly cents of household i's amount in a benefit's column; null when it has none or its status is not `eligible`. */
function yearlyCents(c: BatchColumns, i: number, status: ImpactStatus, column: number, factor: number | null): number | null {
  if (factor === null || column < 0 || status !== 'eligible') return null;
  const amount = c.benefits[column][i];
  return Number.isNaN(amount) ? null : Math.round(amount * 100) * factor;
}

/** Adds household i of both batches (statuses `from`, `to`) to `tally` (and its histogram when given); returns its category. */
function tallyHousehold(
  tally: ImpactTally,
  columns: readonly BenefitColumn[],
  a: BatchColumns,
  b: BatchColumns,
  i: number,
  from: ImpactStatus,
  to: ImpactStatus,
  histogram: Record<string, HistogramBin[]> | null,
  edges: number[],
): ImpactCategory {
  tally.households++;
  const transition = TRANSITIONS[from][to];
  tally.transitions[transition] = (tally.transitions[transition] ?? 0) + 1;
  let yearlyChange = 0;
  for (const { id, title, period, columnBefore, columnAfter, yearlyBefore, yearlyAfter } of columns) {
    const x = yearlyCents(a, i, from, columnBefore, yearlyBefore);
    const y = yearlyCents(b, i, to, columnAfter, yearlyAfter);
    if (x === null && y === null) continue;
    const bi = (tally.benefits[id] ??= emptyBenefit(title, period));
    if (x !== null) bi.recipientsBefore++;
    if (y !== null) bi.recipientsAfter++;
    bi.recipientsEither++;
    bi.yearlyCentsBefore += x ?? 0;
    bi.yearlyCentsAfter += y ?? 0;
    const change = (y ?? 0) - (x ?? 0);
    yearlyChange += change;
    if (histogram) {
      const bins = (histogram[id] ??= emptyHistogram(edges));
      bins[binOf(change / 1200, edges)].count++;
    }
  }
  let category: ImpactCategory;
  if (from !== to) category = `newly-${to}`;
  else if (to !== 'eligible') category = 'unchanged';
  else if (yearlyChange > 0) category = 'amount-up';
  else if (yearlyChange < 0) category = 'amount-down';
  else {
    category = 'unchanged';
    tally.amountSame++;
  }
  tally.categories[category]++;
  return category;
}

function emptyBenefit(title: string, period: Benefit['period']): BenefitImpact {
  return {
    title,
    period,
    recipientsBefore: 0,
    recipientsAfter: 0,
    recipientsEither: 0,
    yearlyCentsBefore: 0,
    yearlyCentsAfter: 0,
    annualChange: 0,
    monthlyChange: 0,
    averageMonthlyChange: 0,
  };
}

/** Bins from the largest decrease to the largest increase, with one bin for no change. */
function emptyHistogram(edges: number[]): HistogramBin[] {
  const bins: HistogramBin[] = [{ min: null, max: -edges[edges.length - 1], count: 0 }];
  for (let k = edges.length - 1; k >= 0; k--) bins.push({ min: -edges[k], max: k > 0 ? -edges[k - 1] : 0, count: 0 });
  bins.push({ min: 0, max: 0, count: 0 });
  for (let k = 0; k < edges.length; k++) bins.push({ min: k > 0 ? edges[k - 1] : 0, max: edges[k], count: 0 });
  bins.push({ min: edges[edges.length - 1], max: null, count: 0 });
  return bins;
}

function binOf(change: number, edges: number[]): number {
  const n = edges.length;
  if (change === 0) return n + 1;
  // k: the first edge at or above the magnitude (n when above them all); increases right of the zero bin, decreases left.
  const magnitude = Math.abs(change);
  let k = 0;
  while (k < n && magnitude > edges[k]) k++;
  return change > 0 ? n + 2 + k : n - k;
}

function mergeTally(a: ImpactTally, b: ImpactTally): ImpactTally {
  const out = emptyTally();
  out.households = a.households + b.households;
  out.amountSame = a.amountSame + b.amountSame;
  for (const c of IMPACT_CATEGORIES) out.categories[c] = a.categories[c] + b.categories[c];
  for (const t of [a.transitions, b.transitions]) for (const [k, n] of Object.entries(t)) out.transitions[k] = (out.transitions[k] ?? 0) + n;
  for (const id of new Set([...Object.keys(a.benefits), ...Object.keys(b.benefits)])) {
    const x = a.benefits[id];
    const y = b.benefits[id];
    const m = emptyBenefit((x ?? y).title, (x ?? y).period);
    for (const part of [x, y]) {
      if (!part) continue;
      m.recipientsBefore += part.recipientsBefore;
      m.recipientsAfter += part.recipientsAfter;
      m.recipientsEither += part.recipientsEither;
      m.yearlyCentsBefore += part.yearlyCentsBefore;
      m.yearlyCentsAfter += part.yearlyCentsAfter;
    }
    out.benefits[id] = m;
  }
  return out;
}

/** Recomputes what derives from the sums and puts every keyed part in a fixed order, so equal runs give equal JSON. */
function finish(summary: ImpactSummary): ImpactSummary {
  const tallies = [summary, ...Object.values(summary.groups)];
  for (const t of tallies) {
    t.transitions = sortedRecord(t.transitions, (x, y) => (x < y ? -1 : 1));
    t.benefits = sortedRecord(t.benefits, (x, y) => (x < y ? -1 : 1));
    for (const b of Object.values(t.benefits)) {
      const cents = b.yearlyCentsAfter - b.yearlyCentsBefore;
      b.annualChange = cents / 100;
      b.monthlyChange = cents / 1200;
      b.averageMonthlyChange = b.recipientsEither > 0 ? cents / 1200 / b.recipientsEither : 0;
    }
  }
  summary.groups = sortedRecord(summary.groups, compareGroupKeys);
  summary.histogram = sortedRecord(summary.histogram, (x, y) => (x < y ? -1 : 1));
  return summary;
}

function sortedRecord<T>(record: Record<string, T>, compare: (a: string, b: string) => number): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of Object.keys(record).sort(compare)) out[key] = record[key];
  return out;
}

/** Numeric keys (and bucket labels, by their lower bound) in numeric order, then others, `(none)` last. */
export function compareGroupKeys(a: string, b: string): number {
  if (a === b) return 0;
  if (a === NONE || b === NONE) return a === NONE ? 1 : -1;
  const x = Number.parseFloat(a);
  const y = Number.parseFloat(b);
  if (!Number.isNaN(x) && !Number.isNaN(y) && x !== y) return x - y;
  if (Number.isNaN(x) !== Number.isNaN(y)) return Number.isNaN(x) ? 1 : -1;
  return a < b ? -1 : 1;
}

/** The breakdown key of a value: small whole numbers as themselves, other numbers in 1-2-5 buckets, text as is. */
export function groupKey(value: unknown): string {
  if (value === undefined || value === null || value === UNKNOWN) return NONE;
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 0 && value <= 20) return String(value);
    if (value < 0) return '< 0';
    if (value < 1) return '0–1';
    const decade = 10 ** Math.floor(Math.log10(value));
    const low = [5, 2, 1].find((m) => value >= m * decade) ?? 1;
    const high = low === 1 ? 2 : low === 2 ? 5 : 10;
    return `${low * decade}–${high * decade}`;
  }
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * How the breakdown key of a household is read: `read` computes it from the household (a derived value, the later
 * version's else the earlier's, from the prepared answers, `prepared` when the batch path prepared them with the same
 * form; or an answer); for a derived value, `owner` and `slot` name it, so that the batch path can hand it back for
 * the households it decides (`DerivedCapture`).
 */
interface GroupReader {
  read: (household: unknown, prepared?: PreparedInput) => string;
  owner: CompiledProgram | null;
  slot: number | null;
}

function groupReader(before: CompiledProgram, after: CompiledProgram, by: string, asOf: IsoDate, partial: boolean): GroupReader {
  const owner = after.derivedIndex.has(by) ? after : before.derivedIndex.has(by) ? before : null;
  if (owner) {
    const { slot, closure } = owner.derivedIndex.get(by)!;
    const only = new Set(closure);
    const ctx = createContext(owner.derived.length, owner.localCount, false);
    const read = (household: unknown, prepared?: PreparedInput) => {
      bindInput(owner, ctx, (prepared ?? owner.input.prepare(household, partial)).data, asOf);
      computeDerived(owner, ctx, null, only);
      return groupKey(ctx.derived[slot]);
    };
    return { read, owner, slot };
  }
  const properties = (after.input.schema.properties ?? {}) as Record<string, unknown>;
  if (!by.startsWith('/') && !(by in properties)) {
    const names = [...after.derivedIndex.keys(), ...Object.keys(properties)].join(', ');
    throw new ImpactError(
      `by: "${by}" is neither a derived value nor a form field of ${after.program.id}; use one of: ${names}, or a JSON Pointer such as /members/0/disabled.`,
    );
  }
  const segments = by.startsWith('/')
    ? by
        .slice(1)
        .split('/')
        .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
    : [by];
  const read = (household: unknown) => {
    let v: unknown = household;
    for (const s of segments) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[s] : undefined;
    return groupKey(v);
  };
  return { read, owner: null, slot: null };
}

function sampleCase(before: CompiledProgram, after: CompiledProgram, household: unknown, index: number, options: ImpactOptions): ImpactSample {
  const o = { asOf: options.asOf, partial: options.partial };
  const a = evaluate(before, household, o);
  const b = evaluate(after, household, o);
  return { index, household, before: a, after: b, difference: firstDifference(a, b) };
}

/** The first rule outcome (in the later version's rule order), derived value or benefit amount that differs; else a differing status; else null. */
export function firstDifference(a: Determination, b: Determination): ImpactDifference | null {
  const rulesA = new Map(a.trace.map((t) => [t.rule, t.outcome]));
  const rulesB = new Map(b.trace.map((t) => [t.rule, t.outcome]));
  for (const rule of new Set([...rulesB.keys(), ...rulesA.keys()])) {
    const x = rulesA.get(rule) ?? null;
    const y = rulesB.get(rule) ?? null;
    if (x !== y) return { kind: 'rule', rule, before: x, after: y };
  }
  for (const name of new Set([...Object.keys(b.values), ...Object.keys(a.values)])) {
    if (JSON.stringify(a.values[name]) !== JSON.stringify(b.values[name]))
      return { kind: 'value', name, before: a.values[name] ?? null, after: b.values[name] ?? null };
  }
  const amountsA = new Map(a.benefits.map((x) => [x.id, x.amount]));
  const amountsB = new Map(b.benefits.map((x) => [x.id, x.amount]));
  for (const benefit of new Set([...amountsB.keys(), ...amountsA.keys()])) {
    const x = amountsA.get(benefit) ?? null;
    const y = amountsB.get(benefit) ?? null;
    if (x !== y) return { kind: 'benefit', benefit, before: x, after: y };
  }
  const from: ImpactStatus = a.inputErrors.length > 0 ? 'invalid' : a.eligibility;
  const to: ImpactStatus = b.inputErrors.length > 0 ? 'invalid' : b.eligibility;
  return from !== to ? { kind: 'status', before: from, after: to } : null;
}
