/**
 * A referral straight from a screening result, in Chromium (issue 16): a person answers the screener (no
 * application), asks the food bank (a second organisation) to contact them by phone, leaves their ZIP code out,
 * agrees to the consent statement and gets a referral code; the food bank's staff see the request with the contact
 * details and accept it; the person follows it on /referral with the code and cancels it, which stops the sharing.
 * Shared answers read as formatted answers (`$1,200`, not `1200`) on every page; the Spanish status page says the
 * statement was agreed in English.
 * axe finds nothing at 390 and 1280 px, English and Spanish; screenshots of each page.
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
const FOOD_BANK_STAFF = { email: 'fran@example.org', name: 'Fran Foodbank', roles: ['caseworker'], password: STAFF.caseworker.password };

/** Calls the harness's API with `headers` as given (no sign-in of its own). */
const call = (method: string, p: string, body?: unknown, headers: Record<string, string> = {}) => api(h.url, method, p, body, headers);

/** The food bank as a second organisation's program, with its own staff member. */
async function foodBankOrganisation() {
  const login = await call('POST', '/api/auth/login', { email: ADMINISTRATOR.email, password: ADMINISTRATOR.password });
  const admin = { Authorization: `Bearer ${login.body.token}` };
  expect((await call('POST', '/api/organisations', { id: 'community-food-bank-org', name: 'Community food bank' }, admin)).status).toBe(201);
  expect((await call('PUT', '/api/programs/community-food-bank/organisation', { organisationId: 'community-food-bank-org' }, admin)).status).toBe(
    200,
  );
  expect((await call('POST', '/api/users', { ...FOOD_BANK_STAFF, organisationId: 'community-food-bank-org' }, admin)).status).toBe(201);
}

/** Answers the food bank's screener questions and opens its referral form. */
async function screenAndOpen(page: Page, lang: 'en' | 'es') {
  await page.goto(`${h.url}/screen?lang=${lang}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.locator('#root_zipCode').fill('02905');
  await page.locator('#root_householdSize').fill('2');
  await page.locator('#root_monthlyIncome').fill('1200');
  await page.getByRole('button', { name: lang === 'en' ? 'See my results' : /Ver mis resultados/ }).click();
  const bank = page.getByTestId('screen-community-food-bank');
  await bank.getByRole('button', { name: lang === 'en' ? 'Ask Community food bank to contact me' : /Pedir a .* que me contacte/ }).click();
  await page.getByTestId('screen-consent-statement').waitFor();
  await page.waitForLoadState('networkidle');
}

async function check(page: Page, name: string, lang: string, width: string) {
  expect(await axeViolations(page), `${name} ${lang} ${width}`).toEqual([]);
  await page.screenshot({ path: path.join(SHOTS, `${name}-${lang}-${width}.png`), fullPage: true });
}

describeInBrowser(
  'a referral from a screening result: contact details, consent, a code to follow it',
  (harness) => (h = harness),
  () => {
    it('sends the request from the result, the food bank accepts it, the person follows and cancels it by code', async () => {
      mkdirSync(SHOTS, { recursive: true });
      await foodBankOrganisation();
      const context = await h.browser.newContext({ viewport: DESKTOP });
      const { page, problems } = await newPage(context);
      for (const lang of ['en', 'es'] as const) {
        for (const [width, viewport] of [
          ['390', PHONE],
          ['1280', DESKTOP],
        ] as const) {
          await page.setViewportSize(viewport);
          await screenAndOpen(page, lang);
          await check(page, 'screen-referral-form', lang, width);
        }
      }

      await page.setViewportSize(DESKTOP);
      await screenAndOpen(page, 'en');
      const form = page.getByTestId('screen-refer-community-food-bank');
      await expect(page.getByTestId('screen-consent-statement').textContent()).resolves.toContain('Community food bank');
      await form.getByLabel('Your name').fill('Ana Ruiz');
      await form.getByLabel('Phone number (optional)').fill('401-555-0134');
      await form.getByText('Phone call', { exact: true }).click();
      // The statement is fetched again for the way chosen (POST /api/screen/referral-offer): wait for it to say so.
      await expect.poll(() => page.getByTestId('screen-consent-statement').textContent(), { timeout: 15_000 }).toContain('by phone');
      await expect(form.locator('label', { hasText: /^Household income each month/ }).textContent()).resolves.toBe(
        `Household income each month: ${formatMoney(1200, 'en')}`,
      );
      await form.locator('label', { hasText: /^Your ZIP code/ }).click();
      await form.getByRole('button', { name: 'Send my request' }).click();
      await page.getByText('Tick the box to agree').waitFor();
      await form.locator('label', { hasText: 'I agree to this statement' }).click();
      await form.getByRole('button', { name: 'Send my request' }).click();
      const shownCode = page.getByTestId('referral-code');
      await shownCode.waitFor();
      const code = (await shownCode.textContent())!.trim();
      expect(code).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
      await check(page, 'screen-referral-sent', 'en', '1280');

      // The food bank's staff see the request with the contact details, without the ZIP code, and accept it.
      const staffContext = await h.browser.newContext({ viewport: DESKTOP });
      const { page: staff } = await newPage(staffContext);
      await signIn(staff, h.url, FOOD_BANK_STAFF);
      for (const lang of ['en', 'es'] as const) {
        for (const [width, viewport] of [
          ['390', PHONE],
          ['1280', DESKTOP],
        ] as const) {
          await staff.setViewportSize(viewport);
          await staff.goto(`${h.url}/staff/referrals?lang=${lang}`);
          await staff.getByTestId('referral-contact').first().waitFor();
          await check(staff, 'staff-referral-from-screener', lang, width);
        }
      }
      await staff.setViewportSize(DESKTOP);
      await staff.goto(`${h.url}/staff/referrals?lang=en`);
      const card = staff.getByTestId('received').getByTestId('referral').first();
      await expect(card.textContent()).resolves.toContain('From the screener');
      await expect(card.getByTestId('referral-contact').textContent()).resolves.toContain('401-555-0134');
      await expect(card.textContent()).resolves.not.toContain('02905');
      await expect(card.getByRole('definition').allTextContents()).resolves.toEqual(['Ana Ruiz', '401-555-0134', '2', formatMoney(1200, 'en')]);
      await card.getByRole('button', { name: 'Accept' }).click();
      await staff.getByTestId('received').locator('[data-status="accepted"]').first().waitFor();

      // The person follows it with the code, in both languages and widths, then cancels it.
      for (const lang of ['en', 'es'] as const) {
        for (const [width, viewport] of [
          ['390', PHONE],
          ['1280', DESKTOP],
        ] as const) {
          await page.setViewportSize(viewport);
          await page.goto(`${h.url}/referral?lang=${lang}`);
          await page.locator('#referral-code').fill(code.toLowerCase());
          await page.getByRole('button', { name: lang === 'en' ? 'Show my request' : 'Ver mi solicitud' }).click();
          await page.locator('[data-testid="followed-referral"][data-status="accepted"]').waitFor();
          const followed = page.getByTestId('followed-referral');
          await expect(followed.getByRole('definition').last().textContent()).resolves.toBe(formatMoney(1200, lang));
          // Agreed in English: the statement stays as agreed; the Spanish page says which language it is in.
          await expect(page.getByTestId('followed-consent-statement').textContent()).resolves.toMatch(/^I agree that/);
          await expect(page.getByTestId('consent-language-note').allTextContents()).resolves.toEqual(
            lang === 'es' ? ['La declaración que aceptó, en inglés:'] : [],
          );
          await check(page, 'referral-status', lang, width);
        }
      }
      await page.setViewportSize(DESKTOP);
      await page.goto(`${h.url}/referral?lang=en`);
      await page.locator('#referral-code').fill(code);
      await page.getByRole('button', { name: 'Show my request' }).click();
      await page.getByRole('button', { name: 'Cancel my request and stop sharing' }).click();
      await page.locator('[data-testid="followed-referral"][data-status="cancelled"]').waitFor();
      await page.getByText('Withdrawn: nothing more is shared.').waitFor();
      await check(page, 'referral-status-cancelled', 'en', '1280');
      expect(problems).toEqual([]);
    });
  },
);
