/**
 * Routes: mass re-determination jobs (administrator). Starting one answers 202 with the job, which runs in the
 * background; it can be followed and cancelled. Cancelling stops it at the next chunk boundary: the chunks applied
 * before stay applied (the summary says how many), nothing is half-applied.
 */
import type { RouteSpec } from '../route.ts';
import type { ServiceContext } from '../../services/context.ts';
import { answerLang } from '../errors.ts';
import { versionParam } from './programs.ts';
import { cancelRedetermination, getRedetermination, listRedeterminations, startRedetermination } from '../../services/redetermination.ts';

const ADMIN = ['administrator'] as const;

/** The job routes. */
export function jobRoutes(ctx: ServiceContext): RouteSpec[] {
  return [
    {
      method: 'post',
      path: '/api/programs/:id/versions/:version/redetermine-pending',
      tag: 'jobs',
      access: ADMIN,
      summary: 'Start re-determining the program’s cases under this version',
      description:
        'Starts a re-determination job (202): every case not decided (not in a terminal state of its workflow) and not already under this ' +
        'version is evaluated again on the batch path, chunk by chunk, each chunk in one transaction with the job’s cursor; a case whose ' +
        'result changed gets a new determination, an audit entry and a notice; an unchanged one moves to the version. Follow it with ' +
        'GET /api/redetermination-jobs/:id. A job interrupted by a restart resumes where it stopped.',
      response: { status: 202, schema: 'RedeterminationJob', description: 'The job, just started.' },
      errors: [404, 409],
      handler: ({ user, params, req }) => startRedetermination(ctx, user, params.id, versionParam(params.version), 'on-demand', answerLang(req)),
    },
    {
      method: 'get',
      path: '/api/programs/:id/redetermination-jobs',
      tag: 'jobs',
      access: ADMIN,
      summary: 'The program’s re-determination jobs, newest first',
      response: { status: 200, schema: 'RedeterminationJobList', description: 'Every job of the program.' },
      errors: [404],
      handler: ({ params, req }) => listRedeterminations(ctx, params.id, answerLang(req)),
    },
    {
      method: 'get',
      path: '/api/redetermination-jobs/:id',
      tag: 'jobs',
      access: ADMIN,
      summary: 'One re-determination job: status, cursor, counts and summary',
      response: { status: 200, schema: 'RedeterminationJob', description: 'The job as it stands.' },
      errors: [404],
      handler: ({ params, req }) => getRedetermination(ctx, params.id, answerLang(req)),
    },
    {
      method: 'post',
      path: '/api/redetermination-jobs/:id/cancel',
      tag: 'jobs',
      access: ADMIN,
      summary: 'Cancel a running re-determination job',
      description:
        'Stops the job at the next chunk boundary. Chunks already applied stay applied (the summary says how many cases); the chunk being ' +
        'evaluated is not applied at all, so nothing is half-applied. 409 when the job is not running.',
      response: { status: 200, schema: 'RedeterminationJob', description: 'The job, cancelled.' },
      errors: [404, 409],
      handler: ({ user, params, req }) => cancelRedetermination(ctx, user!, params.id, answerLang(req)),
    },
  ];
}
