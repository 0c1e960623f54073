/**
 * Parameters in force on a date (docs/design.md §1 "Parameters"): the value with the greatest date key ≤ the
 * as-of date, table lookups with an increment beyond the last row, and the source reference of each value.
 */
import type { IsoDate, LegalReference, Parameter, ParameterUse, TableValue } from '../format/types.ts';
import { FormulaEvalError } from '../languages/formula/dates.ts';

/** One parameter's value in force on a date, with where it comes from. */
export interface ParameterInForce {
  name: string;
  type: 'scalar' | 'table' | 'list';
  value: unknown;
  effectiveFrom: IsoDate;
  reference: LegalReference;
}

function isLongForm(v: unknown): v is { value: unknown; reference?: LegalReference } {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && 'value' in v;
}

/** The value of `param` in force on `asOf`, or `undefined` when its first value starts later. */
export function parameterInForce(name: string, param: Parameter, asOf: IsoDate): ParameterInForce | undefined {
  let best: IsoDate | undefined;
  for (const date of Object.keys(param.values)) {
    if (date <= asOf && (best === undefined || date > best)) best = date;
  }
  if (best === undefined) return undefined;
  const raw = param.values[best];
  const value = isLongForm(raw) ? raw.value : raw;
  const reference = (isLongForm(raw) && raw.reference) || param.reference;
  return { name, type: param.type ?? 'scalar', value, effectiveFrom: best, reference };
}

/** Every parameter of a program in force on `asOf`, keyed by name (a parameter not yet in force is absent). */
export function parametersInForce(parameters: Record<string, Parameter>, asOf: IsoDate): Map<string, ParameterInForce> {
  const out = new Map<string, ParameterInForce>();
  for (const name of Object.keys(parameters)) {
    const p = parameterInForce(name, parameters[name], asOf);
    if (p) out.set(name, p);
  }
  return out;
}

/**
 * Looks a key up in a table value: the row itself, or, above the last numeric row, the last row plus `increment`
 * per unit above it. Throws a `FormulaEvalError` naming the table when there is no answer.
 */
export function lookupTable(name: string, table: TableValue, key: unknown): number {
  // A number indexes the rows as its canonical text would (JS property keys), without building the string.
  const direct = typeof key === 'number' ? (table.rows as unknown as Record<number, number>)[key] : table.rows[String(key)];
  if (direct !== undefined) return direct;
  if (typeof key === 'number' && Number.isInteger(key)) {
    let last = -Infinity;
    let first = Infinity;
    for (const k of Object.keys(table.rows)) {
      const n = Number(k);
      if (n > last) last = n;
      if (n < first) first = n;
    }
    if (key > last && table.increment !== undefined) return table.rows[String(last)] + (key - last) * table.increment;
    if (key < first) throw new FormulaEvalError(`parameter "${name}" has no row for ${key}: its first row is ${first}`);
  }
  const why = table.increment === undefined ? 'and no increment beyond its last row' : 'and the key is not a whole number above its last row';
  throw new FormulaEvalError(`parameter "${name}" has no row for ${JSON.stringify(key)} ${why}`);
}

/** The value of a parameter for a formula's `param(name, key?)`, checking that the key fits the parameter's type. */
export function parameterValue(p: ParameterInForce, key: unknown, hasKey: boolean): unknown {
  if (p.type === 'table') {
    if (!hasKey) throw new FormulaEvalError(`parameter "${p.name}" is a table: give the row key, as in param('${p.name}', householdSize)`);
    return lookupTable(p.name, p.value as TableValue, key);
  }
  if (hasKey) throw new FormulaEvalError(`parameter "${p.name}" is a ${p.type}, not a table: call param('${p.name}') without a key`);
  return p.value;
}

/** Builds the `ParameterUse` record a determination shows for one lookup. */
export function parameterUse(p: ParameterInForce, key: unknown, value: unknown): ParameterUse {
  const use: ParameterUse = { name: p.name, value, effectiveFrom: p.effectiveFrom, reference: p.reference };
  if (key !== undefined) use.key = key as string | number;
  return use;
}
