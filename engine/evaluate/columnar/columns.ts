/**
 * Columns of a chunk of households for the columnar batch path: one Float64Array of values per quantity (numbers,
 * booleans as 0/1, dates as yyyymmdd keys) with a Uint8Array `bad` beside it. A lane is bad when the scalar path
 * might not give a known, error-free value there (a missing or ill-typed input, a division by zero, a failed
 * lookup); the households with a bad lane in any value they depend on are re-evaluated by the scalar path.
 */

/** The kind of value a column holds: number, boolean (0/1) or date key (yyyymmdd, only read by `age()`). */
export type Kind = 'n' | 'b' | 'd';

/** What a view column computes from a top-level answer (see `ColumnEnv.view` in compile-formula.ts). */
export type ViewOp = 'set' | 'count' | 'has' | 'eq';

/** A column computed from a top-level answer at extraction. */
export interface View {
  input: string;
  op: ViewOp;
  value?: string | number;
}

/** Household-level ('h') or member-level ('m', flattened members of the chunk) column. */
export type Level = 'h' | 'm';

/**
 * A column of values and its bad-lane marks, with room for `v.length` lanes. `bad` is always written for every
 * lane of the chunk; `anyBad: false` promises in addition that none of them is bad, so kernels can skip bad-lane
 * work (absent or true: read `bad`).
 */
export interface Col {
  v: Float64Array;
  bad: Uint8Array;
  anyBad?: boolean;
}

/** A chunk of clean households laid out for the kernels. */
export interface Chunk {
  /** Households in the chunk. */
  n: number;
  /** Members of all households, flattened in household order. */
  m: number;
  /** Members of household i are `offsets[i]` … `offsets[i + 1] - 1`. */
  offsets: Int32Array;
  /** Household index of each member. */
  owner: Int32Array;
  /** Top-level inputs by name. */
  house: Map<string, Col>;
  /** Member fields by name (`members` list fields; the plan allows one list). */
  member: Map<string, Col>;
  /** Derived value columns by derived slot. */
  derived: Col[];
}

/** A reusable output column that grows to the lane count it is asked for. */
export class ColBuffer {
  col: Col = { v: new Float64Array(0), bad: new Uint8Array(0) };

  /** The column, with room for at least `lanes` lanes (contents unspecified). */
  at(lanes: number): Col {
    if (this.col.v.length < lanes) {
      const size = Math.max(lanes, this.col.v.length * 2, 64);
      this.col = { v: new Float64Array(size), bad: new Uint8Array(size) };
    }
    return this.col;
  }
}

/** Lane count of a level in a chunk. */
export function lanes(c: Chunk, level: Level): number {
  return level === 'h' ? c.n : c.m;
}
