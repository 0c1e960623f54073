/**
 * Issue 14, finding 8 (the applicant pages): "This is a shared device" keeps the resume code, the answers and the
 * result out of localStorage (this window's sessionStorage only), and the applicant can remove them when they finish
 * (the saved page, the result page) — in English and Spanish, at 390 and 1280 px, with no axe violations.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { axeViolations, describeInBrowser, type Harness, newPage, PHONE, SCREENSHOTS, screenshot } from './support/harness.ts';

const PROGRAM = 'emergency-rental-assistance';
const SHOTS = '/work/shots/hardening-trust';
const WORDS = {
  en: {
    shared: /This is a shared device/,
    start: 'Start application',
    later: 'Save and finish later',
    forget: 'Remove my application from this device',
    clear: 'Remove this result from this device',
  },
  es: {
    shared: /Este es un dispositivo compartido/,
    start: 'Comenzar la solicitud',
    later: 'Guardar y terminar más tarde',
    forget: 'Quitar mi solicitud de este dispositivo',
    clear: 'Quitar este resultado de este dispositivo',
  },
};
let h: Harness;

/** What the page keeps in each storage, keys only. */
async function kept(page: Page) {
  return page.evaluate(() => ({
    local: Object.keys(window.localStorage).filter((k) => k.startsWith('mandate.draft.') || k.startsWith('mandate.result.')),
    session: Object.keys(window.sessionStorage).filter((k) => k.startsWith('mandate.draft.') || k.startsWith('mandate.result.')),
  }));
}

async function shot(page: Page, name: string) {
  await screenshot(page, name);
  mkdirSync(SHOTS, { recursive: true });
  copyFileSync(path.join(SCREENSHOTS, `${name}.png`), path.join(SHOTS, `${name}.png`));
}

async function expectAccessible(page: Page, where: string) {
  const violations = await axeViolations(page);
  expect(violations, `${where}:\n${violations.join('\n')}`).toEqual([]);
}

/** A submitted rental application's result, made through the API (the browser is not the point of that part). */
async function submittedResult() {
  const call = async (method: string, p: string, body?: unknown, code?: string) => {
    const res = await fetch(h.url + p, {
      method,
      headers: { 'content-type': 'application/json', ...(code ? { 'x-resume-code': code } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await res.json()) as any;
  };
  const started = await call('POST', '/api/applications', { programId: PROGRAM });
  const answers = {
    pastDueRentNotice: false,
    evictionNotice: true,
    unsafeHousing: false,
    householdSize: 3,
    annualIncome: 60000,
    monthlyRent: 2000,
    rentOwed: 4500,
  };
  await call('PUT', `/api/applications/${started.id}`, { answers }, started.resumeCode);
  const result = await call('POST', `/api/applications/${started.id}/submit`, undefined, started.resumeCode);
  return { id: started.id as string, result: { ...result, programId: PROGRAM } };
}

describeInBrowser(
  'applicant: a shared device keeps nothing after the window closes, and the applicant can clear it',
  (harness) => (h = harness),
  () => {
    for (const lang of ['en', 'es'] as const) {
      for (const [size, viewport] of [
        ['390', PHONE],
        ['1280', { width: 1280, height: 900 }],
      ] as const) {
        it(`keeps the draft and the result in this window only (${lang}, ${size} px)`, async () => {
          const w = WORDS[lang];
          const context: BrowserContext = await h.browser.newContext({ viewport });
          await context.addInitScript((l) => window.localStorage.setItem('mandate.lang', l), lang);
          const { page, problems } = await newPage(context);
          await page.goto(`${h.url}/apply/${PROGRAM}`);
          // USWDS draws the box on the label; the input itself is visually hidden.
          await page.locator('label[for="shared-device"]').click();
          expect(await page.getByLabel(w.shared).isChecked()).toBe(true);
          await expectAccessible(page, `apply intro (${lang})`);
          await shot(page, `shared-device-intro-${lang}-${size}`);

          await page.getByRole('button', { name: w.start }).click();
          await page.getByRole('button', { name: w.later }).waitFor();
          expect(await kept(page)).toEqual({ local: [], session: [`mandate.draft.${PROGRAM}`] });
          await page.getByRole('button', { name: w.later }).click();
          const forget = page.getByRole('button', { name: w.forget });
          await forget.waitFor();
          await expectAccessible(page, `saved (${lang})`);
          await shot(page, `shared-device-saved-${lang}-${size}`);
          await forget.click();
          await page.locator('.usa-alert--success').waitFor();
          expect(await kept(page)).toEqual({ local: [], session: [] });
          await expectAccessible(page, `removed (${lang})`);

          // The result of a submission on this device, then cleared when the applicant finishes.
          const { id, result } = await submittedResult();
          await page.evaluate(([key, value]) => window.sessionStorage.setItem(key, value), [`mandate.result.${id}`, JSON.stringify(result)]);
          await page.goto(`${h.url}/result/${id}`);
          const clear = page.getByRole('button', { name: w.clear });
          await clear.waitFor();
          await expectAccessible(page, `result (${lang})`);
          await shot(page, `shared-device-result-${lang}-${size}`);
          await clear.click();
          await page.locator('.usa-alert--success').waitFor();
          expect(await kept(page)).toEqual({ local: [], session: [] });
          await shot(page, `shared-device-result-cleared-${lang}-${size}`);
          expect(problems).toEqual([]);
          await context.close();
        });
      }
    }

    it('a personal device keeps the draft in localStorage; choosing "shared" later moves it out', async () => {
      const context = await h.browser.newContext({ viewport: PHONE });
      const { page } = await newPage(context);
      await page.goto(`${h.url}/apply/${PROGRAM}`);
      await page.getByRole('button', { name: WORDS.en.start }).click();
      await page.getByRole('button', { name: WORDS.en.later }).waitFor();
      expect(await kept(page)).toEqual({ local: [`mandate.draft.${PROGRAM}`], session: [] });
      await page.goto(`${h.url}/apply/${PROGRAM}`);
      await page.locator('label[for="shared-device"]').click();
      expect(await kept(page)).toEqual({ local: [], session: [`mandate.draft.${PROGRAM}`] });
      await context.close();
    });
  },
);
