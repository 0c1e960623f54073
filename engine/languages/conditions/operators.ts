/**
 * The condition operators of eligibility rules, registered by name (docs/design.md §1 "Eligibility rules").
 *
 * Each implementation is the two-valued predicate `(factValue, compareValue) => boolean` with exactly the
 * semantics json-rules-engine gives its built-ins, so the same functions can be registered with
 * json-rules-engine (`engine/tools/json-rules-engine.ts`). `decideLeaf` and `decideMembers` below add Mandate's three-valued handling
 * of missing values once, for every evaluator: the interpreter (`engine/languages/conditions/interpret.ts`, used by workflow
 * guards and the pages' `showWhen`), the compiled fast and traced forms (`engine/languages/conditions/compile.ts`) and the
 * columnar kernels (`engine/evaluate/columnar/compile-conditions.ts`, which compile the operators whose table entry has a
 * lane reading).
 */
import { UNKNOWN, type Truth } from '../formula/unknown.ts';

/** A two-valued operator implementation. */
export type OperatorFn = (factValue: unknown, compareValue: unknown) => boolean;

/** The value of a member-wise operator once its `{ param }` (if any) is resolved. */
export interface ResolvedMemberCondition {
  field: string;
  operator: string;
  value: unknown;
}

/** json-rules-engine's number check: `parseFloat` must yield a number (so ISO dates pass, as they do there). */
function numeric(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isNaN(value);
  return !Number.isNaN(Number.parseFloat(value as string));
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;
/** True when both values are ISO date strings (comparable as text). */
function dates(a: unknown, b: unknown): boolean {
  return typeof a === 'string' && typeof b === 'string' && ISO_DATE.test(a) && ISO_DATE.test(b);
}

function indexIn(list: unknown, item: unknown): number {
  return Array.isArray(list) || typeof list === 'string' ? (list as unknown[]).indexOf(item as never) : -1;
}

/** Names of the operators whose fact is a list of objects and whose value is a `MemberCondition`. */
export const MEMBER_OPERATORS: readonly string[] = Object.freeze(['anyMember', 'allMembers', 'noMember']);

/** Operators that decide on a missing fact instead of being unknown. */
export const PRESENCE_OPERATORS: readonly string[] = Object.freeze(['isSet', 'isNotSet']);

function memberTest(member: unknown, cond: ResolvedMemberCondition): boolean {
  const op = OPERATORS[cond.operator];
  if (!op || MEMBER_OPERATORS.includes(cond.operator)) return false;
  const value = member !== null && typeof member === 'object' ? (member as Record<string, unknown>)[cond.field] : undefined;
  if ((value === undefined || value === null) && !PRESENCE_OPERATORS.includes(cond.operator)) return false;
  return op(value, cond.value);
}

/**
 * How an operator reads on typed number columns (the columnar kernels, `engine/evaluate/columnar/compile-conditions.ts`):
 * the lane comparison `compare` gives the operator's verdict whenever both operands are numbers (`operands:
 * 'numbers'`), or both numbers or both booleans taken as 0/1 (`'same-kind'`). `tests/engine/conformance.test.ts`
 * checks each reading against the operator's `test` on a grid of values.
 */
export interface LaneReading {
  compare: '<' | '<=' | '>' | '>=' | '==' | '!=';
  operands: 'numbers' | 'same-kind';
}

/** One operator: its two-valued test and, when typed columns can compute it, its lane reading. */
export interface OperatorEntry {
  test: OperatorFn;
  lanes?: LaneReading;
}

const onNumbers = (compare: LaneReading['compare']): LaneReading => ({ compare, operands: 'numbers' });
const onSameKind = (compare: LaneReading['compare']): LaneReading => ({ compare, operands: 'same-kind' });

/** The operator table: every operator name a rule condition may use, the one source of its meaning. */
export const OPERATOR_TABLE: Readonly<Record<string, OperatorEntry>> = Object.freeze({
  equal: { test: (a, b) => a === b, lanes: onSameKind('==') },
  notEqual: { test: (a, b) => a !== b, lanes: onSameKind('!=') },
  // numeric(a) is true for every number but NaN, and a NaN lane fails every comparison already.
  lessThan: { test: (a, b) => numeric(a) && (a as number) < (b as number), lanes: onNumbers('<') },
  lessThanInclusive: { test: (a, b) => numeric(a) && (a as number) <= (b as number), lanes: onNumbers('<=') },
  greaterThan: { test: (a, b) => numeric(a) && (a as number) > (b as number), lanes: onNumbers('>') },
  greaterThanInclusive: { test: (a, b) => numeric(a) && (a as number) >= (b as number), lanes: onNumbers('>=') },
  in: { test: (a, b) => indexIn(b, a) > -1 },
  notIn: { test: (a, b) => indexIn(b, a) === -1 },
  contains: { test: (a, b) => Array.isArray(a) && a.indexOf(b) > -1 },
  doesNotContain: { test: (a, b) => Array.isArray(a) && a.indexOf(b) === -1 },
  isSet: { test: (a) => a !== undefined && a !== null },
  isNotSet: { test: (a) => a === undefined || a === null },
  dateOnOrBefore: { test: (a, b) => dates(a, b) && (a as string).slice(0, 10) <= (b as string).slice(0, 10) },
  dateOnOrAfter: { test: (a, b) => dates(a, b) && (a as string).slice(0, 10) >= (b as string).slice(0, 10) },
  dateBefore: { test: (a, b) => dates(a, b) && (a as string).slice(0, 10) < (b as string).slice(0, 10) },
  dateAfter: { test: (a, b) => dates(a, b) && (a as string).slice(0, 10) > (b as string).slice(0, 10) },
  inList: { test: (a, b) => typeof a === 'string' && Array.isArray(b) && b.indexOf(a) > -1 },
  anyMember: { test: (a, b) => Array.isArray(a) && a.some((m) => memberTest(m, b as ResolvedMemberCondition)) },
  allMembers: { test: (a, b) => Array.isArray(a) && a.every((m) => memberTest(m, b as ResolvedMemberCondition)) },
  noMember: { test: (a, b) => Array.isArray(a) && !a.some((m) => memberTest(m, b as ResolvedMemberCondition)) },
} satisfies Record<string, OperatorEntry>);

/** Every operator name with its two-valued test (the table's `test` column; json-rules-engine registers these). */
export const OPERATORS: Readonly<Record<string, OperatorFn>> = Object.freeze(
  Object.fromEntries(Object.entries(OPERATOR_TABLE).map(([name, entry]) => [name, entry.test])),
);

/** True when `name` is a registered operator. */
export function isOperator(name: string): boolean {
  return Object.hasOwn(OPERATORS, name);
}

/**
 * The three-valued outcome of a (non-member) operator on a fact value and a threshold, either of which may be
 * `UNKNOWN` (missing): presence operators decide on a missing fact; every other operator is unknown (2) when either
 * side is missing, else the table's verdict (1 pass, 0 fail).
 */
export function decideLeaf(operator: string, fact: unknown, threshold: unknown): Truth {
  const op = OPERATORS[operator];
  if (op === undefined) throw new Error(`Unknown operator "${operator}"; use one of: ${Object.keys(OPERATORS).join(', ')}.`);
  if (PRESENCE_OPERATORS.includes(operator)) return op(fact === UNKNOWN ? undefined : fact, threshold) ? 1 : 0;
  return decideComparison(op, fact, threshold);
}

/** `decideLeaf` for a non-presence operator already looked up in the table (the compiled forms' hot path). */
export function decideComparison(op: OperatorFn, fact: unknown, threshold: unknown): Truth {
  if (fact === UNKNOWN || threshold === UNKNOWN) return 2;
  return op(fact, threshold) ? 1 : 0;
}

/**
 * The three-valued outcome of a member-wise operator (`anyMember`, `allMembers`, `noMember`) on a list of members:
 * a member whose `field` is absent or null is unknown (unless the inner operator is a presence operator); a list
 * that is not an array fails; the outcome is unknown only when the unknown members could change it. Each unknown
 * member's pointer (`listPointer/i/field`) is pushed on `missing` when both are given; the caller drops them when
 * the outcome is decided.
 */
export function decideMembers(
  operator: string,
  list: unknown,
  cond: ResolvedMemberCondition,
  missing: string[] | null,
  listPointer: string | null,
): Truth {
  if (list === UNKNOWN) return 2;
  if (!Array.isArray(list)) return 0;
  const inner = OPERATORS[cond.operator];
  if (inner === undefined || MEMBER_OPERATORS.includes(cond.operator))
    throw new Error(`"${cond.operator}" cannot test each member; use a non-member operator such as "equal".`);
  const presence = PRESENCE_OPERATORS.includes(cond.operator);
  const any = operator !== 'allMembers';
  let unknown = false;
  let decided = false;
  for (let i = 0; i < list.length; i++) {
    const m = list[i];
    const v = m !== null && typeof m === 'object' ? (m as Record<string, unknown>)[cond.field] : undefined;
    if ((v === undefined || v === null) && !presence) {
      unknown = true;
      if (missing !== null && listPointer !== null) missing.push(`${listPointer}/${i}/${cond.field.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      continue;
    }
    if (inner(v ?? undefined, cond.value) === any) {
      decided = true;
      break;
    }
  }
  let result: Truth = decided ? (any ? 1 : 0) : unknown ? 2 : any ? 0 : 1;
  if (operator === 'noMember' && result !== 2) result = result === 1 ? 0 : 1;
  return result;
}

/** True when `name` may be the inner operator of a member-wise condition. */
export function isMemberInnerOperator(name: string): boolean {
  return isOperator(name) && !MEMBER_OPERATORS.includes(name);
}
