/**
 * Networks of care over HTTP (issue 16): a SNAP applicant refers themselves to the food bank with consent; the food
 * bank's staff see the consented answers only, accept and mark "got help"; the SNAP caseworker sees the outcome on
 * the case; the person's food bank application is prefilled with the shared answers they confirm; on the status
 * page they see who holds what and withdraw consent, after which nothing more is shared. Capacity comes first in
 * the list of programs to refer to. Every answer is checked against its OpenAPI schema by the harness.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishShipped } from '../../../runtime/services/programs.ts';
import { shippedProgram } from '../../programs/load.ts';
import { ADMIN, startHarness, type Harness } from './harness.ts';

let h: Harness;
let caseworker: { id: string; token: string };
const DOB = '1990-04-02';
const SNAP_ANSWERS = {
  members: [
    { name: 'Ana Ruiz', dateOfBirth: DOB, disabled: false, earnedIncome: 1200, unearnedIncome: 0 },
    { name: 'Leo Ruiz', dateOfBirth: '2016-05-01', disabled: false, earnedIncome: 0, unearnedIncome: 0 },
  ],
  rent: 700,
  utilities: 150,
  dependentCare: 0,
  childSupportPaid: 0,
  hasMedicalCosts: false,
  assets: 300,
  receivesTanfOrSsi: false,
  email: 'ana@example.org',
  contactConsent: true,
};

beforeAll(async () => {
  h = await startHarness({ today: '2026-01-15' });
  for (const folder of ['us-snap/fy2026', 'community-food-bank']) await publishShipped(h.server.ctx, shippedProgram(folder));
  caseworker = await h.user(['caseworker'], 'Casey Worker');
});
afterAll(() => h.close());

async function start(programId: string, answers?: Record<string, unknown>) {
  const started = await h.call('POST', '/api/applications', { body: { programId } });
  expect(started.status).toBe(201);
  const code = { 'x-resume-code': started.body.resumeCode as string };
  if (answers) expect((await h.call('PUT', `/api/applications/${started.body.id}`, { body: { answers }, headers: code })).status).toBe(200);
  return { id: started.body.id as string, code, resumeCode: started.body.resumeCode as string };
}

describe('referrals, consent and answers given once', () => {
  it('runs the closed loop from the SNAP result to "got help", prefill included, and stops sharing on withdrawal', async () => {
    const snap = await start('us-snap', SNAP_ANSWERS);
    const submitted = await h.call('POST', `/api/applications/${snap.id}/submit`, {
      headers: snap.code,
      body: { statusFactor: { kind: 'date-of-birth', dateOfBirth: DOB } },
    });
    expect(submitted.status).toBe(201);

    // Capacity first: the food bank puts new households on a waitlist; the list says so.
    expect(
      (await h.call('PUT', '/api/programs/community-food-bank/capacity', { token: caseworker.token, body: { capacity: 'waitlist' } })).status,
    ).toBe(200);
    const targets = await h.call('GET', '/api/referral-targets?from=us-snap');
    expect(targets.body.items.map((t: { programId: string; capacity: string }) => [t.programId, t.capacity])).toEqual([
      ['emergency-rental-assistance', 'open'],
      ['community-food-bank', 'waitlist'],
    ]);

    const offer = await h.call('GET', `/api/applications/${snap.id}/sharing-offer?program=community-food-bank`, { headers: snap.code });
    expect(offer.body.concepts.map((c: { id: string }) => c.id).sort()).toEqual(['contact.email', 'household.size', 'income.monthly', 'person.name']);
    expect(offer.body.statement).toContain('Community food bank');

    const noConsent = await h.call('POST', `/api/applications/${snap.id}/referrals`, {
      headers: snap.code,
      body: { toProgramId: 'community-food-bank' },
    });
    expect(noConsent.status).toBe(422);
    const unknown = await h.call('POST', `/api/applications/${snap.id}/referrals`, {
      headers: snap.code,
      body: { toProgramId: 'community-food-bank', concepts: ['person.dateOfBirth'], consent: { confirmed: true } },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.diagnostics[0].path).toBe('/concepts/0');

    const referred = await h.call('POST', `/api/applications/${snap.id}/referrals`, {
      headers: snap.code,
      body: {
        toProgramId: 'community-food-bank',
        concepts: ['person.name', 'household.size', 'income.monthly', 'contact.email'],
        consent: { confirmed: true },
      },
    });
    expect(referred.status).toBe(201);
    expect(referred.body).toMatchObject({ status: 'pending', personName: 'Ana Ruiz', fromCaseId: submitted.body.caseId, stale: false });

    // The receiver sees the consented answers, not the SNAP application.
    const inbox = await h.call('GET', '/api/referrals', { token: caseworker.token });
    const received = inbox.body.received.find((r: { id: string }) => r.id === referred.body.id);
    expect(Object.fromEntries(received.sharedAnswers.map((a: { concept: string; value: unknown }) => [a.concept, a.value]))).toEqual({
      'person.name': 'Ana Ruiz',
      'household.size': 2,
      'income.monthly': 1200,
      'contact.email': 'ana@example.org',
    });
    expect(JSON.stringify(received)).not.toContain('"rent"');

    const declineBare = await h.call('POST', `/api/referrals/${referred.body.id}/status`, {
      token: caseworker.token,
      body: { status: 'declined', revision: 1 },
    });
    expect(declineBare.status).toBe(422);
    expect(declineBare.body.error.diagnostics[0].path).toBe('/reason');
    const accepted = await h.call('POST', `/api/referrals/${referred.body.id}/status`, {
      token: caseworker.token,
      body: { status: 'accepted', revision: 1 },
    });
    expect(accepted.body.status).toBe('accepted');
    const stale = await h.call('POST', `/api/referrals/${referred.body.id}/status`, {
      token: caseworker.token,
      body: { status: 'got-help', revision: 1 },
    });
    expect(stale.status).toBe(409);
    const back = await h.call('POST', `/api/referrals/${referred.body.id}/status`, {
      token: caseworker.token,
      body: { status: 'pending', revision: 2 },
    });
    expect(back.status).toBe(422);
    const helped = await h.call('POST', `/api/referrals/${referred.body.id}/status`, {
      token: caseworker.token,
      body: { status: 'got-help', revision: 2 },
    });
    expect(helped.body.status).toBe('got-help');

    // The SNAP caseworker sees the outcome on the case.
    const onCase = await h.call('GET', `/api/cases/${submitted.body.caseId}/referrals`, { token: caseworker.token });
    expect(onCase.body.items.map((r: { status: string; to: { title: string } }) => [r.status, r.to.title])).toEqual([
      ['got-help', 'Community food bank weekly parcels'],
    ]);

    // Answers given once: the food bank application proposes the shared answers; the person corrects and confirms.
    const bank = await start('community-food-bank');
    const proposal = await h.call('POST', `/api/applications/${bank.id}/prefill`, {
      headers: bank.code,
      body: { from: { applicationId: snap.id, resumeCode: snap.resumeCode } },
    });
    expect(proposal.status).toBe(200);
    expect(Object.fromEntries(proposal.body.fields.map((f: { field: string; value: unknown }) => [f.field, f.value]))).toEqual({
      name: 'Ana Ruiz',
      householdSize: 2,
      monthlyIncome: 1200,
      email: 'ana@example.org',
    });
    expect((await h.call('GET', `/api/applications/${bank.id}`, { headers: bank.code })).body.answers).toEqual({});
    const wrongCode = await h.call('POST', `/api/applications/${bank.id}/prefill`, {
      headers: bank.code,
      body: { from: { applicationId: snap.id, resumeCode: 'WRONG-CODE' } },
    });
    expect(wrongCode.status).toBe(404);
    const extra = await h.call('POST', `/api/applications/${bank.id}/prefill/confirm`, {
      headers: bank.code,
      body: { from: { applicationId: snap.id, resumeCode: snap.resumeCode }, answers: { zipCode: '02903' } },
    });
    expect(extra.status).toBe(422);
    expect(extra.body.error.diagnostics[0].path).toBe('/answers/zipCode');
    const confirmed = await h.call('POST', `/api/applications/${bank.id}/prefill/confirm`, {
      headers: bank.code,
      body: {
        from: { applicationId: snap.id, resumeCode: snap.resumeCode },
        answers: { name: 'Ana María Ruiz', householdSize: 2, monthlyIncome: 1200 },
      },
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.answers).toEqual({ name: 'Ana María Ruiz', householdSize: 2, monthlyIncome: 1200 });

    // The status page: who holds which answers; withdrawing stops further sharing, what was shared stays listed.
    const opened = await h.call('POST', '/api/status/open', { body: { resumeCode: snap.resumeCode, dateOfBirth: DOB } });
    const token = { 'x-status-token': opened.body.token };
    const sharing = await h.call('GET', '/api/status/sharing', { headers: token });
    expect(sharing.body.items).toHaveLength(1);
    const consent = sharing.body.items[0];
    expect(consent).toMatchObject({ organisation: 'Community food bank', state: 'in-force', purpose: 'referral' });
    expect(consent.shares.map((s: { referralId: string | null; applicationId: string | null }) => s.referralId ?? s.applicationId)).toEqual([
      referred.body.id,
      bank.id,
    ]);
    const referralsSeen = await h.call('GET', '/api/status/referrals', { headers: token });
    expect(referralsSeen.body.items[0].status).toBe('got-help');
    const withdrawn = await h.call('POST', `/api/status/sharing/${consent.id}/withdraw`, { headers: token });
    expect(withdrawn.body).toMatchObject({ state: 'withdrawn' });
    expect(withdrawn.body.shares).toHaveLength(2);
    const again = await h.call('POST', `/api/status/sharing/${consent.id}/withdraw`, { headers: token });
    expect(again.status).toBe(409);
    const second = await start('community-food-bank');
    const refused = await h.call('POST', `/api/applications/${second.id}/prefill`, {
      headers: second.code,
      body: { from: { applicationId: snap.id, resumeCode: snap.resumeCode } },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('no-consent');

    const audit = await h.call('GET', `/api/audit?entity=consent&entityId=${consent.id}`, { token: h.adminToken });
    expect(audit.body.map((a: { action: string }) => a.action)).toEqual(['consent.give', 'consent.share', 'consent.share', 'consent.withdraw']);
  });

  it('lets a caseworker refer from a case with the consent the person gave them, and flags a referral left idle', async () => {
    const snap = await start('us-snap', SNAP_ANSWERS);
    const submitted = await h.call('POST', `/api/applications/${snap.id}/submit`, { headers: snap.code, body: {} });
    const referred = await h.call('POST', `/api/cases/${submitted.body.caseId}/referrals`, {
      token: caseworker.token,
      body: { toProgramId: 'community-food-bank', consent: { confirmed: true }, note: 'Asked for food this week.' },
    });
    expect(referred.status).toBe(201);
    expect(referred.body).toMatchObject({ referredBy: caseworker.id, status: 'pending', note: 'Asked for food this week.' });
    const self = await h.call('POST', `/api/cases/${submitted.body.caseId}/referrals`, {
      token: caseworker.token,
      body: { toProgramId: 'us-snap', consent: { confirmed: true } },
    });
    expect(self.status).toBe(422);
    h.setToday('2026-02-10');
    // A new session (the first ones have expired by then): the administrator works the inbox too.
    const later = { token: await h.login(ADMIN.email, ADMIN.password) };
    const inbox = await h.call('GET', '/api/referrals', { token: later.token });
    expect(inbox.body.received.find((r: { id: string }) => r.id === referred.body.id)).toMatchObject({ stale: true });
    const cancelled = await h.call('POST', `/api/referrals/${referred.body.id}/status`, {
      token: later.token,
      body: { status: 'cancelled', revision: 1 },
    });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', stale: false });
    h.setToday('2026-01-15');
  });

  it('refuses to move a referral for staff without a staff role in the organisation it was sent to, and says whose it is', async () => {
    // A caseworker of another organisation who is only an analyst of the receiving one (the default organisation).
    const created = await h.call('POST', '/api/organisations', { token: h.adminToken, body: { id: 'partner-org', name: 'Partner organisation' } });
    expect(created.status).toBe(201);
    const partner = async (email: string) => {
      const made = await h.call('POST', '/api/users', {
        token: h.adminToken,
        body: { email, name: email, roles: ['caseworker'], password: 'password-123', organisationId: 'partner-org' },
      });
      expect(made.status).toBe(201);
      return { id: made.body.id as string, token: await h.login(email, 'password-123') };
    };
    const outsider = await partner('partner-caseworker@test.local');
    const analystHere = await partner('partner-analyst-here@test.local');
    const member = await h.call('PUT', '/api/organisations/default/members', {
      token: h.adminToken,
      body: { userId: analystHere.id, roles: ['analyst'] },
    });
    expect(member.status).toBe(200);

    const snap = await start('us-snap', SNAP_ANSWERS);
    const submitted = await h.call('POST', `/api/applications/${snap.id}/submit`, { headers: snap.code, body: {} });
    const referred = await h.call('POST', `/api/cases/${submitted.body.caseId}/referrals`, {
      token: caseworker.token,
      body: { toProgramId: 'community-food-bank', consent: { confirmed: true } },
    });
    expect(referred.status).toBe(201);

    for (const [who, staff] of [
      ['a caseworker of another organisation', outsider],
      ['an analyst of the receiving organisation (caseworker elsewhere)', analystHere],
    ] as const) {
      for (const status of ['accepted', 'declined', 'cancelled']) {
        const moved = await h.call('POST', `/api/referrals/${referred.body.id}/status`, {
          token: staff.token,
          body: { status, reason: status === 'declined' ? 'no-capacity' : undefined, revision: 1 },
        });
        expect([who, status, moved.status, moved.body.error?.code]).toEqual([who, status, 403, 'not-receiver']);
        expect(moved.body.error.message).toMatch(/^Only the staff of .+, which runs .+, answer this referral\.$/);
      }
    }
    const unchanged = await h.call('GET', '/api/referrals', { token: caseworker.token });
    expect(unchanged.body.received.find((r: { id: string }) => r.id === referred.body.id)).toMatchObject({ status: 'pending', revision: 1 });
    // Its inbox does not list the referral either; the receiving organisation's caseworker still answers it.
    const inbox = await h.call('GET', '/api/referrals', { token: analystHere.token });
    expect(inbox.body.received.map((r: { id: string }) => r.id)).not.toContain(referred.body.id);
    const accepted = await h.call('POST', `/api/referrals/${referred.body.id}/status`, {
      token: caseworker.token,
      body: { status: 'accepted', revision: 1 },
    });
    expect([accepted.status, accepted.body.status]).toEqual([200, 'accepted']);
  });

  it('shares answers for a second application without a referral, with consent, only the concepts agreed', async () => {
    const snap = await start('us-snap', SNAP_ANSWERS);
    const bank = await start('community-food-bank');
    const from = { applicationId: snap.id, resumeCode: snap.resumeCode };
    // Before consent nothing is proposed.
    const before = await h.call('POST', `/api/applications/${bank.id}/prefill`, { headers: bank.code, body: { from } });
    expect(before.status).toBe(409);
    const badUntil = await h.call('POST', `/api/applications/${snap.id}/sharing-consents`, {
      headers: snap.code,
      body: { toProgramId: 'community-food-bank', until: '2030-01-01', consent: { confirmed: true } },
    });
    expect(badUntil.status).toBe(422);
    expect(badUntil.body.error.diagnostics[0].path).toBe('/until');
    const given = await h.call('POST', `/api/applications/${snap.id}/sharing-consents`, {
      headers: snap.code,
      body: { toProgramId: 'community-food-bank', concepts: ['person.name'], consent: { confirmed: true }, lang: 'es' },
    });
    expect(given.status).toBe(201);
    expect(given.body).toMatchObject({ purpose: 'application', state: 'in-force', concepts: [{ id: 'person.name', label: 'Su nombre' }] });
    expect(given.body.statement).toContain('Acepto que');
    const proposal = await h.call('POST', `/api/applications/${bank.id}/prefill`, { headers: bank.code, body: { from } });
    expect(proposal.body.fields.map((f: { field: string }) => f.field)).toEqual(['name']);
    // Another person's draft cannot pull the answers without the earlier application's resume code.
    const other = await start('community-food-bank');
    const stranger = await h.call('POST', `/api/applications/${other.id}/prefill`, {
      headers: other.code,
      body: { from: { applicationId: snap.id, resumeCode: other.resumeCode } },
    });
    expect(stranger.status).toBe(404);
  });
});
