/**
 * The columnar plan of a compiled program on one as-of date: kernels for every derived value (in evaluation
 * order), rule conditions and waivers, benefit formulas and minimum conditions, parameters resolved to constants,
 * and the inputs to extract (top-level fields and the fields of one member list, with their kinds from the form
 * schema). `columnarPlan` returns null when any part is outside the vectorised subset: the program then takes the
 * scalar path as a whole, so correctness never depends on coverage.
 */
import type { CompiledProgram } from '../../compile/index.ts';
import type { IsoDate, JsonSchema } from '../../format/types.ts';
import { dateKey } from '../../languages/formula/dates.ts';
import type { Kind, View } from './columns.ts';
import { compileColumnFormula, SharedValues, type ColumnEnv } from './compile-formula.ts';
import { compileColumnConditions } from './compile-conditions.ts';
import { houseInput, Unsupported, type Kernel } from './kernels.ts';

export type { View } from './columns.ts';

/** The chunk column name of a view (a NUL first: no form answer is read under it). */
export function viewKey(v: View): string {
  return `\u0000${v.op}\u0000${v.input}${v.value === undefined ? '' : `\u0000${typeof v.value}:${String(v.value)}`}`;
}

/** A benefit's kernels and bounds (the scalar `computeBenefit` semantics). */
export interface BenefitPlan {
  id: string;
  amount: Kernel;
  rounding?: { to: number; mode: 'nearest' | 'down' | 'up' };
  /** Minimum amount, and the kernel of its `when` (absent: always applies). */
  minimum?: number;
  minimumWhen?: Kernel;
  maximum?: number;
}

/** Everything the columnar runner needs for one program and date. */
export interface ColumnarPlan {
  /** Top-level inputs read, with their kinds. */
  inputs: Map<string, Kind>;
  /** The member list read (at most one), and its fields with their kinds. */
  list: string | null;
  fields: Map<string, Kind>;
  /** Columns computed from top-level answers at extraction, by chunk column name (`viewKey`). */
  views: Map<string, View>;
  derived: Kernel[];
  rules: { conditions: Kernel; waiver: Kernel | null }[];
  benefits: BenefitPlan[];
}

function isSchema(v: unknown): v is JsonSchema {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The schema declaring `key` at this level (properties first, then conditional and allOf branches). */
function declared(schema: JsonSchema, key: string): JsonSchema | undefined {
  if (isSchema(schema.properties) && isSchema(schema.properties[key])) return schema.properties[key] as JsonSchema;
  const branches: unknown[] = [schema.then, schema.else, ...(Array.isArray(schema.allOf) ? schema.allOf : [])];
  for (const b of branches) {
    if (!isSchema(b)) continue;
    const found = declared(b, key);
    if (found) return found;
  }
  return undefined;
}

function kindOf(schema: JsonSchema | undefined, what: string): Kind {
  if (!schema) throw new Unsupported(`${what} is not declared by the form`);
  if (schema.type === 'number' || schema.type === 'integer') return 'n';
  if (schema.type === 'boolean') return 'b';
  if (schema.type === 'string' && schema.format === 'date') return 'd';
  throw new Unsupported(`${what} has type ${JSON.stringify(schema.type)}`);
}

const cache = new WeakMap<CompiledProgram, Map<IsoDate, ColumnarPlan | null>>();

/** The plan of `compiled` on `asOf` (memoized per program and date), or null when the program is not supported. */
export function columnarPlan(compiled: CompiledProgram, asOf: IsoDate): ColumnarPlan | null {
  let byDate = cache.get(compiled);
  if (!byDate) cache.set(compiled, (byDate = new Map()));
  if (byDate.has(asOf)) return byDate.get(asOf) ?? null;
  let plan: ColumnarPlan | null;
  try {
    plan = buildPlan(compiled, asOf);
  } catch (e) {
    if (!(e instanceof Unsupported)) throw e;
    plan = null;
  }
  if (byDate.size > 64) byDate.clear();
  byDate.set(asOf, plan);
  return plan;
}

/** Why the program is not supported on `asOf` (null when it is); for tests and diagnostics. */
export function columnarUnsupportedReason(compiled: CompiledProgram, asOf: IsoDate): string | null {
  try {
    buildPlan(compiled, asOf);
    return null;
  } catch (e) {
    if (e instanceof Unsupported) return e.message;
    throw e;
  }
}

function buildPlan(compiled: CompiledProgram, asOf: IsoDate): ColumnarPlan {
  const schema = compiled.input.schema;
  const params = compiled.paramsOn(asOf);
  const derivedKernels = new Map<string, Kernel>();
  const plan: ColumnarPlan = { inputs: new Map(), list: null, fields: new Map(), views: new Map(), derived: [], rules: [], benefits: [] };
  const isObjectList = (name: string): boolean => {
    const s = declared(schema, name);
    return s?.type === 'array' && isSchema(s.items) && (s.items as JsonSchema).type === 'object';
  };
  const env: ColumnEnv = {
    derived: (name) => derivedKernels.get(name),
    input(name) {
      if (compiled.derivedIndex.has(name)) throw new Unsupported(`derived value ${name} read before it is computed`);
      const kind = kindOf(declared(schema, name), `input "${name}"`);
      plan.inputs.set(name, kind);
      return kind;
    },
    isObjectList,
    view(name, op, value) {
      if (compiled.derivedIndex.has(name)) throw new Unsupported(`derived value ${name} read before it is computed`);
      const s = declared(schema, name);
      if (!s) throw new Unsupported(`input "${name}" is not declared by the form`);
      if (op === 'count' || op === 'has') {
        const items = s.items;
        if (s.type !== 'array' || !isSchema(items) || items.type === 'object' || items.type === 'array')
          throw new Unsupported(`"${name}" is not a list of numbers, texts or true/false answers`);
      }
      const v: View = value === undefined ? { input: name, op } : { input: name, op, value };
      const key = viewKey(v);
      plan.views.set(key, v);
      return houseInput(key, op === 'count' ? 'n' : 'b');
    },
    memberField(list, field) {
      if (plan.list !== null && plan.list !== list) throw new Unsupported('more than one member list');
      const listSchema = declared(schema, list);
      if (listSchema?.type !== 'array' || !isSchema(listSchema.items) || (listSchema.items as JsonSchema).type !== 'object') {
        throw new Unsupported(`"${list}" is not a list of objects`);
      }
      plan.list = list;
      if (field === '') return 'n';
      const kind = kindOf(declared(listSchema.items as JsonSchema, field), `field "${list}.${field}"`);
      plan.fields.set(field, kind);
      return kind;
    },
    paramSlot: (name) => compiled.paramIndex.get(name),
    params,
    asOfKey: dateKey(asOf),
    shared: new SharedValues(),
  };
  for (const d of compiled.derived) {
    const formula = compiled.program.derived?.[d.name]?.formula ?? '';
    const k = compileColumnFormula(formula, env);
    // Readers (and later formulas repeating this one) see the column computed once per chunk (`chunk.derived`),
    // not a re-run of the formula.
    const slot = d.slot;
    const reader: Kernel = { kind: k.kind, level: 'h', run: (c) => c.derived[slot] };
    derivedKernels.set(d.name, reader);
    env.shared.derived(d.name, formula, reader);
    plan.derived[slot] = k;
  }
  for (const r of compiled.rules) {
    plan.rules.push({
      conditions: compileColumnConditions(r.rule.conditions, env),
      waiver: r.rule.waiver ? compileColumnConditions(r.rule.waiver.conditions, env) : null,
    });
  }
  const number = (name: string): number => {
    const slot = compiled.paramIndex.get(name);
    const p = slot === undefined ? undefined : params[slot];
    if (!p || typeof p.value !== 'number') throw new Unsupported(`benefit bound ${name}`);
    return p.value;
  };
  for (const cb of compiled.benefits) {
    const b = cb.benefit;
    const amount = compileColumnFormula(b.formula, env);
    if (amount.kind !== 'n') throw new Unsupported('benefit formula is not a number');
    const bp: BenefitPlan = { id: b.id, amount };
    if (b.rounding) bp.rounding = { to: b.rounding.to, mode: b.rounding.mode };
    if (b.minimum) {
      bp.minimum = number(b.minimum.param);
      if (b.minimum.when) {
        bp.minimumWhen = compileColumnFormula(b.minimum.when, env);
        if (bp.minimumWhen.kind !== 'b') throw new Unsupported('minimum condition is not true/false');
      }
    }
    if (b.maximum) bp.maximum = number(b.maximum.param);
    plan.benefits.push(bp);
  }
  return plan;
}
