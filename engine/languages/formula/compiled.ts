/**
 * What the formula compiler (`compile.ts`) and the functions it compiles calls to (`builtins.ts`) share: the
 * compiled expression, the names a formula may use, the compile error, and the number check. The builtins get the
 * node compiler as an argument (`CompileNode`), so neither file imports the other's closures and the two do not
 * import each other.
 */
import type { FormulaNode } from './parse.ts';
import type { EvalContext, PathFn } from './context.ts';
import { FormulaEvalError } from './dates.ts';

/** A compiled expression: its value, and (for values read from the input) how to name where it was read. */
export interface CompiledExpr {
  ev: (ctx: EvalContext) => unknown;
  path: PathFn | null;
}

/** What the compiler needs to know about the names a formula may use. */
export interface FormulaEnv {
  /** Slot of a derived value, or undefined when `name` is not one. */
  derivedSlot(name: string): number | undefined;
  /** Slot of a parameter; undefined when the program has no such parameter. */
  paramSlot(name: string): number | undefined;
  /** Allocates a slot for a lambda parameter. */
  nextLocal(): number;
}

/** A formula that cannot be compiled (syntax, or a name the program does not define). */
export class FormulaCompileError extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
  }
}

/** Local names in scope (lambda parameters) → their slots. */
export type Scope = ReadonlyMap<string, number>;

/** Compiles one node of a formula tree in a scope; what `compile.ts` hands the builtins for their arguments. */
export type CompileNode = (node: FormulaNode, env: FormulaEnv, scope: Scope) => CompiledExpr;

/** Reads a value for a number operation, or throws naming what was found instead. */
export function num(v: unknown, what: string): number {
  if (typeof v !== 'number') throw new FormulaEvalError(`${what} needs a number but got ${JSON.stringify(v)}`);
  return v;
}
