/**
 * The one interpreter of the condition format (docs/design.md §1 "Eligibility rules"): `all` / `any` / `not` over
 * leaves `{ fact, operator, value, path? }`, three-valued, with the operator meaning of `engine/operators.ts`.
 * Workflow guards and the pages' `showWhen` use it directly; the compiled forms (`compile.ts`, the columnar
 * kernels) give the same outcome, which `tests/engine/conformance/conditions.json` checks on every evaluator.
 */
import type { ConditionTree, LeafCondition, MemberCondition } from '../types.ts';
import { decideLeaf, decideMembers, isMemberInnerOperator, isOperator, MEMBER_OPERATORS, OPERATORS } from '../operators.ts';
import { UNKNOWN, type Truth } from '../formula/unknown.ts';
import { parseSimplePath } from './path.ts';
import { conditionPointer, unresolvedReference } from './shared.ts';

/** The outcome of a condition: it holds, it does not, or a fact it needs is missing. */
export type ConditionOutcome = 'pass' | 'fail' | 'unknown';

/** Outcome names by truth code (0 fail, 1 pass, 2 unknown). */
export const CONDITION_OUTCOMES: readonly ConditionOutcome[] = Object.freeze(['fail', 'pass', 'unknown']);

/** Where the interpreter finds facts and parameters; `undefined` or `null` means missing (unknown). */
export interface ConditionFacts {
  facts: Readonly<Record<string, unknown>>;
  /** A parameter's scalar value; absent (or returning undefined) makes `{ param }` and `param:` facts unknown. */
  param?: (name: string) => unknown;
}

/** A problem in a condition tree found before evaluating it: where (JSON Pointer) and what. */
export interface ConditionProblem {
  pointer: string;
  message: string;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * The problems that make a condition tree meaningless: an unknown operator, a member-wise operator without a
 * `{ field, operator, value }`, a path not of the simple form. Pointers are relative to `pointer`.
 */
export function checkCondition(tree: ConditionTree, pointer = ''): ConditionProblem[] {
  const out: ConditionProblem[] = [];
  const walk = (node: ConditionTree, where: string): void => {
    const at = conditionPointer(node, where);
    if ('condition' in node) {
      out.push({ pointer: `${at}/condition`, message: `The shared condition "${node.condition}" was not resolved; normalize the program first.` });
      return;
    }
    if ('all' in node) return node.all.forEach((c, i) => walk(c, `${at}/all/${i}`));
    if ('any' in node) return node.any.forEach((c, i) => walk(c, `${at}/any/${i}`));
    if ('not' in node) return walk(node.not, `${at}/not`);
    const leaf = node as LeafCondition;
    if (!isOperator(leaf.operator)) {
      out.push({ pointer: `${at}/operator`, message: `Unknown operator "${leaf.operator}"; use one of: ${Object.keys(OPERATORS).join(', ')}.` });
    } else if (MEMBER_OPERATORS.includes(leaf.operator)) {
      const v = leaf.value as unknown;
      if (!isObject(v) || typeof v.field !== 'string' || typeof v.operator !== 'string') {
        out.push({ pointer: `${at}/value`, message: `"${leaf.operator}" needs a value like { "field": "receivesSSI", "operator": "equal", "value": true }.` });
      } else if (!isMemberInnerOperator(v.operator)) {
        out.push({ pointer: `${at}/value/operator`, message: `Unknown member operator "${v.operator}"; use a non-member operator such as "equal".` });
      }
    }
    for (const [key, path] of [['path', leaf.path], ['value/path', isObject(leaf.value) ? (leaf.value as Record<string, unknown>).path : undefined]] as const) {
      if (typeof path !== 'string') continue;
      try {
        parseSimplePath(path);
      } catch (e) {
        out.push({ pointer: `${at}/${key}`, message: (e as Error).message });
      }
    }
  };
  walk(tree, pointer);
  return out;
}

/** Reads a fact (`name` or `param:<name>`) and its optional path; UNKNOWN when missing. */
function read(fact: string, path: string | undefined, env: ConditionFacts): unknown {
  let v: unknown = fact.startsWith('param:') ? env.param?.(fact.slice('param:'.length)) : env.facts[fact];
  if (path !== undefined) {
    for (const segment of parseSimplePath(path)) {
      if (v === undefined || v === null) break;
      v = typeof v === 'object' ? (v as Record<string, unknown>)[segment] : undefined;
    }
  }
  return v === undefined || v === null ? UNKNOWN : v;
}

function threshold(value: unknown, env: ConditionFacts): unknown {
  if (isObject(value) && typeof value.fact === 'string') return read(value.fact, value.path as string | undefined, env);
  if (isObject(value) && typeof value.param === 'string') {
    const p = env.param?.(value.param);
    return p === undefined || p === null ? UNKNOWN : p;
  }
  return value;
}

/** The truth code (0 fail, 1 pass, 2 unknown) of a condition tree over facts; throws on a tree `checkCondition` refuses. */
export function conditionTruth(tree: ConditionTree, env: ConditionFacts): Truth {
  if ('all' in tree || 'any' in tree) {
    const isAll = 'all' in tree;
    const kids = isAll ? tree.all : (tree as { any: ConditionTree[] }).any;
    const decisive: Truth = isAll ? 0 : 1;
    let unknown = false;
    for (const kid of kids) {
      const t = conditionTruth(kid, env);
      if (t === decisive) return decisive;
      if (t === 2) unknown = true;
    }
    return unknown ? 2 : isAll ? 1 : 0;
  }
  if ('not' in tree) {
    const t = conditionTruth(tree.not, env);
    return t === 2 ? 2 : t === 1 ? 0 : 1;
  }
  if ('condition' in tree) throw unresolvedReference(tree.condition, '');
  const leaf = tree;
  const problems = checkCondition(leaf);
  if (problems.length > 0) throw new Error(problems[0].message);
  const fact = read(leaf.fact, leaf.path, env);
  if (MEMBER_OPERATORS.includes(leaf.operator)) {
    const m = leaf.value as MemberCondition;
    const value = threshold(m.value, env);
    // A member value given by a missing parameter leaves every member unknown (an empty list is still decided).
    if (value === UNKNOWN && Array.isArray(fact) && fact.length > 0) return 2;
    return decideMembers(leaf.operator, fact, { field: m.field, operator: m.operator, value }, null, null);
  }
  return decideLeaf(leaf.operator, fact, threshold(leaf.value, env));
}

/** The outcome (`pass`, `fail`, `unknown`) of a condition tree over facts. */
export function decideCondition(tree: ConditionTree, env: ConditionFacts): ConditionOutcome {
  return CONDITION_OUTCOMES[conditionTruth(tree, env)];
}
