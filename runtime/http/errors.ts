/**
 * The one HTTP error type and the one error middleware.
 *
 * Services throw `HttpError` (or use the helpers below); the middleware turns it into
 * `{ error: { code, message, diagnostics? } }` with its status. Body-parser failures become 400/413/415; anything
 * else is logged with its stack and answered with a plain 500 that reveals nothing.
 */
import type { NextFunction, Request, Response } from 'express';
import type { Diagnostic } from '../../engine/types.ts';
import { ConflictError, NotFoundError } from '../store/errors.ts';

/** An error with an HTTP status, a stable machine code and a sentence for people; optionally diagnostics (422). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly diagnostics?: Diagnostic[],
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** 400: the request cannot be understood. */
export const badRequest = (message: string, code = 'bad-request') => new HttpError(400, code, message);
/** 401: no valid session or token. */
export const unauthenticated = (message = 'Sign in first: send a session cookie or an Authorization: Bearer token.') =>
  new HttpError(401, 'unauthenticated', message);
/** 403: signed in, but not allowed. */
export const forbidden = (message: string, code = 'forbidden') => new HttpError(403, code, message);
/** 404: no such thing (or not yours to see). */
export const notFound = (what: string, id: string) => new HttpError(404, 'not-found', `No ${what} with id "${id}".`);
/** 409: the request conflicts with the current state (stale revision, frozen version, wrong workflow state). */
export const conflict = (message: string, code = 'conflict', details?: Record<string, unknown>) =>
  new HttpError(409, code, message, undefined, details);
/** 422: well-formed but invalid; `diagnostics` say where and why. */
export const unprocessable = (message: string, diagnostics: Diagnostic[] = [], code = 'invalid') =>
  new HttpError(422, code, message, diagnostics);

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  limit?: number;
}

/** Maps a thrown value to an `HttpError`, or `undefined` when it is unexpected (a bug). */
export function toHttpError(err: unknown): HttpError | undefined {
  if (err instanceof HttpError) return err;
  if (err instanceof NotFoundError) return new HttpError(404, 'not-found', err.message);
  if (err instanceof ConflictError) return new HttpError(409, err.code, err.message, undefined, err.details);
  const e = err as BodyParserError;
  switch (e?.type) {
    case 'entity.parse.failed':
      return new HttpError(400, 'malformed-json', `The request body is not valid JSON: ${e.message}. Send a JSON document.`);
    case 'entity.too.large':
      return new HttpError(413, 'body-too-large', `The request body is larger than the limit of ${e.limit} bytes. Send less data.`);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpError(415, 'unsupported-encoding', `${e.message}. Send UTF-8 JSON.`);
    case 'request.aborted':
      return new HttpError(400, 'request-aborted', 'The request was aborted before its body arrived.');
  }
  return undefined;
}

/** The JSON shape of every error response. */
export function errorBody(err: HttpError): { error: Record<string, unknown> } {
  const error: Record<string, unknown> = { code: err.code, message: err.message };
  if (err.diagnostics) error.diagnostics = err.diagnostics;
  if (err.details) Object.assign(error, err.details);
  return { error };
}

/** Express error middleware: known errors keep their status; the rest are logged and become a plain 500. */
export function errorMiddleware(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  const known = toHttpError(err);
  if (res.headersSent) {
    req.log?.error({ err }, 'error after the response started');
    res.end();
    return;
  }
  if (known) {
    if (known.status >= 500) req.log?.error({ err }, known.message);
    res.status(known.status).json(errorBody(known));
    return;
  }
  (req.log ?? console).error({ err }, 'unexpected error');
  res.status(500).json({ error: { code: 'internal', message: 'Something went wrong on our side. The error was logged; please try again.' } });
}

/** Final handler for `/api` requests no route matched. */
export function apiNotFound(req: Request, _res: Response, next: NextFunction): void {
  next(new HttpError(404, 'no-route', `No API route ${req.method} ${req.path}. See /openapi.json for the list.`));
}
