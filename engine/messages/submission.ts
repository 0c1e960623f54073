/**
 * The words of submission errors (`input.*`, one per ajv keyword a form can produce) and evaluation errors
 * (`evaluation.*`), in every language the server speaks. An applicant reads these, so each names the field by its
 * title in the applicant's language (`params.title`, translated by the program) and says what answer would do.
 *
 * `if`/`then`: ajv reports the failing keywords of the `then` branch (required, minimum…), which are worded here; its
 * extra `if` error only repeats them and is not shown. Keywords with no entry of their own are `input.invalid`.
 */
import { catalogue, q, type Lang, type Params } from './catalogue.ts';

const TYPE_WORDS: Record<Lang, Record<string, string>> = {
  en: {
    number: 'a number',
    integer: 'a whole number',
    string: 'text',
    boolean: 'yes or no',
    array: 'a list',
    object: 'a group of answers',
    null: 'empty',
  },
  es: {
    number: 'un número',
    integer: 'un número entero',
    string: 'texto',
    boolean: 'sí o no',
    array: 'una lista',
    object: 'un grupo de respuestas',
    null: 'vacío',
  },
};
const OR: Record<Lang, string> = { en: 'or', es: 'o' };

/** The field's title, or "The answers" for the submission as a whole. */
const who = (p: Params, lang: Lang): string =>
  typeof p.title === 'string' && p.title !== '' ? p.title : lang === 'es' ? 'Las respuestas' : 'The answers';
const types = (p: Params, lang: Lang): string =>
  String(p.type)
    .split(',')
    .map((t) => TYPE_WORDS[lang][t] ?? t)
    .join(` ${OR[lang]} `);
/** An allowed value as the applicant saw it: yes/no for booleans, else quoted. */
const YES_NO: Record<Lang, [string, string]> = { en: ['"yes"', '"no"'], es: ['«sí»', '«no»'] };
const shown = (v: unknown, lang: Lang): string => (v === true ? YES_NO[lang][0] : v === false ? YES_NO[lang][1] : q(v));
const values = (v: unknown, lang: Lang): string => (Array.isArray(v) ? v.map((x) => shown(x, lang)).join(', ') : shown(v, lang));
/** The two positions (1-based, in order) of a repeated entry; ajv gives them as `i` and `j`. */
const pair = (p: Params): [number, number] => [Math.min(Number(p.i), Number(p.j)) + 1, Math.max(Number(p.i), Number(p.j)) + 1];
const entries = (n: unknown, lang: Lang): string =>
  lang === 'es' ? `${n} ${n === 1 ? 'entrada' : 'entradas'}` : `${n} ${n === 1 ? 'entry' : 'entries'}`;

const FORMAT_EN: Record<string, string> = {
  date: 'a date written YYYY-MM-DD, for example 1990-04-25',
  time: 'a time written HH:MM, for example 14:30',
  'date-time': 'a date and time, for example 2025-04-25T14:30:00Z',
  email: 'an email address, for example name@example.org',
  uri: 'a web address, for example https://example.org',
  url: 'a web address, for example https://example.org',
};
const FORMAT_ES: Record<string, string> = {
  date: 'una fecha escrita AAAA-MM-DD, por ejemplo 1990-04-25',
  time: 'una hora escrita HH:MM, por ejemplo 14:30',
  'date-time': 'una fecha y hora, por ejemplo 2025-04-25T14:30:00Z',
  email: 'una dirección de correo electrónico, por ejemplo nombre@ejemplo.org',
  uri: 'una dirección web, por ejemplo https://ejemplo.org',
  url: 'una dirección web, por ejemplo https://ejemplo.org',
};

/** Submission and evaluation messages, English and Spanish. */
export const SUBMISSION_MESSAGES = catalogue('submission errors', ['en', 'es'], {
  'input.required': {
    severity: 'error',
    text: { en: (p) => `${who(p, 'en')} is required.`, es: (p) => `${who(p, 'es')}: esta respuesta es obligatoria.` },
  },
  'input.type': {
    severity: 'error',
    text: {
      en: (p) => (p.title ? `${who(p, 'en')} must be ${types(p, 'en')}.` : 'The answers must be a JSON object of question names and answers.'),
      es: (p) =>
        p.title ? `${who(p, 'es')} debe ser ${types(p, 'es')}.` : 'Las respuestas deben ser un objeto JSON de nombres de preguntas y respuestas.',
    },
  },
  'input.minimum': {
    severity: 'error',
    text: { en: (p) => `${who(p, 'en')} must be ${p.limit} or more.`, es: (p) => `${who(p, 'es')} debe ser ${p.limit} o más.` },
  },
  'input.exclusiveMinimum': {
    severity: 'error',
    text: { en: (p) => `${who(p, 'en')} must be more than ${p.limit}.`, es: (p) => `${who(p, 'es')} debe ser mayor que ${p.limit}.` },
  },
  'input.maximum': {
    severity: 'error',
    text: { en: (p) => `${who(p, 'en')} must be ${p.limit} or less.`, es: (p) => `${who(p, 'es')} debe ser ${p.limit} o menos.` },
  },
  'input.exclusiveMaximum': {
    severity: 'error',
    text: { en: (p) => `${who(p, 'en')} must be less than ${p.limit}.`, es: (p) => `${who(p, 'es')} debe ser menor que ${p.limit}.` },
  },
  'input.multipleOf': {
    severity: 'error',
    text: { en: (p) => `${who(p, 'en')} must be a multiple of ${p.multipleOf}.`, es: (p) => `${who(p, 'es')} debe ser múltiplo de ${p.multipleOf}.` },
  },
  'input.minLength': {
    severity: 'error',
    text: {
      en: (p) => (p.limit === 1 ? `${who(p, 'en')} must not be empty.` : `${who(p, 'en')} must be at least ${p.limit} characters long.`),
      es: (p) => (p.limit === 1 ? `${who(p, 'es')} no puede quedar vacío.` : `${who(p, 'es')} debe tener al menos ${p.limit} caracteres.`),
    },
  },
  'input.maxLength': {
    severity: 'error',
    text: {
      en: (p) => `${who(p, 'en')} must be at most ${p.limit} characters long.`,
      es: (p) => `${who(p, 'es')} debe tener como máximo ${p.limit} caracteres.`,
    },
  },
  'input.undeclared': {
    severity: 'error',
    text: {
      en: (p) =>
        `The answer at ${p.path} is to a question this form does not ask (${q(p.name)}). Remove it: only the questions of the form the application was started under are kept.`,
      es: (p) =>
        `La respuesta en ${p.path} corresponde a una pregunta que este formulario no hace (${q(p.name)}). Quítela: solo se guardan las preguntas del formulario con el que se inició la solicitud.`,
    },
  },
  'input.pattern': {
    severity: 'error',
    text: { en: (p) => `${who(p, 'en')} is not in the expected format.`, es: (p) => `${who(p, 'es')} no tiene el formato esperado.` },
  },
  'input.format': {
    severity: 'error',
    text: {
      en: (p) => `${who(p, 'en')} must be ${FORMAT_EN[String(p.format)] ?? `a valid ${p.format}`}.`,
      es: (p) => `${who(p, 'es')} debe ser ${FORMAT_ES[String(p.format)] ?? `un valor ${p.format} válido`}.`,
    },
  },
  'input.enum': {
    severity: 'error',
    text: {
      en: (p) => `${who(p, 'en')} must be one of: ${values(p.allowedValues, 'en')}.`,
      es: (p) => `${who(p, 'es')} debe ser una de estas opciones: ${values(p.allowedValues, 'es')}.`,
    },
  },
  'input.const': {
    severity: 'error',
    text: {
      en: (p) => `${who(p, 'en')} must be ${values(p.allowedValue, 'en')}.`,
      es: (p) => `${who(p, 'es')} debe ser ${values(p.allowedValue, 'es')}.`,
    },
  },
  'input.minItems': {
    severity: 'error',
    text: {
      en: (p) => `${who(p, 'en')} needs at least ${entries(p.limit, 'en')}.`,
      es: (p) => `${who(p, 'es')} necesita al menos ${entries(p.limit, 'es')}.`,
    },
  },
  'input.maxItems': {
    severity: 'error',
    text: {
      en: (p) => `${who(p, 'en')} can have at most ${entries(p.limit, 'en')}.`,
      es: (p) => `${who(p, 'es')} puede tener como máximo ${entries(p.limit, 'es')}.`,
    },
  },
  'input.uniqueItems': {
    severity: 'error',
    text: {
      en: (p) => `${who(p, 'en')} must not list the same entry twice (entries ${pair(p).join(' and ')}).`,
      es: (p) => `${who(p, 'es')} no puede repetir la misma entrada (entradas ${pair(p).join(' y ')}).`,
    },
  },
  'input.additionalProperties': {
    severity: 'error',
    text: {
      en: (p) => `${who(p, 'en')} has an answer ${q(p.additionalProperty)} to a question the form does not ask. Remove it.`,
      es: (p) => `${who(p, 'es')} incluye una respuesta ${q(p.additionalProperty)} a una pregunta que el formulario no hace. Quítela.`,
    },
  },
  'input.oneOf': {
    severity: 'error',
    text: {
      en: (p) => `${who(p, 'en')} must match exactly one of the allowed choices.`,
      es: (p) => `${who(p, 'es')} debe corresponder exactamente a una de las opciones permitidas.`,
    },
  },
  'input.anyOf': {
    severity: 'error',
    text: {
      en: (p) => `${who(p, 'en')} must match one of the allowed choices.`,
      es: (p) => `${who(p, 'es')} debe corresponder a una de las opciones permitidas.`,
    },
  },
  'input.invalid': {
    severity: 'error',
    text: {
      en: (p) => `${who(p, 'en')} is not valid (${p.keyword}): ${p.detail}.`,
      es: (p) => `${who(p, 'es')} no es válido (${p.keyword}: ${p.detail}).`,
    },
  },
  /** The title of a field inside a repeating group: "Earned income (member 2)". */
  'input.item-title': {
    text: { en: (p) => `${p.title} (${p.item} ${p.number})`, es: (p) => `${p.title} (${p.group}, n.º ${p.number})` },
  },
  'evaluation.error': {
    severity: 'error',
    text: {
      en: (p) => `${p.path}: ${p.detail}. The answers may be outside what the program definition handles; check the definition at this path.`,
      es: (p) =>
        `No se pudo calcular ${p.path} con estas respuestas (${p.detail}). Revise sus respuestas; si son correctas, avise a la oficina del programa.`,
    },
  },
  /** A rule's reason when it cannot be decided and the program gives no "unknown" message of its own. */
  'evaluation.needs-information': {
    text: {
      en: (p) =>
        `We need more information to check this: ${Array.isArray(p.titles) && p.titles.length > 0 ? p.titles.join('; ') : 'the answers could not be checked'}.`,
      es: (p) =>
        `Necesitamos más información para comprobar esto: ${Array.isArray(p.titles) && p.titles.length > 0 ? p.titles.join('; ') : 'no se pudieron comprobar las respuestas'}.`,
    },
  },
});

/** A code of `SUBMISSION_MESSAGES`. */
export type SubmissionCode = keyof typeof SUBMISSION_MESSAGES.entries;
