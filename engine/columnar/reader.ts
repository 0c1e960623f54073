/**
 * The columnar path's door for submissions: one pass over a raw submission that decides whether the form's
 * validator would accept it as it is (after hidden answers are pruned: `engine/input.ts`, `engine/prune.ts`) and,
 * while it is at it, writes the values the plan reads into the chunk's columns. It replaces pruning, ajv and
 * extraction for the common case; a submission it does not accept goes through `CompiledInput.prepare` as before.
 *
 * It is compiled from the form schema for the keyword subset shipped forms use (type, properties, required,
 * items, min/max, min/maxLength, pattern, enum, const, the `date` format, and `if`/`then`/`else` on answers
 * declared beside it). `compileReader` returns null for any other schema, so coverage never decides correctness.
 * Every check below is the check ajv's generated code makes (noted where it is not obvious), so "accepted"
 * means exactly "valid with nothing missing" for the pruned submission.
 */
import type { JsonSchema } from '../types.ts';
import { daysInMonth } from '../formula/dates.ts';
import type { Col, Kind } from './columns.ts';

const NO_VALUES = new Float64Array(0);
const NO_MARKS = new Uint8Array(0);

/** Why a schema is outside the reader's subset. */
export class ReaderUnsupported extends Error {}

const T_NUMBER = 1;
const T_INTEGER = 2;
const T_STRING = 3;
const T_BOOLEAN = 4;
const T_NULL = 5;
const TYPE_CODES: Record<string, number> = { number: T_NUMBER, integer: T_INTEGER, string: T_STRING, boolean: T_BOOLEAN, null: T_NULL };

/** Keywords that only annotate (ajv ignores them when validating). */
const ANNOTATIONS = new Set(['title', 'description', 'default', 'examples', '$comment', 'readOnly', 'writeOnly', 'deprecated']);
const LEAF_KEYWORDS = new Set(['type', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'pattern', 'enum', 'const', 'format']);

/** A primitive value's constraints; every field is present (NaN / null when absent) so all leaves share one shape. */
interface Leaf {
  type: number;
  min: number;
  max: number;
  exMin: number;
  exMax: number;
  minLength: number;
  maxLength: number;
  pattern: RegExp | null;
  /** Allowed primitive values (`enum`, or `[const]`), null when any value of the type is allowed. */
  oneOf: readonly unknown[] | null;
  date: boolean;
  /** How `readProps` checks it: one of the common shapes below, or OP_ANY (`leafOk`). */
  op: number;
  /** OP_NUMBER's bounds (minimum, maximum; infinite when absent). */
  lo: number;
  hi: number;
}

/** Any leaf: `leafOk`, then the date format. */
const OP_ANY = 0;
/** A finite number in [lo, hi] and nothing else to check (the common money answer). */
const OP_NUMBER = 1;
/** true or false. */
const OP_BOOLEAN = 2;
/** A `date` answer and nothing else to check. */
const OP_DATE = 3;
/** Text with at most minLength / maxLength. */
const OP_TEXT = 4;

/** A property of an object level: a leaf, a list or a nested object, and the column it fills (if any). */
interface Prop {
  key: string;
  leaf: Leaf | null;
  list: List | null;
  object: ObjectLevel | null;
  /** Index into the reader's house or member columns (by level), or -1. */
  col: number;
  /**
   * The column the plan reads this property into (null: not read), and its arrays, held here so that writing a lane
   * costs two stores (rebound when member columns grow).
   */
  column: Col | null;
  v: Float64Array;
  bad: Uint8Array;
  /** Required wherever the property is shown (the level's `required`, and its branch's for a branch property). */
  required: boolean;
  /** The level's `if` checks this answer with `test` (when given) and requires it when `testRequired`. */
  test: Leaf | null;
  testRequired: boolean;
}

interface List {
  minItems: number;
  maxItems: number;
  /** Items that are objects (the plan's member list, or any other), or leaves. */
  object: ObjectLevel | null;
  leaf: Leaf | null;
  /** True for the list whose members the plan reads. */
  members: boolean;
}

/** An `if` test decidable exactly on answers declared unconditionally beside it. */
interface Test {
  checks: { key: string; leaf: Leaf }[];
  required: string[];
}

interface Branch {
  props: Prop[];
  required: string[];
}

interface ObjectLevel {
  props: Prop[];
  cond: { test: Test; then: Branch | null; else: Branch | null } | null;
  /**
   * Answers required when the `if` test fails (index 0, or no test) and when it passes (1) that the properties'
   * own `required` flags do not cover (a branch requiring an answer declared beside it); null when a required
   * answer is not shown in that case (pruning removes it, so the submission always misses it).
   */
  extra: [string[] | null, string[] | null];
}

/** A compiled reader: `read` accepts household `raw` into lane `i` (members from lane `m`), or returns -1. */
export interface Reader {
  /** Columns of the plan's top-level inputs, in `inputs` order (`anyBad` set when a lane was marked bad). */
  house: Col[];
  /** Columns of the plan's member fields, in `fields` order (grown as needed). */
  member: Col[];
  /** Household index of each member lane (grown with `member`). */
  owner: Int32Array;
  /**
   * Checks `raw` and writes lane `i` (and member lanes from `m`). Returns the member lane after the household's
   * last member, or -1 when the submission is not accepted (lanes written are then meaningless). A value the plan
   * reads that is absent or hidden marks its lane bad, as extraction does.
   */
  read(raw: unknown, i: number, m: number): number;
}

function isSchema(v: unknown): v is JsonSchema {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function unsupported(pointer: string, what: string): never {
  throw new ReaderUnsupported(`${pointer || '/'}: ${what}`);
}

function numberOr(v: unknown, fallback: number, pointer: string, keyword: string): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number') unsupported(pointer, `${keyword} is not a number`);
  return v;
}

function compileLeaf(schema: JsonSchema, pointer: string): Leaf {
  for (const k of Object.keys(schema)) if (!LEAF_KEYWORDS.has(k) && !ANNOTATIONS.has(k)) unsupported(pointer, `keyword ${k}`);
  const hasConst = Object.hasOwn(schema, 'const');
  const values = hasConst ? [schema.const] : schema.enum;
  if (values !== undefined && (!Array.isArray(values) || values.some((v) => v !== null && typeof v === 'object'))) unsupported(pointer, 'enum or const of objects');
  if (hasConst && schema.enum !== undefined) unsupported(pointer, 'both enum and const');
  let type = 0;
  if (typeof schema.type === 'string') type = TYPE_CODES[schema.type] ?? unsupported(pointer, `type ${schema.type}`);
  else if (schema.type !== undefined || values === undefined) unsupported(pointer, 'no single primitive type');
  if (schema.format !== undefined && (schema.format !== 'date' || type !== T_STRING)) unsupported(pointer, `format ${String(schema.format)}`);
  if (schema.pattern !== undefined && typeof schema.pattern !== 'string') unsupported(pointer, 'pattern is not text');
  return {
    type,
    min: numberOr(schema.minimum, NaN, pointer, 'minimum'),
    max: numberOr(schema.maximum, NaN, pointer, 'maximum'),
    exMin: numberOr(schema.exclusiveMinimum, NaN, pointer, 'exclusiveMinimum'),
    exMax: numberOr(schema.exclusiveMaximum, NaN, pointer, 'exclusiveMaximum'),
    minLength: numberOr(schema.minLength, NaN, pointer, 'minLength'),
    maxLength: numberOr(schema.maxLength, NaN, pointer, 'maxLength'),
    // ajv compiles `pattern` as a Unicode regular expression (its `unicodeRegExp` default).
    pattern: typeof schema.pattern === 'string' ? new RegExp(schema.pattern, 'u') : null,
    oneOf: values === undefined ? null : (values as unknown[]).slice(),
    date: schema.format === 'date',
    op: leafOp(schema, type, values !== undefined),
    lo: numberOr(schema.minimum, -Infinity, pointer, 'minimum'),
    hi: numberOr(schema.maximum, Infinity, pointer, 'maximum'),
  };
}

function leafOp(schema: JsonSchema, type: number, listed: boolean): number {
  if (listed) return OP_ANY;
  const has = (k: string) => schema[k] !== undefined;
  if (type === T_NUMBER && !has('exclusiveMinimum') && !has('exclusiveMaximum')) return OP_NUMBER;
  if (type === T_BOOLEAN) return OP_BOOLEAN;
  if (type === T_STRING && !has('pattern')) {
    if (schema.format === 'date' && !has('minLength') && !has('maxLength')) return OP_DATE;
    if (!has('format')) return OP_TEXT;
  }
  return OP_ANY;
}

/** String length in code points as ajv's `ucs2length` counts it (a surrogate pair is one). */
function ucs2length(s: string): number {
  let length = 0;
  const len = s.length;
  let pos = 0;
  while (pos < len) {
    length++;
    const value = s.charCodeAt(pos++);
    if (value >= 0xd800 && value <= 0xdbff && pos < len) {
      const next = s.charCodeAt(pos);
      if ((next & 0xfc00) === 0xdc00) pos++;
    }
  }
  return length;
}

/** The digit at `i` of `s` (0-9), or a large number when it is not a digit. */
function digit(s: string, i: number): number {
  return (s.charCodeAt(i) - 48) >>> 0;
}

/**
 * The yyyymmdd key of a valid `date` answer, or NaN: YYYY-MM-DD and a real calendar day, the check the form's
 * `date` format makes (`engine/input.ts`: ten characters and `dateKey`), scanned in place.
 */
function dateKeyOf(s: string): number {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NaN;
  const y0 = digit(s, 0), y1 = digit(s, 1), y2 = digit(s, 2), y3 = digit(s, 3);
  const m0 = digit(s, 5), m1 = digit(s, 6), d0 = digit(s, 8), d1 = digit(s, 9);
  if (y0 > 9 || y1 > 9 || y2 > 9 || y3 > 9 || m0 > 9 || m1 > 9 || d0 > 9 || d1 > 9) return NaN;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  return year * 10000 + month * 100 + day;
}

/** Whether `v` satisfies `leaf` exactly as ajv decides it, apart from the `date` format (`leafValid`). */
function leafOk(leaf: Leaf, v: unknown): boolean {
  switch (leaf.type) {
    case T_NUMBER:
      // ajv with strictNumbers: typeof number and finite.
      if (typeof v !== 'number' || !Number.isFinite(v)) return false;
      break;
    case T_INTEGER:
      if (!Number.isInteger(v)) return false;
      break;
    case T_STRING:
      if (typeof v !== 'string') return false;
      break;
    case T_BOOLEAN:
      if (typeof v !== 'boolean') return false;
      break;
    case T_NULL:
      if (v !== null) return false;
      break;
    default:
      break;
  }
  if (leaf.oneOf !== null && !leaf.oneOf.includes(v)) return false;
  if (typeof v === 'number') {
    if (v < leaf.min || v > leaf.max || v <= leaf.exMin || v >= leaf.exMax) return false;
  } else if (typeof v === 'string') {
    if (!textOk(leaf, v)) return false;
    if (leaf.pattern !== null && !leaf.pattern.test(v)) return false;
  }
  return true;
}

/** minLength / maxLength as ajv counts them (code points; NaN bounds compare false). */
function textOk(leaf: Leaf, v: string): boolean {
  // Code points ≤ code units: pairs are counted only when the unit count alone does not decide.
  const units = v.length;
  if (units < leaf.minLength || (units > leaf.maxLength && ucs2length(v) > leaf.maxLength)) return false;
  return !(units < leaf.minLength * 2 && ucs2length(v) < leaf.minLength);
}

/** `leafOk` with the `date` format (kept apart so a date the plan reads is parsed once). */
function leafValid(leaf: Leaf, v: unknown): boolean {
  return leafOk(leaf, v) && (!leaf.date || !Number.isNaN(dateKeyOf(v as string)));
}

/**
 * What the plan reads: the column index of each top-level input and member field. (Its kinds need no keeping: the
 * plan takes them from the same schema, so a leaf's own check gives the column value: number, 0/1 or date key.)
 */
interface Wanted {
  inputs: ReadonlyMap<string, number>;
  fields: ReadonlyMap<string, number>;
  list: string | null;
}

/** Where an object level sits: the root (household), the plan's member list items, or elsewhere. */
type Place = 'root' | 'members' | 'other';

function compileProps(properties: unknown, pointer: string, place: Place, wanted: Wanted, required: readonly string[]): Prop[] {
  if (!isSchema(properties)) unsupported(pointer, 'properties is not an object');
  const props: Prop[] = [];
  for (const [key, sub] of Object.entries(properties)) {
    const p = `${pointer}/properties/${key}`;
    if (!isSchema(sub)) unsupported(p, 'a boolean schema');
    const col = (place === 'root' ? wanted.inputs.get(key) : place === 'members' ? wanted.fields.get(key) : undefined) ?? -1;
    const prop: Prop = {
      key, leaf: null, list: null, object: null, col, column: null, v: NO_VALUES, bad: NO_MARKS,
      required: required.includes(key), test: null, testRequired: false,
    };
    if (sub.type === 'array') {
      if (col >= 0) unsupported(p, 'a list the plan reads as a value');
      prop.list = compileList(sub, p, place === 'root' && key === wanted.list, wanted);
    } else if (sub.type === 'object') {
      if (col >= 0) unsupported(p, 'an object the plan reads as a value');
      prop.object = compileLevel(sub, p, 'other', wanted);
    } else {
      prop.leaf = compileLeaf(sub, p);
    }
    props.push(prop);
  }
  return props;
}

function compileList(schema: JsonSchema, pointer: string, members: boolean, wanted: Wanted): List {
  for (const k of Object.keys(schema)) {
    if (!['type', 'items', 'minItems', 'maxItems'].includes(k) && !ANNOTATIONS.has(k)) unsupported(pointer, `keyword ${k}`);
  }
  if (!isSchema(schema.items)) unsupported(pointer, 'items is not one schema');
  const items = schema.items as JsonSchema;
  const list: List = {
    minItems: numberOr(schema.minItems, NaN, pointer, 'minItems'),
    maxItems: numberOr(schema.maxItems, NaN, pointer, 'maxItems'),
    object: null,
    leaf: null,
    members,
  };
  if (items.type === 'object') list.object = compileLevel(items, `${pointer}/items`, members ? 'members' : 'other', wanted);
  else if (members) unsupported(pointer, 'the member list does not hold objects');
  else list.leaf = compileLeaf(items, `${pointer}/items`);
  return list;
}

function requiredList(v: unknown, pointer: string): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((k) => typeof k !== 'string')) unsupported(pointer, 'required is not a list of names');
  return v as string[];
}

function compileTest(schema: unknown, pointer: string, base: readonly Prop[]): Test {
  if (!isSchema(schema)) unsupported(pointer, 'a boolean if');
  for (const k of Object.keys(schema)) if (k !== 'properties' && k !== 'required' && !ANNOTATIONS.has(k)) unsupported(pointer, `keyword ${k} in if`);
  const checks: Test['checks'] = [];
  const props = schema.properties === undefined ? {} : schema.properties;
  if (!isSchema(props)) unsupported(pointer, 'properties is not an object');
  for (const [key, sub] of Object.entries(props)) {
    // Only answers that pruning never removes, so the test sees the same value before and after pruning.
    if (!base.some((p) => p.key === key && p.leaf !== null)) unsupported(pointer, `if tests ${key}, which is not declared beside it`);
    if (!isSchema(sub)) unsupported(`${pointer}/properties/${key}`, 'a boolean schema');
    checks.push({ key, leaf: compileLeaf(sub, `${pointer}/properties/${key}`) });
  }
  const required = requiredList(schema.required, `${pointer}/required`);
  for (const key of required) if (!base.some((p) => p.key === key)) unsupported(pointer, `if requires ${key}, which is not declared beside it`);
  return { checks, required };
}

function compileBranch(schema: unknown, pointer: string, base: readonly Prop[], place: Place, wanted: Wanted, own: readonly string[]): Branch | null {
  if (schema === undefined) return null;
  if (!isSchema(schema)) unsupported(pointer, 'a boolean branch');
  for (const k of Object.keys(schema)) if (k !== 'properties' && k !== 'required' && !ANNOTATIONS.has(k)) unsupported(pointer, `keyword ${k} in a branch`);
  const required = requiredList(schema.required, `${pointer}/required`);
  const props = schema.properties === undefined ? [] : compileProps(schema.properties, pointer, place, wanted, [...own, ...required]);
  for (const p of props) if (base.some((b) => b.key === p.key)) unsupported(pointer, `${p.key} is declared both beside and in a branch`);
  return { props, required };
}

/**
 * The required answers the property flags do not cover when `branch` applies (declared beside it but required by
 * the branch only), or null when a required answer is not shown then.
 */
function extraRequired(own: readonly string[], base: readonly Prop[], branch: Branch | null): string[] | null {
  const all = new Set([...own, ...(branch?.required ?? [])]);
  const shown = new Set([...base.map((p) => p.key), ...(branch?.props.map((p) => p.key) ?? [])]);
  if ([...all].some((k) => !shown.has(k))) return null;
  return [...all].filter((k) => base.some((p) => p.key === k && !p.required));
}

function compileLevel(schema: JsonSchema, pointer: string, place: Place, wanted: Wanted): ObjectLevel {
  for (const k of Object.keys(schema)) {
    if (!['type', 'properties', 'required', 'if', 'then', 'else'].includes(k) && !ANNOTATIONS.has(k) && !(place === 'root' && k === '$schema')) unsupported(pointer, `keyword ${k}`);
  }
  if (schema.type !== 'object') unsupported(pointer, 'not an object');
  // Pruning leaves an object that declares no properties alone; the reader does not model that.
  if (!isSchema(schema.properties)) unsupported(pointer, 'an object without properties');
  const own = requiredList(schema.required, `${pointer}/required`);
  const props = compileProps(schema.properties, pointer, place, wanted, own);
  if (schema.if === undefined) {
    if (schema.then !== undefined || schema.else !== undefined) unsupported(pointer, 'then/else without if');
    const extra = extraRequired(own, props, null);
    return { props, cond: null, extra: [extra, extra] };
  }
  const test = compileTest(schema.if, `${pointer}/if`, props);
  for (const c of test.checks) (props.find((p) => p.key === c.key) as Prop).test = c.leaf;
  for (const key of test.required) (props.find((p) => p.key === key) as Prop).testRequired = true;
  const cond = {
    test,
    then: compileBranch(schema.then, `${pointer}/then`, props, place, wanted, own),
    else: compileBranch(schema.else, `${pointer}/else`, props, place, wanted, own),
  };
  return { props, cond, extra: [extraRequired(own, props, cond.else), extraRequired(own, props, cond.then)] };
}

/** Gives `col` room for `lanes` lanes (contents kept). */
function grow(col: Col, lanes: number): void {
  const v = new Float64Array(lanes);
  const bad = new Uint8Array(lanes);
  v.set(col.v);
  bad.set(col.bad);
  col.v = v;
  col.bad = bad;
}

/** The properties a level declares: its own, then those of its `then` and `else` branches. */
function declaredIn(level: ObjectLevel): Prop[] {
  return [...level.props, ...(level.cond?.then?.props ?? []), ...(level.cond?.else?.props ?? [])];
}

/** Points the properties of `level` (and its branches) that the plan reads at their columns' current arrays. */
function bind(level: ObjectLevel, cols: readonly Col[]): void {
  for (const p of declaredIn(level)) {
    if (p.col < 0) continue;
    p.column = cols[p.col];
    p.v = p.column.v;
    p.bad = p.column.bad;
  }
}

/** Columns the reader fills (household inputs, member fields) and the member owners. */
interface Lanes {
  house: Col[];
  member: Col[];
  owner: Int32Array;
}

/**
 * Compiles the reader of `schema` for a plan reading top-level `inputs` and the `fields` of list `list` (the plan's
 * maps, in column order), with room for `lanes` households per chunk. Throws `ReaderUnsupported` outside the subset.
 */
export function compileReader(
  schema: JsonSchema, inputs: ReadonlyMap<string, Kind>, list: string | null, fields: ReadonlyMap<string, Kind>, lanes: number,
): Reader {
  const inputNames = [...inputs.keys()];
  const fieldNames = [...fields.keys()];
  const wanted: Wanted = {
    inputs: new Map(inputNames.map((n, col) => [n, col])),
    fields: new Map(fieldNames.map((n, col) => [n, col])),
    list,
  };
  const root = compileLevel(schema, '', 'root', wanted);
  checkCoverage(root, inputNames, list, fieldNames);

  const out: Lanes = {
    house: inputNames.map(() => ({ v: new Float64Array(lanes), bad: new Uint8Array(lanes), anyBad: false })),
    member: fieldNames.map(() => ({ v: new Float64Array(lanes * 4), bad: new Uint8Array(lanes * 4), anyBad: false })),
    owner: new Int32Array(lanes * 4),
  };
  bind(root, out.house);
  const members = declaredIn(root).find((p) => p.list?.members);
  if (members?.list?.object) bind(members.list.object, out.member);
  return {
    // Columns grow in place (`grow`); only the owner array is replaced.
    house: out.house,
    member: out.member,
    get owner() { return out.owner; },
    read: (raw, i, m) => readLevel(root, raw, i, i, m, out),
  };
}

/** Throws unless every input and member field the plan reads is declared where the reader looks for it. */
function checkCoverage(root: ObjectLevel, inputNames: readonly string[], list: string | null, fieldNames: readonly string[]): void {
  const top = declaredIn(root);
  for (const n of inputNames) if (!top.some((p) => p.key === n && p.col >= 0)) unsupported('', `input ${n} is not a top-level answer`);
  if (list === null) return;
  const members = top.find((p) => p.key === list && p.list?.members && p.list.object);
  if (!members) unsupported('', `${list} is not a top-level list of objects`);
  const fields = declaredIn(members.list?.object as ObjectLevel);
  for (const f of fieldNames) if (!fields.some((p) => p.key === f && p.col >= 0)) unsupported('', `field ${f} is not declared by the items of ${list}`);
}

/**
 * Marks a lane of a value the plan reads bad, and its column as having a bad lane: `anyBad` stays true until the
 * runner resets it for the next chunk (lanes written by a submission that was then refused may leave it true:
 * that only costs a check).
 */
function markBad(p: Prop, lane: number): void {
  p.bad[lane] = 1;
  (p.column as Col).anyBad = true;
}

/**
 * The column value of a given answer (number; 0/1 for yes/no; yyyymmdd for a date; 0 for other text), or NaN
 * when the answer does not satisfy its leaf. A valid answer is never NaN (numbers must be finite).
 */
function leafValue(leaf: Leaf, v: unknown): number {
  switch (leaf.op) {
    case OP_NUMBER:
      // ajv's number (strictNumbers: finite) with minimum/maximum.
      return typeof v === 'number' && v >= leaf.lo && v <= leaf.hi && v - v === 0 ? v : NaN;
    case OP_BOOLEAN:
      return v === true ? 1 : v === false ? 0 : NaN;
    case OP_DATE:
      return typeof v === 'string' ? dateKeyOf(v) : NaN;
    case OP_TEXT:
      return typeof v === 'string' && textOk(leaf, v) ? 0 : NaN;
    default:
      if (!leafOk(leaf, v)) return NaN;
      if (leaf.date) return dateKeyOf(v as string);
      return typeof v === 'number' ? v : v === true ? 1 : 0;
  }
}

/** Whether the last `readProps` call found the level's `if` test failing (read right after it returns). */
let testFailed = false;

/**
 * Checks the properties of one object level and writes the values the plan reads to their columns at `lane`. `i`
 * is the household lane, `m` the next member lane; returns the next member lane or -1, and leaves in `testFailed`
 * whether the answers it read fail the level's `if` test.
 */
function readProps(props: readonly Prop[], obj: Record<string, unknown>, lane: number, i: number, m: number, out: Lanes): number {
  let fails = false;
  for (let k = 0; k < props.length; k++) {
    const p = props[k];
    const v = obj[p.key];
    if (v === undefined) {
      // ajv's `required`: the property is not undefined. A household without its member list is not the kernels'
      // to decide either (the scalar path names what is missing).
      if (p.required || (p.list !== null && p.list.members)) return -1;
      if (p.testRequired) fails = true;
      // An absent answer (or, in readLevel, a hidden one) marks its lane bad: the scalar path finds it unknown.
      if (p.col >= 0) markBad(p, lane);
      continue;
    }
    const leaf = p.leaf;
    if (leaf !== null) {
      const x = leafValue(leaf, v);
      if (x !== x) return -1;
      // The test reads answers declared beside it, which pruning keeps: the same before and after pruning.
      if (p.test !== null && !leafValid(p.test, v)) fails = true;
      if (p.col >= 0) {
        p.bad[lane] = 0;
        p.v[lane] = x;
      }
    } else if (p.object !== null) {
      if (readLevel(p.object, v, -1, i, 0, out) < 0) return -1;
    } else {
      m = readList(p.list as List, v, i, m, out);
      if (m < 0) return -1;
    }
  }
  testFailed = fails;
  return m;
}

/** True when every answer in `required` is given (not undefined). */
function given(required: readonly string[], obj: Record<string, unknown>): boolean {
  for (let k = 0; k < required.length; k++) if (obj[required[k]] === undefined) return false;
  return true;
}

/** Reads one object level (see `readProps`); `lane` is where its read values go. */
function readLevel(level: ObjectLevel, value: unknown, lane: number, i: number, m: number, out: Lanes): number {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return -1;
  const obj = value as Record<string, unknown>;
  m = readProps(level.props, obj, lane, i, m, out);
  if (m < 0 || level.cond === null) return m;
  const pass = testFailed ? 0 : 1;
  const extra = level.extra[pass];
  if (extra === null || (extra.length > 0 && !given(extra, obj))) return -1;
  const hidden = pass === 1 ? level.cond.else : level.cond.then;
  if (hidden !== null) for (const p of hidden.props) if (p.col >= 0) markBad(p, lane);
  const taken = pass === 1 ? level.cond.then : level.cond.else;
  return taken === null ? m : readProps(taken.props, obj, lane, i, m, out);
}

/** Reads a list; the plan's member list writes one member lane per item, owned by household lane `i`. */
function readList(list: List, value: unknown, i: number, m: number, out: Lanes): number {
  if (!Array.isArray(value)) return -1;
  const n = value.length;
  if (n < list.minItems || n > list.maxItems) return -1;
  if (list.leaf !== null) {
    for (let j = 0; j < n; j++) if (!leafValid(list.leaf, value[j])) return -1;
    return m;
  }
  const level = list.object as ObjectLevel;
  if (!list.members) {
    for (let j = 0; j < n; j++) if (readLevel(level, value[j], -1, i, 0, out) < 0) return -1;
    return m;
  }
  if (out.owner.length < m + n) {
    const size = Math.max(m + n, out.owner.length * 2);
    const owner = new Int32Array(size);
    owner.set(out.owner);
    out.owner = owner;
    for (const col of out.member) grow(col, size);
    bind(level, out.member);
  }
  const owner = out.owner;
  for (let j = 0; j < n; j++) {
    owner[m + j] = i;
    if (readLevel(level, value[j], m + j, i, 0, out) < 0) return -1;
  }
  return m + n;
}

/** The reader for a plan, or null with the reason when the form is outside the reader's subset. */
export function readerFor(
  schema: JsonSchema, inputs: ReadonlyMap<string, Kind>, list: string | null, fields: ReadonlyMap<string, Kind>, lanes: number,
): { reader: Reader | null; reason: string | null } {
  try {
    return { reader: compileReader(schema, inputs, list, fields, lanes), reason: null };
  } catch (e) {
    if (e instanceof ReaderUnsupported) return { reader: null, reason: e.message };
    throw e;
  }
}
