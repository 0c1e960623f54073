/**
 * Request authentication and CSRF protection.
 *
 * `authenticate` reads `Authorization: Bearer <token>` or the `mandate_session` cookie and sets `req.auth`; an
 * invalid credential is simply ignored (the route's access rule answers 401). `csrfProtection` requires, for
 * cookie-authenticated requests that change something, the session's synchronizer token in `X-CSRF-Token`; bearer
 * requests carry no ambient credential and are exempt.
 */
import type { NextFunction, Request, Response } from 'express';
import type { ServiceContext } from '../services/context.ts';
import { resolveToken } from './sessions.ts';
import { sameSecret } from './tokens.ts';
import { forbidden, words } from '../http/errors.ts';

/** Name of the HttpOnly session cookie. */
export const SESSION_COOKIE = 'mandate_session';

/** The value of cookie `name` in a Cookie header, URI-decoded; undefined when absent or malformed. */
export function readCookie(header: string, name: string): string | undefined {
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    try {
      return decodeURIComponent(
        part
          .slice(eq + 1)
          .trim()
          .replace(/^"|"$/g, ''),
      );
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Express middleware factory: sets `req.auth` from a bearer token or the session cookie. */
export function authenticate(ctx: ServiceContext) {
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    try {
      const header = req.headers.authorization;
      if (header && /^bearer\s+/i.test(header)) {
        req.auth = (await resolveToken(ctx, header.replace(/^bearer\s+/i, '').trim(), 'bearer')) ?? undefined;
      } else if (req.headers.cookie) {
        const token = readCookie(req.headers.cookie, SESSION_COOKIE);
        if (token) req.auth = (await resolveToken(ctx, token, 'cookie')) ?? undefined;
      }
      next();
    } catch (err) {
      next(err);
    }
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Express middleware: 403 `csrf` when a cookie session sends a state-changing request without its CSRF token. */
export function csrfProtection(req: Request, _res: Response, next: NextFunction): void {
  // Signing in needs no token: it creates the session the token belongs to, and SameSite=Lax already keeps
  // other sites from posting with this site's cookie.
  if (SAFE_METHODS.has(req.method) || req.auth?.via !== 'cookie' || req.path === '/auth/login') {
    next();
    return;
  }
  const sent = req.headers['x-csrf-token'];
  if (typeof sent === 'string' && sameSecret(sent, req.auth.csrfToken)) next();
  else next(forbidden(words('csrf'), 'csrf'));
}
