/** A parameter's newest value in a few words, for the builder's list, formatted for the page's language. */
import { type Parameter, type ParameterValue, plainValue } from '../../../../engine/index.ts';
import { formatMoney } from '../../../../web/src/shared/format.ts';
import type { StudioText } from '../../text.ts';
import { columnDates, isTable } from './transforms.ts';

const locale = (lang: string) => (lang === 'es' ? 'es-US' : 'en-US');

/** One value with its unit: money for USD units, a percentage for "percent" and "ratio", else the number and unit. */
export function formatValue(value: unknown, unit: string | undefined, lang: string, s: StudioText): string {
  if (typeof value === 'boolean') return s(value ? 'parameters.yes' : 'parameters.no');
  if (typeof value !== 'number') return String(value);
  if (unit?.startsWith('USD')) return formatMoney(value, lang);
  const number = new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 4 }).format(value);
  if (unit === 'percent') return new Intl.NumberFormat(locale(lang), { style: 'percent', maximumFractionDigits: 4 }).format(value / 100);
  if (unit === 'ratio') return `${number} (${new Intl.NumberFormat(locale(lang), { style: 'percent', maximumFractionDigits: 4 }).format(value)})`;
  return unit ? `${number} ${unit}` : number;
}

/** The newest value of a parameter and its date: a table's first and last rows, a list's items or count, a scalar. */
export function glance(parameter: Parameter, lang: string, s: StudioText): { text: string; date: string } {
  const date = columnDates(parameter).at(-1) ?? '';
  const value = plainValue(parameter.values[date] as ParameterValue);
  if (isTable(value)) {
    const keys = Object.keys(value.rows);
    const first = keys[0];
    const last = keys.at(-1) as string;
    return {
      text: s('parameters.glanceTable', {
        first: formatValue(value.rows[first], parameter.unit, lang, s),
        last: formatValue(value.rows[last], parameter.unit, lang, s),
        key: parameter.key ?? '',
        firstKey: first,
        lastKey: last,
      }),
      date,
    };
  }
  if (Array.isArray(value)) {
    const text = value.join(', ');
    return { text: text.length <= 40 ? text : s('parameters.glanceItems', { count: value.length }), date };
  }
  return { text: formatValue(value, parameter.unit, lang, s), date };
}
