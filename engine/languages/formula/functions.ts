/**
 * The names and arities of the functions of Mandate's formula language (docs/design.md §1 "Derived values").
 * Implementations live in `engine/languages/formula/builtins.ts`; this file is the list both the analyzer and the
 * compiler check names against.
 */

/** Allowed argument counts of each formula function: [minimum, maximum] (maximum Infinity for variadic). */
export const FUNCTION_ARITY: Readonly<Record<string, readonly [number, number]>> = Object.freeze({
  param: [1, 2],
  sum: [1, 2],
  count: [1, 2],
  any: [2, 2],
  all: [2, 2],
  min: [1, Infinity],
  max: [1, Infinity],
  round: [1, 2],
  roundUp: [1, 2],
  roundDown: [1, 2],
  abs: [1, 1],
  clamp: [3, 3],
  age: [1, 1],
  ageOn: [2, 2],
  daysBetween: [2, 2],
  addDays: [2, 2],
  addMonths: [2, 2],
  dayOfMonth: [1, 1],
  daysInMonth: [1, 1],
  asOf: [0, 0],
  coalesce: [2, Infinity],
  includes: [2, 2],
  isSet: [1, 1],
});

/** How each function is called, as its documentation writes it (the studio's completion shows these). */
export const FUNCTION_SIGNATURES: Readonly<Record<keyof typeof FUNCTION_ARITY, string>> = Object.freeze({
  param: "param('name', key?)",
  sum: 'sum(list, m => value?)',
  count: 'count(list, m => test?)',
  any: 'any(list, m => test)',
  all: 'all(list, m => test)',
  min: 'min(a, b, …)',
  max: 'max(a, b, …)',
  round: 'round(x, digits?)',
  roundUp: 'roundUp(x, digits?)',
  roundDown: 'roundDown(x, digits?)',
  abs: 'abs(x)',
  clamp: 'clamp(x, lo, hi)',
  age: 'age(dateOfBirth)',
  ageOn: 'ageOn(dateOfBirth, date)',
  daysBetween: 'daysBetween(a, b)',
  addDays: 'addDays(date, n)',
  addMonths: 'addMonths(date, n)',
  dayOfMonth: 'dayOfMonth(date)',
  daysInMonth: 'daysInMonth(date)',
  asOf: 'asOf()',
  coalesce: 'coalesce(a, b, …)',
  includes: 'includes(list, x)',
  isSet: 'isSet(x)',
});

/** Every function name a formula may call. */
export const FUNCTIONS: readonly string[] = Object.freeze(Object.keys(FUNCTION_ARITY));

/** Functions whose second argument may (or must) be an arrow lambda `m => …` over the list's elements. */
export const LAMBDA_FUNCTIONS: ReadonlySet<string> = new Set(['sum', 'count', 'any', 'all']);
