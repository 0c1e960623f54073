/**
 * Referrals straight from a screening result (issue 16): a person who only screened (no application) refers
 * themselves to the food bank, run by a second organisation, with the contact details they choose and a consent
 * with purpose and end date; the food bank's staff see it (and only what was consented) and move it through the
 * same statuses; the person follows it with their referral code and cancels it, which withdraws the consent. A
 * program whose capacity is "closed" is refused by every route that creates a referral (409 naming it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishShipped } from '../../../runtime/services/programs.ts';
import { shippedProgram } from '../../programs/load.ts';
import { startHarness, type Harness } from './harness.ts';

let h: Harness;
let snapWorker: { id: string; token: string };
let bankWorker: { id: string; token: string };
const SCREENING = {
  members: [{ name: 'Ana Ruiz', dateOfBirth: '1990-04-02', disabled: false, earnedIncome: 1200, unearnedIncome: 0 }],
  zipCode: '02905',
  householdSize: 2,
  monthlyIncome: 1200,
};
const CONTACT = { name: 'Ana Ruiz', phone: '401-555-0134', preferred: 'phone', note: 'After 5 pm.' };

beforeAll(async () => {
  h = await startHarness({ today: '2026-01-15' });
  for (const folder of ['us-snap/fy2026', 'community-food-bank']) await publishShipped(h.server.ctx, shippedProgram(folder));
  expect((await h.call('POST', '/api/organisations', { token: h.adminToken, body: { id: 'food-bank', name: 'Food bank' } })).status).toBe(201);
  const moved = await h.call('PUT', '/api/programs/community-food-bank/organisation', { token: h.adminToken, body: { organisationId: 'food-bank' } });
  expect(moved.status).toBe(200);
  snapWorker = await h.user(['caseworker'], 'SNAP Worker');
  const created = await h.call('POST', '/api/users', {
    token: h.adminToken,
    body: { email: 'bank@test.local', name: 'Bank Worker', roles: ['caseworker'], password: 'password-123', organisationId: 'food-bank' },
  });
  bankWorker = { id: created.body.id, token: await h.login('bank@test.local', 'password-123') };
});
afterAll(() => h.close());

describe('a referral from a screening result', () => {
  it('goes to the food bank with the chosen contact details and consent, and the person follows and cancels it by code', async () => {
    // Without a referring program (the screener), every program in force takes referrals, capacity first.
    const targets = await h.call('GET', '/api/referral-targets');
    expect(targets.body.items.map((t: { programId: string }) => t.programId)).toContain('community-food-bank');
    const offer = await h.call('POST', '/api/screen/referral-offer', {
      body: { toProgramId: 'community-food-bank', answers: SCREENING, preferred: 'phone', lang: 'es' },
    });
    expect(offer.status).toBe(200);
    expect(offer.body.concepts.map((c: { id: string }) => c.id).sort()).toEqual(['address.zipCode', 'household.size', 'income.monthly']);
    expect(offer.body).toMatchObject({ organisation: { id: 'food-bank' }, capacity: 'open', purpose: 'referral' });
    expect(offer.body.statement).toContain('por teléfono');

    const noWay = await h.call('POST', '/api/screen/referrals', {
      body: { toProgramId: 'community-food-bank', answers: SCREENING, contact: { name: 'Ana', preferred: 'email' }, consent: { confirmed: true } },
    });
    expect(noWay.status).toBe(422);
    expect(noWay.body.error.diagnostics[0].path).toBe('/contact');
    const wrongWay = await h.call('POST', '/api/screen/referrals', {
      body: {
        toProgramId: 'community-food-bank',
        answers: SCREENING,
        contact: { name: 'Ana', email: 'ana@example.org', preferred: 'text' },
        consent: { confirmed: true },
      },
    });
    expect(wrongWay.status).toBe(422);
    expect(wrongWay.body.error.diagnostics[0].path).toBe('/contact/preferred');
    const badAnswer = await h.call('POST', '/api/screen/referrals', {
      body: { toProgramId: 'community-food-bank', answers: { ...SCREENING, householdSize: 'two' }, contact: CONTACT, consent: { confirmed: true } },
    });
    expect(badAnswer.status).toBe(422);
    expect(badAnswer.body.error.diagnostics[0].path).toBe('/answers/householdSize');
    const unconsented = await h.call('POST', '/api/screen/referrals', {
      body: { toProgramId: 'community-food-bank', answers: SCREENING, contact: CONTACT },
    });
    expect(unconsented.status).toBe(422);

    const sent = await h.call('POST', '/api/screen/referrals', {
      body: {
        toProgramId: 'community-food-bank',
        answers: SCREENING,
        contact: CONTACT,
        concepts: ['household.size', 'income.monthly'],
        until: '2026-03-31',
        consent: { confirmed: true },
      },
    });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({
      source: 'screening',
      status: 'pending',
      fromProgramId: null,
      fromApplicationId: null,
      from: null,
      toOrganisationId: 'food-bank',
      contact: { name: 'Ana Ruiz', phone: '401-555-0134', email: null, preferred: 'phone', note: 'After 5 pm.' },
      consent: { state: 'in-force', until: '2026-03-31' },
    });
    expect(sent.body.referralCode).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    expect(sent.body.consent.statement).toContain('Community food bank');
    expect(JSON.stringify(sent.body)).not.toContain('followCodeHash');
    const code = { 'x-referral-code': sent.body.referralCode as string };

    // The receiving organisation sees it with what was consented (the ZIP code was left out), and no one else does.
    const inbox = await h.call('GET', '/api/referrals', { token: bankWorker.token });
    const received = inbox.body.received.find((r: { id: string }) => r.id === sent.body.id);
    expect(Object.fromEntries(received.sharedAnswers.map((a: { concept: string; value: unknown }) => [a.concept, a.value]))).toEqual({
      'person.name': 'Ana Ruiz',
      'contact.phone': '401-555-0134',
      'household.size': 2,
      'income.monthly': 1200,
    });
    expect(received.contact.preferred).toBe('phone');
    expect(JSON.stringify(received)).not.toContain('referralCode');
    const elsewhere = await h.call('GET', '/api/referrals', { token: snapWorker.token });
    expect([...elsewhere.body.received, ...elsewhere.body.sent].map((r: { id: string }) => r.id)).not.toContain(sent.body.id);
    const notTheirs = await h.call('POST', `/api/referrals/${sent.body.id}/status`, {
      token: snapWorker.token,
      body: { status: 'accepted', revision: 1 },
    });
    expect(notTheirs.status).toBe(403);

    // The same statuses as every referral; the person sees each step, never who on the staff took it.
    const accepted = await h.call('POST', `/api/referrals/${sent.body.id}/status`, {
      token: bankWorker.token,
      body: { status: 'accepted', revision: 1 },
    });
    expect(accepted.body.status).toBe('accepted');
    const followed = await h.call('GET', '/api/referral-status?lang=es', { headers: code });
    expect(followed.status).toBe(200);
    expect(followed.body).toMatchObject({ status: 'accepted', to: { title: 'Paquetes semanales del banco de alimentos comunitario' } });
    // The statement stays as agreed (in English), with its language, so the Spanish page can say so.
    expect(followed.body.consent).toMatchObject({ statement: sent.body.consent.statement, lang: 'en' });
    expect(followed.body.history.map((e: { status: string }) => e.status)).toEqual(['pending', 'accepted']);
    expect(JSON.stringify(followed.body.history)).not.toContain(bankWorker.id);
    expect(followed.body.referralCode).toBeUndefined();
    expect((await h.call('GET', '/api/referral-status', { headers: { 'x-referral-code': 'AAAA-BBBB-CCCC-DDDD' } })).status).toBe(404);
    expect((await h.call('GET', '/api/referral-status')).status).toBe(400);
    expect((await h.call('GET', `/api/referral-status?code=${sent.body.referralCode}`)).status).toBe(400);

    // Cancelling withdraws the consent: nothing more is shared.
    const cancelled = await h.call('POST', '/api/referral-status/cancel', { headers: code });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', consent: { state: 'withdrawn' } });
    const audit = await h.call('GET', `/api/audit?entity=consent&entityId=${sent.body.consentId}`, { token: h.adminToken });
    expect(audit.body.map((a: { action: string }) => a.action)).toEqual(['consent.give', 'consent.share', 'consent.withdraw']);
    const moveOn = await h.call('POST', `/api/referrals/${sent.body.id}/status`, {
      token: bankWorker.token,
      body: { status: 'got-help', revision: 3 },
    });
    expect(moveOn.status).toBe(422);
  });

  it('is refused with 409 naming the program and its capacity when the program is closed, on every route that creates a referral', async () => {
    const started = await h.call('POST', '/api/applications', { body: { programId: 'us-snap' } });
    const resume = { 'x-resume-code': started.body.resumeCode as string };
    await h.call('PUT', `/api/applications/${started.body.id}`, {
      headers: resume,
      body: {
        answers: {
          members: SCREENING.members,
          rent: 700,
          utilities: 150,
          dependentCare: 0,
          childSupportPaid: 0,
          hasMedicalCosts: false,
          assets: 300,
          receivesTanfOrSsi: false,
          email: 'ana@example.org',
          contactConsent: true,
        },
      },
    });
    const submitted = await h.call('POST', `/api/applications/${started.body.id}/submit`, { headers: resume, body: {} });
    expect(submitted.status).toBe(201);
    const closed = await h.call('PUT', '/api/programs/community-food-bank/capacity', {
      token: bankWorker.token,
      body: { capacity: 'closed', note: 'Full until March' },
    });
    expect(closed.status).toBe(200);
    const body = { toProgramId: 'community-food-bank', consent: { confirmed: true } };
    const attempts = [
      await h.call('POST', '/api/screen/referrals', { body: { ...body, answers: SCREENING, contact: CONTACT } }),
      await h.call('POST', `/api/applications/${started.body.id}/referrals`, { headers: resume, body }),
      await h.call('POST', `/api/cases/${submitted.body.caseId}/referrals`, { token: snapWorker.token, body }),
    ];
    for (const refused of attempts) {
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('capacity-closed');
      expect(refused.body.error.message).toContain('"community-food-bank"');
      expect(refused.body.error.message).toContain('"closed"');
      expect(refused.body.error.message).toContain('Full until March');
    }
    // Nothing was stored: no consent, no referral.
    expect(
      (await h.call('GET', '/api/referrals', { token: bankWorker.token })).body.received.filter((r: { status: string }) => r.status === 'pending'),
    ).toEqual([]);
    // A waiting list still takes referrals.
    await h.call('PUT', '/api/programs/community-food-bank/capacity', { token: bankWorker.token, body: { capacity: 'waitlist' } });
    expect((await h.call('POST', `/api/cases/${submitted.body.caseId}/referrals`, { token: snapWorker.token, body })).status).toBe(201);
  });
});
