import { describe, expect, it } from 'vitest';
import { compile, diff, evaluate, formatDiff } from '../../engine/index.ts';
import { shippedProgram } from './load.ts';

const fy2025 = shippedProgram('us-snap/fy2025');
const fy2026 = shippedProgram('us-snap/fy2026');

/**
 * The parameters the FY2026 cost-of-living adjustment changed (the poverty guidelines, from which the income limits
 * are derived, and the homeless shelter deduction among them); the asset limits, rates and ages stay as they were.
 */
const CHANGED = ['max_allotment', 'poverty_guideline', 'standard_deduction', 'excess_shelter_cap', 'homeless_shelter_deduction', 'minimum_benefit'];

describe('SNAP FY2025 → FY2026', () => {
  const changes = diff(fy2025, fy2026);

  it('lists parameter value changes and nothing else', () => {
    expect(changes.length).toBeGreaterThan(0);
    const other = changes.filter((c) => c.area !== 'parameters');
    expect(other.map((c) => `${c.area} ${c.path}: ${c.text}`)).toEqual([]);
  });

  it('lists a change for each adjusted parameter, dated 2025-10-01, and none for the unchanged ones', () => {
    const touched = new Set(changes.map((c) => c.path.split('/')[2]));
    expect([...touched].sort()).toEqual([...CHANGED].sort());
    for (const c of changes) expect(c.text).toContain('2025-10-01');
  });

  it('words the changes for a policy analyst', () => {
    const text = formatDiff(changes);
    expect(text).toContain('FY2026 cost-of-living adjustment');
    expect(text).toMatch(/\$292 → \$298/);
    expect(text).toMatch(/\$712 → \$744/);
  });

  it('keeps the FY2025 values in the FY2026 version: evaluated on 2025-09-30 it gives the FY2025 answer', () => {
    const { compiled } = compile(fy2026);
    const family = {
      members: [
        { name: 'Eve', dateOfBirth: '1988-04-12', disabled: false, earnedIncome: 2000, unearnedIncome: 0 },
        { name: 'Finn', dateOfBirth: '1990-09-03', disabled: false, earnedIncome: 0, unearnedIncome: 0 },
        { name: 'Child 1', dateOfBirth: '2016-06-01', disabled: false, earnedIncome: 0, unearnedIncome: 0 },
        { name: 'Child 2', dateOfBirth: '2016-06-01', disabled: false, earnedIncome: 0, unearnedIncome: 0 },
      ],
      rent: 1000,
      utilities: 200,
      dependentCare: 0,
      childSupportPaid: 0,
      hasMedicalCosts: false,
      assets: 0,
      receivesTanfOrSsi: false,
    };
    // 2025-09-30, FY2025 values: adjusted 2000 - 400 - 217 = 1383; shelter 1200 - 691.5 = 508.5; net 874.5;
    // benefit 975 - ceil(262.35) = 712.   2025-10-01, FY2026 values: adjusted 1377; shelter 511.5; net 865.5;
    // benefit 994 - ceil(259.65) = 734.
    const before = evaluate(compiled!, family, { asOf: '2025-09-30' });
    const after = evaluate(compiled!, family, { asOf: '2025-10-01' });
    // The month of application is prorated: on 2025-09-30, 1 day of 30 (712 x 1/30 = 23.73, rounded down to 23);
    // on 2025-10-01 the whole month.
    expect(before.benefits.map((b) => [b.id, b.amount])).toEqual([
      ['allotment', 712],
      ['first-month', 23],
    ]);
    expect(after.benefits.map((b) => [b.id, b.amount])).toEqual([
      ['allotment', 734],
      ['first-month', 734],
    ]);
    const single = { ...family, members: [{ ...family.members[0], earnedIncome: 1650 }], rent: 0, utilities: 0 };
    // 1650 > 1632 (FY2025 gross limit), 1650 <= 1696 (FY2026).
    expect(evaluate(compiled!, single, { asOf: '2025-09-30' }).eligibility).toBe('ineligible');
    expect(evaluate(compiled!, single, { asOf: '2025-10-01' }).eligibility).toBe('eligible');
  });
});
