/**
 * Signing in and out: verifies a password, issues a random session token (stored as its sha256), resolves a token
 * back to its user, and ends sessions. Disabled users and expired sessions resolve to nothing.
 */
import type { ServiceContext } from '../services/context.ts';
import type { UserRecord } from '../store/types.ts';
import type { AuthContext, AuthUser } from './context.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { digest, newToken } from './tokens.ts';
import { HttpError, words } from '../http/errors.ts';

/** The public view of a user record: never the password hash. */
export function publicUser(user: UserRecord): AuthUser & { disabled: boolean; createdAt: string } {
  return { id: user.id, email: user.email, name: user.name, roles: user.roles, disabled: user.disabled, createdAt: user.createdAt };
}

/** What a successful sign-in returns: the bearer token (also set as cookie), the user and the CSRF token. */
export interface LoginResult {
  token: string;
  csrfToken: string;
  expiresAt: string;
  user: ReturnType<typeof publicUser>;
}

// Compared against when the email is unknown, so that timing does not reveal which emails exist.
let dummyHash: Promise<string> | undefined;

/** Signs in with email and password; 401 with one neutral message for any wrong combination or disabled user. */
export async function login(ctx: ServiceContext, email: string, password: string, ip?: string): Promise<LoginResult> {
  const user = await ctx.store.getUserByEmail(email.trim().toLowerCase());
  dummyHash ??= hashPassword('not-a-real-password');
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash));
  if (!user || !ok || user.disabled) {
    await ctx.store.appendAudit({
      actorId: user?.id ?? null,
      action: 'auth.login-failed',
      entity: 'user',
      entityId: user?.id ?? email.trim().toLowerCase(),
      details: { ip: ip ?? null },
    });
    throw new HttpError(401, 'bad-credentials', words('bad-credentials'));
  }
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(ctx.now().getTime() + ctx.sessionHours * 3600_000).toISOString();
  await ctx.store.createSession({ tokenHash: digest(token), userId: user.id, csrfToken, expiresAt });
  await ctx.store.appendAudit({ actorId: user.id, action: 'auth.login', entity: 'user', entityId: user.id, details: { ip: ip ?? null } });
  return { token, csrfToken, expiresAt, user: publicUser(user) };
}

/** Resolves a session token to its user, or null when unknown, expired or the user is disabled. */
export async function resolveToken(ctx: ServiceContext, token: string, via: AuthContext['via']): Promise<AuthContext | null> {
  if (!token || token.length > 200) return null;
  const session = await ctx.store.getSessionByTokenHash(digest(token));
  if (!session) return null;
  if (session.expiresAt <= ctx.now().toISOString()) {
    await ctx.store.deleteSession(session.id);
    return null;
  }
  const user = await ctx.store.getUser(session.userId);
  if (!user || user.disabled) return null;
  return { user: { id: user.id, email: user.email, name: user.name, roles: user.roles }, sessionId: session.id, csrfToken: session.csrfToken, via };
}

/** Ends one session. */
export async function logout(ctx: ServiceContext, auth: AuthContext): Promise<void> {
  await ctx.store.deleteSession(auth.sessionId);
  await ctx.store.appendAudit({ actorId: auth.user.id, action: 'auth.logout', entity: 'user', entityId: auth.user.id });
}
