/**
 * A new program from a template (issue 11): a template is a complete program whose id, title, organisation,
 * languages and start date are the guided start's to choose. `instantiate(template, choices)` is the one place
 * that fills them, for the CLI (`mandate init`) and the server (`POST /api/programs/from-template`) alike.
 *
 *   template document + { id, title, owner, languages, effectiveFrom? } ──▶ { program?, diagnostics }
 *
 * Pure: the start date is an argument, never today's date.
 */
import type { Diagnostic, Program } from '../format/types.ts';
import { isoDateKey } from '../languages/formula/dates.ts';
import { SPOKEN, type Params } from '../messages/catalogue.ts';
import { TEMPLATE_MESSAGES, type TemplateCode } from '../messages/template.ts';
import { pointer } from '../format/pointer.ts';
import { recordedTranslation } from './translations.ts';
import { PROGRAM_ID_PATTERN, suggestId } from '../format/program-id.ts';

export { PROGRAM_ID_PATTERN, suggestId };

/** What the guided start chooses. */
export interface TemplateChoices {
  /** The new program's id (lowercase letters, digits and hyphens). */
  id: string;
  /** The program's name as applicants know it, in English. */
  title: string;
  /** The organisation responsible for the program (its name). */
  owner: string;
  /** The languages offered; English always among them (the texts are English, others are translations). */
  languages: string[];
  /** First day the program applies (YYYY-MM-DD); the template's own start date when absent. */
  effectiveFrom?: string;
  /** The program's name in other chosen languages, by language (optional: a missing one is a missing translation). */
  titleTranslations?: Record<string, string>;
  /** The organisation's name in other chosen languages, by language (optional, like `titleTranslations`). */
  ownerTranslations?: Record<string, string>;
}

/** What `instantiate` returns: the new program when the choices are usable, and the problems with each choice. */
export interface InstantiateResult {
  program?: Program;
  /** Problems with the choices; each `path` is a JSON Pointer into the choices (`/id`, `/languages/1`, …). */
  diagnostics: Diagnostic[];
}

/** A problem with one choice (or the template's name), worded from `TEMPLATE_MESSAGES`. */
export const templateProblem = (code: TemplateCode, path: string, params: Params = {}): Diagnostic => ({
  code,
  severity: 'error',
  path,
  message: TEMPLATE_MESSAGES.render(code, params),
  params,
});

/** Problems with the choices, each at the field it concerns; none when the template can be filled with them. */
export function checkChoices(template: Program, choices: TemplateChoices): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (!PROGRAM_ID_PATTERN.test(choices.id))
    out.push(templateProblem('template.id-pattern', '/id', { value: choices.id, example: suggestId(choices.title) || template.id }));
  if (choices.title.trim() === '') out.push(templateProblem('template.text-empty', '/title', { what: 'title' }));
  if (choices.owner.trim() === '') out.push(templateProblem('template.text-empty', '/owner', { what: 'owner' }));
  const seen = new Set<string>();
  choices.languages.forEach((lang, i) => {
    if (!(SPOKEN as readonly string[]).includes(lang))
      out.push(templateProblem('template.language-unknown', pointer('languages', i), { value: lang, allowed: SPOKEN }));
    else if (seen.has(lang)) out.push(templateProblem('template.language-repeated', pointer('languages', i), { value: lang }));
    seen.add(lang);
  });
  if (!choices.languages.includes('en')) out.push(templateProblem('template.language-english', '/languages'));
  for (const key of ['titleTranslations', 'ownerTranslations'] as const) {
    for (const lang of Object.keys(choices[key] ?? {})) {
      if (lang === 'en' || !choices.languages.includes(lang))
        out.push(templateProblem('template.title-translation-language', pointer(key, lang), { lang }));
    }
  }
  const from = choices.effectiveFrom;
  if (from !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || Number.isNaN(isoDateKey(from)))
      out.push(templateProblem('template.date-invalid', '/effectiveFrom', { value: from, earliest: template.effectiveFrom }));
    else if (from < template.effectiveFrom)
      out.push(
        templateProblem('template.date-too-early', '/effectiveFrom', { value: from, earliest: template.effectiveFrom, template: template.id }),
      );
  }
  return out;
}

/**
 * Fills a template with the guided start's choices: a complete program at version 1 with the chosen id, title,
 * organisation and languages. Translations are kept only for the chosen languages; a chosen language the template
 * has no texts for gets none (its texts show as missing, never as made-up words), and when the title changes its
 * old translations go (they translated the template's name), replaced by `titleTranslations` where given. The
 * template's own dated values (those dated on its start date) move to the chosen start date, and test cases
 * dated before it move to it; values with dates of their own (a federal figure's effective date) keep them.
 * Returns no program when a choice is unusable (`checkChoices`).
 */
export function instantiate(template: Program, choices: TemplateChoices): InstantiateResult {
  const diagnostics = checkChoices(template, choices);
  if (diagnostics.length > 0) return { diagnostics };
  const doc = structuredClone(template);
  const start = choices.effectiveFrom ?? template.effectiveFrom;
  const title = choices.title.trim();
  doc.id = choices.id;
  doc.title = title;
  doc.owner = { name: choices.owner.trim() };
  doc.version = 1;
  doc.languages = ['en', ...choices.languages.filter((l) => l !== 'en')];
  doc.effectiveFrom = start;

  const translations: NonNullable<Program['translations']> = {};
  for (const lang of doc.languages.slice(1)) {
    const table = { ...(template.translations?.[lang] ?? {}) };
    if (title !== template.title) delete table['/title'];
    // The template's owner is replaced by the one chosen: a translation of the old name would name someone else.
    if (doc.owner.name !== template.owner.name) delete table['/owner/name'];
    const translatedOwner = choices.ownerTranslations?.[lang]?.trim();
    if (translatedOwner) table['/owner/name'] = recordedTranslation(translatedOwner, doc.owner.name);
    const translatedTitle = choices.titleTranslations?.[lang]?.trim();
    // Written now from the title just chosen, so it records that English as its source (it is current).
    if (translatedTitle) table['/title'] = recordedTranslation(translatedTitle, title);
    if (Object.keys(table).length > 0) translations[lang] = table;
  }
  if (Object.keys(translations).length > 0) doc.translations = translations;
  else delete doc.translations;

  if (start !== template.effectiveFrom) {
    for (const parameter of Object.values(doc.parameters)) {
      const values = parameter.values as Record<string, unknown>;
      // Only when no other value of the parameter is in force by the new start (else that one already applies).
      const others = Object.keys(values).filter((date) => date !== template.effectiveFrom && date <= start);
      if (!Object.hasOwn(values, template.effectiveFrom) || others.some((date) => date > template.effectiveFrom)) continue;
      const moved: Record<string, unknown> = {};
      for (const [date, value] of Object.entries(values)) moved[date === template.effectiveFrom ? start : date] = value;
      parameter.values = moved as typeof parameter.values;
    }
    for (const test of doc.tests ?? []) if (test.date < start) test.date = start;
  }
  return { program: doc, diagnostics: [] };
}
