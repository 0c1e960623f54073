import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileProgram } from '../../engine/compile/index.ts';
import { normalize } from '../../engine/normalize/index.ts';
import { evaluate } from '../../engine/evaluate/index.ts';
import { pruneHidden } from '../../engine/compile/prune.ts';
import type { Program } from '../../engine/format/types.ts';

const program = JSON.parse(fs.readFileSync(new URL('./fixtures/eval-mini-snap.json', import.meta.url), 'utf8')) as Program;
const compiled = compileProgram(normalize(program).program, 'sha256-fixture');
const AS_OF = '2025-10-15';

function household(overrides: Record<string, unknown> = {}, member: Record<string, unknown> = {}) {
  return {
    members: [
      { name: 'Ana', dateOfBirth: '1988-04-12', disabled: false, citizenshipStatus: 'citizen', earnedIncome: 1000, unearnedIncome: 0, ...member },
    ],
    rent: 600,
    assets: 500,
    receivesSsi: false,
    address: { state: 'NM' },
    hasMedicalCosts: false,
    ...overrides,
  };
}
const outcomes = (d: ReturnType<typeof evaluate>) => Object.fromEntries(d.reasons.map((r) => [r.rule, r.outcome]));

describe('evaluate: eligibility', () => {
  it('is eligible with the benefit, reasons with formatted amounts, values and the hash', () => {
    const d = evaluate(compiled, household(), { asOf: AS_OF });
    expect(d.eligibility).toBe('eligible');
    expect(d.hash).toBe('sha256-fixture');
    expect(d.asOf).toBe(AS_OF);
    // net = 1000 - 200 - 0 - 300 = 500; benefit = 298 - roundUp(150) = 148
    expect(d.values.netIncome).toBe(500);
    expect(d.benefits).toEqual([expect.objectContaining({ id: 'allotment', amount: 148, period: 'month', title: 'Monthly food benefit' })]);
    expect(d.reasons[0].text).toBe('Your gross monthly income of $1,000 is at or below the limit of $1,696.');
    expect(d.missing).toEqual([]);
    expect(d.inputErrors).toEqual([]);
  });
  it('is ineligible when a rule fails, and computes no benefit', () => {
    const d = evaluate(compiled, household({}, { earnedIncome: 1697 }), { asOf: AS_OF });
    expect(d.eligibility).toBe('ineligible');
    expect(outcomes(d)['gross-income']).toBe('fail');
    expect(d.reasons[0].text).toBe('Your gross monthly income of $1,697 is above the limit of $1,696.');
    expect(d.benefits).toEqual([]);
  });
  it('needs more information when an input decides a rule, naming it by title', () => {
    const d = evaluate(compiled, household({}, { earnedIncome: undefined }), { asOf: AS_OF, partial: true });
    expect(d.eligibility).toBe('needs-more-information');
    expect(outcomes(d)['gross-income']).toBe('unknown');
    expect(d.missing).toEqual([{ path: '/members/0/earnedIncome', title: 'Earned income (member 1)' }]);
    expect(d.reasons[0].text).toBe("We need everyone's income to check the gross income limit.");
    expect(d.inputErrors).toEqual([]);
  });
  it('lists required answers as missing and, unless partial, as input errors', () => {
    const input = household();
    delete (input as Record<string, unknown>).assets;
    const partial = evaluate(compiled, input, { asOf: AS_OF, partial: true });
    expect(partial.missing).toContainEqual({ path: '/assets', title: 'Money in the bank' });
    expect(partial.inputErrors).toEqual([]);
    const full = evaluate(compiled, input, { asOf: AS_OF });
    expect(full.inputErrors).toEqual([
      expect.objectContaining({ code: 'input.required', path: '/assets', message: 'Money in the bank is required.' }),
    ]);
    expect(full.eligibility).toBe('needs-more-information');
  });
  it('does not ask for an input when another one already decides (a failed rule stays failed)', () => {
    const d = evaluate(compiled, household({ assets: 999999 }, { earnedIncome: undefined }), { asOf: AS_OF, partial: true });
    expect(d.eligibility).toBe('ineligible');
    expect(outcomes(d)).toMatchObject({ assets: 'fail', 'gross-income': 'unknown' });
  });
});

describe('evaluate: parameters by date', () => {
  it('uses the limit in force the day before and the day of a change', () => {
    const input = household({}, { earnedIncome: 1650 });
    expect(evaluate(compiled, input, { asOf: '2025-09-30' }).eligibility).toBe('ineligible');
    expect(evaluate(compiled, input, { asOf: '2025-10-01' }).eligibility).toBe('eligible');
  });
  it('applies the table increment beyond the last row', () => {
    const members = Array.from({ length: 5 }, (_, i) => ({
      name: `P${i}`,
      dateOfBirth: '1990-01-01',
      citizenshipStatus: 'citizen',
      earnedIncome: 0,
      unearnedIncome: 0,
      disabled: false,
    }));
    const d = evaluate(compiled, household({ members, rent: 0 }), { asOf: AS_OF });
    expect(d.values.grossIncomeLimit).toBe(2888 + 2 * 596);
    expect(d.parameters.find((p) => p.name === 'max_allotment')).toMatchObject({ key: 5, value: 785 + 2 * 218 });
    expect(d.benefits[0].amount).toBe(900); // then capped by benefit_cap
  });
});

describe('evaluate: member-wise conditions and waivers', () => {
  it('waives the gross income test when any member has a disability', () => {
    const d = evaluate(compiled, household({}, { earnedIncome: 5000, disabled: true }), { asOf: AS_OF });
    expect(outcomes(d)['gross-income']).toBe('waived');
    expect(d.reasons[0].text).toBe('The gross income test does not apply to households with SSI or a member with a disability.');
  });
  it('checks anyMember with a list parameter value', () => {
    const d = evaluate(compiled, household({}, { citizenshipStatus: 'other' }), { asOf: AS_OF });
    expect(outcomes(d).citizenship).toBe('fail');
    const t = d.trace.find((r) => r.rule === 'citizenship')!.conditions[0];
    expect(t.threshold).toEqual({ field: 'citizenshipStatus', operator: 'in', value: ['citizen', 'permanent-resident', 'refugee'] });
  });
  it('is unknown for anyMember when no member decides and one answer is missing', () => {
    const d = evaluate(compiled, household({}, { citizenshipStatus: undefined }), { asOf: AS_OF, partial: true });
    expect(outcomes(d).citizenship).toBe('unknown');
    expect(d.missing.map((m) => m.path)).toEqual(['/members/0/citizenshipStatus']);
  });
  it('reads a fact path ($.state) and a param: fact', () => {
    const d = evaluate(compiled, household({ address: { state: 'TX' } }), { asOf: AS_OF });
    expect(outcomes(d)).toMatchObject({ residency: 'fail', 'program-open': 'pass' });
    expect(d.reasons[2].text).toBe('This office serves NM, AZ and CO only.');
  });
});

describe('evaluate: benefits', () => {
  it('applies the minimum when its condition holds', () => {
    const d = evaluate(compiled, household({ rent: 0 }, { earnedIncome: 1300 }), { asOf: AS_OF });
    // net = 1300 - 260 = 1040; 298 - roundUp(312) = -14 → 0 → minimum 24
    expect(d.benefits[0].amount).toBe(24);
  });
  it('rounds down to the dollar and caps at the maximum', () => {
    const members = Array.from({ length: 6 }, (_, i) => ({
      name: `P${i}`,
      dateOfBirth: '1990-01-01',
      citizenshipStatus: 'citizen',
      earnedIncome: 0,
      unearnedIncome: 0,
      disabled: false,
    }));
    const d = evaluate(compiled, household({ members, rent: 0 }), { asOf: AS_OF });
    expect(d.benefits[0].amount).toBe(900);
    const small = evaluate(compiled, household({ rent: 1 }, { earnedIncome: 0, unearnedIncome: 101.7 }), { asOf: AS_OF });
    // net = 101.7 - 0.5 = 101.2; 298 - roundUp(30.36) = 267
    expect(small.benefits[0].amount).toBe(267);
  });
});

describe('evaluate: input validation and pruning', () => {
  it('names the field by its title and treats the bad value as missing', () => {
    const d = evaluate(compiled, household({ rent: -5 }), { asOf: AS_OF });
    expect(d.inputErrors).toEqual([expect.objectContaining({ code: 'input.minimum', path: '/rent', message: 'Monthly rent must be 0 or more.' })]);
    expect(d.values.netIncome).toBeNull();
  });
  it('uses the title of a member field with the member number', () => {
    const d = evaluate(compiled, household({}, { earnedIncome: 'lots' }), { asOf: AS_OF });
    expect(d.inputErrors[0]).toMatchObject({ path: '/members/0/earnedIncome', message: 'Earned income (member 1) must be a number.' });
    expect(d.eligibility).toBe('needs-more-information');
  });
  it('words input errors in the requested language, with the translated titles', () => {
    const d = evaluate(compiled, household({ rent: -5 }), { asOf: AS_OF, lang: 'es' });
    expect(d.inputErrors[0].message).toBe('Alquiler mensual debe ser 0 o más.');
    expect(d.reasons[0].title).toBe('Prueba de ingresos brutos');
  });
  it('removes the answer to a hidden question before the rules run, which changes the outcome', () => {
    const stale = household({ hasMedicalCosts: false, medicalCosts: 400, rent: 0 }, { earnedIncome: 1300 });
    expect(pruneHidden(program.form.schema, stale)).not.toHaveProperty('medicalCosts');
    const d = evaluate(compiled, stale, { asOf: AS_OF });
    expect(d.values.medicalDeduction).toBe(0);
    expect(d.benefits[0].amount).toBe(24);
    const shown = evaluate(compiled, { ...stale, hasMedicalCosts: true }, { asOf: AS_OF });
    expect(shown.values.medicalDeduction).toBe(365);
    expect(shown.benefits[0].amount).toBeGreaterThan(24);
  });
  it("never mutates the caller's input", () => {
    const input = household({ rent: -5, medicalCosts: 3 });
    const copy = structuredClone(input);
    evaluate(compiled, input, { asOf: AS_OF });
    expect(input).toEqual(copy);
  });
  it('rejects a bad as-of date', () => {
    expect(() => evaluate(compiled, household(), { asOf: '15/10/2025' })).toThrow(/YYYY-MM-DD/);
  });
});

describe('evaluate: trace', () => {
  it('keeps value, operator, threshold, threshold fact, parameter with effective date, and outcome per condition', () => {
    const d = evaluate(compiled, household(), { asOf: AS_OF });
    const gross = d.trace[0];
    expect(gross.outcome).toBe('pass');
    expect(gross.conditions[0]).toEqual({
      path: '/rules/0/conditions/all/0',
      fact: 'grossIncome',
      value: 1000,
      operator: 'lessThanInclusive',
      threshold: 1696,
      thresholdFact: 'grossIncomeLimit',
      outcome: 'true',
      parameters: [
        {
          name: 'gross_income_limit',
          key: 1,
          value: 1696,
          effectiveFrom: '2025-10-01',
          reference: program.parameters.gross_income_limit.values['2025-10-01'] && {
            title: 'FY2026 COLA memo',
            citation: '7 CFR 273.9(a)(1)',
            url: 'https://www.fns.usda.gov/snap/allotment/cola/fy26',
          },
        },
      ],
    });
    expect(gross.waiver?.map((w) => w.path)).toEqual(['/rules/0/waiver/conditions/any/0', '/rules/0/waiver/conditions/any/1']);
    const assets = d.trace[1].conditions[0];
    expect(assets.parameters).toEqual([
      {
        name: 'asset_limit',
        value: 3000,
        effectiveFrom: '2025-10-01',
        reference: { title: 'FY2026 resource limit notice', citation: '7 CFR 273.8(b)' },
      },
    ]);
    const residency = d.trace[2].conditions[0];
    expect(residency).toMatchObject({ fact: 'address', factPath: '$.state', value: 'NM', operator: 'inList', outcome: 'true' });
    expect(d.parameters.map((p) => p.name)).toContain('max_allotment');
  });
  it('reports unknown condition values as null', () => {
    const d = evaluate(compiled, household({}, { earnedIncome: undefined }), { asOf: AS_OF, partial: true });
    expect(d.trace[0].conditions[0]).toMatchObject({ value: null, outcome: 'unknown' });
  });
});
