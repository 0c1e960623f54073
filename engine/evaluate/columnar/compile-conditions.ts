/**
 * Compiles rule condition trees (all / any / not over leaves) into 0/1 columnar kernels. Leaves compare a derived
 * value or a top-level input with a literal, another fact or a scalar parameter, with the lane reading the operator
 * table (`engine/languages/conditions/operators.ts` `OPERATOR_TABLE`) gives the operator. Paths, dates, and operators without a lane
 * reading (member, presence, list and date operators) throw `Unsupported`.
 */
import type { ConditionTree, LeafCondition } from '../../format/types.ts';
import type { ColumnEnv } from './compile-formula.ts';
import { OPERATOR_TABLE } from '../../languages/conditions/operators.ts';
import { binary, combine, constant, houseInput, unary, Unsupported, type Kernel } from './kernels.ts';

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A fact of a leaf: a derived value or a top-level input. */
function fact(name: string, env: ColumnEnv): Kernel {
  const d = env.derived(name);
  if (d) return d;
  return houseInput(name, env.input(name));
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
  const lanes = OPERATOR_TABLE[cond.operator]?.lanes;
  if (!lanes) throw new Unsupported(`operator ${cond.operator}`);
  if (lanes.operands === 'numbers' && (a.kind !== 'n' || b.kind !== 'n')) throw new Unsupported(`${cond.operator} of non-numbers`);
  // Values of different kinds are never `===`, but an absent fact still makes the scalar outcome unknown.
  if (lanes.operands === 'same-kind' && a.kind !== b.kind) throw new Unsupported(`${cond.operator} of values of different kinds`);
  return binary(lanes.compare, a, b, 'b', 'h');
}

/** Compiles a condition tree into a 0/1 kernel at household level. */
export function compileColumnConditions(tree: ConditionTree, env: ColumnEnv): Kernel {
  if (('all' in tree && tree.all.length === 0) || ('any' in tree && tree.any.length === 0)) throw new Unsupported('an empty all/any');
  // `all` / `any`: 1 (all) or 0 (any) unless a child decides; any bad child makes the lane bad (conservative: the
  // scalar path is asked whenever a lane is not plainly decided).
  if ('all' in tree)
    return combine(
      0,
      tree.all.map((t) => compileColumnConditions(t, env)),
    );
  if ('any' in tree)
    return combine(
      1,
      tree.any.map((t) => compileColumnConditions(t, env)),
    );
  if ('not' in tree) return unary('b', compileColumnConditions(tree.not, env), 'h', 'not');
  return leaf(tree as LeafCondition, env);
}
