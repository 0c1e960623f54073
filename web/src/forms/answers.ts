/**
 * Answers as a person reads them: `describeAnswers(schema, uiSchema, fields, answers, …)` returns, for the given
 * top-level fields, rows of `{ title, value }` (nested rows for objects and each member of a repeating group), with
 * yes/no, option labels, money and dates formatted, and "Not answered" for gaps. `describeShared` does the same for
 * answers shared between programs (concept values, typed by the concept's schema); `describePrefilledList` for a
 * prefilled list, showing only the parts it fills.
 */
import { conceptSchema } from '../../../engine/browser.ts';
import { formatDate, formatMoney } from '../shared/format.ts';
import type { Translate } from '../shared/i18n.tsx';

type Schema = Record<string, unknown>;

/** One line of the review: a question and its answer, or a group with its own lines. */
export interface AnswerRow {
  key: string;
  title: string;
  value?: string;
  rows?: AnswerRow[];
}

function optionLabel(schema: Schema, ui: Schema | undefined, value: unknown): string | undefined {
  if (Array.isArray(schema.enum)) {
    const names = ui?.['ui:enumNames'];
    const index = schema.enum.indexOf(value);
    if (Array.isArray(names) && index >= 0 && typeof names[index] === 'string') return names[index] as string;
    return index >= 0 ? String(value) : undefined;
  }
  const choices = (schema.oneOf ?? schema.anyOf) as Schema[] | undefined;
  if (Array.isArray(choices)) {
    const match = choices.find((c) => c.const === value);
    if (match && typeof match.title === 'string') return match.title;
  }
  return undefined;
}

function scalar(schema: Schema, ui: Schema | undefined, value: unknown, t: Translate, lang: string): string {
  if (value === undefined || value === null || value === '') return t('common.notAnswered');
  if (typeof value === 'boolean') {
    // The question's own words when it has them (`oneOf` const/title, or `ui:enumNames` for true then false).
    const names = ui?.['ui:enumNames'];
    const own =
      optionLabel(schema, ui, value) ??
      (Array.isArray(names) && typeof names[value ? 0 : 1] === 'string' ? (names[value ? 0 : 1] as string) : undefined);
    return own ?? (value ? t('common.yes') : t('common.no'));
  }
  const label = optionLabel(schema, ui, value);
  if (label) return label;
  const unit = (ui?.['ui:options'] as Schema | undefined)?.unit;
  if (typeof value === 'number' && typeof unit === 'string' && unit.startsWith('USD')) return formatMoney(value, lang);
  if (typeof value === 'string' && schema.format === 'date') return formatDate(value, lang);
  if (Array.isArray(value)) {
    const items = (schema.items ?? {}) as Schema;
    // A multiple choice's `ui:enumNames` sit on the question itself (RJSF reads them there), or on its items.
    const label = (v: unknown) => optionLabel(items, (ui?.items as Schema | undefined) ?? ui, v) ?? optionLabel(items, ui, v) ?? String(v);
    return value.length ? value.map(label).join(', ') : t('common.none');
  }
  return String(value);
}

function row(key: string, schema: Schema, ui: Schema | undefined, value: unknown, t: Translate, lang: string): AnswerRow {
  const title = typeof schema.title === 'string' ? schema.title : key;
  if (schema.type === 'object' && schema.properties) {
    const object = (value ?? {}) as Record<string, unknown>;
    const props = schema.properties as Record<string, Schema>;
    return {
      key,
      title,
      rows: Object.keys(props).map((name) => row(`${key}.${name}`, props[name], ui?.[name] as Schema, object[name], t, lang)),
    };
  }
  const items = schema.items as Schema | undefined;
  if (schema.type === 'array' && items && items.type === 'object') {
    const list = Array.isArray(value) ? value : [];
    const itemTitle = typeof items.title === 'string' ? items.title : title;
    if (list.length === 0) return { key, title, value: t('common.none') };
    return {
      key,
      title,
      rows: list.map((item, i) => ({
        ...row(`${key}.${i}`, items, ui?.items as Schema, item, t, lang),
        title: t('apply.member', { item: itemTitle, n: i + 1 }),
      })),
    };
  }
  return { key, title, value: scalar(schema, ui, value, t, lang) };
}

/** The review rows for `fields` of a (resolved) form schema. */
export function describeAnswers(
  schema: Schema,
  uiSchema: Schema | undefined,
  fields: string[],
  answers: Record<string, unknown>,
  t: Translate,
  lang: string,
): AnswerRow[] {
  const props = (schema.properties ?? {}) as Record<string, Schema>;
  return fields.filter((name) => props[name]).map((name) => row(name, props[name], uiSchema?.[name] as Schema | undefined, answers[name], t, lang));
}

/** One shared answer as the referral views carry it: the concept, its label in the page's language, the value. */
export interface SharedAnswer {
  concept: string;
  label: string;
  value: unknown;
}

/** The rows of shared answers, each formatted by its concept's schema (`conceptSchema`), titled by its label. */
export function describeShared(answers: readonly SharedAnswer[], t: Translate, lang: string): AnswerRow[] {
  return answers.map((a) => {
    const typed = conceptSchema(a.concept, lang) ?? { schema: {}, uiSchema: {} };
    return { ...row(a.concept, typed.schema, typed.uiSchema, a.value, t, lang), title: a.label };
  });
}

/**
 * The row of one prefilled list (the household's members) as the check step shows it: person by person, with only
 * the parts the prefill carries (a name and a date of birth are filled; an income left to the form's pages is not
 * shown as "Not answered").
 */
export function describePrefilledList(answer: SharedAnswer, t: Translate, lang: string): AnswerRow {
  const typed = conceptSchema(answer.concept, lang) ?? { schema: {}, uiSchema: {} };
  const items = typed.schema.items as Schema | undefined;
  const properties = items?.properties as Record<string, Schema> | undefined;
  if (!properties || !Array.isArray(answer.value)) return describeShared([answer], t, lang)[0];
  const carried = new Set(answer.value.flatMap((item) => (item && typeof item === 'object' ? Object.keys(item) : [])));
  const narrowed = { ...items, properties: Object.fromEntries(Object.entries(properties).filter(([name]) => carried.has(name))) };
  return { ...row(answer.concept, { ...typed.schema, items: narrowed }, typed.uiSchema, answer.value, t, lang), title: answer.label };
}

/** A row's answer on one line (for a checkbox label): a group's lines in brackets, `Ana Ruiz (May 1, 1990; $900), …`. */
export function answerText(r: AnswerRow): string {
  if (!r.rows) return r.value ?? '';
  if (r.rows.some((x) => x.rows)) return r.rows.map(answerText).join(', ');
  const [first, ...rest] = r.rows.map(answerText);
  return rest.length ? `${first} (${rest.join('; ')})` : (first ?? '');
}
