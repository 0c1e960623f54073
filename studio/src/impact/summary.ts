/**
 * Reading an impact summary (the engine's `ImpactSummary`, from `impact()`) as the Impact tab shows it: the big
 * numbers first (who gains, who loses, who newly needs more information, what it costs per year), the rows of its
 * tables (per benefit, the histogram of monthly changes, the breakdown), the fields a breakdown can be by, and the
 * whole of it as CSV. Pure: no React, no requests; every figure comes from the summary's own counts and cents.
 */
import type { HistogramBin, ImpactSummary, ImpactTally, Program } from '../../../engine/index.ts';
import { glossary } from '../draft/explain.ts';

/** The headline figures of a set of households (the whole run, or one group of the breakdown). */
export interface BigNumbers {
  households: number;
  /** Newly eligible plus eligible under both with a higher amount. */
  gains: number;
  newlyEligible: number;
  amountUp: number;
  /** Newly ineligible plus eligible under both with a lower amount. */
  losses: number;
  newlyIneligible: number;
  amountDown: number;
  newlyNeedsInformation: number;
  /** Households whose answers are invalid under the later version and were not before. */
  newlyInvalid: number;
  unchanged: number;
  /** The change of every benefit together, per year and per month, in currency units (exact: from whole cents). */
  annualChange: number;
  monthlyChange: number;
}

/** One benefit's line of the cost table. */
export interface BenefitRow {
  id: string;
  title: string;
  recipientsBefore: number;
  recipientsAfter: number;
  yearlyBefore: number;
  yearlyAfter: number;
  annualChange: number;
  averageMonthlyChange: number;
}

/** One group of the breakdown. */
export interface BreakdownRow extends BigNumbers {
  key: string;
}

/** A field the breakdown can be by: its name (as `impact`'s `by` takes it) and its title. */
export interface BreakdownChoice {
  value: string;
  title: string;
}

/** The headline figures of `tally`. */
export function bigNumbers(tally: ImpactTally): BigNumbers {
  const c = tally.categories;
  const cents = Object.values(tally.benefits).reduce((sum, b) => sum + b.yearlyCentsAfter - b.yearlyCentsBefore, 0);
  return {
    households: tally.households,
    gains: c['newly-eligible'] + c['amount-up'],
    newlyEligible: c['newly-eligible'],
    amountUp: c['amount-up'],
    losses: c['newly-ineligible'] + c['amount-down'],
    newlyIneligible: c['newly-ineligible'],
    amountDown: c['amount-down'],
    newlyNeedsInformation: c['newly-needs-more-information'],
    newlyInvalid: c['newly-invalid'],
    unchanged: c.unchanged,
    annualChange: cents / 100,
    monthlyChange: cents / 1200,
  };
}

/** The cost table: one row per benefit, in the summary's order. */
export function benefitRows(tally: ImpactTally): BenefitRow[] {
  return Object.entries(tally.benefits).map(([id, b]) => ({
    id,
    title: b.title,
    recipientsBefore: b.recipientsBefore,
    recipientsAfter: b.recipientsAfter,
    yearlyBefore: b.yearlyCentsBefore / 100,
    yearlyAfter: b.yearlyCentsAfter / 100,
    annualChange: b.annualChange,
    averageMonthlyChange: b.averageMonthlyChange,
  }));
}

/** The breakdown's rows, in the summary's order of groups (numeric keys in order, `(none)` last). */
export function breakdownRows(summary: ImpactSummary): BreakdownRow[] {
  return Object.entries(summary.groups).map(([key, tally]) => ({ key, ...bigNumbers(tally) }));
}

/** Where a histogram bin lies: the zero bin, a closed range, or an open end below the lowest or above the highest edge. */
export type BinShape =
  | { kind: 'zero' }
  | { kind: 'range'; from: number; to: number }
  | { kind: 'below'; limit: number }
  | { kind: 'above'; limit: number };

/** The shape of `bin` (see `HistogramBin`: decreases have negative bounds). */
export function binShape(bin: HistogramBin): BinShape {
  if (bin.min === null) return { kind: 'below', limit: bin.max ?? 0 };
  if (bin.max === null) return { kind: 'above', limit: bin.min };
  if (bin.min === 0 && bin.max === 0) return { kind: 'zero' };
  return { kind: 'range', from: bin.min, to: bin.max };
}

/** The bins a chart and its table show: all but the empty ones at either end (the no-change bin always stays). */
export function shownBins(bins: HistogramBin[]): HistogramBin[] {
  const zero = bins.findIndex((b) => b.min === 0 && b.max === 0);
  let first = 0;
  while (first < zero && bins[first].count === 0) first++;
  let last = bins.length - 1;
  while (last > zero && bins[last].count === 0) last--;
  return bins.slice(first, last + 1);
}

/**
 * The fields a breakdown can be by, by title: the derived values first (household size among them), then the form's
 * top-level questions with a single answer (a list of people is not one group).
 */
export function breakdownChoices(doc: Program): BreakdownChoice[] {
  const names = glossary(doc);
  const derived = Object.keys(doc.derived ?? {}).map((value) => ({ value, title: names.get(value)?.title ?? value }));
  const properties = ((doc.form?.schema as { properties?: Record<string, { type?: unknown }> } | undefined)?.properties ?? {}) as Record<
    string,
    { type?: unknown }
  >;
  const fields = Object.entries(properties)
    .filter(([, p]) => typeof p.type === 'string' && ['string', 'number', 'integer', 'boolean'].includes(p.type))
    .map(([value]) => ({ value, title: names.get(value)?.title ?? value }));
  return [...derived, ...fields];
}

/** The default breakdown: household size when the program derives it, else none (as `impact` itself defaults). */
export function defaultBreakdown(doc: Program): string {
  return doc.derived && 'householdSize' in doc.derived ? 'householdSize' : '';
}

/** The words the CSV export uses for its titles and headings (in the page's language). */
export interface CsvWords {
  overview: string;
  figure: string;
  value: string;
  /** The label of each headline figure, by its `BigNumbers` key. */
  figures: Record<keyof BigNumbers, string>;
  benefits: string;
  benefitHeadings: [string, string, string, string, string, string, string];
  histogram: (benefit: string) => string;
  histogramHeadings: [string, string, string];
  breakdown: string;
  breakdownHeadings: (keyof BigNumbers)[];
  group: string;
}

/** A CSV cell: quoted when it holds a comma, a quote or a line break; a leading = + - @ is kept as text for spreadsheets. */
function cell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function rows(lines: (string | number)[][]): string {
  return lines.map((line) => line.map(cell).join(',')).join('\r\n');
}

/**
 * The summary as CSV: the headline figures, the cost per benefit, each benefit's histogram (bounds in currency units
 * per month, empty for an open end) and the breakdown, as tables one after another, each under its title line.
 * Money is in plain numbers (currency units, a point for decimals) so spreadsheets read it as numbers.
 */
export function impactCsv(summary: ImpactSummary, words: CsvWords): string {
  const big = bigNumbers(summary);
  const figureKeys = Object.keys(words.figures) as (keyof BigNumbers)[];
  const parts = [
    rows([[words.overview], [words.figure, words.value], ...figureKeys.map((k) => [words.figures[k], big[k]])]),
    rows([
      [words.benefits],
      words.benefitHeadings,
      ...benefitRows(summary).map((b) => [
        b.title,
        b.recipientsBefore,
        b.recipientsAfter,
        b.yearlyBefore,
        b.yearlyAfter,
        b.annualChange,
        b.averageMonthlyChange,
      ]),
    ]),
    ...Object.entries(summary.histogram).map(([id, bins]) =>
      rows([
        [words.histogram(summary.benefits[id]?.title ?? id)],
        words.histogramHeadings,
        ...bins.map((bin) => [bin.min ?? '', bin.max ?? '', bin.count]),
      ]),
    ),
  ];
  if (summary.by !== null) {
    parts.push(
      rows([
        [words.breakdown],
        [words.group, ...words.breakdownHeadings.map((k) => words.figures[k])],
        ...breakdownRows(summary).map((r) => [r.key, ...words.breakdownHeadings.map((k) => r[k])]),
      ]),
    );
  }
  return `${parts.join('\r\n\r\n')}\r\n`;
}
