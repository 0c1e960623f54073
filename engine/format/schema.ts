/**
 * The published JSON Schema of the program format (version 1) and its compiled validator.
 *
 * `program.v1.json` is what the studio feeds to monaco and what `validate` checks documents against first; its `$id`
 * is `FORMAT_SCHEMA_ID`. The validator is compiled once, on first use, with ajv in strict mode and `allErrors`.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { FORMAT_SCHEMA_ID } from './types.ts';
import { strictAjv } from '../validate/ajv.ts';
import programSchemaJson from './program.v1.json' with { type: 'json' };

/** The JSON Schema (draft-07) of a whole program document, format version 1. */
export const programSchema: Record<string, unknown> = programSchemaJson;

if (programSchema.$id !== FORMAT_SCHEMA_ID) {
  throw new Error(`engine/format/program.v1.json: $id is ${String(programSchema.$id)}, expected ${FORMAT_SCHEMA_ID}.`);
}

let compiled: ValidateFunction | undefined;
let compiledLayer: ValidateFunction | undefined;

/** Checks `doc` against the format schema; returns ajv's errors (empty when the document conforms). */
export function checkFormat(doc: unknown): ErrorObject[] {
  compiled ??= strictAjv({ verbose: true }).compile(programSchema);
  return compiled(doc) ? [] : [...(compiled.errors ?? [])];
}

/** Checks `doc` against the format's layer definition (`#/definitions/layer`, a version extending a base); ajv's errors. */
export function checkLayerFormat(doc: unknown): ErrorObject[] {
  if (!compiledLayer) {
    const ajv = strictAjv({ verbose: true });
    ajv.addSchema(programSchema);
    compiledLayer = ajv.compile({ $ref: `${FORMAT_SCHEMA_ID}#/definitions/layer` });
  }
  return compiledLayer(doc) ? [] : [...(compiledLayer.errors ?? [])];
}
