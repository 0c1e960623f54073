/**
 * Checks of the parameters: real dates, values of the declared type, whole-number table rows, and a value in force
 * on the version's first day and on every test case's date.
 */
import type { Parameter, ParameterValue } from '../format/types.ts';
import type { CheckContext } from './context.ts';
import { pointer } from '../format/pointer.ts';

/** True when `text` is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The plain value of a dated value (the long form `{ value, reference }` unwrapped). */
export function plainValue(value: ParameterValue): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && 'value' in value ? value.value : value;
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'a table ({ rows })';
  return `the ${typeof value} ${JSON.stringify(value)}`;
}

const EXPECTED = {
  scalar: 'a number, text or true/false',
  table: 'a table { "rows": { "1": amount, ... }, "increment"?: amount }',
  list: 'a list [ ... ]',
};

function checkParameter(ctx: CheckContext, name: string, parameter: Parameter): void {
  const type = parameter.type ?? 'scalar';
  if (parameter.key !== undefined && type !== 'table') ctx.report('parameter.key-on-non-table', pointer('parameters', name, 'key'), { name });
  for (const [date, raw] of Object.entries(parameter.values)) {
    const at = pointer('parameters', name, 'values', date);
    if (!isCalendarDate(date)) ctx.report('document.date-invalid', at, { value: date });
    const value = plainValue(raw);
    const shape = Array.isArray(value) ? 'list' : value !== null && typeof value === 'object' ? 'table' : 'scalar';
    if (shape !== type) {
      ctx.report('parameter.value-shape', at, { name, type, date, actual: describeValue(value), expected: EXPECTED[type] });
      continue;
    }
    if (type === 'table') {
      for (const key of Object.keys((value as { rows: Record<string, number> }).rows)) {
        if (!/^-?\d+$/.test(key))
          ctx.report('parameter.table-key', pointer('parameters', name, 'values', date, ...(raw === value ? [] : ['value']), 'rows', key), {
            name,
            key,
            date,
          });
      }
    }
  }
}

/** The earliest date a parameter has a value, or `undefined` when it has none. */
function earliest(parameter: Parameter): string | undefined {
  return Object.keys(parameter.values).sort()[0];
}

/** Adds the diagnostics of every parameter's values and of the dates they must cover. */
export function checkParameters(ctx: CheckContext): void {
  const { program } = ctx;
  for (const [name, parameter] of Object.entries(program.parameters)) checkParameter(ctx, name, parameter);

  const dates: { date: string; path: string; why: string }[] = [
    { date: program.effectiveFrom, path: '/effectiveFrom', why: `the first day of version ${program.version}` },
  ];
  program.tests.forEach((test, i) => {
    dates.push({ date: test.date, path: pointer('tests', i, 'date'), why: `the date of test case ${JSON.stringify(test.name)}` });
  });
  for (const [name, parameter] of Object.entries(program.parameters)) {
    const first = earliest(parameter);
    if (first === undefined) continue;
    // One diagnostic per parameter: the earliest uncovered date names the problem; later ones add nothing.
    const uncovered = dates.filter((d) => d.date < first).sort((a, b) => a.date.localeCompare(b.date))[0];
    if (uncovered)
      ctx.report('parameter.no-value', pointer('parameters', name, 'values'), {
        name,
        date: uncovered.date,
        why: uncovered.why,
        earliest: first,
        at: uncovered.path,
      });
  }
  if (program.effectiveTo && program.effectiveTo < program.effectiveFrom) {
    ctx.report('metadata.effective-range', '/effectiveTo', { effectiveFrom: program.effectiveFrom, effectiveTo: program.effectiveTo });
  }
}
