/**
 * Routes: impact previews of a version against another (analysts and administrators) over the stored caseload or
 * over a population file sent as the body, as jobs to follow, cancel and list (runtime/services/impact-jobs.ts).
 */
import type { RouteSpec } from '../route.ts';
import type { ServiceContext } from '../../services/context.ts';
import { answerLang } from '../errors.ts';
import * as jobs from '../../services/impact-jobs.ts';

const EDITORS = ['analyst', 'administrator'] as const;

/** The impact routes. */
export function impactRoutes(ctx: ServiceContext): RouteSpec[] {
  const limit = ctx.populationLimitBytes ?? 200 * 1024 ** 2;
  return [
    {
      method: 'post',
      path: '/api/programs/:id/impact',
      tag: 'impact',
      access: EDITORS,
      body: 'ImpactRequest',
      summary: 'Start an impact preview over the stored caseload',
      description:
        'Compares `version` (usually the draft) with `against` over the program\u2019s stored cases (default: every pending case) on the worker threads, as a job; nothing is stored. One job per program at a time (409 names the running one). 422 when the versions are the same, one has errors, or `by` or a state is unknown.',
      response: { status: 202, schema: 'ImpactJobStarted', description: 'The job, running.' },
      errors: [404, 409, 422],
      handler: ({ req, user, params, body }) => jobs.startCaseloadImpact(ctx, user, params.id, body, answerLang(req)),
    },
    {
      method: 'post',
      path: '/api/programs/:id/impact/population',
      tag: 'impact',
      access: EDITORS,
      uploads: {
        types: jobs.POPULATION_MEDIA_TYPES,
        limitBytes: limit,
        stream: true,
        description: `A population file (at most ${limit} bytes, MANDATE_POPULATION_LIMIT): JSON Lines (application/x-ndjson, one household\u2019s answers per line) or CSV (text/csv: a header row of field ids; numbers, true/false, and JSON in a cell for lists and objects such as the household members).`,
      },
      query: [
        { name: 'version', required: true, description: 'The changed version, usually the draft.' },
        { name: 'against', required: true, description: 'The version it would replace.' },
        { name: 'asOf', description: 'The as-of date (YYYY-MM-DD); default today.' },
        { name: 'by', description: 'Breakdown: a derived value, a form field or a JSON Pointer; default household size.' },
      ],
      summary: 'Start an impact preview over a population file',
      description:
        'The file is streamed through the worker threads while it arrives; the answer comes once it is read. A line that cannot be read counts as invalid and is listed in the job\u2019s problems (the first ones). 413 above the size limit, 415 for another Content-Type.',
      response: { status: 202, schema: 'ImpactJobStarted', description: 'The job: running, or already finished for a small file.' },
      errors: [404, 409, 413, 422],
      handler: async ({ req, res, user, params, query }) => {
        // An answer sent before the whole body was read (refused, too large, cancelled) closes the connection, so
        // that no client reuses a socket the server stops reading.
        const closeIfUnread = () => {
          if (!req.complete) res.setHeader('connection', 'close');
        };
        try {
          const started = await jobs.startPopulationImpact(
            ctx,
            user,
            params.id,
            query,
            {
              body: req,
              contentType: req.headers['content-type'],
              contentLength: req.headers['content-length'] === undefined ? null : Number(req.headers['content-length']),
            },
            answerLang(req),
          );
          closeIfUnread();
          return started;
        } catch (err) {
          closeIfUnread();
          throw err;
        }
      },
    },
    {
      method: 'get',
      path: '/api/impact-jobs/:jobId',
      tag: 'impact',
      access: EDITORS,
      summary: 'An impact job: progress, time left, and the summary once done',
      response: { status: 200, schema: 'ImpactJob', description: 'The job.' },
      errors: [404],
      handler: ({ req, params }) => jobs.getImpactJob(ctx, params.jobId, answerLang(req)),
    },
    {
      method: 'post',
      path: '/api/impact-jobs/:jobId/cancel',
      tag: 'impact',
      access: EDITORS,
      summary: 'Cancel a running impact job',
      description: 'It stops at its next chunk; its partial figures are discarded (status cancelled). A finished job is answered as it is.',
      response: { status: 200, schema: 'ImpactJob', description: 'The job, stopped.' },
      errors: [404],
      handler: ({ req, params }) => jobs.cancelImpactJob(ctx, params.jobId, answerLang(req)),
    },
    {
      method: 'get',
      path: '/api/programs/:id/impact-jobs',
      tag: 'impact',
      access: EDITORS,
      summary: 'The program\u2019s impact jobs, newest first',
      description: 'The running one and the last few finished ones (kept in memory: a restart forgets them).',
      response: { status: 200, schema: 'ImpactJobList', description: 'The jobs.' },
      errors: [404],
      handler: ({ req, params }) => jobs.listImpactJobs(ctx, params.id, answerLang(req)),
    },
  ];
}
