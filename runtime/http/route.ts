/**
 * A route is data: method, path, who may call it, the JSON Schemas of its body, query and answer, and a handler.
 *
 * The same list of routes mounts the Express handlers (`mountRoutes`), builds the OpenAPI document
 * (`runtime/openapi/build.ts`) and drives the route × role test, so the three cannot drift apart.
 */
import type { Request, Response, Router } from 'express';
import type { Role } from '../../engine/index.ts';
import type { AuthUser } from '../auth/context.ts';
import { forbidden, unauthenticated, words } from './errors.ts';
import { validateAgainst } from '../openapi/validator.ts';
import { stringifyWithKnownText } from '../services/json-text.ts';

/** Who may call a route: anyone, anyone signed in, or holders of one of the listed roles. */
export type Access = 'public' | 'signed-in' | readonly Role[];

/** One query-string parameter. Values arrive as strings; `schema` describes the string. */
export interface QueryParam {
  name: string;
  description: string;
  required?: boolean;
  schema?: Record<string, unknown>;
}

/** What a handler receives. */
export interface RouteContext {
  req: Request;
  res: Response;
  user: AuthUser | null;
  params: Record<string, string>;
  query: Record<string, string | undefined>;
  body: any;
}

/** A route's description and behaviour; `response.status` is sent unless the handler already answered. */
export interface RouteSpec {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  summary: string;
  description?: string;
  tag: string;
  access: Access;
  /** Name of a component schema the body must satisfy (422 with diagnostics when it does not). */
  body?: string;
  /**
   * Media types accepted besides JSON, each arriving in the handler as a `Buffer` body (not schema-checked), e.g.
   * `application/zip`, with the largest size accepted.
   */
  uploads?: {
    types: string[];
    limitBytes: number;
    description: string;
    /** The handler reads the body from `req` as a stream (no buffering, no size check before it): large files. */
    stream?: boolean;
  };
  query?: QueryParam[];
  headers?: { name: string; description: string; required?: boolean }[];
  /** The success answer: a component schema's name (JSON), or null with `contentType` for a body that is not JSON. */
  response: { status: number; schema: string | null; contentType?: string; description: string };
  /** Error statuses this route may answer with, beyond the generic ones (400, 401, 403, 415, 500). */
  errors?: number[];
  handler: (ctx: RouteContext) => unknown | Promise<unknown>;
  /**
   * Checks run after the access check and BEFORE the body is validated, so a caller refused the thing the path names
   * learns nothing from the body's errors (issue 16: the organisation scope, `organisation-scope.ts`). May answer the
   * user as they act on that thing (their roles in the organisation that owns it), which the handler then gets.
   */
  guard?: (ctx: Pick<RouteContext, 'req' | 'user' | 'params'>) => Promise<AuthUser | undefined | void>;
}

/** Throws 401/403 unless `user` satisfies `access`. */
export function checkAccess(access: Access, user: AuthUser | null): void {
  if (access === 'public') return;
  if (!user) throw unauthenticated();
  if (access === 'signed-in') return;
  if (!access.some((role) => user.roles.includes(role))) {
    throw forbidden(words('role', { roles: access, actual: user.roles }), 'role');
  }
}

function stringQuery(query: Request['query']): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(query)) {
    // Repeated parameters keep their last value; nested shapes are not accepted as filters.
    out[key] = Array.isArray(value) ? String(value[value.length - 1]) : typeof value === 'string' ? value : undefined;
  }
  return out;
}

/**
 * A route's JSON answer. A read (GET, HEAD) goes through `res.json`, with its ETag and a 304 for a client that holds
 * the same answer. The answer of any other method is never fresh (Express answers 304 to GET and HEAD only), so its
 * ETag, a SHA-1 of the whole body (13 KB for a submission's traced determination), was computed for no one: it is
 * sent as `res.json` would send it, without the ETag, and with the JSON text a service already made of a part of it
 * (a submission's determination, `json-text.ts`) in place of stringifying that part again.
 */
function sendJson(req: Request, res: Response, status: number, value: unknown): void {
  const body =
    req.method === 'GET' || req.method === 'HEAD' || res.getHeader('Content-Type') !== undefined ? undefined : stringifyWithKnownText(value);
  if (body === undefined) {
    res.status(status).json(value);
    return;
  }
  res.status(status);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

/** Mounts `routes` on `router`: access check, body validation, handler, JSON answer. */
export function mountRoutes(router: Router, routes: readonly RouteSpec[]): void {
  for (const spec of routes) {
    router[spec.method](spec.path, async (req: Request, res: Response) => {
      const account = req.auth?.user ?? null;
      checkAccess(spec.access, account);
      const user = (spec.guard && (await spec.guard({ req, user: account, params: req.params as Record<string, string> }))) || account;
      if (spec.body && !Buffer.isBuffer(req.body)) validateAgainst(spec.body, req.body ?? {}, 'body');
      const result = await spec.handler({
        req,
        res,
        user,
        params: req.params as Record<string, string>,
        query: stringQuery(req.query),
        body: req.body ?? {},
      });
      if (res.headersSent) return;
      if (spec.response.schema === null) res.status(spec.response.status).end();
      else sendJson(req, res, spec.response.status, result);
    });
  }
}
