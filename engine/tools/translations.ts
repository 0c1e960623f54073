/**
 * Translations of a program's texts. The English texts live in the document; `translations.<lang>` maps the JSON
 * Pointer of each English text to its translation, either `{ text, source }` (the translation and the English text
 * it translated) or, in the older form, the translated string alone. This module lists which texts are
 * translatable, reads a translation of either form (`translationOf`, the one accessor every reader uses), tells
 * which translations are missing, stale or current (`translationStatus`), records the sources of current ones
 * (`stampTranslations`) and produces the program in another language (untranslated texts stay English).
 */
import type { Program, RecordedTranslation, Translation } from '../format/types.ts';
import { withDefaults } from '../normalize/defaults.ts';
import { escapeSegment, parsePointer } from '../format/pointer.ts';

/** One translatable text: where it is in the document, and its English words. */
export interface TranslatableText {
  pointer: string;
  text: string;
}

const SCHEMA_MAPS = ['properties', 'patternProperties', 'definitions'];
const SCHEMA_ONE = ['items', 'additionalItems', 'additionalProperties', 'contains', 'propertyNames', 'if', 'then', 'else', 'not'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf'];
const UI_TEXTS = ['ui:title', 'ui:description', 'ui:help', 'ui:placeholder'];

function walkSchema(schema: unknown, at: string, out: TranslatableText[]): void {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return;
  const s = schema as Record<string, unknown>;
  for (const key of ['title', 'description'])
    if (typeof s[key] === 'string' && s[key] !== '') out.push({ pointer: `${at}/${key}`, text: s[key] as string });
  for (const key of SCHEMA_MAPS) {
    const map = s[key];
    if (map && typeof map === 'object') for (const [name, sub] of Object.entries(map)) walkSchema(sub, `${at}/${key}/${escapeSegment(name)}`, out);
  }
  if (s.dependencies && typeof s.dependencies === 'object') {
    for (const [name, dep] of Object.entries(s.dependencies))
      if (!Array.isArray(dep)) walkSchema(dep, `${at}/dependencies/${escapeSegment(name)}`, out);
  }
  for (const key of SCHEMA_ONE) {
    if (Array.isArray(s[key])) (s[key] as unknown[]).forEach((sub, i) => walkSchema(sub, `${at}/${key}/${i}`, out));
    else walkSchema(s[key], `${at}/${key}`, out);
  }
  for (const key of SCHEMA_LISTS) if (Array.isArray(s[key])) (s[key] as unknown[]).forEach((sub, i) => walkSchema(sub, `${at}/${key}/${i}`, out));
}

function walkUiSchema(node: unknown, at: string, out: TranslatableText[]): void {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return;
  for (const [key, value] of Object.entries(node)) {
    const here = `${at}/${escapeSegment(key)}`;
    if (UI_TEXTS.includes(key) && typeof value === 'string' && value !== '') out.push({ pointer: here, text: value });
    else if (key === 'ui:enumNames' && Array.isArray(value))
      value.forEach((v, i) => typeof v === 'string' && out.push({ pointer: `${here}/${i}`, text: v }));
    else if (!key.startsWith('ui:')) walkUiSchema(value, here, out);
  }
}

/**
 * Every translatable English text of the program, in document order: metadata title and description, the
 * referral's organisation and instructions, form schema titles and descriptions, uiSchema titles, descriptions, help,
 * placeholders and `ui:enumNames`, page titles and descriptions, derived titles, rule titles and messages, benefit
 * titles and explanations, workflow state, transition and deadline titles, guard messages, the applicant's `notify`
 * templates and decision reason titles.
 */
export function translatableTexts(document: Program): TranslatableText[] {
  const program = withDefaults(document);
  const out: TranslatableText[] = [];
  const add = (pointer: string, text: string | undefined): void => {
    if (typeof text === 'string' && text !== '') out.push({ pointer, text });
  };
  add('/title', program.title);
  add('/description', program.description);
  // Who runs the program, as applicants read it on the program list (issue 15); its url, email and phone are not words.
  add('/owner/name', program.owner?.name);
  add('/referral/organisation', program.referral?.organisation);
  add('/referral/instructions', program.referral?.instructions);
  walkSchema(program.form.schema, '/form/schema', out);
  walkUiSchema(program.form.uiSchema, '/form/uiSchema', out);
  program.form.pages.forEach((page, i) => {
    add(`/form/pages/${i}/title`, page.title);
    add(`/form/pages/${i}/description`, page.description);
  });
  for (const [name, derived] of Object.entries(program.derived)) add(`/derived/${escapeSegment(name)}/title`, derived.title);
  program.rules.forEach((rule, i) => {
    add(`/rules/${i}/title`, rule.title);
    for (const key of ['pass', 'fail', 'unknown'] as const) add(`/rules/${i}/messages/${key}`, rule.messages[key]);
    add(`/rules/${i}/waiver/message`, rule.waiver?.message);
  });
  program.benefits.forEach((benefit, i) => {
    add(`/benefits/${i}/title`, benefit.title);
    add(`/benefits/${i}/messages/explanation`, benefit.messages?.explanation);
  });
  for (const [name, state] of Object.entries(program.workflow.states)) add(`/workflow/states/${escapeSegment(name)}/title`, state.title);
  program.workflow.transitions.forEach((t, i) => {
    add(`/workflow/transitions/${i}/title`, t.title);
    add(`/workflow/transitions/${i}/guard/message`, t.guard?.message);
    // A plain message to the applicant (a `notify` action's template) is read on the status page and in email.
    (t.actions ?? []).forEach((a, j) => {
      if (a.type === 'notify' && String(a.to ?? 'applicant') === 'applicant' && typeof a.template === 'string')
        add(`/workflow/transitions/${i}/actions/${j}/template`, a.template);
    });
  });
  program.workflow.deadlines.forEach((d, i) => add(`/workflow/deadlines/${i}/title`, d.title));
  // What applicants read after submitting (issue 15): applicant-facing state and deadline texts, document types, notices.
  for (const [name, state] of Object.entries(program.workflow.states)) {
    add(`/workflow/states/${escapeSegment(name)}/applicantTitle`, state.applicantTitle);
    add(`/workflow/states/${escapeSegment(name)}/applicantDescription`, state.applicantDescription);
  }
  program.workflow.deadlines.forEach((d, i) => add(`/workflow/deadlines/${i}/applicantTitle`, d.applicantTitle));
  (program.documents ?? []).forEach((d, i) => {
    add(`/documents/${i}/title`, d.title);
    add(`/documents/${i}/description`, d.description);
  });
  for (const [kind, notice] of Object.entries(program.notices ?? {})) {
    add(`/notices/${escapeSegment(kind)}/subject`, notice?.subject);
    add(`/notices/${escapeSegment(kind)}/body`, notice?.body);
  }
  (program.workflow.decisionReasons ?? []).forEach((r, i) => add(`/workflow/decisionReasons/${i}/title`, r.title));
  return out;
}

function setAt(doc: unknown, ptr: string, value: string): void {
  const segments = parsePointer(ptr);
  let node = doc as Record<string, unknown>;
  for (const segment of segments.slice(0, -1)) node = node[segment] as Record<string, unknown>;
  node[segments[segments.length - 1]] = value;
}

/**
 * The program with its texts in `lang`: each translatable text that `translations[lang]` translates is replaced,
 * the others stay English. English (or a language with no translations) returns an unchanged copy. Pointers that
 * name no translatable text are ignored (validation reports them as `translation.unknown-path`).
 */
export function localize(program: Program, lang: string): Program {
  const copy = structuredClone(program);
  const table = program.translations?.[lang];
  if (!table || lang === 'en') return copy;
  for (const { pointer } of translatableTexts(program)) {
    const translated = translationOf(table, pointer);
    if (translated) setAt(copy, pointer, translated.text);
  }
  return copy;
}

/** One translation read from either form: its text, and the English text it records having translated. */
export interface TranslationEntry {
  text: string;
  /** Absent for a translation written as a plain string (its staleness cannot be checked). */
  source?: string;
}

/** A language's table of translations: JSON Pointer of an English text → its translation. */
export type TranslationTable = Record<string, Translation>;

/**
 * The translation of the text at `pointer` in `table`, whichever form it is written in; `undefined` when there is
 * none, its text is empty, or the value is of neither form (format validation reports that).
 */
export function translationOf(table: TranslationTable | undefined, pointer: string): TranslationEntry | undefined {
  const value: unknown = table?.[pointer];
  if (typeof value === 'string') return value === '' ? undefined : { text: value };
  if (value && typeof value === 'object' && typeof (value as RecordedTranslation).text === 'string') {
    const { text, source } = value as RecordedTranslation;
    if (text === '') return undefined;
    return typeof source === 'string' ? { text, source } : { text };
  }
  return undefined;
}

/** A translation that records the English text it translated, in the format's written shape. */
export function recordedTranslation(text: string, source: string): RecordedTranslation {
  return { text, source };
}

/**
 * Where a translation stands against the current English text: `missing` (none), `stale` (it records a source that
 * differs from the English text now), `unchecked` (a plain string: it records no source), `current` (its source is
 * the English text now).
 */
export type TranslationState = 'missing' | 'stale' | 'unchecked' | 'current';

/** One translatable text in one language. */
export interface TranslationStatus {
  pointer: string;
  /** The English text as it stands in the document. */
  english: string;
  state: TranslationState;
  /** The translated text, when there is one. */
  text?: string;
  /** The English text the translation records having translated (set when `state` is `stale` or `current`). */
  source?: string;
}

/** Every translatable text of the program with its state in `lang`, in document order. */
export function translationStatus(program: Program, lang: string): TranslationStatus[] {
  const table = program.translations?.[lang];
  return translatableTexts(program).map(({ pointer, text: english }) => {
    const entry = translationOf(table, pointer);
    if (!entry) return { pointer, english, state: 'missing' };
    if (entry.source === undefined) return { pointer, english, state: 'unchecked', text: entry.text };
    return { pointer, english, state: entry.source === english ? 'current' : 'stale', text: entry.text, source: entry.source };
  });
}

/** What `stampTranslations` did in one language. */
export interface StampCount {
  /** Plain-string translations that now record their source. */
  stamped: number;
  /** Translations that already recorded the current English text. */
  current: number;
  /** Translations whose recorded source differs from the English text: left as they were. */
  stale: number;
  /** Translatable texts with no translation. */
  missing: number;
}

/**
 * The program's translations with every plain-string translation rewritten to record the current English text as
 * its source — which asserts that those translations are current, so review them first. Recorded translations
 * (current or stale) and entries pointing at no translatable text are kept as they are; so are languages' key
 * orders. Returns the new `translations` and, per language, how many of each kind there were.
 */
export function stampTranslations(program: Program): { translations: Record<string, TranslationTable>; counts: Record<string, StampCount> } {
  const translations: Record<string, TranslationTable> = {};
  const counts: Record<string, StampCount> = {};
  for (const [lang, table] of Object.entries(program.translations ?? {})) {
    const count: StampCount = { stamped: 0, current: 0, stale: 0, missing: 0 };
    const english = new Map(translatableTexts(program).map((t) => [t.pointer, t.text]));
    const out: TranslationTable = {};
    for (const [pointer, value] of Object.entries(table)) {
      const entry = translationOf(table, pointer);
      const source = english.get(pointer);
      if (entry && source !== undefined && entry.source === undefined) {
        out[pointer] = recordedTranslation(entry.text, source);
        count.stamped++;
      } else {
        out[pointer] = value;
        if (entry?.source !== undefined && source !== undefined) count[entry.source === source ? 'current' : 'stale']++;
      }
    }
    for (const pointer of english.keys()) if (!translationOf(table, pointer)) count.missing++;
    translations[lang] = out;
    counts[lang] = count;
  }
  return { translations, counts };
}
