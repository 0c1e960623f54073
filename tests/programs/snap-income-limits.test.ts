import { describe, expect, it } from 'vitest';
import { compile, evaluate } from '../../engine/index.ts';
import { shippedProgram } from './load.ts';

/**
 * USDA's published monthly income eligibility standards for the 48 contiguous states and DC, household sizes 1 to 8
 * and "each additional member", as printed in each fiscal year's cost-of-living adjustment notice. The program
 * derives its limits from the HHS poverty guidelines (130% and 100%, divided by 12, rounded up); these tables are
 * the independent check that the derivation reproduces what USDA publishes.
 */
const USDA: Record<string, { folder: string; date: string; gross: number[]; net: number[] }> = {
  FY2022: {
    folder: 'us-snap/fy2022',
    date: '2021-10-01',
    gross: [1396, 1888, 2379, 2871, 3363, 3855, 4347, 4839, 492],
    net: [1074, 1452, 1830, 2209, 2587, 2965, 3344, 3722, 379],
  },
  FY2023: {
    folder: 'us-snap/fy2023',
    date: '2022-10-01',
    gross: [1473, 1984, 2495, 3007, 3518, 4029, 4541, 5052, 512],
    net: [1133, 1526, 1920, 2313, 2706, 3100, 3493, 3886, 394],
  },
  FY2024: {
    folder: 'us-snap/fy2024',
    date: '2023-10-01',
    gross: [1580, 2137, 2694, 3250, 3807, 4364, 4921, 5478, 557],
    net: [1215, 1644, 2072, 2500, 2929, 3357, 3785, 4214, 429],
  },
  FY2025: {
    folder: 'us-snap/fy2025',
    date: '2024-10-01',
    gross: [1632, 2215, 2798, 3380, 3963, 4546, 5129, 5712, 583],
    net: [1255, 1704, 2152, 2600, 3049, 3497, 3945, 4394, 449],
  },
  FY2026: {
    folder: 'us-snap/fy2026',
    date: '2025-10-01',
    gross: [1696, 2292, 2888, 3483, 4079, 4675, 5271, 5867, 596],
    net: [1305, 1763, 2221, 2680, 3138, 3596, 4055, 4513, 459],
  },
};

/** A household of `size` adults with no income: only its size matters to the limits. */
const household = (size: number) => ({
  members: Array.from({ length: size }, (_, i) => ({
    name: `P${i}`,
    dateOfBirth: '1990-01-01',
    disabled: false,
    earnedIncome: 0,
    unearnedIncome: 0,
  })),
  rent: 0,
  utilities: 0,
  dependentCare: 0,
  childSupportPaid: 0,
  hasMedicalCosts: false,
  assets: 0,
  receivesTanfOrSsi: false,
});

/** USDA's table for a household size: the row, or the eight-person row plus the per-person amount for each further one. */
const published = (table: number[], size: number) => (size <= 8 ? table[size - 1] : table[7] + (size - 8) * table[8]);

const latest = compile(shippedProgram('us-snap/fy2026')).compiled!;

describe('SNAP income limits derived from the poverty guidelines match USDA’s published tables', () => {
  for (const [year, t] of Object.entries(USDA)) {
    const own = compile(shippedProgram(t.folder)).compiled!;
    it(`${year}: sizes 1 to 12, in the ${t.folder} version and in the latest one`, () => {
      for (const compiled of [own, latest]) {
        for (let size = 1; size <= 12; size++) {
          const d = evaluate(compiled, household(size), { asOf: t.date });
          expect({ size, gross: d.values.grossIncomeLimit, net: d.values.netIncomeLimit }).toEqual({
            size,
            gross: published(t.gross, size),
            net: published(t.net, size),
          });
        }
      }
    });
  }

  it('the day before a fiscal year starts, the previous year’s limits apply', () => {
    const d = evaluate(latest, household(4), { asOf: '2025-09-30' });
    expect([d.values.grossIncomeLimit, d.values.netIncomeLimit]).toEqual([USDA.FY2025.gross[3], USDA.FY2025.net[3]]);
  });
});
