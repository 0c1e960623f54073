/**
 * The translations grid's view of a definition, and the edits it makes. Rows are the engine's translatable texts
 * (`translatableTexts`), grouped by the part of the program they belong to, each with its state in every language
 * but English (`translationStatus`: missing, stale, unchecked, current). Every edit returns a new document: a
 * translation is written with the English text it translates recorded as its source, so the engine can tell when
 * that English changes.
 */
import {
  escapeSegment,
  parsePointer,
  recordedTranslation,
  stampTranslations,
  translationStatus,
  type Program,
  type TranslationState,
  type TranslationStatus,
} from '../../../../engine/index.ts';

/** The parts the grid groups texts by, in the order it shows them. */
export const GROUPS = ['program', 'pages', 'questions', 'derived', 'rules', 'benefits', 'workflow'] as const;
export type Group = (typeof GROUPS)[number];

/** What kind of text a row is, for its label: a title, a help text, a rule's message when met, ... */
export type TextKind = 'title' | 'description' | 'help' | 'placeholder' | 'option' | 'pass' | 'fail' | 'unknown' | 'waiver' | 'explanation' | 'guard';

/** One translatable text with its state in each language. */
export interface GridRow {
  pointer: string;
  english: string;
  group: Group;
  /** What the text belongs to, in the definition's own names: a question's field path, a rule's id, ... */
  owner: string;
  kind: TextKind;
  /** For `option`: its position, from 1. */
  option?: number;
  cells: Record<string, TranslationStatus>;
}

/** The grid of a definition: the languages other than English, and one row per translatable text. */
export interface Grid {
  languages: string[];
  rows: GridRow[];
  /** Translation keys that point at no translatable text, per language. */
  strays: { lang: string; pointer: string }[];
}

const LANGUAGE = /^[a-z]{2}(-[A-Z]{2})?$/;

/** The place of a translation in the definition: `/translations/<lang>/<pointer with "/" as "~1">`. */
export function translationPointer(lang: string, pointer: string): string {
  return `/translations/${escapeSegment(lang)}/${escapeSegment(pointer)}`;
}

function groupOf(segments: string[]): Group {
  const [top, second] = segments;
  // The form's own title and description go with its pages; the texts of its fields are the questions.
  if (top === 'form') return second === 'pages' || (second === 'schema' && segments.length === 3) ? 'pages' : 'questions';
  if (top === 'derived' || top === 'rules' || top === 'benefits' || top === 'workflow') return top;
  return 'program';
}

function kindOf(segments: string[]): { kind: TextKind; option?: number } {
  const last = segments[segments.length - 1];
  const parent = segments[segments.length - 2];
  if (parent === 'ui:enumNames') return { kind: 'option', option: Number(last) + 1 };
  if (parent === 'messages' && (last === 'pass' || last === 'fail' || last === 'unknown' || last === 'explanation')) return { kind: last };
  if (parent === 'waiver') return { kind: 'waiver' };
  if (parent === 'guard') return { kind: 'guard' };
  if (last === 'ui:help') return { kind: 'help' };
  if (last === 'ui:placeholder') return { kind: 'placeholder' };
  if (last === 'description' || last === 'ui:description') return { kind: 'description' };
  return { kind: 'title' };
}

const SCHEMA_WORDS = new Set(['properties', 'items', 'patternProperties', 'definitions', 'dependencies', 'additionalProperties']);

function itemName(list: unknown, index: string, key: string): string {
  const item = Array.isArray(list) ? (list[Number(index)] as Record<string, unknown> | undefined) : undefined;
  return typeof item?.[key] === 'string' ? (item[key] as string) : `#${Number(index) + 1}`;
}

/** Who a text belongs to, in the definition's names (a question's field path, a rule's id, a state's name, ...). */
function ownerOf(doc: Record<string, unknown>, segments: string[]): string {
  const [top, second, third] = segments;
  const form = (doc.form ?? {}) as Record<string, unknown>;
  const workflow = (doc.workflow ?? {}) as Record<string, unknown>;
  if (top === 'form' && second === 'pages') return itemName(form.pages, third, 'id');
  if (top === 'form' && second === 'schema') {
    const names = segments.slice(2, -1).filter((s, i, all) => !SCHEMA_WORDS.has(s) || SCHEMA_WORDS.has(all[i - 1] ?? ''));
    return names.join(' › ');
  }
  if (top === 'form' && second === 'uiSchema') {
    const names = segments.slice(2).filter((s) => !s.startsWith('ui:') && !/^\d+$/.test(s) && s !== 'items');
    return names.join(' › ');
  }
  if (top === 'derived') return second;
  if (top === 'rules') return itemName(doc.rules, second, 'id');
  if (top === 'benefits') return itemName(doc.benefits, second, 'id');
  if (top === 'workflow' && second === 'states') return third;
  if (top === 'workflow' && second === 'transitions') return itemName(workflow.transitions, third, 'event');
  if (top === 'workflow' && second === 'deadlines') return itemName(workflow.deadlines, third, 'id');
  return '';
}

/** The declared languages other than English, in the definition's order. */
export function otherLanguages(doc: Record<string, unknown>): string[] {
  const languages = Array.isArray(doc.languages) ? doc.languages : [];
  return languages.filter((l): l is string => typeof l === 'string' && l !== 'en');
}

/** The grid of `doc` (a definition that may still have diagnostics, but whose parts have their shapes). */
export function gridOf(doc: Record<string, unknown>): Grid {
  const program = doc as unknown as Program;
  const languages = otherLanguages(doc);
  const byLang = new Map(languages.map((lang) => [lang, translationStatus(program, lang)]));
  const english = translationStatus(program, 'en');
  const rows: GridRow[] = english.map((t, i) => {
    const segments = parsePointer(t.pointer);
    const cells: Record<string, TranslationStatus> = {};
    for (const lang of languages) cells[lang] = (byLang.get(lang) ?? [])[i];
    return { pointer: t.pointer, english: t.english, group: groupOf(segments), owner: ownerOf(doc, segments), ...kindOf(segments), cells };
  });
  const known = new Set(english.map((t) => t.pointer));
  const translations = (doc.translations ?? {}) as Record<string, Record<string, unknown>>;
  const strays = Object.entries(translations).flatMap(([lang, table]) =>
    Object.keys(table ?? {})
      .filter((pointer) => !known.has(pointer))
      .map((pointer) => ({ lang, pointer })),
  );
  return { languages, rows, strays };
}

/** How many texts of a language are in each state. */
export function countsOf(grid: Grid, lang: string): Record<TranslationState, number> {
  const counts: Record<TranslationState, number> = { missing: 0, stale: 0, unchecked: 0, current: 0 };
  for (const row of grid.rows) counts[row.cells[lang].state]++;
  return counts;
}

/** What the grid shows: every text, or only those missing or stale in a language shown. */
export type Filter = 'all' | 'missing' | 'stale';

/** True when `row` is shown under `filter` for the languages in `langs`. */
export function rowShown(row: GridRow, filter: Filter, langs: readonly string[]): boolean {
  return filter === 'all' || langs.some((lang) => row.cells[lang]?.state === filter);
}

function withTable(doc: Record<string, unknown>, lang: string, change: (table: Record<string, unknown>) => void): Record<string, unknown> {
  const translations = { ...((doc.translations ?? {}) as Record<string, Record<string, unknown>>) };
  const table = { ...(translations[lang] ?? {}) };
  change(table);
  translations[lang] = table;
  return 'translations' in doc
    ? Object.fromEntries(Object.entries(doc).map(([k, v]) => [k, k === 'translations' ? translations : v]))
    : { ...doc, translations };
}

/**
 * The document with the `lang` translation of the text at `pointer` set to `text`, recording `english` (the text
 * as it stands) as its source; an empty text removes the translation (it becomes missing).
 */
export function withTranslation(doc: Record<string, unknown>, lang: string, pointer: string, text: string, english: string): Record<string, unknown> {
  return withTable(doc, lang, (table) => {
    if (text === '') delete table[pointer];
    else table[pointer] = recordedTranslation(text, english);
  });
}

/** The document with the translation at `pointer` confirmed as translating `english`, its text unchanged. */
export function markCurrent(doc: Record<string, unknown>, lang: string, row: GridRow): Record<string, unknown> {
  const text = row.cells[lang]?.text;
  return text === undefined ? doc : withTranslation(doc, lang, row.pointer, text, row.english);
}

/** The document without the `lang` entry at `pointer` (one that translates nothing). */
export function withoutTranslation(doc: Record<string, unknown>, lang: string, pointer: string): Record<string, unknown> {
  return withTable(doc, lang, (table) => {
    delete table[pointer];
  });
}

/** Why `code` cannot be added as a language of `doc`, or `undefined` when it can. */
export function languageProblem(doc: Record<string, unknown>, code: string): 'format' | 'english' | 'present' | undefined {
  if (!LANGUAGE.test(code)) return 'format';
  if (code === 'en') return 'english';
  const languages = Array.isArray(doc.languages) ? doc.languages : [];
  return languages.includes(code) ? 'present' : undefined;
}

/** The document with `code` added to `languages` and an empty table of its translations (every text missing). */
export function withLanguage(doc: Record<string, unknown>, code: string): Record<string, unknown> {
  const languages = Array.isArray(doc.languages) ? doc.languages : ['en'];
  const next = Object.fromEntries(Object.entries(doc).map(([k, v]) => [k, k === 'languages' ? [...languages, code] : v]));
  if (!('languages' in next)) next.languages = [...languages, code];
  const translations = (doc.translations ?? {}) as Record<string, unknown>;
  return translations[code] ? next : withTable(next, code, () => undefined);
}

/**
 * The document with every plain-string `lang` translation recording the English it translates now (the engine's
 * `stampTranslations`, for one language): the studio's "mark all as still correct" for translations that record no
 * source. Recorded translations, current or stale, are kept.
 */
export function withSourcesRecorded(doc: Record<string, unknown>, lang: string): Record<string, unknown> {
  const stamped = stampTranslations(doc as unknown as Program).translations[lang];
  return stamped ? withTable(doc, lang, (table) => Object.assign(table, stamped)) : doc;
}
