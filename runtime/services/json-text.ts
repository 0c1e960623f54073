/**
 * JSON text already made for an object, kept with it (weakly) for the answer that sends it. A submission
 * stringifies its traced determination (13 KB) to hash it for the stored record, then answers with that same
 * determination: `withJsonText` keeps the text, and `stringifyWithKnownText` (the API's JSON answers of writes,
 * `route.ts`) puts it in the answer instead of stringifying the determination a second time.
 *
 * Only for an object that is not changed after its text is given: the text is what the object was then.
 */
const texts = new WeakMap<object, string>();

/** `value`, with `text` (its `JSON.stringify`) kept for it. */
export function withJsonText<T extends object>(value: T, text: string): T {
  texts.set(value, text);
  return value;
}

/**
 * `JSON.stringify(value)`, with the kept text of any property of a plain object in place of stringifying it again.
 * The same text: a plain object is stringified as its own enumerable string keys in `Object.keys` order, each
 * `"key":value` with those whose value stringifies to nothing (undefined, a function) left out.
 */
export function stringifyWithKnownText(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return JSON.stringify(value);
  const record = value as Record<string, unknown>;
  if (typeof record.toJSON === 'function') return JSON.stringify(value);
  const keys = Object.keys(record);
  if (!keys.some((key) => knownText(record[key]) !== undefined)) return JSON.stringify(value);
  const parts: string[] = [];
  for (const key of keys) {
    const item = record[key];
    const text = knownText(item) ?? JSON.stringify(item);
    if (text !== undefined) parts.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${parts.join(',')}}`;
}

function knownText(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null ? texts.get(value) : undefined;
}
