/**
 * The route × role × organisation matrix (issue 16): for EVERY registered route, a staff member of organisation B,
 * in each role, neither reads nor writes organisation A's program's cases, applications, documents, notes, jobs,
 * drafts or members: a route about one of A's things answers 401/403/404, any other answer carries none of A's
 * data, and A's case, application, program and members are unchanged afterwards. Then the team around one person:
 * a member from B that A's caseworker adds sees the limited team view, and nothing more.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../engine/format/types.ts';
import { allRoutes } from '../../runtime/http/app.ts';
import { ELIGIBLE_ANSWERS, PROGRAM_ID, startHarness, type Harness } from './api/harness.ts';

const B_ROLES: Role[] = ['applicant', 'intermediary', 'caseworker', 'supervisor', 'analyst', 'administrator'];
const ZERO = '00000000-0000-0000-0000-000000000000';
const A_NOTE = 'Organisation A only: the landlord called back 7731.';

let h: Harness;
const b: Partial<Record<Role, { id: string; token: string }>> = {};
let aWorker: { id: string; token: string; email: string };
let caseId = '';
let applicationId = '';
let reference = '';
let documentId = ZERO;
let redeterminationJob = ZERO;
let impactJob = ZERO;
let before: { case: any; application: any; members: any; organisation: string };

/** A's state that no call by B may change. */
async function aState() {
  const detail = await h.call('GET', `/api/cases/${caseId}`, { token: aWorker.token });
  const members = await h.call('GET', '/api/organisations/default/members', { token: h.adminToken });
  const organisations = await h.call('GET', '/api/organisations', { token: h.adminToken });
  return {
    case: {
      revision: detail.body.case.revision,
      state: detail.body.case.state,
      notes: detail.body.notes.map((n: any) => n.text),
      team: detail.body.team,
      documents: detail.body.documents,
    },
    application: detail.body.application.answers,
    members: members.body.items.map((m: any) => [m.user.email, m.roles]),
    organisation: organisations.body.items.find((o: any) => o.programs.includes(PROGRAM_ID))?.id,
  };
}

beforeAll(async () => {
  h = await startHarness();
  expect((await h.call('POST', '/api/organisations', { token: h.adminToken, body: { id: 'other-org', name: 'Other organisation' } })).status).toBe(
    201,
  );
  aWorker = await h.user(['caseworker'], 'A Worker');
  for (const role of B_ROLES) {
    const email = `b-${role}@test.local`;
    const created = await h.call('POST', '/api/users', {
      token: h.adminToken,
      body: { email, name: `B ${role}`, roles: [role], password: 'password-123', organisationId: 'other-org' },
    });
    expect(created.status).toBe(201);
    b[role] = { id: created.body.id, token: await h.login(email, 'password-123') };
  }
  const started = await h.call('POST', '/api/applications', { body: { programId: PROGRAM_ID } });
  applicationId = started.body.id;
  await h.call('PUT', `/api/applications/${applicationId}`, {
    body: { answers: ELIGIBLE_ANSWERS },
    headers: { 'x-resume-code': started.body.resumeCode },
  });
  const submitted = await h.call('POST', `/api/applications/${applicationId}/submit`, { headers: { 'x-resume-code': started.body.resumeCode } });
  expect(submitted.status).toBe(201);
  caseId = submitted.body.caseId;
  expect((await h.call('POST', `/api/cases/${caseId}/notes`, { token: aWorker.token, body: { text: A_NOTE } })).status).toBe(201);
  const asked = await h.call('POST', `/api/cases/${caseId}/transitions`, { token: aWorker.token, body: { event: 'request-documents' } });
  expect(asked.status).toBe(200);
  const detail = await h.call('GET', `/api/cases/${caseId}`, { token: aWorker.token });
  reference = detail.body.case.reference;
  documentId = detail.body.documents[0].id;
  const job = await h.call('POST', `/api/programs/${PROGRAM_ID}/versions/1/redetermine-pending`, { token: h.adminToken });
  expect(job.status).toBe(202);
  redeterminationJob = job.body.id;
  await h.waitForJob(redeterminationJob);
  // A's analyst opens a draft (version 2) and runs its impact on A's caseload.
  const analyst = await h.user(['analyst'], 'A Analyst');
  expect((await h.call('POST', `/api/programs/${PROGRAM_ID}/versions/1/draft`, { token: analyst.token })).status).toBe(201);
  const impact = await h.call('POST', `/api/programs/${PROGRAM_ID}/impact`, {
    token: analyst.token,
    body: { version: 2, against: 1, source: { kind: 'caseload' } },
  });
  expect(impact.status).toBe(202);
  impactJob = impact.body.job.id;
  before = await aState();
});
afterAll(() => h?.close());

function concretePath(path: string): string {
  return path
    .replace(':id/versions/:version', `${PROGRAM_ID}/versions/1`)
    .replace('/api/users/:id', `/api/users/${aWorker.id}`)
    .replace('/api/cases/:id', `/api/cases/${caseId}`)
    .replace('/api/applications/:id', `/api/applications/${applicationId}`)
    .replace('/api/redetermination-jobs/:id', `/api/redetermination-jobs/${redeterminationJob}`)
    .replace(':jobId', impactJob)
    .replace(':documentId', documentId)
    .replace('/api/organisations/:id', '/api/organisations/default')
    .replace(':userId', aWorker.id)
    .replace(':hash', 'x')
    .replace(':id', PROGRAM_ID);
}

const BODIES: Record<string, unknown> = {
  'PUT /api/users/:id': { name: 'Renamed by B' },
  'POST /api/cases/:id/notes': { text: 'Written by B.' },
  'POST /api/cases/:id/transitions': { event: 'start-review' },
  'POST /api/cases/:id/transitions/preview': { event: 'start-review' },
  'POST /api/cases/:id/corrections': { path: '/householdSize', value: 9, note: 'B corrects.' },
  'POST /api/cases/:id/redetermine': { apply: true },
  'PUT /api/applications/:id': { answers: { householdSize: 9 } },
  'PUT /api/organisations/:id': { name: 'Renamed by B' },
  'PUT /api/organisations/:id/members': { userId: 'x', roles: ['caseworker'] },
  'PUT /api/programs/:id/organisation': { organisationId: 'other-org' },
  'PUT /api/cases/:id/team/:userId': { roleLabel: 'B adds' },
  'POST /api/cases/:id/documents/:documentId/review': { status: 'accepted' },
  'POST /api/programs/:id/draft/publication-request/reject': { reason: 'B rejects.' },
  // Networks of care: well-formed bodies, so what answers is the access check, not the body's.
  'POST /api/applications/:id/sharing-consents': { toProgramId: 'community-food-bank', concepts: ['person.name'], consent: { confirmed: true } },
  'POST /api/applications/:id/prefill': { from: { applicationId: '3f6c1a8e-2b7d-4e1a-9c5f-0d2b8a7e6f41', resumeCode: 'K7QM-2XWD-9HTR-4PLA' } },
  'POST /api/applications/:id/prefill/confirm': {
    from: { applicationId: '3f6c1a8e-2b7d-4e1a-9c5f-0d2b8a7e6f41', resumeCode: 'K7QM-2XWD-9HTR-4PLA' },
    answers: { householdSize: 2 },
    revision: 1,
  },
  'POST /api/applications/:id/referrals': { toProgramId: 'community-food-bank', consent: { confirmed: true } },
  'POST /api/referrals/:id/status': { status: 'accepted', revision: 1 },
};

/** Routes whose path names one of A's things (its case, application, program's staff routes, jobs, organisation, staff). */
function aboutA(route: { path: string; access: unknown }): boolean {
  if (route.path.startsWith('/api/validators/')) return false;
  if (route.path.startsWith('/api/status')) return false;
  if (route.access === 'public' && route.path.startsWith('/api/programs/')) return false;
  return /:(id|jobId|documentId|userId)\b/.test(route.path);
}

async function streamStatus(path: string, token: string): Promise<number> {
  const controller = new AbortController();
  const response = await fetch(h.url + path, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
  controller.abort();
  return response.status;
}

describe('route × role × organisation', () => {
  it('gives a staff member of organisation B none of organisation A’s cases, applications, documents, notes or staff, on every route', async () => {
    const markers = [caseId, applicationId, reference, A_NOTE, aWorker.email];
    const leaks: string[] = [];
    const routes = allRoutes(h.server.ctx);
    expect(routes.length).toBeGreaterThan(80);
    for (const route of routes) {
      const method = route.method.toUpperCase();
      const key = `${method} ${route.path}`;
      if (key === 'POST /api/auth/logout' || key === 'POST /api/auth/login') continue; // about the caller's own session
      for (const role of B_ROLES) {
        const token = b[role]!.token;
        const path = concretePath(route.path);
        if (key === 'GET /api/cases/feed') {
          expect(await streamStatus(path, token)).toBeLessThan(500);
          continue;
        }
        const r = await h.call(method, path, { token, body: BODIES[key] ?? (method === 'GET' || method === 'DELETE' ? undefined : {}) });
        expect(r.status, `${key} as B ${role}`).toBeLessThan(500);
        if (aboutA(route)) {
          if (![401, 403, 404].includes(r.status)) leaks.push(`${key} as B ${role}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
        } else {
          const text = typeof r.body === 'string' ? r.body : JSON.stringify(r.body ?? '');
          for (const m of markers) if (text.includes(m)) leaks.push(`${key} as B ${role}: the answer holds ${m}`);
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(await aState()).toEqual(before);
  });
});

describe('roles per organisation', () => {
  it('lets an account that is a caseworker in A and an administrator in B act on A’s things as a caseworker only, on every route', async () => {
    const created = await h.call('POST', '/api/users', {
      token: h.adminToken,
      body: { email: 'mixed@test.local', name: 'Mixed roles', roles: ['administrator'], password: 'password-123', organisationId: 'other-org' },
    });
    expect(created.status).toBe(201);
    const joined = await h.call('PUT', '/api/organisations/default/members', {
      token: h.adminToken,
      body: { userId: created.body.id, roles: ['caseworker'] },
    });
    expect(joined.status).toBe(200);
    const token = await h.login('mixed@test.local', 'password-123');
    expect((await h.call('GET', '/api/auth/me', { token })).body.roles.sort()).toEqual(['administrator', 'caseworker']);
    const start = await aState();
    // A caseworker's routes on A's case work.
    expect((await h.call('GET', `/api/cases/${caseId}`, { token })).status).toBe(200);
    // Every route about one of A's cases, programs or jobs that a caseworker may not call is refused: B's
    // administrator role does not hold in A.
    const ownedByA = /^\/api\/(cases\/:id|programs\/:id|redetermination-jobs\/:id|impact-jobs\/:jobId)/;
    const adminOnly = allRoutes(h.server.ctx).filter(
      (r) =>
        Array.isArray(r.access) &&
        !r.access.includes('caseworker') &&
        !r.access.includes('platform-administrator') &&
        r.access.some((role) => role === 'administrator' || role === 'supervisor') &&
        ownedByA.test(r.path),
    );
    expect(adminOnly.length).toBeGreaterThan(5);
    const answered: string[] = [];
    for (const route of adminOnly) {
      const key = `${route.method.toUpperCase()} ${route.path}`;
      const r = await h.call(route.method.toUpperCase(), concretePath(route.path), {
        token,
        body: BODIES[key] ?? (route.method === 'get' || route.method === 'delete' ? undefined : {}),
      });
      if (r.status !== 403 || r.body.error.code !== 'role') answered.push(`${key}: ${r.status} ${JSON.stringify(r.body).slice(0, 160)}`);
    }
    expect(answered).toEqual([]);
    // In B, where they are an administrator, they manage B's members.
    expect((await h.call('GET', '/api/organisations/other-org/members', { token })).status).toBe(200);
    expect((await h.call('GET', '/api/organisations/default/members', { token })).status).toBe(403);
    expect(await aState()).toEqual(start);
  });
});

describe('notes for the person', () => {
  it('shows the person, on their status page, the notes written for them and no other', async () => {
    const started = await h.call('POST', '/api/applications', { body: { programId: PROGRAM_ID } });
    const code = started.body.resumeCode as string;
    await h.call('PUT', `/api/applications/${started.body.id}`, { body: { answers: ELIGIBLE_ANSWERS }, headers: { 'x-resume-code': code } });
    const submitted = await h.call('POST', `/api/applications/${started.body.id}/submit`, {
      body: { statusFactor: { kind: 'date-of-birth', dateOfBirth: '1990-04-02' } },
      headers: { 'x-resume-code': code },
    });
    expect(submitted.status).toBe(201);
    const id = submitted.body.caseId;
    for (const [text, visibility] of [
      ['Internal: check the lease.', 'organisation'],
      ['Team: food parcel arranged.', 'team'],
      ['We received your lease; nothing else is needed.', 'person'],
    ])
      expect((await h.call('POST', `/api/cases/${id}/notes`, { token: aWorker.token, body: { text, visibility } })).status).toBe(201);
    const opened = await h.call('POST', '/api/status/open', { body: { resumeCode: code, dateOfBirth: '1990-04-02' } });
    expect(opened.status).toBe(200);
    expect(opened.body.status.notes.map((n: { text: string }) => n.text)).toEqual(['We received your lease; nothing else is needed.']);
  });
});

describe('the team around one person', () => {
  it('shows a team member from organisation B the summary and the shared notes only, and lets them write team notes only', async () => {
    const helper = b.caseworker!;
    // B's caseworker cannot add themselves.
    expect((await h.call('PUT', `/api/cases/${caseId}/team/${helper.id}`, { token: helper.token, body: { roleLabel: 'Me' } })).status).toBe(404);
    const added = await h.call('PUT', `/api/cases/${caseId}/team/${helper.id}`, {
      token: aWorker.token,
      body: { roleLabel: 'Volunteer coordinator' },
    });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ userId: helper.id, roleLabel: 'Volunteer coordinator', organisations: [{ id: 'other-org' }] });
    await h.call('POST', `/api/cases/${caseId}/notes`, {
      token: aWorker.token,
      body: { text: 'For the team: bring the lease.', visibility: 'team' },
    });
    await h.call('POST', `/api/cases/${caseId}/notes`, {
      token: aWorker.token,
      body: { text: 'For the person: we got your lease.', visibility: 'person' },
    });

    const seen = await h.call('GET', `/api/cases/${caseId}`, { token: helper.token });
    expect(seen.status).toBe(200);
    expect(seen.body.access).toBe('team');
    expect(seen.body.application).toBeNull();
    expect(seen.body.determinations).toEqual([]);
    expect(seen.body.documents).toEqual([]);
    expect(seen.body.transitions).toEqual([]);
    expect(seen.body.notes.map((n: any) => n.text)).toEqual(['For the team: bring the lease.', 'For the person: we got your lease.']);
    expect(JSON.stringify(seen.body)).not.toContain(A_NOTE);
    expect(JSON.stringify(seen.body)).not.toContain(String(ELIGIBLE_ANSWERS.rentOwed));
    expect(seen.body.team.map((m: any) => m.userId)).toEqual([helper.id]);
    const queue = await h.call('GET', '/api/cases', { token: helper.token });
    expect(queue.body.items.map((c: any) => c.id)).toContain(caseId);
    // Still no answers through the application route, and no transition, correction or document.
    expect((await h.call('GET', `/api/applications/${applicationId}`, { token: helper.token })).status).toBe(404);
    const transition = await h.call('POST', `/api/cases/${caseId}/transitions`, { token: helper.token, body: { event: 'start-review' } });
    expect([transition.status, transition.body.error.code]).toEqual([403, 'team-only']);
    expect(
      (await h.call('POST', `/api/cases/${caseId}/corrections`, { token: helper.token, body: BODIES['POST /api/cases/:id/corrections'] })).status,
    ).toBe(403);
    // Team notes only.
    const wrong = await h.call('POST', `/api/cases/${caseId}/notes`, {
      token: helper.token,
      body: { text: 'Internal?', visibility: 'organisation' },
    });
    expect([wrong.status, wrong.body.error.code]).toEqual([422, 'team-only']);
    const note = await h.call('POST', `/api/cases/${caseId}/notes`, { token: helper.token, body: { text: 'Food parcel delivered.' } });
    expect([note.status, note.body.visibility]).toEqual([201, 'team']);
    const forA = await h.call('GET', `/api/cases/${caseId}`, { token: aWorker.token });
    expect(forA.body.access).toBe('organisation');
    expect(forA.body.notes.map((n: any) => [n.text, n.visibility])).toContainEqual(['Food parcel delivered.', 'team']);
    const audit = await h.call('GET', `/api/audit?entity=case&entityId=${caseId}`, { token: h.adminToken });
    expect(audit.body.map((e: any) => e.action)).toEqual(expect.arrayContaining(['case.team.set', 'case.note']));

    expect((await h.call('DELETE', `/api/cases/${caseId}/team/${helper.id}`, { token: aWorker.token })).status).toBe(204);
    expect((await h.call('GET', `/api/cases/${caseId}`, { token: helper.token })).status).toBe(404);
    expect((await h.call('GET', '/api/cases', { token: helper.token })).body.items).toEqual([]);
  });
});
