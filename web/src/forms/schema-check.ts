/**
 * A JSON Schema (draft-07) checker that interprets the schema directly, so the pages validate without compiling
 * code at run time (no `new Function`, so no `'unsafe-eval'` in the Content-Security-Policy). It covers what
 * program forms use: `$ref` to `#/definitions`, `type`, `enum`, `const`, number and string limits, `pattern`,
 * `format` (date, date-time, email, uri), `required`, `properties`, `additionalProperties`, `dependencies`,
 * `items`, array limits, `uniqueItems`, `contains`, `allOf`/`anyOf`/`oneOf`/`not` and `if`/`then`/`else`.
 * Errors have ajv's shape (`instancePath`, `keyword`, `params`, `schemaPath`, `message`). The server checks the
 * answers again with ajv at submission, so this is for guidance, not the last word.
 */

type Schema = Record<string, unknown> | boolean;

/** One problem, in ajv's error shape. */
export interface SchemaError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  schemaPath: string;
  message: string;
}

const FORMATS: Record<string, (value: string) => boolean> = {
  date: (v) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
    if (!m) return false;
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    return (
      d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3])
    );
  },
  'date-time': (v) =>
    /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?$/.test(v) &&
    !Number.isNaN(Date.parse(v)),
  email: (v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
  uri: (v) => /^[a-z][a-z0-9+.-]*:[^\s]*$/i.test(v),
  'uri-reference': (v) => !/\s/.test(v),
};

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  if (type === 'integer') return actual === 'number' && Number.isInteger(value);
  if (type === 'number') return actual === 'number' && Number.isFinite(value as number);
  return actual === type;
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return (
    ka.length === kb.length &&
    ka.every((k) => equal((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

function pointerPart(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

const patternCache = new Map<string, RegExp>();
function regex(pattern: string): RegExp {
  let r = patternCache.get(pattern);
  if (!r) {
    r = new RegExp(pattern, 'u');
    patternCache.set(pattern, r);
  }
  return r;
}

/** Checks `data` against `schema`; `$ref`s resolve against `root`. Returns every error (or the first, with `first`). */
export function checkSchema(schema: Schema, data: unknown, root: Schema = schema, first = false): SchemaError[] {
  const errors: SchemaError[] = [];
  const stop = () => first && errors.length > 0;

  const resolve = (ref: string): Schema => {
    if (!ref.startsWith('#')) throw new Error(`Only local $ref is supported in forms, not "${ref}".`);
    let node: unknown = root;
    for (const part of ref.slice(1).split('/').filter(Boolean)) {
      node = (node as Record<string, unknown> | undefined)?.[
        decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~')
      ];
    }
    if (node === undefined) throw new Error(`The form schema refers to "${ref}", which does not exist.`);
    return node as Schema;
  };

  const visit = (s: Schema, value: unknown, path: string, spath: string): void => {
    if (stop()) return;
    if (s === true) return;
    if (s === false) {
      errors.push({
        instancePath: path,
        keyword: 'false schema',
        params: {},
        schemaPath: spath,
        message: 'boolean schema is false',
      });
      return;
    }
    const add = (keyword: string, params: Record<string, unknown>, message: string, at = path) => {
      if (!stop()) errors.push({ instancePath: at, keyword, params, schemaPath: `${spath}/${keyword}`, message });
    };

    if (typeof s.$ref === 'string') {
      visit(resolve(s.$ref), value, path, `${s.$ref}`);
      return; // draft-07: siblings of $ref are ignored
    }
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
      if (!types.some((t) => matchesType(value, t))) {
        add('type', { type: types.join(',') }, `must be ${types.join(',')}`);
        return;
      }
    }
    if (Array.isArray(s.enum) && !s.enum.some((e) => equal(e, value)))
      add('enum', { allowedValues: s.enum }, 'must be equal to one of the allowed values');
    if ('const' in s && !equal(s.const, value)) add('const', { allowedValue: s.const }, 'must be equal to constant');

    if (typeof value === 'number') {
      if (typeof s.minimum === 'number' && value < s.minimum)
        add('minimum', { comparison: '>=', limit: s.minimum }, `must be >= ${s.minimum}`);
      if (typeof s.maximum === 'number' && value > s.maximum)
        add('maximum', { comparison: '<=', limit: s.maximum }, `must be <= ${s.maximum}`);
      if (typeof s.exclusiveMinimum === 'number' && value <= s.exclusiveMinimum)
        add('exclusiveMinimum', { comparison: '>', limit: s.exclusiveMinimum }, `must be > ${s.exclusiveMinimum}`);
      if (typeof s.exclusiveMaximum === 'number' && value >= s.exclusiveMaximum)
        add('exclusiveMaximum', { comparison: '<', limit: s.exclusiveMaximum }, `must be < ${s.exclusiveMaximum}`);
      if (typeof s.multipleOf === 'number' && Math.abs(value / s.multipleOf - Math.round(value / s.multipleOf)) > 1e-9)
        add('multipleOf', { multipleOf: s.multipleOf }, `must be multiple of ${s.multipleOf}`);
    }
    if (typeof value === 'string') {
      const length = [...value].length;
      if (typeof s.minLength === 'number' && length < s.minLength)
        add('minLength', { limit: s.minLength }, `must NOT have fewer than ${s.minLength} characters`);
      if (typeof s.maxLength === 'number' && length > s.maxLength)
        add('maxLength', { limit: s.maxLength }, `must NOT have more than ${s.maxLength} characters`);
      if (typeof s.pattern === 'string' && !regex(s.pattern).test(value))
        add('pattern', { pattern: s.pattern }, `must match pattern "${s.pattern}"`);
      if (typeof s.format === 'string' && FORMATS[s.format] && !FORMATS[s.format](value))
        add('format', { format: s.format }, `must match format "${s.format}"`);
    }
    if (Array.isArray(value)) {
      if (typeof s.minItems === 'number' && value.length < s.minItems)
        add('minItems', { limit: s.minItems }, `must NOT have fewer than ${s.minItems} items`);
      if (typeof s.maxItems === 'number' && value.length > s.maxItems)
        add('maxItems', { limit: s.maxItems }, `must NOT have more than ${s.maxItems} items`);
      if (s.uniqueItems === true) {
        for (let i = 0; i < value.length; i++) {
          for (let j = i + 1; j < value.length; j++) {
            if (equal(value[i], value[j]))
              add('uniqueItems', { i, j }, `must NOT have duplicate items (items ## ${j} and ${i} are identical)`);
          }
        }
      }
      if (Array.isArray(s.items)) {
        (s.items as Schema[]).forEach(
          (item, i) => i < value.length && visit(item, value[i], `${path}/${i}`, `${spath}/items/${i}`),
        );
      } else if (s.items !== undefined) {
        value.forEach((item, i) => visit(s.items as Schema, item, `${path}/${i}`, `${spath}/items`));
      }
      if (
        s.contains !== undefined &&
        !value.some((item) => checkSchema(s.contains as Schema, item, root, true).length === 0)
      ) {
        add('contains', { minContains: 1 }, 'must contain at least 1 valid item(s)');
      }
    }
    if (typeOf(value) === 'object') {
      const object = value as Record<string, unknown>;
      const props = (s.properties ?? {}) as Record<string, Schema>;
      if (Array.isArray(s.required)) {
        for (const name of s.required as string[]) {
          if (object[name] === undefined)
            add('required', { missingProperty: name }, `must have required property '${name}'`);
        }
      }
      if (typeof s.minProperties === 'number' && Object.keys(object).length < s.minProperties)
        add('minProperties', { limit: s.minProperties }, `must NOT have fewer than ${s.minProperties} properties`);
      if (typeof s.maxProperties === 'number' && Object.keys(object).length > s.maxProperties)
        add('maxProperties', { limit: s.maxProperties }, `must NOT have more than ${s.maxProperties} properties`);
      for (const [name, sub] of Object.entries(props)) {
        if (object[name] !== undefined)
          visit(sub, object[name], `${path}/${pointerPart(name)}`, `${spath}/properties/${pointerPart(name)}`);
      }
      if (s.additionalProperties !== undefined && s.additionalProperties !== true) {
        for (const name of Object.keys(object)) {
          if (name in props || object[name] === undefined) continue;
          if (s.additionalProperties === false)
            add('additionalProperties', { additionalProperty: name }, 'must NOT have additional properties');
          else
            visit(
              s.additionalProperties as Schema,
              object[name],
              `${path}/${pointerPart(name)}`,
              `${spath}/additionalProperties`,
            );
        }
      }
      if (s.dependencies && typeof s.dependencies === 'object') {
        for (const [name, dep] of Object.entries(s.dependencies as Record<string, unknown>)) {
          if (object[name] === undefined) continue;
          if (Array.isArray(dep)) {
            for (const needed of dep as string[]) {
              if (object[needed] === undefined)
                add('required', { missingProperty: needed }, `must have required property '${needed}'`);
            }
          } else {
            visit(dep as Schema, value, path, `${spath}/dependencies/${pointerPart(name)}`);
          }
        }
      }
    }
    if (Array.isArray(s.allOf))
      (s.allOf as Schema[]).forEach((sub, i) => visit(sub, value, path, `${spath}/allOf/${i}`));
    if (
      Array.isArray(s.anyOf) &&
      !(s.anyOf as Schema[]).some((sub) => checkSchema(sub, value, root, true).length === 0)
    ) {
      add('anyOf', {}, 'must match a schema in anyOf');
    }
    if (Array.isArray(s.oneOf)) {
      const passing = (s.oneOf as Schema[]).filter((sub) => checkSchema(sub, value, root, true).length === 0).length;
      if (passing !== 1) add('oneOf', { passingSchemas: passing }, 'must match exactly one schema in oneOf');
    }
    if (s.not !== undefined && checkSchema(s.not as Schema, value, root, true).length === 0)
      add('not', {}, 'must NOT be valid');
    if (s.if !== undefined && (s.then !== undefined || s.else !== undefined)) {
      const holds = checkSchema(s.if as Schema, value, root, true).length === 0;
      const branch = holds ? s.then : s.else;
      if (branch !== undefined) {
        const before = errors.length;
        visit(branch as Schema, value, path, `${spath}/${holds ? 'then' : 'else'}`);
        if (errors.length > before)
          add('if', { failingKeyword: holds ? 'then' : 'else' }, `must match "${holds ? 'then' : 'else'}" schema`);
      }
    }
  };

  visit(schema, data, '', '#');
  return errors;
}
