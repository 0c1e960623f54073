/**
 * Element-wise kernels over chunk columns: the building blocks the formula compiler (`compile-formula.ts`)
 * assembles. Each kernel writes its own reusable output column and performs, lane by lane, exactly the
 * floating-point operation of the scalar closure in `engine/languages/formula/` (same operands, same order), so values are
 * bit-identical. A lane whose scalar evaluation would be unknown or an error is marked bad instead.
 *
 * Hot-path layout (measured, see the commit introducing it): every `run` below is one closure shared by all
 * instances of its kernel, so V8 optimises it once with feedback mixed from every instance and reads captured
 * values from the closure context on each access. The lane loops therefore live in the small top-level
 * functions of `loops.ts`, one per operation, taking every array and scalar as a parameter: each is optimised
 * once, monomorphically, and `run` only picks one and calls it once per chunk. Output columns carry `anyBad`, so
 * a chunk without bad lanes in a kernel's operands costs no bad-lane pass at all.
 */
import { lanes, type Chunk, type Col, type Kind, type Level } from './columns.ts';
import * as L from './loops.ts';

/** A compiled columnar expression: the kind and level of its values, and how to compute them for a chunk. */
export interface Kernel {
  kind: Kind;
  level: Level;
  run(c: Chunk): Col;
  /** Set when the kernel gives this same value, never bad, in every lane (a literal or a resolved parameter). */
  value?: number;
  /** How the kernel computes its lanes from its operands, for a consumer that fuses it into its own loop. */
  parts?: Parts;
}

/**
 * The operation of a kernel that a consumer may fuse with its own (one pass instead of two, same operations in
 * the same order, same bad lanes). Each kernel belongs to one consumer (the formula tree), so a consumer that
 * fuses never leaves another reader without the kernel's column.
 * - `+` / `-`: `a op b`, or `a op k` when `b` is null;
 * - `age`: `age(a)` with the as-of key `k`;
 * - `&&` / `||`: `a op b` on 0/1 lanes; `from` computes the kernel's column from its operands' columns.
 */
export type Parts =
  | { op: '+' | '-'; a: Kernel; b: Kernel | null; k: number }
  | { op: 'age'; a: Kernel; k: number }
  | { op: '&&' | '||'; a: Kernel; b: Kernel; from(x: Col, y: Col, n: number): Col };

/** A formula or condition the columnar path does not vectorise; the whole program then takes the scalar path. */
export class Unsupported extends Error {}

/**
 * A kernel's reusable output column. It remembers how many leading lanes of `bad` are already 0, so a column
 * without bad lanes chunk after chunk is not zero-filled again.
 */
export class Out {
  col: Col = { v: new Float64Array(0), bad: new Uint8Array(0), anyBad: false };
  private zeroTo = 0;

  /** The column, with room for at least `n` lanes (contents unspecified until `clean` or `written`). */
  at(n: number): Col {
    if (this.col.v.length < n) {
      const size = Math.max(n, this.col.v.length * 2, 64);
      this.col = { v: new Float64Array(size), bad: new Uint8Array(size), anyBad: false };
      this.zeroTo = size;
    }
    return this.col;
  }

  /** Marks lanes 0 … n-1 good (zero-filling `bad` only where it may hold a 1). */
  clean(n: number): Col {
    if (this.zeroTo < n) {
      this.col.bad.fill(0, 0, n);
      this.zeroTo = n;
    }
    this.col.anyBad = false;
    return this.col;
  }

  /** The caller wrote `bad` for lanes 0 … n-1; `any` says whether one of them is 1. */
  written(n: number, any: boolean): Col {
    this.zeroTo = any ? 0 : n;
    this.col.anyBad = any;
    return this.col;
  }
}

/** `out`'s bad lanes are those of `x`. */
function sameBad(out: Out, x: Col, n: number): Col {
  if (x.anyBad === false) return out.clean(n);
  return out.written(n, L.copyBad(x.bad, out.col.bad, n) !== 0);
}

/** `out`'s bad lanes are those of `x` or `y`. */
function unionBad(out: Out, x: Col, y: Col, n: number): Col {
  if (y.anyBad === false) return sameBad(out, x, n);
  if (x.anyBad === false) return sameBad(out, y, n);
  return out.written(n, L.orBad(x.bad, y.bad, out.col.bad, n) !== 0);
}

/** Adds the bad lanes of `x` to those already in `out` (lanes 0 … n-1 of `out` are written). */
function addBad(out: Out, x: Col, n: number): void {
  if (x.anyBad !== false && L.orInto(out.col.bad, x.bad, n) !== 0) out.written(n, true);
}

/**
 * An input column read from the chunk. A column that does not say whether it has bad lanes (`anyBad` absent) is
 * scanned once per chunk, so the kernels reading it can skip bad-lane work when it has none.
 */
function inputKernel(kind: Kind, level: Level, get: (c: Chunk) => Col): Kernel {
  const view: Col = { v: new Float64Array(0), bad: new Uint8Array(0), anyBad: true };
  let words: Int32Array = new Int32Array(0);
  return {
    kind,
    level,
    run(c) {
      const col = get(c);
      if (col.anyBad !== undefined) return col;
      const bad = col.bad;
      if (view.bad !== bad) {
        // The 4-byte view needs an aligned start; otherwise it stays empty and the scan goes byte by byte.
        words = bad.byteOffset % 4 === 0 ? new Int32Array(bad.buffer, bad.byteOffset, bad.length >> 2) : new Int32Array(0);
        view.bad = bad;
      }
      view.v = col.v;
      view.anyBad = L.anyOf(bad, words, lanes(c, level)) !== 0;
      return view;
    },
  };
}

/** A top-level input of the chunk (extracted before the kernels run). */
export function houseInput(name: string, kind: Kind): Kernel {
  return inputKernel(kind, 'h', (c) => c.house.get(name) as Col);
}

/** A field of the members of the chunk. */
export function memberInput(field: string, kind: Kind): Kernel {
  return inputKernel(kind, 'm', (c) => c.member.get(field) as Col);
}

/** A kernel giving `value` in every lane (its column is filled once, when its buffer is allocated). */
export function constant(kind: Kind, value: number, level: Level): Kernel {
  const out = new Out();
  let filled: Float64Array | null = null;
  return {
    kind,
    level,
    value,
    run(c) {
      const n = lanes(c, level);
      const o = out.at(n);
      if (o.v !== filled) {
        o.v.fill(value);
        filled = o.v;
      }
      return out.clean(n);
    },
  };
}

/** A household-level kernel read at member level (each member sees its household's value). */
export function toLevel(k: Kernel, level: Level): Kernel {
  if (k.level === level) return k;
  if (level === 'h') throw new Unsupported('a member value used outside its list function');
  if (k.value !== undefined) return constant(k.kind, k.value, level);
  const out = new Out();
  return {
    kind: k.kind,
    level,
    run(c) {
      const src = k.run(c);
      const o = out.at(c.m);
      L.spread(c.owner, src.v, o.v, c.m);
      if (src.anyBad === false) return out.clean(c.m);
      return out.written(c.m, L.spreadBad(c.owner, src.bad, o.bad, c.m) !== 0);
    },
  };
}

const ARITH = ['+', '-', '*', '/', '%', '<', '<=', '>', '>=', '==', '!='] as const;
type ArithOp = (typeof ARITH)[number];

/** True for an operator `binary` implements. */
export function isBinaryOp(op: string): op is ArithOp {
  return (ARITH as readonly string[]).includes(op);
}

const COLUMN_LOOPS: Record<ArithOp, L.BinaryLoop> = {
  '+': L.add,
  '-': L.sub,
  '*': L.mul,
  '/': L.div,
  '%': L.mod,
  '<': L.lt,
  '<=': L.le,
  '>': L.gt,
  '>=': L.ge,
  '==': L.eq,
  '!=': L.ne,
};

const CONSTANT_LOOPS: Record<ArithOp, L.ConstantLoop> = {
  '+': L.addK,
  '-': L.subK,
  '*': L.mulK,
  '/': L.divK,
  '%': L.modK,
  '<': L.ltK,
  '<=': L.leK,
  '>': L.gtK,
  '>=': L.geK,
  '==': L.eqK,
  '!=': L.neK,
};

/**
 * `a op b` lane by lane. Arithmetic gives numbers, comparisons 0/1; `/` and `%` by zero mark the lane bad (the
 * scalar path reports an evaluation error there).
 */
export function binary(op: ArithOp, a: Kernel, b: Kernel, kind: Kind, level: Level): Kernel {
  if (b.value !== undefined) return binaryConstant(op, a, b.value, kind, level);
  const inner = a.parts;
  if ((op === '+' || op === '-') && (inner?.op === '+' || inner?.op === '-') && inner.b) return chain(a, inner.op, inner.a, inner.b, op, b, level);
  const loop = COLUMN_LOOPS[op];
  const divides = op === '/' || op === '%';
  const out = new Out();
  return {
    kind,
    level,
    parts: op === '+' || op === '-' ? { op, a, b, k: 0 } : undefined,
    run(c) {
      const x = a.run(c);
      const y = b.run(c);
      const n = lanes(c, level);
      const o = out.at(n);
      loop(x.v, y.v, o.v, n);
      unionBad(out, x, y, n);
      if (divides && L.markZero(y.v, o.bad, n) !== 0) out.written(n, true);
      return o;
    },
  };
}

const CHAIN_LOOPS = {
  '+': { '+': L.addAdd, '-': L.addSub },
  '-': { '+': L.subAdd, '-': L.subSub },
};

/**
 * `(x op1 y) op2 z` for + and - in one pass, where `left` is the kernel of `x op1 y`: a chain such as
 * `income - d1 - d2 - d3` takes half the passes, without the intermediate columns.
 */
function chain(left: Kernel, op1: '+' | '-', x: Kernel, y: Kernel, op2: '+' | '-', z: Kernel, level: Level): Kernel {
  const loop = CHAIN_LOOPS[op1][op2];
  const out = new Out();
  return {
    kind: 'n',
    level,
    // As `left op2 z`, the chain fuses further into its consumer (the next link, or a min / max).
    parts: { op: op2, a: left, b: z, k: 0 },
    run(c) {
      const xc = x.run(c);
      const yc = y.run(c);
      const zc = z.run(c);
      const n = lanes(c, level);
      loop(xc.v, yc.v, zc.v, out.at(n).v, n);
      unionBad(out, xc, yc, n);
      addBad(out, zc, n);
      return out.col;
    },
  };
}

/** `a op k` for a constant right operand: the same operations without reading a column of copies of `k`. */
function binaryConstant(op: ArithOp, a: Kernel, k: number, kind: Kind, level: Level): Kernel {
  // Good lanes of a true/false column hold exactly 0 or 1, so `a == true` and `a != false` are `a` itself, and
  // `a == false`, `a != true` are `!a` (rule leaves such as `receivesTanfOrSsi equal true`).
  if (a.kind === 'b' && (op === '==' || op === '!=') && (k === 0 || k === 1) && a.level === level) {
    return (op === '==') === (k === 1) ? a : unary('b', a, level, 'not');
  }
  const ageOf = a.parts?.op === 'age' ? a.parts : undefined;
  if (ageOf && AGE_LOOPS[op]) return ageCompare(op, ageOf.a, ageOf.k, k, level);
  const loop = CONSTANT_LOOPS[op];
  const byZero = (op === '/' || op === '%') && k === 0;
  const out = new Out();
  return {
    kind,
    level,
    parts: op === '+' || op === '-' ? { op, a, b: null, k } : undefined,
    run(c) {
      const x = a.run(c);
      const n = lanes(c, level);
      const o = out.at(n);
      loop(x.v, k, o.v, n);
      if (!byZero) return sameBad(out, x, n);
      o.bad.fill(1, 0, n);
      return out.written(n, n > 0);
    },
  };
}

const AGE_LOOPS: Partial<Record<ArithOp, L.AgeCompareLoop>> = {
  '<': L.ageLtK,
  '<=': L.ageLeK,
  '>': L.ageGtK,
  '>=': L.ageGeK,
  '==': L.ageEqK,
  '!=': L.ageNeK,
};

/** `age(birth) op k` in one pass (the hot eligibility test `age(m.dateOfBirth) >= param('elderly_age')`). */
function ageCompare(op: ArithOp, birth: Kernel, to: number, k: number, level: Level): Kernel {
  let loop = AGE_LOOPS[op] as L.AgeCompareLoop;
  // The two common tests compare key differences with a threshold instead of dividing each lane.
  if ((op === '>=' || op === '<') && Number.isFinite(k)) {
    loop = op === '>=' ? L.ageAtLeast : L.ageBelow;
    k = Math.ceil(k) * 10000;
  }
  const out = new Out();
  return {
    kind: 'b',
    level,
    run(c) {
      const x = birth.run(c);
      const n = lanes(c, level);
      loop(x.v, to, k, out.at(n).v, n);
      return sameBad(out, x, n);
    },
  };
}

/**
 * `a && b` (decisive 0) or `a || b` (decisive 1) on 0/1 lanes. A lane is bad when `a` is bad, or when `a` does
 * not decide and `b` is bad (conservative: the scalar path may still decide there; it is asked instead).
 */
export function logical(decisive: 0 | 1, a: Kernel, b: Kernel, level: Level): Kernel {
  const clean = decisive === 1 ? L.or01 : L.and01;
  const out = new Out();
  const from = (x: Col, y: Col, n: number): Col => {
    const o = out.at(n);
    if (x.anyBad === false && y.anyBad === false) {
      clean(x.v, y.v, o.v, n);
      return out.clean(n);
    }
    return out.written(n, L.logicalBad(decisive, x.v, x.bad, y.v, y.bad, o.v, o.bad, n) !== 0);
  };
  return {
    kind: 'b',
    level,
    parts: { op: decisive === 1 ? '||' : '&&', a, b, from },
    run: (c) => from(a.run(c), b.run(c), lanes(c, level)),
  };
}

/** `test ? yes : no`: only the branch taken can make a lane bad, as only it is evaluated by the scalar path. */
export function conditional(test: Kernel, yes: Kernel, no: Kernel, level: Level): Kernel {
  const out = new Out();
  // [no, yes]: the constant branches, or scratch lanes for `select01`.
  const pair = new Float64Array([no.value ?? 0, yes.value ?? 0]);
  const constants = yes.value !== undefined && no.value !== undefined;
  return {
    kind: yes.kind,
    level,
    run(c) {
      const t = test.run(c);
      const n = lanes(c, level);
      const o = out.at(n);
      if (constants && t.anyBad === false) {
        L.selectConstant01(t.v, pair, o.v, n);
        return out.clean(n);
      }
      const y = yes.run(c);
      const f = no.run(c);
      if (t.anyBad === false) {
        if (y.anyBad === false && f.anyBad === false) {
          L.select01(t.v, y.v, f.v, o.v, n, pair);
          return out.clean(n);
        }
        return out.written(n, L.select01Bad(t.v, y.v, y.bad, f.v, f.bad, o.v, o.bad, n, pair) !== 0);
      }
      return out.written(n, L.selectBad(t.v, t.bad, y.v, y.bad, f.v, f.bad, o.v, o.bad, n) !== 0);
    },
  };
}

/**
 * The one-operand operations: `!`, unary `-` and `+`, `abs`, `age` (argument: the as-of key), rounding (digits),
 * `dayOfMonth` and `daysInMonth` of date keys.
 */
export type UnaryOp = 'not' | 'neg' | 'plus' | 'abs' | 'age' | 'round' | 'roundUp' | 'roundDown' | 'dayOfMonth' | 'daysInMonth';

const UNARY_LOOPS: Record<Exclude<UnaryOp, 'plus'>, L.ConstantLoop> = {
  not: L.not,
  neg: L.neg,
  abs: L.abs,
  age: L.age,
  round: L.roundHalf,
  roundUp: L.roundUp,
  roundDown: L.roundDown,
  dayOfMonth: L.dayOfMonth,
  daysInMonth: L.daysInMonth,
};

/**
 * A one-operand function lane by lane, each with its own loop (no callback per lane). `arg` is the as-of date
 * key for `age` and the digits for the rounding functions.
 */
export function unary(kind: Kind, a: Kernel, level: Level, op: UnaryOp, arg = 0): Kernel {
  // `+x` of a number is x, bit for bit.
  if (op === 'plus' && a.level === level) return a;
  const parts: Parts | undefined = op === 'age' ? { op, a, k: arg } : undefined;
  const loop = op === 'plus' ? L.copy : UNARY_LOOPS[op];
  // The rounding loops take the scale 10 ** digits, computed here once (as the scalar functions compute it).
  const k = op === 'round' || op === 'roundUp' || op === 'roundDown' ? 10 ** arg : arg;
  const out = new Out();
  return {
    kind,
    level,
    parts,
    run(c) {
      const x = a.run(c);
      const n = lanes(c, level);
      loop(x.v, k, out.at(n).v, n);
      return sameBad(out, x, n);
    },
  };
}

/**
 * `min`/`max` of two or more arguments as the scalar `extremeOfTwo` / `extreme` compute them: the first argument,
 * replaced by each later one that is strictly smaller (min) or larger (max).
 */
export function extreme(isMax: boolean, args: Kernel[], level: Level): Kernel {
  const sum = args[0].parts;
  if (args.length === 2 && args[1].value !== undefined && sum && (sum.op === '+' || sum.op === '-')) {
    return extremeOfSum(isMax, sum, args[1].value, level);
  }
  const withColumn = isMax ? L.maxC : L.minC;
  const withConstant = isMax ? L.maxK : L.minK;
  const pair = new Float64Array(2);
  const out = new Out();
  return {
    kind: 'n',
    level,
    run(c) {
      const n = lanes(c, level);
      const o = out.at(n);
      const first = args[0].run(c);
      sameBad(out, first, n);
      // The first step reads the first argument's column, later steps update the output in place.
      let acc = first.v;
      for (let k = 1; k < args.length; k++) {
        const kv = args[k].value;
        if (kv !== undefined) {
          withConstant(acc, kv, o.v, n, pair);
        } else {
          const x = args[k].run(c);
          withColumn(acc, x.v, o.v, n, pair);
          addBad(out, x, n);
        }
        acc = o.v;
      }
      return o;
    },
  };
}

const SUM_EXTREME_LOOPS = {
  '+': { max: L.addMaxK, min: L.addMinK, maxK: L.addKMaxK, minK: L.addKMinK },
  '-': { max: L.subMaxK, min: L.subMinK, maxK: L.subKMaxK, minK: L.subKMinK },
};

/**
 * `max(a ± b, k)` / `min(a ± b, k)` in one pass (`max(income - deductions, 0)` and the like): the sum or
 * difference, then the comparison with k, as the two kernels would compute them.
 */
function extremeOfSum(isMax: boolean, sum: { op: '+' | '-'; a: Kernel; b: Kernel | null; k: number }, bound: number, level: Level): Kernel {
  const loops = SUM_EXTREME_LOOPS[sum.op];
  const withColumn = isMax ? loops.max : loops.min;
  const withConstant = isMax ? loops.maxK : loops.minK;
  const { a, b, k } = sum;
  const pair = new Float64Array(2);
  const out = new Out();
  return {
    kind: 'n',
    level,
    run(c) {
      const x = a.run(c);
      const n = lanes(c, level);
      const o = out.at(n);
      if (!b) {
        withConstant(x.v, k, bound, o.v, n, pair);
        return sameBad(out, x, n);
      }
      const y = b.run(c);
      withColumn(x.v, y.v, bound, o.v, n, pair);
      return unionBad(out, x, y, n);
    },
  };
}

/**
 * `sum`, `count`, `any` or `all` over each household's members, in member order (the scalar loop's order, so sums
 * add the same numbers in the same sequence). `body` is a member-level kernel, or null for `count(list)`.
 */
export function aggregate(name: 'sum' | 'count' | 'any' | 'all', body: Kernel | null): Kernel {
  const out = new Out();
  const decisive = name === 'any' ? 1 : 0;
  // `any(list, m => p || q)` and the like: without bad lanes, the member test is fused into the aggregate's pass.
  const parts = body?.parts;
  const either = (name === 'any' || name === 'all') && (parts?.op === '||' || parts?.op === '&&') ? parts : undefined;
  const fused = name === 'any' ? L.anyMemberOf2 : L.allMembersOf2;

  /** The aggregate of the member column `x` into `o`. */
  const total = (c: Chunk, x: Col, o: Col): Col => {
    const n = c.n;
    const off = c.offsets;
    if (x.anyBad === false) {
      if (name === 'any') L.anyMember(c.owner, x.v, o.v, n, c.m);
      else if (name === 'all') L.allMembers(c.owner, x.v, o.v, n, c.m);
      // `count` of 0/1 lanes is their sum.
      else L.sum(off, c.owner, x.v, o.v, n, c.m);
      return out.clean(n);
    }
    let any: number;
    if (name === 'sum') any = L.sumBad(off, x.v, x.bad, o.v, o.bad, n);
    else if (name === 'count') any = L.countTrueBad(off, x.v, x.bad, o.v, o.bad, n);
    else any = L.decideBad(decisive, off, x.v, x.bad, o.v, o.bad, n);
    return out.written(n, any !== 0);
  };

  return {
    kind: name === 'sum' || name === 'count' ? 'n' : 'b',
    level: 'h',
    run(c) {
      const n = c.n;
      // One spare lane, for `anyMember` / `allMembers`.
      const o = out.at(n + 1);
      if (!body) {
        L.memberCount(c.offsets, o.v, n);
        return out.clean(n);
      }
      if (!either) return total(c, body.run(c), o);
      const p = either.a.run(c);
      const q = either.b.run(c);
      if (p.anyBad === false && q.anyBad === false) {
        fused(c.owner, p.v, q.v, either.op === '||' ? 1 : 0, o.v, n, c.m);
        return out.clean(n);
      }
      return total(c, either.from(p, q, c.m), o);
    },
  };
}

/**
 * `all` (decisive 0) or `any` (decisive 1) of rule condition kernels: 1 (all) or 0 (any) unless a child decides;
 * any bad child makes the lane bad (conservative: the scalar path is asked whenever a lane is not plainly decided).
 */
export function combine(decisive: 0 | 1, kids: Kernel[]): Kernel {
  // One child: its own 0/1 lanes and bad lanes are the result.
  if (kids.length === 1) return kids[0];
  const first = decisive === 0 ? L.allFirst : L.anyFirst;
  const next = decisive === 0 ? L.allNext : L.anyNext;
  const out = new Out();
  return {
    kind: 'b',
    level: 'h',
    run(c) {
      const n = c.n;
      const o = out.at(n);
      const x0 = kids[0].run(c);
      first(x0.v, o.v, n);
      sameBad(out, x0, n);
      for (let k = 1; k < kids.length; k++) {
        const x = kids[k].run(c);
        next(x.v, o.v, n);
        addBad(out, x, n);
      }
      return o;
    },
  };
}
