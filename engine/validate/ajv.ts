/**
 * The one place that builds ajv instances for definition checks, so that every validator uses the same options:
 * strict mode (unknown keywords are errors), all errors at once, union types allowed, and the ajv-formats formats.
 */
import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { isoDateKey } from '../formula/dates.ts';

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

/** A fresh ajv instance with `STRICT_OPTIONS` and the standard formats (`date`, `email`, ...). */
export function strictAjv(options: Options = {}): Ajv {
  const ajv = new Ajv({ ...STRICT_OPTIONS, ...options });
  addFormats(ajv);
  return ajv;
}

/**
 * The ajv used for form submissions: `strictAjv` (with `options`), whose `date` format is the hand-written scan
 * `isoDateKey` (the same days as ajv-formats' full `date`, without a regex: dates are checked per member).
 */
export function formAjv(options: Options = {}): Ajv {
  const ajv = strictAjv(options);
  ajv.addFormat('date', { type: 'string', validate: (value: string) => !Number.isNaN(isoDateKey(value)) });
  return ajv;
}
