/**
 * Where a resolved shared condition came from. `normalize` replaces each `{ "condition": name }` by the shared
 * condition's tree and records that tree's JSON Pointer (`/conditions/<name>`) here, so that evaluators report the
 * leaves of a shared condition at the place they are written, not at the place they are used.
 */
import type { ConditionTree } from '../../format/types.ts';

const SOURCES = new WeakMap<object, string>();

/** Records that `tree` stands for the condition written at `pointer` (a shared condition). */
export function recordSource(tree: ConditionTree, pointer: string): void {
  SOURCES.set(tree, pointer);
}

/** The pointer of the condition `tree` was resolved from, or `at` (where it sits) when it is not a resolved reference. */
export function conditionPointer(tree: ConditionTree, at: string): string {
  return SOURCES.get(tree) ?? at;
}

/** An error for a `{ "condition": name }` that reached an evaluator unresolved: the program was not normalized. */
export function unresolvedReference(name: string, at: string): Error {
  return new Error(
    `${at}: the shared condition reference { "condition": ${JSON.stringify(name)} } was not resolved; pass the program through validate (normalize) first.`,
  );
}
