/**
 * Networks of care in the browser (issue 16, "done when"): a person's SNAP application is submitted (seeded through
 * the API: the SNAP wizard is not the point here); on the SNAP result page they ask the food bank for help, choosing
 * what to share and agreeing to the consent statement; the food bank application they then start shows the shared
 * answers to check, and saves the ones they confirm; the food bank's staff accept the referral and mark "got help";
 * the SNAP caseworker sees the outcome on the case; on the status page the person sees who holds their answers and
 * withdraws consent, after which nothing more is shared; and, on the same device without a referral, a third
 * application starts from the earlier answers once they agree. axe finds nothing at 390 and 1280 px, English and Spanish.
 * The food bank is run by a second organisation with its own staff member, who works its referrals and cannot open the
 * SNAP case; the SNAP caseworker (the default organisation) cannot open the food bank's referral inbox entries.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { formatMoney } from '../../web/src/shared/format.ts';
import { ADMINISTRATOR, axeViolations, describeInBrowser, type Harness, newPage, PHONE, SCREENSHOTS, signIn, STAFF } from './support/harness.ts';
import { api } from './support/api.ts';

let h: Harness;
const SHOTS = existsSync('/work/shots') ? '/work/shots/hpolish' : SCREENSHOTS;
const DESKTOP = { width: 1280, height: 900 };
const DOB = '1990-04-02';
/** The food bank's own staff member, in the food bank's organisation. */
const FOOD_BANK_STAFF = { email: 'fran@example.org', name: 'Fran Foodbank', roles: ['caseworker'], password: STAFF.caseworker.password };

/** Makes the food bank a second organisation's program, with its own staff member (as the platform administrator). */
async function foodBankOrganisation() {
  const login = await call('POST', '/api/auth/login', { email: ADMINISTRATOR.email, password: ADMINISTRATOR.password });
  const admin = { Authorization: `Bearer ${login.body.token}` };
  expect((await call('POST', '/api/organisations', { id: 'community-food-bank-org', name: 'Community food bank' }, admin)).status).toBe(201);
  const moved = await call('PUT', '/api/programs/community-food-bank/organisation', { organisationId: 'community-food-bank-org' }, admin);
  expect(moved.status, JSON.stringify(moved.body)).toBe(200);
  const created = await call('POST', '/api/users', { ...FOOD_BANK_STAFF, organisationId: 'community-food-bank-org' }, admin);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
}

/** Calls the harness's API with `headers` as given (no sign-in of its own). */
const call = (method: string, p: string, body?: unknown, headers: Record<string, string> = {}) => api(h.url, method, p, body, headers);

/** axe and screenshots of `url` at both widths and in both languages; `prepare` brings the page to the state to check. */
async function checkEverywhere(page: Page, url: string, name: string, prepare?: (page: Page) => Promise<void>) {
  for (const lang of ['en', 'es'] as const) {
    for (const [width, viewport] of [
      ['390', PHONE],
      ['1280', DESKTOP],
    ] as const) {
      await page.setViewportSize(viewport);
      await page.goto(`${h.url}${url}${url.includes('?') ? '&' : '?'}lang=${lang}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      if (prepare) await prepare(page);
      expect(await axeViolations(page), `${name} ${lang} ${width}`).toEqual([]);
      await page.screenshot({ path: path.join(SHOTS, `${name}-${lang}-${width}.png`), fullPage: true });
    }
  }
  await page.setViewportSize(DESKTOP);
}

describeInBrowser(
  'referrals: SNAP result → food bank with consent, answers given once, outcome back, consent withdrawn',
  (harness) => (h = harness),
  () => {
    it('closes the loop and stops sharing when consent is withdrawn', async () => {
      mkdirSync(SHOTS, { recursive: true });
      await foodBankOrganisation();
      // The SNAP application, through the API.
      const started = await call('POST', '/api/applications', { programId: 'us-snap' });
      const code = { 'X-Resume-Code': started.body.resumeCode as string };
      const answers = {
        members: [{ name: 'Ana Ruiz', dateOfBirth: DOB, disabled: false, earnedIncome: 1200, unearnedIncome: 0 }],
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
      expect((await call('PUT', `/api/applications/${started.body.id}`, { answers }, code)).status).toBe(200);
      const submitted = await call(
        'POST',
        `/api/applications/${started.body.id}/submit`,
        { statusFactor: { kind: 'date-of-birth', dateOfBirth: DOB } },
        code,
      );
      expect(submitted.status).toBe(201);

      // The person's browser holds the result, as after submitting there.
      const context = await h.browser.newContext({ viewport: DESKTOP });
      const { page, problems } = await newPage(context);
      await page.goto(`${h.url}/`);
      await page.evaluate(
        ([id, result]) => window.localStorage.setItem(`mandate.result.${id}`, result),
        [started.body.id, JSON.stringify({ ...submitted.body, programId: 'us-snap', resumeCode: started.body.resumeCode })],
      );
      const resultUrl = `/result/${started.body.id}`;
      const choose = async (p: Page) => {
        await p.getByRole('button', { name: /Community food bank|Banco de alimentos comunitario/ }).click();
        await p.getByTestId('consent-statement').waitFor();
      };
      await checkEverywhere(page, resultUrl, 'result-referral', choose);

      await page.goto(`${h.url}${resultUrl}?lang=en`);
      await page.getByRole('heading', { level: 2, name: 'Other help you can ask for' }).waitFor();
      await choose(page);
      await expect(page.getByTestId('consent-statement').textContent()).resolves.toContain('Community food bank');
      await page
        .getByLabel('Your ZIP code')
        .count()
        .then((n) => expect(n).toBe(0));
      await page.getByRole('button', { name: 'Send my request' }).click();
      await page.getByText('Tick the box to agree').waitFor();
      await page.locator('label', { hasText: 'I agree to this statement' }).click();
      await page.getByRole('button', { name: 'Send my request' }).click();
      await page.getByText('Community food bank has your request').waitFor();

      // Answers given once: the food bank application shows them to check first.
      await page.getByRole('link', { name: /Apply to Community food bank weekly parcels now/ }).click();
      await page.getByRole('button', { name: 'Start application' }).click();
      await page.getByRole('heading', { level: 1, name: /We filled these from your earlier application/ }).waitFor();
      await expect(page.getByLabel('Your name').inputValue()).resolves.toBe('Ana Ruiz');
      await expect(page.getByLabel(/How many people live in your household/).inputValue()).resolves.toBe('1');
      const sharedUrl = new URL(page.url()).pathname;
      expect(sharedUrl).toBe('/apply/community-food-bank/shared');
      await page.getByLabel('Your name').fill('Ana María Ruiz');
      await page.getByRole('button', { name: 'Use these answers' }).click();
      await page.locator('#root_name').waitFor();
      await expect(page.locator('#root_name').inputValue()).resolves.toBe('Ana María Ruiz');
      const bankDraft = JSON.parse((await page.evaluate(() => window.localStorage.getItem('mandate.draft.community-food-bank'))) ?? '{}');
      const saved = await call('GET', `/api/applications/${bankDraft.id}`, undefined, { 'X-Resume-Code': bankDraft.resumeCode });
      expect(saved.body.answers).toMatchObject({ name: 'Ana María Ruiz', householdSize: 1, monthlyIncome: 1200, email: 'ana@example.org' });

      // The food bank's staff accept and mark "got help".
      const staffContext = await h.browser.newContext({ viewport: DESKTOP });
      const { page: staff, problems: staffProblems } = await newPage(staffContext);
      await signIn(staff, h.url, FOOD_BANK_STAFF);
      await checkEverywhere(staff, '/staff/referrals', 'staff-referrals');
      await staff.goto(`${h.url}/staff/referrals?lang=en`);
      const card = staff.getByTestId('received').getByTestId('referral').first();
      await card.getByText('Ana Ruiz').first().waitFor();
      // The SNAP members' earned income, shared as the household's monthly income, reads as money.
      await expect(card.getByRole('definition').allTextContents()).resolves.toContain(formatMoney(1200, 'en'));
      await card.getByRole('button', { name: 'Accept' }).click();
      await staff.getByTestId('received').locator('[data-status="accepted"]').waitFor();
      await card.getByRole('button', { name: 'Mark "got help"' }).click();
      await staff.getByTestId('received').locator('[data-status="got-help"]').waitFor();

      // The food bank's staff cannot open the SNAP case; the SNAP caseworker sees the outcome on it.
      const bankLogin = await call('POST', '/api/auth/login', { email: FOOD_BANK_STAFF.email, password: FOOD_BANK_STAFF.password });
      const bankRead = await call('GET', `/api/cases/${submitted.body.caseId}`, undefined, { Authorization: `Bearer ${bankLogin.body.token}` });
      expect(bankRead.status).toBe(404);
      await staffContext.clearCookies();
      await signIn(staff, h.url, STAFF.caseworker);
      await staff.goto(`${h.url}/staff/cases/${submitted.body.caseId}?lang=en`);
      await staff.getByTestId('case-referrals').getByText('Got help').first().waitFor();
      await staff.getByTestId('case-referrals').screenshot({ path: path.join(SHOTS, 'case-referrals-en-1280.png') });
      // The caseworker refers again from the case, reading the statement to the person and ticking their agreement.
      const pick = async (p: Page) => {
        await p
          .getByTestId('case-referrals')
          .getByText(/Got help|Recibió ayuda/)
          .first()
          .waitFor();
        await p.locator('#refer-program').selectOption('community-food-bank');
        await p.getByTestId('case-consent-statement').waitFor();
      };
      await checkEverywhere(staff, `/staff/cases/${submitted.body.caseId}`, 'case-refer', pick);
      await staff.goto(`${h.url}/staff/cases/${submitted.body.caseId}?lang=en`);
      await pick(staff);
      await staff.getByRole('button', { name: 'Refer with consent' }).click();
      await staff.getByText('Tick that the person agreed').waitFor();
      await staff.locator('label', { hasText: 'The person agreed to this statement' }).click();
      await staff.getByRole('button', { name: 'Refer with consent' }).click();
      await staff.getByTestId('case-referrals').locator('[data-status="pending"]').waitFor();

      // The status page: who holds which answers; withdrawing consent stops further sharing.
      await page.goto(`${h.url}/status?lang=en`);
      await page.getByLabel('Resume code').fill(started.body.resumeCode);
      await page.getByLabel('Date of birth', { exact: true }).fill(DOB);
      await page.getByRole('button', { name: 'Show my application' }).click();
      await page.getByRole('heading', { level: 2, name: 'Who holds your answers' }).waitFor();
      await page.getByTestId('sharing-item').first().getByText('Shared 2 time(s)').waitFor();
      await page.getByTestId('my-referral').getByText('Got help').first().waitFor();
      await checkEverywhere(page, '/status', 'status-sharing', async (p) => {
        await p.getByTestId('sharing-item').first().waitFor();
      });
      await page.goto(`${h.url}/status?lang=en`);
      // Both consents (the person's and the one the caseworker recorded) are withdrawn.
      for (const _ of [1, 2]) {
        await page.getByRole('button', { name: 'Stop sharing with Community food bank' }).first().click();
        await page
          .getByText(/You withdrew this consent on/)
          .nth(_ - 1)
          .waitFor();
      }
      await page.screenshot({ path: path.join(SHOTS, 'status-withdrawn-en-1280.png'), fullPage: true });

      const again = await call('POST', '/api/applications', { programId: 'community-food-bank' });
      const refused = await call(
        'POST',
        `/api/applications/${again.body.id}/prefill`,
        { from: { applicationId: started.body.id, resumeCode: started.body.resumeCode } },
        { 'X-Resume-Code': again.body.resumeCode },
      );
      expect(refused.status).toBe(409);

      // Same device, another program, no referral: the start page offers the earlier answers, with consent.
      await checkEverywhere(page, '/apply/emergency-rental-assistance', 'apply-earlier', async (p) => {
        await p.getByTestId('earlier-statement').waitFor();
      });
      await page.goto(`${h.url}/apply/emergency-rental-assistance?lang=en`);
      await page.getByRole('heading', { level: 2, name: 'Use answers you already gave?' }).waitFor();
      await page.getByRole('button', { name: 'Share them and start' }).click();
      await page.getByText('Tick the box to agree, or start without them.').waitFor();
      await page.locator('label', { hasText: 'I agree to this statement' }).click();
      await page.getByRole('button', { name: 'Share them and start' }).click();
      await page.getByRole('heading', { level: 1, name: /We filled these from your earlier application/ }).waitFor();
      await expect(page.getByLabel(/How many people live in your home/).inputValue()).resolves.toBe('1');
      await page.getByRole('button', { name: 'Use these answers' }).click();
      await page.locator('#root_householdSize').waitFor();
      await expect(page.locator('#root_householdSize').inputValue()).resolves.toBe('1');
      expect([...problems, ...staffProblems]).toEqual([]);
      await context.close();
      await staffContext.close();
    });
  },
);
