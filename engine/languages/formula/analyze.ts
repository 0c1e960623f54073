/**
 * Static analysis of a formula: which names it reads, which functions and parameters it uses, and which numbers
 * it contains. Used by validation (unknown names, dependency cycles, bare amounts) and by the compiler.
 */
import { parseFormula, type FormulaNode } from './parse.ts';

/** What a formula refers to, and whether it parses. */
export interface FormulaAnalysis {
  ok: boolean;
  error?: { message: string; index: number };
  /** Free identifiers (inputs or derived values), in order of first use; lambda parameters excluded. */
  identifiers: string[];
  /** Functions called, in order of first use. */
  functions: string[];
  /** Literal names given as the first argument of param(). */
  params: string[];
  /** Numeric literals, in order of appearance (a negated literal is reported negative). */
  numbers: number[];
}

/** Analyzes formula text; never throws. On a syntax error the lists are empty and `error` says where. */
export function analyzeFormula(text: string): FormulaAnalysis {
  const parsed = parseFormula(text);
  const result: FormulaAnalysis = { ok: parsed.ok, identifiers: [], functions: [], params: [], numbers: [] };
  if (!parsed.ok) {
    result.error = parsed.error;
    return result;
  }
  walk(parsed.ast, new Set(), result);
  return result;
}

function addUnique(list: string[], name: string): void {
  if (!list.includes(name)) list.push(name);
}

function walk(node: FormulaNode, bound: Set<string>, out: FormulaAnalysis): void {
  switch (node.type) {
    case 'Literal':
      if (typeof node.value === 'number') out.numbers.push(node.value);
      return;
    case 'Identifier':
      if (!bound.has(node.name as string)) addUnique(out.identifiers, node.name as string);
      return;
    case 'MemberExpression':
      walk(node.object as FormulaNode, bound, out);
      if (node.computed) walk(node.property as FormulaNode, bound, out);
      return;
    case 'BinaryExpression':
      walk(node.left as FormulaNode, bound, out);
      walk(node.right as FormulaNode, bound, out);
      return;
    case 'UnaryExpression': {
      const arg = node.argument as FormulaNode;
      if (node.operator === '-' && arg.type === 'Literal' && typeof arg.value === 'number') out.numbers.push(-arg.value);
      else walk(arg, bound, out);
      return;
    }
    case 'ConditionalExpression':
      walk(node.test as FormulaNode, bound, out);
      walk(node.consequent as FormulaNode, bound, out);
      walk(node.alternate as FormulaNode, bound, out);
      return;
    case 'ArrayExpression':
      for (const el of node.elements as FormulaNode[]) walk(el, bound, out);
      return;
    case 'ArrowFunctionExpression': {
      const inner = new Set(bound);
      for (const p of node.params as FormulaNode[]) inner.add(p.name as string);
      walk(node.body as FormulaNode, inner, out);
      return;
    }
    case 'CallExpression': {
      const name = (node.callee as FormulaNode).name as string;
      addUnique(out.functions, name);
      const args = node.arguments as FormulaNode[];
      if (name === 'param') {
        addUnique(out.params, args[0].value as string);
        for (const arg of args.slice(1)) walk(arg, bound, out);
        return;
      }
      for (const arg of args) walk(arg, bound, out);
      return;
    }
    default:
      return;
  }
}
