/**
 * The lane loops of the columnar kernels (`kernels.ts`): one small top-level function per operation, taking every
 * array and scalar as a parameter. V8 optimises each of them once, with monomorphic typed-array accesses and no
 * closure-context loads in the loop, which a loop inside a kernel's shared `run` closure does not get (measured:
 * 2–3× slower per lane). Each value loop performs exactly the scalar evaluator's operation, operands in the same
 * order. Bad-lane loops return 1 when they wrote a bad lane, else 0.
 */
import { daysInMonth as daysInMonthOf } from '../../languages/formula/dates.ts';

/** `o[i] = x[i] op y[i]` for lanes 0 … n-1. */
export type BinaryLoop = (x: Float64Array, y: Float64Array, o: Float64Array, n: number) => void;
/** `o[i] = f(x[i], k)` for lanes 0 … n-1. */
export type ConstantLoop = (x: Float64Array, k: number, o: Float64Array, n: number) => void;

// Column op column. Comparisons give 0/1 as `+(a op b)`, which compiles without a branch: a data-dependent
// branch costs ~6 ns per lane when its outcome is random (measured), ten times the comparison itself. `==` is
// `===` (typed-array values are never undefined, both sides have one kind).
export function add(x: Float64Array, y: Float64Array, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = x[i] + y[i];
}
export function sub(x: Float64Array, y: Float64Array, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = x[i] - y[i];
}
export function mul(x: Float64Array, y: Float64Array, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = x[i] * y[i];
}
export function div(x: Float64Array, y: Float64Array, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = x[i] / y[i];
}
export function mod(x: Float64Array, y: Float64Array, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = x[i] % y[i];
}
export function lt(x: Float64Array, y: Float64Array, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = +(x[i] < y[i]);
}
export function le(x: Float64Array, y: Float64Array, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = +(x[i] <= y[i]);
}
export function gt(x: Float64Array, y: Float64Array, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = +(x[i] > y[i]);
}
export function ge(x: Float64Array, y: Float64Array, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = +(x[i] >= y[i]);
}
export function eq(x: Float64Array, y: Float64Array, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = +(x[i] === y[i]);
}
export function ne(x: Float64Array, y: Float64Array, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = +(x[i] !== y[i]);
}

// `(x op1 y) op2 z` for + and -, in one pass (chains such as `income - d1 - d2 - d3`).
export type ChainLoop = (x: Float64Array, y: Float64Array, z: Float64Array, o: Float64Array, n: number) => void;
export function addAdd(x: Float64Array, y: Float64Array, z: Float64Array, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = x[i] + y[i] + z[i];
}
export function addSub(x: Float64Array, y: Float64Array, z: Float64Array, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = x[i] + y[i] - z[i];
}
export function subAdd(x: Float64Array, y: Float64Array, z: Float64Array, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = x[i] - y[i] + z[i];
}
export function subSub(x: Float64Array, y: Float64Array, z: Float64Array, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = x[i] - y[i] - z[i];
}

// Column op constant.
export function addK(x: Float64Array, k: number, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = x[i] + k;
}
export function subK(x: Float64Array, k: number, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = x[i] - k;
}
export function mulK(x: Float64Array, k: number, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = x[i] * k;
}
export function divK(x: Float64Array, k: number, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = x[i] / k;
}
export function modK(x: Float64Array, k: number, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = x[i] % k;
}
export function ltK(x: Float64Array, k: number, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = +(x[i] < k);
}
export function leK(x: Float64Array, k: number, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = +(x[i] <= k);
}
export function gtK(x: Float64Array, k: number, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = +(x[i] > k);
}
export function geK(x: Float64Array, k: number, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = +(x[i] >= k);
}
export function eqK(x: Float64Array, k: number, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = +(x[i] === k);
}
export function neK(x: Float64Array, k: number, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = +(x[i] !== k);
}

// One-operand functions (the constant is unused, the as-of date key for `age`, or 10 ** digits for rounding).
export function copy(x: Float64Array, _k: number, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = x[i];
}
export function not(x: Float64Array, _k: number, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = +(x[i] !== 1);
}
export function neg(x: Float64Array, _k: number, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = -x[i];
}
export function abs(x: Float64Array, _k: number, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = Math.abs(x[i]);
}
/** The scalar `age()`: whole years from a birth date key to the as-of key `to` (keys are yyyymmdd). */
export function age(x: Float64Array, to: number, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = Math.floor((to - x[i]) / 10000);
}

/** The scalar `dayOfMonth()` of date keys (yyyymmdd): the day. */
export function dayOfMonth(x: Float64Array, _k: number, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = x[i] % 100;
}
/** The scalar `daysInMonth()` of date keys (yyyymmdd): the days of the key's month (Gregorian leap years). */
export function daysInMonth(x: Float64Array, _k: number, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = daysInMonthOf(Math.floor(x[i] / 10000), Math.floor(x[i] / 100) % 100);
}

/** `age(x) op k` in one pass, as `age` and the comparison with a constant compute it. */
export type AgeCompareLoop = (x: Float64Array, to: number, k: number, o: Float64Array, n: number) => void;
export function ageLtK(x: Float64Array, to: number, k: number, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = +(Math.floor((to - x[i]) / 10000) < k);
}
export function ageLeK(x: Float64Array, to: number, k: number, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = +(Math.floor((to - x[i]) / 10000) <= k);
}
export function ageGtK(x: Float64Array, to: number, k: number, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = +(Math.floor((to - x[i]) / 10000) > k);
}
export function ageGeK(x: Float64Array, to: number, k: number, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = +(Math.floor((to - x[i]) / 10000) >= k);
}
/**
 * `age(x) >= k` and `age(x) < k` without the division: floor(d / 10000) >= k exactly when d >= 10000 · ceil(k), for
 * the whole-number key differences d here (|d| far below 2^53, so d / 10000 rounds to a value ≥ k only when d is);
 * NaN lanes compare false both ways, as `Math.floor(NaN) >= k` does. `atLeast` is 10000 · ceil(k).
 */
export function ageAtLeast(x: Float64Array, to: number, atLeast: number, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = +(to - x[i] >= atLeast);
}
export function ageBelow(x: Float64Array, to: number, atLeast: number, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = +(to - x[i] < atLeast);
}
export function ageEqK(x: Float64Array, to: number, k: number, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = +(Math.floor((to - x[i]) / 10000) === k);
}
export function ageNeK(x: Float64Array, to: number, k: number, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = +(Math.floor((to - x[i]) / 10000) !== k);
}

/**
 * `Math.round(v)` without its data-dependent branch (which mispredicts on money amounts: ~5 ns per lane): the
 * ceiling, minus 1 where it lies more than ½ above v. Exact, like `Math.round`, for every double: ties go up,
 * (-½, -0] gives -0, large values are already whole, NaN and ±∞ pass through.
 */
function jsRound(v: number): number {
  const c = Math.ceil(v);
  return c - +(c - 0.5 > v);
}

/** `clean` of `formula/rounding.ts`, with `jsRound` for `Math.round`. */
function clean(x: number): number {
  if (x > -1e6 && x < 1e6) return jsRound(x * 1e9) / 1e9;
  return Number.isFinite(x) ? Number(x.toPrecision(15)) : x;
}

/** `r || 0` with a branch taken only for NaN (`r + 0` turns -0 into 0 and keeps every other number). */
function orZero(r: number): number {
  return Number.isNaN(r) ? 0 : r + 0;
}

// `roundHalf`, `roundUpTo` and `roundDownTo` of `formula/rounding.ts`, operation for operation, with `f` =
// 10 ** digits computed once per kernel instead of per lane. Tests compare them with the originals on edge values.
export function roundHalf(x: Float64Array, f: number, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const v = x[i];
    o[i] = orZero((Math.sign(v) * jsRound(clean(Math.abs(v) * f))) / f);
  }
}
export function roundUp(x: Float64Array, f: number, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = orZero(Math.ceil(clean(x[i] * f)) / f);
}
export function roundDown(x: Float64Array, f: number, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = orZero(Math.floor(clean(x[i] * f)) / f);
}

// min / max steps: the accumulated value `a`, replaced by the next argument `b` when strictly smaller / larger.
// Branch-free like the comparisons: both candidates go to `pair` (2 lanes, `pair[1]` preset to a constant `k`)
// and the comparison picks one; results are exactly those of `b < a ? b : a` (NaN and -0 included).
export function minC(x: Float64Array, y: Float64Array, o: Float64Array, n: number, pair: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const a = x[i],
      b = y[i];
    pair[0] = a;
    pair[1] = b;
    o[i] = pair[+(b < a)];
  }
}
export function maxC(x: Float64Array, y: Float64Array, o: Float64Array, n: number, pair: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const a = x[i],
      b = y[i];
    pair[0] = a;
    pair[1] = b;
    o[i] = pair[+(b > a)];
  }
}
export function minK(x: Float64Array, k: number, o: Float64Array, n: number, pair: Float64Array): void {
  pair[1] = k;
  for (let i = 0; i < n; i++) {
    const a = x[i];
    pair[0] = a;
    o[i] = pair[+(k < a)];
  }
}
export function maxK(x: Float64Array, k: number, o: Float64Array, n: number, pair: Float64Array): void {
  pair[1] = k;
  for (let i = 0; i < n; i++) {
    const a = x[i];
    pair[0] = a;
    o[i] = pair[+(k > a)];
  }
}

// `max(a ± b, k)` / `min(a ± b, k)` in one pass: the sum or difference, then the min / max step with k (see above).
export function addMaxK(x: Float64Array, y: Float64Array, k: number, o: Float64Array, n: number, pair: Float64Array): void {
  pair[1] = k;
  for (let i = 0; i < n; i++) {
    const a = x[i] + y[i];
    pair[0] = a;
    o[i] = pair[+(k > a)];
  }
}
export function addMinK(x: Float64Array, y: Float64Array, k: number, o: Float64Array, n: number, pair: Float64Array): void {
  pair[1] = k;
  for (let i = 0; i < n; i++) {
    const a = x[i] + y[i];
    pair[0] = a;
    o[i] = pair[+(k < a)];
  }
}
export function subMaxK(x: Float64Array, y: Float64Array, k: number, o: Float64Array, n: number, pair: Float64Array): void {
  pair[1] = k;
  for (let i = 0; i < n; i++) {
    const a = x[i] - y[i];
    pair[0] = a;
    o[i] = pair[+(k > a)];
  }
}
export function subMinK(x: Float64Array, y: Float64Array, k: number, o: Float64Array, n: number, pair: Float64Array): void {
  pair[1] = k;
  for (let i = 0; i < n; i++) {
    const a = x[i] - y[i];
    pair[0] = a;
    o[i] = pair[+(k < a)];
  }
}
export function addKMaxK(x: Float64Array, c: number, k: number, o: Float64Array, n: number, pair: Float64Array): void {
  pair[1] = k;
  for (let i = 0; i < n; i++) {
    const a = x[i] + c;
    pair[0] = a;
    o[i] = pair[+(k > a)];
  }
}
export function addKMinK(x: Float64Array, c: number, k: number, o: Float64Array, n: number, pair: Float64Array): void {
  pair[1] = k;
  for (let i = 0; i < n; i++) {
    const a = x[i] + c;
    pair[0] = a;
    o[i] = pair[+(k < a)];
  }
}
export function subKMaxK(x: Float64Array, c: number, k: number, o: Float64Array, n: number, pair: Float64Array): void {
  pair[1] = k;
  for (let i = 0; i < n; i++) {
    const a = x[i] - c;
    pair[0] = a;
    o[i] = pair[+(k > a)];
  }
}
export function subKMinK(x: Float64Array, c: number, k: number, o: Float64Array, n: number, pair: Float64Array): void {
  pair[1] = k;
  for (let i = 0; i < n; i++) {
    const a = x[i] - c;
    pair[0] = a;
    o[i] = pair[+(k < a)];
  }
}

// Without bad lanes, every lane of a true/false column is exactly 0 or 1, so the loops below compute `&&`, `||`,
// `?:`, `any` and `all` by arithmetic and indexing instead of data-dependent branches (same results on 0/1).

/** `a && b` on 0/1 lanes. */
export function and01(x: Float64Array, y: Float64Array, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = x[i] * y[i];
}

/** `a || b` on 0/1 lanes. */
export function or01(x: Float64Array, y: Float64Array, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = +(x[i] + y[i] > 0);
}

/** `a && b` / `a || b` with bad lanes: bad where `a` is, or where `a` does not decide and `b` is. */
export function logicalBad(
  d: number,
  x: Float64Array,
  xb: Uint8Array,
  y: Float64Array,
  yb: Uint8Array,
  o: Float64Array,
  ob: Uint8Array,
  n: number,
): number {
  let any = 0;
  for (let i = 0; i < n; i++) {
    if (xb[i]) {
      ob[i] = 1;
      o[i] = 0;
      any = 1;
    } else if (x[i] === d) {
      ob[i] = 0;
      o[i] = d;
    } else {
      const b = yb[i];
      ob[i] = b;
      o[i] = y[i];
      any |= b;
    }
  }
  return any;
}

/** `t ? y : f` on a 0/1 test: both candidates go to `pair` (2 lanes), the test picks one. */
export function select01(t: Float64Array, y: Float64Array, f: Float64Array, o: Float64Array, n: number, pair: Float64Array): void {
  for (let i = 0; i < n; i++) {
    pair[0] = f[i];
    pair[1] = y[i];
    o[i] = pair[t[i] | 0];
  }
}

/** `t ? y : f` on a 0/1 test, branches with bad lanes: the lane is bad where the branch taken is. */
export function select01Bad(
  t: Float64Array,
  y: Float64Array,
  yb: Uint8Array,
  f: Float64Array,
  fb: Uint8Array,
  o: Float64Array,
  ob: Uint8Array,
  n: number,
  pair: Float64Array,
): number {
  let any = 0;
  for (let i = 0; i < n; i++) {
    const ti = t[i] | 0;
    pair[0] = f[i];
    pair[1] = y[i];
    o[i] = pair[ti];
    const b = (yb[i] & ti) | (fb[i] & (1 - ti));
    ob[i] = b;
    any |= b;
  }
  return any;
}

/** `t ? yes : no` for constant branches on a 0/1 test: `pair` holds [no, yes]. */
export function selectConstant01(t: Float64Array, pair: Float64Array, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = pair[t[i] | 0];
}

/** `t ? y : f` with bad lanes: bad where the test is, or where the branch taken is. */
export function selectBad(
  t: Float64Array,
  tb: Uint8Array,
  y: Float64Array,
  yb: Uint8Array,
  f: Float64Array,
  fb: Uint8Array,
  o: Float64Array,
  ob: Uint8Array,
  n: number,
): number {
  let any = 0;
  for (let i = 0; i < n; i++) {
    let b: number;
    if (tb[i]) {
      b = 1;
      o[i] = 0;
    } else if (t[i] === 1) {
      b = yb[i];
      o[i] = y[i];
    } else {
      b = fb[i];
      o[i] = f[i];
    }
    ob[i] = b;
    any |= b;
  }
  return any;
}

/** `ob[i] = 1` where the divisor `y[i]` is 0. */
export function markZero(y: Float64Array, ob: Uint8Array, n: number): number {
  let any = 0;
  for (let i = 0; i < n; i++) {
    if (y[i] === 0) {
      ob[i] = 1;
      any = 1;
    }
  }
  return any;
}

/** Copies bad lanes. */
export function copyBad(x: Uint8Array, ob: Uint8Array, n: number): number {
  let any = 0;
  for (let i = 0; i < n; i++) {
    const b = x[i];
    ob[i] = b;
    any |= b;
  }
  return any;
}

/** `ob = x | y`. */
export function orBad(x: Uint8Array, y: Uint8Array, ob: Uint8Array, n: number): number {
  let any = 0;
  for (let i = 0; i < n; i++) {
    const b = x[i] | y[i];
    ob[i] = b;
    any |= b;
  }
  return any;
}

/** `ob |= x`; returns whether `x` had a bad lane. */
export function orInto(ob: Uint8Array, x: Uint8Array, n: number): number {
  let any = 0;
  for (let i = 0; i < n; i++) {
    const b = x[i];
    ob[i] |= b;
    any |= b;
  }
  return any;
}

/**
 * Whether lanes 0 … n-1 of `x` hold a bad mark: four lanes at a time through `words`, an Int32Array view of the
 * same bytes (possibly shorter, even empty), the rest byte by byte.
 */
export function anyOf(x: Uint8Array, words: Int32Array, n: number): number {
  const full = Math.min(n >> 2, words.length);
  for (let i = 0; i < full; i++) if (words[i] !== 0) return 1;
  for (let i = full << 2; i < n; i++) if (x[i] !== 0) return 1;
  return 0;
}

/** Each member's lane gets its household's value (`owner[j]`). */
export function spread(owner: Int32Array, x: Float64Array, o: Float64Array, m: number): void {
  for (let j = 0; j < m; j++) o[j] = x[owner[j]];
}

export function spreadBad(owner: Int32Array, x: Uint8Array, ob: Uint8Array, m: number): number {
  let any = 0;
  for (let j = 0; j < m; j++) {
    const b = x[owner[j]];
    ob[j] = b;
    any |= b;
  }
  return any;
}

/** Number of members of each household. */
export function memberCount(off: Int32Array, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = off[i + 1] - off[i];
}

/**
 * Each household's sum of its members' values, in member order from 0 (the scalar `sum`: ((0 + x0) + x1) + …).
 * Members are walked in a flat loop adding into their household's lane (a loop per household mispredicts its exit
 * on almost every household, as sizes vary). The adds of one household form a chain through memory, so four
 * quarters of the chunk, split at household boundaries, are walked side by side: four independent chains.
 */
export function sum(off: Int32Array, owner: Int32Array, x: Float64Array, o: Float64Array, n: number, m: number): void {
  o.fill(0, 0, n);
  const b1 = off[n >> 2],
    b2 = off[n >> 1],
    b3 = off[(3 * n) >> 2];
  const len = Math.min(b1, b2 - b1, b3 - b2, m - b3);
  for (let k = 0; k < len; k++) {
    const j1 = b1 + k,
      j2 = b2 + k,
      j3 = b3 + k;
    o[owner[k]] += x[k];
    o[owner[j1]] += x[j1];
    o[owner[j2]] += x[j2];
    o[owner[j3]] += x[j3];
  }
  for (let j = len; j < b1; j++) o[owner[j]] += x[j];
  for (let j = b1 + len; j < b2; j++) o[owner[j]] += x[j];
  for (let j = b2 + len; j < b3; j++) o[owner[j]] += x[j];
  for (let j = b3 + len; j < m; j++) o[owner[j]] += x[j];
}

export function sumBad(off: Int32Array, x: Float64Array, xb: Uint8Array, o: Float64Array, ob: Uint8Array, n: number): number {
  let any = 0;
  for (let i = 0; i < n; i++) {
    let bad = 0;
    let acc = 0;
    for (let j = off[i], end = off[i + 1]; j < end; j++) {
      if (xb[j]) bad = 1;
      else acc += x[j];
    }
    o[i] = acc;
    ob[i] = bad;
    any |= bad;
  }
  return any;
}

export function countTrueBad(off: Int32Array, x: Float64Array, xb: Uint8Array, o: Float64Array, ob: Uint8Array, n: number): number {
  let any = 0;
  for (let i = 0; i < n; i++) {
    let bad = 0;
    let acc = 0;
    for (let j = off[i], end = off[i + 1]; j < end; j++) {
      if (xb[j]) bad = 1;
      else if (x[j] === 1) acc++;
    }
    o[i] = acc;
    ob[i] = bad;
    any |= bad;
  }
  return any;
}

/**
 * `any` of 0/1 member lanes: each true member writes 1 to its household's lane, each false one to the spare lane
 * n (`o` has n + 1 lanes), by index arithmetic: no branch, no read-modify-write chain.
 */
export function anyMember(owner: Int32Array, x: Float64Array, o: Float64Array, n: number, m: number): void {
  o.fill(0, 0, n + 1);
  for (let j = 0; j < m; j++) o[n + (owner[j] - n) * (x[j] | 0)] = 1;
}

/** `any` of `p || q` (or = 1) or of `p && q` (or = 0) on 0/1 member lanes, as `anyMember` of that column. */
export function anyMemberOf2(owner: Int32Array, p: Float64Array, q: Float64Array, or: number, o: Float64Array, n: number, m: number): void {
  o.fill(0, 0, n + 1);
  if (or) for (let j = 0; j < m; j++) o[n + (owner[j] - n) * +(p[j] + q[j] > 0)] = 1;
  else for (let j = 0; j < m; j++) o[n + (owner[j] - n) * ((p[j] * q[j]) | 0)] = 1;
}

/** `all` of `p || q` / `p && q` on 0/1 member lanes, as `allMembers` of that column. */
export function allMembersOf2(owner: Int32Array, p: Float64Array, q: Float64Array, or: number, o: Float64Array, n: number, m: number): void {
  o.fill(1, 0, n + 1);
  if (or) {
    for (let j = 0; j < m; j++) {
      const h = owner[j];
      o[h + (n - h) * +(p[j] + q[j] > 0)] = 0;
    }
  } else {
    for (let j = 0; j < m; j++) {
      const h = owner[j];
      o[h + (n - h) * ((p[j] * q[j]) | 0)] = 0;
    }
  }
}

/** `all` of 0/1 member lanes: each false member writes 0 to its household's lane (true ones to lane n). */
export function allMembers(owner: Int32Array, x: Float64Array, o: Float64Array, n: number, m: number): void {
  o.fill(1, 0, n + 1);
  for (let j = 0; j < m; j++) {
    const h = owner[j];
    o[h + (n - h) * (x[j] | 0)] = 0;
  }
}

/** `any` / `all` with bad lanes: a bad member before the first decisive one makes the household bad. */
export function decideBad(d: number, off: Int32Array, x: Float64Array, xb: Uint8Array, o: Float64Array, ob: Uint8Array, n: number): number {
  let any = 0;
  for (let i = 0; i < n; i++) {
    let bad = 0;
    let acc = 1 - d;
    for (let j = off[i], end = off[i + 1]; j < end; j++) {
      if (xb[j]) {
        bad = 1;
        break;
      }
      if (x[j] === d) {
        acc = d;
        break;
      }
    }
    o[i] = acc;
    ob[i] = bad;
    any |= bad;
  }
  return any;
}

// Rule `all` / `any` over children: 1 (all) or 0 (any) unless a child is 0 (all) or 1 (any). Every lane is
// computed, bad or not (a bad lane's value is not read), so these take any values, not only 0/1.

/** Rule `all`, first child: 0 where it is 0, else 1. */
export function allFirst(x: Float64Array, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = +(x[i] !== 0);
}

/** Rule `all`, each later child: 0 where it is 0. */
export function allNext(x: Float64Array, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = o[i] * +(x[i] !== 0);
}

/** Rule `any`, first child: 1 where it is 1, else 0. */
export function anyFirst(x: Float64Array, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = +(x[i] === 1);
}

/** Rule `any`, each later child: 1 where it is 1. */
export function anyNext(x: Float64Array, o: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) o[i] = +(o[i] + +(x[i] === 1) > 0);
}

/**
 * Table parameter lookups by keys without bad lanes, when every key is a whole number 0 … 63 whose lookup did
 * not fail (household sizes): values from `memo`, no bad lane. Returns 1, with `o` partly written, when some key
 * is not such a number; `tableLookup` then does the lookups.
 */
export function tableLookupSmall(key: Float64Array, memo: Float64Array, failed: Uint8Array, o: Float64Array, n: number): number {
  let miss = 0;
  for (let i = 0; i < n; i++) {
    const x = key[i];
    const s = (x | 0) & 63;
    o[i] = memo[s];
    miss |= failed[s] | +(s !== x);
  }
  return miss;
}

/**
 * Table parameter lookups by key: keys 0 … 63 (household sizes) from the precomputed `memo` / `failed` arrays,
 * others through `lookup` (NaN when the lookup fails). A bad key or a failed lookup makes the lane bad.
 */
export function tableLookup(
  key: Float64Array,
  kb: Uint8Array,
  memo: Float64Array,
  failed: Uint8Array,
  lookup: (k: number) => number,
  o: Float64Array,
  ob: Uint8Array,
  n: number,
): number {
  let any = 0;
  for (let i = 0; i < n; i++) {
    if (kb[i]) {
      ob[i] = 1;
      any = 1;
      continue;
    }
    const x = key[i];
    const s = x | 0;
    if (s === x && s >= 0 && s < 64) {
      o[i] = memo[s];
      const b = failed[s];
      ob[i] = b;
      any |= b;
    } else {
      const v = lookup(x);
      o[i] = v;
      if (Number.isNaN(v)) {
        ob[i] = 1;
        any = 1;
      } else ob[i] = 0;
    }
  }
  return any;
}
