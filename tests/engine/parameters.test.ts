import { describe, expect, it } from 'vitest';
import { lookupTable, parameterInForce, parametersInForce, parameterValue } from '../../engine/evaluate/parameters.ts';
import type { Parameter } from '../../engine/format/types.ts';

const limit: Parameter = {
  description: 'Gross income limit',
  unit: 'USD/month',
  reference: { title: 'Base notice', citation: '7 CFR 273.9' },
  type: 'table',
  values: {
    '2024-10-01': { rows: { '1': 1632, '2': 2215, '8': 5722 }, increment: 583 },
    '2025-10-01': { value: { rows: { '1': 1696, '2': 2292, '8': 5991 }, increment: 596 }, reference: { title: 'FY2026 memo' } },
  },
};

describe('parameters in force', () => {
  it('uses the value with the greatest date on or before the as-of date (the day before and the day of a change)', () => {
    const before = parameterInForce('limit', limit, '2025-09-30');
    const on = parameterInForce('limit', limit, '2025-10-01');
    expect(before?.effectiveFrom).toBe('2024-10-01');
    expect(parameterValue(before!, 1, true)).toBe(1632);
    expect(on?.effectiveFrom).toBe('2025-10-01');
    expect(parameterValue(on!, 1, true)).toBe(1696);
  });
  it('takes a per-value reference over the parameter reference', () => {
    expect(parameterInForce('limit', limit, '2025-09-30')?.reference).toEqual({ title: 'Base notice', citation: '7 CFR 273.9' });
    expect(parameterInForce('limit', limit, '2025-10-01')?.reference).toEqual({ title: 'FY2026 memo' });
  });
  it('is absent before the first value', () => {
    expect(parameterInForce('limit', limit, '2024-09-30')).toBeUndefined();
    expect(parametersInForce({ limit }, '2024-09-30').has('limit')).toBe(false);
  });
  it('adds the increment once per unit above the last row', () => {
    const table = { rows: { '1': 1696, '8': 5991 }, increment: 596 };
    expect(lookupTable('limit', table, 8)).toBe(5991);
    expect(lookupTable('limit', table, 9)).toBe(5991 + 596);
    expect(lookupTable('limit', table, 11)).toBe(5991 + 3 * 596);
  });
  it('explains a key below the first row, a gap, or no increment', () => {
    expect(() => lookupTable('limit', { rows: { '1': 1 }, increment: 1 }, 0)).toThrow(/no row for 0: its first row is 1/);
    expect(() => lookupTable('limit', { rows: { '1': 1, '3': 3 } }, 2)).toThrow(/no row for 2/);
    expect(() => lookupTable('limit', { rows: { '1': 1 } }, 2)).toThrow(/no increment/);
  });
  it('checks that the key fits the parameter type', () => {
    const scalar = parameterInForce('rate', { description: 'r', reference: {}, values: { '2024-01-01': 0.3 } }, '2025-01-01')!;
    expect(parameterValue(scalar, undefined, false)).toBe(0.3);
    expect(() => parameterValue(scalar, 2, true)).toThrow(/not a table/);
  });
});
