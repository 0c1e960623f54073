/**
 * Validates request bodies (and, in tests, responses) against the API's component schemas.
 *
 * The schemas in `schemas.ts` are compiled once by ajv into one document whose `$id` is `API_SCHEMA_ID`; refs
 * `#/components/schemas/X` resolve inside it, exactly as they do in the OpenAPI document built from the same object.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { isIsoDate, type Diagnostic } from '../../engine/index.ts';
import { unprocessable, words } from '../http/errors.ts';
import { REQUEST_MESSAGES, type RequestCode } from './request-messages.ts';
import { componentSchemas } from './schemas.ts';

export const API_SCHEMA_ID = 'https://mandate.dev/api/schemas';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

function instance(): Ajv {
  if (!ajv) {
    ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
    addFormats(ajv);
    // A date is a real calendar day, by the engine's one check (as in forms and query parameters).
    ajv.addFormat('date', { type: 'string', validate: isIsoDate });
    ajv.addKeyword({ keyword: 'components' });
    ajv.addKeyword({ keyword: 'example' });
    // Names the engine type a value is, for the generated TypeScript types (schemas.ts); no check.
    ajv.addKeyword({ keyword: 'x-tsType' });
    ajv.addSchema({ $id: API_SCHEMA_ID, components: { schemas: componentSchemas } });
  }
  return ajv;
}

/** The compiled validator of component schema `name`; throws for an unknown name (a programming error). */
export function validatorFor(name: string): ValidateFunction {
  let fn = compiled.get(name);
  if (!fn) {
    if (!(name in componentSchemas)) throw new Error(`No API schema named "${name}".`);
    fn = instance().getSchema(`${API_SCHEMA_ID}#/components/schemas/${name}`);
    if (!fn) throw new Error(`API schema "${name}" did not compile.`);
    compiled.set(name, fn);
  }
  return fn;
}

function titleOf(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** Turns ajv errors into diagnostics whose `path` is a JSON Pointer into the validated value (words: `REQUEST_MESSAGES`). */
export function toDiagnostics(errors: ErrorObject[] | null | undefined, where: string): Diagnostic[] {
  return (errors ?? []).map((e) => {
    let path = e.instancePath;
    if (e.keyword === 'required') path = `${e.instancePath}/${e.params.missingProperty}`;
    else if (e.keyword === 'additionalProperties') path = `${e.instancePath}/${e.params.additionalProperty}`;
    const known = Object.hasOwn(REQUEST_MESSAGES.entries, `request.${e.keyword}`);
    const code = (known ? `request.${e.keyword}` : 'request.invalid') as RequestCode;
    const params = {
      ...e.params,
      where,
      path: e.keyword === 'required' || e.keyword === 'additionalProperties' ? path : e.instancePath,
      ...(known ? {} : { keyword: e.keyword, detail: e.message ?? 'is invalid' }),
    };
    return { code, severity: 'error' as const, path, message: REQUEST_MESSAGES.render(code, params), params };
  });
}

/** Throws 422 with diagnostics unless `value` satisfies schema `name`. */
export function validateAgainst(name: string, value: unknown, where = 'body'): void {
  const fn = validatorFor(name);
  if (!fn(value)) {
    const diagnostics = toDiagnostics(fn.errors, where);
    throw unprocessable(words('invalid-request', { where, schema: titleOf(name) }), diagnostics, 'invalid-request');
  }
}

/** The errors of `value` against schema `name` (empty when valid). For tests that check responses. */
export function schemaErrors(name: string, value: unknown): Diagnostic[] {
  const fn = validatorFor(name);
  return fn(value) ? [] : toDiagnostics(fn.errors, 'response');
}
