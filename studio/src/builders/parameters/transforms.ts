/**
 * The parameter builder's edits of the definition document, as pure functions: each takes the whole document and
 * returns a new one in which only the named place changed (every other key keeps its value and its place in the key
 * order, so the JSON tab and the Compare page show exactly the edit). The document is the one source of truth; these
 * functions never mutate it. Reading helpers (columns, cells, their JSON Pointers) sit beside them so the builder and
 * its tests agree on where each value lives in the format (engine/format/program.v1.json, `parameter`).
 */
import {
  isCalendarDate,
  plainValue,
  type LegalReference,
  type ListValue,
  type Parameter,
  type ParameterValue,
  type PlainValue,
  type ScalarValue,
  type TableValue,
} from '../../../../engine/index.ts';
import { withPart } from '../../draft/parts.ts';

type Doc = Record<string, unknown>;

/** What the analyst picks when adding a parameter; each kind is one shape of the format with a default unit. */
export const PARAMETER_KINDS = ['amount', 'number', 'percent', 'yesno', 'list', 'table'] as const;
export type ParameterKind = (typeof PARAMETER_KINDS)[number];

/** A cell of a parameter's dated table: a table row, the table's "each additional" increment, or the whole value. */
export type Cell = { row: string } | 'increment' | 'value';

/** The reference fields the format has (`reference`). */
export const REFERENCE_FIELDS = ['title', 'citation', 'url'] as const;
export type ReferenceField = (typeof REFERENCE_FIELDS)[number];

/** The parameter's own words the builder edits. */
export type DetailField = 'description' | 'unit' | 'key';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The document's parameters, `{}` when it has none. */
export function parametersOf(doc: Doc): Record<string, Parameter> {
  const value = doc.parameters;
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, Parameter>) : {};
}

/** True for the long form of a dated value, `{ value, reference? }`. */
export function isLongForm(raw: ParameterValue): raw is { value: PlainValue; reference?: LegalReference } {
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw) && 'value' in raw;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** True for a table value `{ rows, increment? }`. */
export function isTable(value: unknown): value is TableValue {
  return isObject(value) && isObject(value.rows);
}

/**
 * True when a parameter has the shape the builder edits (an object with a description and dated values whose
 * reference, when present, is an object); anything else the JSON tab shows, with the engine's diagnostics.
 */
export function isEditable(parameter: unknown): parameter is Parameter {
  if (!isObject(parameter) || typeof parameter.description !== 'string' || !isObject(parameter.values)) return false;
  if (parameter.reference !== undefined && !isObject(parameter.reference)) return false;
  return Object.values(parameter.values).every(
    (raw) => !isObject(raw) || !('value' in raw) || raw.reference === undefined || isObject(raw.reference),
  );
}

/** The dates of a parameter's values, oldest first (one column each). */
export function columnDates(parameter: Parameter): string[] {
  return Object.keys(parameter.values).sort();
}

/** Escapes one JSON Pointer segment. */
function segment(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The JSON Pointer of a parameter, or of a place inside it (`pointerOf('x', 'values', d)`). */
export function pointerOf(name: string, ...rest: string[]): string {
  return ['', 'parameters', name, ...rest].map(segment).join('/');
}

/** The JSON Pointer of the plain value dated `date` (inside the long form's `value` when it has one). */
export function valuePointer(name: string, parameter: Parameter, date: string): string {
  const raw = parameter.values[date];
  return raw !== undefined && isLongForm(raw) ? pointerOf(name, 'values', date, 'value') : pointerOf(name, 'values', date);
}

/** The JSON Pointer of one cell of the column dated `date`. */
export function cellPointer(name: string, parameter: Parameter, date: string, cell: Cell): string {
  const base = valuePointer(name, parameter, date);
  if (cell === 'value') return base;
  return cell === 'increment' ? `${base}/increment` : `${base}/rows/${segment(cell.row)}`;
}

/** The rows of a table parameter across all its columns, in key order (numbers ascending). */
export function tableRows(parameter: Parameter): string[] {
  const keys = new Set<string>();
  for (const raw of Object.values(parameter.values)) {
    const value = plainValue(raw);
    if (isTable(value)) for (const k of Object.keys(value.rows)) keys.add(k);
  }
  return [...keys].sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
}

/** What kind of parameter this is, from its type and its values. */
export function kindOf(parameter: Parameter): ParameterKind | 'text' {
  if (parameter.type === 'table') return 'table';
  if (parameter.type === 'list') return 'list';
  const first = plainValue(Object.values(parameter.values)[0] as ParameterValue);
  if (typeof first === 'boolean') return 'yesno';
  if (typeof first === 'string') return 'text';
  if (parameter.unit === 'percent' || parameter.unit === 'ratio') return 'percent';
  return parameter.unit?.startsWith('USD') ? 'amount' : 'number';
}

/** A number typed by the analyst (`1789`, `-3`, `0.2`), or `undefined` when the text is not one. */
export function parseNumber(text: string): number | undefined {
  const t = text.trim();
  return /^-?(\d+(\.\d*)?|\.\d+)$/.test(t) ? Number(t) : undefined;
}

/** The date one year after `date` (28 February for 29 February). */
export function nextYear(date: string): string {
  const [y, m, d] = date.split('-');
  const next = `${String(Number(y) + 1).padStart(4, '0')}-${m}-${d}`;
  return isCalendarDate(next) ? next : `${String(Number(y) + 1).padStart(4, '0')}-${m}-28`;
}

/** Why `date` cannot start a new column of `parameter`, or null when it can (a real date after the last one). */
export function newColumnProblem(parameter: Parameter, date: string): 'invalid' | 'not-after' | null {
  if (!isCalendarDate(date)) return 'invalid';
  const last = columnDates(parameter).at(-1);
  return last !== undefined && date <= last ? 'not-after' : null;
}

/** Why `name` cannot name a new parameter of `doc`, or null when it can. */
export function newNameProblem(doc: Doc, name: string): 'invalid' | 'taken' | null {
  if (!NAME.test(name)) return 'invalid';
  return Object.hasOwn(parametersOf(doc), name) ? 'taken' : null;
}

/** The format's order of the keys of a parameter, a reference, a long-form value and a table value. */
const PARAMETER_ORDER = ['description', 'unit', 'reference', 'type', 'key', 'values'];
const REFERENCE_ORDER: readonly string[] = REFERENCE_FIELDS;
const TABLE_ORDER = ['rows', 'increment'];

/**
 * `obj` with `key` set to `value` in its place, or removed when `value` is undefined. A new key goes where `order`
 * (the format's order of those keys) puts it among the keys present, or last.
 */
function withKey<T>(obj: Record<string, T>, key: string, value: T | undefined, order: readonly string[] = []): Record<string, T> {
  if (value !== undefined && !Object.hasOwn(obj, key)) {
    const rank = order.indexOf(key);
    const entries = Object.entries(obj);
    const before = rank < 0 ? -1 : entries.findIndex(([k]) => order.indexOf(k) > rank);
    entries.splice(before < 0 ? entries.length : before, 0, [key, value]);
    return Object.fromEntries(entries);
  }
  const out: Record<string, T> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (k !== key) out[k] = v;
    else if (value !== undefined) out[k] = value;
  }
  return out;
}

function withParameter(doc: Doc, name: string, update: (p: Parameter) => Parameter | undefined): Doc {
  const parameters = parametersOf(doc);
  const current = parameters[name];
  if (!current) throw new Error(`There is no parameter "${name}" in the definition.`);
  return withPart(doc, 'parameters', withKey(parameters, name, update(current)));
}

/** The dated value with its plain value replaced, in the form (short or long) it was written in. */
function withPlain(raw: ParameterValue, value: PlainValue): ParameterValue {
  return isLongForm(raw) ? (withKey(raw as Record<string, unknown>, 'value', value) as ParameterValue) : value;
}

function withDated(doc: Doc, name: string, date: string, update: (raw: ParameterValue) => ParameterValue | undefined): Doc {
  return withParameter(doc, name, (p) => {
    const raw = p.values[date];
    if (raw === undefined) throw new Error(`Parameter "${name}" has no value from ${date}.`);
    return { ...p, values: withKey(p.values, date, update(raw)) };
  });
}

/**
 * Adds a column: the value from `date` is a copy of the newest value (its numbers, not its source, which the analyst
 * gives for the new date). `date` must pass `newColumnProblem`.
 */
export function addColumn(doc: Doc, name: string, date: string): Doc {
  return withParameter(doc, name, (p) => {
    const problem = newColumnProblem(p, date);
    if (problem)
      throw new Error(`A new value of "${name}" cannot start on "${date}": ${problem === 'invalid' ? 'not a date' : 'not after the last value'}.`);
    const last = columnDates(p).at(-1) as string;
    return { ...p, values: { ...p.values, [date]: structuredClone(plainValue(p.values[last])) as PlainValue } };
  });
}

/** Removes the value from `date` (a parameter keeps at least one value: removing the only one throws). */
export function removeColumn(doc: Doc, name: string, date: string): Doc {
  return withParameter(doc, name, (p) => {
    if (Object.keys(p.values).length <= 1) throw new Error(`"${name}" needs at least one dated value.`);
    return { ...p, values: withKey(p.values, date, undefined) };
  });
}

/**
 * Sets one cell of the column dated `date`: a table row's amount, the increment (`undefined` removes it), or the
 * whole value of a scalar or list.
 */
export function setCell(doc: Doc, name: string, date: string, cell: Cell, value: ScalarValue | ListValue | undefined): Doc {
  return withDated(doc, name, date, (raw) => {
    const plain = plainValue(raw) as PlainValue;
    if (cell === 'value') {
      if (value === undefined) throw new Error(`The value of "${name}" from ${date} cannot be empty.`);
      return withPlain(raw, value);
    }
    if (!isTable(plain)) throw new Error(`"${name}" from ${date} is not a table.`);
    if (cell === 'increment')
      return withPlain(raw, withKey(plain as unknown as Record<string, unknown>, 'increment', value, TABLE_ORDER) as unknown as TableValue);
    if (typeof value !== 'number') throw new Error(`A row of "${name}" holds a number.`);
    return withPlain(raw, { ...plain, rows: withKey(plain.rows, cell.row, value) });
  });
}

/**
 * Adds the row `key` (a whole number) to every column of a table that lacks it. Each column gets the amount the table
 * already gives for that key (the last row plus the increment per unit above it), so no date's meaning changes;
 * without an increment, the nearest row's amount, for the analyst to change.
 */
export function addRow(doc: Doc, name: string, key: string): Doc {
  if (!/^-?\d+$/.test(key)) throw new Error(`A row key is a whole number, not "${key}".`);
  return withParameter(doc, name, (p) => ({
    ...p,
    values: Object.fromEntries(
      Object.entries(p.values).map(([date, raw]) => {
        const plain = plainValue(raw);
        if (!isTable(plain) || Object.hasOwn(plain.rows, key)) return [date, raw];
        const keys = Object.keys(plain.rows).map(Number);
        const last = Math.max(...keys);
        const n = Number(key);
        const nearest = keys.reduce((best, k) => (Math.abs(k - n) < Math.abs(best - n) ? k : best), keys[0]);
        const amount =
          n > last && plain.increment !== undefined ? plain.rows[String(last)] + (n - last) * plain.increment : plain.rows[String(nearest)];
        return [date, withPlain(raw, { ...plain, rows: sortedRows({ ...plain.rows, [key]: amount }) })];
      }),
    ),
  }));
}

/** Rows in key order (JavaScript orders integer keys already; this keeps negative or odd keys in number order too). */
function sortedRows(rows: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(rows).sort(([a], [b]) => Number(a) - Number(b) || a.localeCompare(b)));
}

/** Removes the row `key` from every column of a table; a column keeps at least one row (else this throws). */
export function removeRow(doc: Doc, name: string, key: string): Doc {
  return withParameter(doc, name, (p) => ({
    ...p,
    values: Object.fromEntries(
      Object.entries(p.values).map(([date, raw]) => {
        const plain = plainValue(raw);
        if (!isTable(plain) || !Object.hasOwn(plain.rows, key)) return [date, raw];
        if (Object.keys(plain.rows).length <= 1) throw new Error(`The value of "${name}" from ${date} needs at least one row.`);
        return [date, withPlain(raw, { ...plain, rows: withKey(plain.rows, key, undefined) })];
      }),
    ),
  }));
}

function withReferenceField(reference: LegalReference | undefined, field: ReferenceField, text: string): LegalReference {
  return withKey((reference ?? {}) as Record<string, string>, field, text.trim() === '' ? undefined : text, REFERENCE_ORDER) as LegalReference;
}

/**
 * Sets one field of a legal reference: the parameter's own (`date` null) or that of the value from `date`. A dated
 * value takes the long form `{ value, reference }` when it gets a source, and goes back to the plain value when its
 * source is emptied. An empty text removes the field.
 */
export function setReference(doc: Doc, name: string, date: string | null, field: ReferenceField, text: string): Doc {
  if (date === null) return withParameter(doc, name, (p) => ({ ...p, reference: withReferenceField(p.reference, field, text) }));
  return withDated(doc, name, date, (raw) => {
    const reference = withReferenceField(isLongForm(raw) ? raw.reference : undefined, field, text);
    const empty = Object.keys(reference).length === 0;
    if (!isLongForm(raw)) return empty ? raw : { value: raw, reference };
    if (empty) return raw.value;
    return withKey(raw as Record<string, unknown>, 'reference', reference, ['value', 'reference']) as ParameterValue;
  });
}

/** Sets the parameter's description, unit or row key (an empty unit or key is removed; the description is required). */
export function setDetail(doc: Doc, name: string, field: DetailField, text: string): Doc {
  return withParameter(
    doc,
    name,
    (p) =>
      withKey(
        p as unknown as Record<string, unknown>,
        field,
        field !== 'description' && text.trim() === '' ? undefined : text,
        PARAMETER_ORDER,
      ) as unknown as Parameter,
  );
}

/** What a new parameter needs. */
export interface NewParameter {
  name: string;
  kind: ParameterKind;
  description: string;
  unit?: string;
  /** Tables: what the row key means. */
  key?: string;
  /** The date of its first value. */
  date: string;
}

/** The unit a new parameter of each kind starts with (the analyst may change it). */
export const DEFAULT_UNITS: Record<ParameterKind, string> = {
  amount: 'USD/month',
  number: '',
  percent: 'percent',
  yesno: '',
  list: '',
  table: 'USD/month',
};

const FIRST_VALUE: Record<ParameterKind, () => PlainValue> = {
  amount: () => 0,
  number: () => 0,
  percent: () => 0,
  yesno: () => false,
  list: () => [],
  table: () => ({ rows: { '1': 0 } }),
};

/** Adds a parameter after the others, with one value from `spec.date` for the analyst to fill in. */
export function addParameter(doc: Doc, spec: NewParameter): Doc {
  const problem = newNameProblem(doc, spec.name);
  if (problem) throw new Error(`"${spec.name}" cannot name a new parameter: ${problem === 'invalid' ? 'letters, digits and _ only' : 'it exists'}.`);
  if (!isCalendarDate(spec.date)) throw new Error(`"${spec.date}" is not a date (YYYY-MM-DD).`);
  const parameter: Record<string, unknown> = { description: spec.description };
  if (spec.unit?.trim()) parameter.unit = spec.unit.trim();
  parameter.reference = {};
  if (spec.kind === 'table' || spec.kind === 'list') parameter.type = spec.kind;
  if (spec.kind === 'table' && spec.key?.trim()) parameter.key = spec.key.trim();
  parameter.values = { [spec.date]: FIRST_VALUE[spec.kind]() };
  return withPart(doc, 'parameters', { ...parametersOf(doc), [spec.name]: parameter });
}

/** Removes a parameter (the places that name it are the caller's to warn about: see the engine's `parameterUses`). */
export function removeParameter(doc: Doc, name: string): Doc {
  return withParameter(doc, name, () => undefined);
}
