/**
 * Refuses request bodies that are not JSON (415), so that a form post or a text body never reaches a route as `{}`.
 */
import type { NextFunction, Request, Response } from 'express';
import { HttpError, words } from './errors.ts';

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  if (length !== undefined) return Number(length) > 0;
  return req.headers['transfer-encoding'] !== undefined;
}

/**
 * Express middleware: 415 when a request carries a body whose Content-Type is not `application/json` (or `+json`),
 * unless a route's upload parser already read it (a `Buffer` body, see `RouteSpec.uploads`) or its handler reads it
 * as a stream (`markStreamedBody`; the handler checks the type).
 */
export function requireJsonBody(req: Request, res: Response, next: NextFunction): void {
  if (!hasBody(req) || Buffer.isBuffer(req.body) || res.locals.streamedBody === true) {
    next();
    return;
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/json' || /^application\/[\w.-]+\+json$/.test(type)) next();
  else next(new HttpError(415, 'unsupported-media-type', words('unsupported-media-type', { type })));
}

/** Express middleware of a route whose handler reads its body as a stream: the JSON checks leave that body alone. */
export function markStreamedBody(_req: Request, res: Response, next: NextFunction): void {
  res.locals.streamedBody = true;
  next();
}
