/**
 * The staff scope follows the roles held in each organisation, not the account's union of them (issue 16): a
 * caseworker of a partner organisation who is only an analyst of the default one lists none of its cases and opens
 * none of its applications or cases (404, their existence not revealed); given a staff role there, they do.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { publishShipped } from '../../../runtime/services/programs.ts';
import { shippedProgram } from '../../programs/load.ts';
import { snapAnswers } from '../contract/server-child.ts';
import { startHarness, type Harness } from './harness.ts';

let h: Harness;
const DOB = '1988-04-12'; // the applicant's in snapAnswers

beforeAll(async () => {
  h = await startHarness({ today: '2026-01-15' });
  await publishShipped(h.server.ctx, shippedProgram('us-snap/fy2026'));
});
afterAll(() => h.close());

it("gives a caseworker of another organisation who is only an analyst here none of this organisation's cases or applications", async () => {
  expect(
    (await h.call('POST', '/api/organisations', { token: h.adminToken, body: { id: 'partner-org', name: 'Partner organisation' } })).status,
  ).toBe(201);
  const made = await h.call('POST', '/api/users', {
    token: h.adminToken,
    body: { email: 'partner@test.local', name: 'Pat Partner', roles: ['caseworker'], password: 'password-123', organisationId: 'partner-org' },
  });
  expect(made.status).toBe(201);
  const token = await h.login('partner@test.local', 'password-123');
  const asAnalyst = await h.call('PUT', '/api/organisations/default/members', {
    token: h.adminToken,
    body: { userId: made.body.id, roles: ['analyst'] },
  });
  expect(asAnalyst.status).toBe(200);

  const started = await h.call('POST', '/api/applications', { body: { programId: 'us-snap' } });
  const code = { 'x-resume-code': started.body.resumeCode as string };
  expect((await h.call('PUT', `/api/applications/${started.body.id}`, { body: { answers: snapAnswers(0) }, headers: code })).status).toBe(200);
  const submitted = await h.call('POST', `/api/applications/${started.body.id}/submit`, {
    headers: code,
    body: { statusFactor: { kind: 'date-of-birth', dateOfBirth: DOB } },
  });
  expect(submitted.status).toBe(201);
  const caseId = submitted.body.caseId as string;

  const seen = async () => ({
    listed: ((await h.call('GET', '/api/cases', { token })).body.items as { id: string }[]).map((c) => c.id).includes(caseId),
    application: (await h.call('GET', `/api/applications/${started.body.id}`, { token })).status,
    case: (await h.call('GET', `/api/cases/${caseId}`, { token })).status,
  });
  expect(await seen()).toEqual({ listed: false, application: 404, case: 404 });

  // A staff role in the organisation opens them.
  const asCaseworker = await h.call('PUT', '/api/organisations/default/members', {
    token: h.adminToken,
    body: { userId: made.body.id, roles: ['analyst', 'caseworker'] },
  });
  expect(asCaseworker.status).toBe(200);
  expect(await seen()).toEqual({ listed: true, application: 200, case: 200 });
});
