/**
 * Element-wise kernels over chunk columns: the building blocks the formula compiler (`compile-formula.ts`)
 * assembles. Each kernel writes its own reusable output column and performs, lane by lane, exactly the
 * floating-point operation of the scalar closure in `engine/formula/` (same operands, same order), so values are
 * bit-identical. A lane whose scalar evaluation would be unknown or an error is marked bad instead.
 */
import { ColBuffer, lanes, type Chunk, type Col, type Kind, type Level } from './columns.ts';

/** A compiled columnar expression: the kind and level of its values, and how to compute them for a chunk. */
export interface Kernel {
  kind: Kind;
  level: Level;
  run(c: Chunk): Col;
  /** Set when the kernel gives this same value, never bad, in every lane (a literal or a resolved parameter). */
  value?: number;
}

/** A formula or condition the columnar path does not vectorise; the whole program then takes the scalar path. */
export class Unsupported extends Error {}

/** A kernel giving `value` in every lane. */
export function constant(kind: Kind, value: number, level: Level): Kernel {
  const buf = new ColBuffer();
  return {
    kind,
    level,
    value,
    run(c) {
      const n = lanes(c, level);
      const o = buf.at(n);
      o.v.fill(value, 0, n);
      o.bad.fill(0, 0, n);
      return o;
    },
  };
}

/** A household-level kernel read at member level (each member sees its household's value). */
export function toLevel(k: Kernel, level: Level): Kernel {
  if (k.level === level) return k;
  if (level === 'h') throw new Unsupported('a member value used outside its list function');
  const buf = new ColBuffer();
  return {
    kind: k.kind,
    level,
    run(c) {
      const src = k.run(c);
      const o = buf.at(c.m);
      const owner = c.owner;
      for (let j = 0; j < c.m; j++) {
        const h = owner[j];
        o.v[j] = src.v[h];
        o.bad[j] = src.bad[h];
      }
      return o;
    },
  };
}

const ARITH = ['+', '-', '*', '/', '%', '<', '<=', '>', '>=', '==', '!='] as const;
type ArithOp = (typeof ARITH)[number];

/** True for an operator `binary` implements. */
export function isBinaryOp(op: string): op is ArithOp {
  return (ARITH as readonly string[]).includes(op);
}

/**
 * `a op b` lane by lane. Arithmetic gives numbers, comparisons 0/1; `/` and `%` by zero mark the lane bad (the
 * scalar path reports an evaluation error there).
 */
export function binary(op: ArithOp, a: Kernel, b: Kernel, kind: Kind, level: Level): Kernel {
  if (b.value !== undefined) return binaryConstant(op, a, b.value, kind, level);
  const buf = new ColBuffer();
  return {
    kind,
    level,
    run(c) {
      const x = a.run(c);
      const y = b.run(c);
      const n = lanes(c, level);
      const o = buf.at(n);
      const xv = x.v, yv = y.v, ov = o.v, xb = x.bad, yb = y.bad, ob = o.bad;
      for (let i = 0; i < n; i++) ob[i] = xb[i] | yb[i];
      switch (op) {
        case '+': for (let i = 0; i < n; i++) ov[i] = xv[i] + yv[i]; break;
        case '-': for (let i = 0; i < n; i++) ov[i] = xv[i] - yv[i]; break;
        case '*': for (let i = 0; i < n; i++) ov[i] = xv[i] * yv[i]; break;
        case '/': for (let i = 0; i < n; i++) { if (yv[i] === 0) ob[i] = 1; ov[i] = xv[i] / yv[i]; } break;
        case '%': for (let i = 0; i < n; i++) { if (yv[i] === 0) ob[i] = 1; ov[i] = xv[i] % yv[i]; } break;
        case '<': for (let i = 0; i < n; i++) ov[i] = xv[i] < yv[i] ? 1 : 0; break;
        case '<=': for (let i = 0; i < n; i++) ov[i] = xv[i] <= yv[i] ? 1 : 0; break;
        case '>': for (let i = 0; i < n; i++) ov[i] = xv[i] > yv[i] ? 1 : 0; break;
        case '>=': for (let i = 0; i < n; i++) ov[i] = xv[i] >= yv[i] ? 1 : 0; break;
        // Typed-array values are never undefined, and both sides have one kind, so `===` is the scalar `===`.
        case '==': for (let i = 0; i < n; i++) ov[i] = xv[i] === yv[i] ? 1 : 0; break;
        default: for (let i = 0; i < n; i++) ov[i] = xv[i] !== yv[i] ? 1 : 0; break;
      }
      return o;
    },
  };
}

/** `a op k` for a constant right operand: the same operations without reading a column of copies of `k`. */
function binaryConstant(op: ArithOp, a: Kernel, k: number, kind: Kind, level: Level): Kernel {
  const buf = new ColBuffer();
  return {
    kind,
    level,
    run(c) {
      const x = a.run(c);
      const n = lanes(c, level);
      const o = buf.at(n);
      const xv = x.v, ov = o.v, ob = o.bad;
      ob.set(x.bad.subarray(0, n));
      switch (op) {
        case '+': for (let i = 0; i < n; i++) ov[i] = xv[i] + k; break;
        case '-': for (let i = 0; i < n; i++) ov[i] = xv[i] - k; break;
        case '*': for (let i = 0; i < n; i++) ov[i] = xv[i] * k; break;
        case '/': if (k === 0) ob.fill(1, 0, n); for (let i = 0; i < n; i++) ov[i] = xv[i] / k; break;
        case '%': if (k === 0) ob.fill(1, 0, n); for (let i = 0; i < n; i++) ov[i] = xv[i] % k; break;
        case '<': for (let i = 0; i < n; i++) ov[i] = xv[i] < k ? 1 : 0; break;
        case '<=': for (let i = 0; i < n; i++) ov[i] = xv[i] <= k ? 1 : 0; break;
        case '>': for (let i = 0; i < n; i++) ov[i] = xv[i] > k ? 1 : 0; break;
        case '>=': for (let i = 0; i < n; i++) ov[i] = xv[i] >= k ? 1 : 0; break;
        case '==': for (let i = 0; i < n; i++) ov[i] = xv[i] === k ? 1 : 0; break;
        default: for (let i = 0; i < n; i++) ov[i] = xv[i] !== k ? 1 : 0; break;
      }
      return o;
    },
  };
}

/**
 * `a && b` (decisive 0) or `a || b` (decisive 1) on 0/1 lanes. A lane is bad when `a` is bad, or when `a` does
 * not decide and `b` is bad (conservative: the scalar path may still decide there; it is asked instead).
 */
export function logical(decisive: 0 | 1, a: Kernel, b: Kernel, level: Level): Kernel {
  const buf = new ColBuffer();
  return {
    kind: 'b',
    level,
    run(c) {
      const x = a.run(c);
      const y = b.run(c);
      const n = lanes(c, level);
      const o = buf.at(n);
      const xv = x.v, xb = x.bad, yv = y.v, yb = y.bad, ov = o.v, ob = o.bad;
      for (let i = 0; i < n; i++) {
        if (xb[i]) {
          ob[i] = 1;
          ov[i] = 0;
        } else if (xv[i] === decisive) {
          ob[i] = 0;
          ov[i] = decisive;
        } else {
          ob[i] = yb[i];
          ov[i] = yv[i];
        }
      }
      return o;
    },
  };
}

/** `test ? yes : no`: only the branch taken can make a lane bad, as only it is evaluated by the scalar path. */
export function conditional(test: Kernel, yes: Kernel, no: Kernel, level: Level): Kernel {
  const buf = new ColBuffer();
  return {
    kind: yes.kind,
    level,
    run(c) {
      const t = test.run(c);
      const y = yes.run(c);
      const f = no.run(c);
      const n = lanes(c, level);
      const o = buf.at(n);
      const tv = t.v, tb = t.bad, yv = y.v, yb = y.bad, fv = f.v, fb = f.bad, ov = o.v, ob = o.bad;
      for (let i = 0; i < n; i++) {
        if (tb[i]) {
          ob[i] = 1;
          ov[i] = 0;
        } else if (tv[i] === 1) {
          ob[i] = yb[i];
          ov[i] = yv[i];
        } else {
          ob[i] = fb[i];
          ov[i] = fv[i];
        }
      }
      return o;
    },
  };
}

/** A one-operand function lane by lane (`!`, unary `-`, `abs`, rounding, `age`). */
export function unary(kind: Kind, a: Kernel, level: Level, fn: 'not' | 'neg' | 'plus' | 'abs' | ((x: number) => number)): Kernel {
  const buf = new ColBuffer();
  return {
    kind,
    level,
    run(c) {
      const x = a.run(c);
      const n = lanes(c, level);
      const o = buf.at(n);
      const xv = x.v, ov = o.v;
      o.bad.set(x.bad.subarray(0, n));
      if (fn === 'not') for (let i = 0; i < n; i++) ov[i] = xv[i] === 1 ? 0 : 1;
      else if (fn === 'neg') for (let i = 0; i < n; i++) ov[i] = -xv[i];
      else if (fn === 'plus') for (let i = 0; i < n; i++) ov[i] = xv[i];
      else if (fn === 'abs') for (let i = 0; i < n; i++) ov[i] = Math.abs(xv[i]);
      else for (let i = 0; i < n; i++) if (!x.bad[i]) ov[i] = fn(xv[i]);
      return o;
    },
  };
}

/**
 * `min`/`max` of two or more arguments as the scalar `extremeOfTwo` / `extreme` compute them: the first argument,
 * replaced by each later one that is strictly smaller (min) or larger (max).
 */
export function extreme(isMax: boolean, args: Kernel[], level: Level): Kernel {
  const buf = new ColBuffer();
  return {
    kind: 'n',
    level,
    run(c) {
      const n = lanes(c, level);
      const o = buf.at(n);
      const first = args[0].run(c);
      o.v.set(first.v.subarray(0, n));
      o.bad.set(first.bad.subarray(0, n));
      for (let k = 1; k < args.length; k++) {
        const kv = args[k].value;
        if (kv !== undefined) {
          const ov = o.v;
          if (isMax) for (let i = 0; i < n; i++) { if (kv > ov[i]) ov[i] = kv; }
          else for (let i = 0; i < n; i++) { if (kv < ov[i]) ov[i] = kv; }
          continue;
        }
        const x = args[k].run(c);
        const xv = x.v, ov = o.v, ob = o.bad, xb = x.bad;
        if (isMax) for (let i = 0; i < n; i++) { ob[i] |= xb[i]; if (xv[i] > ov[i]) ov[i] = xv[i]; }
        else for (let i = 0; i < n; i++) { ob[i] |= xb[i]; if (xv[i] < ov[i]) ov[i] = xv[i]; }
      }
      return o;
    },
  };
}

/**
 * `sum`, `count`, `any` or `all` over each household's members, in member order (the scalar loop's order, so sums
 * add the same numbers in the same sequence). `body` is a member-level kernel, or null for `count(list)`.
 */
export function aggregate(name: 'sum' | 'count' | 'any' | 'all', body: Kernel | null): Kernel {
  const buf = new ColBuffer();
  return {
    kind: name === 'sum' || name === 'count' ? 'n' : 'b',
    level: 'h',
    run(c) {
      const o = buf.at(c.n);
      const off = c.offsets;
      if (!body) {
        for (let i = 0; i < c.n; i++) {
          o.v[i] = off[i + 1] - off[i];
          o.bad[i] = 0;
        }
        return o;
      }
      const x = body.run(c);
      const xv = x.v, xb = x.bad;
      for (let i = 0; i < c.n; i++) {
        let bad = 0;
        let acc = 0;
        const end = off[i + 1];
        if (name === 'sum') {
          for (let j = off[i]; j < end; j++) { if (xb[j]) bad = 1; else acc += xv[j]; }
        } else if (name === 'count') {
          for (let j = off[i]; j < end; j++) { if (xb[j]) bad = 1; else if (xv[j] === 1) acc++; }
        } else {
          // any / all: the first decisive member decides; a bad member before it makes the lane bad.
          const decisive = name === 'any' ? 1 : 0;
          acc = 1 - decisive;
          for (let j = off[i]; j < end; j++) {
            if (xb[j]) { bad = 1; break; }
            if (xv[j] === decisive) { acc = decisive; break; }
          }
        }
        o.v[i] = acc;
        o.bad[i] = bad;
      }
      return o;
    },
  };
}
