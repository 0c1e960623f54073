/**
 * The one place that builds ajv instances for definition checks, so that every validator uses the same options:
 * strict mode (unknown keywords are errors), all errors at once, union types allowed, and the ajv-formats formats.
 */
import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { FORM_FORMATS } from './formats.ts';
import { linearRegExp } from './linear-regexp.ts';

// ajv-formats is CommonJS: under NodeNext its default import is the module object, whose `default` is the plugin.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

/**
 * The strictness used for definition schemas: unknown keywords, ignored keywords, bad numbers and type mismatches are
 * errors. `strictRequired` stays off because `if`/`then` branches legitimately require properties declared beside them.
 */
export const STRICT_OPTIONS: Options = {
  strict: true,
  strictRequired: false,
  allErrors: true,
  allowUnionTypes: true,
};

/**
 * A fresh ajv instance with `STRICT_OPTIONS` and the standard formats (`date`, `email`, ...). Its patterns run on the
 * linear-time engine (`linearRegExp`) unless `options.code.regExp` names another one.
 */
export function strictAjv(options: Options = {}): Ajv {
  const ajv = new Ajv({ ...STRICT_OPTIONS, ...options, code: { regExp: linearRegExp, ...options.code } });
  addFormats(ajv);
  return ajv;
}

/**
 * The options of form submissions beside `STRICT_OPTIONS`. `multipleOfPrecision: 6`: ajv then accepts a quotient
 * within 1e-6 of a whole number, so `multipleOf: 0.01` accepts every amount in cents (1234.56 / 0.01 is
 * 123455.99999999999 in floating point: off by about 1e-11, growing with the amount, still under 1e-6 up to amounts
 * of about ten million) and still refuses anything off by a millionth of a step or more (1234.565).
 */
export const FORM_OPTIONS: Options = { multipleOfPrecision: 6 };

/**
 * The ajv used for form submissions, on the server and (as standalone code) on the pages: `strictAjv` with
 * `FORM_OPTIONS` (and `options`), and the formats of `./formats.ts`: `date` is the hand-written scan `isoDateKey`
 * (the same days as ajv-formats' full `date`, without a regex: dates are checked per member), `time` is what the
 * time widget writes ("10:30", "10:30:00").
 */
export function formAjv(options: Options = {}): Ajv {
  const ajv = strictAjv({ ...FORM_OPTIONS, ...options });
  for (const [name, format] of Object.entries(FORM_FORMATS)) ajv.addFormat(name, format);
  return ajv;
}
