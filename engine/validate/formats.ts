/**
 * The string formats of form submissions, as one module: ajv-formats' full formats, with Mandate's own `date` and
 * `time`. `formAjv` registers these definitions, and the pages' precompiled validators (ajv standalone code,
 * runtime/services/form-validators.ts) import this same module, so a format means the same on the page and on the
 * server.
 */
import type { FormatDefinition } from 'ajv';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { isoDateKey } from '../languages/formula/dates.ts';

/**
 * A time of day as `<input type="time">` writes it ("10:30", or "10:30:15" with a step under a minute), optionally
 * with a fraction of a second and a zone ("10:30:15.5Z", "10:30+02:00"). ajv-formats' `time` wants seconds and a
 * zone, which the time widget never gives.
 */
const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:[zZ]|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?$/;

/** Mandate's formats beside ajv-formats': `date` is the scan `isoDateKey` (the days of ajv-formats' full `date`). */
export const FORM_FORMATS = {
  date: { type: 'string', validate: (value: string) => !Number.isNaN(isoDateKey(value)) } as FormatDefinition<string>,
  time: { type: 'string', validate: TIME } as FormatDefinition<string>,
};

/** Every format of form submissions by name: what standalone validators find at `formats[name]`. */
export const formats = { ...fullFormats, ...FORM_FORMATS };
