/**
 * The one interpreter of the condition format (docs/design.md §1 "Eligibility rules"): `all` / `any` / `not` over
 * leaves `{ fact, operator, value, path? }`, three-valued, with the operator meaning of `engine/languages/conditions/operators.ts`.
 * Workflow guards and the pages' `showWhen` use it directly; the compiled forms (`compile.ts`, the columnar
 * kernels) give the same outcome, which `tests/engine/conformance/conditions.json` checks on every evaluator.
 */
import type { ConditionTree, LeafCondition, MemberCondition } from '../../format/types.ts';
import { decideLeaf, decideMembers, isMemberInnerOperator, isOperator, MEMBER_OPERATORS, OPERATORS } from './operators.ts';
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

/**
 * A problem in a condition tree found before evaluating it: where (JSON Pointer), which diagnostic code of
 * `engine/messages/definition.ts` names it (with its params), and a plain message for callers without the message table.
 */
export interface ConditionProblem {
  pointer: string;
  code:
    | 'condition.unknown-operator'
    | 'condition.member-value'
    | 'condition.member-operator-nested'
    | 'condition.bad-path'
    | 'condition.unknown-shared';
  params: Record<string, unknown>;
  message: string;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * The problems that make a condition tree meaningless, the one definition of a valid condition (validation reports
 * them as diagnostics, `engine/validate/references.ts`): an unknown operator, a member-wise operator without a
 * `{ field, operator, value }`, a member-wise operator nested in another, a path not of the simple form. Pointers
 * are relative to `pointer`.
 */
export function checkCondition(tree: ConditionTree, pointer = ''): ConditionProblem[] {
  const out: ConditionProblem[] = [];
  const available = Object.keys(OPERATORS);
  const walk = (node: ConditionTree, where: string): void => {
    // A node resolved from a shared condition is checked where it is written (`/conditions/<name>/…`).
    const at = conditionPointer(node, where);
    if ('condition' in node) {
      out.push({
        pointer: `${at}/condition`,
        code: 'condition.unknown-shared',
        params: { name: node.condition, available: [] },
        message: `The shared condition "${node.condition}" was not resolved; normalize the program first.`,
      });
    } else if ('all' in node) node.all.forEach((c, i) => walk(c, `${at}/all/${i}`));
    else if ('any' in node) node.any.forEach((c, i) => walk(c, `${at}/any/${i}`));
    else if ('not' in node) walk(node.not, `${at}/not`);
    else checkLeaf(node as LeafCondition, at);
  };
  const checkLeaf = (leaf: LeafCondition, at: string): void => {
    if (!isOperator(leaf.operator)) {
      out.push({
        pointer: `${at}/operator`,
        code: 'condition.unknown-operator',
        params: { name: leaf.operator, available },
        message: `Unknown operator "${leaf.operator}"; use one of: ${available.join(', ')}.`,
      });
    } else if (MEMBER_OPERATORS.includes(leaf.operator)) {
      const v = leaf.value as unknown;
      if (!isObject(v) || typeof v.field !== 'string' || typeof v.operator !== 'string') {
        out.push({
          pointer: `${at}/value`,
          code: 'condition.member-value',
          params: { name: leaf.operator },
          message: `"${leaf.operator}" needs a value like { "field": "receivesSSI", "operator": "equal", "value": true }.`,
        });
      } else if (MEMBER_OPERATORS.includes(v.operator)) {
        out.push({
          pointer: `${at}/value/operator`,
          code: 'condition.member-operator-nested',
          params: { name: v.operator },
          message: `The member operator "${v.operator}" cannot be nested in a member condition; use a non-member operator such as "equal".`,
        });
      } else if (!isMemberInnerOperator(v.operator)) {
        out.push({
          pointer: `${at}/value/operator`,
          code: 'condition.unknown-operator',
          params: { name: v.operator, available },
          message: `Unknown member operator "${v.operator}"; use a non-member operator such as "equal".`,
        });
      }
    }
    for (const [key, path] of [
      ['path', leaf.path],
      ['value/path', isObject(leaf.value) ? (leaf.value as Record<string, unknown>).path : undefined],
    ] as const) {
      if (typeof path !== 'string') continue;
      try {
        parseSimplePath(path);
      } catch (e) {
        out.push({ pointer: `${at}/${key}`, code: 'condition.bad-path', params: { path }, message: (e as Error).message });
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

/** The truth code of one leaf over facts (the leaf must be one `checkCondition` accepts). */
export function leafTruth(leaf: LeafCondition, env: ConditionFacts): Truth {
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

/**
 * The three-valued meaning of `all` / `any` / `not` (Kleene logic): the truth of a tree from the truths of its
 * leaves. `all` fails when a child fails, else is unknown when a child is unknown, else passes; `any` is its dual;
 * `not` swaps pass and fail and keeps unknown. Without `visit` it stops at the first deciding child; with it, every
 * node is decided (the outcome is the same) and `visit` receives each node's pointer (below `pointer`), node and
 * truth, children before their parent.
 */
export function foldCondition(
  tree: ConditionTree,
  leaf: (leaf: LeafCondition, pointer: string) => Truth,
  pointer = '',
  visit?: (pointer: string, node: ConditionTree, truth: Truth) => void,
): Truth {
  let t: Truth;
  if ('all' in tree || 'any' in tree) {
    const isAll = 'all' in tree;
    const key = isAll ? 'all' : 'any';
    const kids = isAll ? tree.all : (tree as { any: ConditionTree[] }).any;
    const decisive: Truth = isAll ? 0 : 1;
    let unknown = false;
    let decided = false;
    for (let i = 0; i < kids.length; i++) {
      const k = foldCondition(kids[i], leaf, visit ? `${pointer}/${key}/${i}` : pointer, visit);
      if (k === decisive) {
        decided = true;
        if (!visit) break;
      } else if (k === 2) unknown = true;
    }
    t = decided ? decisive : unknown ? 2 : isAll ? 1 : 0;
  } else if ('not' in tree) {
    const k = foldCondition(tree.not, leaf, visit ? `${pointer}/not` : pointer, visit);
    t = k === 2 ? 2 : k === 1 ? 0 : 1;
  } else if ('condition' in tree) {
    throw unresolvedReference(tree.condition, pointer);
  } else {
    t = leaf(tree as LeafCondition, pointer);
  }
  visit?.(pointer, tree, t);
  return t;
}

/**
 * The truth code (0 fail, 1 pass, 2 unknown) of a condition tree over facts. The tree must be one `checkCondition`
 * accepts: validation checks every condition of a program once, at the door, so evaluations do not repeat it (an
 * unchecked tree with an unknown operator throws, naming it).
 */
export function conditionTruth(tree: ConditionTree, env: ConditionFacts): Truth {
  return foldCondition(tree, (leaf) => leafTruth(leaf, env));
}

/** The outcome (`pass`, `fail`, `unknown`) of a condition tree over facts. */
export function decideCondition(tree: ConditionTree, env: ConditionFacts): ConditionOutcome {
  return CONDITION_OUTCOMES[conditionTruth(tree, env)];
}
