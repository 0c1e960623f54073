/**
 * Answers given once, for a list (issue 16): a household's SNAP application (two members, seeded through the API) is
 * on this device; the person starts Texas's SNAP, agrees to share, and the check step shows the members person by
 * person (name and date of birth, formatted), not "[object Object]" nor a bare count, before they use them; the
 * form's members page then holds them. English and Spanish, 390 and 1280 px, axe on each; screenshots of each.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { formatDate } from '../../web/src/shared/format.ts';
import { axeViolations, describeInBrowser, type Harness, newPage, PHONE, screenshot } from './support/harness.ts';
import { api } from './support/api.ts';

let h: Harness;
const DESKTOP = { width: 1280, height: 900 };
const DOB = '1990-04-02';
const MEMBERS = [
  { name: 'Ana Ruiz', dateOfBirth: DOB, disabled: false, earnedIncome: 1200, unearnedIncome: 0 },
  { name: 'Leo Ruiz', dateOfBirth: '2016-05-01', disabled: false, earnedIncome: 0, unearnedIncome: 0 },
];

/** Calls the harness's API with `headers` as given (no sign-in of its own). */
const call = (method: string, p: string, body?: unknown, headers: Record<string, string> = {}) => api(h.url, method, p, body, headers);

/** A submitted SNAP application held by `page`'s device, as after submitting there. */
async function earlierSnap(page: Page) {
  const started = await call('POST', '/api/applications', { programId: 'us-snap' });
  const code = { 'X-Resume-Code': started.body.resumeCode as string };
  const answers = {
    members: MEMBERS,
    rent: 700,
    utilities: 150,
    dependentCare: 0,
    childSupportPaid: 0,
    hasMedicalCosts: false,
    assets: 300,
    receivesTanfOrSsi: false,
  };
  expect((await call('PUT', `/api/applications/${started.body.id}`, { answers }, code)).status).toBe(200);
  const submitted = await call(
    'POST',
    `/api/applications/${started.body.id}/submit`,
    { statusFactor: { kind: 'date-of-birth', dateOfBirth: DOB } },
    code,
  );
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
  await page.goto(`${h.url}/`);
  await page.evaluate(
    ([id, result]) => window.localStorage.setItem(`mandate.result.${id}`, result),
    [started.body.id, JSON.stringify({ ...submitted.body, programId: 'us-snap', resumeCode: started.body.resumeCode })],
  );
}

const TEXTS = {
  en: {
    share: 'Share them and start',
    agree: 'I agree to this statement',
    use: 'Use these answers',
    filled: /We filled these from your earlier application/,
  },
  es: {
    share: /Compartirlas y empezar/,
    agree: /Acepto esta declaraci/,
    use: 'Usar estas respuestas',
    filled: /Completamos esto con su solicitud anterior/,
  },
} as const;

describeInBrowser(
  'the check step of answers given once shows a list person by person',
  (harness) => (h = harness),
  () => {
    for (const lang of ['en', 'es'] as const) {
      it(`lists the household's members on the check step (${lang}), then fills the members page with them`, async () => {
        const context = await h.browser.newContext({ viewport: DESKTOP });
        const { page, problems } = await newPage(context);
        await earlierSnap(page);
        const x = TEXTS[lang];
        await page.goto(`${h.url}/apply/us-snap-tx?lang=${lang}`);
        await page.getByRole('button', { name: x.share }).waitFor();
        await page.locator('label', { hasText: x.agree }).click();
        await page.getByRole('button', { name: x.share }).click();
        await page.getByRole('heading', { level: 1, name: x.filled }).waitFor();
        const members = page.getByTestId('prefill-members');
        const text = (await members.textContent()) ?? '';
        expect(text).not.toContain('[object Object]');
        // SNAP's members carry no income in the shared vocabulary's shape (earned and other money apart): names and dates.
        const person = lang === 'en' ? 'Person' : 'Persona';
        for (const expected of [`${person} 1`, 'Ana Ruiz', formatDate(DOB, lang), `${person} 2`, 'Leo Ruiz', formatDate('2016-05-01', lang)])
          expect(text, text).toContain(expected);
        // The prefill fills names and dates of birth only: no "Not answered" income for what is left to the form.
        expect(text).not.toMatch(lang === 'en' ? /Not answered|Income/ : /Sin respuesta|Ingresos/);
        for (const viewport of [PHONE, DESKTOP]) {
          await page.setViewportSize(viewport);
          expect(await axeViolations(page), `${lang} ${viewport.width}`).toEqual([]);
          await screenshot(page, `prefill-members-${lang}-${viewport.width}`);
        }
        await page.getByRole('button', { name: x.use }).click();
        await page.locator('#root_members_0_name').waitFor();
        await expect(page.locator('#root_members_0_name').inputValue()).resolves.toBe('Ana Ruiz');
        await expect(page.locator('#root_members_1_name').inputValue()).resolves.toBe('Leo Ruiz');
        expect(problems).toEqual([]);
        await context.close();
      });
    }
  },
);
