/**
 * The bounds of an application's stored answers, derived from its form (issue 14): an answer to a question the form
 * does not declare anywhere (in no branch) is refused, naming its JSON Pointer; a text longer than its `maxLength`
 * (or `limits.text` when the form sets none) and a list longer than its `maxItems` (or `limits.items`) are refused,
 * naming the field; and `answerBytesBound` gives the largest JSON any answers the form accepts can take, from the same
 * limits, so that a store never holds more per application than its form asks for.
 *
 * Refusing undeclared answers (rather than dropping them) is deliberate: an application keeps the version it was
 * started under, so its pages always send the questions of that version's form; an API client that sends others learns
 * at once which answer is wrong instead of losing it silently.
 */
import type { Diagnostic, JsonSchema } from '../format/types.ts';
import { escapeSegment } from '../format/pointer.ts';
import { SUBMISSION_MESSAGES } from '../messages/submission.ts';

/** Defaults for questions whose form sets no bound. */
export interface AnswerLimits {
  /** Characters of a text answer whose question sets no `maxLength`. */
  text: number;
  /** Entries of a list whose question sets no `maxItems`. */
  items: number;
}

/** The defaults: 10,000 characters per text, 200 entries per list. */
export const DEFAULT_ANSWER_LIMITS: AnswerLimits = { text: 10_000, items: 200 };

const BRANCHES = ['then', 'else', 'if'] as const;
const LISTS = ['allOf', 'anyOf', 'oneOf'] as const;
const MAX_DEPTH = 32;

const isSchema = (v: unknown): v is JsonSchema => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The schema a local `$ref` (`#/$defs/person`) points at in `root`, or undefined (another document, or nothing there). */
function resolve(root: JsonSchema, ref: string): JsonSchema | undefined {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const seg of ref.slice(2).split('/')) {
    const key = decodeURIComponent(seg).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isSchema(node) ? (node as Record<string, unknown>)[key] : undefined;
  }
  return isSchema(node) ? node : undefined;
}

/**
 * Every schema that describes the same value as `schema`: itself, its branches and the local schemas it refers to,
 * recursively. A reference that cannot be followed here yields `OPEN` (its level accepts any answer).
 */
function alternatives(schema: JsonSchema, root: JsonSchema, out: JsonSchema[] = [], depth = 0): JsonSchema[] {
  // Each schema once (a reference back to an ancestor, `allOf: [{$ref: "#"}, …]`, would otherwise multiply).
  if (depth > MAX_DEPTH || out.includes(schema)) return out;
  out.push(schema);
  if (typeof schema.$ref === 'string') {
    const target = resolve(root, schema.$ref);
    if (target) alternatives(target, root, out, depth + 1);
    else out.push(OPEN);
  }
  for (const k of BRANCHES) if (isSchema(schema[k])) alternatives(schema[k] as JsonSchema, root, out, depth + 1);
  for (const k of LISTS) if (Array.isArray(schema[k])) for (const s of schema[k] as unknown[]) if (isSchema(s)) alternatives(s, root, out, depth + 1);
  for (const k of ['dependentSchemas', 'dependencies'] as const) {
    const deps = schema[k];
    if (isSchema(deps)) for (const s of Object.values(deps)) if (isSchema(s)) alternatives(s, root, out, depth + 1);
  }
  return out;
}

/** Stands for a schema that could not be followed: any answer is accepted at its level. */
const OPEN: JsonSchema = { additionalProperties: true };

interface Level {
  /** Declared properties, each with every schema declaring it. */
  properties: Map<string, JsonSchema[]>;
  /** Answers beyond the declared ones are allowed (`additionalProperties` other than false, `patternProperties`). */
  open: boolean;
  maxLength?: number;
  maxItems?: number;
  items: JsonSchema[];
  type: Set<string>;
  values?: unknown[];
}

function level(schemas: JsonSchema[], root: JsonSchema): Level {
  const out: Level = { properties: new Map(), open: false, items: [], type: new Set() };
  for (const s of schemas.flatMap((x) => alternatives(x, root))) {
    if (isSchema(s.properties)) {
      for (const [name, sub] of Object.entries(s.properties)) {
        if (!isSchema(sub)) continue;
        const list = out.properties.get(name) ?? [];
        list.push(sub);
        out.properties.set(name, list);
      }
    }
    if ((s.additionalProperties !== undefined && s.additionalProperties !== false) || isSchema(s.patternProperties)) out.open = true;
    if (typeof s.maxLength === 'number') out.maxLength = Math.max(out.maxLength ?? 0, s.maxLength);
    if (typeof s.maxItems === 'number') out.maxItems = Math.max(out.maxItems ?? 0, s.maxItems);
    if (isSchema(s.items)) out.items.push(s.items);
    if (typeof s.type === 'string') out.type.add(s.type);
    else if (Array.isArray(s.type)) for (const t of s.type) out.type.add(String(t));
    const vs = Array.isArray(s.enum) ? s.enum : Object.hasOwn(s, 'const') ? [s.const] : undefined;
    if (vs) out.values = [...(out.values ?? []), ...vs];
  }
  return out;
}

type Problem = { code: 'input.undeclared' | 'input.maxLength' | 'input.maxItems'; path: string; params: Record<string, unknown> };

function walk(root: JsonSchema, schemas: JsonSchema[], value: unknown, path: string, limits: AnswerLimits, out: Problem[], depth: number): void {
  if (out.length >= 20 || depth > MAX_DEPTH) return;
  // No schema at all (an answer inside an open level): anything goes but the text and list limits.
  const here = schemas.length === 0 ? { ...level([], root), open: true } : level(schemas, root);
  if (typeof value === 'string') {
    const limit = here.maxLength ?? limits.text;
    if (value.length > limit) out.push({ code: 'input.maxLength', path, params: { limit } });
    return;
  }
  if (Array.isArray(value)) {
    const limit = here.maxItems ?? limits.items;
    if (value.length > limit) {
      out.push({ code: 'input.maxItems', path, params: { limit } });
      return;
    }
    value.forEach((item, i) => walk(root, here.items, item, `${path}/${i}`, limits, out, depth + 1));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    const declared = here.properties.get(key);
    const at = `${path}/${escapeSegment(key)}`;
    if (declared) walk(root, declared, child, at, limits, out, depth + 1);
    else if (!here.open) out.push({ code: 'input.undeclared', path: at, params: { name: key } });
    else walk(root, [], child, at, limits, out, depth + 1);
  }
}

/**
 * The answers' problems against the form's bounds (at most 20): undeclared answers (`input.undeclared`), texts and
 * lists over their limits (`input.maxLength`, `input.maxItems`), each a diagnostic at the answer's JSON Pointer with
 * the field's title (`title(pointer)`) in `lang`.
 */
export function answerBoundProblems(
  schema: JsonSchema,
  answers: unknown,
  options: { limits?: AnswerLimits; lang?: string; title?: (pointer: string) => string } = {},
): Diagnostic[] {
  const problems: Problem[] = [];
  walk(schema, [schema], answers, '', options.limits ?? DEFAULT_ANSWER_LIMITS, problems, 0);
  return problems.map(({ code, path, params }) => {
    const all = { ...params, title: options.title?.(path) ?? path.split('/').pop() ?? '', path };
    return { code, severity: 'error', path, message: SUBMISSION_MESSAGES.render(code, all, options.lang ?? 'en'), params: all };
  });
}

function bound(root: JsonSchema, schemas: JsonSchema[], limits: AnswerLimits, depth: number, path: Set<JsonSchema> = new Set()): number {
  // A level that accepts any answer, or a schema that contains itself (a tree of answers), has no bound of its own:
  // the body limit is then the bound.
  if (depth > MAX_DEPTH || schemas.some((x) => path.has(x))) return Number.POSITIVE_INFINITY;
  const here = level(schemas, root);
  if (here.open) return Number.POSITIVE_INFINITY;
  const inner = new Set([...path, ...schemas]);
  if (here.values) return Math.max(...here.values.map((v) => JSON.stringify(v)?.length ?? 4), 4);
  let most = 5; // true, false, null
  if (here.type.has('number') || here.type.has('integer')) most = Math.max(most, 24);
  const anyType = here.type.size === 0;
  // A text may need 6 bytes of JSON per character (\u escapes); the bound is generous, not tight.
  if (anyType || here.type.has('string')) most = Math.max(most, (here.maxLength ?? limits.text) * 6 + 2);
  if (anyType || here.type.has('array')) {
    const item = here.items.length > 0 ? bound(root, here.items, limits, depth + 1, inner) : limits.text * 6 + 2;
    most = Math.max(most, (here.maxItems ?? limits.items) * (item + 1) + 2);
  }
  if (here.properties.size > 0 || here.type.has('object')) {
    let sum = 2;
    for (const [name, subs] of here.properties) sum += JSON.stringify(name).length + 2 + bound(root, subs, limits, depth + 1, inner);
    most = Math.max(most, sum);
  }
  return most;
}

/**
 * The largest JSON text (in characters) answers that `answerBoundProblems` accepts can take; `Infinity` when the form
 * accepts answers beyond its declared questions or nests itself (the request body limit then bounds them).
 */
export function answerBytesBound(schema: JsonSchema, limits: AnswerLimits = DEFAULT_ANSWER_LIMITS): number {
  return bound(schema, [schema], limits, 0);
}
