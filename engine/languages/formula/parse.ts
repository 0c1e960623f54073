/**
 * Parsing of formula text into a checked syntax tree. Uses `jsep` (with its ternary support and the arrow plugin)
 * and then rejects every construct the formula language does not have, so that the compiler and the analyzer only
 * ever see the documented subset (docs/design.md §1 "Derived values").
 */
import jsep from 'jsep';
import jsepArrow from '@jsep-plugin/arrow';
import { FUNCTION_ARITY, LAMBDA_FUNCTIONS } from './functions.ts';

jsep.plugins.register(jsepArrow);

/** A node of the parsed formula (jsep's tree shape). */
export type FormulaNode = jsep.Expression;

/** A problem in formula text: what is wrong and the character index where it was found. */
export interface FormulaError {
  message: string;
  index: number;
}

/** The result of parsing: a tree that uses only the documented language, or the first error found. */
export type ParseResult = { ok: true; ast: FormulaNode } | { ok: false; error: FormulaError };

/** Binary operators of the formula language. */
export const BINARY_OPERATORS: ReadonlySet<string> = new Set(['+', '-', '*', '/', '%', '==', '!=', '<', '<=', '>', '>=', '&&', '||']);
/** Unary operators of the formula language. */
export const UNARY_OPERATORS: ReadonlySet<string> = new Set(['!', '-', '+']);

const OPERATOR_HINTS: Record<string, string> = {
  '===': 'use == instead',
  '!==': 'use != instead',
  '&': 'use && for "and"',
  '|': 'use || for "or"',
};

/** Finds where `needle` first occurs in the text, for error positions (jsep nodes carry no positions). */
function indexOf(text: string, needle: string, fallback = 0): number {
  const at = text.indexOf(needle);
  return at >= 0 ? at : fallback;
}

class FormulaSyntaxError extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
  }
}

/** Parses formula text; never throws. Errors name the construct and how to write it instead. */
export function parseFormula(text: string): ParseResult {
  if (typeof text !== 'string' || text.trim() === '') {
    return { ok: false, error: { message: 'The formula is empty; write an expression such as "count(members)".', index: 0 } };
  }
  let ast: FormulaNode;
  try {
    ast = jsep(text);
  } catch (err) {
    const e = err as Error & { index?: number; description?: string };
    return { ok: false, error: { message: `Formula syntax error: ${e.description ?? e.message}.`, index: e.index ?? 0 } };
  }
  try {
    check(ast, text, false);
  } catch (err) {
    if (err instanceof FormulaSyntaxError) return { ok: false, error: { message: err.message, index: err.index } };
    throw err;
  }
  return { ok: true, ast };
}

function check(node: FormulaNode, text: string, lambdaAllowed: boolean): void {
  switch (node.type) {
    case 'Literal':
      if (node.value instanceof RegExp) throw new FormulaSyntaxError('Regular expressions are not part of the formula language.', indexOf(text, '/'));
      return;
    case 'Identifier':
      return;
    case 'MemberExpression': {
      check(node.object as FormulaNode, text, false);
      if (node.computed) check(node.property as FormulaNode, text, false);
      else if ((node.property as FormulaNode).type !== 'Identifier') {
        throw new FormulaSyntaxError('A property name must follow ".".', indexOf(text, '.'));
      }
      return;
    }
    case 'BinaryExpression': {
      const op = node.operator as string;
      if (op === '=>')
        throw new FormulaSyntaxError('An arrow lambda "m => …" may only be an argument of sum, count, any or all.', indexOf(text, '=>'));
      if (!BINARY_OPERATORS.has(op)) {
        const hint = OPERATOR_HINTS[op] ? `; ${OPERATOR_HINTS[op]}` : '';
        throw new FormulaSyntaxError(`The operator "${op}" is not part of the formula language${hint}.`, indexOf(text, op));
      }
      check(node.left as FormulaNode, text, false);
      check(node.right as FormulaNode, text, false);
      return;
    }
    case 'UnaryExpression': {
      const op = node.operator as string;
      if (!UNARY_OPERATORS.has(op)) throw new FormulaSyntaxError(`The operator "${op}" is not part of the formula language.`, indexOf(text, op));
      check(node.argument as FormulaNode, text, false);
      return;
    }
    case 'ConditionalExpression':
      check(node.test as FormulaNode, text, false);
      check(node.consequent as FormulaNode, text, false);
      check(node.alternate as FormulaNode, text, false);
      return;
    case 'ArrayExpression':
      for (const el of node.elements as (FormulaNode | null)[]) {
        if (!el) throw new FormulaSyntaxError('A list literal has an empty element; remove the extra comma.', indexOf(text, ',,'));
        check(el, text, false);
      }
      return;
    case 'ArrowFunctionExpression': {
      if (!lambdaAllowed)
        throw new FormulaSyntaxError('An arrow lambda "m => …" may only be the second argument of sum, count, any or all.', indexOf(text, '=>'));
      const params = (node.params ?? []) as FormulaNode[];
      if (params.length !== 1 || params[0].type !== 'Identifier') {
        throw new FormulaSyntaxError('A lambda takes exactly one parameter, as in "m => m.earnedIncome".', indexOf(text, '=>'));
      }
      check(node.body as FormulaNode, text, false);
      return;
    }
    case 'CallExpression': {
      const callee = node.callee as FormulaNode;
      if (callee.type !== 'Identifier')
        throw new FormulaSyntaxError(
          'Only the named functions of the formula language can be called, as in "sum(members, m => m.income)".',
          indexOf(text, '('),
        );
      const name = callee.name as string;
      const arity = FUNCTION_ARITY[name];
      const at = indexOf(text, `${name}(`, indexOf(text, name));
      if (!arity) throw new FormulaSyntaxError(`Unknown function "${name}"; the functions are: ${Object.keys(FUNCTION_ARITY).join(', ')}.`, at);
      const args = node.arguments as FormulaNode[];
      if (args.length < arity[0] || args.length > arity[1]) {
        const want = arity[0] === arity[1] ? `${arity[0]}` : arity[1] === Infinity ? `at least ${arity[0]}` : `${arity[0]} or ${arity[1]}`;
        throw new FormulaSyntaxError(`${name}() takes ${want} argument(s) but was given ${args.length}.`, at);
      }
      if (name === 'param' && !(args[0].type === 'Literal' && typeof args[0].value === 'string')) {
        throw new FormulaSyntaxError(
          "The first argument of param() must be the parameter name in quotes, as in param('max_allotment', householdSize).",
          at,
        );
      }
      if ((name === 'any' || name === 'all') && args[1].type !== 'ArrowFunctionExpression') {
        throw new FormulaSyntaxError(`The second argument of ${name}() must be a lambda, as in ${name}(members, m => m.age >= 60).`, at);
      }
      args.forEach((arg, i) => check(arg, text, i === 1 && LAMBDA_FUNCTIONS.has(name)));
      return;
    }
    case 'Compound':
      throw new FormulaSyntaxError('A formula is one expression; remove the extra comma or split it into two derived values.', indexOf(text, ','));
    default:
      throw new FormulaSyntaxError(`"${node.type}" is not part of the formula language.`, 0);
  }
}
