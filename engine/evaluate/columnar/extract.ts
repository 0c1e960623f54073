/**
 * Lays out a chunk of prepared submissions as columns: member offsets and owners, one column per member field
 * and per top-level input the plan reads. A value that is absent, null or of another kind than the form declares
 * marks its lane bad (numbers must be numbers, booleans booleans, dates valid YYYY-MM-DD keys).
 */
import { dateKey } from '../../languages/formula/dates.ts';
import { ColBuffer, type Chunk, type Col, type Kind, type View } from './columns.ts';

/** The inputs to extract and the buffers they are written to (built once per batch). */
export interface Extractor {
  /** Fills `chunk` from `data[0 … n-1]`; sets `rowBad[i]` when household i has no member list. */
  fill(chunk: Chunk, data: readonly Record<string, unknown>[], n: number, rowBad: Uint8Array): void;
}

function safeDateKey(v: unknown): number {
  try {
    return dateKey(v, 'date of birth');
  } catch {
    return NaN;
  }
}

/** Stores `v` (of the expected `kind`) in lane `i`, or marks the lane bad. */
function store(col: Col, i: number, v: unknown, kind: Kind): void {
  let x = NaN;
  if (kind === 'n') {
    if (typeof v === 'number') {
      col.v[i] = v;
      col.bad[i] = 0;
      return;
    }
  } else if (kind === 'b') {
    if (typeof v === 'boolean') x = v ? 1 : 0;
  } else if (typeof v === 'string') {
    x = safeDateKey(v);
  }
  if (Number.isNaN(x)) {
    col.v[i] = 0;
    col.bad[i] = 1;
  } else {
    col.v[i] = x;
    col.bad[i] = 0;
  }
}

/**
 * Stores view `view` of answer `v` in lane `i`: `set` 1 when present (not absent, not null), else 0, never bad;
 * `count` the length and `has` whether it holds the view's value (`indexOf`, as the scalar `includes`), bad
 * when the answer is not a list; `eq` whether it is the view's value (`===`), bad when absent or null.
 */
export function storeView(col: Col, i: number, v: unknown, view: View): void {
  if (view.op === 'set') {
    col.v[i] = v === undefined || v === null ? 0 : 1;
    col.bad[i] = 0;
  } else if (view.op === 'eq') {
    col.v[i] = v === view.value ? 1 : 0;
    col.bad[i] = v === undefined || v === null ? 1 : 0;
  } else if (Array.isArray(v)) {
    col.v[i] = view.op === 'count' ? v.length : v.indexOf(view.value) > -1 ? 1 : 0;
    col.bad[i] = 0;
  } else {
    col.v[i] = 0;
    col.bad[i] = 1;
  }
}

/** An extractor for top-level `inputs`, the `fields` of list `list` (null: no member list) and `views`. */
export function extractor(
  inputs: ReadonlyMap<string, Kind>,
  list: string | null,
  fields: ReadonlyMap<string, Kind>,
  views: ReadonlyMap<string, View> = new Map(),
): Extractor {
  const viewKeys = [...views.keys()];
  const viewSpecs = viewKeys.map((k) => views.get(k) as View);
  const viewBufs = viewKeys.map(() => new ColBuffer());
  const inputNames = [...inputs.keys()];
  const inputKinds = inputNames.map((n) => inputs.get(n) as Kind);
  const fieldNames = [...fields.keys()];
  const fieldKinds = fieldNames.map((n) => fields.get(n) as Kind);
  const houseBufs = inputNames.map(() => new ColBuffer());
  const memberBufs = fieldNames.map(() => new ColBuffer());
  let lists: (unknown[] | null)[] = [];
  return {
    fill(chunk, data, n, rowBad) {
      if (lists.length < n) lists = new Array(n).fill(null);
      let m = 0;
      const offsets = chunk.offsets;
      for (let i = 0; i < n; i++) {
        offsets[i] = m;
        rowBad[i] = 0;
        lists[i] = null;
        if (list !== null) {
          const l = data[i][list];
          if (Array.isArray(l)) {
            lists[i] = l;
            m += l.length;
          } else rowBad[i] = 1;
        }
      }
      offsets[n] = m;
      chunk.n = n;
      chunk.m = m;
      if (chunk.owner.length < m) chunk.owner = new Int32Array(Math.max(m, chunk.owner.length * 2));
      const owner = chunk.owner;
      for (let i = 0; i < n; i++) for (let j = offsets[i]; j < offsets[i + 1]; j++) owner[j] = i;
      const cols = memberBufs.map((b) => b.at(m));
      for (let i = 0; i < n; i++) {
        const l = lists[i];
        if (l === null) continue;
        const base = offsets[i];
        for (let j = 0; j < l.length; j++) {
          const item = l[j];
          const ok = item !== null && typeof item === 'object';
          for (let f = 0; f < fieldNames.length; f++) {
            store(cols[f], base + j, ok ? (item as Record<string, unknown>)[fieldNames[f]] : undefined, fieldKinds[f]);
          }
        }
      }
      for (let f = 0; f < fieldNames.length; f++) chunk.member.set(fieldNames[f], cols[f]);
      const hcols = houseBufs.map((b) => b.at(n));
      for (let i = 0; i < n; i++) {
        const d = data[i];
        for (let k = 0; k < inputNames.length; k++) store(hcols[k], i, d[inputNames[k]], inputKinds[k]);
      }
      for (let k = 0; k < inputNames.length; k++) chunk.house.set(inputNames[k], hcols[k]);
      const vcols = viewBufs.map((b) => b.at(n));
      for (let i = 0; i < n; i++) {
        const d = data[i];
        for (let k = 0; k < viewKeys.length; k++) storeView(vcols[k], i, d[viewSpecs[k].input], viewSpecs[k]);
      }
      for (let k = 0; k < viewKeys.length; k++) chunk.house.set(viewKeys[k], vcols[k]);
    },
  };
}
