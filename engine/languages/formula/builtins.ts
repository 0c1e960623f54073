/**
 * The functions of the formula language, compiled per call site. Each builder compiles its arguments and returns
 * the closure that evaluates the call with three-valued semantics (see `compile.ts`).
 */
import type { FormulaNode } from './parse.ts';
import { UNKNOWN } from './unknown.ts';
import { recordUse, type EvalContext } from './context.ts';
import { num, FormulaCompileError, type CompiledExpr, type CompileNode, type FormulaEnv, type Scope } from './compiled.ts';
import { FormulaEvalError, addMonthsTo, dateKey, daysInMonth, fromDayNumber, parseDate, toDayNumber, wholeYears } from './dates.ts';
import { roundDownTo, roundHalf, roundUpTo } from './rounding.ts';
import { parameterValue } from '../../evaluate/parameters.ts';

type Ev = (ctx: EvalContext) => unknown;

function list(v: unknown, fn: string): unknown[] {
  if (!Array.isArray(v)) throw new FormulaEvalError(`${fn}() needs a list but got ${JSON.stringify(v)}`);
  return v;
}

function truth(v: unknown, fn: string): boolean | typeof UNKNOWN {
  if (v === UNKNOWN) return UNKNOWN;
  if (typeof v === 'boolean') return v;
  throw new FormulaEvalError(`the lambda of ${fn}() must give true or false but gave ${JSON.stringify(v)}`);
}

/** Compiles `fn(list, m => body)`: the list, the lambda body, and the slot its parameter is bound to. */
function lambdaParts(
  args: FormulaNode[],
  env: FormulaEnv,
  scope: Scope,
  compileNode: CompileNode,
): { list: CompiledExpr; body: Ev | null; slot: number } {
  const listExpr = compileNode(args[0], env, scope);
  const fnNode = args[1];
  if (!fnNode) return { list: listExpr, body: null, slot: -1 };
  if (fnNode.type !== 'ArrowFunctionExpression') {
    throw new FormulaCompileError('The second argument must be a lambda such as "m => m.earnedIncome".', 0);
  }
  const slot = env.nextLocal();
  const inner = new Map(scope);
  inner.set((fnNode.params as FormulaNode[])[0].name as string, slot);
  return { list: listExpr, body: compileNode(fnNode.body as FormulaNode, env, inner).ev, slot };
}

/** The field name when a lambda is just `m => m.field` (a property of its own parameter), else null. */
function plainField(fnNode: FormulaNode | undefined): string | null {
  if (!fnNode || fnNode.type !== 'ArrowFunctionExpression') return null;
  const param = ((fnNode.params as FormulaNode[])[0] as FormulaNode | undefined)?.name;
  const body = fnNode.body as FormulaNode;
  if (body.type !== 'MemberExpression' || body.computed) return null;
  const object = body.object as FormulaNode;
  if (object.type !== 'Identifier' || object.name !== param) return null;
  return (body.property as FormulaNode).name as string;
}

/**
 * `sum(list, m => m.field)` without binding a lambda per element: the same total, the same missing pointers
 * (`<list>/<i>` for a missing element, `<list>/<i>/<field>` for a missing field) and the same errors.
 */
function sumOfField(listExpr: CompiledExpr, field: string): Ev {
  const listEv = listExpr.ev;
  const listPath = listExpr.path;
  const segment = field.replace(/~/g, '~0').replace(/\//g, '~1');
  return (ctx) => {
    const v = listEv(ctx);
    if (v === UNKNOWN) return UNKNOWN;
    const items = list(v, 'sum');
    let total = 0;
    let unknown = false;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (item === undefined || item === null) {
        const base = listPath ? listPath(ctx) : null;
        if (base !== null) ctx.missing.push(`${base}/${i}`);
        unknown = true;
        continue;
      }
      if (typeof item !== 'object') throw new FormulaEvalError(`".${field}" needs an object but got ${JSON.stringify(item)}`);
      const x = (item as Record<string, unknown>)[field];
      if (x === undefined || x === null) {
        const base = listPath ? listPath(ctx) : null;
        if (base !== null) ctx.missing.push(`${base}/${i}/${segment}`);
        unknown = true;
      } else total += num(x, 'sum()');
    }
    return unknown ? UNKNOWN : total;
  };
}

function iterate(name: string, args: FormulaNode[], env: FormulaEnv, scope: Scope, compileNode: CompileNode): Ev {
  const field = name === 'sum' ? plainField(args[1]) : null;
  if (field !== null) return sumOfField(compileNode(args[0], env, scope), field);
  const { list: listExpr, body, slot } = lambdaParts(args, env, scope, compileNode);
  const listEv = listExpr.ev;
  const listPath = listExpr.path;
  const bind = (ctx: EvalContext, items: unknown[], i: number): void => {
    ctx.locals[slot] = items[i];
    ctx.localIndex[slot] = i;
    ctx.localPath[slot] = listPath;
  };
  switch (name) {
    case 'sum':
      return (ctx) => {
        const v = listEv(ctx);
        if (v === UNKNOWN) return UNKNOWN;
        const items = list(v, 'sum');
        let total = 0;
        let unknown = false;
        for (let i = 0; i < items.length; i++) {
          let x: unknown;
          if (body) {
            bind(ctx, items, i);
            x = body(ctx);
          } else {
            x = items[i];
            if (x === undefined || x === null) {
              if (listPath) {
                const p = listPath(ctx);
                if (p !== null) ctx.missing.push(`${p}/${i}`);
              }
              x = UNKNOWN;
            }
          }
          if (x === UNKNOWN) unknown = true;
          else total += num(x, 'sum()');
        }
        return unknown ? UNKNOWN : total;
      };
    case 'count':
      return (ctx) => {
        const v = listEv(ctx);
        if (v === UNKNOWN) return UNKNOWN;
        const items = list(v, 'count');
        if (!body) return items.length;
        let n = 0;
        let unknown = false;
        for (let i = 0; i < items.length; i++) {
          bind(ctx, items, i);
          const t = truth(body(ctx), 'count');
          if (t === UNKNOWN) unknown = true;
          else if (t) n++;
        }
        return unknown ? UNKNOWN : n;
      };
    default: {
      // any / all: Kleene logic over the elements; a decisive element discards the missing inputs seen so far.
      const decisive = name === 'any';
      return (ctx) => {
        const start = ctx.missing.length;
        const v = listEv(ctx);
        if (v === UNKNOWN) return UNKNOWN;
        const items = list(v, name);
        let unknown = false;
        for (let i = 0; i < items.length; i++) {
          bind(ctx, items, i);
          const t = truth((body as Ev)(ctx), name);
          if (t === UNKNOWN) unknown = true;
          else if (t === decisive) {
            if (ctx.missing.length !== start) ctx.missing.length = start;
            return decisive;
          }
        }
        return unknown ? UNKNOWN : !decisive;
      };
    }
  }
}

/** Evaluates all arguments; UNKNOWN if any is unknown. */
function strict(args: Ev[], fn: (values: unknown[]) => unknown): Ev {
  const n = args.length;
  if (n === 1) {
    const a = args[0];
    const one: unknown[] = [undefined];
    return (ctx) => {
      const x = a(ctx);
      if (x === UNKNOWN) return UNKNOWN;
      one[0] = x;
      return fn(one);
    };
  }
  if (n === 2) {
    const [a, b] = args;
    const two: unknown[] = [undefined, undefined];
    return (ctx) => {
      const x = a(ctx);
      const y = b(ctx);
      if (x === UNKNOWN || y === UNKNOWN) return UNKNOWN;
      two[0] = x;
      two[1] = y;
      return fn(two);
    };
  }
  return (ctx) => {
    const values: unknown[] = new Array(n);
    let unknown = false;
    for (let i = 0; i < n; i++) {
      values[i] = args[i](ctx);
      if (values[i] === UNKNOWN) unknown = true;
    }
    return unknown ? UNKNOWN : fn(values);
  };
}

function extreme(name: 'min' | 'max'): (values: unknown[]) => unknown {
  return (values) => {
    const items = values.length === 1 && Array.isArray(values[0]) ? (values[0] as unknown[]) : values;
    if (items.length === 0) throw new FormulaEvalError(`${name}() of an empty list`);
    let best = num(items[0], `${name}()`);
    for (let i = 1; i < items.length; i++) {
      const x = num(items[i], `${name}()`);
      if (name === 'min' ? x < best : x > best) best = x;
    }
    return best;
  };
}

/** `min(a, b)` / `max(a, b)`: the same result and errors as `extreme` on two values, without the argument array. */
function extremeOfTwo(name: 'min' | 'max', a: Ev, b: Ev): Ev {
  const what = `${name}()`;
  const isMax = name === 'max';
  return (ctx) => {
    const x = a(ctx);
    const y = b(ctx);
    if (x === UNKNOWN || y === UNKNOWN) return UNKNOWN;
    const first = num(x, what);
    const second = num(y, what);
    return (isMax ? second > first : second < first) ? second : first;
  };
}

function digits(values: unknown[], fn: string): number {
  if (values.length < 2) return 0;
  const d = num(values[1], `${fn}() digits`);
  if (!Number.isInteger(d)) throw new FormulaEvalError(`${fn}() digits must be a whole number but got ${d}`);
  return d;
}

function compileParam(args: FormulaNode[], env: FormulaEnv, scope: Scope, compileNode: CompileNode): Ev {
  const name = args[0].value as string;
  const slot = env.paramSlot(name);
  if (slot === undefined) throw new FormulaCompileError(`Unknown parameter "${name}"; add it to parameters.json or fix the name.`, 0);
  const hasKey = args.length > 1;
  const keyEv = hasKey ? compileNode(args[1], env, scope).ev : null;
  return (ctx) => {
    const p = ctx.params[slot];
    if (!p) throw new FormulaEvalError(`parameter "${name}" has no value in force on ${ctx.asOf}`);
    let key: unknown;
    if (keyEv) {
      key = keyEv(ctx);
      if (key === UNKNOWN) return UNKNOWN;
    }
    const value = parameterValue(p, key, hasKey);
    if (ctx.trace) recordUse(ctx, p, key, value);
    return value;
  };
}

/** Compiles a call to a named function of the formula language; `compileNode` compiles its arguments. */
export function buildCall(name: string, args: FormulaNode[], env: FormulaEnv, scope: Scope, compileNode: CompileNode): CompiledExpr {
  let ev: Ev;
  switch (name) {
    case 'param':
      ev = compileParam(args, env, scope, compileNode);
      break;
    case 'sum':
    case 'count':
    case 'any':
    case 'all':
      ev = iterate(name, args, env, scope, compileNode);
      break;
    case 'coalesce':
    case 'isSet': {
      const evs = args.map((a) => compileNode(a, env, scope).ev);
      const isSet = name === 'isSet';
      ev = (ctx) => {
        const start = ctx.missing.length;
        for (let i = 0; i < evs.length; i++) {
          const v = evs[i](ctx);
          if (v !== UNKNOWN) {
            if (ctx.missing.length !== start) ctx.missing.length = start;
            return isSet ? true : v;
          }
        }
        if (!isSet) return UNKNOWN;
        if (ctx.missing.length !== start) ctx.missing.length = start;
        return false;
      };
      break;
    }
    case 'asOf':
      ev = (ctx) => ctx.asOf;
      break;
    case 'age': {
      const dob = compileNode(args[0], env, scope).ev;
      ev = (ctx) => {
        const d = dob(ctx);
        if (d === UNKNOWN) return UNKNOWN;
        // wholeYears(d, ctx.asOf) with the as-of date parsed once per context and date (same errors, same order).
        let to = ctx.asOfKey;
        if (to < 0) to = ctx.asOfKey = dateKey(ctx.asOf);
        return Math.floor((to - dateKey(d, 'date of birth')) / 10000);
      };
      break;
    }
    default:
      ev =
        (name === 'min' || name === 'max') && args.length === 2
          ? extremeOfTwo(name, compileNode(args[0], env, scope).ev, compileNode(args[1], env, scope).ev)
          : strict(
              args.map((a) => compileNode(a, env, scope).ev),
              pureFunction(name),
            );
  }
  return { ev, path: null };
}

function pureFunction(name: string): (v: unknown[]) => unknown {
  switch (name) {
    case 'min':
    case 'max':
      return extreme(name);
    case 'round':
      return (v) => roundHalf(num(v[0], 'round()'), digits(v, 'round'));
    case 'roundUp':
      return (v) => roundUpTo(num(v[0], 'roundUp()'), digits(v, 'roundUp'));
    case 'roundDown':
      return (v) => roundDownTo(num(v[0], 'roundDown()'), digits(v, 'roundDown'));
    case 'abs':
      return (v) => Math.abs(num(v[0], 'abs()'));
    case 'clamp':
      return (v) => {
        const lo = num(v[1], 'clamp() lower bound');
        const hi = num(v[2], 'clamp() upper bound');
        if (lo > hi) throw new FormulaEvalError(`clamp() lower bound ${lo} is above its upper bound ${hi}`);
        return Math.min(Math.max(num(v[0], 'clamp()'), lo), hi);
      };
    case 'ageOn':
      return (v) => wholeYears(v[0], v[1]);
    case 'daysBetween':
      return (v) => toDayNumber(v[1]) - toDayNumber(v[0]);
    case 'addDays':
      return (v) => fromDayNumber(toDayNumber(v[0]) + num(v[1], 'addDays() days'));
    case 'addMonths':
      return (v) => addMonthsTo(v[0], num(v[1], 'addMonths() months'));
    case 'dayOfMonth':
      return (v) => parseDate(v[0])[2];
    case 'daysInMonth':
      return (v) => {
        const [y, m] = parseDate(v[0]);
        return daysInMonth(y, m);
      };
    case 'includes':
      return (v) => list(v[0], 'includes').indexOf(v[1]) > -1;
    default:
      throw new FormulaCompileError(`Unknown function "${name}".`, 0);
  }
}
