/**
 * An applicant on a phone (390×844) screens, applies for SNAP, saves, resumes the saved draft by its resume code in
 * a new browser context, submits and sees the result with the benefit amount — against the real server.
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser, type Harness, newPage, PHONE, screenshot, signIn, STAFF } from './support/harness.ts';

let h: Harness;

async function fillFirstMember(page: Page) {
  if ((await page.locator('#root_members_0_name').count()) === 0) {
    await page.getByRole('button', { name: 'Add a household member' }).click();
  }
  await page.locator('#root_members_0_name').fill('Ana Lopez');
  await page.locator('#root_members_0_dateOfBirth').fill('1990-05-01');
  await page.locator('label[for="root_members_0_disabled-1"]').click();
  await page.locator('#root_members_0_earnedIncome').fill('1000');
  await page.locator('#root_members_0_unearnedIncome').fill('0');
}

describeInBrowser(
  'applicant: screen, apply for SNAP on a phone, save, resume, submit',
  (harness) => (h = harness),
  () => {
    it('screens: each program says likely eligible, not eligible or needs more information, with a way to apply', async () => {
      const context = await h.browser.newContext({ viewport: PHONE });
      const { page, problems } = await newPage(context);
      await page.goto(`${h.url}/screen`);
      await page.getByRole('heading', { level: 1, name: 'Check what you may get' }).waitFor();
      await fillFirstMember(page);
      await page.locator('#root_householdSize').fill('1');
      await page.getByRole('button', { name: 'See my results' }).click();
      const results = page.getByRole('heading', { level: 2, name: 'Your results' });
      await results.waitFor();
      const snap = page.getByTestId('screen-us-snap');
      await expect(snap.textContent()).resolves.toMatch(/Likely eligible|We need more information|Probably not eligible/);
      expect(await page.locator('[data-testid^="screen-"]').count()).toBeGreaterThanOrEqual(3);
      await screenshot(page, 'applicant-screener-results');
      expect(problems).toEqual([]);
      await context.close();
    });

    it('applies step by step, saves, resumes by code on another device, submits and sees the benefit', async () => {
      const phone = await h.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
      const { page, problems } = await newPage(phone);
      await page.goto(`${h.url}/`);
      await page.getByRole('link', { name: /Apply for Supplemental Nutrition Assistance Program/ }).click();
      await page.getByRole('button', { name: 'Start application' }).click();

      // Step 1: the household, with the error summary when Next is pressed too early.
      await expect.poll(() => page.getByTestId('step-progress').textContent()).toBe('Step 1 of 5');
      await page.getByRole('button', { name: 'Save and continue' }).click();
      await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
      await screenshot(page, 'applicant-snap-step1-errors');
      await fillFirstMember(page);
      await screenshot(page, 'applicant-snap-step1');
      await page.getByRole('button', { name: 'Save and continue' }).click();

      // Step 2: costs; the medical-costs question appears only when the answer is Yes.
      await expect.poll(() => page.getByTestId('step-progress').textContent()).toBe('Step 2 of 5');
      await page.locator('#root_rent').fill('500');
      await page.locator('#root_utilities').fill('100');
      await page.locator('#root_dependentCare').fill('0');
      await page.locator('#root_childSupportPaid').fill('0');
      expect(await page.locator('#root_medicalCosts').count()).toBe(0);
      await page.locator('label[for="root_hasMedicalCosts-0"]').click();
      await page.locator('#root_medicalCosts').waitFor();
      await page.locator('label[for="root_hasMedicalCosts-1"]').click();
      await page.locator('#root_medicalCosts').waitFor({ state: 'detached' });
      await screenshot(page, 'applicant-snap-step2');
      await page.getByRole('button', { name: 'Save and continue' }).click();

      // Step 3, then save and finish later.
      await expect.poll(() => page.getByTestId('step-progress').textContent()).toBe('Step 3 of 5');
      await page.locator('#root_assets').fill('200');
      await page.locator('label[for="root_receivesTanfOrSsi-1"]').click();
      const code = (await page.getByTestId('resume-code').textContent())!.trim();
      expect(code.length).toBeGreaterThanOrEqual(8);
      await page.getByRole('button', { name: 'Save and finish later' }).click();
      await page.getByRole('heading', { name: 'Your answers are saved' }).waitFor();
      expect(problems).toEqual([]);
      await phone.close();

      // Another device: resume by code; the answers come back from the server.
      const other = await h.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
      const second = await newPage(other);
      await second.page.goto(`${h.url}/resume`);
      await second.page.getByLabel('Resume code', { exact: true }).fill(code);
      await second.page.getByRole('button', { name: 'Continue' }).click();
      await expect(second.page.locator('#root_members_0_name').inputValue()).resolves.toBe('Ana Lopez');
      for (let step = 1; step <= 4; step++) await second.page.getByRole('button', { name: 'Save and continue' }).click();
      await second.page.getByRole('heading', { level: 1, name: 'Check your answers' }).waitFor();
      await expect(second.page.locator('main').textContent()).resolves.toContain('Ana Lopez');
      await screenshot(second.page, 'applicant-snap-review');
      await second.page.getByRole('button', { name: 'Submit application' }).click();

      await second.page.getByRole('heading', { level: 1, name: 'Your application was submitted' }).waitFor();
      await expect(second.page.getByTestId('eligibility').textContent()).resolves.toBe('You are eligible');
      await expect(second.page.getByTestId('benefit-allotment').textContent()).resolves.toMatch(/^\$\d[\d,]* a month$/);
      await expect(second.page.getByTestId('next-step').textContent()).resolves.toMatch(/Your application is now/);
      await screenshot(second.page, 'applicant-snap-result');
      expect(second.problems).toEqual([]);
      await other.close();
    });

    it('applies from a browser that is signed in on the staff pages too (the pages fetch the session CSRF token)', async () => {
      const context = await h.browser.newContext({ viewport: PHONE });
      const { page, problems } = await newPage(context);
      await signIn(page, h.url, STAFF.caseworker);
      await page.goto(`${h.url}/`);
      await page.getByRole('link', { name: /Apply for Supplemental Nutrition Assistance Program/ }).click();
      await page.getByRole('button', { name: 'Start application' }).click();
      await expect.poll(() => page.getByTestId('step-progress').textContent()).toBe('Step 1 of 5');
      expect(problems.filter((p) => !/status of 403/.test(p))).toEqual([]);
      await context.close();
    });
  },
);
