/**
 * What a condition can test, read from the definition: the form's questions (top level, with the questions of a
 * repeating group as its member fields), the derived values and the scalar parameters, each with its title, its kind
 * (which decides the operators offered and the input for the value) and, for choices, its options. The operators
 * themselves and their meaning are the engine's (`OPERATORS`, `MEMBER_OPERATORS`); their words are the studio's
 * `op.*` texts (`operatorWords`).
 */
import { MEMBER_OPERATORS, OPERATORS } from '../../../../engine/index.ts';

/** How a fact's value is typed, for the operators and the value input offered. */
export type FactKind = 'number' | 'money' | 'boolean' | 'choice' | 'choices' | 'date' | 'text' | 'members' | 'any';

/** One option of a choice question. */
export interface ChoiceOption {
  value: string | number | boolean;
  label: string;
}

/** Something a condition can test or compare with. */
export interface Fact {
  /** The name a leaf's `fact` holds (`param:<name>` for a parameter). */
  name: string;
  title: string;
  source: 'question' | 'derived' | 'parameter';
  kind: FactKind;
  unit?: string;
  options?: ChoiceOption[];
  /** The questions of each member of a repeating group (kind `members`). */
  members?: Fact[];
}

/** Which facts a condition may use: page conditions use questions only; rules use everything. */
export interface FactScope {
  questions?: boolean;
  derived?: boolean;
  parameters?: boolean;
}

/** A parameter a condition can compare with (`{ param }`): scalars and lists. */
export interface ParamChoice {
  name: string;
  title: string;
  type: 'scalar' | 'list';
  unit?: string;
}

type Schema = {
  type?: string | string[];
  title?: string;
  format?: string;
  enum?: unknown[];
  oneOf?: { const?: unknown; title?: string }[];
  items?: Schema;
  properties?: Record<string, Schema>;
};
type Ui = Record<string, unknown> & { 'ui:options'?: { unit?: string }; 'ui:enumNames'?: string[]; items?: Record<string, Ui> };

function typeOf(schema: Schema): string | undefined {
  return Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
}

function optionsOf(schema: Schema, ui: Ui | undefined): ChoiceOption[] | undefined {
  if (Array.isArray(schema.enum)) {
    const names = ui?.['ui:enumNames'];
    return schema.enum.map((v, i) => ({ value: v as ChoiceOption['value'], label: names?.[i] ?? String(v) }));
  }
  if (Array.isArray(schema.oneOf) && schema.oneOf.every((o) => o && 'const' in o))
    return schema.oneOf.map((o) => ({ value: o.const as ChoiceOption['value'], label: o.title ?? String(o.const) }));
  return undefined;
}

/** The fact of one form question (its schema and uiSchema entry). */
export function questionFact(name: string, schema: Schema, ui: Ui | undefined): Fact {
  const title = schema.title ?? name;
  const unit = ui?.['ui:options']?.unit;
  const type = typeOf(schema);
  const options = optionsOf(schema, ui);
  if (options) return { name, title, source: 'question', kind: 'choice', options, unit };
  if (type === 'array') {
    const items = schema.items ?? {};
    if (typeOf(items) === 'object') {
      const itemUi = (ui?.items ?? {}) as Record<string, Ui>;
      const members = Object.entries(items.properties ?? {}).map(([field, s]) => questionFact(field, s, itemUi[field]));
      return { name, title, source: 'question', kind: 'members', members };
    }
    return { name, title, source: 'question', kind: 'choices', options: optionsOf(items, ui?.items as Ui | undefined) };
  }
  if (type === 'number' || type === 'integer') return { name, title, source: 'question', kind: unit?.startsWith('USD') ? 'money' : 'number', unit };
  if (type === 'boolean') return { name, title, source: 'question', kind: 'boolean' };
  if (type === 'string' && schema.format === 'date') return { name, title, source: 'question', kind: 'date' };
  if (type === 'string') return { name, title, source: 'question', kind: 'text' };
  return { name, title, source: 'question', kind: 'any', unit };
}

function kindOfValue(value: unknown, unit: string | undefined): FactKind {
  if (typeof value === 'number') return unit?.startsWith('USD') ? 'money' : 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}$/.test(value) ? 'date' : 'text';
  return 'any';
}

/** A parameter's title: its description without the closing period. */
export function parameterTitle(name: string, p: { description?: string } | undefined): string {
  return (p?.description ?? name).replace(/\.$/, '');
}

/** Every fact the definition offers in `scope` (everything by default), questions first, then derived, then parameters. */
export function factsOf(doc: Record<string, unknown>, scope: FactScope = {}): Fact[] {
  const { questions = true, derived = true, parameters = true } = scope;
  const out: Fact[] = [];
  const form = (doc.form ?? {}) as { schema?: Schema; uiSchema?: Record<string, Ui> };
  if (questions) for (const [name, s] of Object.entries(form.schema?.properties ?? {})) out.push(questionFact(name, s, form.uiSchema?.[name]));
  if (derived)
    for (const [name, d] of Object.entries((doc.derived ?? {}) as Record<string, { title?: string; unit?: string }>)) {
      const unit = d.unit;
      // A derived value's type is what its formula gives; with a unit it is a number (money for USD units).
      out.push({ name, title: d.title || name, source: 'derived', kind: unit ? (unit.startsWith('USD') ? 'money' : 'number') : 'any', unit });
    }
  if (parameters)
    for (const [name, p] of Object.entries(
      (doc.parameters ?? {}) as Record<string, { description?: string; unit?: string; type?: string; values?: Record<string, unknown> }>,
    )) {
      if ((p.type ?? 'scalar') !== 'scalar') continue;
      const first = Object.values(p.values ?? {})[0];
      out.push({ name: `param:${name}`, title: parameterTitle(name, p), source: 'parameter', kind: kindOfValue(first, p.unit), unit: p.unit });
    }
  return out;
}

/** The scalar and list parameters a value can name (`{ param }`). */
export function paramChoices(doc: Record<string, unknown>): ParamChoice[] {
  return Object.entries((doc.parameters ?? {}) as Record<string, { description?: string; unit?: string; type?: string }>)
    .filter(([, p]) => (p.type ?? 'scalar') !== 'table')
    .map(([name, p]) => ({ name, title: parameterTitle(name, p), type: (p.type ?? 'scalar') as 'scalar' | 'list', unit: p.unit }));
}

const COMPARE = ['equal', 'notEqual', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'];
const PRESENCE = ['isSet', 'isNotSet'];
const BY_KIND: Record<FactKind, string[]> = {
  number: [...COMPARE, 'in', 'notIn', ...PRESENCE],
  money: [...COMPARE, ...PRESENCE],
  boolean: ['equal', 'notEqual', ...PRESENCE],
  choice: ['equal', 'notEqual', 'in', 'notIn', ...PRESENCE],
  choices: ['contains', 'doesNotContain', ...PRESENCE],
  date: ['dateBefore', 'dateOnOrBefore', 'dateAfter', 'dateOnOrAfter', 'equal', 'notEqual', ...PRESENCE],
  text: ['equal', 'notEqual', 'inList', 'in', 'notIn', ...PRESENCE],
  members: [...MEMBER_OPERATORS, ...PRESENCE],
  any: Object.keys(OPERATORS).filter((op) => !MEMBER_OPERATORS.includes(op)),
};

/**
 * The operators offered for a fact of `kind`, in the order shown; `current` (an operator a hand-written leaf
 * already uses) is kept even when it is not one of them, so choosing nothing never rewrites a definition.
 */
export function operatorsFor(kind: FactKind, current?: string): string[] {
  const list = BY_KIND[kind];
  return current && !list.includes(current) ? [...list, current] : list;
}

/** The operators a member test can use on a member question of `kind` (every operator but the member-wise ones). */
export function memberOperatorsFor(kind: FactKind, current?: string): string[] {
  return operatorsFor(kind === 'members' ? 'any' : kind, current).filter((op) => !MEMBER_OPERATORS.includes(op));
}

/** What an operator compares with: nothing (presence), a list, a member test, or one value. */
export function valueShape(operator: string): 'none' | 'list' | 'members' | 'single' {
  if (PRESENCE.includes(operator)) return 'none';
  if (MEMBER_OPERATORS.includes(operator)) return 'members';
  if (operator === 'in' || operator === 'notIn' || operator === 'inList') return 'list';
  return 'single';
}

/** A sensible value to start with for a fact of `kind` under `operator`. */
export function defaultValue(kind: FactKind, operator: string, options?: ChoiceOption[]): unknown {
  const shape = valueShape(operator);
  if (shape === 'none') return true;
  if (shape === 'list') return [];
  if (kind === 'number' || kind === 'money') return 0;
  if (kind === 'boolean') return true;
  if ((kind === 'choice' || kind === 'choices') && options?.length) return options[0].value;
  return '';
}

/** The operator a new leaf on a fact of `kind` starts with. */
export function defaultOperator(kind: FactKind): string {
  if (kind === 'number' || kind === 'money') return 'lessThanInclusive';
  if (kind === 'members') return 'anyMember';
  if (kind === 'choices') return 'contains';
  if (kind === 'date') return 'dateOnOrBefore';
  return 'equal';
}

/**
 * A literal typed in the value input, as the fact's kind reads it: a number for numbers and money (a blank or
 * unreadable number stays text, so the engine's diagnostic names it), booleans for yes/no, the option's own value
 * for choices, text otherwise.
 */
export function parseLiteral(kind: FactKind, text: string, options?: ChoiceOption[]): string | number | boolean {
  if (kind === 'number' || kind === 'money') {
    const n = Number(text.replace(/[\s,$]/g, ''));
    return text.trim() !== '' && Number.isFinite(n) ? n : text;
  }
  if (kind === 'boolean') return text === 'true';
  if (options) {
    const option = options.find((o) => String(o.value) === text);
    if (option) return option.value;
  }
  return text;
}
