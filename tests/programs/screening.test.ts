import { describe, expect, it } from 'vitest';
import { compile, evaluate, type Determination } from '../../engine/index.ts';
import { shippedProgram } from './load.ts';

/**
 * One household's answers, checked against every shipped program at once, the way `POST /api/screen` does it
 * (partial evaluation, the same answers for all). Each program reads the questions it asks and ignores the rest.
 */
const answers = {
  // SNAP: Rosa earns $2,400 a month and lives with her son.
  members: [
    { name: 'Rosa', dateOfBirth: '1985-03-02', disabled: false, earnedIncome: 2400, unearnedIncome: 0 },
    { name: 'Leo', dateOfBirth: '2014-11-20', disabled: false, earnedIncome: 0, unearnedIncome: 0 },
  ],
  rent: 1400,
  utilities: 150,
  dependentCare: 0,
  childSupportPaid: 0,
  hasMedicalCosts: false,
  assets: 800,
  receivesTanfOrSsi: false,
  // Food bank: same household, in Providence.
  name: 'Rosa',
  zipCode: '02905',
  householdSize: 2,
  monthlyIncome: 2400,
  // Rental assistance: two months behind on rent, with a past-due notice.
  annualIncome: 28800,
  monthlyRent: 1400,
  rentOwed: 2800,
  pastDueRentNotice: true,
  evictionNotice: false,
  unsafeHousing: false,
};
const DATE = '2025-10-15';

function screen(folder: string, lang = 'en'): Determination {
  const { compiled, diagnostics } = compile(shippedProgram(folder));
  if (!compiled) throw new Error(`${folder}: ${diagnostics.map((d) => d.message).join('; ')}`);
  return evaluate(compiled, answers, { asOf: DATE, partial: true, lang });
}
const outcome = (d: Determination, rule: string) => d.reasons.find((r) => r.rule === rule)?.outcome;

describe('screening one household against all programs', () => {
  it('SNAP: not eligible, because $2,400 is over the $2,292 gross limit for two people', () => {
    const d = screen('us-snap/fy2026');
    expect(d.eligibility).toBe('ineligible');
    expect(outcome(d, 'gross-income')).toBe('fail');
    expect(d.reasons.find((r) => r.rule === 'gross-income')?.text).toContain('$2,292');
    expect(d.benefits).toEqual([]);
  });

  it('food bank: eligible for a 12 kg parcel, $28,800 a year being under the $42,300 limit', () => {
    const d = screen('community-food-bank');
    expect(d.eligibility).toBe('eligible');
    expect(outcome(d, 'service-area')).toBe('pass');
    expect(outcome(d, 'income')).toBe('pass');
    expect(d.benefits.map((b) => [b.id, b.amount, b.period])).toEqual([['parcel', 12, 'week']]);
  });

  it('rental assistance: eligible for $7,000 (the $2,800 owed plus 3 × $1,400 of future rent)', () => {
    const d = screen('emergency-rental-assistance');
    expect(d.eligibility).toBe('eligible');
    expect(outcome(d, 'income')).toBe('pass');
    expect(outcome(d, 'housing-instability')).toBe('pass');
    expect(outcome(d, 'rent-owed')).toBe('pass');
    expect(d.benefits.map((b) => [b.id, b.amount, b.period])).toEqual([['payment', 7000, 'once']]);
  });

  it('explains the results in Spanish when asked', () => {
    const d = screen('community-food-bank', 'es');
    expect(d.reasons.find((r) => r.rule === 'service-area')?.text).toContain('Usted vive en nuestra área de servicio');
  });
});
