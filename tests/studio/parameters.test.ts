/**
 * The parameter builder's document transforms (studio/src/builders/parameters/transforms.ts) on the shipped SNAP
 * FY2026 definition: each edit changes exactly its place, keeps every other key and the key order, and leaves a
 * definition the engine validates with no new diagnostics; and the diff of an added column is exactly its changed
 * rows.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diff, validate, type Program } from '../../engine/index.ts';
import { loadAllPrograms } from '../../runtime/fs/program-folder.ts';
import {
  addColumn,
  addParameter,
  DEFAULT_UNITS,
  PARAMETER_KINDS,
  addRow,
  cellPointer,
  columnDates,
  isEditable,
  kindOf,
  newColumnProblem,
  newNameProblem,
  nextYear,
  parametersOf,
  parseNumber,
  removeColumn,
  removeParameter,
  removeRow,
  setCell,
  setDetail,
  setReference,
  tableRows,
} from '../../studio/src/builders/parameters/transforms.ts';
import { formatValue, glance } from '../../studio/src/builders/parameters/glance.ts';
import { parameterUsesOf } from '../../studio/src/engine/checks.ts';
import { en } from '../../studio/src/texts/en.ts';
import { fill } from '../../web/src/shared/i18n.tsx';
import { formatMoney } from '../../web/src/shared/format.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const programs = await loadAllPrograms(path.join(ROOT, 'programs'));
const snap = programs.find((p) => p.doc.id === 'us-snap' && p.doc.version === 5)!.doc as Record<string, unknown>;
const foodBank = programs.find((p) => p.doc.id === 'community-food-bank')!.doc as Record<string, unknown>;
const frozen = JSON.stringify(snap);

/** The document's JSON with one place removed, to compare "everything else". */
function without(doc: unknown, pointer: string): string {
  const copy = structuredClone(doc) as Record<string, unknown>;
  const segments = pointer.split('/').slice(1);
  let node = copy as Record<string, unknown>;
  for (const s of segments.slice(0, -1)) node = node[s] as Record<string, unknown>;
  delete node[segments.at(-1) as string];
  return JSON.stringify(copy);
}

const params = (doc: Record<string, unknown>) => parametersOf(doc);
const codes = (doc: unknown) => validate(doc).diagnostics.map((d) => `${d.code} ${d.path}`);
const baseline = codes(snap);

describe('reading a parameter as a table', () => {
  it('has a column per date, oldest first, and the rows of every column in number order', () => {
    const p = params(snap).max_allotment;
    expect(columnDates(p)).toEqual(['2021-10-01', '2022-10-01', '2023-10-01', '2024-10-01', '2025-10-01']);
    expect(tableRows(p)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(cellPointer('max_allotment', p, '2025-10-01', { row: '3' })).toBe('/parameters/max_allotment/values/2025-10-01/value/rows/3');
    expect(cellPointer('max_allotment', p, '2025-10-01', 'increment')).toBe('/parameters/max_allotment/values/2025-10-01/value/increment');
    expect(cellPointer('minimum_initial_month_issuance', params(snap).minimum_initial_month_issuance, '2021-10-01', 'value')).toBe(
      '/parameters/minimum_initial_month_issuance/values/2021-10-01',
    );
  });
  it('knows each shape in use', () => {
    const kinds = Object.fromEntries(Object.entries({ ...params(snap), ...params(foodBank) }).map(([n, p]) => [n, kindOf(p)]));
    expect(kinds).toMatchObject({
      max_allotment: 'table',
      asset_limit: 'amount',
      benefit_reduction_rate: 'percent',
      elderly_age: 'number',
      service_zip_codes: 'list',
      income_limit_percent_of_poverty: 'percent',
    });
  });
  it('edits only parameters in the format, so a half-written one in the JSON cannot break the builder', () => {
    expect(Object.values({ ...params(snap), ...params(foodBank) }).every(isEditable)).toBe(true);
    for (const bad of [3, null, [], { description: 'x' }, { description: 1, values: {} }, { description: 'x', values: {}, reference: 'law' }])
      expect(isEditable(bad)).toBe(false);
    expect(isEditable({ description: 'x', reference: {}, values: { '2025-01-01': { value: 1, reference: 'memo' } } })).toBe(false);
    expect(tableRows({ description: 'x', reference: {}, type: 'table', values: { '2025-01-01': { rows: null } as never } })).toEqual([]);
  });
  it('reads typed numbers strictly', () => {
    expect(parseNumber(' 1789 ')).toBe(1789);
    expect(parseNumber('0.3')).toBe(0.3);
    expect(parseNumber('-2')).toBe(-2);
    expect(parseNumber('12.')).toBe(12);
    for (const bad of ['', '1,789', '$5', '1e3', 'abc', '1.2.3']) expect(parseNumber(bad)).toBeUndefined();
  });
});

describe('adding a column', () => {
  it('suggests one year after the last date and refuses a date that is not after it or not a date', () => {
    const p = params(snap).max_allotment;
    expect(nextYear('2025-10-01')).toBe('2026-10-01');
    expect(nextYear('2024-02-29')).toBe('2025-02-28');
    expect(newColumnProblem(p, '2026-10-01')).toBeNull();
    expect(newColumnProblem(p, '2025-10-01')).toBe('not-after');
    expect(newColumnProblem(p, '2020-01-01')).toBe('not-after');
    expect(newColumnProblem(p, '2027-02-30')).toBe('invalid');
    expect(newColumnProblem(p, '27-10-01')).toBe('invalid');
    expect(() => addColumn(snap, 'max_allotment', '2025-10-01')).toThrow(/not after/);
  });
  it('copies the newest numbers (not their source) to the new date, last in the key order, and changes nothing else', () => {
    const next = addColumn(snap, 'max_allotment', '2027-10-01');
    const p = params(next).max_allotment;
    expect(Object.keys(p.values)).toEqual(['2021-10-01', '2022-10-01', '2023-10-01', '2024-10-01', '2025-10-01', '2027-10-01']);
    expect(p.values['2027-10-01']).toEqual({ rows: { 1: 298, 2: 546, 3: 785, 4: 994, 5: 1183, 6: 1421, 7: 1571, 8: 1789 }, increment: 218 });
    expect(without(next, '/parameters/max_allotment/values/2027-10-01')).toBe(frozen);
    expect(JSON.stringify(snap)).toBe(frozen);
    expect(codes(next)).toEqual(baseline);
  });
  it('gives a diff of exactly the typed rows', () => {
    let next = addColumn(snap, 'max_allotment', '2027-10-01');
    next = setCell(next, 'max_allotment', '2027-10-01', { row: '1' }, 305);
    next = setCell(next, 'max_allotment', '2027-10-01', { row: '3' }, 800);
    const changes = diff(snap as unknown as Program, next as unknown as Program);
    expect(changes.map((c) => c.text)).toEqual([
      'Maximum monthly SNAP allotment, household size 1: $298 → $305 from 2027-10-01',
      'Maximum monthly SNAP allotment, household size 3: $785 → $800 from 2027-10-01',
    ]);
  });
  it('removes a column, but never the last one', () => {
    const next = removeColumn(addColumn(snap, 'minimum_initial_month_issuance', '2026-10-01'), 'minimum_initial_month_issuance', '2026-10-01');
    expect(JSON.stringify(next)).toBe(frozen);
    expect(() => removeColumn(snap, 'minimum_initial_month_issuance', '2021-10-01')).toThrow(/at least one/);
  });
});

describe('editing cells', () => {
  it('sets a row of a long-form table in place', () => {
    const next = setCell(snap, 'max_allotment', '2025-10-01', { row: '4' }, 1000);
    const value = params(next).max_allotment.values['2025-10-01'] as { value: { rows: Record<string, number> } };
    expect(value.value.rows['4']).toBe(1000);
    expect(Object.keys(value)).toEqual(['value', 'reference']);
    expect(Object.keys(value.value.rows)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(without(next, '/parameters/max_allotment/values/2025-10-01/value/rows/4')).toBe(
      without(snap, '/parameters/max_allotment/values/2025-10-01/value/rows/4'),
    );
  });
  it('sets and removes the increment, keeping it after the rows', () => {
    const removed = setCell(snap, 'max_allotment', '2025-10-01', 'increment', undefined);
    expect(params(removed).max_allotment.values['2025-10-01']).not.toHaveProperty('value.increment');
    const back = setCell(removed, 'max_allotment', '2025-10-01', 'increment', 218);
    expect(JSON.stringify(back)).toBe(frozen);
  });
  it('sets a scalar, a yes/no and a list value', () => {
    const next = setCell(snap, 'minimum_initial_month_issuance', '2021-10-01', 'value', 11);
    expect(params(next).minimum_initial_month_issuance.values['2021-10-01']).toBe(11);
    expect(without(next, '/parameters/minimum_initial_month_issuance/values/2021-10-01')).toBe(
      without(snap, '/parameters/minimum_initial_month_issuance/values/2021-10-01'),
    );
    const longForm = setCell(snap, 'minimum_benefit', '2025-10-01', 'value', 25);
    expect(params(longForm).minimum_benefit.values['2025-10-01']).toMatchObject({ value: 25, reference: {} });
    const zips = setCell(foodBank, 'service_zip_codes', '2025-02-01', 'value', ['02903', '02910']);
    expect(params(zips).service_zip_codes.values['2025-02-01']).toEqual(['02903', '02910']);
  });
  it('refuses a cell that does not exist in the format', () => {
    expect(() => setCell(snap, 'minimum_initial_month_issuance', '2021-10-01', { row: '1' }, 1)).toThrow(/not a table/);
    expect(() => setCell(snap, 'minimum_initial_month_issuance', '1999-01-01', 'value', 1)).toThrow(/no value from 1999-01-01/);
    expect(() => setCell(snap, 'nothing', '2021-10-01', 'value', 1)).toThrow(/no parameter "nothing"/);
  });
});

describe('rows', () => {
  it('adds a row to every column with the amount the table already gives there, in number order', () => {
    const next = addRow(snap, 'max_allotment', '9');
    const p = params(next).max_allotment;
    const v2025 = p.values['2025-10-01'] as { value: { rows: Record<string, number> } };
    const v2024 = p.values['2024-10-01'] as { value: { rows: Record<string, number> } };
    expect(v2025.value.rows['9']).toBe(1789 + 218);
    expect(v2024.value.rows['9']).toBe(1756 + 220);
    expect(tableRows(p).at(-1)).toBe('9');
    expect(codes(next)).toEqual(baseline);
    expect(JSON.stringify(removeRow(next, 'max_allotment', '9'))).toBe(frozen);
  });
  it('refuses a key that is not a whole number, and removing the last row of a column', () => {
    expect(() => addRow(snap, 'max_allotment', 'nine')).toThrow(/whole number/);
    const one = addParameter(snap, { name: 'one_row', kind: 'table', description: 'One row.', date: '2025-10-01' });
    expect(() => removeRow(one, 'one_row', '1')).toThrow(/at least one row/);
  });
});

describe('references', () => {
  it("sets a field of the parameter's own reference in place", () => {
    const next = setReference(snap, 'max_allotment', null, 'citation', '7 CFR 273.10(e)(4)(ii)');
    const ref = params(next).max_allotment.reference;
    expect(Object.keys(ref)).toEqual(['title', 'url', 'citation']);
    // A field that was absent goes where the format puts it.
    const noCitation = setReference(snap, 'max_allotment', null, 'citation', '');
    expect(Object.keys(params(noCitation).max_allotment.reference)).toEqual(['title', 'url']);
    expect(Object.keys(params(setReference(noCitation, 'max_allotment', null, 'citation', 'x')).max_allotment.reference)).toEqual([
      'title',
      'citation',
      'url',
    ]);
    expect(ref.citation).toBe('7 CFR 273.10(e)(4)(ii)');
    expect(without(next, '/parameters/max_allotment/reference/citation')).toBe(without(snap, '/parameters/max_allotment/reference/citation'));
  });
  it('gives a short-form value its own source in the long form, and goes back when the source is emptied', () => {
    const next = setReference(snap, 'minimum_initial_month_issuance', '2021-10-01', 'title', '7 CFR 273.10(a)(1)(ii)');
    expect(params(next).minimum_initial_month_issuance.values['2021-10-01']).toEqual({ value: 10, reference: { title: '7 CFR 273.10(a)(1)(ii)' } });
    expect(JSON.stringify(setReference(next, 'minimum_initial_month_issuance', '2021-10-01', 'title', ''))).toBe(frozen);
    expect(codes(next)).toEqual(baseline);
  });
  it('edits the description, unit and row key (an empty unit is removed)', () => {
    const next = setDetail(snap, 'minimum_initial_month_issuance', 'unit', '');
    expect(params(next).minimum_initial_month_issuance).not.toHaveProperty('unit');
    // Typed again, the unit goes back to its place.
    expect(JSON.stringify(setDetail(next, 'minimum_initial_month_issuance', 'unit', 'USD'))).toBe(frozen);
    expect(Object.keys(params(setDetail(next, 'minimum_initial_month_issuance', 'description', 'Assets.')).minimum_initial_month_issuance)).toEqual([
      'description',
      'reference',
      'values',
    ]);
    expect(params(setDetail(snap, 'max_allotment', 'key', 'people in the household')).max_allotment.key).toBe('people in the household');
  });
});

describe('adding and removing parameters', () => {
  it('checks the name', () => {
    expect(newNameProblem(snap, 'max_allotment')).toBe('taken');
    expect(newNameProblem(snap, '2fast')).toBe('invalid');
    expect(newNameProblem(snap, 'has space')).toBe('invalid');
    expect(newNameProblem(snap, 'utility_allowance')).toBeNull();
  });
  it('adds each kind last, in the format (one value to fill in), the rest unchanged', () => {
    for (const kind of PARAMETER_KINDS) {
      const unit = kind === 'number' ? 'days' : DEFAULT_UNITS[kind];
      const next = addParameter(snap, { name: `new_${kind}`, kind, description: `A ${kind}.`, unit, key: 'household size', date: '2025-10-01' });
      expect(Object.keys(params(next)).at(-1)).toBe(`new_${kind}`);
      expect(without(next, `/parameters/new_${kind}`)).toBe(frozen);
      // The only new diagnostic: it is not used yet.
      expect(codes(next).sort()).toEqual([...baseline, `parameter.unused /parameters/new_${kind}`].sort());
      expect(kindOf(params(next)[`new_${kind}`])).toBe(kind);
    }
    expect(params(addParameter(snap, { name: 't', kind: 'table', description: 'T.', key: 'household size', date: '2025-10-01' })).t).toEqual({
      description: 'T.',
      reference: {},
      type: 'table',
      key: 'household size',
      values: { '2025-10-01': { rows: { 1: 0 } } },
    });
  });
  it('removes a parameter and nothing else', () => {
    const next = removeParameter(snap, 'asset_limit_elderly_disabled');
    expect(Object.keys(params(next))).toEqual(Object.keys(params(snap)).filter((n) => n !== 'asset_limit_elderly_disabled'));
    expect(without(snap, '/parameters/asset_limit_elderly_disabled')).toBe(JSON.stringify(next));
  });
});

describe('the list at a glance and the uses before a delete', () => {
  const words = (key: string, params: Record<string, unknown> = {}) => fill(en[key as keyof typeof en], params);
  it('shows the newest value formatted for the page, with its date', () => {
    expect(glance(params(snap).max_allotment, 'en', words)).toEqual({ text: '$298 … $1,789 (household size 1–8)', date: '2025-10-01' });
    expect(glance(params(snap).benefit_reduction_rate, 'en', words).text).toBe('0.3 (30%)');
    expect(glance(params(snap).elderly_age, 'en', words).text).toBe('60 years');
    expect(glance(params(foodBank).income_limit_percent_of_poverty, 'en', words).text).toBe('200%');
    expect(glance(params(foodBank).service_zip_codes, 'en', words).text).toBe('7 items');
    expect(formatValue(1234.5, 'USD/month', 'es', words)).toBe(formatMoney(1234.5, 'es'));
  });
  it('asks the engine, as the worker does, where a parameter is named', () => {
    expect(parameterUsesOf(JSON.stringify(snap))?.max_allotment.map((u) => u.path)).toEqual(['/derived/maxAllotment/formula', '/benefits/0/formula']);
    expect(parameterUsesOf('{ not json')).toBeNull();
    expect(parameterUsesOf('{"id": 1}')).toBeNull();
  });
});
