/**
 * Decides a page's `showWhen` in the browser: the rule-condition format (`all`/`any`/`not`, `{fact, operator,
 * value, path?}`) over the top-level answers, with three-valued logic. A page whose condition is unknown (an answer it
 * depends on is missing) is not shown. Parameters are not available in the browser and count as unknown.
 */
import type { ConditionTree, ConditionValue, LeafCondition, MemberCondition } from '../../../engine/types.ts';

type Tri = true | false | undefined;
const MISSING = Symbol('missing');

function readPath(value: unknown, path: string | undefined): unknown {
  if (!path) return value;
  let current: unknown = value;
  const parts = path.replace(/^\$\.?/, '').match(/[^.[\]]+/g) ?? [];
  for (const part of parts) {
    if (current === null || current === undefined || typeof current !== 'object') return MISSING;
    current = (current as Record<string, unknown>)[part];
  }
  return current === undefined ? MISSING : current;
}

function factValue(answers: Record<string, unknown>, fact: string, path?: string): unknown {
  if (fact.startsWith('param:')) return MISSING;
  const value = answers[fact];
  if (value === undefined || value === null || value === '') return MISSING;
  return readPath(value, path);
}

function thresholdValue(answers: Record<string, unknown>, value: ConditionValue): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    if ('fact' in value) return factValue(answers, value.fact, value.path);
    if ('param' in value) return MISSING;
  }
  return value;
}

function compare(operator: string, left: unknown, right: unknown): Tri {
  if (operator === 'isSet') return left !== MISSING;
  if (operator === 'isNotSet') return left === MISSING;
  if (left === MISSING || right === MISSING) return undefined;
  switch (operator) {
    case 'equal':
      return left === right;
    case 'notEqual':
      return left !== right;
    case 'lessThan':
      return (left as number) < (right as number);
    case 'lessThanInclusive':
      return (left as number) <= (right as number);
    case 'greaterThan':
      return (left as number) > (right as number);
    case 'greaterThanInclusive':
      return (left as number) >= (right as number);
    case 'in':
    case 'inList':
      return Array.isArray(right) ? right.includes(left) : undefined;
    case 'notIn':
      return Array.isArray(right) ? !right.includes(left) : undefined;
    case 'contains':
      return Array.isArray(left) ? left.includes(right) : undefined;
    case 'doesNotContain':
      return Array.isArray(left) ? !left.includes(right) : undefined;
    case 'dateOnOrBefore':
      return String(left) <= String(right);
    case 'dateOnOrAfter':
      return String(left) >= String(right);
    case 'dateBefore':
      return String(left) < String(right);
    case 'dateAfter':
      return String(left) > String(right);
    default:
      return undefined;
  }
}

function members(operator: string, list: unknown, condition: MemberCondition, answers: Record<string, unknown>): Tri {
  if (!Array.isArray(list)) return undefined;
  const results = list.map((member) => {
    const left =
      member && typeof member === 'object' ? (member as Record<string, unknown>)[condition.field] : undefined;
    return compare(
      condition.operator,
      left === undefined || left === null ? MISSING : left,
      thresholdValue(answers, condition.value as ConditionValue),
    );
  });
  if (operator === 'anyMember') return results.includes(true) ? true : results.includes(undefined) ? undefined : false;
  const all: Tri = results.includes(false) ? false : results.includes(undefined) ? undefined : true;
  if (operator === 'allMembers') return all;
  return results.includes(true) ? false : results.includes(undefined) ? undefined : true; // noMember
}

function leaf(condition: LeafCondition, answers: Record<string, unknown>): Tri {
  const left = factValue(answers, condition.fact, condition.path);
  if (['anyMember', 'allMembers', 'noMember'].includes(condition.operator)) {
    return left === MISSING
      ? undefined
      : members(condition.operator, left, condition.value as MemberCondition, answers);
  }
  return compare(condition.operator, left, thresholdValue(answers, condition.value));
}

function decide(tree: ConditionTree, answers: Record<string, unknown>): Tri {
  if ('all' in tree) {
    const results = tree.all.map((c) => decide(c, answers));
    return results.includes(false) ? false : results.includes(undefined) ? undefined : true;
  }
  if ('any' in tree) {
    const results = tree.any.map((c) => decide(c, answers));
    return results.includes(true) ? true : results.includes(undefined) ? undefined : false;
  }
  if ('not' in tree) {
    const result = decide(tree.not, answers);
    return result === undefined ? undefined : !result;
  }
  return leaf(tree, answers);
}

/** True when a page with this `showWhen` is shown for these answers (no condition: always shown). */
export function pageShown(showWhen: ConditionTree | undefined, answers: Record<string, unknown>): boolean {
  if (!showWhen) return true;
  return decide(showWhen, answers) === true;
}
