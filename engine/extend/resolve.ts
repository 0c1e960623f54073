/**
 * Programs that extend programs (docs/design.md §1, "Programs that extend programs"): a layer is a version holding
 * its own metadata, the base version it `extends`, and only what it `override`s and `add`s. `resolveLayer(layer,
 * base)` makes one complete program of the two:
 *
 *   layer ──▶ layer format (ajv) ──▶ /extends against the base ──▶ overrides (must exist) + adds (must not clash)
 *         ──▶ translations merged by pointer ──▶ the complete program, carrying `extends` (with the base's hash) and
 *             `layer` (the layer's own parts) ──▶ validate (the one validator)
 *
 * Pure and deterministic: the same layer and base give the same document, so the same content hash; the document
 * holds the base's hash and the layer's parts, so its hash changes when either changes.
 */
import { contentHash } from '../format/hash.ts';
import { pointer } from '../format/pointer.ts';
import type { Diagnostic, FormPage, JsonSchema, LayerAdd, LayerOverride, Program, ProgramLayer, ResolvedLayer } from '../format/types.ts';
import { diagnostic } from '../messages/definition.ts';
import type { NormalizedProgram } from '../normalize/index.ts';
import { validateLayerFormat } from '../validate/format.ts';
import { hasErrors, sortDiagnostics, validate } from '../validate/index.ts';
import { suggest } from '../validate/suggest.ts';

/** The metadata every version has of its own: a layer's replace the base's (the referral is inherited unless overridden). */
export const LAYER_METADATA = [
  '$schema',
  'id',
  'title',
  'description',
  'owner',
  'languages',
  'version',
  'effectiveFrom',
  'effectiveTo',
  'changelog',
  'inFlight',
  'jurisdiction',
] as const;

/** Where a part of the resolved program was written in the layer: pointers under `resolved` come from under `layer`. */
export interface LayerOrigin {
  resolved: string;
  layer: string;
  /** `override`: the part replaces the base's; `add`: it is new. */
  kind: 'override' | 'add';
}

/** What `resolveLayer` returns. */
export interface ResolveResult {
  /** The complete program, set when the layer itself has no errors (the result's own diagnostics may still hold errors). */
  program?: Program;
  /** `validate`'s program (normalized) of `program`, set when neither has errors. */
  normalized?: NormalizedProgram;
  /** The layer's problems (pointers into the layer), then the resolved program's (moved to the layer where it wrote the part). */
  diagnostics: Diagnostic[];
  /** Where each overridden or added part came from. */
  origins: LayerOrigin[];
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const clone = <T>(v: T): T => structuredClone(v);
const within = (ptr: string, prefix: string): boolean => ptr === prefix || ptr.startsWith(`${prefix}/`);

/** True when `doc` is a layer as written (it names a base in `extends` and has not been resolved). */
export function isLayer(doc: unknown): doc is ProgramLayer {
  return isObject(doc) && isObject(doc.extends) && !('layer' in doc);
}

/** The layer a resolved program was made from (its metadata, `extends`, its own parts and tests), or undefined. */
export function layerOf(program: Program): ProgramLayer | undefined {
  if (!program.extends || !program.layer) return undefined;
  const out: Record<string, unknown> = {};
  for (const key of LAYER_METADATA) if (program[key] !== undefined) out[key] = clone(program[key]);
  out.extends = clone(program.extends);
  const { override, add, translations } = program.layer;
  if (override) out.override = clone(override);
  if (add) out.add = clone(add);
  if (translations) out.translations = clone(translations);
  if (program.tests && program.tests.length > 0) out.tests = clone(program.tests);
  return out as unknown as ProgramLayer;
}

/** The hash a layer pins its base by: the base document's content hash (plain hex). */
export function baseHash(base: Program): string {
  return contentHash(base);
}

/** Every top-level question name of a form schema, also those declared only in a root branch (if/then, allOf, ...). */
function questionNames(schema: JsonSchema): Set<string> {
  const names = new Set<string>();
  const walk = (node: unknown, depth: number) => {
    if (!isObject(node) || depth > 4) return;
    if (isObject(node.properties)) for (const name of Object.keys(node.properties)) names.add(name);
    for (const key of ['then', 'else']) walk(node[key], depth + 1);
    for (const key of ['allOf', 'anyOf', 'oneOf']) if (Array.isArray(node[key])) for (const n of node[key] as unknown[]) walk(n, depth + 1);
    if (isObject(node.dependencies)) for (const n of Object.values(node.dependencies)) walk(n, depth + 1);
  };
  walk(schema, 0);
  return names;
}

function setRequired(schema: JsonSchema, name: string, required: boolean): void {
  const list = Array.isArray(schema.required) ? (schema.required as string[]).filter((n) => n !== name) : [];
  if (required) list.push(name);
  schema.required = list;
}

/** A pointer into the layer moved to where its part landed in the resolved program (unchanged when no part holds it). */
export function toResolved(ptr: string, origins: LayerOrigin[]): string {
  let best: LayerOrigin | undefined;
  for (const o of origins) if (within(ptr, o.layer) && (!best || o.layer.length > best.layer.length)) best = o;
  return best ? best.resolved + ptr.slice(best.layer.length) : ptr;
}

/** A pointer into the resolved program moved back to where the layer wrote that part (unchanged for inherited parts). */
export function toLayer(ptr: string, origins: LayerOrigin[]): string {
  let best: LayerOrigin | undefined;
  for (const o of origins) if (within(ptr, o.resolved) && (!best || o.resolved.length > best.resolved.length)) best = o;
  return best ? best.layer + ptr.slice(best.resolved.length) : ptr;
}

/**
 * Resolves a layer on its base: the complete program, the layer's problems and the resolved program's diagnostics.
 * `base` is a complete program (itself possibly resolved from a layer: chains resolve base first). Never throws on
 * bad input.
 */
export function resolveLayer(input: unknown, base: Program): ResolveResult {
  if (!isObject(input)) {
    const actual = input === null ? 'null' : Array.isArray(input) ? 'a list' : typeof input;
    return { diagnostics: [diagnostic('document.not-object', '', { actual })], origins: [] };
  }
  const format = validateLayerFormat(input);
  if (format.length > 0) return { diagnostics: sortDiagnostics(format), origins: [] };
  const layer = input as unknown as ProgramLayer;
  const diagnostics: Diagnostic[] = [];
  const baseName = `${base.id} v${base.version}`;
  const hash = baseHash(base);
  if (layer.extends.program !== base.id)
    diagnostics.push(
      diagnostic('extends.base-mismatch', '/extends/program', {
        expected: layer.extends.program,
        actual: base.id,
        what: 'as its base',
        field: 'program',
      }),
    );
  else if (layer.extends.version !== base.version)
    diagnostics.push(
      diagnostic('extends.base-mismatch', '/extends/version', {
        expected: layer.extends.version,
        actual: base.version,
        what: 'as the base version',
        field: 'version',
      }),
    );
  else if (layer.extends.hash && layer.extends.hash.replace(/^sha256:/, '') !== hash)
    diagnostics.push(
      diagnostic('extends.hash-mismatch', '/extends/hash', { base: base.id, version: base.version, expected: layer.extends.hash, actual: hash }),
    );
  if (diagnostics.length > 0) return { diagnostics, origins: [] };

  const parts = clone(base) as unknown as Record<string, unknown>;
  for (const key of [...LAYER_METADATA, 'extends', 'layer', 'tests', 'translations']) delete parts[key];
  const override: LayerOverride = layer.override ?? {};
  const add: LayerAdd = layer.add ?? {};
  const origins: LayerOrigin[] = [];
  /** Resolved prefixes the layer replaced: the base's translations under them translated the base's texts. */
  const replaced: string[] = ['/title', '/description', '/changelog'];
  const missing = (path: string, kind: string, name: string, known: Iterable<string>, addPath: string) =>
    diagnostics.push(diagnostic('extends.override-missing', path, { base: baseName, kind, name, suggestion: suggest(name, known), addPath }));
  const clash = (path: string, kind: string, name: string, overridePath: string) =>
    diagnostics.push(diagnostic('extends.add-clash', path, { base: baseName, kind, name, overridePath }));
  const from = (resolved: string, layerPath: string, kind: 'override' | 'add') => {
    origins.push({ resolved, layer: layerPath, kind });
    if (kind === 'override') replaced.push(resolved);
  };

  // Named parts: parameters, derived values, shared conditions.
  const named = [
    ['parameters', 'parameter'],
    ['derived', 'derived value'],
    ['conditions', 'shared condition'],
  ] as const;
  for (const [part, kind] of named) {
    const map = (isObject(parts[part]) ? parts[part] : {}) as Record<string, unknown>;
    const known = Object.keys(map);
    for (const [name, value] of Object.entries(override[part] ?? {})) {
      if (!known.includes(name)) missing(pointer('override', part, name), kind, name, known, `/add/${part}`);
      else {
        map[name] = clone(value);
        from(pointer(part, name), pointer('override', part, name), 'override');
      }
    }
    for (const [name, value] of Object.entries(add[part] ?? {})) {
      if (known.includes(name)) clash(pointer('add', part, name), kind, name, `/override/${part}`);
      else {
        map[name] = clone(value);
        from(pointer(part, name), pointer('add', part, name), 'add');
      }
    }
    if (Object.keys(map).length > 0 || parts[part] !== undefined) parts[part] = map;
  }
  const parameters = parts.parameters as Program['parameters'];
  for (const [name, values] of Object.entries(override.parameterValues ?? {})) {
    const parameter = parameters[name];
    if (!parameter || !Object.hasOwn(parameters, name)) {
      missing(pointer('override', 'parameterValues', name), 'parameter', name, Object.keys(parameters), '/add/parameters');
      continue;
    }
    for (const [date, value] of Object.entries(values)) {
      parameter.values[date] = clone(value);
      from(pointer('parameters', name, 'values', date), pointer('override', 'parameterValues', name, date), 'override');
    }
  }

  // Listed parts: rules and benefits, by id. Added ones come after the base's, so the base's pointers stay put.
  const listed = [
    ['rules', 'rule'],
    ['benefits', 'benefit'],
  ] as const;
  for (const [part, kind] of listed) {
    const list = (Array.isArray(parts[part]) ? parts[part] : []) as { id: string }[];
    const ids = list.map((item) => item.id);
    (override[part] ?? []).forEach((item, k) => {
      const i = ids.indexOf(item.id);
      if (i < 0) missing(pointer('override', part, k, 'id'), kind, item.id, ids, `/add/${part}`);
      else {
        list[i] = clone(item);
        from(pointer(part, i), pointer('override', part, k), 'override');
      }
    });
    const seen = new Map<string, number>();
    (add[part] ?? []).forEach((item, k) => {
      if (ids.includes(item.id)) clash(pointer('add', part, k, 'id'), kind, item.id, `/override/${part}`);
      else if (seen.has(item.id))
        diagnostics.push(
          diagnostic('extends.add-twice', pointer('add', part, k, 'id'), { kind, name: item.id, other: pointer('add', part, seen.get(item.id)!) }),
        );
      else {
        seen.set(item.id, k);
        from(pointer(part, list.length), pointer('add', part, k), 'add');
        list.push(clone(item));
      }
    });
    if (list.length > 0 || parts[part] !== undefined) parts[part] = list;
  }

  // The form: pages by id (added ones placed after a page), questions by property name.
  const form = parts.form as Program['form'];
  const schema = form.schema as JsonSchema;
  const properties = (isObject(schema.properties) ? schema.properties : (schema.properties = {})) as Record<string, unknown>;
  const uiSchema = (form.uiSchema ??= {}) as Record<string, unknown>;
  const names = questionNames(schema);
  const basePageIds = form.pages.map((p) => p.id);
  const pageIds = () => form.pages.map((p) => p.id);
  (override.form?.pages ?? []).forEach((page, k) => {
    const i = basePageIds.indexOf(page.id);
    if (i < 0) missing(pointer('override', 'form', 'pages', k, 'id'), 'page', page.id, basePageIds, '/add/form/pages');
    else form.pages[i] = clone(page);
  });
  const addedPages = new Map<string, number>();
  (add.form?.pages ?? []).forEach((written, k) => {
    const at = pointer('add', 'form', 'pages', k);
    if (basePageIds.includes(written.id)) return clash(`${at}/id`, 'page', written.id, '/override/form/pages');
    if (addedPages.has(written.id))
      return diagnostics.push(
        diagnostic('extends.add-twice', `${at}/id`, {
          kind: 'page',
          name: written.id,
          other: pointer('add', 'form', 'pages', addedPages.get(written.id)!),
        }),
      );
    const { after, ...page } = clone(written);
    let index = form.pages.length;
    if (after !== undefined) {
      const i = pageIds().indexOf(after);
      if (i < 0) {
        diagnostics.push(
          diagnostic('extends.page-unknown', `${at}/after`, { page: after, base: baseName, pages: pageIds(), suggestion: suggest(after, pageIds()) }),
        );
        return;
      }
      index = i + 1;
    }
    addedPages.set(written.id, k);
    form.pages.splice(index, 0, page as FormPage);
  });
  const pageAt = (id: string) => form.pages.findIndex((p) => p.id === id);
  for (const [name, question] of Object.entries(override.form?.questions ?? {})) {
    const at = pointer('override', 'form', 'questions', name);
    if (!Object.hasOwn(properties, name)) {
      missing(at, 'question', name, Object.keys(properties), '/add/form/questions');
      continue;
    }
    if (question.schema) {
      properties[name] = clone(question.schema);
      from(pointer('form', 'schema', 'properties', name), `${at}/schema`, 'override');
    }
    if (question.ui) {
      uiSchema[name] = clone(question.ui);
      from(pointer('form', 'uiSchema', name), `${at}/ui`, 'override');
    }
    if (question.required !== undefined) setRequired(schema, name, question.required);
    if (question.page !== undefined) {
      const i = pageAt(question.page);
      if (i < 0)
        diagnostics.push(
          diagnostic('extends.page-unknown', `${at}/page`, {
            page: question.page,
            base: baseName,
            pages: pageIds(),
            suggestion: suggest(question.page, pageIds()),
          }),
        );
      else {
        for (const p of form.pages) p.fields = p.fields.filter((f) => f !== name);
        form.pages[i].fields.push(name);
      }
    }
  }
  for (const [name, question] of Object.entries(add.form?.questions ?? {})) {
    const at = pointer('add', 'form', 'questions', name);
    if (names.has(name)) {
      clash(at, 'question', name, '/override/form/questions');
      continue;
    }
    const lacking = !question.schema ? 'schema' : question.page === undefined ? 'page' : undefined;
    if (lacking) {
      diagnostics.push(diagnostic('extends.question-needs', at, { name, missing: lacking }));
      continue;
    }
    const i = pageAt(question.page!);
    if (i < 0) {
      diagnostics.push(
        diagnostic('extends.page-unknown', `${at}/page`, {
          page: question.page,
          base: baseName,
          pages: pageIds(),
          suggestion: suggest(question.page!, pageIds()),
        }),
      );
      continue;
    }
    properties[name] = clone(question.schema);
    from(pointer('form', 'schema', 'properties', name), `${at}/schema`, 'add');
    if (question.ui) {
      uiSchema[name] = clone(question.ui);
      from(pointer('form', 'uiSchema', name), `${at}/ui`, 'add');
    }
    if (question.required) setRequired(schema, name, true);
    if (!form.pages[i].fields.includes(name)) form.pages[i].fields.push(name);
  }
  // Pages land where they land only once all are placed: record their origins (and the base pages' moves) now.
  const finalIndex = new Map(form.pages.map((p, i) => [p.id, i]));
  (override.form?.pages ?? []).forEach((page, k) => {
    if (basePageIds.includes(page.id)) from(pointer('form', 'pages', finalIndex.get(page.id)!), pointer('override', 'form', 'pages', k), 'override');
  });
  for (const [id, k] of addedPages) from(pointer('form', 'pages', finalIndex.get(id)!), pointer('add', 'form', 'pages', k), 'add');
  const movedPage = (ptr: string): string => {
    const m = /^\/form\/pages\/(\d+)(\/.*)?$/.exec(ptr);
    return m ? `/form/pages/${finalIndex.get(basePageIds[Number(m[1])]) ?? m[1]}${m[2] ?? ''}` : ptr;
  };

  for (const key of ['workflow', 'referral'] as const) {
    if (override[key] === undefined) continue;
    parts[key] = clone(override[key]);
    from(`/${key}`, `/override/${key}`, 'override');
  }

  // Translations: the base's (moved with their pages, less those of replaced parts), then the layer's on top.
  const translations: Record<string, Record<string, unknown>> = {};
  for (const lang of layer.languages.slice(1)) {
    const table: Record<string, unknown> = {};
    for (const [ptr, text] of Object.entries(base.translations?.[lang] ?? {})) {
      const moved = movedPage(ptr);
      if (!replaced.some((prefix) => within(moved, prefix))) table[moved] = clone(text);
    }
    for (const [ptr, text] of Object.entries(layer.translations?.[lang] ?? {})) table[toResolved(ptr, origins)] = clone(text);
    if (Object.keys(table).length > 0) translations[lang] = table;
  }

  const own: ResolvedLayer = {};
  if (layer.override) own.override = clone(layer.override);
  if (layer.add) own.add = clone(layer.add);
  if (layer.translations) own.translations = clone(layer.translations);
  const program: Record<string, unknown> = {};
  for (const key of LAYER_METADATA) if (layer[key] !== undefined) program[key] = clone(layer[key]);
  if (parts.referral !== undefined) program.referral = parts.referral;
  program.extends = { program: base.id, version: base.version, hash };
  for (const [key, value] of Object.entries(parts)) if (key !== 'referral') program[key] = value;
  if (Object.keys(translations).length > 0) program.translations = translations;
  if (layer.tests && layer.tests.length > 0) program.tests = clone(layer.tests);
  program.layer = own;
  if (hasErrors(diagnostics)) return { diagnostics: sortDiagnostics(diagnostics), origins };

  const resolved = program as unknown as Program;
  const checked = validate(resolved);
  for (const d of checked.diagnostics) diagnostics.push({ ...d, path: toLayer(d.path, origins) });
  return { program: resolved, normalized: checked.program, diagnostics: sortDiagnostics(diagnostics), origins };
}
