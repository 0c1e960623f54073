/**
 * Organisation scope in front of routes (issue 16), checked before the body is validated: every staff route about
 * one program (`/api/programs/:id/…`: drafts, publication, dashboards, impact, re-determination) or one of its jobs
 * answers 403 unless the caller is a member of the organisation running that program; every route about one case
 * answers 404 unless the case is in the caller's scope (read in the store with it), and 403 to a team member from
 * another organisation on the routes a team member may not use. Then the route's roles are checked again against the
 * caller's roles IN the organisation running that program (403 `role`), and the handler acts with those roles; a
 * platform administrator's role holds everywhere. Public routes (published programs, their export) stay public. The services check the same again where they read (services/cases.ts, services/access.ts).
 */
import type { ServiceContext } from '../services/context.ts';
import { getImpactJob } from '../services/impact-jobs.ts';
import { actingIn, assertWorksOnProgram } from '../services/organisations.ts';
import { requireCase } from '../services/cases.ts';
import { checkAccess, type RouteSpec } from './route.ts';

/** Routes about a program that a platform administrator calls across organisations. */
const ACROSS_ORGANISATIONS = new Set(['/api/programs/:id/organisation']);
/** Case routes a team member from another organisation may use (the team view, team notes, the team list). */
const TEAM_ROUTES = new Set(['get /api/cases/:id', 'post /api/cases/:id/notes', 'get /api/cases/:id/team']);

/** The program a job route is about, or null when the job does not exist (the handler then answers 404). */
async function jobProgram(ctx: ServiceContext, spec: RouteSpec, params: Record<string, string>): Promise<string | null> {
  if (spec.path.startsWith('/api/redetermination-jobs/:id')) return (await ctx.store.getJob(params.id))?.programId ?? null;
  try {
    return getImpactJob(ctx, params.jobId, 'en').programId;
  } catch {
    return null;
  }
}

/** `routes` with the organisation checks in front of each staff route about one program, job or case. */
export function withOrganisationScope(ctx: ServiceContext, routes: RouteSpec[]): RouteSpec[] {
  return routes.map((spec) => {
    if (spec.access === 'public' || spec.access === 'signed-in' || ACROSS_ORGANISATIONS.has(spec.path)) return spec;
    const program = spec.path.startsWith('/api/programs/:id');
    const job = spec.path.startsWith('/api/redetermination-jobs/:id') || spec.path.startsWith('/api/impact-jobs/:jobId');
    const kase = spec.path.startsWith('/api/cases/:id');
    if (!program && !job && !kase) return spec;
    const need = TEAM_ROUTES.has(`${spec.method} ${spec.path}`) ? 'team' : 'organisation';
    return {
      ...spec,
      guard: async ({ user, params }) => {
        if (!user) return;
        let programId: string | null;
        if (kase) programId = (await requireCase(ctx, params.id, user, need)).programId;
        else {
          programId = program ? params.id : await jobProgram(ctx, spec, params);
          if (programId) await assertWorksOnProgram(ctx, user, programId);
        }
        if (!programId) return;
        // Roles per organisation: the route's roles must be held in the organisation that runs the program.
        const acting = await actingIn(ctx, user, await ctx.store.programOrganisation(programId));
        checkAccess(spec.access, acting);
        return acting;
      },
    };
  });
}
