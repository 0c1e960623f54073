/**
 * The Impact tab's reading of an impact summary, over a real one: SNAP FY2025 against FY2026 (the engine's `impact`)
 * on generated households. The big numbers add up to the categories, the breakdown's groups to the whole, the CSV
 * holds every table and parses back to the same figures, the breakdown offers the program's own fields by title,
 * and a sample's first difference reads in words with the amounts of both versions.
 */
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { compile, impact, IMPACT_CATEGORIES, type Program } from '../../engine/index.ts';
import { households } from '../../bench/households.ts';
import { loadProgramFolder } from '../../runtime/fs/program-folder.ts';
import { differenceWords } from '../../studio/src/impact/difference.ts';
import { jobOfDraft, populationType } from '../../studio/src/impact/jobs.ts';
import type { ImpactJob } from '../../studio/src/types.ts';
import {
  benefitRows,
  bigNumbers,
  binShape,
  breakdownChoices,
  breakdownRows,
  defaultBreakdown,
  impactCsv,
  shownBins,
  type BigNumbers,
  type CsvWords,
} from '../../studio/src/impact/summary.ts';
import { en } from '../../studio/src/texts/en.ts';
import { fill } from '../../web/src/shared/i18n.tsx';
import type { StudioText } from '../../studio/src/text.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const doc = (folder: string) => loadProgramFolder(path.join(ROOT, 'programs/us-snap', folder)).versions[0].doc as unknown as Program;
const fy2025 = doc('fy2025');
const fy2026 = doc('fy2026');
const before = compile(fy2025).compiled!;
const after = compile(fy2026).compiled!;
const population = [...households(600, 11), ...households(200, 12, { missingRate: 0.15 })];
const summary = impact(before, after, population, { asOf: '2025-11-01', sampleSize: 2 });
const s: StudioText = (key, params = {}) => fill(en[key], params);

const FIGURES = Object.fromEntries(
  (
    [
      'households',
      'gains',
      'newlyEligible',
      'amountUp',
      'losses',
      'newlyIneligible',
      'amountDown',
      'newlyNeedsInformation',
      'newlyInvalid',
      'unchanged',
      'annualChange',
      'monthlyChange',
    ] as (keyof BigNumbers)[]
  ).map((k) => [k, `fig ${k}`]),
) as CsvWords['figures'];

const words: CsvWords = {
  overview: 'Impact',
  figure: 'Figure',
  value: 'Value',
  figures: FIGURES,
  benefits: 'Cost per benefit',
  benefitHeadings: ['Benefit', 'Before', 'After', 'Yearly before', 'Yearly after', 'Change', 'Average'],
  histogram: (b) => `Histogram, ${b}`,
  histogramHeadings: ['From', 'To', 'Households'],
  breakdown: 'Breakdown',
  breakdownHeadings: ['households', 'gains', 'losses', 'annualChange'],
  group: 'Household size',
};

describe('the big numbers', () => {
  const big = bigNumbers(summary);

  it('add up to the categories and the cents of the summary', () => {
    // The run really changes something: the FY2026 values raise amounts.
    expect(big.amountUp).toBeGreaterThan(0);
    expect(big.gains).toBe(summary.categories['newly-eligible'] + summary.categories['amount-up']);
    expect(big.losses).toBe(summary.categories['newly-ineligible'] + summary.categories['amount-down']);
    const counted = big.gains + big.losses + big.newlyNeedsInformation + big.newlyInvalid + big.unchanged;
    expect(counted).toBe(population.length);
    expect(IMPACT_CATEGORIES.reduce((n, c) => n + summary.categories[c], 0)).toBe(counted);
    // Two benefits: the monthly allotment and the (once) benefit for the month of application.
    const allotment = summary.benefits.allotment;
    const firstMonth = summary.benefits['first-month'];
    const change = (b: typeof allotment) => (b.yearlyCentsAfter - b.yearlyCentsBefore) / 100;
    expect(big.annualChange).toBeCloseTo(change(allotment) + change(firstMonth), 6);
    expect(big.monthlyChange).toBeCloseTo(big.annualChange / 12, 6);
    expect(benefitRows(summary)).toEqual([
      expect.objectContaining({
        id: 'allotment',
        title: 'Monthly SNAP benefit',
        yearlyBefore: allotment.yearlyCentsBefore / 100,
        annualChange: change(allotment),
      }),
      expect.objectContaining({ id: 'first-month', title: 'SNAP benefit for the month you applied', annualChange: change(firstMonth) }),
    ]);
  });

  it('per group of the breakdown add up to the whole', () => {
    const rows = breakdownRows(summary);
    expect(rows.map((r) => r.key).slice(0, 3)).toEqual(['1', '2', '3']);
    const sum = (k: keyof BigNumbers) => rows.reduce((n, r) => n + r[k], 0);
    for (const k of ['households', 'gains', 'losses', 'newlyNeedsInformation', 'unchanged'] as const) expect(sum(k)).toBe(big[k]);
    expect(sum('annualChange')).toBeCloseTo(big.annualChange, 6);
  });
});

describe('the histogram bins', () => {
  it('read as open ends, ranges and the zero bin, from the largest decrease up', () => {
    const shapes = summary.histogram.allotment.map(binShape);
    expect(shapes[0]).toEqual({ kind: 'below', limit: -500 });
    expect(shapes.at(-1)).toEqual({ kind: 'above', limit: 500 });
    expect(shapes).toContainEqual({ kind: 'zero' });
    expect(shapes).toContainEqual({ kind: 'range', from: 10, to: 25 });
    expect(summary.histogram.allotment.reduce((n, b) => n + b.count, 0)).toBe(summary.benefits.allotment.recipientsEither);
  });
});

describe('the CSV export', () => {
  const csv = impactCsv(summary, words);
  const tables = csv
    .trim()
    .split('\r\n\r\n')
    .map((t) => parse(t, { relax_column_count: true }) as string[][]);

  it('holds the big numbers, the cost per benefit, the histogram and the breakdown, and parses back to the figures', () => {
    expect(tables.map((t) => t[0][0])).toEqual([
      'Impact',
      'Cost per benefit',
      'Histogram, Monthly SNAP benefit',
      'Histogram, SNAP benefit for the month you applied',
      'Breakdown',
    ]);
    const figures = Object.fromEntries(tables[0].slice(2).map(([k, v]) => [k, Number(v)]));
    const big = bigNumbers(summary);
    expect(figures['fig gains']).toBe(big.gains);
    expect(figures['fig annualChange']).toBe(big.annualChange);
    expect(tables[1][2][0]).toBe('Monthly SNAP benefit');
    expect(Number(tables[1][2][5]) + Number(tables[1][3][5])).toBeCloseTo(big.annualChange, 6);
    expect(tables[2].slice(2).map((r) => Number(r[2]))).toEqual(summary.histogram.allotment.map((b) => b.count));
    // The open ends have an empty bound.
    expect(tables[2][2][0]).toBe('');
    expect(tables[4][1]).toEqual(['Household size', 'fig households', 'fig gains', 'fig losses', 'fig annualChange']);
    expect(tables[4].slice(2).reduce((n, r) => n + Number(r[1]), 0)).toBe(population.length);
  });

  it('quotes text with commas and quotes, and keeps formula-like text as text', () => {
    const tricky = impactCsv(summary, { ...words, overview: 'Impact, "draft"', benefits: '=SUM(A1)' });
    expect(tricky.split('\r\n')[0]).toBe('"Impact, ""draft"""');
    expect(tricky).toContain("\r\n'=SUM(A1)\r\n");
  });

  it('leaves the breakdown out when the run had none', () => {
    const none = impact(before, after, population.slice(0, 50), { asOf: '2025-11-01', by: null });
    expect(impactCsv(none, words)).not.toContain('Breakdown');
  });
});

describe('the breakdown choices', () => {
  it('are the derived values then the single-answer questions, by title, household size by default', () => {
    const choices = breakdownChoices(fy2026);
    expect(choices[0]).toEqual({ value: 'householdSize', title: 'Household size' });
    expect(choices).toContainEqual({ value: 'assets', title: 'Money you have now' });
    expect(choices).toContainEqual({ value: 'receivesTanfOrSsi', title: 'Does anyone in your household get TANF cash assistance or SSI?' });
    // A list of people is not one group.
    expect(choices.map((c) => c.value)).not.toContain('members');
    expect(defaultBreakdown(fy2026)).toBe('householdSize');
    expect(defaultBreakdown({ ...fy2026, derived: {} })).toBe('');
  });
});

describe('the first difference in words', () => {
  it('names the rule or value that changed and how it reads under each version', () => {
    const sample = summary.samples['amount-up'][0];
    expect(sample.difference).not.toBeNull();
    const words = differenceWords(sample.difference!, sample.before, sample.after, fy2026, 'en', s);
    // The FY2026 values change a derived value or amount first (every rule still passes).
    expect(sample.difference!.kind).toBe('value');
    expect(words.subject).toBe(fy2026.derived![(sample.difference as { name: string }).name].title);
    expect(words.before).not.toBe(words.after);
    expect(words.before).toMatch(/^\$/);
  });

  it('for a rule, lists the conditions whose outcome or threshold changed, with the earlier threshold', () => {
    const sample = summary.samples['newly-eligible'][0] ?? summary.samples['newly-ineligible'][0];
    expect(sample, 'the population has a household whose eligibility changes').toBeDefined();
    expect(sample.difference!.kind).toBe('rule');
    const words = differenceWords(sample.difference!, sample.before, sample.after, fy2026, 'en', s);
    expect(words.before).not.toBe(words.after);
    expect([words.before, words.after]).toContain('met');
    expect(words.conditions.length).toBeGreaterThan(0);
    expect(words.conditions[0].text).toMatch(/\$.*\$/);
    expect(words.conditions.some((c) => c.was !== null)).toBe(true);
  });

  it('for a change of result alone, reads both results', () => {
    const sample = summary.samples['amount-up'][0];
    const words = differenceWords({ kind: 'status', before: 'invalid', after: 'eligible' }, sample.before, sample.after, fy2026, 'en', s);
    expect(words).toEqual({ subject: 'Result', before: 'Cannot be decided (input errors)', after: 'Eligible', conditions: [] });
  });
});

describe('population files', () => {
  it('are sent as JSON Lines or CSV by their name, and anything else is refused', () => {
    expect(populationType('households.jsonl')).toBe('application/x-ndjson');
    expect(populationType('H.NDJSON')).toBe('application/x-ndjson');
    expect(populationType('sample.csv')).toBe('text/csv');
    expect(populationType('sample.xlsx')).toBeNull();
  });
});

describe('the bins shown', () => {
  it('leave out the empty bins at either end and keep the no-change bin and everything between', () => {
    const bins = [
      { min: null, max: -50, count: 0 },
      { min: -50, max: -10, count: 0 },
      { min: -10, max: 0, count: 2 },
      { min: 0, max: 0, count: 0 },
      { min: 0, max: 10, count: 0 },
      { min: 10, max: 50, count: 5 },
      { min: 50, max: null, count: 0 },
    ];
    expect(shownBins(bins)).toEqual(bins.slice(2, 6));
    const quiet = bins.map((b) => ({ ...b, count: 0 }));
    expect(shownBins(quiet)).toEqual([{ min: 0, max: 0, count: 0 }]);
  });
});

describe('the job of a draft', () => {
  const job = (id: string, over: Partial<ImpactJob>): ImpactJob => ({
    id,
    programId: 'us-snap',
    version: 3,
    against: 2,
    source: { kind: 'caseload', states: ['submitted'] },
    asOf: '2026-12-03',
    by: 'householdSize',
    status: 'done',
    progress: { done: 10, total: 10 },
    etaSeconds: null,
    startedAt: '2026-12-03T10:00:00Z',
    finishedAt: '2026-12-03T10:00:01Z',
    startedBy: null,
    summary,
    error: null,
    problems: [],
    ...over,
  });
  // Newest first, as the API lists them.
  const jobs = [
    job('cancelled', { status: 'cancelled', summary: null, startedAt: '2026-12-03T12:00:00Z' }),
    job('running', { status: 'running', summary: null, against: 1, startedAt: '2026-12-03T11:30:00Z' }),
    job('other-version', { version: 2, startedAt: '2026-12-03T11:20:00Z' }),
    job('done', { startedAt: '2026-12-03T11:00:00Z' }),
    job('earlier-draft', { startedAt: '2026-12-02T09:00:00Z' }),
  ];

  it('is the newest running or finished job of its version since the draft was made, optionally against one version', () => {
    expect(jobOfDraft(jobs, { version: 3 })?.id).toBe('running');
    expect(jobOfDraft(jobs, { version: 3 }, 2)?.id).toBe('done');
    expect(jobOfDraft(jobs, { version: 3, createdAt: '2026-12-03T00:00:00Z' }, 2)?.id).toBe('done');
    // A draft deleted and made again has the same version number: the jobs of the one before are not its own.
    expect(jobOfDraft(jobs, { version: 3, createdAt: '2026-12-03T11:10:00Z' }, 2)).toBeNull();
    expect(jobOfDraft(jobs.slice(3), { version: 3 }, 2)?.id).toBe('done');
    expect(jobOfDraft(jobs, { version: 4 })).toBeNull();
  });
});
