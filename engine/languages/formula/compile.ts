/**
 * Compiles a checked formula tree into plain closures (never `eval`/`new Function`). The closures are created once
 * per program; evaluating one only reads and writes the `EvalContext`.
 *
 * Three-valued semantics: a missing input reads as `UNKNOWN` and its JSON Pointer is pushed on `ctx.missing`;
 * `UNKNOWN` propagates through arithmetic, comparison and most functions. `&&`, `||`, `any`, `all`, `coalesce`
 * and `isSet` can decide without the unknown operand; when they do, they truncate `ctx.missing` back, so that the
 * missing list only names inputs that actually left a result undecided.
 */
import { parseFormula, type FormulaNode } from './parse.ts';
import { UNKNOWN } from './unknown.ts';
import type { EvalContext, PathFn } from './context.ts';
import { FormulaEvalError } from './dates.ts';
import { buildCall } from './builtins.ts';
import { FormulaCompileError, num, type CompiledExpr, type FormulaEnv, type Scope } from './compiled.ts';

/** Parses and compiles formula text; throws `FormulaCompileError` with a message and character index. */
export function compileFormula(text: string, env: FormulaEnv): CompiledExpr {
  const parsed = parseFormula(text);
  if (!parsed.ok) throw new FormulaCompileError(parsed.error.message, parsed.error.index);
  return compileNode(parsed.ast, env, new Map());
}

function bool(v: unknown, what: string): boolean {
  if (typeof v !== 'boolean') throw new FormulaEvalError(`${what} needs true or false but got ${JSON.stringify(v)}`);
  return v;
}

/** Records a missing input at the expression's pointer (when it has one) and returns UNKNOWN. */
function missingAt(ctx: EvalContext, path: PathFn | null): typeof UNKNOWN {
  if (path) {
    const p = path(ctx);
    if (p !== null) ctx.missing.push(p);
  }
  return UNKNOWN;
}

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Compiles one node; the builtins receive it to compile their own arguments. */
function compileNode(node: FormulaNode, env: FormulaEnv, scope: Scope): CompiledExpr {
  switch (node.type) {
    case 'Literal': {
      const value = node.value === null ? UNKNOWN : node.value;
      return { ev: () => value, path: null };
    }
    case 'ArrayExpression': {
      const items = (node.elements as FormulaNode[]).map((el) => compileNode(el, env, scope));
      return {
        ev: (ctx) => {
          const out: unknown[] = new Array(items.length);
          for (let i = 0; i < items.length; i++) {
            const v = items[i].ev(ctx);
            if (v === UNKNOWN) return UNKNOWN;
            out[i] = v;
          }
          return out;
        },
        path: null,
      };
    }
    case 'Identifier':
      return compileIdentifier(node.name as string, env, scope);
    case 'MemberExpression':
      return compileMember(node, env, scope);
    case 'UnaryExpression':
      return compileUnary(node.operator as string, compileNode(node.argument as FormulaNode, env, scope));
    case 'BinaryExpression':
      return compileBinary(
        node.operator as string,
        compileNode(node.left as FormulaNode, env, scope),
        compileNode(node.right as FormulaNode, env, scope),
      );
    case 'ConditionalExpression': {
      const test = compileNode(node.test as FormulaNode, env, scope).ev;
      const yes = compileNode(node.consequent as FormulaNode, env, scope).ev;
      const no = compileNode(node.alternate as FormulaNode, env, scope).ev;
      return {
        ev: (ctx) => {
          const t = test(ctx);
          if (t === UNKNOWN) return UNKNOWN;
          return bool(t, 'the condition before "?"') ? yes(ctx) : no(ctx);
        },
        path: null,
      };
    }
    case 'CallExpression':
      return buildCall((node.callee as FormulaNode).name as string, node.arguments as FormulaNode[], env, scope, compileNode);
    default:
      throw new FormulaCompileError(`"${node.type}" is not part of the formula language.`, 0);
  }
}

function compileIdentifier(name: string, env: FormulaEnv, scope: Scope): CompiledExpr {
  const local = scope.get(name);
  if (local !== undefined) {
    const path: PathFn = (ctx) => {
      const listPath = ctx.localPath[local];
      const base = listPath ? listPath(ctx) : null;
      return base === null ? null : `${base}/${ctx.localIndex[local]}`;
    };
    return {
      ev: (ctx) => {
        const v = ctx.locals[local];
        return v === undefined || v === null ? missingAt(ctx, path) : v;
      },
      path,
    };
  }
  const slot = env.derivedSlot(name);
  if (slot !== undefined) {
    return {
      ev: (ctx) => {
        const v = ctx.derived[slot];
        if (v === UNKNOWN) {
          const m = ctx.derivedMissing[slot];
          if (m) for (let i = 0; i < m.length; i++) ctx.missing.push(m[i]);
        }
        return v;
      },
      path: null,
    };
  }
  const pointer = `/${escape(name)}`;
  const path: PathFn = () => pointer;
  return {
    ev: (ctx) => {
      const v = ctx.input[name];
      return v === undefined || v === null ? missingAt(ctx, path) : v;
    },
    path,
  };
}

function compileMember(node: FormulaNode, env: FormulaEnv, scope: Scope): CompiledExpr {
  const object = compileNode(node.object as FormulaNode, env, scope);
  const objEv = object.ev;
  const objPath = object.path;
  if (!node.computed) {
    const prop = (node.property as FormulaNode).name as string;
    const seg = escape(prop);
    const path: PathFn | null = objPath
      ? (ctx) => {
          const base = objPath(ctx);
          return base === null ? null : `${base}/${seg}`;
        }
      : null;
    return {
      ev: (ctx) => {
        const o = objEv(ctx);
        if (o === UNKNOWN) return UNKNOWN;
        if (typeof o !== 'object') throw new FormulaEvalError(`".${prop}" needs an object but got ${JSON.stringify(o)}`);
        const v = (o as Record<string, unknown>)[prop];
        return v === undefined || v === null ? missingAt(ctx, path) : v;
      },
      path,
    };
  }
  const index = compileNode(node.property as FormulaNode, env, scope).ev;
  let lastKey: unknown;
  const path: PathFn | null = objPath
    ? (ctx) => {
        const base = objPath(ctx);
        return base === null ? null : `${base}/${escape(String(lastKey))}`;
      }
    : null;
  return {
    ev: (ctx) => {
      const o = objEv(ctx);
      if (o === UNKNOWN) return UNKNOWN;
      const k = index(ctx);
      if (k === UNKNOWN) return UNKNOWN;
      if (typeof o !== 'object') throw new FormulaEvalError(`"[…]" needs a list or object but got ${JSON.stringify(o)}`);
      lastKey = k;
      const v = (o as Record<string, unknown>)[k as string];
      return v === undefined || v === null ? missingAt(ctx, path) : v;
    },
    path,
  };
}

function compileUnary(op: string, arg: CompiledExpr): CompiledExpr {
  const a = arg.ev;
  if (op === '!')
    return {
      ev: (ctx) => {
        const v = a(ctx);
        return v === UNKNOWN ? UNKNOWN : !bool(v, '"!"');
      },
      path: null,
    };
  if (op === '-')
    return {
      ev: (ctx) => {
        const v = a(ctx);
        return v === UNKNOWN ? UNKNOWN : -num(v, '"-"');
      },
      path: null,
    };
  return {
    ev: (ctx) => {
      const v = a(ctx);
      return v === UNKNOWN ? UNKNOWN : num(v, '"+"');
    },
    path: null,
  };
}

function compileBinary(op: string, left: CompiledExpr, right: CompiledExpr): CompiledExpr {
  const l = left.ev;
  const r = right.ev;
  if (op === '&&' || op === '||') {
    const decisive = op === '||';
    return {
      ev: (ctx) => {
        const start = ctx.missing.length;
        const a = l(ctx);
        if (a !== UNKNOWN && bool(a, `"${op}"`) === decisive) return decisive;
        const b = r(ctx);
        if (b !== UNKNOWN && bool(b, `"${op}"`) === decisive) {
          if (ctx.missing.length !== start) ctx.missing.length = start;
          return decisive;
        }
        return a === UNKNOWN || b === UNKNOWN ? UNKNOWN : !decisive;
      },
      path: null,
    };
  }
  // One closure per operator with the operation inline (no second call, no switch on the operator per evaluation).
  const ev = binaryEv(op, l, r);
  return { ev, path: null };
}

type Ev = (ctx: EvalContext) => unknown;

function comparisonError(op: string, x: unknown, y: unknown): FormulaEvalError {
  return new FormulaEvalError(`"${op}" compares two numbers or two texts but got ${JSON.stringify(x)} and ${JSON.stringify(y)}`);
}

/** True when both are numbers or both are texts (the only comparable pairs). */
function comparable(x: unknown, y: unknown): boolean {
  const tx = typeof x;
  return (tx === 'number' || tx === 'string') && tx === typeof y;
}

function binaryEv(op: string, l: Ev, r: Ev): Ev {
  switch (op) {
    case '+':
      return (ctx) => {
        const x = l(ctx);
        const y = r(ctx);
        if (x === UNKNOWN || y === UNKNOWN) return UNKNOWN;
        if (typeof x === 'number' && typeof y === 'number') return x + y;
        if (typeof x === 'string' && typeof y === 'string') return x + y;
        throw new FormulaEvalError(`"+" adds two numbers or joins two texts but got ${JSON.stringify(x)} and ${JSON.stringify(y)}`);
      };
    case '-':
      return (ctx) => {
        const x = l(ctx);
        const y = r(ctx);
        return x === UNKNOWN || y === UNKNOWN ? UNKNOWN : num(x, '"-"') - num(y, '"-"');
      };
    case '*':
      return (ctx) => {
        const x = l(ctx);
        const y = r(ctx);
        return x === UNKNOWN || y === UNKNOWN ? UNKNOWN : num(x, '"*"') * num(y, '"*"');
      };
    case '/':
      return (ctx) => {
        const x = l(ctx);
        const y = r(ctx);
        if (x === UNKNOWN || y === UNKNOWN) return UNKNOWN;
        if (num(y, '"/"') === 0) throw new FormulaEvalError('division by zero');
        return num(x, '"/"') / (y as number);
      };
    case '%':
      return (ctx) => {
        const x = l(ctx);
        const y = r(ctx);
        if (x === UNKNOWN || y === UNKNOWN) return UNKNOWN;
        if (num(y, '"%"') === 0) throw new FormulaEvalError('remainder of a division by zero');
        return num(x, '"%"') % (y as number);
      };
    case '==':
      return (ctx) => {
        const x = l(ctx);
        const y = r(ctx);
        return x === UNKNOWN || y === UNKNOWN ? UNKNOWN : x === y;
      };
    case '!=':
      return (ctx) => {
        const x = l(ctx);
        const y = r(ctx);
        return x === UNKNOWN || y === UNKNOWN ? UNKNOWN : x !== y;
      };
    case '<':
      return (ctx) => {
        const x = l(ctx);
        const y = r(ctx);
        if (x === UNKNOWN || y === UNKNOWN) return UNKNOWN;
        if (!comparable(x, y)) throw comparisonError(op, x, y);
        return (x as number) < (y as number);
      };
    case '<=':
      return (ctx) => {
        const x = l(ctx);
        const y = r(ctx);
        if (x === UNKNOWN || y === UNKNOWN) return UNKNOWN;
        if (!comparable(x, y)) throw comparisonError(op, x, y);
        return (x as number) <= (y as number);
      };
    case '>':
      return (ctx) => {
        const x = l(ctx);
        const y = r(ctx);
        if (x === UNKNOWN || y === UNKNOWN) return UNKNOWN;
        if (!comparable(x, y)) throw comparisonError(op, x, y);
        return (x as number) > (y as number);
      };
    default:
      return (ctx) => {
        const x = l(ctx);
        const y = r(ctx);
        if (x === UNKNOWN || y === UNKNOWN) return UNKNOWN;
        if (!comparable(x, y)) throw comparisonError(op, x, y);
        return (x as number) >= (y as number);
      };
  }
}
