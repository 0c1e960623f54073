/**
 * The formula language: parse → analyze → compile. See docs/design.md §1 "Derived values".
 */
export { analyzeFormula, type FormulaAnalysis } from './analyze.ts';
export { FUNCTIONS, FUNCTION_ARITY, FUNCTION_SIGNATURES } from './functions.ts';
export { parseFormula, type FormulaError, type FormulaNode } from './parse.ts';
export { UNKNOWN, isMissing, externalValue } from './unknown.ts';
export { compileFormula } from './compile.ts';
export { FormulaCompileError, type CompiledExpr, type FormulaEnv } from './compiled.ts';
export { createContext, type EvalContext, type ParamUseRecord } from './context.ts';
export { FormulaEvalError } from './dates.ts';
