/**
 * Check 1: the document against the published format schema, with ajv's errors turned into readable diagnostics.
 */
import type { ErrorObject } from 'ajv';
import { diagnostic } from '../messages/definition.ts';
import { checkFormat, checkLayerFormat } from '../format/schema.ts';
import type { Diagnostic } from '../format/types.ts';
import { describePointer, escapeSegment } from '../format/pointer.ts';
import { suggest } from './suggest.ts';

/** Readable names for the patterns of the format schema: what a value must be, and how to write one. */
const PATTERNS: Record<string, { expected: string; fix: string }> = {
  '^\\d{4}-\\d{2}-\\d{2}$': { expected: 'a date', fix: 'Write dates as YYYY-MM-DD, e.g. "2025-10-01".' },
  '^[a-z0-9][a-z0-9-]*$': { expected: 'a program id', fix: 'Use lowercase letters, digits and hyphens, e.g. "us-snap".' },
  '^[A-Za-z_][A-Za-z0-9_]*$': {
    expected: 'a formula name',
    fix: 'Use letters, digits and underscores, not starting with a digit, e.g. "max_allotment".',
  },
  '^[A-Za-z0-9][A-Za-z0-9_-]*$': { expected: 'an identifier', fix: 'Use letters, digits, hyphens and underscores, e.g. "gross-income".' },
  '^[a-z]{2}(-[A-Z]{2})?$': { expected: 'a language code', fix: 'Use a two-letter ISO 639-1 code such as "en" or "es".' },
  '^/': { expected: 'a JSON Pointer', fix: 'Translation keys are JSON Pointers to English texts, e.g. "/form/schema/properties/rent/title".' },
};

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)}`;
  return `the ${typeof value} ${JSON.stringify(value)}`;
}

function expectedType(type: unknown): string {
  const names: Record<string, string> = {
    object: 'an object',
    array: 'a list',
    string: 'a text',
    number: 'a number',
    integer: 'a whole number',
    boolean: 'true or false',
    null: 'null',
  };
  const types = String(type).split(',');
  return types.map((t) => names[t] ?? t).join(' or ');
}

function translate(doc: unknown, error: ErrorObject): Diagnostic | undefined {
  const at = error.instancePath;
  const where = describePointer(doc, at);
  const parent = (error.parentSchema ?? {}) as Record<string, unknown>;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'if':
    case 'propertyNames':
      return undefined; // the errors of the branch or of the name itself say more
    case 'required': {
      const property = String(params.missingProperty);
      const described = (parent.properties as Record<string, { description?: string }> | undefined)?.[property]?.description;
      return diagnostic('schema.required', at, { where, property, hint: described });
    }
    case 'additionalProperties': {
      const property = String(params.additionalProperty);
      const allowed = Object.keys((parent.properties as object | undefined) ?? {});
      return diagnostic('schema.additional-property', `${at}/${escapeSegment(property)}`, {
        where,
        property,
        allowed,
        suggestion: suggest(property, allowed),
      });
    }
    case 'type':
      return diagnostic('schema.type', at, { where, actual: typeName(error.data), expected: expectedType(params.type) });
    case 'enum': {
      const allowed = params.allowedValues as unknown[];
      const value = error.data;
      return diagnostic('schema.enum', at, {
        where,
        value,
        allowed,
        suggestion: typeof value === 'string' ? suggest(value, allowed.map(String)) : undefined,
      });
    }
    case 'const':
      return diagnostic('schema.const', at, { where, expected: params.allowedValue, value: error.data });
    case 'pattern': {
      const name = (error as ErrorObject & { propertyName?: string }).propertyName;
      const known = PATTERNS[String(params.pattern)] ?? { expected: `matching ${params.pattern}`, fix: 'Change it to match.' };
      if (name !== undefined) {
        const path = `${at}/${escapeSegment(name)}`;
        return diagnostic('schema.key-pattern', path, { where, value: name, ...known });
      }
      return diagnostic('schema.pattern', at, { where, value: error.data, ...known });
    }
    case 'format':
      return diagnostic('schema.format', at, { where, value: error.data, format: params.format });
    case 'minItems':
      return diagnostic('schema.too-few', at, { where, limit: params.limit, what: 'items' });
    case 'minProperties':
      return diagnostic('schema.too-few', at, { where, limit: params.limit, what: 'entries' });
    case 'minLength':
      return diagnostic('schema.too-few', at, { where, limit: params.limit, what: 'characters' });
    case 'minimum':
    case 'exclusiveMinimum':
      return diagnostic('schema.too-small', at, { where, value: error.data, comparison: params.comparison, limit: params.limit });
    case 'uniqueItems':
      return diagnostic('schema.not-unique', at, { where, i: params.j, j: params.i });
    default:
      return diagnostic('schema.invalid', at, { where, detail: error.message ?? error.keyword });
  }
}

/** Diagnostics for every way `doc` departs from the format schema (one per problem, deduplicated). */
export function validateFormat(doc: unknown): Diagnostic[] {
  return translated(doc, checkFormat(doc));
}

/** Diagnostics for every way a layer document (a version with `extends`) departs from the format's layer definition. */
export function validateLayerFormat(doc: unknown): Diagnostic[] {
  return translated(doc, checkLayerFormat(doc));
}

function translated(doc: unknown, errors: ErrorObject[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const error of errors) {
    const d = translate(doc, error);
    if (!d) continue;
    const key = `${d.code} ${d.path} ${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}
