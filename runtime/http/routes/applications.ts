/**
 * Routes: applications (no account needed; the resume code is the applicant's key) and screening.
 *
 * The resume code travels only in the `X-Resume-Code` header: a `?code=` in the URL is refused (URLs end up in
 * logs, proxies and browser history). Wrong codes are throttled per application and per client.
 */
import type { Request } from 'express';
import { HttpError, words } from '../errors.ts';
import type { RouteSpec } from '../route.ts';
import type { ServiceContext } from '../../services/context.ts';
import * as applications from '../../services/applications.ts';
import { screen, screenerFormFor } from '../../services/screening.ts';

export const CODE_HEADER = {
  name: 'X-Resume-Code',
  description: 'The resume code, when not signed in as the application\u2019s creator (never in the URL: ?code= is refused with 400).',
};
/** The resume code of a request: the header; 400 when the URL carries one. */
export function codeOf(req: Request, query: Record<string, string | undefined>): string | undefined {
  if (query.code !== undefined) throw new HttpError(400, 'code-in-url', words('code-in-url'));
  const header = req.headers['x-resume-code'];
  return typeof header === 'string' && header ? header : undefined;
}

/** The application and screening routes. */
export function applicationRoutes(ctx: ServiceContext): RouteSpec[] {
  return [
    {
      method: 'post',
      path: '/api/applications',
      tag: 'applications',
      access: 'public',
      body: 'StartApplicationRequest',
      summary: 'Start an application',
      description: 'Under the version in force today. Returns the resume code once. Intermediaries may name the person they apply for.',
      response: { status: 201, schema: 'StartedApplication', description: 'Started.' },
      errors: [404, 409, 422],
      handler: ({ user, body }) => applications.startApplication(ctx, user, body),
    },
    {
      method: 'get',
      path: '/api/applications',
      tag: 'applications',
      access: ['applicant', 'intermediary'],
      summary: 'Applications I started (signed in)',
      response: { status: 200, schema: 'ApplicationList', description: 'Own applications.' },
      handler: ({ user }) => applications.listOwnApplications(ctx, user!),
    },
    {
      method: 'get',
      path: '/api/consent-statement',
      tag: 'applications',
      access: ['intermediary'],
      summary: 'The consent statement an intermediary confirms for a client',
      description:
        'The words to read to the client before starting an application on their behalf, with their name and the program filled in. Starting with `consent: {confirmed: true}` stores exactly these words with the application.',
      query: [
        { name: 'program', description: 'Program id.', required: true },
        { name: 'client', description: 'The client\u2019s full name.', required: true },
        { name: 'lang', description: 'Language of the statement (the application\u2019s), e.g. es.' },
      ],
      response: { status: 200, schema: 'ConsentStatement', description: 'The statement.' },
      errors: [404],
      handler: ({ user, query }) => applications.consentStatementFor(ctx, user!, query.program, query.client, query.lang),
    },
    {
      method: 'post',
      path: '/api/applications/resume',
      tag: 'applications',
      access: 'public',
      body: 'ResumeRequest',
      summary: 'Find an application by its resume code',
      response: { status: 200, schema: 'Application', description: 'The application.' },
      errors: [404, 429],
      handler: ({ req, body }) => applications.resumeApplication(ctx, body.resumeCode, req.ip),
    },
    {
      method: 'get',
      path: '/api/applications/:id',
      tag: 'applications',
      access: 'public',
      headers: [CODE_HEADER],
      summary: 'An application (its owner or staff)',
      response: { status: 200, schema: 'Application', description: 'The application.' },
      errors: [404, 429],
      handler: ({ req, user, params, query }) => applications.getApplication(ctx, user, params.id, codeOf(req, query), req.ip),
    },
    {
      method: 'put',
      path: '/api/applications/:id',
      tag: 'applications',
      access: 'public',
      body: 'SaveAnswersRequest',
      headers: [CODE_HEADER],
      summary: 'Save answers (partial)',
      response: { status: 200, schema: 'Application', description: 'Saved.' },
      errors: [404, 409, 422, 429],
      handler: ({ req, user, params, query, body }) => applications.saveAnswers(ctx, user, params.id, codeOf(req, query), body, req.ip),
    },
    {
      method: 'post',
      path: '/api/applications/:id/submit',
      tag: 'applications',
      access: 'public',
      headers: [CODE_HEADER],
      body: 'SubmitRequest',
      summary: 'Submit: determination and case',
      description:
        'Validates the answers (422 naming fields by title), evaluates them with the version in force (or the one started under, per inFlight), stores the determination with its version hash and trace, and opens a case in the workflow\u2019s initial state.',
      response: { status: 201, schema: 'SubmitResult', description: 'The case, the determination and the next step.' },
      errors: [404, 409, 422, 429],
      handler: ({ req, user, params, query, body }) => applications.submitApplication(ctx, user, params.id, codeOf(req, query), body, req.ip),
    },
    {
      method: 'post',
      path: '/api/screen',
      tag: 'screening',
      access: 'public',
      body: 'ScreenRequest',
      summary: 'Screen answers against every program in force',
      description: 'Partial evaluation; programs run elsewhere come with referral details.',
      response: { status: 200, schema: 'ScreenResult', description: 'One result per program.' },
      handler: ({ body }) => screen(ctx, body),
    },
    {
      method: 'get',
      path: '/api/screen/form',
      tag: 'screening',
      access: 'public',
      summary: 'The screener’s questionnaire',
      description:
        'The questions the programs in force today share, all optional, with the URL of the page’s validator module (GET /api/validators/{hash}.js). With `state`, only the questions of the programs offered in that state (a state’s layer in place of the program it extends).',
      query: [
        { name: 'lang', description: 'Language of titles and descriptions, e.g. es.' },
        {
          name: 'state',
          description:
            'The applicant’s state, an ISO 3166-2 code (US-WA): the questions of the programs offered there; `other` (or a state no program is tied to): of the programs tied to no state; absent: of every program.',
          schema: { type: 'string', pattern: '^([A-Z]{2}(-[A-Z0-9]{1,3})?|other)$' },
        },
      ],
      response: { status: 200, schema: 'ScreenerForm', description: 'The form and its validator.' },
      errors: [400],
      handler: ({ query }) => screenerFormFor(ctx, query.lang, query.state),
    },
  ];
}
