/**
 * Organisation scope on program routes (issue 16): every staff route about one program (`/api/programs/:id/…`:
 * drafts, publication, dashboards, impact, re-determination) or one of its jobs answers 403 unless the caller is a
 * member of the organisation running that program. Public routes (published programs, their export) stay public;
 * case and application routes are scoped in the store's queries (services/cases.ts, services/access.ts).
 */
import type { ServiceContext } from '../services/context.ts';
import { getImpactJob } from '../services/impact-jobs.ts';
import { assertWorksOnProgram } from '../services/organisations.ts';
import type { RouteSpec } from './route.ts';

/** Routes about a program that a platform administrator calls across organisations. */
const ACROSS_ORGANISATIONS = new Set(['/api/programs/:id/organisation']);

/** The program a job route is about, or null when the job does not exist (the handler then answers 404). */
async function jobProgram(ctx: ServiceContext, spec: RouteSpec, params: Record<string, string>): Promise<string | null> {
  if (spec.path.startsWith('/api/redetermination-jobs/:id')) return (await ctx.store.getJob(params.id))?.programId ?? null;
  try {
    return getImpactJob(ctx, params.jobId, 'en').programId;
  } catch {
    return null;
  }
}

/** `routes` with the program-organisation check in front of each staff route about one program or its jobs. */
export function withOrganisationScope(ctx: ServiceContext, routes: RouteSpec[]): RouteSpec[] {
  return routes.map((spec) => {
    if (spec.access === 'public' || spec.access === 'signed-in' || ACROSS_ORGANISATIONS.has(spec.path)) return spec;
    const program = spec.path.startsWith('/api/programs/:id');
    const job = spec.path.startsWith('/api/redetermination-jobs/:id') || spec.path.startsWith('/api/impact-jobs/:jobId');
    if (!program && !job) return spec;
    return {
      ...spec,
      handler: async (rc) => {
        const programId = program ? rc.params.id : await jobProgram(ctx, spec, rc.params);
        if (programId && rc.user) await assertWorksOnProgram(ctx, rc.user, programId);
        return spec.handler(rc);
      },
    };
  });
}
