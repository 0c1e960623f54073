/**
 * Who may see an application: the person holding its resume code, the signed-in user who created it (an
 * intermediary or a signed-in applicant), and staff of the organisation running its program. Anyone else gets 404, so the existence of
 * other people's applications is not revealed.
 */
import type { Role } from '../../engine/index.ts';
import type { AuthUser } from '../auth/context.ts';
import { digest, normalizeResumeCode, sameSecret } from '../auth/tokens.ts';
import { notFound } from '../http/errors.ts';
import type { ApplicationRecord } from '../store/types.ts';
import type { ServiceContext } from './context.ts';
import { STAFF_ROLES, staffScope } from './organisations.ts';

export { STAFF_ROLES };

/** True when `user` holds one of `roles`. */
export function hasRole(user: AuthUser | null, roles: readonly Role[]): boolean {
  return !!user && user.roles.some((r) => roles.includes(r));
}

/**
 * The application if the caller may see it; 404 otherwise. Code attempts are throttled (`ctx.resumeThrottle`, per
 * application and per `client` address): a wrong code, or a code for an application that does not exist, counts.
 */
export async function loadApplicationFor(
  ctx: ServiceContext,
  user: AuthUser | null,
  id: string,
  code?: string,
  client?: string,
): Promise<ApplicationRecord> {
  const app = await ctx.store.getApplication(id);
  if (app && user && app.createdBy === user.id) return app;
  // Staff see the applications of their organisations' programs only (issue 16; the store filters by the scope).
  if (app && user && hasRole(user, STAFF_ROLES) && (await ctx.store.getApplication(id, await staffScope(ctx, user)))) return app;
  if (!code) throw notFound('application', id);
  await ctx.resumeThrottle?.check(client, id);
  if (app && sameSecret(digest(normalizeResumeCode(code)), app.resumeCodeHash)) return app;
  await ctx.resumeThrottle?.fail(client, id);
  throw notFound('application', id);
}
