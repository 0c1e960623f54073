/**
 * Keeps dangerous keys out of request bodies and query strings.
 *
 * `__proto__`, `constructor` and `prototype` could pollute prototypes when merged into objects, and `$`-prefixed keys
 * could be read as operators by a document database. A request carrying any of them is refused with 400, naming the
 * JSON path, before any route sees it. The JSON Schema keywords a program definition legitimately uses (`$schema`,
 * `$ref`, `$id`, `$defs`, `$comment`) are allowed in bodies; the store keeps definitions as opaque JSON.
 */
import type { NextFunction, Request, Response } from 'express';
import { HttpError, words } from './errors.ts';

const PROTO_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const SCHEMA_KEYWORDS = new Set(['$schema', '$ref', '$id', '$defs', '$comment', '$anchor']);
const MAX_DEPTH = 64;

/** Returns the JSON path of the first forbidden key in `value`, or `undefined` when it is clean. */
export function findForbiddenKey(value: unknown, allowSchemaKeywords: boolean, path = '$', depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return `${path} (nested deeper than ${MAX_DEPTH} levels)`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findForbiddenKey(value[i], allowSchemaKeywords, `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  for (const key of Object.keys(value)) {
    const here = `${path}.${key}`;
    if (PROTO_KEYS.has(key)) return here;
    if (key.startsWith('$') && !(allowSchemaKeywords && SCHEMA_KEYWORDS.has(key))) return here;
    const found = findForbiddenKey((value as Record<string, unknown>)[key], allowSchemaKeywords, here, depth + 1);
    if (found) return found;
  }
  return undefined;
}

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The JSON path of the first key or string in `value` that `pattern` (not global) matches, or undefined. */
function findText(value: unknown, pattern: RegExp, path = '$', depth = 0): string | undefined {
  if (typeof value === 'string') return pattern.test(value) ? path : undefined;
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findText(value[i], pattern, `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, child] of Object.entries(value)) {
    if (pattern.test(key)) return `${path}.${key.replace(new RegExp(pattern.source, 'g'), '\ufffd')}`;
    const found = findText(child, pattern, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * Returns the JSON path of the first key or string in `value` holding a lone UTF-16 surrogate (text no store, hash or
 * audit entry can represent as UTF-8), or `undefined` when all its text is well formed.
 */
export function findLoneSurrogate(value: unknown): string | undefined {
  return findText(value, LONE_SURROGATE);
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000 is exactly the character this looks for.
const NUL = /\u0000/;

/**
 * Returns the JSON path of the first key or string in `value` holding the character U+0000 (NUL), which PostgreSQL
 * text cannot hold and no applicant or staff text needs, or `undefined` when there is none.
 */
export function findNulCharacter(value: unknown): string | undefined {
  return findText(value, NUL);
}

/**
 * Express middleware: 400 `forbidden-key` when the body or the query string holds a forbidden key, 400
 * `lone-surrogate` when either holds text that is not well-formed Unicode, 400 `nul-character` when the path, the
 * query string or the body holds U+0000.
 */
export function rejectForbiddenKeys(req: Request, _res: Response, next: NextFunction): void {
  const inQuery = findForbiddenKey(req.query, false);
  if (inQuery) {
    next(new HttpError(400, 'forbidden-key', words('forbidden-key', { in: 'query', at: inQuery })));
    return;
  }
  // Raw uploads (a zip) are bytes, not keys.
  const inBody = Buffer.isBuffer(req.body) ? null : findForbiddenKey(req.body, true);
  if (inBody) {
    next(new HttpError(400, 'forbidden-key', words('forbidden-key', { in: 'body', at: inBody })));
    return;
  }
  const brokenQuery = findLoneSurrogate(req.query);
  const brokenBody = Buffer.isBuffer(req.body) ? undefined : findLoneSurrogate(req.body);
  if (brokenQuery || brokenBody) {
    next(new HttpError(400, 'lone-surrogate', words('lone-surrogate', { in: brokenQuery ? 'query' : 'body', at: brokenQuery ?? brokenBody })));
    return;
  }
  // `req.path` is still percent-encoded: a NUL in a path parameter arrives as %00.
  const nulAt = /%00/i.test(req.path)
    ? { in: 'path', at: req.path }
    : (() => {
        const inQuery = findNulCharacter(req.query);
        if (inQuery) return { in: 'query', at: inQuery };
        const inBody = Buffer.isBuffer(req.body) ? undefined : findNulCharacter(req.body);
        return inBody ? { in: 'body', at: inBody } : undefined;
      })();
  if (nulAt) {
    next(new HttpError(400, 'nul-character', words('nul-character', nulAt)));
    return;
  }
  next();
}
