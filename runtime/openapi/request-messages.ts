/**
 * The words of request-validation errors (`request.*`: a body that does not match the route's OpenAPI schema, or a
 * service's own check of it), in every language the server speaks. `where` is "body" and `path` a JSON Pointer into
 * it: both stay as sent.
 */
import { catalogue, list, q, type Params } from '../../engine/index.ts';

const at = (p: Params): string => `${p.where}${p.path ?? ''}`;

/** Request-validation messages, English and Spanish. */
export const REQUEST_MESSAGES = catalogue('request validation', ['en', 'es'], {
  'request.required': {
    severity: 'error',
    text: {
      // `for: 'publish-without-request'`: a term publishing needs when no publication request holds it.
      en: (p) =>
        p.for === 'publish-without-request'
          ? `${p.missingProperty} is required to publish without a publication request.`
          : `${at(p)} is required: add ${q(p.missingProperty)}.`,
      es: (p) =>
        p.for === 'publish-without-request'
          ? `${p.missingProperty} es obligatorio para publicar sin una solicitud de publicación.`
          : `Falta ${at(p)}: añada ${q(p.missingProperty)}.`,
    },
  },
  'request.additionalProperties': {
    severity: 'error',
    text: {
      en: (p) => `${at(p)} is not a known field: remove ${q(p.additionalProperty)}.`,
      es: (p) => `${at(p)} no es un campo conocido: quite ${q(p.additionalProperty)}.`,
    },
  },
  'request.enum': {
    severity: 'error',
    text: {
      en: (p) => `${at(p)} must be one of ${list(p.allowedValues)}.`,
      es: (p) => `${at(p)} debe ser uno de ${list(p.allowedValues, '(ninguno)')}.`,
    },
  },
  'request.type': {
    severity: 'error',
    text: { en: (p) => `${at(p)} must be ${p.type}.`, es: (p) => `${at(p)} debe ser de tipo ${p.type}.` },
  },
  'request.const': {
    severity: 'error',
    text: { en: (p) => `${at(p)} must be ${q(p.allowedValue)}.`, es: (p) => `${at(p)} debe ser ${q(p.allowedValue)}.` },
  },
  'request.minLength': {
    severity: 'error',
    text: {
      en: (p) => `${at(p)} must NOT have fewer than ${p.limit} characters.`,
      es: (p) => `${at(p)} debe tener al menos ${p.limit} ${p.limit === 1 ? 'carácter' : 'caracteres'}.`,
    },
  },
  'request.maxLength': {
    severity: 'error',
    text: {
      en: (p) => `${at(p)} must NOT have more than ${p.limit} characters.`,
      es: (p) => `${at(p)} debe tener como máximo ${p.limit} caracteres.`,
    },
  },
  'request.minimum': {
    severity: 'error',
    text: { en: (p) => `${at(p)} must be ${p.comparison} ${p.limit}.`, es: (p) => `${at(p)} debe ser ${p.comparison} ${p.limit}.` },
  },
  'request.maximum': {
    severity: 'error',
    text: { en: (p) => `${at(p)} must be ${p.comparison} ${p.limit}.`, es: (p) => `${at(p)} debe ser ${p.comparison} ${p.limit}.` },
  },
  'request.pattern': {
    severity: 'error',
    text: { en: (p) => `${at(p)} must match pattern "${p.pattern}".`, es: (p) => `${at(p)} debe seguir el patrón "${p.pattern}".` },
  },
  'request.format': {
    severity: 'error',
    text: { en: (p) => `${at(p)} must match format "${p.format}".`, es: (p) => `${at(p)} debe tener el formato "${p.format}".` },
  },
  'request.minItems': {
    severity: 'error',
    text: { en: (p) => `${at(p)} must NOT have fewer than ${p.limit} items.`, es: (p) => `${at(p)} debe tener al menos ${p.limit} elementos.` },
  },
  'request.maxItems': {
    severity: 'error',
    text: { en: (p) => `${at(p)} must NOT have more than ${p.limit} items.`, es: (p) => `${at(p)} debe tener como máximo ${p.limit} elementos.` },
  },
  'request.invalid': {
    severity: 'error',
    text: { en: (p) => `${at(p)} ${p.detail}.`, es: (p) => `${at(p)} no es válido (${p.keyword}: ${p.detail}).` },
  },
  'request.terms-fixed': {
    severity: 'error',
    text: { en: (p) => `${p.property} comes from the publication request.`, es: (p) => `${p.property} viene de la solicitud de publicación.` },
  },
  'request.program-id': {
    severity: 'error',
    text: { en: (p) => `id must be ${q(p.programId)}.`, es: (p) => `id debe ser ${q(p.programId)}.` },
  },
});

/** A code of `REQUEST_MESSAGES`. */
export type RequestCode = keyof typeof REQUEST_MESSAGES.entries;
