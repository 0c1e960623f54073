/**
 * The shared vocabulary of question concepts (issue 16): the answers a person gives once and, with their consent,
 * carries to another program. A program marks a top-level question with a concept in `form.concepts`
 * (`{ "householdSize": "household.size" }`); the validator holds the question's schema type to the concept's.
 *
 * Some concepts can be read from another one: a household's size and the applicant's name, date of birth and
 * monthly income follow from a list of household members (the applicant first, as the SNAP form asks). `shareable`
 * turns the answers of one application into concept values, and `prefill` turns concept values into answers of
 * another program. Pure: no clock, no I/O.
 */

/** The schema shape a concept's question must have. */
export type ConceptType = 'string' | 'date' | 'integer' | 'number' | 'members';

/** One shared concept. */
export interface Concept {
  id: string;
  type: ConceptType;
  /** English and Spanish labels, as shown to the person when they consent and confirm. */
  label: { en: string; es: string };
  /** The unit of a number concept, as a question's `ui:options.unit` names it (`USD/month`: money). */
  unit?: string;
}

/** The vocabulary, one source for the validator, the runtime and the pages. */
export const CONCEPTS: readonly Concept[] = [
  { id: 'person.name', type: 'string', label: { en: 'Your name', es: 'Su nombre' } },
  { id: 'person.dateOfBirth', type: 'date', label: { en: 'Your date of birth', es: 'Su fecha de nacimiento' } },
  { id: 'household.members', type: 'members', label: { en: 'The people in your household', es: 'Las personas de su hogar' } },
  { id: 'household.size', type: 'integer', label: { en: 'How many people live with you', es: 'Cuántas personas viven con usted' } },
  { id: 'income.monthly', type: 'number', label: { en: 'Household income each month', es: 'Ingresos del hogar cada mes' }, unit: 'USD/month' },
  { id: 'income.annual', type: 'number', label: { en: 'Household income each year', es: 'Ingresos del hogar cada año' }, unit: 'USD/year' },
  { id: 'address.zipCode', type: 'string', label: { en: 'Your ZIP code', es: 'Su código postal' } },
  { id: 'contact.email', type: 'string', label: { en: 'Your email address', es: 'Su correo electrónico' } },
  { id: 'contact.phone', type: 'string', label: { en: 'Your phone number', es: 'Su número de teléfono' } },
];

/** The concept with `id`, or undefined. */
export function conceptById(id: string): Concept | undefined {
  return CONCEPTS.find((c) => c.id === id);
}

/** A concept's label in `lang` (English when the language has none). */
export function conceptLabel(id: string, lang: string): string {
  const concept = conceptById(id);
  if (!concept) return id;
  return lang === 'es' ? concept.label.es : concept.label.en;
}

type JsonSchema = Record<string, unknown>;

/** The words of a shared household member's fields (the members concept's own shape, see `SharedMember`). */
const MEMBER_WORDS = {
  en: { member: 'Person', name: 'Name', dateOfBirth: 'Date of birth', monthlyIncome: 'Income each month' },
  es: { member: 'Persona', name: 'Nombre', dateOfBirth: 'Fecha de nacimiento', monthlyIncome: 'Ingresos cada mes' },
} as const;

/**
 * A concept's value as a question: a JSON Schema (titled in `lang`) and a uiSchema (money units), for the pages'
 * one answer formatter to show a shared value as the person reads it (`$1,200`, `May 1, 1990`); a members list is
 * a list of `SharedMember` objects. Undefined for an unknown concept.
 */
export function conceptSchema(id: string, lang: string): { schema: JsonSchema; uiSchema: JsonSchema } | undefined {
  const concept = conceptById(id);
  if (!concept) return undefined;
  const title = conceptLabel(id, lang);
  const money = (unit: string) => ({ 'ui:options': { unit } });
  switch (concept.type) {
    case 'date':
      return { schema: { type: 'string', format: 'date', title }, uiSchema: {} };
    case 'members': {
      const words = lang === 'es' ? MEMBER_WORDS.es : MEMBER_WORDS.en;
      const items = {
        type: 'object',
        title: words.member,
        properties: {
          name: { type: 'string', title: words.name },
          dateOfBirth: { type: 'string', format: 'date', title: words.dateOfBirth },
          monthlyIncome: { type: 'number', title: words.monthlyIncome },
        },
      };
      return { schema: { type: 'array', title, items }, uiSchema: { items: { monthlyIncome: money('USD/month') } } };
    }
    default:
      return { schema: { type: concept.type, title }, uiSchema: concept.unit ? money(concept.unit) : {} };
  }
}

/**
 * Why `schema` (a top-level question) cannot hold `type`'s answers, or null when it can. `members` wants a list of
 * objects with a `name` text and a `dateOfBirth` date.
 */
export function conceptTypeProblem(type: ConceptType, schema: JsonSchema): string | null {
  const t = schema.type;
  switch (type) {
    case 'string':
      return t === 'string' ? null : 'a text question (type "string")';
    case 'date':
      return t === 'string' && schema.format === 'date' ? null : 'a date question (type "string", format "date")';
    case 'integer':
      return t === 'integer' ? null : 'a whole-number question (type "integer")';
    case 'number':
      return t === 'number' || t === 'integer' ? null : 'a number question (type "number")';
    case 'members': {
      const items = schema.items as JsonSchema | undefined;
      const props = (items?.properties ?? {}) as Record<string, JsonSchema>;
      const ok = t === 'array' && props.name?.type === 'string' && props.dateOfBirth?.format === 'date';
      return ok ? null : 'a list of household members (type "array" of objects with "name" and "dateOfBirth")';
    }
  }
}

/** A household member as the members concept carries it. */
export interface SharedMember {
  name: string;
  dateOfBirth: string;
  monthlyIncome?: number;
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * The concept values of one application: each marked question's answer, and the concepts read from a members
 * list (household size, the first member's name and date of birth, the sum of members' `earnedIncome` and
 * `unearnedIncome`) unless the program asks them itself.
 */
export function shareable(concepts: Readonly<Record<string, string>>, answers: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [field, id] of Object.entries(concepts)) {
    const answer = answers[field];
    if (answer === undefined || answer === null || answer === '') continue;
    const concept = conceptById(id);
    if (!concept) continue;
    if (concept.type === 'members') {
      if (!Array.isArray(answer)) continue;
      const members: SharedMember[] = answer
        .filter((m): m is Record<string, unknown> => !!m && typeof m === 'object')
        .map((m) => {
          const income = [m.earnedIncome, m.unearnedIncome].filter(isNumber);
          return {
            name: String(m.name ?? ''),
            dateOfBirth: String(m.dateOfBirth ?? ''),
            ...(income.length > 0 ? { monthlyIncome: income.reduce((a, b) => a + b, 0) } : {}),
          };
        });
      values[id] = members;
      values['household.size'] ??= members.length;
      if (members[0]?.name) values['person.name'] ??= members[0].name;
      if (members[0]?.dateOfBirth) values['person.dateOfBirth'] ??= members[0].dateOfBirth;
      const incomes = members.map((m) => m.monthlyIncome).filter(isNumber);
      if (incomes.length > 0) values['income.monthly'] ??= incomes.reduce((a, b) => a + b, 0);
    } else {
      values[id] = answer;
    }
  }
  // Values the program asked itself win over the ones read from its members list.
  for (const [field, id] of Object.entries(concepts)) {
    const answer = answers[field];
    if (answer !== undefined && answer !== null && answer !== '' && conceptById(id)?.type !== 'members') values[id] = answer;
  }
  return values;
}

/** One prefilled answer: the question, its concept and the value. */
export interface PrefilledAnswer {
  field: string;
  concept: string;
  value: unknown;
}

/**
 * The answers of a program marked with `concepts` that `values` (limited to the concepts in `allowed`) can fill:
 * a members list becomes the program's own member objects with `name` and `dateOfBirth`.
 */
export function prefill(
  concepts: Readonly<Record<string, string>>,
  values: Readonly<Record<string, unknown>>,
  allowed: readonly string[],
): PrefilledAnswer[] {
  const out: PrefilledAnswer[] = [];
  for (const [field, id] of Object.entries(concepts)) {
    if (!allowed.includes(id) || values[id] === undefined) continue;
    const value = values[id];
    if (conceptById(id)?.type === 'members') {
      if (!Array.isArray(value)) continue;
      out.push({ field, concept: id, value: (value as SharedMember[]).map((m) => ({ name: m.name, dateOfBirth: m.dateOfBirth })) });
    } else {
      out.push({ field, concept: id, value });
    }
  }
  return out;
}
