/**
 * Translations are keyed by the JSON Pointer of the text they translate (`/workflow/transitions/3/title`). A builder
 * change that moves texts — reordering or removing list items, renaming an object key — must move those keys with
 * them, or a translation would silently attach to another text (or to nothing). These helpers do that for every
 * language, whatever form a translation's value has.
 */
type Doc = Record<string, unknown>;

/** The definition with every translation key passed through `map` (`null` drops the translation). */
export function remapTranslationKeys(doc: Doc, map: (pointer: string) => string | null): Doc {
  const all = doc.translations as Record<string, Record<string, unknown>> | undefined;
  if (!all || typeof all !== 'object') return doc;
  let changed = false;
  const next: Record<string, Record<string, unknown>> = {};
  for (const [lang, texts] of Object.entries(all)) {
    const out: Record<string, unknown> = {};
    for (const [pointer, value] of Object.entries(texts ?? {})) {
      const moved = map(pointer);
      if (moved !== pointer) changed = true;
      if (moved !== null) out[moved] = value;
    }
    next[lang] = out;
  }
  if (!changed) return doc;
  return Object.fromEntries(Object.entries(doc).map(([k, v]) => [k, k === 'translations' ? next : v]));
}

/**
 * A key map for the items of the array at `prefix` (e.g. `/workflow/transitions`): `index(i)` is the item's new
 * index, or `null` when it was removed. Keys outside the array are kept.
 */
export function arrayItems(prefix: string, index: (i: number) => number | null): (pointer: string) => string | null {
  return (pointer) => {
    if (!pointer.startsWith(`${prefix}/`)) return pointer;
    const rest = pointer.slice(prefix.length + 1);
    const slash = rest.indexOf('/');
    const head = slash < 0 ? rest : rest.slice(0, slash);
    if (!/^\d+$/.test(head)) return pointer;
    const to = index(Number(head));
    return to === null ? null : `${prefix}/${to}${slash < 0 ? '' : rest.slice(slash)}`;
  };
}

/** A key map for the member `from` of the object at `prefix` renamed to `to` (`null`: removed). */
export function objectMember(prefix: string, from: string, to: string | null): (pointer: string) => string | null {
  const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
  const old = `${prefix}/${escape(from)}`;
  return (pointer) => {
    if (pointer !== old && !pointer.startsWith(`${old}/`)) return pointer;
    return to === null ? null : `${prefix}/${escape(to)}${pointer.slice(old.length)}`;
  };
}

/** The new index of each item after moving the item at `from` to `to` (the others shift to make room). */
export function moved(from: number, to: number): (i: number) => number {
  return (i) => {
    if (i === from) return to;
    if (from < to && i > from && i <= to) return i - 1;
    if (to < from && i >= to && i < from) return i + 1;
    return i;
  };
}

/** The new index of each item after removing the item at `removed`. */
export function removedAt(removed: number): (i: number) => number | null {
  return (i) => (i === removed ? null : i > removed ? i - 1 : i);
}
