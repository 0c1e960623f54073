/**
 * Compiles rule condition trees (all / any / not over leaves) into 0/1 columnar kernels. Leaves compare a derived
 * value or a top-level input with a literal, another fact or a scalar parameter, with the two-valued operator
 * semantics of `engine/operators.ts`. Paths, member operators, presence and list operators throw `Unsupported`.
 */
import type { ConditionTree, LeafCondition } from '../types.ts';
import { ColBuffer, type Kind } from './columns.ts';
import type { ColumnEnv } from './compile-formula.ts';
import { binary, constant, Unsupported, type Kernel } from './kernels.ts';

const COMPARISONS: Record<string, '<' | '<=' | '>' | '>='> = {
  lessThan: '<', lessThanInclusive: '<=', greaterThan: '>', greaterThanInclusive: '>=',
};

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A fact of a leaf: a derived value or a top-level input. */
function fact(name: string, env: ColumnEnv): Kernel {
  const d = env.derived(name);
  if (d) return d;
  const kind = env.input(name);
  return { kind, level: 'h', run: (c) => c.house.get(name) as import('./columns.ts').Col };
}

function threshold(value: unknown, env: ColumnEnv): Kernel {
  if (isObject(value) && typeof value.fact === 'string') {
    if (value.path !== undefined) throw new Unsupported('threshold fact with a path');
    return fact(value.fact, env);
  }
  if (isObject(value) && typeof value.param === 'string') {
    const slot = env.paramSlot(value.param);
    const p = slot === undefined ? undefined : env.params[slot];
    if (!p || (typeof p.value !== 'number' && typeof p.value !== 'boolean')) throw new Unsupported(`parameter ${value.param} as a threshold`);
    return constant(typeof p.value === 'number' ? 'n' : 'b', Number(p.value), 'h');
  }
  if (typeof value === 'number') return constant('n', value, 'h');
  if (typeof value === 'boolean') return constant('b', Number(value), 'h');
  throw new Unsupported(`threshold ${JSON.stringify(value)}`);
}

function leaf(cond: LeafCondition, env: ColumnEnv): Kernel {
  if (cond.path !== undefined) throw new Unsupported('fact with a path');
  if (cond.fact.startsWith('param:')) throw new Unsupported('parameter fact');
  const a = fact(cond.fact, env);
  const b = threshold(cond.value, env);
  if (a.kind === 'd' || b.kind === 'd') throw new Unsupported('date fact');
  if (cond.operator === 'equal' || cond.operator === 'notEqual') {
    // Values of different kinds are never `===`, but an absent fact still makes the scalar outcome unknown.
    if (a.kind !== b.kind) throw new Unsupported('equality of values of different kinds');
    return binary(cond.operator === 'equal' ? '==' : '!=', a, b, 'b', 'h');
  }
  const op = COMPARISONS[cond.operator];
  if (!op) throw new Unsupported(`operator ${cond.operator}`);
  if (a.kind !== 'n' || b.kind !== 'n') throw new Unsupported('comparison of non-numbers');
  // operators.ts: numeric(a) && a op b; a NaN number fails every comparison already.
  return binary(op, a, b, 'b', 'h');
}

/**
 * `all` / `any` over children: 1 (all) or 0 (any) unless a child decides; any bad child makes the lane bad
 * (conservative: the scalar path is asked whenever a lane is not plainly decided).
 */
function combine(isAll: boolean, kids: Kernel[]): Kernel {
  const buf = new ColBuffer();
  const decisive = isAll ? 0 : 1;
  return {
    kind: 'b' as Kind,
    level: 'h',
    run(c) {
      const o = buf.at(c.n);
      o.v.fill(1 - decisive, 0, c.n);
      o.bad.fill(0, 0, c.n);
      for (const k of kids) {
        const x = k.run(c);
        for (let i = 0; i < c.n; i++) {
          o.bad[i] |= x.bad[i];
          if (x.v[i] === decisive) o.v[i] = decisive;
        }
      }
      return o;
    },
  };
}

/** Compiles a condition tree into a 0/1 kernel at household level. */
export function compileColumnConditions(tree: ConditionTree, env: ColumnEnv): Kernel {
  if (('all' in tree && tree.all.length === 0) || ('any' in tree && tree.any.length === 0)) throw new Unsupported('an empty all/any');
  if ('all' in tree) return combine(true, tree.all.map((t) => compileColumnConditions(t, env)));
  if ('any' in tree) return combine(false, tree.any.map((t) => compileColumnConditions(t, env)));
  if ('not' in tree) {
    const inner = compileColumnConditions(tree.not, env);
    const buf = new ColBuffer();
    return {
      kind: 'b',
      level: 'h',
      run(c) {
        const x = inner.run(c);
        const o = buf.at(c.n);
        for (let i = 0; i < c.n; i++) {
          o.v[i] = x.v[i] === 1 ? 0 : 1;
          o.bad[i] = x.bad[i];
        }
        return o;
      },
    };
  }
  return leaf(tree as LeafCondition, env);
}
