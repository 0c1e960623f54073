/**
 * Checks of the form: its schema is a valid draft-07 JSON Schema that compiles in ajv strict mode, every field has
 * a title, and the pages cover every top-level field exactly once.
 */
import type { CheckContext } from './context.ts';
import { propertiesOf } from './context.ts';
import { strictAjv } from './ajv.ts';
import { UnsupportedPattern } from './linear-regexp.ts';
import { escapeSegment, pointer } from '../format/pointer.ts';
import { suggest } from './suggest.ts';
import { CONCEPTS, conceptById, conceptTypeProblem } from '../format/concepts.ts';

/** The first pointer (inside `schema`) of an object that has the key `keyword`, searched breadth-first. */
function findKeyword(schema: unknown, keyword: string): string | undefined {
  const queue: [unknown, string][] = [[schema, '']];
  while (queue.length > 0) {
    const [node, at] = queue.shift() as [unknown, string];
    if (!node || typeof node !== 'object') continue;
    if (!Array.isArray(node) && Object.hasOwn(node, keyword)) return `${at}/${escapeSegment(keyword)}`;
    for (const [key, child] of Object.entries(node)) queue.push([child, `${at}/${escapeSegment(key)}`]);
  }
  return undefined;
}

/** Where an ajv strict-mode message places the problem: `at "...#/properties/x"` or `path "#/properties/x"`. */
function locate(message: string): string | undefined {
  const match = /(?:at|path) "[^"#]*#([^"]*)"/.exec(message);
  return match ? decodeURIComponent(match[1]) : undefined;
}

function checkCompiles(ctx: CheckContext): void {
  const schema = ctx.program.form.schema;
  const base = '/form/schema';
  if (schema.type !== 'object' || !schema.properties || typeof schema.properties !== 'object') {
    ctx.report('form.not-object', base);
  }
  const ajv = strictAjv();
  if (!ajv.validateSchema(schema)) {
    for (const e of ajv.errors ?? []) {
      ctx.report('form.schema-invalid', `${base}${e.instancePath}`, {
        where: `form.schema${e.instancePath.replace(/\//g, '.')}` || 'form.schema',
        detail: e.message,
      });
    }
    return;
  }
  try {
    ajv.compile(schema);
  } catch (err) {
    // A pattern the linear-time engine refuses is reported at its own path by the pattern check.
    if (err instanceof UnsupportedPattern) return;
    const detail = (err as Error).message.replace(/^strict mode: /, '');
    const keyword = /unknown keyword: "([^"]+)"/.exec(detail)?.[1];
    const at = keyword ? findKeyword(schema, keyword) : locate(detail);
    ctx.report('form.schema-strict', `${base}${at ?? ''}`, { detail, keyword });
  }
}

function checkTitles(ctx: CheckContext, schema: unknown, at: string, label: string): void {
  for (const [name, sub] of propertiesOf(schema)) {
    const path = `${at}/properties/${escapeSegment(name)}`;
    const field = label ? `${label}.${name}` : name;
    if (typeof sub.title !== 'string' || sub.title === '') ctx.report('form.field-untitled', path, { field });
    checkTitles(ctx, sub, path, field);
    if (sub.type === 'array' && sub.items && typeof sub.items === 'object' && !Array.isArray(sub.items)) {
      checkTitles(ctx, sub.items, `${path}/items`, `${field}[]`);
    }
  }
}

function checkPages(ctx: CheckContext): void {
  const pages = ctx.program.form.pages;
  const onPages = new Map<string, string[]>();
  const pageIds = new Map<string, number>();
  pages.forEach((page, i) => {
    const first = pageIds.get(page.id);
    if (first !== undefined)
      ctx.report('form.page-duplicate-id', pointer('form', 'pages', i, 'id'), { id: page.id, first: first + 1, second: i + 1 });
    else pageIds.set(page.id, i);
    page.fields.forEach((field, j) => {
      if (!ctx.fields.has(field)) {
        ctx.report('form.page-unknown-field', pointer('form', 'pages', i, 'fields', j), {
          page: page.id,
          field,
          suggestion: suggest(field, ctx.fields.keys()),
        });
        return;
      }
      const list = onPages.get(field) ?? [];
      if (!list.includes(page.id)) list.push(page.id);
      onPages.set(field, list);
    });
  });
  for (const field of ctx.fields.keys()) {
    const list = onPages.get(field) ?? [];
    const path = pointer('form', 'schema', 'properties', field);
    if (list.length === 0) ctx.report('form.field-no-page', path, { field });
    else if (list.length > 1) ctx.report('form.field-two-pages', path, { field, count: list.length, pages: list });
  }
}

/** Adds the diagnostics of the form schema, field titles and pages. */
export function checkForm(ctx: CheckContext): void {
  checkCompiles(ctx);
  checkTitles(ctx, ctx.program.form.schema, '/form/schema', '');
  checkPages(ctx);
  checkConcepts(ctx);
}

/** `form.concepts`: each names a top-level question and a concept of the vocabulary, of the concept's type, once. */
function checkConcepts(ctx: CheckContext): void {
  const marks = ctx.program.form.concepts ?? {};
  const properties = (ctx.program.form.schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  const seen = new Map<string, string>();
  for (const [field, id] of Object.entries(marks)) {
    const path = pointer('form', 'concepts', field);
    const schema = properties[field];
    if (!schema || typeof schema !== 'object') {
      ctx.report('form.concept-field-unknown', path, { field, suggestion: suggest(field, Object.keys(properties)) });
      continue;
    }
    const concept = conceptById(id);
    if (!concept) {
      const ids = CONCEPTS.map((c) => c.id);
      ctx.report('form.concept-unknown', path, { field, concept: id, concepts: ids, suggestion: suggest(id, ids) });
      continue;
    }
    const expected = conceptTypeProblem(concept.type, schema);
    if (expected) ctx.report('form.concept-type', path, { field, concept: id, expected });
    const first = seen.get(id);
    if (first !== undefined) ctx.report('form.concept-twice', path, { field, first, concept: id });
    else seen.set(id, field);
  }
}
