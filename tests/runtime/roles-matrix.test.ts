/**
 * The route × role matrix: every registered API route, called by an anonymous visitor and by a user of each role,
 * is allowed or denied exactly as this table says. A route missing from the table fails the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../engine/format/types.ts';
import { allRoutes } from '../../runtime/http/app.ts';
import { ADMIN, ELIGIBLE_ANSWERS, PROGRAM_ID, startHarness, type Harness } from './api/harness.ts';

type Who = 'anonymous' | Role;
const EVERYONE: Who[] = ['anonymous', 'applicant', 'intermediary', 'caseworker', 'supervisor', 'analyst', 'administrator', 'platform-administrator'];
const SIGNED_IN: Who[] = EVERYONE.filter((w) => w !== 'anonymous');
const STAFF: Who[] = ['caseworker', 'supervisor', 'administrator'];
const EDITORS: Who[] = ['analyst', 'administrator'];
const ADMINS: Who[] = ['administrator', 'platform-administrator'];

/** Who may call each route: the expected answer is "allowed" (anything but 401/403) or "denied" (401/403). */
const MATRIX: Record<string, Who[]> = {
  'GET /api/health': EVERYONE,
  'GET /api/ready': EVERYONE,
  'POST /api/auth/login': EVERYONE,
  'POST /api/auth/logout': SIGNED_IN,
  'GET /api/auth/me': SIGNED_IN,
  'GET /api/auth/csrf': SIGNED_IN,
  'GET /api/users': ['administrator'],
  'POST /api/users': ['administrator'],
  'PUT /api/users/:id': ['administrator'],
  'GET /api/programs': EVERYONE,
  'POST /api/programs': EDITORS,
  'POST /api/programs/import': EDITORS,
  'GET /api/templates': EDITORS,
  'POST /api/programs/from-template': EDITORS,
  'GET /api/programs/:id': EVERYONE,
  'GET /api/programs/:id/current': EVERYONE,
  'GET /api/programs/:id/versions/:version': EVERYONE,
  'PUT /api/programs/:id/versions/:version': EDITORS,
  'GET /api/programs/:id/draft': EDITORS,
  'PUT /api/programs/:id/draft': EDITORS,
  'POST /api/programs/:id/draft/validate': EDITORS,
  'POST /api/programs/:id/draft/test': EDITORS,
  'POST /api/programs/:id/draft/evaluate': EDITORS,
  'GET /api/programs/:id/diff': EDITORS,
  'GET /api/programs/:id/history': EDITORS,
  'GET /api/programs/:id/layer': EDITORS,
  'POST /api/programs/:id/rebase': EDITORS,
  'POST /api/programs/:id/versions/:version/draft': EDITORS,
  'DELETE /api/programs/:id/draft': EDITORS,
  'POST /api/programs/:id/draft/publication-request': EDITORS,
  'GET /api/programs/:id/draft/publication-request': EDITORS,
  'POST /api/programs/:id/draft/publication-request/withdraw': EDITORS,
  'POST /api/programs/:id/draft/publication-request/reject': ['administrator'],
  'POST /api/programs/:id/publish': ['administrator'],
  'GET /api/settings': ['administrator'],
  'PUT /api/settings': ['administrator'],
  'POST /api/programs/:id/versions/:version/redetermine-pending': ['administrator'],
  'GET /api/programs/:id/redetermination-jobs': ['administrator'],
  'GET /api/redetermination-jobs/:id': ['administrator'],
  'POST /api/redetermination-jobs/:id/cancel': ['administrator'],
  'GET /api/programs/:id/export': EVERYONE,
  'POST /api/programs/:id/impact': EDITORS,
  'POST /api/programs/:id/impact/population': EDITORS,
  'GET /api/programs/:id/impact-jobs': EDITORS,
  'GET /api/impact-jobs/:jobId': EDITORS,
  'POST /api/impact-jobs/:jobId/cancel': EDITORS,
  'GET /api/programs/:id/dashboard': ['supervisor', 'analyst', 'administrator'],
  'GET /api/programs/:id/dashboard.csv': ['supervisor', 'analyst', 'administrator'],
  'POST /api/applications': EVERYONE,
  'GET /api/applications': ['applicant', 'intermediary'],
  'POST /api/applications/resume': EVERYONE,
  'GET /api/applications/:id': EVERYONE,
  'PUT /api/applications/:id': EVERYONE,
  'POST /api/applications/:id/submit': EVERYONE,
  'POST /api/screen': EVERYONE,
  'GET /api/screen/form': EVERYONE,
  'GET /api/validators/:hash.js': EVERYONE,
  'GET /api/cases': STAFF,
  'GET /api/cases/:id': STAFF,
  'POST /api/cases/:id/notes': STAFF,
  'POST /api/cases/:id/transitions': STAFF,
  'POST /api/cases/:id/redetermine': STAFF,
  'GET /api/cases/feed': STAFF,
  'POST /api/cases/:id/transitions/preview': STAFF,
  'POST /api/cases/:id/corrections': STAFF,
  'GET /api/consent-statement': ['intermediary'],
  'GET /api/audit': ['administrator'],
  // After submission (issue 15): the status page authenticates with its own session (X-Status-Token), whatever the role.
  'POST /api/status/open': EVERYONE,
  'POST /api/status/email-code': EVERYONE,
  'GET /api/status': EVERYONE,
  'POST /api/status/documents/:documentId': EVERYONE,
  'GET /api/status/documents/:documentId/file': EVERYONE,
  'POST /api/cases/:id/documents/:documentId/file': STAFF,
  'GET /api/cases/:id/documents/:documentId/file': STAFF,
  'POST /api/cases/:id/documents/:documentId/review': STAFF,
  // Networks of care (issue 16): the person's own routes take the resume code or the status session; staff's the role.
  'GET /api/referral-targets': EVERYONE,
  'GET /api/applications/:id/sharing-offer': EVERYONE,
  'POST /api/applications/:id/sharing-consents': EVERYONE,
  'POST /api/applications/:id/prefill': EVERYONE,
  'POST /api/applications/:id/prefill/confirm': EVERYONE,
  'POST /api/applications/:id/referrals': EVERYONE,
  'GET /api/status/sharing': EVERYONE,
  'POST /api/status/sharing/:consentId/withdraw': EVERYONE,
  'GET /api/status/referrals': EVERYONE,
  'POST /api/screen/referral-offer': EVERYONE,
  'POST /api/screen/referrals': EVERYONE,
  'GET /api/referral-status': EVERYONE,
  'POST /api/referral-status/cancel': EVERYONE,
  'GET /api/referrals': STAFF,
  'POST /api/referrals/:id/status': STAFF,
  'GET /api/cases/:id/referrals': STAFF,
  'POST /api/cases/:id/referrals': STAFF,
  'GET /api/programs/:id/capacity': EVERYONE,
  'PUT /api/programs/:id/capacity': STAFF,
  'GET /api/directory/hsds': EVERYONE,
  // Organisations and case teams (issue 16); tests/runtime/organisations-matrix.test.ts checks them across organisations.
  'GET /api/organisations': ADMINS,
  'POST /api/organisations': ['platform-administrator'],
  'PUT /api/organisations/:id': ADMINS,
  'GET /api/organisations/:id/members': ADMINS,
  'PUT /api/organisations/:id/members': ADMINS,
  'DELETE /api/organisations/:id/members/:userId': ADMINS,
  'PUT /api/programs/:id/organisation': ['platform-administrator'],
  'GET /api/staff-directory': STAFF,
  'GET /api/cases/:id/team': STAFF,
  'PUT /api/cases/:id/team/:userId': STAFF,
  'DELETE /api/cases/:id/team/:userId': STAFF,
};

/** Public routes that take a credential of their own (the status session): 401 for everyone who does not send it. */
const OWN_CREDENTIAL = new Set([
  'GET /api/status',
  'POST /api/status/documents/:documentId',
  'GET /api/status/documents/:documentId/file',
  'GET /api/status/sharing',
  'POST /api/status/sharing/:consentId/withdraw',
  'GET /api/status/referrals',
]);
/** Routes that answer with a stream that stays open: only the status is read, then the connection is closed. */
const STREAMS = new Set(['GET /api/cases/feed']);

async function streamStatus(path: string, token: string | undefined): Promise<number> {
  const controller = new AbortController();
  const response = await fetch(h.url + path, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: controller.signal });
  controller.abort();
  return response.status;
}

let h: Harness;
const tokens: Partial<Record<Who, string>> = {};
let caseId = '';
let targetUserId = '';

beforeAll(async () => {
  h = await startHarness();
  for (const who of SIGNED_IN) tokens[who] = (await h.user([who as Role])).token;
  targetUserId = (await h.user(['caseworker'], 'Target')).id;
  const started = await h.call('POST', '/api/applications', { body: { programId: PROGRAM_ID } });
  await h.call('PUT', `/api/applications/${started.body.id}`, {
    body: { answers: ELIGIBLE_ANSWERS },
    headers: { 'x-resume-code': started.body.resumeCode },
  });
  const submitted = await h.call('POST', `/api/applications/${started.body.id}/submit`, { headers: { 'x-resume-code': started.body.resumeCode } });
  expect(submitted.status).toBe(201);
  caseId = submitted.body.caseId;
});
afterAll(() => h?.close());

function concretePath(path: string): string {
  return path
    .replace(':id/versions/:version', `${PROGRAM_ID}/versions/1`)
    .replace('/api/users/:id', `/api/users/${targetUserId}`)
    .replace('/api/cases/:id', `/api/cases/${caseId}`)
    .replace('/api/applications/:id', '/api/applications/00000000-0000-0000-0000-000000000000')
    .replace(':documentId', '00000000-0000-0000-0000-000000000000')
    .replace(':consentId', '00000000-0000-0000-0000-000000000000')
    .replace('/api/organisations/:id', '/api/organisations/default')
    .replace(':userId', targetUserId)
    .replace(':id', PROGRAM_ID);
}

const BODIES: Record<string, unknown> = {
  'POST /api/auth/login': ADMIN,
  'PUT /api/users/:id': { name: 'Target Renamed' },
  'POST /api/cases/:id/notes': { text: 'Matrix note.' },
  'POST /api/cases/:id/transitions': { event: 'no-such-event' },
  'POST /api/cases/:id/transitions/preview': { event: 'no-such-event' },
  'POST /api/cases/:id/corrections': { path: '/no-such-question', value: 1, note: 'Matrix correction.' },
  'POST /api/cases/:id/redetermine': { apply: false },
  'PUT /api/organisations/:id': { name: 'Default organisation' },
  'PUT /api/organisations/:id/members': { email: 'nobody@test.local', roles: ['caseworker'] },
  'PUT /api/programs/:id/organisation': { organisationId: 'default' },
  'PUT /api/cases/:id/team/:userId': { roleLabel: 'Matrix member' },
};

describe('route × role matrix', () => {
  it('lists every registered route exactly once', () => {
    const registered = allRoutes(h.server.ctx)
      .map((r) => `${r.method.toUpperCase()} ${r.path}`)
      .sort();
    expect(registered).toEqual(Object.keys(MATRIX).sort());
  });

  it('allows and denies each route for each role as the table says', async () => {
    const mismatches: string[] = [];
    for (const [route, allowed] of Object.entries(MATRIX)) {
      const [method, path] = route.split(' ');
      for (const who of EVERYONE) {
        // Logout ends the session it is called with: use a throw-away session.
        let token = who === 'anonymous' ? undefined : tokens[who];
        if (route === 'POST /api/auth/logout' && who !== 'anonymous') token = (await h.user([who as Role])).token;
        const r = STREAMS.has(route)
          ? { status: await streamStatus(concretePath(path), token), body: null }
          : await h.call(method, concretePath(path), { token, body: BODIES[route] ?? (method === 'GET' ? undefined : {}) });
        if (OWN_CREDENTIAL.has(route)) {
          if (r.status !== 401 || r.body?.error?.code !== 'status-session')
            mismatches.push(`${route} as ${who}: ${r.status} (expected 401 status-session)`);
          continue;
        }
        const denied = r.status === 401 || r.status === 403;
        const expectDenied = !allowed.includes(who);
        if (denied !== expectDenied) mismatches.push(`${route} as ${who}: ${r.status} ${JSON.stringify(r.body).slice(0, 160)}`);
        if (expectDenied) expect(r.status, `${route} as ${who}`).toBe(who === 'anonymous' ? 401 : 403);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
