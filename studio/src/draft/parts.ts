/**
 * The parts of a definition, one editor tab each: the program's metadata, form, parameters, derived values, rules,
 * benefits, workflow, translations and test cases. A part's text is that part of the one definition text; editing
 * it writes the definition, and the definition's diagnostics are shown in the part whose pointer they fall in.
 * Each part gets the slice of the format's JSON Schema that describes it (with the schema's definitions, so its
 * `$ref`s resolve), for completion, hover help and schema errors.
 */
import { programSchema } from '../../../engine/index.ts';

/** The part tabs, in the definition's order. */
export const PARTS = ['metadata', 'form', 'parameters', 'derived', 'rules', 'benefits', 'workflow', 'translations', 'tests'] as const;
export type Part = (typeof PARTS)[number];
/** A tab: the whole definition or one part. */
export type Tab = 'definition' | Part;

const KEYED = new Set<string>(PARTS.filter((p) => p !== 'metadata'));

/** The part a JSON Pointer of the definition falls in. */
export function partOf(pointer: string): Part {
  const first = pointer.split('/')[1] ?? '';
  return (KEYED.has(first) ? first : 'metadata') as Part;
}

/** The pointer inside the part's own text (`/parameters/x` → `/x`; metadata keeps its pointers). */
export function pointerInPart(part: Part, pointer: string): string {
  return part === 'metadata' ? pointer : pointer.slice(part.length + 1);
}

/** The part's value in the document (metadata: every top-level key that is not a part of its own). */
export function partValue(doc: Record<string, unknown>, part: Part): unknown {
  if (part !== 'metadata') return doc[part];
  return Object.fromEntries(Object.entries(doc).filter(([k]) => !KEYED.has(k)));
}

/** The document with the part replaced, keys in their original order (a part that was absent goes last). */
export function withPart(doc: Record<string, unknown>, part: Part, value: unknown): Record<string, unknown> {
  if (part === 'metadata') {
    const meta = (value ?? {}) as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(doc)) {
      if (KEYED.has(k)) out[k] = v;
      else if (k in meta) out[k] = meta[k];
    }
    for (const [k, v] of Object.entries(meta)) if (!(k in out) && !KEYED.has(k)) out[k] = v;
    // Metadata keys come first in a definition; keep them before the parts.
    const ordered: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(out)) if (!KEYED.has(k)) ordered[k] = v;
    for (const [k, v] of Object.entries(out)) if (KEYED.has(k)) ordered[k] = v;
    return ordered;
  }
  if (value === undefined) {
    const { [part]: _removed, ...rest } = doc;
    return rest;
  }
  return part in doc ? Object.fromEntries(Object.entries(doc).map(([k, v]) => [k, k === part ? value : v])) : { ...doc, [part]: value };
}

type Schema = { properties: Record<string, unknown>; required?: string[]; definitions: Record<string, unknown>; [k: string]: unknown };
const root = programSchema as unknown as Schema;

/** The JSON Schema of a part (draft-07, self-contained). */
export function partSchema(part: Part): unknown {
  if (part === 'metadata') {
    const properties = Object.fromEntries(Object.entries(root.properties).filter(([k]) => !KEYED.has(k)));
    return {
      $schema: root.$schema,
      definitions: root.definitions,
      type: 'object',
      properties,
      required: (root.required ?? []).filter((k) => !KEYED.has(k)),
      additionalProperties: false,
    };
  }
  return { $schema: root.$schema, definitions: root.definitions, ...(root.properties[part] as object) };
}

/** The whole format's schema (for the definition tab). */
export const definitionSchema: unknown = programSchema;
