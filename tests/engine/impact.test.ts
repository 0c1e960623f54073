import { describe, expect, it } from 'vitest';
import {
  compile,
  evaluate,
  groupKey,
  impact,
  IMPACT_CATEGORIES,
  mergeImpact,
  type CompiledProgram,
  type Determination,
  type ImpactSummary,
} from '../../engine/index.ts';
import { loadProgramFolder } from '../../runtime/fs/program-folder.ts';
import { households } from '../../bench/households.ts';
import { baseProgram } from './base-program.ts';

const load = (dir: string): CompiledProgram => compile(loadProgramFolder(new URL(dir, import.meta.url).pathname).versions[0].doc).compiled!;
const fy2025 = load('../../programs/us-snap/fy2025');
const fy2026 = load('../../programs/us-snap/fy2026');
const asOf = '2025-10-15';
// Mixed: complete, incomplete (needs more information) and invalid households.
const mixed = [...households(1000, 1), ...households(1000, 2, { missingRate: 0.1 }), ...households(1000, 3, { invalidRate: 0.01 })];

const statusOf = (d: Determination) => (d.inputErrors.length > 0 ? 'invalid' : d.eligibility);
const cents = (d: Determination) => (statusOf(d) === 'eligible' ? Math.round((d.benefits.find((b) => b.id === 'allotment')?.amount ?? 0) * 100) : 0);

describe('impact', () => {
  const summary = impact(fy2025, fy2026, mixed, { asOf, sampleSize: 4 });

  it('counts and totals equal the sums of per-case evaluate differences', () => {
    const expected = {
      transitions: {} as Record<string, number>,
      before: 0,
      after: 0,
      up: 0,
      down: 0,
      newlyEligible: 0,
      newlyNmi: 0,
      newlyInvalid: 0,
    };
    for (const h of mixed) {
      const a = evaluate(fy2025, h, { asOf });
      const b = evaluate(fy2026, h, { asOf });
      const key = `${statusOf(a)}→${statusOf(b)}`;
      expected.transitions[key] = (expected.transitions[key] ?? 0) + 1;
      expected.before += cents(a) * 12;
      expected.after += cents(b) * 12;
      if (statusOf(a) !== statusOf(b)) {
        if (statusOf(b) === 'eligible') expected.newlyEligible++;
        if (statusOf(b) === 'needs-more-information') expected.newlyNmi++;
        if (statusOf(b) === 'invalid') expected.newlyInvalid++;
      } else if (statusOf(b) === 'eligible') {
        if (cents(b) > cents(a)) expected.up++;
        if (cents(b) < cents(a)) expected.down++;
      }
    }
    // The population really is mixed.
    for (const status of ['eligible', 'ineligible', 'needs-more-information', 'invalid'])
      expect(expected.transitions[`${status}→${status}`]).toBeGreaterThan(0);
    expect(summary.households).toBe(mixed.length);
    expect(summary.transitions).toEqual(expected.transitions);
    expect(summary.benefits.allotment.yearlyCentsBefore).toBe(expected.before);
    expect(summary.benefits.allotment.yearlyCentsAfter).toBe(expected.after);
    expect(summary.benefits.allotment.annualChange).toBeCloseTo((expected.after - expected.before) / 100, 6);
    expect(summary.categories['newly-eligible']).toBe(expected.newlyEligible);
    expect(summary.categories['newly-needs-more-information']).toBe(expected.newlyNmi);
    expect(summary.categories['newly-invalid']).toBe(expected.newlyInvalid);
    expect(summary.categories['amount-up']).toBe(expected.up);
    expect(summary.categories['amount-down']).toBe(expected.down);
    expect(IMPACT_CATEGORIES.reduce((n, c) => n + summary.categories[c], 0)).toBe(mixed.length);
    const histogram = summary.histogram.allotment.reduce((n, bin) => n + bin.count, 0);
    expect(histogram).toBe(summary.benefits.allotment.recipientsEither);
  });

  it('breaks down by household size, the groups adding up to the whole', () => {
    expect(summary.by).toBe('householdSize');
    const groups = Object.values(summary.groups);
    expect(groups.reduce((n, g) => n + g.households, 0)).toBe(mixed.length);
    expect(groups.reduce((n, g) => n + g.benefits.allotment.yearlyCentsAfter, 0)).toBe(summary.benefits.allotment.yearlyCentsAfter);
    expect(Object.keys(summary.groups).slice(0, 3)).toEqual(['1', '2', '3']);
  });

  it('puts each household in the group of the household size evaluate derives (read back from the batch path)', () => {
    const expected: Record<string, Record<string, number>> = {};
    for (const h of mixed) {
      const a = evaluate(fy2025, h, { asOf });
      const b = evaluate(fy2026, h, { asOf });
      const key = groupKey(b.values.householdSize);
      const transition = `${statusOf(a)}→${statusOf(b)}`;
      const group = (expected[key] ??= {});
      group[transition] = (group[transition] ?? 0) + 1;
    }
    const found = Object.fromEntries(Object.entries(summary.groups).map(([key, g]) => [key, g.transitions]));
    expect(found).toEqual(expected);
  });

  it('counts and groups by net income as per-case evaluate, with partial answers and without (invalid households not evaluated)', () => {
    // The invalid households are not evaluated on the batch path; their group is read from the answers prepared there.
    const population = [...mixed.slice(0, 600), ...mixed.slice(1000, 1600), ...mixed.slice(2000, 2600), 'not an object', null];
    for (const partial of [false, true]) {
      const s = impact(fy2025, fy2026, population, { asOf, partial, by: 'netIncome' });
      const transitions: Record<string, number> = {};
      const groups: Record<string, Record<string, number>> = {};
      let cents = 0;
      for (const h of population) {
        const a = evaluate(fy2025, h, { asOf, partial });
        const b = evaluate(fy2026, h, { asOf, partial });
        const transition = `${statusOf(a)}→${statusOf(b)}`;
        transitions[transition] = (transitions[transition] ?? 0) + 1;
        const group = (groups[groupKey(b.values.netIncome)] ??= {});
        group[transition] = (group[transition] ?? 0) + 1;
        if (statusOf(b) === 'eligible') cents += Math.round((b.benefits.find((x) => x.id === 'allotment')?.amount ?? 0) * 100) * 12;
      }
      expect(transitions['invalid→invalid']).toBeGreaterThan(partial ? 5 : 50);
      expect(s.transitions).toEqual(transitions);
      expect(Object.fromEntries(Object.entries(s.groups).map(([key, g]) => [key, g.transitions]))).toEqual(groups);
      expect(s.benefits.allotment.yearlyCentsAfter).toBe(cents);
    }
  });

  it('samples the lowest indexes per category, with both determinations and the first difference', () => {
    const up = summary.samples['amount-up'];
    expect(up).toHaveLength(4);
    for (const s of up) {
      expect(s.household).toBe(mixed[s.index]);
      expect(s.after.benefits[0].amount).toBeGreaterThan(s.before.benefits[0].amount);
      expect(s.difference).not.toBeNull();
    }
    expect(up.map((s) => s.index)).toEqual([...up.map((s) => s.index)].sort((a, b) => a - b));
    const newly = summary.samples['newly-eligible'][0];
    expect(newly.difference).toMatchObject({ kind: 'rule', before: 'fail', after: 'pass' });
  });

  it('merging chunk summaries in any order equals one pass, and runs are deterministic', () => {
    const cuts = [0, 700, 1500, 2222, mixed.length];
    const parts: ImpactSummary[] = [];
    for (let k = 0; k + 1 < cuts.length; k++)
      parts.push(impact(fy2025, fy2026, mixed.slice(cuts[k], cuts[k + 1]), { asOf, sampleSize: 4, firstIndex: cuts[k] }));
    const json = (s: ImpactSummary) => JSON.stringify(s);
    const forward = parts.reduce((a, b) => mergeImpact(a, b));
    const backward = [...parts].reverse().reduce((a, b) => mergeImpact(a, b));
    const tree = mergeImpact(mergeImpact(parts[2], parts[0]), mergeImpact(parts[3], parts[1]));
    expect(json(forward)).toBe(json(summary));
    expect(json(backward)).toBe(json(summary));
    expect(json(tree)).toBe(json(summary));
    expect(json(impact(fy2025, fy2026, mixed, { asOf, sampleSize: 4 }))).toBe(json(summary));
  });

  it('refuses an unknown breakdown and merging different runs, saying what to do', () => {
    expect(() => impact(fy2025, fy2026, [], { asOf, by: 'shoeSize' })).toThrow(/neither a derived value nor a form field.*householdSize/);
    const other = impact(fy2025, fy2026, [], { asOf: '2025-11-01' });
    expect(() => mergeImpact(summary, other)).toThrow(/different asOf/);
    const byRent = impact(fy2025, fy2026, mixed.slice(0, 200), { asOf, by: 'rent' });
    expect(Object.keys(byRent.groups)).toContain('1000–2000');
  });

  it('converts weekly, yearly and once-only amounts to a year (a once-only grant counts once) and breaks down by field or pointer', () => {
    const doc = baseProgram();
    const before = compile(doc).compiled!;
    doc.version = 2;
    doc.benefits!.push(
      { id: 'weekly', title: 'Weekly top-up', period: 'week', formula: '10' },
      { id: 'yearly', title: 'Winter payment', period: 'year', formula: '60' },
      { id: 'grant', title: 'Start-up grant', period: 'once', formula: '100' },
    );
    const after = compile(doc).compiled!;
    const people = [1, 2, 3].map((n) => ({ members: [{ name: `P${n}`, income: 100 * n }], rent: 0, county: n === 3 ? 'South' : 'North' }));
    const s = impact(before, after, people, { asOf: '2025-03-01', by: 'county' });
    expect(s.benefits.weekly).toMatchObject({ recipientsAfter: 3, yearlyCentsAfter: 3 * 52 * 1000, annualChange: 3 * 520 });
    expect(s.benefits.yearly.annualChange).toBe(180);
    expect(s.benefits.grant).toMatchObject({ annualChange: 300, averageMonthlyChange: 100 / 12 });
    expect(s.benefits.monthly.annualChange).toBe(0);
    expect(s.categories['amount-up']).toBe(3);
    // 520 / 12 = 43.33 a month: the "+25 to +50" bin.
    expect(s.histogram.weekly.find((bin) => bin.count > 0)).toEqual({ min: 25, max: 50, count: 3 });
    expect(s.histogram.monthly.find((bin) => bin.count > 0)).toEqual({ min: 0, max: 0, count: 3 });
    expect(Object.keys(s.groups)).toEqual(['North', 'South']);
    expect(s.groups.North.households).toBe(2);
    const byIncome = impact(before, after, people, { asOf: '2025-03-01', by: '/members/0/income' });
    expect(Object.keys(byIncome.groups)).toEqual(['100–200', '200–500']);
    expect(byIncome.samples['amount-up'][0].difference).toMatchObject({ kind: 'benefit', benefit: 'weekly', before: null, after: 10 });
  });
});
