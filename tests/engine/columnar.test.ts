/**
 * The columnar batch path against the traced `evaluate`: ≥ 10,000 seeded households (complete, incomplete and
 * invalid mixed) must agree on eligibility, rule outcomes, benefits (exact numbers), missing paths and validity;
 * households the kernels cannot decide (division by zero, missing answers) and programs outside the vectorised
 * subset must fall back to the scalar path with the same results.
 */
import { describe, expect, it } from 'vitest';
import { ELIGIBILITY_NAMES, OUTCOME_CODES, evaluateBatch, evaluateBatchColumns, type BatchStats } from '../../engine/evaluate/batch.ts';
import { evaluate } from '../../engine/evaluate/index.ts';
import { compileProgram, type CompiledProgram } from '../../engine/compile/index.ts';
import { normalize } from '../../engine/normalize/index.ts';
import { columnarPlan, columnarUnsupportedReason } from '../../engine/evaluate/columnar/plan.ts';
import { readerFor } from '../../engine/evaluate/columnar/reader.ts';
import * as loops from '../../engine/evaluate/columnar/loops.ts';
import { roundDownTo, roundHalf, roundUpTo } from '../../engine/languages/formula/rounding.ts';
import { households, prng } from '../../bench/households.ts';
import { loadBenchProgram } from '../../bench/program.ts';
import type { JsonSchema, Program } from '../../engine/format/types.ts';

const { program, compiled, asOf, source } = loadBenchProgram();

/** Complete households and households with missing and invalid answers, interleaved by a seeded shuffle. */
function mixedHouseholds(count: number, seed: number): Record<string, unknown>[] {
  const all = [...households(count / 2, seed), ...households(count / 2, seed + 1, { missingRate: 0.05, invalidRate: 0.02 })];
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
  return compileProgram(normalize(p).program, 'sha256-variant');
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
      // Fused kernels (age compared with a constant, max/min of a sum with a constant, any/all of && and ||),
      // constant and column branches, true/false compared with true/false, parts equal to derived values,
      // table keys outside the memoised range.
      'count(members, m => age(m.dateOfBirth) < 18) + count(members, m => age(m.dateOfBirth) == 40) * 10',
      'all(members, m => age(m.dateOfBirth) > 17 || m.disabled) ? 1 : 0',
      'any(members, m => m.earnedIncome > 0 && age(m.dateOfBirth) <= 25) ? 1 : 0',
      'any(members, m => age(m.dateOfBirth) != 30 && !m.disabled) ? 1 : 0',
      'min(rent - utilities, 100) + max(rent + 3, 500) + min(medicalCosts + utilities, 2000) + max(assets - 5000, 0)',
      'rent - utilities + assets - medicalCosts + dependentCare - childSupportPaid',
      'max(rent + utilities - assets, 0) + min(rent - 3 + utilities - assets, 10) - (rent + utilities + assets)',
      'hasMedicalCosts && medicalCosts > 100 ? 1 : 2',
      'receivesTanfOrSsi == false ? (hasElderlyOrDisabledMember != true ? 3 : 4) : 5',
      '(hasMedicalCosts == true) && (receivesTanfOrSsi != false) ? medicalCosts : rent',
      '(rent + utilities) * 2 + max(maxAllotment - roundUp(netIncome * 0.3), 0)',
      "param('max_allotment', householdSize + 70) + (householdSize > 5 ? param('max_allotment', householdSize * 1.5) : 0)",
    ];
    const c = variant((p) => {
      const first = (p.benefits ?? [])[0];
      p.benefits = [
        first,
        ...formulas.map((formula, i) => ({ id: `extra-${i}`, title: `Extra ${i}`, period: first.period, unit: first.unit, formula })),
      ];
    });
    expect(columnarUnsupportedReason(c, asOf)).toBeNull();
    const stats: BatchStats = { columnar: 0, scalar: 0 };
    expectSameAsTraced(c, mixedHouseholds(4_000, 31), asOf, false, stats);
    expect(stats.columnar).toBeGreaterThan(500);
  });

  it('rounds, compares and picks minima and maxima in its branch-free loops exactly as the scalar operations do', () => {
    const rnd = prng(11);
    const values = [
      0,
      -0,
      0.5,
      -0.5,
      1.5,
      -1.5,
      2.5,
      0.49999999999999994,
      -0.49999999999999994,
      1.005,
      -1.005,
      2.675,
      0.125,
      -0.125,
      1e-12,
      -1e-12,
      999_999.995,
      -999_999.995,
      1e6,
      -1e6,
      1_000_000.5,
      123_456_789.125,
      2 ** 52 + 1,
      -(2 ** 53),
      1e300,
      -1e300,
      Number.MIN_VALUE,
      -Number.MIN_VALUE,
      Number.MAX_VALUE,
      Infinity,
      -Infinity,
      NaN,
    ];
    for (let i = 0; i < 20_000; i++) {
      const scale = 10 ** Math.floor(rnd() * 9 - 3);
      const v = (rnd() - 0.3) * scale;
      values.push(v, Math.round(v * 100) / 100, Math.round(v * 1000) / 1000 + 0.0005, Math.floor(v) + 0.5);
    }
    const x = Float64Array.from(values);
    const n = x.length;
    const o = new Float64Array(n);
    const pair = new Float64Array(2);
    const wrong: string[] = [];
    const check = (got: number, want: number, what: () => string): void => {
      if (!Object.is(got, want) && wrong.length < 10) wrong.push(`${what()}: ${got}, expected ${want}`);
    };
    for (const digits of [-2, -1, 0, 1, 2, 3, 6]) {
      for (const [loop, scalar] of [
        [loops.roundHalf, roundHalf],
        [loops.roundUp, roundUpTo],
        [loops.roundDown, roundDownTo],
      ] as const) {
        loop(x, 10 ** digits, o, n);
        for (let i = 0; i < n; i++) check(o[i], scalar(values[i], digits), () => `${scalar.name}(${values[i]}, ${digits})`);
      }
    }
    const y = Float64Array.from(values, (_, i) => values[(i * 7919) % n]);
    loops.minC(x, y, o, n, pair);
    for (let i = 0; i < n; i++) check(o[i], y[i] < x[i] ? y[i] : x[i], () => `min(${x[i]}, ${y[i]})`);
    loops.maxC(x, y, o, n, pair);
    for (let i = 0; i < n; i++) check(o[i], y[i] > x[i] ? y[i] : x[i], () => `max(${x[i]}, ${y[i]})`);
    for (const k of [0, -0, 1.5, NaN]) {
      loops.minK(x, k, o, n, pair);
      for (let i = 0; i < n; i++) check(o[i], k < x[i] ? k : x[i], () => `min(${x[i]}, ${k})`);
      loops.maxK(x, k, o, n, pair);
      for (let i = 0; i < n; i++) check(o[i], k > x[i] ? k : x[i], () => `max(${x[i]}, ${k})`);
    }
    expect(wrong).toEqual([]);
  });

  it('compares ages with a threshold exactly as age() and the comparison do (every birthday around the limit)', () => {
    const keys: number[] = [NaN];
    for (let year = 1900; year <= 2030; year++) {
      for (const [month, day] of [
        [1, 1],
        [2, 28],
        [2, 29],
        [3, 1],
        [10, 14],
        [10, 15],
        [10, 16],
        [12, 31],
      ])
        keys.push(year * 10000 + month * 100 + day);
    }
    const x = Float64Array.from(keys);
    const o = new Float64Array(x.length);
    const wrong: string[] = [];
    // The scalar age(): formula/dates.ts wholeYears on date keys.
    const age = (key: number, to: number): number => Math.floor((to - key) / 10000);
    for (const to of [20251015, 20240229, 20250101]) {
      for (const k of [0, 1, 17, 18, 59.5, 60, 65, 100, -1, 0.25]) {
        loops.ageAtLeast(x, to, Math.ceil(k) * 10000, o, x.length);
        for (let i = 0; i < x.length; i++) if (o[i] !== +(age(keys[i], to) >= k)) wrong.push(`age(${keys[i]}) on ${to} >= ${k}`);
        loops.ageBelow(x, to, Math.ceil(k) * 10000, o, x.length);
        for (let i = 0; i < x.length; i++) if (o[i] !== +(age(keys[i], to) < k)) wrong.push(`age(${keys[i]}) on ${to} < ${k}`);
      }
    }
    expect(wrong.slice(0, 10)).toEqual([]);
  });

  it('shares frozen decided results between batches of the same program, equal to evaluate', () => {
    // A fresh compilation, so that the first batch starts with an empty result pool.
    const c = variant(() => {});
    const inputs = households(1_000, 41);
    const first = evaluateBatch(c, inputs, { asOf });
    const second = evaluateBatch(c, inputs, { asOf });
    let same = 0;
    for (let i = 0; i < inputs.length; i++) {
      expect(second[i]).toEqual(first[i]);
      if (second[i] === first[i]) same++;
    }
    // Complete households are decided by the kernels: nearly all of them get the object the first batch made.
    expect(same).toBeGreaterThan(900);
    expect(Object.isFrozen(second[0])).toBe(true);
    expectSameAsTraced(c, inputs, asOf, false);
    // Another compiled program has its own pool.
    const other = evaluateBatch(
      variant(() => {}),
      inputs,
      { asOf },
    );
    expect(other.filter((r, i) => r === first[i])).toEqual([]);
  });

  it('leaves households without their member list to the scalar path when the form does not require the list', () => {
    const c = variant((p) => {
      const schema = p.form.schema as JsonSchema;
      schema.required = (schema.required as string[]).filter((k) => k !== 'members');
    });
    const plan = columnarPlan(c, asOf)!;
    expect(readerFor(c.input.schema, plan.inputs, plan.list, plan.fields, 8).reason).toBeNull();
    const inputs = mixedHouseholds(2_000, 10);
    inputs.forEach((h, i) => {
      if (i % 3 === 0) delete h.members;
    });
    const stats: BatchStats = { columnar: 0, scalar: 0 };
    expectSameAsTraced(c, inputs, asOf, false, stats);
    // Every household without members went to the scalar path (which names what is missing); the rest mostly not.
    expect(stats.scalar).toBeGreaterThanOrEqual(667);
    expect(stats.columnar).toBeGreaterThan(800);
  });

  it("prepares and extracts submissions when the form is outside the reader's subset (uniqueItems), with the same results", () => {
    const c = variant((p) => {
      ((p.form.schema as JsonSchema).properties as Record<string, JsonSchema>).members.uniqueItems = true;
    });
    expect(columnarUnsupportedReason(c, asOf)).toBeNull();
    const plan = columnarPlan(c, asOf)!;
    expect(readerFor(c.input.schema, plan.inputs, plan.list, plan.fields, 8).reason).toContain('keyword uniqueItems');
    const stats: BatchStats = { columnar: 0, scalar: 0 };
    expectSameAsTraced(c, mixedHouseholds(2_000, 9), asOf, false, stats);
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
