/**
 * The "unknown" value of Mandate's three-valued evaluation: what a formula or condition yields when an input it
 * needs is missing. It is a unique frozen object, so `value === UNKNOWN` is the only test needed.
 */

/** The sentinel for an unknown value; propagates through arithmetic and comparisons. */
export const UNKNOWN: { readonly unknown: true } = Object.freeze({ unknown: true as const });

/** The type of the unknown sentinel. */
export type Unknown = typeof UNKNOWN;

/** Tri-state truth values used by compiled conditions: false, true, unknown (numbers avoid allocation). */
export const FALSE = 0;
export const TRUE = 1;
export const UNKNOWN_TRUTH = 2;
/** A tri-state truth value. */
export type Truth = 0 | 1 | 2;

/** True when a value read from the input counts as missing (absent or null). */
export function isMissing(value: unknown): boolean {
  return value === undefined || value === null;
}

/** Converts an internal value to what Mandate reports outside the engine: unknown becomes `null`. */
export function externalValue(value: unknown): unknown {
  return value === UNKNOWN ? null : value;
}
