/**
 * JSON helpers of the form builder's edits: pointers, reading and writing a copy of the definition, and moving
 * translations (keyed by JSON Pointer) with the texts they translate when an edit moves them.
 */
import type { Json } from './types.ts';

/** True for a plain object (not an array or null). */
export function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A JSON Pointer from segments. */
export function ptr(...segments: (string | number)[]): string {
  return segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function segmentsOf(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The value at `pointer` in `doc`, or undefined. */
export function at(doc: unknown, pointer: string): unknown {
  let v: unknown = doc;
  for (const s of segmentsOf(pointer)) {
    if (Array.isArray(v)) v = v[Number(s)];
    else if (isObject(v)) v = v[s];
    else return undefined;
  }
  return v;
}

/** Sets (or with undefined, removes) the value at `pointer` in a mutable copy, creating objects on the way. */
export function put(doc: Json, pointer: string, value: unknown): void {
  const segs = segmentsOf(pointer);
  let v: Json | unknown[] = doc;
  for (const s of segs.slice(0, -1)) {
    const next: unknown = Array.isArray(v) ? v[Number(s)] : v[s];
    if (isObject(next) || Array.isArray(next)) v = next;
    else {
      const made: Json = {};
      if (Array.isArray(v)) v[Number(s)] = made;
      else v[s] = made;
      v = made;
    }
  }
  const last = segs[segs.length - 1];
  if (Array.isArray(v)) {
    if (value === undefined) v.splice(Number(last), 1);
    else v[Number(last)] = value;
  } else if (value === undefined) delete v[last];
  else v[last] = value;
}

/** Edits a copy of the definition. */
export function edit(doc: Json, change: (draft: Json) => void): Json {
  const draft = structuredClone(doc);
  change(draft);
  return draft;
}

/** Moves every translation keyed at or under a pointer: `map` returns the new pointer, or null to drop it. */
export function rekeyTranslations(draft: Json, map: (pointer: string) => string | null | undefined): void {
  const translations = draft.translations;
  if (!isObject(translations)) return;
  for (const [lang, texts] of Object.entries(translations)) {
    if (!isObject(texts)) continue;
    const next: Json = {};
    let changed = false;
    for (const [key, text] of Object.entries(texts)) {
      const to = map(key);
      if (to === undefined || to === key) next[key] = text;
      else {
        changed = true;
        if (to !== null) next[to] = text;
      }
    }
    if (changed) translations[lang] = next;
  }
}

/** Rekeys translations under `from` (the pointer itself and below) to `to`, or drops them when `to` is null. */
export function moveTranslations(draft: Json, from: string, to: string | null): void {
  rekeyTranslations(draft, (key) => (key === from || key.startsWith(`${from}/`) ? (to === null ? null : to + key.slice(from.length)) : undefined));
}

/** Rekeys translations of an array's items after reordering: `order[newIndex] = oldIndex` (missing: removed). */
export function reorderTranslations(draft: Json, array: string, order: number[]): void {
  const newIndex = new Map(order.map((old, i) => [old, i]));
  rekeyTranslations(draft, (key) => {
    if (!key.startsWith(`${array}/`)) return undefined;
    const rest = key.slice(array.length + 1);
    const slash = rest.indexOf('/');
    const index = Number(slash < 0 ? rest : rest.slice(0, slash));
    if (!Number.isInteger(index)) return undefined;
    const to = newIndex.get(index);
    if (to === undefined) return null;
    return `${array}/${to}${slash < 0 ? '' : rest.slice(slash)}`;
  });
}

/** `list` with the item at `from` moved to `to`, and the permutation (`order[newIndex] = oldIndex`). */
export function moved<T>(list: T[], from: number, to: number): { list: T[]; order: number[] } {
  const order = list.map((_, i) => i);
  const [index] = order.splice(from, 1);
  order.splice(to, 0, index);
  return { list: order.map((i) => list[i]), order };
}
