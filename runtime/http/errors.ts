/**
 * The one HTTP error type and the one error middleware.
 *
 * Services throw `HttpError` (or use the helpers below) with a code and the key and params of its words
 * (`words(key, params)`, from `HTTP_MESSAGES`); the middleware renders them in the caller's language (`answerLang`)
 * and answers `{ error: { code, message, diagnostics? } }` with its status. Body-parser failures become
 * 400/413/415; anything else is logged with its stack and answered with a plain 500 that reveals nothing.
 */
import type { NextFunction, Request, Response } from 'express';
import {
  DEFINITION_MESSAGES,
  renderFrom,
  speak,
  SPOKEN,
  SUBMISSION_MESSAGES,
  TEMPLATE_MESSAGES,
  WORKFLOW_MESSAGES,
  type AnyCatalogue,
  type Diagnostic,
  type Lang,
  type Params,
  type WorkflowRefusalCode,
} from '../../engine/index.ts';
import { REQUEST_MESSAGES } from '../openapi/request-messages.ts';
import { ConflictError, NotFoundError } from '../store/errors.ts';
import { HTTP_MESSAGES, type HttpMessageKey, type Noun } from './messages.ts';

/** Every catalogue an error answer may draw on: its own words, and those of the diagnostics it carries. */
const CATALOGUES: readonly AnyCatalogue[] = [
  HTTP_MESSAGES,
  WORKFLOW_MESSAGES,
  REQUEST_MESSAGES,
  SUBMISSION_MESSAGES,
  TEMPLATE_MESSAGES,
  DEFINITION_MESSAGES,
];

/** The words of an error: a key of `HTTP_MESSAGES` (or a workflow refusal) and the params they are built from. */
export interface Words {
  key: HttpMessageKey | WorkflowRefusalCode;
  params: Params;
}

/** The words `key` with `params`. */
export const words = (key: Words['key'], params: Params = {}): Words => ({ key, params });

/**
 * A diagnostic's message in `lang`: re-rendered from its code and params when its catalogue is written in `lang`,
 * else as it was made (English, or already in the application's language).
 */
function diagnosticIn(d: Diagnostic, lang: Lang): Diagnostic {
  if (lang === 'en' || !d.params) return d;
  const c = CATALOGUES.find((c) => Object.hasOwn(c.entries, d.code));
  if (!c || !c.languages.includes(lang)) return d;
  return { ...d, message: c.render(d.code, d.params, lang) };
}

/** An error with an HTTP status, a stable machine code and words for people; optionally diagnostics (422). */
export class HttpError extends Error {
  /** The language to answer in whatever the request asks (the application's, on applicant routes). */
  lang?: Lang;
  /** Sent as `Retry-After` (a 429 or 503 saying when to try again). */
  retryAfterSeconds?: number;
  constructor(
    readonly status: number,
    readonly code: string,
    readonly words: Words,
    readonly diagnostics?: Diagnostic[],
    readonly details?: Record<string, unknown>,
  ) {
    super('');
    this.name = 'HttpError';
    this.message = this.messageIn('en');
  }

  /** This error's message in `lang`; diagnostics it carries are worded first, in the same language. */
  messageIn(lang: Lang): string {
    const diagnostics = (this.diagnostics ?? []).map((d) => diagnosticIn(d, lang).message);
    return renderFrom(CATALOGUES, this.words.key, { ...this.words.params, diagnostics }, lang) ?? this.words.key;
  }

  /** Fixes the answer's language to `lang` (an application's), whatever the request asks; returns the error. */
  toldIn(lang: string): this {
    this.lang = speak(lang);
    return this;
  }
}

/** 400: the request cannot be understood. */
export const badRequest = (said: Words, code = 'bad-request') => new HttpError(400, code, said);
/** 401: no valid session or token. */
export const unauthenticated = () => new HttpError(401, 'unauthenticated', words('unauthenticated'));
/** 403: signed in, but not allowed. */
export const forbidden = (said: Words, code = 'forbidden') => new HttpError(403, code, said);
/** 404: no such thing (or not yours to see); `what` names it ("program version"), in both languages. */
export const notFound = (what: Noun, id: string) => new HttpError(404, 'not-found', words('not-found', { what, id }));
/** 409: the request conflicts with the current state (stale revision, frozen version, wrong workflow state). */
export const conflict = (said: Words, code = 'conflict', details?: Record<string, unknown>) => new HttpError(409, code, said, undefined, details);
/** 422: well-formed but invalid; `diagnostics` say where and why. */
export const unprocessable = (said: Words, diagnostics: Diagnostic[] = [], code = 'invalid') => new HttpError(422, code, said, diagnostics);

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  limit?: number;
}

/** Maps a thrown value to an `HttpError`, or `undefined` when it is unexpected (a bug). */
export function toHttpError(err: unknown): HttpError | undefined {
  if (err instanceof HttpError) return err;
  if (err instanceof NotFoundError) {
    // The stores name a missing draft "<programId>/draft".
    if (err.entity === 'program-version' && err.id.endsWith('/draft'))
      return new HttpError(404, 'not-found', words('no-draft', { programId: err.id.slice(0, -'/draft'.length) }));
    const what: Noun = err.entity; // every store entity has its nouns
    return new HttpError(404, 'not-found', words('not-found', { what, id: err.id }));
  }
  if (err instanceof ConflictError) return new HttpError(409, err.code, words(err.code, err.details), undefined, err.details);
  // The router could not percent-decode a path parameter (`/api/applications/%ff`).
  if (err instanceof URIError && (err as BodyParserError).status === 400) {
    const path = /'(.*)'$/.exec(err.message)?.[1] ?? '';
    return new HttpError(400, 'bad-path', words('bad-path', { path }));
  }
  const e = err as BodyParserError;
  switch (e?.type) {
    case 'entity.parse.failed':
      return new HttpError(400, 'malformed-json', words('malformed-json', { detail: e.message }));
    case 'entity.too.large':
      return new HttpError(413, 'body-too-large', words('body-too-large', { limit: e.limit }));
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpError(415, 'unsupported-encoding', words('unsupported-encoding', { detail: e.message }));
    case 'request.aborted':
      return new HttpError(400, 'request-aborted', words('request-aborted'));
  }
  return undefined;
}

/**
 * The language to answer `req` in: `?lang=`, else the best of `Accept-Language` the server speaks, else English.
 * (An error raised for an application says its own language, `HttpError.lang`, which wins.)
 */
export function answerLang(req: Request): Lang {
  const asked = req.query?.lang;
  if (typeof asked === 'string' && asked !== '') return speak(asked);
  const accepted = req.acceptsLanguages?.(...SPOKEN);
  return typeof accepted === 'string' ? speak(accepted) : 'en';
}

/** The JSON shape of every error response, worded in `lang`. */
export function errorBody(err: HttpError, lang: Lang = 'en'): { error: Record<string, unknown> } {
  const error: Record<string, unknown> = { code: err.code, message: err.messageIn(lang) };
  if (err.diagnostics) error.diagnostics = err.diagnostics.map((d) => diagnosticIn(d, lang));
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
  const lang = known?.lang ?? answerLang(req);
  res.vary('Accept-Language');
  res.setHeader('Content-Language', lang);
  if (known) {
    if (known.status >= 500) req.log?.error({ err }, known.message);
    if (known.retryAfterSeconds) res.setHeader('Retry-After', String(known.retryAfterSeconds));
    res.status(known.status).json(errorBody(known, lang));
    return;
  }
  (req.log ?? console).error({ err }, 'unexpected error');
  res.status(500).json({ error: { code: 'internal', message: HTTP_MESSAGES.render('internal', {}, lang) } });
}

/** Final handler for `/api` requests no route matched. */
export function apiNotFound(req: Request, _res: Response, next: NextFunction): void {
  next(new HttpError(404, 'no-route', words('no-route', { method: req.method, path: `${req.baseUrl}${req.path}` })));
}

/** Final handler for any other request nothing answered (no page, no file): the JSON 404, never Express's own page. */
export function pathNotFound(req: Request, _res: Response, next: NextFunction): void {
  next(new HttpError(404, 'no-page', words('no-page', { method: req.method, path: req.path })));
}

/**
 * The JSON 404 for any path that reads as the API's once repeated slashes are collapsed (`//api/x`, `/api//x`):
 * such a path is an API call with a typo, never a page, so it gets the error shape rather than HTML.
 */
export function apiLookalikeNotFound(req: Request, res: Response, next: NextFunction): void {
  if (/^\/{2,}api(\/|$)/.test(req.path) || /^\/api\/\//.test(req.path)) apiNotFound(req, res, next);
  else next();
}
