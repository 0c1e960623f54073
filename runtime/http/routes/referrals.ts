/**
 * Routes of networks of care (issue 16): sharing offers and consents, prefilled answers, referrals (the person's,
 * a caseworker's, the receiving inbox), the status page's view of who holds which answers, capacity, and the
 * directory as Open Referral HSDS.
 */
import type { Request } from 'express';
import type { RouteSpec } from '../route.ts';
import type { ServiceContext } from '../../services/context.ts';
import { today } from '../../services/context.ts';
import { answerLang } from '../errors.ts';
import * as referrals from '../../services/referrals.ts';
import * as shared from '../../services/shared-answers.ts';
import { sessionApplication } from '../../services/status.ts';
import { hsdsDirectory } from '../../services/hsds.ts';
import * as screening from '../../services/screening-referrals.ts';
import { HttpError, words } from '../errors.ts';
import { CODE_HEADER, codeOf } from './applications.ts';
import { TOKEN_HEADER, tokenOf } from './status.ts';

const STAFF = ['caseworker', 'supervisor', 'administrator'] as const;

const REFERRAL_CODE_HEADER = {
  name: 'X-Referral-Code',
  description: 'The referral code given when the referral was made from the screener (never in the URL: ?code= is refused with 400).',
  required: true,
};
/** The referral code of a request: the header; 400 when the URL carries one. */
function referralCodeOf(req: Request, query: Record<string, string | undefined>): string | undefined {
  if (query.code !== undefined) throw new HttpError(400, 'code-in-url', words('code-in-url'));
  const header = req.headers['x-referral-code'];
  return typeof header === 'string' && header ? header : undefined;
}

/** The routes of consents, prefill, referrals, capacity and the directory. */
export function referralRoutes(ctx: ServiceContext): RouteSpec[] {
  return [
    {
      method: 'get',
      path: '/api/referral-targets',
      tag: 'referrals',
      access: 'public',
      summary: 'Programs a referral can go to, capacity first',
      description:
        'The programs in force today except `from`, open ones first, then waitlists, then closed; with the answers each asks that can be shared.',
      query: [
        { name: 'from', description: 'The referring program (left out of the list).' },
        { name: 'lang', description: 'Language of titles, e.g. es.' },
      ],
      response: { status: 200, schema: 'ReferralTargets', description: 'The programs.' },
      handler: ({ query }) => referrals.referralTargets(ctx, query.from, query.lang),
    },
    {
      method: 'get',
      path: '/api/applications/:id/sharing-offer',
      tag: 'referrals',
      access: 'public',
      headers: [CODE_HEADER],
      summary: 'What sharing this application’s answers with a program would share, and the statement to agree to',
      query: [
        { name: 'program', description: 'The receiving program.', required: true },
        { name: 'purpose', description: '"referral" (default) or "application".' },
        { name: 'lang', description: 'Language of the statement.' },
      ],
      response: { status: 200, schema: 'SharingOffer', description: 'The offer.' },
      errors: [404, 429],
      handler: ({ req, user, params, query }) => shared.sharingOfferFor(ctx, user, params.id, codeOf(req, query), query, req.ip),
    },
    {
      method: 'post',
      path: '/api/applications/:id/sharing-consents',
      tag: 'referrals',
      access: 'public',
      headers: [CODE_HEADER],
      body: 'SharingConsentRequest',
      summary: 'Consent to share this application’s answers with another program’s organisation',
      description:
        'Stores the statement as shown, what, with whom, why and until when; audited. A new application to that program can then be prefilled.',
      response: { status: 201, schema: 'SharingConsent', description: 'The consent.' },
      errors: [404, 422, 429],
      handler: ({ req, user, params, query, body }) => shared.consentFromApplication(ctx, user, params.id, codeOf(req, query), body, req.ip),
    },
    {
      method: 'post',
      path: '/api/applications/:id/prefill',
      tag: 'referrals',
      access: 'public',
      headers: [CODE_HEADER],
      body: 'PrefillRequest',
      summary: 'Answers an earlier application may fill in this draft, to check (nothing is saved)',
      response: { status: 200, schema: 'Prefill', description: 'The proposed answers with their questions.' },
      errors: [404, 409, 429],
      handler: ({ req, user, params, query, body }) => shared.prefillFor(ctx, user, params.id, codeOf(req, query), body, req.ip),
    },
    {
      method: 'post',
      path: '/api/applications/:id/prefill/confirm',
      tag: 'referrals',
      access: 'public',
      headers: [CODE_HEADER],
      body: 'PrefillConfirmRequest',
      summary: 'Save the prefilled answers the person checked and confirmed',
      description: 'Records the share under the consent (409 once it is withdrawn) and saves the answers.',
      response: { status: 200, schema: 'Application', description: 'Saved.' },
      errors: [404, 409, 422, 429],
      handler: ({ req, user, params, query, body }) => shared.confirmPrefill(ctx, user, params.id, codeOf(req, query), body, req.ip),
    },
    {
      method: 'post',
      path: '/api/applications/:id/referrals',
      tag: 'referrals',
      access: 'public',
      headers: [CODE_HEADER],
      body: 'ReferralRequest',
      summary: 'Refer myself from my submitted application to another organisation’s program, with consent',
      response: { status: 201, schema: 'Referral', description: 'The referral, pending.' },
      errors: [404, 409, 422, 429],
      handler: ({ req, user, params, query, body }) => referrals.referFromApplication(ctx, user, params.id, codeOf(req, query), body, req.ip),
    },
    {
      method: 'post',
      path: '/api/screen/referral-offer',
      tag: 'referrals',
      access: 'public',
      body: 'ScreeningReferralOfferRequest',
      summary: 'What a referral from these screening answers to a program would share, and the statement to agree to',
      description: 'Nothing is stored. The concepts are the screening answers the program asks too; contact details are added by the person.',
      response: { status: 200, schema: 'ScreeningReferralOffer', description: 'The offer.' },
      errors: [404, 422],
      handler: ({ body }) => screening.screeningReferralOffer(ctx, body),
    },
    {
      method: 'post',
      path: '/api/screen/referrals',
      tag: 'referrals',
      access: 'public',
      body: 'ScreeningReferralRequest',
      summary: 'Refer myself from a screening result (no application) to another organisation’s program, with consent',
      description:
        'Stores the consent (what, with whom, why, until when) and a pending referral carrying the chosen answers and contact details. The answer holds, once, the referral code to follow it with. 409 `capacity-closed` when the program is not taking new people.',
      response: { status: 201, schema: 'FollowedReferral', description: 'The referral, pending, with its referral code.' },
      errors: [404, 409, 422],
      handler: ({ body }) => screening.referFromScreening(ctx, body),
    },
    {
      method: 'get',
      path: '/api/referral-status',
      tag: 'referrals',
      access: 'public',
      headers: [REFERRAL_CODE_HEADER],
      summary: 'Follow my referral from the screener: where it stands, what I shared, my consent',
      query: [{ name: 'lang', description: 'Language of titles.' }],
      response: { status: 200, schema: 'FollowedReferral', description: 'The referral.' },
      errors: [404, 429],
      handler: ({ req, query }) => screening.followReferral(ctx, referralCodeOf(req, query), query.lang ?? answerLang(req), req.ip),
    },
    {
      method: 'post',
      path: '/api/referral-status/cancel',
      tag: 'referrals',
      access: 'public',
      headers: [REFERRAL_CODE_HEADER],
      summary: 'Cancel my referral from the screener and withdraw its consent: nothing more is shared',
      query: [{ name: 'lang', description: 'Language of titles.' }],
      response: { status: 200, schema: 'FollowedReferral', description: 'The referral, cancelled when it was open; the consent withdrawn.' },
      errors: [404, 429],
      handler: ({ req, query }) => screening.cancelFollowedReferral(ctx, referralCodeOf(req, query), query.lang ?? answerLang(req), req.ip),
    },
    {
      method: 'get',
      path: '/api/status/sharing',
      tag: 'status',
      access: 'public',
      headers: [TOKEN_HEADER],
      summary: 'Which organisations hold which of my answers, under which consent',
      response: { status: 200, schema: 'SharingConsentList', description: 'The consents given from the application.' },
      errors: [401],
      handler: async ({ req }) => {
        const lang = answerLang(req);
        return shared.sharingOf(ctx, await sessionApplication(ctx, tokenOf(req), lang), lang);
      },
    },
    {
      method: 'post',
      path: '/api/status/sharing/:consentId/withdraw',
      tag: 'status',
      access: 'public',
      headers: [TOKEN_HEADER],
      summary: 'Withdraw a consent to share: nothing more is shared under it',
      response: { status: 200, schema: 'SharingConsent', description: 'The consent, withdrawn.' },
      errors: [401, 404, 409],
      handler: async ({ req, params }) => {
        const lang = answerLang(req);
        return shared.withdrawConsent(ctx, await sessionApplication(ctx, tokenOf(req), lang), params.consentId, lang);
      },
    },
    {
      method: 'get',
      path: '/api/status/referrals',
      tag: 'status',
      access: 'public',
      headers: [TOKEN_HEADER],
      summary: 'The referrals made from my application and where they stand',
      response: { status: 200, schema: 'ReferralList', description: 'The referrals.' },
      errors: [401],
      handler: async ({ req }) => {
        const lang = answerLang(req);
        return referrals.applicationReferrals(ctx, await sessionApplication(ctx, tokenOf(req), lang), lang);
      },
    },
    {
      method: 'get',
      path: '/api/referrals',
      tag: 'referrals',
      access: [...STAFF],
      summary: 'Referral inbox: received by my organisation’s programs, and sent by them',
      query: [{ name: 'lang', description: 'Language of titles.' }],
      response: { status: 200, schema: 'ReferralInbox', description: 'Received and sent referrals, stale ones flagged.' },
      handler: ({ user, query }) => referrals.referralInbox(ctx, user!, query.lang),
    },
    {
      method: 'post',
      path: '/api/referrals/:id/status',
      tag: 'referrals',
      access: [...STAFF],
      body: 'ReferralUpdateRequest',
      summary: 'Accept, decline (with a reason), progress or cancel a referral',
      response: { status: 200, schema: 'Referral', description: 'The referral.' },
      errors: [404, 409, 422],
      handler: ({ user, params, body }) => referrals.updateReferral(ctx, user!, params.id, body),
    },
    {
      method: 'get',
      path: '/api/cases/:id/referrals',
      tag: 'referrals',
      access: [...STAFF],
      summary: 'The referrals made for a case’s person, with their outcomes',
      query: [{ name: 'lang', description: 'Language of titles.' }],
      response: { status: 200, schema: 'ReferralList', description: 'The referrals.' },
      errors: [404],
      handler: ({ user, params, query }) => referrals.caseReferrals(ctx, user!, params.id, query.lang),
    },
    {
      method: 'post',
      path: '/api/cases/:id/referrals',
      tag: 'referrals',
      access: [...STAFF],
      body: 'ReferralRequest',
      summary: 'Refer a case’s person to another organisation’s program, recording the consent they gave',
      response: { status: 201, schema: 'Referral', description: 'The referral, pending.' },
      errors: [404, 409, 422],
      handler: ({ user, params, body }) => referrals.referFromCase(ctx, user!, params.id, body),
    },
    {
      method: 'get',
      path: '/api/programs/:id/capacity',
      tag: 'referrals',
      access: 'public',
      summary: 'A program’s intake capacity (open, waitlist, closed)',
      response: { status: 200, schema: 'Capacity', description: 'The capacity.' },
      errors: [404],
      handler: ({ params }) => referrals.capacityOf(ctx, params.id),
    },
    {
      method: 'put',
      path: '/api/programs/:id/capacity',
      tag: 'referrals',
      access: [...STAFF],
      body: 'CapacityRequest',
      summary: 'Set a program’s intake capacity (its organisation’s staff)',
      response: { status: 200, schema: 'Capacity', description: 'The capacity.' },
      errors: [404],
      handler: ({ user, params, body }) => referrals.setCapacity(ctx, user!, params.id, body),
    },
    {
      method: 'get',
      path: '/api/directory/hsds',
      tag: 'referrals',
      access: 'public',
      summary: 'The programs in force as an Open Referral HSDS 3.1 page of services',
      response: { status: 200, schema: 'HsdsServicePage', description: 'The services, each with its organization.' },
      handler: ({ req }) => hsdsDirectory(ctx.store, today(ctx), `${req.protocol}://${req.get('host') ?? 'localhost'}`),
    },
  ];
}
