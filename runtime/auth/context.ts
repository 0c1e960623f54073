/**
 * Who is calling: the signed-in user (if any) and how they authenticated, attached to each request as `req.auth`.
 */
import type { Role } from '../../engine/index.ts';

/** The caller as routes see them; never carries the password hash. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  roles: Role[];
}

/** The authentication of one request. `via` decides whether CSRF protection applies (cookie sessions only). */
export interface AuthContext {
  user: AuthUser;
  sessionId: string;
  csrfToken: string;
  via: 'cookie' | 'bearer';
}

declare module 'express-serve-static-core' {
  interface Request {
    auth?: AuthContext;
  }
}
