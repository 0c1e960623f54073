/**
 * Compiles a formula's jsep tree (never its text through eval) into columnar kernels, with static kinds. Anything
 * outside the vectorised subset — text values, nested lists, functions without a kernel, kinds that do not fit —
 * throws `Unsupported`, and the program then takes the scalar path as a whole.
 */
import { parseFormula, type FormulaNode } from '../../languages/formula/parse.ts';
import { parameterValue, type ParameterInForce } from '../parameters.ts';
import { lanes, type Chunk, type Kind, type Level, type ViewOp } from './columns.ts';
import {
  aggregate,
  binary,
  conditional,
  constant,
  extreme,
  houseInput,
  isBinaryOp,
  logical,
  memberInput,
  Out,
  toLevel,
  unary,
  Unsupported,
  type Kernel,
} from './kernels.ts';
import { tableLookup, tableLookupSmall } from './loops.ts';

/** What the formula compiler needs to know about the program and records about the inputs it reads. */
export interface ColumnEnv {
  /** Kernel of an already compiled derived value, or undefined when `name` is not a derived value. */
  derived(name: string): Kernel | undefined;
  /** Kind of a top-level input (records that it must be extracted); throws Unsupported for other types. */
  input(name: string): Kind;
  /** Whether top-level input `name` is declared as a list of objects (a member list). */
  isObjectList(name: string): boolean;
  /** Kind of a field of the members of list `list` (records both); throws Unsupported when not supported. */
  memberField(list: string, field: string): Kind;
  paramSlot(name: string): number | undefined;
  /**
   * A column computed from top-level input `name` at extraction (records it): `set` is 1 where the answer is
   * present (neither absent nor null; never bad), `count` the length of a list answer and `has` whether the list
   * holds `value` (both bad where the answer is not a list), `eq` whether the answer is `value` (`===`, bad where
   * it is absent or null). Throws Unsupported when the form does not fit.
   */
  view(name: string, op: ViewOp, value?: string | number): Kernel;
  /** Parameters in force on the batch's as-of date. */
  params: readonly (ParameterInForce | undefined)[];
  /** The as-of date as yyyymmdd (for `age`). */
  asOfKey: number;
  /** Columns already computed per chunk, by value number (one per plan). */
  shared: SharedValues;
}

/**
 * Value numbers of household-level expressions: two expressions with the same number compute the same column
 * (the same operations on the same operands, a derived value standing for its formula). Where a part of a later
 * formula has the number of a derived value's formula — a benefit formula repeating derived values, a minimum
 * condition equal to a derived value — the compiler reads that value's column, computed once per chunk, instead of
 * computing it again; the column is the same, bit for bit and bad lane for bad lane.
 */
export class SharedValues {
  private readonly numbers = new Map<string, number>();
  private readonly byNode = new WeakMap<FormulaNode, number>();
  private readonly derivedNumbers = new Map<string, number>();
  private readonly columns = new Map<number, Kernel>();

  /** The value number of an expression. */
  numberOf(n: FormulaNode): number {
    const known = this.byNode.get(n);
    if (known !== undefined) return known;
    const key = this.keyOf(n);
    let id = typeof key === 'number' ? key : this.numbers.get(key);
    if (id === undefined) this.numbers.set(key as string, (id = this.numbers.size));
    this.byNode.set(n, id);
    return id;
  }

  /** The column computed per chunk for value number `id`, if any. */
  column(id: number): Kernel | undefined {
    return this.columns.get(id);
  }

  /** Records that derived value `name`, computed by formula `text`, is read through `reader`. */
  derived(name: string, text: string, reader: Kernel): void {
    const parsed = parseFormula(text);
    if (!parsed.ok) return;
    const id = this.numberOf(parsed.ast);
    this.derivedNumbers.set(name, id);
    this.columns.set(id, reader);
  }

  private keyOf(n: FormulaNode): string | number {
    const kids = (list: unknown[]): string => list.map((k) => this.numberOf(k as FormulaNode)).join(',');
    const name = (k: unknown): string => ((k as FormulaNode).type === 'Identifier' ? ((k as FormulaNode).name as string) : '?');
    switch (n.type) {
      case 'Literal':
        return `L${typeof n.value}:${String(n.value)}`;
      case 'Identifier':
        // A value: a derived value stands for its formula. (Names in other roles are keyed by name below.)
        return this.derivedNumbers.get(n.name as string) ?? `I:${n.name as string}`;
      case 'MemberExpression':
        return n.computed ? `X${this.numbers.size}` : `M:${name(n.object)}.${name(n.property)}`;
      case 'UnaryExpression':
        return `U${n.operator as string}(${kids([n.argument])})`;
      case 'BinaryExpression':
        return `B${n.operator as string}(${kids([n.left, n.right])})`;
      case 'ConditionalExpression':
        return `?(${kids([n.test, n.consequent, n.alternate])})`;
      case 'CallExpression':
        return `C:${name(n.callee)}(${kids(n.arguments as unknown[])})`;
      case 'ArrowFunctionExpression':
        return `A:${((n.params as unknown[] | undefined) ?? []).map(name).join(',')}(${kids([n.body])})`;
      default:
        // Not compiled anyway: a number of its own, equal to nothing else.
        return `X${this.numbers.size}`;
    }
  }
}

/** The lambda in scope: its parameter's name and the list it ranges over. */
interface Scope {
  local: string;
  list: string;
}

/** Parses and compiles formula text at household level. */
export function compileColumnFormula(text: string, env: ColumnEnv): Kernel {
  const parsed = parseFormula(text);
  if (!parsed.ok) throw new Unsupported(parsed.error.message);
  return node(parsed.ast, env, null);
}

function kindOfValue(v: unknown): Kind {
  if (typeof v === 'number') return 'n';
  if (typeof v === 'boolean') return 'b';
  throw new Unsupported(`value ${JSON.stringify(v)} is not a number or boolean`);
}

function expect(k: Kernel, kind: Kind): Kernel {
  if (k.kind !== kind) throw new Unsupported(`expected kind ${kind}, got ${k.kind}`);
  return k;
}

function node(n: FormulaNode, env: ColumnEnv, scope: Scope | null): Kernel {
  const level: Level = scope ? 'm' : 'h';
  if (!scope) {
    const same = env.shared.column(env.shared.numberOf(n));
    if (same) return same;
  }
  switch (n.type) {
    case 'Literal': {
      const kind = kindOfValue(n.value);
      return constant(kind, Number(n.value), level);
    }
    case 'Identifier': {
      const name = n.name as string;
      if (scope && name === scope.local) throw new Unsupported('a list element used as a value');
      const d = env.derived(name);
      if (d) return toLevel(d, level);
      return toLevel(houseInput(name, env.input(name)), level);
    }
    case 'MemberExpression': {
      const obj = n.object as FormulaNode;
      if (n.computed || !scope || obj.type !== 'Identifier' || obj.name !== scope.local) throw new Unsupported('member access other than m.field');
      const field = (n.property as FormulaNode).name as string;
      return memberInput(field, env.memberField(scope.list, field));
    }
    case 'UnaryExpression': {
      const arg = node(n.argument as FormulaNode, env, scope);
      if (n.operator === '!') return unary('b', expect(arg, 'b'), level, 'not');
      return unary('n', expect(arg, 'n'), level, n.operator === '-' ? 'neg' : 'plus');
    }
    case 'BinaryExpression': {
      const op = n.operator as string;
      // An answer compared with a text literal (`region == 'nyc'`): the scalar `===`, read at extraction.
      const text = op === '==' || op === '!=' ? textComparison(n, env, scope) : null;
      if (text) return toLevel(op === '==' ? text : unary('b', text, 'h', 'not'), level);
      const a = node(n.left as FormulaNode, env, scope);
      const b = node(n.right as FormulaNode, env, scope);
      if (op === '&&' || op === '||') return logical(op === '||' ? 1 : 0, expect(a, 'b'), expect(b, 'b'), level);
      if (!isBinaryOp(op)) throw new Unsupported(`operator ${op}`);
      if (op === '==' || op === '!=') {
        if (a.kind !== b.kind || a.kind === 'd') throw new Unsupported('comparing values of different kinds');
        return binary(op, a, b, 'b', level);
      }
      expect(a, 'n');
      expect(b, 'n');
      return binary(op, a, b, op === '<' || op === '<=' || op === '>' || op === '>=' ? 'b' : 'n', level);
    }
    case 'ConditionalExpression': {
      const test = expect(node(n.test as FormulaNode, env, scope), 'b');
      const yes = node(n.consequent as FormulaNode, env, scope);
      const no = node(n.alternate as FormulaNode, env, scope);
      if (yes.kind !== no.kind || yes.kind === 'd') throw new Unsupported('branches of different kinds');
      return conditional(test, yes, no, level);
    }
    case 'CallExpression':
      return call((n.callee as FormulaNode).name as string, n.arguments as FormulaNode[], env, scope);
    default:
      throw new Unsupported(`node ${n.type}`);
  }
}

function literalInteger(n: FormulaNode | undefined): number {
  if (!n) return 0;
  if (n.type !== 'Literal' || typeof n.value !== 'number' || !Number.isInteger(n.value))
    throw new Unsupported('rounding digits must be a whole-number literal');
  return n.value;
}

function call(name: string, args: FormulaNode[], env: ColumnEnv, scope: Scope | null): Kernel {
  const level: Level = scope ? 'm' : 'h';
  switch (name) {
    case 'param':
      return param(args, env, scope);
    case 'sum':
    case 'count':
    case 'any':
    case 'all': {
      if (scope) throw new Unsupported('a list function inside a lambda');
      const list = args[0];
      // `count(answers)` of a list answer of primitives (checkboxes): its length, read at extraction.
      if (name === 'count' && !args[1] && list.type === 'Identifier' && !env.derived(list.name as string) && !env.isObjectList(list.name as string))
        return env.view(list.name as string, 'count');
      if (list.type !== 'Identifier' || env.derived(list.name as string)) throw new Unsupported('list functions over an input list only');
      const listName = list.name as string;
      env.memberField(listName, '');
      const fn = args[1];
      if (!fn) {
        if (name !== 'count') throw new Unsupported(`${name}() without a lambda`);
        return aggregate('count', null);
      }
      if (fn.type !== 'ArrowFunctionExpression') throw new Unsupported('second argument is not a lambda');
      const local = ((fn.params as FormulaNode[])[0] as FormulaNode).name as string;
      const body = node(fn.body as FormulaNode, env, { local, list: listName });
      return aggregate(name, toLevel(expect(body, name === 'sum' ? 'n' : 'b'), 'm'));
    }
    case 'min':
    case 'max': {
      if (args.length < 2) throw new Unsupported(`${name}() of a list`);
      return extreme(
        name === 'max',
        args.map((a) => expect(node(a, env, scope), 'n')),
        level,
      );
    }
    case 'round':
    case 'roundUp':
    case 'roundDown': {
      const digits = literalInteger(args[1]);
      const arg = expect(node(args[0], env, scope), 'n');
      return unary('n', arg, level, name, digits);
    }
    case 'abs':
      return unary('n', expect(node(args[0], env, scope), 'n'), level, 'abs');
    case 'age': {
      // The scalar age(): Math.floor((asOfKey - dateKey(birth)) / 10000); date keys are computed at extraction.
      return unary('n', expect(node(args[0], env, scope), 'd'), level, 'age', env.asOfKey);
    }
    case 'asOf':
      return constant('d', env.asOfKey, level);
    case 'dayOfMonth':
    case 'daysInMonth':
      return unary('n', expect(node(args[0], env, scope), 'd'), level, name);
    case 'isSet':
      return toLevel(env.view(answerName(args[0], env, scope, name), 'set'), level);
    case 'coalesce': {
      // The first present answer, else the last argument (any expression): `present ? answer : rest`, folded from
      // the right; only the branch taken can make a lane bad, as in the scalar path, which stops at the first
      // known argument. (An answer that is present is known; a present answer of the wrong type is a bad lane.)
      let rest = node(args[args.length - 1], env, scope);
      for (let i = args.length - 2; i >= 0; i--) {
        const answer = answerName(args[i], env, scope, name);
        const value = node(args[i], env, scope);
        if (value.kind !== rest.kind) throw new Unsupported('coalesce() of values of different kinds');
        rest = conditional(toLevel(env.view(answer, 'set'), level), value, rest, level);
      }
      return rest;
    }
    case 'includes': {
      const list = args[0];
      const item = args[1];
      if (scope || list.type !== 'Identifier' || env.derived(list.name as string)) throw new Unsupported('includes() of a list other than an answer');
      if (item.type !== 'Literal' || (typeof item.value !== 'string' && typeof item.value !== 'number'))
        throw new Unsupported('includes() of a value other than a text or number literal');
      return env.view(list.name as string, 'has', item.value);
    }
    default:
      throw new Unsupported(`function ${name}()`);
  }
}

/** The `eq` view of `answer == 'text'` or `'text' == answer` (either order), or null for other comparisons. */
function textComparison(n: FormulaNode, env: ColumnEnv, scope: Scope | null): Kernel | null {
  const l = n.left as FormulaNode;
  const r = n.right as FormulaNode;
  const [answer, literal] = l.type === 'Literal' ? [r, l] : [l, r];
  if (literal.type !== 'Literal' || typeof literal.value !== 'string' || answer.type !== 'Identifier') return null;
  const name = answer.name as string;
  if (env.derived(name) || (scope && name === scope.local)) return null;
  return env.view(name, 'eq', literal.value);
}

/** The top-level answer an `isSet` / `coalesce` argument names (other arguments are not vectorised). */
function answerName(n: FormulaNode, env: ColumnEnv, scope: Scope | null, fn: string): string {
  if (n.type !== 'Identifier' || env.derived(n.name as string) || (scope && n.name === scope.local))
    throw new Unsupported(`${fn}() of something other than a top-level answer`);
  return n.name as string;
}

/** `param(name)` as a constant; `param(table, key)` looked up per lane through the scalar lookup, memoised by key. */
function param(args: FormulaNode[], env: ColumnEnv, scope: Scope | null): Kernel {
  const level: Level = scope ? 'm' : 'h';
  const name = args[0].value as string;
  const slot = env.paramSlot(name);
  const p = slot === undefined ? undefined : env.params[slot];
  if (!p) throw new Unsupported(`parameter ${name} not in force`);
  if (args.length === 1) {
    if (p.type === 'table') throw new Unsupported(`table ${name} without a key`);
    return constant(kindOfValue(p.value), Number(p.value), level);
  }
  if (p.type !== 'table') throw new Unsupported(`parameter ${name} is not a table`);
  const key = expect(node(args[1], env, scope), 'n');
  const lookup = (k: number): number => {
    try {
      return parameterValue(p, k, true) as number;
    } catch {
      return NaN;
    }
  };
  // Small whole-number keys (household sizes) are looked up once, here: value, or NaN with `failed` set.
  const memo = new Float64Array(64);
  const failed = new Uint8Array(64);
  for (let k = 0; k < 64; k++) {
    const v = lookup(k);
    memo[k] = v;
    failed[k] = Number.isNaN(v) ? 1 : 0;
  }
  const out = new Out();
  return {
    kind: 'n',
    level,
    run(c: Chunk) {
      const k = key.run(c);
      const n = lanes(c, level);
      const o = out.at(n);
      if (k.anyBad === false && tableLookupSmall(k.v, memo, failed, o.v, n) === 0) return out.clean(n);
      return out.written(n, tableLookup(k.v, k.bad, memo, failed, lookup, o.v, o.bad, n) !== 0);
    },
  };
}
