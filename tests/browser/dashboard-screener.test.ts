/**
 * In Chromium (issue 15, items 6 and 7): a SNAP household answers the screener's questions on the page and reads
 * "Likely eligible" with "about $X a month", X being the engine's `evaluate` on the same answers; a household that
 * answers less reads what is still needed. A supervisor opens the program dashboard over applications seeded through
 * the API and reads the same numbers as `GET /api/programs/:id/dashboard`, each measure with its table. axe finds
 * nothing at 390 px and 1280 px, in English and Spanish; screenshots of each.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { compile, evaluate } from '../../engine/index.ts';
import { shippedProgram } from '../programs/load.ts';
import { axeViolations, describeInBrowser, type Harness, newPage, PHONE, screenshot, signIn, STAFF } from './support/harness.ts';

let h: Harness;
const PROGRAM = 'emergency-rental-assistance';
const WIDTHS = [PHONE, { width: 1280, height: 900 }] as const;

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${h.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function token(account: { email: string; password: string }) {
  const signedIn = await call('POST', '/api/auth/login', { email: account.email, password: account.password });
  return { Authorization: `Bearer ${signedIn.body.token}` };
}

const ELIGIBLE = {
  householdSize: 3,
  annualIncome: 60000,
  monthlyRent: 2000,
  rentOwed: 4500,
  pastDueRentNotice: false,
  evictionNotice: true,
  unsafeHousing: false,
};

/** Seeds four applications: two drafts saved at known pages, two submitted, one of them approved. */
async function seed() {
  const caseworker = await token(STAFF.caseworker);
  const supervisor = await token(STAFF.supervisor);
  for (const [answers, step] of [
    [{ householdSize: 2 }, 'rent'],
    [{ householdSize: 2, annualIncome: 20000, monthlyRent: 900, rentOwed: 900 }, 'situation'],
    [ELIGIBLE, 'review'],
    [ELIGIBLE, 'review'],
  ] as const) {
    const started = await call('POST', '/api/applications', { programId: PROGRAM });
    const code = { 'X-Resume-Code': started.body.resumeCode };
    expect((await call('PUT', `/api/applications/${started.body.id}`, { answers, step }, code)).status).toBe(200);
    if (step === 'review') expect((await call('POST', `/api/applications/${started.body.id}/submit`, undefined, code)).status).toBe(201);
  }
  const cases = (await call('GET', `/api/cases?program=${PROGRAM}`, undefined, caseworker)).body.items;
  for (const [event, who] of [
    ['start-review', caseworker],
    ['complete-review', caseworker],
    ['approve', supervisor],
  ] as const)
    expect((await call('POST', `/api/cases/${cases[0].id}/transitions`, { event }, who)).status).toBe(200);
}

async function checkPage(page: Page, name: string, lang: 'en' | 'es') {
  for (const size of WIDTHS) {
    await page.setViewportSize(size);
    await page.waitForTimeout(50); // let the charts take the new width before axe and the picture
    expect(await axeViolations(page), `${name} ${lang} ${size.width}`).toEqual([]);
    await screenshot(page, `h8-${name}-${lang}-${size.width}`);
  }
}

describeInBrowser(
  'the screener that can answer, and the program dashboard',
  (harness) => {
    h = harness;
  },
  () => {
    beforeAll(seed);

    it('tells a SNAP household "likely eligible, about $X a month", X being what the engine gives, and what is still needed', async () => {
      const context = await h.browser.newContext({ viewport: WIDTHS[1] });
      const { page, problems } = await newPage(context);
      await page.goto(`${h.url}/screen?lang=en`);
      await page.getByRole('button', { name: 'Add a household member' }).click();
      const member = page.getByRole('group', { name: 'Household member 1' });
      await member.getByLabel(/^Name/).fill('Ana');
      await member.getByLabel(/^Date of birth/).fill('1990-04-02');
      await member
        .getByRole('group', { name: /disability/ })
        .getByText('No', { exact: true })
        .click();
      await member.getByLabel(/^Money from work/).fill('1200');
      await member.getByLabel(/^Other money/).fill('0');
      await page.getByLabel(/^Rent or mortgage/).fill('700');
      await page.getByLabel(/^Utility bills/).fill('150');
      await page.getByLabel(/^Child or dependent care/).fill('0');
      await page.getByLabel(/^Child support you pay/).fill('0');
      await page
        .getByRole('group', { name: /pay their own medical costs/ })
        .getByText('No', { exact: true })
        .click();
      await page.getByLabel(/^Money you have now/).fill('500');
      await page.getByRole('group', { name: /TANF/ }).getByText('No', { exact: true }).click();
      await page.getByRole('button', { name: 'See my results' }).click();
      const snap = page.getByTestId('screen-us-snap');
      await snap.getByText('Likely eligible').waitFor();
      const answers = {
        members: [{ name: 'Ana', dateOfBirth: '1990-04-02', disabled: false, earnedIncome: 1200, unearnedIncome: 0 }],
        rent: 700,
        utilities: 150,
        dependentCare: 0,
        childSupportPaid: 0,
        hasMedicalCosts: false,
        assets: 500,
        receivesTanfOrSsi: false,
      };
      const expected = evaluate(compile(shippedProgram('us-snap/fy2026')).compiled!, answers, {
        asOf: new Date().toISOString().slice(0, 10),
        partial: true,
      });
      expect(expected.eligibility).toBe('eligible');
      const amount = expected.benefits[0].amount;
      await expect(page.getByTestId('screen-us-snap-allotment').textContent()).resolves.toContain(`About $${amount} a month`);
      await expect(snap.textContent()).resolves.toContain('the SNAP agency of the state where you live');
      // The rental program still needs its own questions, and says which.
      await expect(page.getByTestId('screen-emergency-rental-assistance-missing').textContent()).resolves.toContain('rent');
      await checkPage(page, 'screener-results', 'en');
      await page.getByRole('button', { name: 'Español' }).click();
      await page.getByRole('button', { name: 'Ver mis resultados' }).click();
      await page.getByTestId('screen-us-snap').getByText('Probablemente tiene derecho').waitFor();
      await expect(page.getByTestId('screen-us-snap-allotment').textContent()).resolves.toMatch(new RegExp(`Aproximadamente .*${amount}.* al mes`));
      await expect(page.getByTestId('screen-us-snap').textContent()).resolves.toContain('la agencia de SNAP del estado donde usted vive');
      await checkPage(page, 'screener-results', 'es');
      expect(problems).toEqual([]);
      await context.close();
    });

    it('sends only the questions asked now: an answer whose question was hidden by a later change is not sent', async () => {
      const context = await h.browser.newContext({ viewport: PHONE });
      const { page, problems } = await newPage(context);
      await page.goto(`${h.url}/screen?lang=en`);
      await page.getByLabel(/^Rent or mortgage/).fill('700');
      const medical = page.getByRole('group', { name: /pay their own medical costs/ });
      await medical.getByText('Yes', { exact: true }).click();
      // Asked only while the answer above is yes (the program's if/then).
      await page.getByLabel(/^Medical costs each month/).fill('180');
      await medical.getByText('No', { exact: true }).click();
      await expect(page.getByLabel(/^Medical costs each month/).count()).resolves.toBe(0);
      const sent = page.waitForRequest((request) => request.method() === 'POST' && new URL(request.url()).pathname === '/api/screen');
      await page.getByRole('button', { name: 'See my results' }).click();
      const body = (await sent).postDataJSON() as { answers: Record<string, unknown> };
      // Only what is asked now (an empty list of checkboxes is the form's own default for a question shown).
      expect(body.answers).toEqual({ rent: 700, otherUtilities: [], hasMedicalCosts: false });
      await page.getByTestId('screen-us-snap').waitFor();
      // Asked again, the question is empty: the hidden answer is gone, not kept aside.
      await medical.getByText('Yes', { exact: true }).click();
      await expect(page.getByLabel(/^Medical costs each month/).inputValue()).resolves.toBe('');
      await medical.getByText('No', { exact: true }).click();

      // The state is an earlier answer too: New York's question, answered, is not asked in Texas, so not sent.
      await page.locator('#applicant-state').selectOption('US-NY');
      await page
        .getByRole('group', { name: /Where in New York do you live/ })
        .getByText('New York City', { exact: true })
        .click();
      const inNewYork = page.waitForRequest((request) => request.method() === 'POST' && new URL(request.url()).pathname === '/api/screen');
      await page.getByRole('button', { name: 'See my results' }).click();
      expect(((await inNewYork).postDataJSON() as { answers: Record<string, unknown> }).answers).toMatchObject({ nyRegion: 'nyc' });
      await page.getByTestId('screen-us-snap-ny').waitFor();
      await page.locator('#applicant-state').selectOption('US-TX');
      await expect.poll(() => page.getByRole('group', { name: /Where in New York do you live/ }).count()).toBe(0);
      const inTexas = page.waitForRequest((request) => request.method() === 'POST' && new URL(request.url()).pathname === '/api/screen');
      await page.getByRole('button', { name: 'See my results' }).click();
      const texas = ((await inTexas).postDataJSON() as { answers: Record<string, unknown> }).answers;
      expect(texas).not.toHaveProperty('nyRegion');
      expect(texas).toMatchObject({ rent: 700, hasMedicalCosts: false });
      expect(problems).toEqual([]);
      await context.close();
    });

    it('shows a supervisor the numbers of the API, each measure with its table, in English and Spanish', async () => {
      const api = (await call('GET', `/api/programs/${PROGRAM}/dashboard`, undefined, await token(STAFF.supervisor))).body;
      expect(api.applications).toEqual({ started: 4, submitted: 2, abandoned: 0, inProgress: 2 });
      const context = await h.browser.newContext({ viewport: WIDTHS[1] });
      const { page, problems } = await newPage(context);
      await signIn(page, h.url, STAFF.supervisor);
      await page.getByRole('link', { name: 'Dashboard' }).click();
      await page.getByRole('heading', { level: 1, name: 'Program dashboard' }).waitFor();
      await page.getByLabel('Program', { exact: true }).selectOption(PROGRAM);
      await page.getByRole('button', { name: 'Show' }).click();
      await page.getByTestId('dashboard-period').getByText('Emergency Rental Assistance').waitFor();
      for (const [key, value] of Object.entries(api.applications))
        await expect(page.getByTestId(`dashboard-${key}`).textContent()).resolves.toContain(String(value));
      await expect(page.getByTestId('dashboard-outcomes').getByRole('table').textContent()).resolves.toContain('Approved');
      await expect(page.getByTestId('dashboard-backlog').getByRole('table').textContent()).resolves.toContain('Submitted');
      await expect(page.getByTestId('dashboard-left-at').textContent()).resolves.toContain('Nothing to count');
      await page.getByTestId('dashboard-over-time').locator('.recharts-wrapper').waitFor();
      const csv = await page.getByRole('link', { name: /Download the applications/ }).getAttribute('href');
      expect(csv).toMatch(new RegExp(`^/api/programs/${PROGRAM}/dashboard.csv\\?from=`));
      await checkPage(page, 'dashboard', 'en');
      await page.getByRole('button', { name: 'Español' }).click();
      await page.getByRole('heading', { level: 1, name: 'Panel del programa' }).waitFor();
      await page
        .getByTestId('dashboard-period')
        .getByText(/solicitudes iniciadas/)
        .waitFor();
      await checkPage(page, 'dashboard', 'es');
      expect(problems).toEqual([]);
      await context.close();
    });
  },
);
