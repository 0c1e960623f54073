/**
 * The question types the form builder offers, and how each maps to the form's JSON Schema property and uiSchema entry:
 * the one place that knows both directions. `kindOf` recognises a definition's existing question as its type (or
 * `undefined`: a shape the builder does not edit, shown as "edited in JSON"); `newQuestion` writes a new one. Edits
 * change only the keys they own, so keys a builder does not know survive.
 */

/** A JSON Schema object or uiSchema entry, as the definition holds it. */
export type Json = Record<string, unknown>;

/** The question types, in the order the builder offers them. */
export const KINDS = ['text', 'longText', 'number', 'money', 'yesNo', 'singleChoice', 'multipleChoice', 'date', 'email', 'phone', 'group'] as const;
export type QuestionKind = (typeof KINDS)[number];

/** The kinds a repeating group's own questions may have (no group inside a group). */
export const MEMBER_KINDS: readonly QuestionKind[] = KINDS.filter((k) => k !== 'group');

/** One option of a choice question: the stored value and the words the applicant sees. */
export interface Choice {
  value: string;
  label: string;
}

function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The money unit the pages draw with a "$" prefix (any `USD…` unit). */
export function isMoneyUnit(unit: unknown): boolean {
  return typeof unit === 'string' && unit.startsWith('USD');
}

function uiOptions(ui: Json | undefined): Json {
  return isObject(ui?.['ui:options']) ? (ui['ui:options'] as Json) : {};
}

/** The options of a string schema with `oneOf` const/title or `enum` (+ `ui:enumNames`); undefined if neither. */
function optionsOf(schema: Json, ui: Json | undefined): Choice[] | undefined {
  if (Array.isArray(schema.oneOf)) {
    const all = schema.oneOf.every((o) => isObject(o) && typeof o.const === 'string' && Object.keys(o).every((k) => k === 'const' || k === 'title'));
    if (!all) return undefined;
    return (schema.oneOf as Json[]).map((o) => ({ value: o.const as string, label: typeof o.title === 'string' ? o.title : (o.const as string) }));
  }
  if (Array.isArray(schema.enum) && schema.enum.every((v) => typeof v === 'string')) {
    const names = Array.isArray(ui?.['ui:enumNames']) ? (ui['ui:enumNames'] as unknown[]) : [];
    return (schema.enum as string[]).map((value, i) => ({ value, label: typeof names[i] === 'string' ? (names[i] as string) : value }));
  }
  return undefined;
}

/** Recognises a question's type from its schema and uiSchema entry; undefined for a shape the builder does not edit. */
export function kindOf(schema: unknown, ui?: unknown): QuestionKind | undefined {
  if (!isObject(schema) || typeof schema.title !== 'string') return undefined;
  const u = isObject(ui) ? ui : undefined;
  const widget = u?.['ui:widget'];
  const conditional = 'if' in schema || 'allOf' in schema || 'anyOf' in schema || 'dependencies' in schema || '$ref' in schema;
  if (conditional) return undefined;
  switch (schema.type) {
    case 'string': {
      if (schema.enum !== undefined || schema.oneOf !== undefined) {
        if (!optionsOf(schema, u)) return undefined;
        return widget === undefined || widget === 'radio' || widget === 'select' ? 'singleChoice' : undefined;
      }
      if (schema.format === 'date') return widget === undefined || widget === 'date' || widget === 'alt-date' ? 'date' : undefined;
      if (schema.format === 'email') return widget === undefined ? 'email' : undefined;
      if (schema.format !== undefined) return undefined;
      if (widget === 'textarea') return 'longText';
      if (widget !== undefined) return undefined;
      return uiOptions(u).inputType === 'tel' ? 'phone' : 'text';
    }
    case 'number':
    case 'integer':
      if (widget !== undefined) return undefined;
      return isMoneyUnit(uiOptions(u).unit) ? 'money' : 'number';
    case 'boolean': {
      if (widget !== undefined && widget !== 'radio') return undefined;
      if (schema.oneOf === undefined) return 'yesNo';
      const ok =
        Array.isArray(schema.oneOf) &&
        schema.oneOf.length === 2 &&
        schema.oneOf.every((o) => isObject(o) && typeof o.const === 'boolean' && typeof o.title === 'string');
      return ok ? 'yesNo' : undefined;
    }
    case 'array': {
      const items = schema.items;
      if (!isObject(items)) return undefined;
      if (items.type === 'object' && isObject(items.properties)) return widget === undefined ? 'group' : undefined;
      if (items.type === 'string' && optionsOf(items, undefined))
        return widget === undefined || widget === 'checkboxes' ? 'multipleChoice' : undefined;
      return undefined;
    }
    default:
      return undefined;
  }
}

/** A new question of `kind` titled `title`: its schema and its uiSchema entry (undefined when it needs none). */
export function newQuestion(
  kind: QuestionKind,
  title: string,
  words: { option: (n: number) => string; member: string },
): { schema: Json; ui?: Json } {
  const twoOptions = (): Json[] => [1, 2].map((n) => ({ const: `option${n}`, title: words.option(n) }));
  switch (kind) {
    case 'text':
      return { schema: { type: 'string', title } };
    case 'longText':
      return { schema: { type: 'string', title }, ui: { 'ui:widget': 'textarea' } };
    case 'number':
      return { schema: { type: 'number', title } };
    case 'money':
      return { schema: { type: 'number', title, minimum: 0 }, ui: { 'ui:options': { unit: 'USD' } } };
    case 'yesNo':
      return { schema: { type: 'boolean', title }, ui: { 'ui:widget': 'radio' } };
    case 'singleChoice':
      return { schema: { type: 'string', title, oneOf: twoOptions() }, ui: { 'ui:widget': 'radio' } };
    case 'multipleChoice':
      return {
        schema: { type: 'array', title, items: { type: 'string', oneOf: twoOptions() }, uniqueItems: true },
        ui: { 'ui:widget': 'checkboxes' },
      };
    case 'date':
      return { schema: { type: 'string', format: 'date', title } };
    case 'email':
      return { schema: { type: 'string', format: 'email', title } };
    case 'phone':
      return { schema: { type: 'string', title, pattern: '^[0-9 ()+.-]{7,20}$' }, ui: { 'ui:options': { inputType: 'tel' } } };
    case 'group':
      return { schema: { type: 'array', title, minItems: 1, items: { type: 'object', title: words.member, properties: {} } } };
  }
}

/** The options of a choice question (single: the schema's own; multiple: its items'). */
export function choicesOf(kind: QuestionKind, schema: Json, ui?: Json): Choice[] {
  if (kind === 'singleChoice') return optionsOf(schema, ui) ?? [];
  if (kind === 'multipleChoice' && isObject(schema.items)) return optionsOf(schema.items, undefined) ?? [];
  return [];
}

/**
 * The schema and uiSchema entry with the options replaced, written as `oneOf` const/title (an `enum` and its
 * `ui:enumNames` become `oneOf`, so labels are titles the translations reach by pointer).
 */
export function withChoices(kind: QuestionKind, schema: Json, ui: Json | undefined, choices: Choice[]): { schema: Json; ui?: Json } {
  const oneOf = choices.map((c) => ({ const: c.value, title: c.label }));
  let nextUi = ui;
  if (ui && 'ui:enumNames' in ui) {
    const { 'ui:enumNames': _names, ...rest } = ui;
    nextUi = Object.keys(rest).length ? rest : undefined;
  }
  if (kind === 'multipleChoice') {
    const { enum: _e, oneOf: _o, ...items } = schema.items as Json;
    return { schema: { ...schema, items: { ...items, oneOf } }, ui: nextUi };
  }
  const { enum: _e, oneOf: _o, ...rest } = schema;
  return { schema: { ...rest, oneOf }, ui: nextUi };
}

/** How a single choice is drawn: radio buttons (default for a few options) or a drop-down list. */
export function choiceDisplay(ui: Json | undefined): 'radio' | 'select' {
  return ui?.['ui:widget'] === 'radio' ? 'radio' : 'select';
}

/** The limits each kind offers, as JSON Schema keywords. */
export function limitsOf(kind: QuestionKind): readonly ('minimum' | 'maximum' | 'minLength' | 'maxLength' | 'pattern' | 'minItems' | 'maxItems')[] {
  switch (kind) {
    case 'number':
    case 'money':
      return ['minimum', 'maximum'];
    case 'text':
    case 'longText':
      return ['minLength', 'maxLength', 'pattern'];
    case 'phone':
      return ['pattern'];
    case 'multipleChoice':
    case 'group':
      return ['minItems', 'maxItems'];
    default:
      return [];
  }
}

/** The value of `schema` with a limit set (a number or pattern text) or removed (undefined or ''). */
export function withLimit(schema: Json, key: string, value: number | string | undefined): Json {
  const { [key]: _old, ...rest } = schema;
  if (value === undefined || value === '' || (typeof value === 'number' && Number.isNaN(value))) return rest;
  const out: Json = {};
  // Keep the key where it was, or after the title.
  for (const [k, v] of Object.entries(schema)) {
    out[k] = k === key ? value : v;
  }
  if (!(key in schema)) out[key] = value;
  return out;
}

/** A yes/no question's own words for its two answers, or undefined when it uses the pages' "Yes" and "No". */
export function yesNoWordsOf(schema: Json): { yes: string; no: string } | undefined {
  if (!Array.isArray(schema.oneOf)) return undefined;
  const title = (v: boolean) => (schema.oneOf as Json[]).find((o) => isObject(o) && o.const === v)?.title;
  const yes = title(true);
  const no = title(false);
  return typeof yes === 'string' && typeof no === 'string' ? { yes, no } : undefined;
}

/** The yes/no schema with its own words (`oneOf` const/title), or without them when both are empty. */
export function withYesNoWords(schema: Json, words: { yes: string; no: string }): Json {
  const { oneOf: _old, ...rest } = schema;
  if (!words.yes && !words.no) return rest;
  return {
    ...rest,
    oneOf: [
      { const: true, title: words.yes },
      { const: false, title: words.no },
    ],
  };
}
