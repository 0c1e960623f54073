/**
 * The one shape of every message catalogue: `code → { severity?, text: { en: (params) => string, es: … } }`.
 *
 * Errors travel as a code and params; their words are looked up here and rendered at the edge in the reader's
 * language (`render`). A catalogue declares the languages it is written in, and every entry must have a text for
 * each of them (a missing one is a type error). The server speaks `SPOKEN`; any other requested language, and any
 * language a catalogue is not written in, is answered in English.
 */
import type { Severity } from '../format/types.ts';

/** The languages the server's own messages are written in. English is the fallback for everything else. */
export const SPOKEN = ['en', 'es'] as const;
/** One of the languages the server speaks. */
export type Lang = (typeof SPOKEN)[number];

/** The values a message is built from (a field title, a limit, an id…). */
export type Params = Record<string, unknown>;

/** One text per language `L`. */
export type Texts<L extends Lang = Lang> = { readonly [K in L]: (p: Params) => string };

/** One catalogue entry: the words of a code and, for diagnostics, its default severity. */
export interface Entry<L extends Lang = Lang> {
  severity?: Severity;
  text: Texts<L>;
}

/** A named set of entries written in `languages` (always including English). */
export interface Catalogue<C extends string = string, L extends Lang = Lang> {
  name: string;
  /** The languages every entry is written in (English always among them). */
  languages: readonly Lang[];
  entries: Readonly<Record<C, Entry<L>>>;
  /** The words of `code` with `params` in `lang` (English when this catalogue is not written in `lang`). */
  render(code: C, params?: Params, lang?: string): string;
}

/**
 * Declares a catalogue. `languages` fixes which texts every entry must give: `['en', 'es']` for what applicants
 * read, `['en']` for analyst-facing words that are not translated yet (adding Spanish later is data only).
 */
export function catalogue<L extends Lang, const E extends Record<string, Entry<NoInfer<L> | 'en'>>>(
  name: string,
  languages: readonly L[],
  entries: E,
): Catalogue<keyof E & string, L | 'en'> {
  const spoken = [...new Set<L | 'en'>(['en', ...languages])];
  const render = (code: keyof E & string, params: Params = {}, lang = 'en'): string => {
    const text = entries[code].text as Partial<Texts>;
    return ((text[speak(lang)] ?? text.en) as (p: Params) => string)(params);
  };
  return { name, languages: spoken, entries, render };
}

/**
 * The language to answer in for a requested tag (`es`, `es-MX`, `ES`): the spoken language it names, else English.
 */
export function speak(requested: string | null | undefined): Lang {
  const primary = (requested ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return (SPOKEN as readonly string[]).includes(primary) ? (primary as Lang) : 'en';
}

/** A catalogue of any codes and languages (each is written in English at least). */
export type AnyCatalogue = Catalogue<string, 'en'>;

/**
 * The words of `code` in `lang` (English when the catalogue is not written in `lang`), from the first of
 * `catalogues` that has the code; `undefined` when none has it.
 */
export function renderFrom(catalogues: readonly AnyCatalogue[], code: string, params: Params = {}, lang: string = 'en'): string | undefined {
  const c = catalogues.find((c) => Object.hasOwn(c.entries, code));
  return c?.render(code, params, lang);
}

/** A value quoted as JSON, for naming keys and values exactly: `"members"`. */
export const q = (v: unknown): string => JSON.stringify(v);

/** A list of quoted values, or `(none)`/`(ninguno)`. */
export const list = (v: unknown, none = '(none)'): string => (Array.isArray(v) && v.length > 0 ? v.map((x) => q(x)).join(', ') : none);

/** Joins words as "a, b or c" (`or` in the reader's language). */
export const orList = (items: readonly string[], or = 'or'): string =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${or} ${items[items.length - 1]}`;
