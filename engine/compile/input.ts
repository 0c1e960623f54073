/**
 * The door for submissions: prune hidden answers, validate against the form schema (compiled once per program),
 * and turn ajv's errors into `missing` inputs and `inputErrors` that name each field by its title.
 * A value that fails validation is removed, so the rules see it as missing rather than trusting it.
 */
import type { Ajv, ValidateFunction } from 'ajv';
import type { Diagnostic, JsonSchema, MissingInput } from '../format/types.ts';
import { compilePruner, type Pruner } from './prune.ts';
import { formAjv } from '../validate/ajv.ts';
import { quickCheck } from '../evaluate/columnar/reader.ts';
import { SUBMISSION_MESSAGES, type SubmissionCode } from '../messages/submission.ts';

/** A submission ready for the rules, with what was wrong or missing in it. */
export interface PreparedInput {
  data: Record<string, unknown>;
  /** Required answers not given (path + title). */
  missing: MissingInput[];
  /** Submission errors; `required` ones only when the submission is not partial. */
  errors: Diagnostic[];
}

/** A form schema compiled for submissions. */
export interface CompiledInput {
  /** `translate` gives field titles in `lang`, the language the errors are worded in (default English). */
  prepare(input: unknown, partial: boolean, translate?: (pointer: string, text: string) => string, lang?: string): PreparedInput;
  schema: JsonSchema;
}

const NONE: never[] = Object.freeze([]) as unknown as never[];

function isSchema(v: unknown): v is JsonSchema {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function unescape(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Finds the schema (and its pointer) declaring property `key` at this level, looking into conditional branches. */
function findProperty(schema: JsonSchema, pointer: string, key: string): { schema: JsonSchema; pointer: string } | undefined {
  if (isSchema(schema.properties) && isSchema(schema.properties[key])) {
    return { schema: schema.properties[key] as JsonSchema, pointer: `${pointer}/properties/${key}` };
  }
  const branches: [unknown, string][] = [
    [schema.then, `${pointer}/then`],
    [schema.else, `${pointer}/else`],
  ];
  if (Array.isArray(schema.allOf)) schema.allOf.forEach((s, i) => branches.push([s, `${pointer}/allOf/${i}`]));
  if (isSchema(schema.dependencies)) {
    for (const [k, dep] of Object.entries(schema.dependencies)) {
      branches.push([dep, `${pointer}/dependencies/${k}`]);
      if (isSchema(dep) && Array.isArray(dep.oneOf)) dep.oneOf.forEach((s, i) => branches.push([s, `${pointer}/dependencies/${k}/oneOf/${i}`]));
    }
  }
  for (const [sub, ptr] of branches) {
    if (!isSchema(sub)) continue;
    const found = findProperty(sub, ptr, key);
    if (found) return found;
  }
  return undefined;
}

function singular(name: string): string {
  if (name.endsWith('ren')) return name.slice(0, -3);
  if (name === 'people') return 'person';
  if (name.endsWith('ies')) return `${name.slice(0, -3)}y`;
  return name.endsWith('s') ? name.slice(0, -1) : name;
}

/**
 * The title a person sees for the input at `pointer`, in `lang`, e.g. "/members/1/earnedIncome" → "Money from work
 * each month (member 2)". Falls back to the property name when the schema gives no title.
 */
export function titleAt(schema: JsonSchema, pointer: string, translate?: (pointer: string, text: string) => string, lang = 'en'): string {
  const segments = pointer.split('/').slice(1).map(unescape);
  let current: JsonSchema | undefined = schema;
  let schemaPointer = '/form/schema';
  let title = '';
  let item: Record<string, unknown> | undefined;
  let lastName = '';
  for (const seg of segments) {
    if (!current) break;
    if (/^\d+$/.test(seg) && isSchema(current.items)) {
      item = { item: singular(lastName), group: title, number: Number(seg) + 1 };
      current = current.items as JsonSchema;
      schemaPointer += '/items';
      continue;
    }
    const found = findProperty(current, schemaPointer, seg);
    lastName = seg;
    if (!found) {
      current = undefined;
      title = seg;
      break;
    }
    current = found.schema;
    schemaPointer = found.pointer;
    const raw = typeof current.title === 'string' ? current.title : seg;
    title = translate ? translate(`${schemaPointer}/title`, raw) : raw;
  }
  return item ? SUBMISSION_MESSAGES.render('input.item-title', { ...item, title }, lang) : title;
}

/** The keywords with words of their own in `SUBMISSION_MESSAGES`; others are reported as `input.invalid`. */
function codeOf(keyword: string): SubmissionCode {
  const code = `input.${keyword}`;
  return Object.hasOwn(SUBMISSION_MESSAGES.entries, code) ? (code as SubmissionCode) : 'input.invalid';
}

/** A submission error at `path`: its code, params and message in `lang`. */
function inputError(code: SubmissionCode, path: string, params: Record<string, unknown>, lang: string): Diagnostic {
  return { code, severity: 'error', path, message: SUBMISSION_MESSAGES.render(code, params, lang), params };
}

/** Removes the value at `pointer` from a private copy of the data (array entries become null). */
function removeAt(data: Record<string, unknown>, pointer: string): void {
  const segments = pointer.split('/').slice(1).map(unescape);
  let parent: unknown = data;
  for (let i = 0; i < segments.length - 1; i++) {
    if (parent === null || typeof parent !== 'object') return;
    parent = (parent as Record<string, unknown>)[segments[i]];
  }
  if (parent === null || typeof parent !== 'object') return;
  const last = segments[segments.length - 1];
  if (Array.isArray(parent)) parent[Number(last)] = null;
  else delete (parent as Record<string, unknown>)[last];
}

/**
 * Compiles the form schema's validator and pruner once (strict ajv, all errors, ajv-formats). `quickCheck: false`
 * turns off the reader's quick acceptance (for tests comparing the reader with ajv alone).
 */
export function compileInput(schema: JsonSchema, ajv: Ajv = formAjv(), options: { quickCheck?: boolean } = {}): CompiledInput {
  const validate: ValidateFunction = ajv.compile(schema);
  const pruner: Pruner = compilePruner(schema, ajv);
  // For forms in the reader's subset, ajv stopping at the first error on the unpruned submission, as a quick check:
  // a submission it accepts is one the full check finds valid with nothing missing once pruned
  // (tests/engine/reader.test.ts), so only the others need pruning first and ajv's error objects.
  // Compiled on first use (undefined until then), so that loading program versions nobody evaluates costs nothing.
  let clean: ((raw: unknown) => boolean) | null | undefined = options.quickCheck === false ? null : undefined;
  return {
    schema,
    prepare(input, partial, translate, lang = 'en') {
      if (input === null || typeof input !== 'object' || Array.isArray(input)) {
        return { data: {}, missing: NONE, errors: [inputError('input.type', '', { type: 'object' }, lang)] };
      }
      if (clean === undefined) clean = quickCheck(schema);
      if (clean !== null && clean(input)) return { data: pruner(input) as Record<string, unknown>, missing: NONE, errors: NONE };
      let data = pruner(input) as Record<string, unknown>;
      if (validate(data)) return { data, missing: NONE, errors: NONE };
      const missing: MissingInput[] = [];
      const errors: Diagnostic[] = [];
      const seen = new Set<string>();
      let copied = false;
      for (const e of validate.errors ?? []) {
        if (e.keyword === 'if') continue;
        if (e.keyword === 'required') {
          const path = `${e.instancePath}/${(e.params as { missingProperty: string }).missingProperty.replace(/~/g, '~0').replace(/\//g, '~1')}`;
          if (seen.has(path)) continue;
          seen.add(path);
          const title = titleAt(schema, path, translate, lang);
          missing.push({ path, title });
          if (!partial) errors.push(inputError('input.required', path, { title }, lang));
          continue;
        }
        const path = e.instancePath;
        if (seen.has(path)) continue;
        seen.add(path);
        const code = codeOf(e.keyword);
        const params: Record<string, unknown> =
          code === 'input.invalid' ? { ...e.params, keyword: e.keyword, detail: e.message ?? e.keyword } : { ...e.params };
        if (path !== '') params.title = titleAt(schema, path, translate, lang);
        errors.push(inputError(code, path, params, lang));
        if (!copied) {
          data = structuredClone(data);
          copied = true;
        }
        if (path === '') data = {};
        else removeAt(data, path);
      }
      return { data, missing, errors };
    },
  };
}
