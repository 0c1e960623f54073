/**
 * Routes: publishing a draft, maker-checker (an analyst or administrator requests, another administrator publishes
 * or rejects; the requester withdraws), and the organisation settings that can switch the second person off.
 */
import type { RouteSpec } from '../route.ts';
import type { ServiceContext } from '../../services/context.ts';
import { HttpError, words } from '../errors.ts';
import * as publication from '../../services/publication.ts';
import * as settings from '../../services/settings.ts';
import { ifMatch } from './programs.ts';

const EDITORS = ['analyst', 'administrator'] as const;
const ADMINS = ['administrator'] as const;

/** The publication and settings routes. */
export function publicationRoutes(ctx: ServiceContext): RouteSpec[] {
  return [
    {
      method: 'post',
      path: '/api/programs/:id/draft/publication-request',
      tag: 'publication',
      access: EDITORS,
      body: 'PublicationRequestBody',
      summary: 'Request publication of the draft',
      description:
        'The draft at `revision` with its terms. Refused (422) when the draft has errors or failing test cases. Replaces a pending request.',
      response: { status: 201, schema: 'PublicationRequest', description: 'The request, as a reviewer sees it.' },
      errors: [404, 409, 422],
      handler: ({ user, params, body }) => publication.requestPublication(ctx, user!, params.id, body),
    },
    {
      method: 'get',
      path: '/api/programs/:id/draft/publication-request',
      tag: 'publication',
      access: EDITORS,
      summary: 'The draft\u2019s publication request for review',
      description:
        'Who asked, whether the draft is still the requested revision, the changes in words against the version in force, and the pending cases it will re-determine.',
      response: { status: 200, schema: 'PublicationRequest', description: 'The request.' },
      errors: [404],
      handler: ({ params }) => publication.publicationRequest(ctx, params.id),
    },
    {
      method: 'post',
      path: '/api/programs/:id/draft/publication-request/withdraw',
      tag: 'publication',
      access: EDITORS,
      summary: 'Withdraw the publication request',
      description: 'The requester or an administrator.',
      response: { status: 204, schema: null, description: 'Withdrawn.' },
      errors: [404],
      handler: ({ user, params }) => publication.withdrawPublicationRequest(ctx, user!, params.id),
    },
    {
      method: 'post',
      path: '/api/programs/:id/draft/publication-request/reject',
      tag: 'publication',
      access: ADMINS,
      body: 'RejectPublicationRequest',
      summary: 'Reject the publication request with a reason',
      description: 'The reason is kept in the program\u2019s history for the requester.',
      response: { status: 204, schema: null, description: 'Rejected.' },
      errors: [404],
      handler: ({ user, params, body }) => publication.rejectPublicationRequest(ctx, user!, params.id, body.reason),
    },
    {
      method: 'post',
      path: '/api/programs/:id/publish',
      tag: 'publication',
      access: ADMINS,
      body: 'PublishRequest',
      summary: 'Publish the requested draft as a frozen version',
      description:
        'Publishes on the publication request\u2019s terms; 409 when there is none, when the draft changed since it, or when you requested it yourself while makerChecker is on. With makerChecker off, an administrator may publish without a request by sending the terms (marked selfPublished). Errors or failing test cases refuse (422). A version already in force with inFlight "reevaluate" re-determines pending cases at once; a future one on its date.',
      response: { status: 201, schema: 'PublishResult', description: 'The published version.' },
      errors: [404, 409, 422],
      handler: ({ user, params, body }) => publication.publishDraft(ctx, user!, params.id, body),
    },
    {
      method: 'get',
      path: '/api/settings',
      tag: 'settings',
      access: ADMINS,
      summary: 'The settings of the organisation I administer (or the one named)',
      description:
        'Without `organisation`: the first organisation you administer (the installation’s settings, `default`, when you administer it). An organisation that never saved its own has the installation’s (`inherited`).',
      query: [{ name: 'organisation', description: 'The organisation whose settings to read (you administer it, or are a platform administrator).' }],
      response: { status: 200, schema: 'Settings', description: 'The settings and their revision.' },
      errors: [404],
      handler: ({ user, query }) => settings.getSettings(ctx, user!, query.organisation),
    },
    {
      method: 'put',
      path: '/api/settings',
      tag: 'settings',
      access: ADMINS,
      body: 'SettingsRequest',
      summary: 'Change the settings of the organisation I administer (or the one named)',
      query: [{ name: 'organisation', description: 'As for GET /api/settings.' }],
      description: 'Send the revision you read, as If-Match or `revision` in the body (0 for settings never saved); 409 when someone saved since.',
      headers: [{ name: 'If-Match', description: 'The settings revision you read (or `revision` in the body).' }],
      response: { status: 200, schema: 'Settings', description: 'The saved settings.' },
      errors: [404, 409, 428],
      handler: ({ req, user, body, query }) => {
        const header = req.headers['if-match'];
        const revision = header !== undefined ? ifMatch(header) : body.revision;
        if (revision === undefined) throw new HttpError(428, 'if-match-required', words('if-match-required.settings'));
        return settings.saveSettings(ctx, user!, body, revision, query.organisation);
      },
    },
  ];
}
