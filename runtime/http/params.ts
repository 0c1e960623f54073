/**
 * The one reading of path and query parameters that are numbers or dates: whole numbers within bounds (so a page
 * offset of 1e20 never reaches a store as a float) and real calendar days (`isIsoDate`, the engine's one date check).
 * Each refusal is a 400 naming the parameter, the value and what it must be.
 */
import { isIsoDate } from '../../engine/index.ts';
import { HttpError, words } from './errors.ts';

/** The largest whole number any parameter accepts (a page offset, a sequence number, a version). */
export const MAX_PARAM_INTEGER = 1_000_000_000;

/**
 * The whole number `value` of query parameter `name`, or `fallback` when it is absent or empty; 400 when it is not
 * written in digits or lies outside `min..max`.
 */
export function integerQuery(
  value: string | undefined,
  name: string,
  options: { fallback?: number; min?: number; max?: number } = {},
): number | undefined {
  if (value === undefined || value === '') return options.fallback;
  return wholeNumber(value, name, options.min ?? 0, options.max ?? MAX_PARAM_INTEGER, 'query');
}

/** The whole number of a path or query value within `min..max`; 400 naming `name` otherwise. */
export function wholeNumber(value: string, name: string, min: number, max: number, where: 'query' | 'path'): number {
  if (!/^\d{1,15}$/.test(value))
    throw new HttpError(400, where === 'query' ? 'bad-query' : 'bad-path', words('bad-query.integer', { name, value, where }));
  const n = Number(value);
  if (n < min || n > max)
    throw new HttpError(400, where === 'query' ? 'bad-query' : 'bad-path', words('bad-query.range', { name, value, min, max, where }));
  return n;
}

/** The date of query parameter `name` (YYYY-MM-DD, a real day), or undefined when absent; 400 otherwise. */
export function dateQuery(value: string | undefined, name: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!isIsoDate(value)) throw new HttpError(400, 'bad-query', words('bad-query.date', { name, value }));
  return value;
}
