/**
 * Routes: sign in (cookie + bearer token), sign out, who am I, the CSRF token, and user management.
 */
import type { RouteSpec } from '../route.ts';
import type { ServiceContext } from '../../services/context.ts';
import { login, logout } from '../../auth/sessions.ts';
import { SESSION_COOKIE } from '../../auth/middleware.ts';
import { createUser, listUsers, updateUser } from '../../services/users.ts';

/** The auth and user routes. */
export function authRoutes(ctx: ServiceContext): RouteSpec[] {
  return [
    {
      method: 'post',
      path: '/api/auth/login',
      tag: 'auth',
      access: 'public',
      body: 'LoginRequest',
      summary: 'Sign in',
      description:
        'Sets an HttpOnly SameSite=Lax session cookie and returns the same token for `Authorization: Bearer`, with the CSRF token cookie sessions must send in `X-CSRF-Token`. Rate-limited per address.',
      response: { status: 200, schema: 'LoginResponse', description: 'Signed in.' },
      errors: [401, 429],
      handler: async ({ req, res, body }) => {
        const result = await login(ctx, body.email, body.password, req.ip);
        res.cookie(SESSION_COOKIE, result.token, {
          httpOnly: true,
          sameSite: 'lax',
          // Secure over HTTPS, and always in production or behind a configured proxy (TLS ends there).
          secure: req.secure || !!ctx.secureCookies,
          path: '/',
          expires: new Date(result.expiresAt),
        });
        return result;
      },
    },
    {
      method: 'post',
      path: '/api/auth/logout',
      tag: 'auth',
      access: 'signed-in',
      summary: 'Sign out',
      response: { status: 204, schema: null, description: 'Signed out; the session is gone.' },
      handler: async ({ req, res }) => {
        await logout(ctx, req.auth!);
        res.clearCookie(SESSION_COOKIE, { path: '/' });
      },
    },
    {
      method: 'get',
      path: '/api/auth/me',
      tag: 'auth',
      access: 'signed-in',
      summary: 'The signed-in user',
      response: { status: 200, schema: 'User', description: 'The user.' },
      handler: ({ user }) => user,
    },
    {
      method: 'get',
      path: '/api/auth/csrf',
      tag: 'auth',
      access: 'signed-in',
      summary: 'The CSRF token of this session',
      response: { status: 200, schema: 'Csrf', description: 'Send it as X-CSRF-Token on every non-GET request made with the cookie.' },
      handler: ({ req }) => ({ csrfToken: req.auth!.csrfToken }),
    },
    {
      method: 'get',
      path: '/api/users',
      tag: 'users',
      access: ['administrator'],
      summary: 'List users',
      response: { status: 200, schema: 'UserList', description: 'All accounts.' },
      handler: ({ user }) => listUsers(ctx, user!),
    },
    {
      method: 'post',
      path: '/api/users',
      tag: 'users',
      access: ['administrator'],
      body: 'CreateUserRequest',
      summary: 'Create a user',
      response: { status: 201, schema: 'User', description: 'Created.' },
      errors: [409, 422],
      handler: ({ user, body }) => createUser(ctx, user, body),
    },
    {
      method: 'put',
      path: '/api/users/:id',
      tag: 'users',
      access: ['administrator'],
      body: 'UpdateUserRequest',
      summary: 'Change a user (name, roles, disabled, password)',
      description: 'Disabling or setting a password ends the user\u2019s sessions.',
      response: { status: 200, schema: 'User', description: 'Updated.' },
      errors: [404, 409, 422],
      handler: ({ user, params, body }) => updateUser(ctx, user!, params.id, body),
    },
  ];
}
