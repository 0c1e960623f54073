/**
 * Routes: the case queue, case detail, notes, workflow transitions and re-determination (caseworkers,
 * supervisors; administrators see everything), and the audit log (administrators).
 */
import type { RouteSpec } from '../route.ts';
import type { ServiceContext } from '../../services/context.ts';
import { integerQuery } from '../params.ts';
import { answerLang, forbidden, HttpError, words } from '../errors.ts';
import { isPlatformAdmin } from '../../services/organisations.ts';
import * as cases from '../../services/cases.ts';
import { correctAnswer } from '../../services/corrections.ts';
import { streamCaseFeed } from '../case-feed-stream.ts';

const CASE_ROLES = ['caseworker', 'supervisor', 'administrator'] as const;

/** The case and audit routes. */
export function caseRoutes(ctx: ServiceContext): RouteSpec[] {
  return [
    {
      method: 'get',
      path: '/api/cases',
      tag: 'cases',
      access: CASE_ROLES,
      summary: 'The case queue with counts by state',
      query: [
        { name: 'program', description: 'Program id.' },
        { name: 'state', description: 'A state, or several separated by commas.' },
        { name: 'assignee', description: 'A user id, me, or none.' },
        { name: 'overdue', description: 'true: only cases past their earliest deadline.', schema: { type: 'string', enum: ['true', 'false'] } },
        { name: 'dueBefore', description: 'Only cases due before this YYYY-MM-DD date.' },
        { name: 'q', description: 'Text in the case id, application id or applicant name.' },
        { name: 'limit', description: 'Page size (default 50, at most 500).' },
        { name: 'offset', description: 'Items to skip.' },
      ],
      response: { status: 200, schema: 'CaseList', description: 'A page of cases.' },
      handler: ({ user, query }) => cases.listCases(ctx, user!, query),
    },
    {
      method: 'get',
      path: '/api/cases/feed',
      tag: 'cases',
      access: CASE_ROLES,
      summary: 'Live changes of cases (server-sent events)',
      description:
        'A text/event-stream: an event `case` with `{kind: opened|moved|corrected, caseId, programId, state, at}` for every case opened or changed in this server, and a comment every 25 s to keep the connection open. Only ids and states travel; reload the list for the rest. Clients that cannot keep a stream open poll GET /api/cases instead.',
      response: { status: 200, schema: null, contentType: 'text/event-stream', description: 'The stream; it stays open.' },
      handler: ({ req, res, user }) => streamCaseFeed(ctx, req, res, user!),
    },
    {
      method: 'get',
      path: '/api/cases/:id',
      tag: 'cases',
      access: CASE_ROLES,
      summary: 'Case detail with the transitions this user may take',
      response: { status: 200, schema: 'CaseDetail', description: 'The case.' },
      errors: [404],
      handler: ({ req, user, params }) => cases.caseDetail(ctx, user!, params.id, answerLang(req)),
    },
    {
      method: 'post',
      path: '/api/cases/:id/notes',
      tag: 'cases',
      access: CASE_ROLES,
      body: 'NoteRequest',
      summary: 'Add a note',
      response: { status: 201, schema: 'Note', description: 'The note.' },
      errors: [404, 422],
      handler: ({ user, params, body }) => cases.addNote(ctx, user!, params.id, body.text, body.visibility),
    },
    {
      method: 'post',
      path: '/api/cases/:id/transitions',
      tag: 'cases',
      access: CASE_ROLES,
      body: 'TransitionRequest',
      summary: 'Take a workflow transition',
      description:
        'Refused with 403 (your role may not; the case is your own application or one you submitted; under caseAccess "assignee", it is assigned to another caseworker), 409 (the case is not in a state this event leaves from, or changed since you loaded it) or 422 (a guard such as maker-checker holds, or an unknown event), each with the reason.',
      response: { status: 200, schema: 'TransitionResult', description: 'The case after the transition and the effects of its actions.' },
      errors: [404, 409, 422],
      handler: ({ req, user, params, body }) => cases.fireTransition(ctx, user!, params.id, body, answerLang(req)),
    },
    {
      method: 'post',
      path: '/api/cases/:id/transitions/preview',
      tag: 'cases',
      access: CASE_ROLES,
      body: 'TransitionRequest',
      summary: 'What a transition would do, without doing it',
      description:
        'The state it leads to, the decision reason and the determination\u2019s reasons in the applicant\u2019s language, and the notices the applicant (and an intermediary who applied) would receive. Refused as the transition itself would be; without `reason`, the first reason the program lists for the event is previewed and all of them are in `reasonChoices`.',
      response: { status: 200, schema: 'TransitionPreview', description: 'The preview.' },
      errors: [404, 409, 422],
      handler: ({ req, user, params, body }) => cases.previewTransition(ctx, user!, params.id, body, answerLang(req)),
    },
    {
      method: 'post',
      path: '/api/cases/:id/corrections',
      tag: 'cases',
      access: CASE_ROLES,
      body: 'CorrectionRequest',
      summary: 'Correct an answer (with a note), then re-determine',
      description:
        'Sets the answer at `path` (a JSON Pointer into the answers; `value: null` removes it), keeps `note` as a case note, and re-determines the case under the version in force, in one atomic unit. The audit entry names the path and the hashes of the old and new values, never the values. 409 when the case is decided or changed since `revision`; 422 for a path the form does not ask, an unchanged value or answers that no longer validate.',
      response: { status: 201, schema: 'CorrectionResult', description: 'The correction, the determination before and the new one.' },
      errors: [404, 409, 422],
      handler: ({ req, user, params, body }) => correctAnswer(ctx, user!, params.id, body, answerLang(req)),
    },
    {
      method: 'post',
      path: '/api/cases/:id/redetermine',
      tag: 'cases',
      access: ['caseworker', 'supervisor', 'administrator'],
      body: 'RedetermineRequest',
      summary: 'Re-determine under another version (dry run or applied)',
      response: { status: 201, schema: 'RedetermineResult', description: 'The previous and the new determination; both are kept.' },
      description:
        'A dry run is always allowed. Applying is refused with 409 for a decided case (a terminal state: its decision stands; a change after a decision goes through a workflow transition with a redetermine action) and for a version older than the one the case is under (unless the workflow says redetermineToOlderVersion), and with 403 on your own case or, under caseAccess "assignee", on a case assigned to someone else.',
      errors: [404, 409],
      handler: ({ req, user, params, body }) => cases.redetermineCase(ctx, user, params.id, body, answerLang(req)),
    },
    {
      method: 'get',
      path: '/api/audit',
      tag: 'audit',
      access: ['administrator'],
      summary: 'The audit log (hash-chained)',
      query: [
        { name: 'afterSeq', description: 'Entries after this sequence number.' },
        { name: 'limit', description: 'At most this many (default 100, at most 1000).' },
        { name: 'entity', description: 'Entity kind, e.g. case.' },
        { name: 'entityId', description: 'Entity id.' },
        { name: 'actorId', description: 'User id.' },
      ],
      response: { status: 200, schema: 'AuditList', description: 'Entries in ascending sequence.' },
      handler: async ({ user, query }) => {
        // The log covers every organisation (issue 16): with several, it is the platform administrators' to read.
        if (!isPlatformAdmin(user) && (await ctx.store.listOrganisations()).length > 1) throw forbidden(words('organisation.audit'), 'organisation');
        return ctx.store.listAudit({
          afterSeq: integerQuery(query.afterSeq, 'afterSeq'),
          limit: integerQuery(query.limit, 'limit', { min: 1, max: 1000 }),
          entity: query.entity,
          entityId: query.entityId,
          actorId: query.actorId,
        });
      },
    },
  ];
}
