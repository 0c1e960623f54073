/**
 * Compiles json-rules-engine condition trees (docs/design.md §1 "Eligibility rules") into three-valued evaluators.
 *
 * Every tree compiles to two evaluators over the same leaves: `fast` short-circuits (batch path) and `full` visits
 * every leaf and reports each one to a callback (traced path). Both truncate `ctx.missing` the same way when a
 * node's outcome does not depend on its unknown children, so both leave the same missing inputs behind.
 */
import type { ConditionTree, LeafCondition, MemberCondition } from '../../format/types.ts';
import { decideComparison, decideLeaf, decideMembers, isMemberInnerOperator, MEMBER_OPERATORS, OPERATORS, PRESENCE_OPERATORS } from './operators.ts';
import { UNKNOWN, type Truth } from '../formula/unknown.ts';
import { recordUse, type EvalContext } from '../formula/context.ts';
import { FormulaEvalError } from '../formula/dates.ts';
import { parseSimplePath, pointerSuffix } from './path.ts';
import { conditionPointer } from './shared.ts';

/** How condition facts resolve to slots of the compiled program. */
export interface ConditionEnv {
  derivedSlot(name: string): number | undefined;
  paramSlot(name: string): number | undefined;
}

/** One compiled leaf condition, with everything its trace needs precomputed. */
export interface CompiledLeaf {
  /** JSON Pointer of the condition in the program document. */
  pointer: string;
  /** The name of the innermost named condition holding this leaf (the leaf itself, a group, a shared condition). */
  name?: string;
  fact: string;
  factPath?: string;
  operator: string;
  thresholdFact?: string;
  /** Derived slot of the threshold fact (its parameters are the threshold's parameters). */
  thresholdDerivedSlot?: number;
  /** Slot of a `{ param }` threshold or member value, or of a `param:` fact. */
  paramSlots: number[];
  /** Evaluates the leaf; leaves the values seen in `ctx.lastFact` / `ctx.lastThreshold`. */
  truth: (ctx: EvalContext) => Truth;
}

/** A compiled condition tree. */
export interface CompiledTree {
  fast: (ctx: EvalContext) => Truth;
  full: (ctx: EvalContext, visit: (leaf: CompiledLeaf, truth: Truth) => void) => Truth;
  leaves: CompiledLeaf[];
}

type Getter = (ctx: EvalContext) => unknown;

/** A condition that cannot be compiled; `pointer` says where. */
export class ConditionCompileError extends Error {
  constructor(
    message: string,
    readonly pointer: string,
  ) {
    super(message);
  }
}

/** Compiles a condition tree found at `pointer` in the program document. */
export function compileConditions(tree: ConditionTree, pointer: string, env: ConditionEnv): CompiledTree {
  const leaves: CompiledLeaf[] = [];
  const node = compileTree(tree, pointer, env, leaves, undefined);
  return { ...node, leaves };
}

function compileTree(
  tree: ConditionTree,
  at: string,
  env: ConditionEnv,
  leaves: CompiledLeaf[],
  enclosing: string | undefined,
): Omit<CompiledTree, 'leaves'> {
  const pointer = conditionPointer(tree, at);
  const name = tree.name ?? enclosing;
  if ('condition' in tree)
    throw new ConditionCompileError(`The shared condition "${tree.condition}" was not resolved; normalize the program first.`, pointer);
  if ('all' in tree || 'any' in tree) {
    const isAll = 'all' in tree;
    const key = isAll ? 'all' : 'any';
    const kids = (tree as unknown as Record<string, ConditionTree[]>)[key].map((c, i) => compileTree(c, `${pointer}/${key}/${i}`, env, leaves, name));
    const fasts = kids.map((k) => k.fast);
    const fulls = kids.map((k) => k.full);
    // all: false decides; any: true decides.
    const decisive: Truth = isAll ? 0 : 1;
    const otherwise: Truth = isAll ? 1 : 0;
    return {
      fast: (ctx) => {
        const start = ctx.missing.length;
        let unknown = false;
        for (let i = 0; i < fasts.length; i++) {
          const t = fasts[i](ctx);
          if (t === decisive) {
            if (ctx.missing.length !== start) ctx.missing.length = start;
            return decisive;
          }
          if (t === 2) unknown = true;
        }
        return unknown ? 2 : otherwise;
      },
      full: (ctx, visit) => {
        const start = ctx.missing.length;
        let unknown = false;
        let decided = false;
        for (let i = 0; i < fulls.length; i++) {
          const t = fulls[i](ctx, visit);
          if (t === decisive) decided = true;
          else if (t === 2) unknown = true;
        }
        if (decided) {
          if (ctx.missing.length !== start) ctx.missing.length = start;
          return decisive;
        }
        return unknown ? 2 : otherwise;
      },
    };
  }
  if ('not' in tree) {
    const inner = compileTree(tree.not, `${pointer}/not`, env, leaves, name);
    const f = inner.fast;
    const g = inner.full;
    return {
      fast: (ctx) => {
        const t = f(ctx);
        return t === 2 ? 2 : t === 1 ? 0 : 1;
      },
      full: (ctx, visit) => {
        const t = g(ctx, visit);
        return t === 2 ? 2 : t === 1 ? 0 : 1;
      },
    };
  }
  const leaf = compileLeaf(tree, pointer, env);
  if (name !== undefined) leaf.name = name;
  leaves.push(leaf);
  const truth = leaf.truth;
  return {
    fast: truth,
    full: (ctx, visit) => {
      const t = truth(ctx);
      visit(leaf, t);
      return t;
    },
  };
}

/** A getter for a fact (`name`, `param:<name>`) with an optional simple path; records missing input pointers. */
function factGetter(
  fact: string,
  path: string | undefined,
  env: ConditionEnv,
  pointer: string,
  paramSlots: number[],
): { get: Getter; derivedSlot?: number; inputPointer: string | null } {
  let segments: (string | number)[] = [];
  try {
    if (path !== undefined) segments = parseSimplePath(path);
  } catch (e) {
    throw new ConditionCompileError((e as Error).message, `${pointer}/path`);
  }
  let base: Getter;
  let derivedSlot: number | undefined;
  let fromInput = false;
  if (fact.startsWith('param:')) {
    const name = fact.slice('param:'.length);
    const slot = env.paramSlot(name);
    if (slot === undefined) throw new ConditionCompileError(`Unknown parameter "${name}" in fact "${fact}".`, `${pointer}/fact`);
    paramSlots.push(slot);
    base = paramGetter(name, slot);
  } else if ((derivedSlot = env.derivedSlot(fact)) !== undefined) {
    const slot = derivedSlot;
    base = (ctx) => {
      const v = ctx.derived[slot];
      if (v === UNKNOWN) {
        const m = ctx.derivedMissing[slot];
        if (m) for (let i = 0; i < m.length; i++) ctx.missing.push(m[i]);
      }
      return v;
    };
  } else {
    fromInput = true;
    const at = `/${fact.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    base = (ctx) => {
      const v = ctx.input[fact];
      if (v === undefined || v === null) {
        ctx.missing.push(at);
        return UNKNOWN;
      }
      return v;
    };
  }
  const factPointer = `/${fact.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  if (segments.length === 0) return { get: base, derivedSlot, inputPointer: fromInput ? factPointer : null };
  const prefix = factPointer;
  const pointers = segments.map((_, i) => prefix + pointerSuffix(segments.slice(0, i + 1)));
  return {
    get: (ctx) => {
      let v = base(ctx);
      for (let i = 0; i < segments.length; i++) {
        if (v === UNKNOWN) return UNKNOWN;
        v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[segments[i]] : undefined;
        if (v === undefined || v === null) {
          if (fromInput) ctx.missing.push(pointers[i]);
          return UNKNOWN;
        }
      }
      return v;
    },
    derivedSlot: undefined,
    inputPointer: fromInput ? prefix + pointerSuffix(segments) : null,
  };
}

function paramGetter(name: string, slot: number): Getter {
  return (ctx) => {
    const p = ctx.params[slot];
    if (!p) throw new FormulaEvalError(`parameter "${name}" has no value in force on ${ctx.asOf}`);
    if (p.type === 'table') throw new FormulaEvalError(`parameter "${name}" is a table; compare with a derived value that looks up its row`);
    if (ctx.trace) recordUse(ctx, p, undefined, p.value);
    return p.value;
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function compileLeaf(cond: LeafCondition, pointer: string, env: ConditionEnv): CompiledLeaf {
  if (!OPERATORS[cond.operator])
    throw new ConditionCompileError(`Unknown operator "${cond.operator}"; use one of: ${Object.keys(OPERATORS).join(', ')}.`, `${pointer}/operator`);
  const paramSlots: number[] = [];
  const fact = factGetter(cond.fact, cond.path, env, pointer, paramSlots);
  const getFact = fact.get;
  const leaf: CompiledLeaf = { pointer, fact: cond.fact, operator: cond.operator, paramSlots, truth: () => 2 };
  if (cond.path !== undefined) leaf.factPath = cond.path;
  const value = cond.value as unknown;

  if (MEMBER_OPERATORS.includes(cond.operator)) {
    leaf.truth = memberTruth(cond.operator, value as MemberCondition, getFact, fact.inputPointer, env, pointer, paramSlots);
    return leaf;
  }

  let getThreshold: Getter;
  if (isObject(value) && typeof value.fact === 'string') {
    const t = factGetter(value.fact, value.path as string | undefined, env, `${pointer}/value`, paramSlots);
    getThreshold = t.get;
    leaf.thresholdFact = value.fact;
    if (t.derivedSlot !== undefined) leaf.thresholdDerivedSlot = t.derivedSlot;
  } else if (isObject(value) && typeof value.param === 'string') {
    const name = value.param;
    const slot = env.paramSlot(name);
    if (slot === undefined) throw new ConditionCompileError(`Unknown parameter "${name}".`, `${pointer}/value/param`);
    paramSlots.push(slot);
    getThreshold = paramGetter(name, slot);
  } else {
    getThreshold = () => value;
  }

  const operator = cond.operator;
  const op = OPERATORS[operator];
  if (PRESENCE_OPERATORS.includes(operator)) {
    leaf.truth = (ctx) => {
      // A presence test decides on a missing fact: what is missing is not a reason for its outcome.
      const start = ctx.missing.length;
      const a = getFact(ctx);
      const b = getThreshold(ctx);
      if (ctx.missing.length !== start) ctx.missing.length = start;
      ctx.lastFact = a;
      ctx.lastThreshold = b;
      return decideLeaf(operator, a, b);
    };
    return leaf;
  }
  leaf.truth = (ctx) => {
    const a = getFact(ctx);
    const b = getThreshold(ctx);
    ctx.lastFact = a;
    ctx.lastThreshold = b;
    return decideComparison(op, a, b);
  };
  return leaf;
}

function memberTruth(
  operator: string,
  cond: MemberCondition,
  getList: Getter,
  listPointer: string | null,
  env: ConditionEnv,
  pointer: string,
  paramSlots: number[],
): (ctx: EvalContext) => Truth {
  if (!isObject(cond) || typeof cond.field !== 'string' || typeof cond.operator !== 'string') {
    throw new ConditionCompileError(
      `"${operator}" needs a value like { "field": "receivesSSI", "operator": "equal", "value": true }.`,
      `${pointer}/value`,
    );
  }
  if (!isMemberInnerOperator(cond.operator)) {
    throw new ConditionCompileError(`Unknown member operator "${cond.operator}".`, `${pointer}/value/operator`);
  }
  const field = cond.field;
  let getValue: Getter;
  const raw = cond.value;
  if (isObject(raw) && typeof raw.param === 'string') {
    const slot = env.paramSlot(raw.param);
    if (slot === undefined) throw new ConditionCompileError(`Unknown parameter "${raw.param}".`, `${pointer}/value/value/param`);
    paramSlots.push(slot);
    getValue = paramGetter(raw.param, slot);
  } else {
    getValue = () => raw;
  }
  // The resolved member condition, reused between evaluations (the tracer copies it).
  const resolved = { field, operator: cond.operator, value: undefined as unknown };
  return (ctx) => {
    const start = ctx.missing.length;
    const list = getList(ctx);
    resolved.value = getValue(ctx);
    ctx.lastFact = list;
    ctx.lastThreshold = resolved;
    const result = decideMembers(operator, list, resolved, ctx.missing, listPointer);
    if (result !== 2 && ctx.missing.length !== start) ctx.missing.length = start;
    return result;
  };
}
