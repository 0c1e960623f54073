/**
 * The columnar batch path against the traced `evaluate`: ≥ 10,000 seeded households (complete, incomplete and
 * invalid mixed) must agree on eligibility, rule outcomes, benefits (exact numbers), missing paths and validity;
 * households the kernels cannot decide (division by zero, missing answers) and programs outside the vectorised
 * subset must fall back to the scalar path with the same results.
 */
import { describe, expect, it } from 'vitest';
import { ELIGIBILITY_NAMES, OUTCOME_CODES, evaluateBatch, evaluateBatchColumns, type BatchStats } from '../../engine/batch.ts';
import { evaluate } from '../../engine/evaluate.ts';
import { compileProgram, type CompiledProgram } from '../../engine/compile.ts';
import { columnarUnsupportedReason } from '../../engine/columnar/plan.ts';
import { households, prng } from '../../bench/households.ts';
import { loadBenchProgram } from '../../bench/program.ts';
import type { Program } from '../../engine/types.ts';

const { program, compiled, asOf, source } = loadBenchProgram();

/** Complete households and households with missing and invalid answers, interleaved by a seeded shuffle. */
function mixedHouseholds(count: number, seed: number): Record<string, unknown>[] {
  const all = [
    ...households(count / 2, seed),
    ...households(count / 2, seed + 1, { missingRate: 0.05, invalidRate: 0.02 }),
  ];
  const rnd = prng(seed + 2);
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all;
}

/** Checks every batch result against `evaluate` on the same input. */
function expectSameAsTraced(c: CompiledProgram, inputs: unknown[], date: string, partial: boolean, stats?: BatchStats): void {
  const batch = evaluateBatch(c, inputs, { asOf: date, partial, stats });
  expect(batch.length).toBe(inputs.length);
  for (let i = 0; i < inputs.length; i++) {
    const d = evaluate(c, inputs[i], { asOf: date, partial });
    const b = batch[i];
    expect(b.eligibility, `household ${i}`).toBe(d.eligibility);
    expect(b.outcomes, `household ${i}`).toEqual(Object.fromEntries(d.reasons.map((r) => [r.rule, r.outcome])));
    // toEqual compares numbers with Object.is: amounts must be bit-identical.
    expect(b.benefits, `household ${i}`).toEqual(Object.fromEntries(d.benefits.map((x) => [x.id, x.amount])));
    expect(b.missing, `household ${i}`).toEqual(d.missing.map((m) => m.path));
    expect(b.invalid, `household ${i}`).toBe(d.inputErrors.length > 0);
  }
}

/** The bench program with its derived values and rules replaced or extended. */
function variant(change: (p: Program) => void): CompiledProgram {
  const p = structuredClone(program);
  change(p);
  return compileProgram(p, 'sha256-variant');
}

describe(`columnar batch path on ${source}`, () => {
  it('vectorises the benchmark program', () => {
    expect(columnarUnsupportedReason(compiled, asOf)).toBeNull();
  });

  for (const partial of [false, true]) {
    it(`agrees with evaluate on 12,000 mixed households (partial: ${partial})`, () => {
      const inputs = mixedHouseholds(12_000, 2026);
      const stats: BatchStats = { columnar: 0, scalar: 0 };
      expectSameAsTraced(compiled, inputs, asOf, partial, stats);
      // Both paths must have carried a real share, or the comparison proves little about one of them.
      expect(stats.columnar).toBeGreaterThan(6_000);
      expect(stats.scalar).toBeGreaterThan(1_000);
    }, 300_000);
  }

  it('gives the same results as the scalar-only batch', () => {
    const inputs = mixedHouseholds(4_000, 99);
    expect(evaluateBatch(compiled, inputs, { asOf })).toEqual(evaluateBatch(compiled, inputs, { asOf, scalarOnly: true }));
  });

  it('gives the same results as typed-array columns and through resultAt', () => {
    const inputs = mixedHouseholds(4_000, 42);
    for (const partial of [false, true]) {
      const objects = evaluateBatch(compiled, inputs, { asOf, partial });
      const cols = evaluateBatchColumns(compiled, inputs, { asOf, partial });
      expect(cols.length).toBe(inputs.length);
      for (let i = 0; i < inputs.length; i++) {
        const o = objects[i];
        expect(cols.resultAt(i), `household ${i}`).toEqual(o);
        expect(ELIGIBILITY_NAMES[cols.eligibility[i]], `household ${i}`).toBe(o.eligibility);
        cols.ruleIds.forEach((id, r) => expect(cols.outcomes[r][i], `household ${i} rule ${id}`).toBe(OUTCOME_CODES[o.outcomes[id]]));
        cols.benefitIds.forEach((id, b) => expect(cols.benefits[b][i], `household ${i} benefit ${id}`).toBe(o.benefits[id] ?? NaN));
        expect(cols.invalid[i] === 1, `household ${i}`).toBe(o.invalid);
        expect(cols.hasMissing[i] === 1, `household ${i}`).toBe(o.missing.length > 0);
      }
    }
    expect(() => evaluateBatchColumns(compiled, inputs.slice(0, 3), { asOf }).resultAt(3)).toThrow(/0 to 2/);
  });

  it('sends households whose formula fails (division by zero) to the scalar path', () => {
    const c = variant((p) => {
      (p.derived as Record<string, { title: string; formula: string }>).rentShare = { title: 'Rent share', formula: 'rent / utilities' };
      p.rules[0].conditions = { all: [p.rules[0].conditions, { fact: 'rentShare', operator: 'greaterThanInclusive', value: 0 }] };
    });
    expect(columnarUnsupportedReason(c, asOf)).toBeNull();
    const inputs = households(3_000, 5);
    const zero = inputs.filter((h) => h.utilities === 0).length;
    expect(zero).toBeGreaterThan(50);
    const stats: BatchStats = { columnar: 0, scalar: 0 };
    expectSameAsTraced(c, inputs, asOf, false, stats);
    expect(stats.scalar).toBeGreaterThanOrEqual(zero);
    expect(evaluateBatch(c, inputs, { asOf }).filter((r) => r.invalid).length).toBe(zero);
  });

  it('rounds and bounds benefits as the scalar path does (rounding, minimum, maximum)', () => {
    for (const mode of ['nearest', 'down', 'up'] as const) {
      const c = variant((p) => {
        const b = (p.benefits ?? [])[0];
        b.rounding = { to: 7, mode };
        b.formula = `(${b.formula}) * 1.013`;
        b.maximum = { param: 'excess_shelter_cap' };
      });
      const stats: BatchStats = { columnar: 0, scalar: 0 };
      expectSameAsTraced(c, households(2_000, 17), asOf, false, stats);
      expect(stats.columnar).toBe(2_000);
    }
  });

  it('computes every vectorised operator and function as the scalar path does (as extra benefits)', () => {
    const formulas = [
      'count(members, m => m.disabled)',
      'all(members, m => m.earnedIncome >= 0 && !m.disabled) ? 1 : 0',
      'any(members, m => m.unearnedIncome > 1000 || m.earnedIncome == 0) ? 2 : 3',
      'round(earnedIncome / householdSize, 2)',
      'roundDown(unearnedIncome % 7, 1) + roundUp(rent / 3, 1)',
      'abs(-grossIncome + rent)',
      'min(rent, utilities, assets) + max(rent, 3, utilities)',
      'householdSize != 3 && rent == utilities ? 1 : 2',
      "sum(members, m => m.earnedIncome * param('earned_income_deduction_rate') + age(m.dateOfBirth))",
      "sum(members, m => param('standard_deduction', householdSize) - m.unearnedIncome)",
      '+rent - -utilities * 1.1',
      'receivesTanfOrSsi || hasMedicalCosts ? medicalCosts : 0',
      'rent / (householdSize - 3)',
    ];
    const c = variant((p) => {
      const first = (p.benefits ?? [])[0];
      p.benefits = [first, ...formulas.map((formula, i) => ({ id: `extra-${i}`, title: `Extra ${i}`, period: first.period, unit: first.unit, formula }))];
    });
    expect(columnarUnsupportedReason(c, asOf)).toBeNull();
    const stats: BatchStats = { columnar: 0, scalar: 0 };
    expectSameAsTraced(c, mixedHouseholds(4_000, 31), asOf, false, stats);
    expect(stats.columnar).toBeGreaterThan(500);
  });

  it('falls back to the scalar path for a program using a function without a kernel', () => {
    const c = variant((p) => {
      (p.derived as Record<string, { title: string; formula: string }>).shelterCosts.formula = 'clamp(rent + utilities, 0, 100000)';
    });
    expect(columnarUnsupportedReason(c, asOf)).toMatch(/clamp/);
    const inputs = mixedHouseholds(2_000, 8);
    const stats: BatchStats = { columnar: 0, scalar: 0 };
    expectSameAsTraced(c, inputs, asOf, false, stats);
    expect(stats).toEqual({ columnar: 0, scalar: 2_000 });
  });

  it('falls back for a rule on a text input and on a parameter not yet in force', () => {
    const c = variant((p) => {
      p.rules[0].conditions = { all: [p.rules[0].conditions, { fact: 'members', operator: 'isSet', value: true }] };
    });
    expect(columnarUnsupportedReason(c, asOf)).not.toBeNull();
    expect(columnarUnsupportedReason(compiled, '1990-01-01')).toMatch(/not in force/);
    expectSameAsTraced(c, mixedHouseholds(1_000, 3), asOf, true);
  });
});
