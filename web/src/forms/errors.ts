/**
 * Plain-language validation messages: `makeTransformErrors` returns an RJSF `transformErrors` that names each field by
 * its title in the page's language, keeps only the errors of the current page (and, before the first "Continue",
 * only those of questions the person has left), and drops ajv's structural noise (`if`, `oneOf`, `anyOf`).
 */
import type { RJSFValidationError } from '@rjsf/utils';
import type { Translate } from '../shared/i18n.tsx';
import { fieldId, pathSegments, schemaAt, titleAt } from './schema-paths.ts';

/** What the current step shows: its top-level fields, the ids the person has left, and whether they pressed Next. */
export interface ErrorScope {
  pageFields?: string[];
  touched: Set<string>;
  submitted: boolean;
}

const NOISE = new Set(['if', 'oneOf', 'anyOf', 'not', 'const', 'dependencies']);

function lowerFirst(title: string): string {
  // Keep acronyms ("SNAP", "ZIP code") as written; lower "Monthly rent" to "monthly rent".
  return /^[A-ZÁÉÍÓÚÑ][a-záéíóúñ]/.test(title) ? title.charAt(0).toLowerCase() + title.slice(1) : title;
}

function message(error: RJSFValidationError, schema: Record<string, unknown>, segments: string[], t: Translate): string {
  const title = lowerFirst(titleAt(schema, segments) ?? t('errors.thisAnswer'));
  const params = (error.params ?? {}) as Record<string, unknown>;
  const limit = params.limit ?? params.comparison;
  const field = schemaAt(schema, segments) ?? {};
  switch (error.name) {
    case 'required': {
      const raw = titleAt(schema, segments);
      if (raw && raw.trim().endsWith('?')) return t('errors.requiredQuestion', { title: raw });
      const choice = Array.isArray(field.enum) || field.type === 'boolean' || Array.isArray(field.oneOf);
      return t(choice ? 'errors.requiredChoice' : 'errors.required', { title });
    }
    case 'type':
      return t('errors.type', { title });
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'maxItems':
      return t(`errors.${error.name}` as 'errors.minimum', { title, limit });
    case 'pattern':
      return t('errors.pattern', { title });
    case 'format':
      return params.format === 'email'
        ? t('errors.email', { title })
        : params.format === 'date'
          ? t('errors.date', { title })
          : t('errors.pattern', { title });
    case 'enum':
      return t('errors.enum', { title });
    default:
      return t('errors.other', { title, message: error.message ?? '' });
  }
}

/** Builds the `transformErrors` for one form; `scope()` is read at each validation. */
export function makeTransformErrors(schema: Record<string, unknown>, t: Translate, scope: () => ErrorScope) {
  return (errors: RJSFValidationError[]): RJSFValidationError[] => {
    const { pageFields, touched, submitted } = scope();
    const out: RJSFValidationError[] = [];
    for (const error of errors) {
      if (error.name && NOISE.has(error.name)) continue;
      const segments = pathSegments(error.property ?? '');
      if (pageFields && (segments.length === 0 || !pageFields.includes(segments[0]))) continue;
      const id = fieldId(segments);
      if (!submitted && ![...touched].some((t) => t === id || t.startsWith(`${id}-`) || id.startsWith(`${t}_`) || t.startsWith(`${id}_`))) continue;
      const text = message(error, schema, segments, t);
      out.push({ ...error, message: text, stack: text });
    }
    // One message per field is enough: the first is the most basic problem.
    const seen = new Set<string>();
    return out.filter((e) => {
      const key = e.property ?? '';
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  };
}
