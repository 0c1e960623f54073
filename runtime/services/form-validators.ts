/**
 * The pages' form validators: for a form schema, ajv standalone code (no `new Function` on the page, so the strict
 * Content-Security-Policy holds) compiled with the submissions' own ajv (`formAjv`), bundled with esbuild into one
 * self-contained ES module, and served at `/api/validators/<sha256>.js`. The page and the server thus run ajv's code
 * for the same schema with the same options: they agree by construction (tests/browser/form-logic.test.ts).
 *
 *   form schema ──▶ root: formAjv().compile ─┐
 *               └─▶ schemaParser (the sub-schemas RJSF tests with isValid: if/then/else, oneOf options)
 *                   ──▶ formAjv({ strict: false }) ─┴─▶ standaloneCode ──▶ esbuild (formats, ajv runtime) ──▶ ES module
 *
 * The module exports `validate` (the whole form's function, the verdict) and `subschemas` (by `$id` or RJSF's
 * `hashForSchema`, as `web/src/forms/validator.ts` looks them up). Sub-schemas are compiled without strict mode:
 * an `if` alone has no `type`, which strict mode refuses at compile time; strictness never changes a verdict.
 *
 * Modules are built lazily (on the first request of a version that needs one), cached in memory by the schema's
 * canonical JSON, and addressed by the sha256 of their code, so their URL is immutable.
 */
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { _, type Ajv } from 'ajv';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { hashForSchema, JUNK_OPTION_ID, schemaParser, type RJSFSchema } from '@rjsf/utils';
import { build, type Plugin } from 'esbuild';
import { canonicalJson, formAjv, linearRegExp } from './engine-port.ts';

/** Where validator modules are served. */
export const VALIDATORS_PATH = '/api/validators';

/** How many modules stay in memory (each a few tens of kB); the least recently used one goes first. */
const LIMIT = 200;

/** One built module: its code, the sha256 of the code, and the URL that serves it. */
export interface ValidatorModule {
  hash: string;
  code: string;
  url: string;
}

// ajv's standalone entry is CommonJS: under NodeNext its default import is the module object, whose `default` is the function.
const standaloneCode = ((standaloneModule as unknown as { default?: unknown }).default ?? standaloneModule) as typeof standaloneModule.default;

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// The formats `formAjv` registers; the generated code reads `formats[name]` from this module.
const FORMATS = fileURLToPath(new URL('../../engine/validate/formats.ts', import.meta.url));

const bySchema = new Map<string, Promise<ValidatorModule>>();
const byHash = new Map<string, ValidatorModule>();

// The linear-time pattern engine the generated code imports (bundled into the module with re2js).
const LINEAR = fileURLToPath(new URL('../../engine/validate/linear-regexp.ts', import.meta.url));
const regExp = Object.assign((pattern: string, flags: string) => linearRegExp(pattern, flags), {
  code: `require(${JSON.stringify(LINEAR)}).linearRegExp`,
});

function sourceAjv(strict: boolean): Ajv {
  const code = { source: true, esm: true, formats: _`require(${FORMATS}).formats`, regExp };
  return formAjv(strict ? { code } : { code, strict: false });
}

/**
 * The option RJSF tests first whenever it matches an answer against `oneOf` / `anyOf` options (its "junk" option, as
 * `getFirstMatchingOption` augments it). `schemaParser` walks the schema without answers and never meets it, so a form
 * with a choice written as `oneOf` const/title needs it added, or choosing an option finds no function for it.
 */
const JUNK_OPTION: RJSFSchema = {
  type: 'object',
  $id: JUNK_OPTION_ID,
  properties: { __not_really_there__: { type: 'number' } },
  anyOf: [{ required: ['__not_really_there__'] }],
};

function hasOptions(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasOptions);
  if (!value || typeof value !== 'object') return false;
  const o = value as Record<string, unknown>;
  return Array.isArray(o.oneOf) || Array.isArray(o.anyOf) || Object.values(o).some(hasOptions);
}

/** The three source files of a module: the form's function, the sub-schemas' functions, and the entry joining them. */
function sources(schema: RJSFSchema): Record<string, string> {
  const root = sourceAjv(true);
  const form = standaloneCode(root, root.compile(schema));
  const parsed = schemaParser(schema);
  if (hasOptions(schema) && !(JUNK_OPTION_ID in parsed)) parsed[JUNK_OPTION_ID] = JUNK_OPTION;
  const rootKey = (schema.$id as string | undefined) ?? hashForSchema(schema);
  const names: Record<string, string> = {};
  const sub = sourceAjv(false);
  Object.entries(parsed).forEach(([key, part], i) => {
    if (key === rootKey) return;
    sub.addSchema(part);
    names[`s${i}`] = key;
  });
  const subschemas = Object.keys(names).length ? standaloneCode(sub, names) : '';
  const table = [`${JSON.stringify(rootKey)}: validate`, ...Object.entries(names).map(([name, key]) => `${JSON.stringify(key)}: sub.${name}`)];
  const entry = [
    "import { validate } from 'mandate:form';",
    "import * as sub from 'mandate:subschemas';",
    'export { validate };',
    `export const subschemas = { ${table.join(', ')} };`,
  ].join('\n');
  return { form, subschemas, entry };
}

/** Bundles the sources into one minified ES module with no imports left. */
async function bundle(files: Record<string, string>): Promise<string> {
  const virtual: Plugin = {
    name: 'mandate-validator',
    setup(b) {
      b.onResolve({ filter: /^mandate:/ }, (args) => ({ path: args.path.slice('mandate:'.length), namespace: 'mandate' }));
      b.onLoad({ filter: /.*/, namespace: 'mandate' }, (args) => ({ contents: files[args.path], resolveDir: ROOT, loader: 'js' }));
    },
  };
  const result = await build({
    stdin: { contents: files.entry, resolveDir: ROOT, loader: 'js', sourcefile: 'validator.js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    write: false,
    logLevel: 'silent',
    plugins: [virtual],
  });
  return result.outputFiles[0].text;
}

async function generate(schema: RJSFSchema): Promise<ValidatorModule> {
  const code = await bundle(sources(schema));
  const hash = createHash('sha256').update(code).digest('hex');
  const module = { hash, code, url: `${VALIDATORS_PATH}/${hash}.js` };
  byHash.set(hash, module);
  return module;
}

/**
 * The validator module of a form schema, built on first use and kept (up to `LIMIT` schemas). Throws when ajv
 * cannot compile the schema (a stored, published form always compiles: it passed the same strict checks).
 */
export function validatorModule(schema: Record<string, unknown>): Promise<ValidatorModule> {
  // The same schema object (a stored version's form: one object per version) is serialized once.
  const known = keyOfSchema.get(schema);
  const key = known ?? canonicalJson(schema);
  if (!known) keyOfSchema.set(schema, key);
  return validatorModuleByKey(key, schema);
}

const keyOfSchema = new WeakMap<object, string>();

function validatorModuleByKey(key: string, schema: Record<string, unknown>): Promise<ValidatorModule> {
  const hit = bySchema.get(key);
  if (hit) {
    bySchema.delete(key);
    bySchema.set(key, hit);
    return hit;
  }
  const pending = generate(schema as RJSFSchema);
  bySchema.set(key, pending);
  pending.catch(() => bySchema.delete(key));
  while (bySchema.size > LIMIT) {
    const [oldest, dropped] = bySchema.entries().next().value!;
    bySchema.delete(oldest);
    void dropped.then(
      (m) => byHash.delete(m.hash),
      () => undefined,
    );
  }
  return pending;
}

/** The built module whose code hashes to `hash`, if this process built it (and still keeps it). */
export function validatorByHash(hash: string): ValidatorModule | undefined {
  return byHash.get(hash);
}
