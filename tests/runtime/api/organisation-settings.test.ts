/**
 * Settings per organisation (issue 16): an organisation has the installation's settings (maker-checker, export
 * columns, stale days) until its administrators save their own on the settings pages (`/api/settings`, which edit
 * the organisation they administer); from then on its programs follow its settings, and nobody else's change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROGRAM_ID, startHarness, type Harness } from './harness.ts';

let h: Harness;
let bankAdmin: string;
let bankWorker: string;

beforeAll(async () => {
  h = await startHarness();
  expect((await h.call('POST', '/api/organisations', { token: h.adminToken, body: { id: 'food-bank', name: 'Food bank' } })).status).toBe(201);
  expect(
    (await h.call('PUT', `/api/programs/${PROGRAM_ID}/organisation`, { token: h.adminToken, body: { organisationId: 'food-bank' } })).status,
  ).toBe(200);
  for (const [email, role] of [
    ['bank-admin@test.local', 'administrator'],
    ['bank-worker@test.local', 'caseworker'],
  ]) {
    const created = await h.call('POST', '/api/users', {
      token: h.adminToken,
      body: { email, name: email, roles: [role], password: 'password-123', organisationId: 'food-bank' },
    });
    expect(created.status).toBe(201);
  }
  bankAdmin = await h.login('bank-admin@test.local', 'password-123');
  bankWorker = await h.login('bank-worker@test.local', 'password-123');
});
afterAll(() => h.close());

describe('settings per organisation', () => {
  it('gives an organisation the installation’s settings until its administrator saves its own, which its programs then follow', async () => {
    const installation = await h.call('GET', '/api/settings', { token: h.adminToken });
    expect(installation.body).toMatchObject({ organisationId: 'default', inherited: false, makerChecker: true });
    const inherited = await h.call('GET', '/api/settings', { token: bankAdmin });
    expect(inherited.body).toMatchObject({
      organisationId: 'food-bank',
      organisationName: 'Food bank',
      inherited: true,
      makerChecker: true,
      revision: 0,
    });

    const saved = await h.call('PUT', '/api/settings', {
      token: bankAdmin,
      body: { makerChecker: false, exportColumns: ['application', 'state'], referralStaleDays: 3, revision: 0 },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ organisationId: 'food-bank', inherited: false, makerChecker: false, revision: 1 });
    // The installation's settings did not change.
    expect((await h.call('GET', '/api/settings', { token: h.adminToken })).body).toMatchObject({
      makerChecker: true,
      revision: installation.body.revision,
    });
    // An administrator of the food bank reads no other organisation's settings; a platform administrator names one.
    expect((await h.call('GET', '/api/settings?organisation=default', { token: bankAdmin })).status).toBe(403);
    expect((await h.call('GET', '/api/settings?organisation=food-bank', { token: h.adminToken })).body).toMatchObject({ makerChecker: false });
    expect((await h.call('GET', '/api/settings?organisation=nowhere', { token: h.adminToken })).status).toBe(404);

    // The food bank's program exports the food bank's columns.
    const csv = await h.call('GET', `/api/programs/${PROGRAM_ID}/dashboard.csv?from=2025-01-01&to=2027-01-01`, { token: bankAdmin });
    expect(csv.status).toBe(200);
    expect(String(csv.body).split(/\r?\n/)[0]).toBe('application,state');

    // Maker-checker off in the food bank: its administrator publishes their own draft.
    const draft = await h.call('POST', `/api/programs/${PROGRAM_ID}/versions/1/draft`, { token: bankAdmin });
    expect(draft.status).toBe(201);
    const published = await h.call('POST', `/api/programs/${PROGRAM_ID}/publish`, {
      token: bankAdmin,
      body: { changelog: 'Same rules, new year.', effectiveFrom: '2027-01-01', inFlight: 'keep', revision: draft.body.revision },
    });
    expect([published.status, published.body.selfPublished]).toEqual([201, true]);
  });
});
