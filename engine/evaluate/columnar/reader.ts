/**
 * The columnar path's door for submissions: the form's own ajv validator, run on the raw submission, decides
 * whether the submission is clean, and writes the answers the plan reads into the chunk's columns as it validates
 * them. It replaces pruning, ajv's full check and extraction for the common case; a submission it does not accept
 * goes through `CompiledInput.prepare` as before.
 *
 * Why ajv on the unpruned submission is enough: `compileReader` accepts only forms in a subset (the keywords of
 * shipped forms: type, properties, required, items, min/max, min/maxLength, pattern, enum, const, `oneOf` of
 * labelled constants, `uniqueItems` on lists of primitives, the `date` format (and `email`, checked by ajv alone),
 * and `if`/`then`/`else` testing answers declared beside it, at the top level also in `allOf` entries) where pruning can change nothing ajv looks
 * at: the answers it removes are either undeclared or declared only in a branch that does not apply, and ajv checks
 * neither; every `required` answer is declared wherever it is required. So "ajv accepts the raw submission" is
 * exactly "ajv accepts the pruned one with nothing missing" (checked both ways in tests/engine/reader.test.ts).
 *
 * The reader's copy of the schema carries a keyword on every answer the plan reads. ajv compiles it like any other
 * keyword (the generated code reads each answer by its declared name, as it does for the checks), and the keyword's
 * code hands the answer ajv has just loaded to a writer that puts it in its column. Answers ajv does not reach
 * (absent, or in a branch that does not apply) keep the bad mark each lane starts with: the scalar path finds them
 * unknown. No definition text is ever turned into code here: ajv writes the code from the schema, and the keyword
 * contributes only calls of the writers with column numbers.
 */
import { _, type Ajv, type KeywordCxt } from 'ajv';
import type { JsonSchema } from '../../format/types.ts';
import { isoDateKey } from '../../languages/formula/dates.ts';
import { formAjv } from '../../validate/ajv.ts';
import type { Col, Kind, View } from './columns.ts';
import { storeView } from './extract.ts';

/** Why a schema is outside the reader's subset. */
export class ReaderUnsupported extends Error {}

/** A compiled reader: `read` accepts household `raw` into lane `i` (members from lane `m`), or returns -1. */
export interface Reader {
  /** Columns of the plan's top-level inputs, in `inputs` order. */
  house: Col[];
  /** Columns of the plan's member fields, in `fields` order (grown as needed). */
  member: Col[];
  /** Columns of the plan's views of top-level answers, in `views` order. */
  views: Col[];
  /** Household index of each member lane (grown with `member`). */
  owner: Int32Array;
  /** Marks every lane bad: a chunk's reads start from here. */
  startChunk(): void;
  /**
   * Checks `raw` and writes lane `i` (and member lanes from `m`), which must be as `startChunk` left them: a value
   * the plan reads that is absent or hidden stays marked bad. Returns the member lane after the household's last
   * member, or -1 when the submission is not accepted (its lanes are then marked bad again, ready for the next).
   */
  read(raw: unknown, i: number, m: number): number;
  /** Sets each column's `anyBad` for a chunk of `n` households and `m` members read by `read`. */
  settle(n: number, m: number): void;
}

/** Keywords that only annotate (ajv ignores them when validating). */
const ANNOTATIONS = new Set(['title', 'description', 'default', 'examples', '$comment', 'readOnly', 'writeOnly', 'deprecated']);
const LEAF_KEYWORDS = new Set([
  'type',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'pattern',
  'enum',
  'const',
  'format',
  'oneOf',
]);
const PRIMITIVE_TYPES = new Set(['number', 'integer', 'string', 'boolean', 'null']);

function isSchema(v: unknown): v is JsonSchema {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function unsupported(pointer: string, what: string): never {
  throw new ReaderUnsupported(`${pointer || '/'}: ${what}`);
}

function onlyKeywords(schema: JsonSchema, pointer: string, allowed: readonly string[], where = ''): void {
  for (const k of Object.keys(schema)) if (!allowed.includes(k) && !ANNOTATIONS.has(k)) unsupported(pointer, `keyword ${k}${where}`);
}

function checkLeaf(schema: JsonSchema, pointer: string): void {
  for (const k of Object.keys(schema)) if (!LEAF_KEYWORDS.has(k) && !ANNOTATIONS.has(k)) unsupported(pointer, `keyword ${k}`);
  // A choice among labelled constants of the declared type (`oneOf: [{ const, title }, …]`: checkboxes).
  if (schema.oneOf !== undefined) {
    const ok =
      typeof schema.type === 'string' &&
      Array.isArray(schema.oneOf) &&
      schema.oneOf.every(
        (o) =>
          isSchema(o) &&
          Object.hasOwn(o, 'const') &&
          (o.const === null || typeof o.const !== 'object') &&
          Object.keys(o).every((k) => k === 'const' || ANNOTATIONS.has(k)),
      );
    if (!ok) unsupported(pointer, 'keyword oneOf other than a choice of constants of the declared type');
  }
  const hasConst = Object.hasOwn(schema, 'const');
  const values = hasConst ? [schema.const] : schema.enum;
  if (values !== undefined && (!Array.isArray(values) || values.some((v) => v !== null && typeof v === 'object')))
    unsupported(pointer, 'enum or const of objects');
  if (hasConst && schema.enum !== undefined) unsupported(pointer, 'both enum and const');

  if (typeof schema.type === 'string') {
    if (!PRIMITIVE_TYPES.has(schema.type)) unsupported(pointer, `type ${schema.type}`);
  } else if (schema.type !== undefined || values === undefined) unsupported(pointer, 'no single primitive type');
  // `email` is checked by ajv like a pattern (never read into a column); `date` moves into the column keyword.
  if (schema.format !== undefined && (!['date', 'email'].includes(String(schema.format)) || schema.type !== 'string'))
    unsupported(pointer, `format ${String(schema.format)}`);
  for (const k of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength']) {
    if (schema[k] !== undefined && typeof schema[k] !== 'number') unsupported(pointer, `${k} is not a number`);
  }
  if (schema.pattern !== undefined && typeof schema.pattern !== 'string') unsupported(pointer, 'pattern is not text');
}

function requiredList(v: unknown, pointer: string): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((k) => typeof k !== 'string')) unsupported(pointer, 'required is not a list of names');
  return v as string[];
}

/** The properties of one object level (or branch), each checked; returns their names. */
function checkProps(properties: unknown, pointer: string): string[] {
  if (!isSchema(properties)) unsupported(pointer, 'properties is not an object');
  for (const [key, sub] of Object.entries(properties)) {
    const p = `${pointer}/properties/${key}`;
    if (!isSchema(sub)) unsupported(p, 'a boolean schema');
    if (sub.type === 'array') {
      // uniqueItems only on lists of primitives: pruning never changes their items.
      const primitive = isSchema(sub.items) && sub.items.type !== 'object' && sub.items.type !== 'array';
      onlyKeywords(sub, p, ['type', 'items', 'minItems', 'maxItems', ...(primitive ? ['uniqueItems'] : [])]);
      if (sub.uniqueItems !== undefined && typeof sub.uniqueItems !== 'boolean') unsupported(p, 'uniqueItems is not true or false');
      for (const k of ['minItems', 'maxItems']) if (sub[k] !== undefined && typeof sub[k] !== 'number') unsupported(p, `${k} is not a number`);
      if (!isSchema(sub.items)) unsupported(p, 'items is not one schema');
      if (sub.items.type === 'object') checkLevel(sub.items, `${p}/items`);
      else checkLeaf(sub.items, `${p}/items`);
    } else if (sub.type === 'object') {
      checkLevel(sub, p);
    } else {
      checkLeaf(sub, p);
    }
  }
  return Object.keys(properties);
}

/** The `if` test: checks of answers declared beside it (as leaves), and names it requires from them. */
function checkTest(schema: unknown, pointer: string, own: JsonSchema): void {
  if (!isSchema(schema)) unsupported(pointer, 'a boolean if');
  onlyKeywords(schema, pointer, ['properties', 'required'], ' in if');
  const props = schema.properties === undefined ? {} : schema.properties;
  if (!isSchema(props)) unsupported(pointer, 'properties is not an object');
  for (const [key, sub] of Object.entries(props)) {
    // Only answers that pruning never removes, so the test sees the same value before and after pruning.
    const beside = own[key];
    if (!isSchema(beside) || beside.type === 'array' || beside.type === 'object')
      unsupported(pointer, `if tests ${key}, which is not declared beside it`);
    if (!isSchema(sub)) unsupported(`${pointer}/properties/${key}`, 'a boolean schema');
    checkLeaf(sub, `${pointer}/properties/${key}`);
  }
  for (const key of requiredList(schema.required, `${pointer}/required`)) {
    if (!Object.hasOwn(own, key)) unsupported(pointer, `if requires ${key}, which is not declared beside it`);
  }
}

/**
 * Checks one object level. Besides the keywords, each case of its `if` must show every answer it requires: an
 * answer required but not shown is one pruning removes, which ajv on the raw submission would still find.
 */
function checkLevel(schema: JsonSchema, pointer: string, root = false): void {
  onlyKeywords(schema, pointer, ['type', 'properties', 'required', 'if', 'then', 'else', 'allOf', ...(root ? ['$schema'] : [])]);
  if (schema.type !== 'object') unsupported(pointer, 'not an object');
  // Pruning leaves an object that declares no properties alone; the reader does not model that.
  if (!isSchema(schema.properties)) unsupported(pointer, 'an object without properties');
  const required = requiredList(schema.required, `${pointer}/required`);
  const own = checkProps(schema.properties, pointer);
  const branch = (b: unknown, at: string): { props: string[]; required: string[] } => {
    if (b === undefined) return { props: [], required: [] };
    if (!isSchema(b)) unsupported(at, 'a boolean branch');
    onlyKeywords(b, at, ['properties', 'required'], ' in a branch');
    const props = b.properties === undefined ? [] : checkProps(b.properties, at);
    for (const key of props) if (own.includes(key)) unsupported(at, `${key} is declared both beside and in a branch`);
    return { props, required: requiredList(b.required, `${at}/required`) };
  };
  // The level's own conditional and those of `allOf` (each only `if`/`then`/`else`), each checked on its own: a
  // branch may require only answers shown beside it or in itself, and no answer is declared in two conditionals.
  if (schema.allOf !== undefined && !Array.isArray(schema.allOf)) unsupported(pointer, 'allOf is not a list');
  const conditionals: [JsonSchema, string][] = [[schema, pointer]];
  (schema.allOf as unknown[] | undefined)?.forEach((c, i) => {
    const at = `${pointer}/allOf/${i}`;
    if (!isSchema(c)) unsupported(at, 'a boolean schema');
    onlyKeywords(c, at, ['if', 'then', 'else'], ' in allOf');
    if (c.if === undefined) unsupported(at, 'an allOf entry without if');
    conditionals.push([c, at]);
  });
  if (!root && conditionals.length > 1) unsupported(pointer, 'allOf below the top level');
  const inBranches = new Set<string>();
  conditionals.forEach(([c, at], i) => {
    if (c.if === undefined && (c.then !== undefined || c.else !== undefined)) unsupported(at, 'then/else without if');
    if (c.if !== undefined) checkTest(c.if, `${at}/if`, schema.properties as JsonSchema);
    const cases = c.if === undefined ? [branch(undefined, '')] : [branch(c.then, `${at}/then`), branch(c.else, `${at}/else`)];
    const mine = new Set<string>();
    for (const b of cases) {
      const shown = new Set([...own, ...b.props]);
      const hidden = [...(i === 0 ? required : []), ...b.required].find((key) => !shown.has(key));
      if (hidden !== undefined) unsupported(pointer, `${hidden} is required where it is not shown`);
      for (const key of b.props) mine.add(key);
    }
    for (const key of mine) {
      if (inBranches.has(key)) unsupported(at, `${key} is declared in two conditionals`);
      inBranches.add(key);
    }
  });
}

/** Throws `ReaderUnsupported` unless `schema` is in the subset where ajv on the raw submission decides exactly. */
function checkSubset(schema: JsonSchema): void {
  if (!isSchema(schema)) unsupported('', 'not an object schema');
  checkLevel(schema, '', true);
}

/** ajv stopping at the first error, with the form's formats (and `formAjv`'s `date`). */
function firstErrorAjv(): Ajv {
  return formAjv({ allErrors: false });
}

/**
 * The quick check of `compileInput`: for a form in the subset, a function accepting exactly the submissions that
 * are valid with nothing missing once pruned; null for other forms.
 */
export function quickCheck(schema: JsonSchema): ((raw: unknown) => boolean) | null {
  try {
    checkSubset(schema);
  } catch (e) {
    if (e instanceof ReaderUnsupported) return null;
    throw e;
  }
  const validate = firstErrorAjv().compile(schema);
  return (raw) => validate(raw);
}

/** The keyword on each answer the plan reads: which column, and whether the answer is a date (written as its key). */
const COLUMN = 'x-mandate-column';
/** The keyword on each top-level answer the plan's views read: which view columns, and their views. */
const VIEWS = 'x-mandate-views';
/** The keyword on the member list: it notes the member count before ajv reads the items. */
const MEMBERS = 'x-mandate-members';

interface ColumnMark {
  member: boolean;
  col: number;
  date: boolean;
}

/** The schema's properties at an object level and in its branches (the places an answer can be declared). */
function declared(level: JsonSchema): [string, JsonSchema][] {
  const all: [string, JsonSchema][] = [];
  const conditionals = Array.isArray(level.allOf) ? level.allOf.filter(isSchema) : [];
  for (const part of [level, level.then, level.else, ...conditionals.flatMap((c) => [c.then, c.else])]) {
    if (isSchema(part) && isSchema(part.properties)) all.push(...(Object.entries(part.properties) as [string, JsonSchema][]));
  }
  return all;
}

/** Puts the column keyword on the answers of `level` named in `cols`; a read date's format moves into the keyword. */
function markColumns(level: JsonSchema, cols: ReadonlyMap<string, number>, member: boolean, pointer: string): void {
  const found = new Set<string>();
  for (const [key, sub] of declared(level)) {
    const col = cols.get(key);
    if (col === undefined) continue;
    if (sub.type === 'array' || sub.type === 'object')
      unsupported(`${pointer}/${key}`, `a ${sub.type === 'array' ? 'list' : 'object'} the plan reads as a value`);
    const date = sub.format === 'date';
    if (date) delete sub.format;
    const mark: ColumnMark = { member, col, date };
    sub[COLUMN] = mark;
    found.add(key);
  }
  for (const name of cols.keys()) {
    if (!found.has(name))
      unsupported('', member ? `field ${name} is not declared by the items of the member list` : `input ${name} is not a top-level answer`);
  }
}

/** A lane count's worth of columns, every lane marked bad. */
function newColumn(lanes: number): Col {
  return { v: new Float64Array(lanes), bad: new Uint8Array(lanes).fill(1), anyBad: true };
}

/** Whether any of the first `n` lanes of `bad` is marked. */
function anyMarked(bad: Uint8Array, n: number): boolean {
  let any = 0;
  for (let k = 0; k < n; k++) any |= bad[k];
  return any !== 0;
}

/**
 * Compiles the reader of `schema` for a plan reading top-level `inputs` and the `fields` of list `list` (the plan's
 * maps, in column order), with room for `lanes` households per chunk. Throws `ReaderUnsupported` outside the subset.
 */
export function compileReader(
  schema: JsonSchema,
  inputs: ReadonlyMap<string, Kind>,
  list: string | null,
  fields: ReadonlyMap<string, Kind>,
  lanes: number,
  views: ReadonlyMap<string, View> = new Map(),
): Reader {
  checkSubset(schema);
  const copy = structuredClone(schema);
  markColumns(copy, new Map([...inputs.keys()].map((n, c) => [n, c])), false, '');
  const viewSpecs = [...views.values()];
  const viewCols = viewSpecs.map(() => newColumn(lanes));
  const presence = viewSpecs.map((v) => v.op === 'set');
  /** A fresh view lane: absent (0, known) for `set`, bad for the others. */
  const resetViews = (i: number): void => {
    for (let k = 0; k < viewCols.length; k++) {
      viewCols[k].v[i] = 0;
      viewCols[k].bad[i] = presence[k] ? 0 : 1;
    }
  };
  // Each answer a view reads carries the numbers of its views.
  const byAnswer = new Map<string, number[]>();
  viewSpecs.forEach((v, k) => byAnswer.set(v.input, [...(byAnswer.get(v.input) ?? []), k]));
  const seen = new Set<string>();
  for (const [key, sub] of declared(copy)) {
    const ks = byAnswer.get(key);
    if (!ks) continue;
    sub[VIEWS] = ks;
    seen.add(key);
  }
  for (const name of byAnswer.keys()) if (!seen.has(name)) unsupported('', `input ${name} is not a top-level answer`);
  if (list !== null) {
    const members = (copy.properties as Record<string, JsonSchema>)[list];
    if (!isSchema(members) || members.type !== 'array' || !isSchema(members.items) || members.items.type !== 'object') {
      unsupported('', `${list} is not a top-level list of objects`);
    }
    markColumns(members.items as JsonSchema, new Map([...fields.keys()].map((n, c) => [n, c])), true, `/properties/${list}/items`);
    // A household without its member list is not the kernels' to decide (the scalar path names what is missing).
    const required = requiredList(copy.required, '/required');
    if (!required.includes(list)) copy.required = [...required, list];
  } else if (fields.size > 0) {
    unsupported('', 'member fields without a member list');
  }

  const house = [...inputs.keys()].map(() => newColumn(lanes));
  const member = [...fields.keys()].map(() => newColumn(lanes * 4));
  const state: ReadState = { lane: 0, base: 0, count: 0, owner: new Int32Array(lanes * 4), member };

  const ajv = firstErrorAjv();
  ajv.addKeyword({
    keyword: COLUMN,
    schemaType: 'object',
    code(cxt: KeywordCxt) {
      const mark = cxt.schema as ColumnMark;
      const { gen, data } = cxt;
      const col = gen.scopeValue('obj', { ref: (mark.member ? member : house)[mark.col] });
      const st = gen.scopeValue('obj', { ref: state, key: state });
      // The lane: the household's (ajv's data path [root, answer]), or for a member field the first member lane plus
      // the index variable of ajv's items loop (data path [root, list, item index, field]).
      const path = cxt.it.dataPathArr;
      if (path.length !== (mark.member ? 4 : 2))
        throw new Error(`column keyword at data path length ${path.length}: expected ${mark.member ? 4 : 2}`);
      const at = mark.member ? _`${st}.base + ${path[2]}` : _`${st}.lane`;
      if (mark.date) {
        cxt.pass(_`${gen.scopeValue('func', { ref: writeDate })}(${col}, ${at}, ${data})`);
        return;
      }
      // Written in place (a call per answer would cost more than the store). ajv may run this before the type
      // check (when the type has checks of its own): a value of the wrong type is written as 0 and then refused.
      gen.code(_`${col}.bad[${at}] = 0`);
      gen.code(_`${col}.v[${at}] = typeof ${data} == "number" ? ${data} : ${data} === true ? 1 : 0`);
    },
  });
  ajv.addKeyword({
    keyword: MEMBERS,
    schemaType: 'boolean',
    code(cxt: KeywordCxt) {
      const st = cxt.gen.scopeValue('obj', { ref: state, key: state });
      const fn = cxt.gen.scopeValue('func', { ref: countMembers });
      cxt.gen.code(_`${fn}(${st}, ${cxt.data})`);
    },
  });
  ajv.addKeyword({
    keyword: VIEWS,
    schemaType: 'array',
    code(cxt: KeywordCxt) {
      const { gen, data } = cxt;
      if (cxt.it.dataPathArr.length !== 2) throw new Error(`views keyword at data path length ${cxt.it.dataPathArr.length}: expected 2`);
      const st = gen.scopeValue('obj', { ref: state, key: state });
      const fn = gen.scopeValue('func', { ref: storeView });
      for (const k of cxt.schema as number[]) {
        const col = gen.scopeValue('obj', { ref: viewCols[k] });
        const spec = gen.scopeValue('obj', { ref: viewSpecs[k] });
        gen.code(_`${fn}(${col}, ${st}.lane, ${data}, ${spec})`);
      }
    },
  });
  if (list !== null) ((copy.properties as Record<string, JsonSchema>)[list] as JsonSchema)[MEMBERS] = true;
  const validate = ajv.compile(copy);

  return {
    house,
    member,
    views: viewCols,
    get owner() {
      return state.owner;
    },
    startChunk() {
      for (const col of house) col.bad.fill(1);
      for (const col of member) col.bad.fill(1);
      for (let i = 0; i < lanes; i++) resetViews(i);
    },
    read(raw, i, m) {
      state.lane = i;
      state.base = m;
      state.count = 0;
      if (!validate(raw)) {
        // Lanes written before the error are made fresh again, for the next submission.
        for (const col of house) col.bad[i] = 1;
        resetViews(i);
        for (const col of member) col.bad.fill(1, m, m + state.count);
        return -1;
      }
      const end = m + state.count;
      const owner = state.owner;
      for (let j = m; j < end; j++) owner[j] = i;
      return end;
    },
    settle(n, m) {
      for (const col of house) col.anyBad = anyMarked(col.bad, n);
      for (const col of viewCols) col.anyBad = anyMarked(col.bad, n);
      for (const col of member) col.anyBad = anyMarked(col.bad, m);
    },
  };
}

/** What the writers need: the household lane, the first member lane and how many members the list has. */
interface ReadState {
  lane: number;
  base: number;
  count: number;
  owner: Int32Array;
  member: Col[];
}

/** Writes a read date as its yyyymmdd key; false (invalid) when it is not a date: the `date` format moved here. */
function writeDate(col: Col, at: number, v: unknown): boolean {
  // ajv may run the keyword before the type check (when the type has checks of its own), so `v` is unknown.
  const key = typeof v === 'string' ? isoDateKey(v) : NaN;
  col.bad[at] = 0;
  col.v[at] = key;
  return !Number.isNaN(key);
}

/**
 * Notes how many members the list has, before ajv reads its items (the keyword runs before the array's own
 * keywords), and gives the member columns room for them, every new lane bad.
 */
function countMembers(state: ReadState, list: unknown): void {
  if (!Array.isArray(list)) return;
  const n = list.length;
  state.count = n;
  if (state.owner.length >= state.base + n) return;
  const size = Math.max(state.base + n, state.owner.length * 2);
  const owner = new Int32Array(size);
  owner.set(state.owner);
  state.owner = owner;
  for (const col of state.member) {
    const v = new Float64Array(size);
    const bad = new Uint8Array(size).fill(1);
    v.set(col.v);
    bad.set(col.bad);
    col.v = v;
    col.bad = bad;
  }
}

/** The reader for a plan, or null with the reason when the form is outside the reader's subset. */
export function readerFor(
  schema: JsonSchema,
  inputs: ReadonlyMap<string, Kind>,
  list: string | null,
  fields: ReadonlyMap<string, Kind>,
  lanes: number,
  views: ReadonlyMap<string, View> = new Map(),
): { reader: Reader | null; reason: string | null } {
  try {
    return { reader: compileReader(schema, inputs, list, fields, lanes, views), reason: null };
  } catch (e) {
    if (e instanceof ReaderUnsupported) return { reader: null, reason: e.message };
    throw e;
  }
}
