/**
 * The columnar path on every shipped SNAP version and state layer (resolved on its base), and the kernels of
 * `isSet`, `coalesce`, `includes`, `count` of a list answer, `asOf`, `dayOfMonth` and `daysInMonth` against the
 * scalar path: households with the answers those functions read present, absent and null, application dates on
 * month ends, Feb 28 / 29 and months of 30 and 31 days, and as-of dates in leap and common Februaries.
 */
import { describe, expect, it } from 'vitest';
import { evaluateBatch, type BatchStats } from '../../engine/evaluate/batch.ts';
import { evaluate } from '../../engine/evaluate/index.ts';
import { compileProgram, type CompiledProgram } from '../../engine/compile/index.ts';
import { normalize } from '../../engine/normalize/index.ts';
import { columnarPlan, columnarUnsupportedReason } from '../../engine/evaluate/columnar/plan.ts';
import { readerFor } from '../../engine/evaluate/columnar/reader.ts';
import { households, prng } from '../../bench/households.ts';
import type { Program } from '../../engine/format/types.ts';
import { shippedVersions } from '../programs/load.ts';

const UTILITIES = ['electricity', 'cooking-fuel', 'water', 'sewer', 'trash', 'telephone'];
const DATES = [
  '2024-02-29',
  '2025-02-28',
  '2026-02-01',
  '2026-02-28',
  '2025-04-30',
  '2025-06-01',
  '2025-12-31',
  '2026-01-31',
  '2025-11-15',
  '2026-09-30',
  '2028-02-29',
];

/**
 * The bench households with the answers the new functions read: present, absent, null or (rarely) ill-typed; with
 * `region`, New York's region answer too (mostly one of its choices).
 */
function snapHouseholds(count: number, seed: number, region = false): Record<string, unknown>[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const all = [...households(count / 2, seed), ...households(count / 2, seed + 1, { missingRate: 0.05, invalidRate: 0.02 })];
  for (const h of all as Record<string, unknown>[]) {
    const r = rnd();
    if (r < 0.3) {
      h.homeless = true;
      if (rnd() < 0.85) h.freeShelter = rnd() < 0.5;
    } else if (r < 0.7) h.homeless = false;
    else if (r < 0.73) h.homeless = null;
    const heat = rnd();
    if (heat < 0.4) h.heatingCoolingCosts = heat < 0.2;
    else if (heat < 0.42) h.heatingCoolingCosts = null;
    const u = rnd();
    if (u < 0.6) h.otherUtilities = UTILITIES.filter(() => rnd() < 0.35);
    else if (u < 0.7) h.otherUtilities = [];
    else if (u < 0.72) h.otherUtilities = null;
    else if (u < 0.73) h.otherUtilities = 'telephone';
    const d = rnd();
    if (d < 0.6) h.applicationDate = pick(DATES);
    else if (d < 0.62) h.applicationDate = null;
    else if (d < 0.63) h.applicationDate = '2025-02-29';
    if (region) {
      const g = rnd();
      if (g < 0.95) h.nyRegion = pick(['nyc', 'nassau-suffolk', 'rest']);
      else if (g < 0.97) h.nyRegion = 'queens';
    }
  }
  return all;
}

/** Checks every batch result against `evaluate` on the same input. */
function expectSameAsTraced(c: CompiledProgram, inputs: unknown[], date: string, stats: BatchStats): void {
  const batch = evaluateBatch(c, inputs, { asOf: date, stats });
  for (let i = 0; i < inputs.length; i++) {
    const d = evaluate(c, inputs[i], { asOf: date });
    const b = batch[i];
    const label = `household ${i}: ${JSON.stringify(inputs[i])}`;
    expect(b.eligibility, label).toBe(d.eligibility);
    expect(b.outcomes, label).toEqual(Object.fromEntries(d.reasons.map((r) => [r.rule, r.outcome])));
    expect(b.benefits, label).toEqual(Object.fromEntries(d.benefits.map((x) => [x.id, x.amount])));
    expect(b.missing, label).toEqual(d.missing.map((m) => m.path));
    expect(b.invalid, label).toBe(d.inputErrors.length > 0);
  }
}

const versions = (await shippedVersions()).filter((v) => /^us-snap/.test(String((v.resolved ?? v.program)?.id ?? '')));

describe('columnar path on the shipped SNAP versions and state layers', () => {
  it('finds every SNAP version and layer', () => {
    // us-snap FY2022-FY2026 and the NY, TX and WA layers.
    expect(versions.length).toBeGreaterThanOrEqual(8);
    expect(versions.some((v) => v.resolved && (v.doc as { extends?: unknown }).extends)).toBe(true);
  });

  for (const v of versions) {
    const doc = (v.resolved ?? v.program) as Program;
    const label = `${doc.id} version ${doc.version}`;
    it(`${label} runs fully columnar, read by the reader, with the scalar path's results`, () => {
      const compiled = compileProgram(normalize(structuredClone(doc)).program, `sha256-${label}`);
      const asOf = `${doc.effectiveFrom.slice(0, 8)}15`;
      expect(columnarUnsupportedReason(compiled, asOf)).toBeNull();
      const plan = columnarPlan(compiled, asOf)!;
      expect(readerFor(compiled.input.schema, plan.inputs, plan.list, plan.fields, 512, plan.views).reason).toBeNull();
      const stats: BatchStats = { columnar: 0, scalar: 0 };
      expectSameAsTraced(compiled, snapHouseholds(1_000, 17, doc.id === 'us-snap-ny'), asOf, stats);
      expect(stats.columnar).toBeGreaterThan(400);
    });
  }

  it('computes the new functions as the scalar path does (as extra benefits, on leap and common Februaries)', () => {
    const base = versions.find((v) => v.program?.id === 'us-snap' && v.program.version === 5)?.program as Program;
    const formulas = [
      'daysInMonth(coalesce(applicationDate, asOf())) * 100 + dayOfMonth(coalesce(applicationDate, asOf()))',
      'daysInMonth(asOf()) + dayOfMonth(asOf()) / 100',
      'isSet(applicationDate) ? dayOfMonth(applicationDate) : daysInMonth(asOf())',
      'coalesce(heatingCoolingCosts, homeless, false) ? 1 : 2',
      'coalesce(freeShelter, homeless) ? 3 : 4',
      "includes(otherUtilities, 'water') ? 1 : 2",
      'includes(otherUtilities, 3) ? 1 : 2',
      'count(otherUtilities) * 10',
      "isSet(otherUtilities) && includes(otherUtilities, 'telephone') || isSet(freeShelter) ? 5 : 6",
      'coalesce(rent, utilities, 0) + (isSet(medicalCosts) ? 1 : 0)',
      'sum(members, m => coalesce(rent, 1) + daysInMonth(asOf()))',
    ];
    const p = structuredClone(base);
    const first = (p.benefits ?? [])[0];
    p.benefits = [
      ...(p.benefits ?? []),
      ...formulas.map((formula, i) => ({ id: `extra-${i}`, title: `Extra ${i}`, period: first.period, unit: first.unit, formula })),
    ];
    const c = compileProgram(normalize(p).program, 'sha256-new-functions');
    const inputs = snapHouseholds(2_000, 23);
    for (const asOf of ['2026-02-15', '2028-02-29', '2026-04-30', '2026-12-31']) {
      expect(columnarUnsupportedReason(c, asOf)).toBeNull();
      const stats: BatchStats = { columnar: 0, scalar: 0 };
      expectSameAsTraced(c, inputs, asOf, stats);
      expect(stats.columnar, asOf).toBeGreaterThan(500);
    }
  });

  it('gives isSet and coalesce of something other than an answer to the scalar path as a whole', () => {
    const base = versions.find((v) => v.program?.id === 'us-snap' && v.program.version === 5)?.program as Program;
    const p = structuredClone(base);
    const first = (p.benefits ?? [])[0];
    p.benefits = [...(p.benefits ?? []), { id: 'extra', title: 'Extra', period: first.period, unit: first.unit, formula: 'isSet(rent + 1) ? 1 : 0' }];
    const c = compileProgram(normalize(p).program, 'sha256-isset-expression');
    expect(columnarUnsupportedReason(c, '2026-02-15')).toMatch(/isSet\(\) of something other than a top-level answer/);
    const stats: BatchStats = { columnar: 0, scalar: 0 };
    expectSameAsTraced(c, snapHouseholds(200, 5), '2026-02-15', stats);
    expect(stats).toEqual({ columnar: 0, scalar: 200 });
  });
});
