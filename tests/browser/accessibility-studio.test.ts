/**
 * axe-core (WCAG 2.0/2.1 A and AA) on every studio screen, in English and in Spanish, against the real server:
 * sign-in, the refusal for a role without the studio, the program list, a program's versions and history, the draft
 * editor with each of its panels (problems, tests with coverage, preview, tester with a result, publish, a pending
 * publication request), and the comparison of two versions. Zero violations; a screenshot of each at desktop width,
 * and of the list and the draft at phone width.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { ADMINISTRATOR, axeViolations, describeInBrowser, type Harness, newPage, screenshot, signInStudio, STAFF } from './support/harness.ts';

let h: Harness;

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1400, height: 1000 };

async function expectNoViolations(page: Page, where: string): Promise<void> {
  await page.locator('main h1').first().waitFor();
  const violations = await axeViolations(page);
  expect(violations, `${where}:\n${violations.join('\n')}`).toEqual([]);
}

async function login(account: { email: string; password: string }): Promise<string> {
  const response = await fetch(`${h.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  return ((await response.json()) as { token: string }).token;
}

/** A draft of the food bank program with a pending publication request, made through the API. */
async function draftWithRequest(): Promise<void> {
  const token = await login(STAFF.analyst);
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  await fetch(`${h.url}/api/programs/community-food-bank/draft`, { method: 'DELETE', headers });
  const made = await fetch(`${h.url}/api/programs/community-food-bank/versions/1/draft`, { method: 'POST', headers });
  expect(made.status).toBe(201);
  const { draft } = (await made.json()) as { draft: { revision: number } };
  const asked = await fetch(`${h.url}/api/programs/community-food-bank/draft/publication-request`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      changelog: 'Same policy, checked again.',
      effectiveFrom: new Date().toISOString().slice(0, 10),
      inFlight: 'keep',
      revision: draft.revision,
    }),
  });
  expect(asked.status, await asked.clone().text()).toBe(201);
}

for (const lang of ['en', 'es'] as const) {
  const words =
    lang === 'en'
      ? {
          problems: 'Problems',
          tests: 'Tests',
          preview: 'Preview',
          tester: 'Tester',
          publish: 'Publish',
          evaluate: 'Evaluate',
          household: 'Household',
        }
      : {
          problems: 'Problemas',
          tests: 'Pruebas',
          preview: 'Vista previa',
          tester: 'Probador',
          publish: 'Publicar',
          evaluate: 'Evaluar',
          household: 'Hogar',
        };

  describeInBrowser(
    `studio accessibility (axe, WCAG 2.1 AA), ${lang}`,
    (harness) => (h = harness),
    () => {
      it('has no violations on sign-in and on the refusal for a role without the studio', async () => {
        const context = await h.browser.newContext({ viewport: DESKTOP });
        await context.addInitScript((l) => window.localStorage.setItem('mandate.lang', l), lang);
        const { page, problems } = await newPage(context);
        await page.goto(`${h.url}/studio`);
        await expectNoViolations(page, 'sign-in');
        await page.getByLabel(/Email address|Correo electrónico/).fill(STAFF.caseworker.email);
        await page.getByLabel(/^(Password|Contraseña)$/).fill(STAFF.caseworker.password);
        await page.getByRole('button', { name: /^(Sign in|Iniciar sesión)$/ }).click();
        await page.locator('.usa-alert--warning').waitFor();
        await page
          .locator('main')
          .getByText(/analysts and administrators|analistas y administradores/)
          .waitFor();
        const violations = await axeViolations(page);
        expect(violations, `role refusal:\n${violations.join('\n')}`).toEqual([]);
        await screenshot(page, `studio-${lang}-refusal`);
        expect(problems).toEqual([]);
        await context.close();
      });

      it('has no violations on the settings page, and an administrator switches the second person off and on', async () => {
        const context = await h.browser.newContext({ viewport: DESKTOP });
        const { page, problems } = await newPage(context);
        await signInStudio(page, h.url, ADMINISTRATOR, lang);
        await page.getByRole('link', { name: lang === 'en' ? 'Settings' : 'Configuración' }).click();
        await page.locator('#maker-checker-true').waitFor({ state: 'attached' });
        await expectNoViolations(page, 'settings');
        await screenshot(page, `studio-${lang}-settings`);
        const save = page.getByRole('button', { name: lang === 'en' ? 'Save the settings' : 'Guardar la configuración' });
        for (const choice of ['false', 'true']) {
          await page.locator(`label[for="maker-checker-${choice}"]`).click();
          await save.click();
          await page.locator('.usa-alert--success').waitFor();
          const stored = (await (
            await fetch(`${h.url}/api/settings`, { headers: { Authorization: `Bearer ${await login(ADMINISTRATOR)}` } })
          ).json()) as { makerChecker: boolean };
          expect(stored.makerChecker).toBe(choice === 'true');
        }
        expect(problems).toEqual([]);
        await context.close();
      });

      it('has no violations on the program list, a program page and the comparison', async () => {
        await draftWithRequest();
        for (const viewport of [DESKTOP, PHONE]) {
          const context = await h.browser.newContext({ viewport });
          const { page, problems } = await newPage(context);
          await signInStudio(page, h.url, STAFF.analyst, lang);
          const size = viewport === PHONE ? 'phone' : 'desktop';
          await expectNoViolations(page, `program list (${size})`);
          await screenshot(page, `studio-${lang}-${size}-programs`);
          await page.goto(`${h.url}/studio/programs/community-food-bank`);
          await page.locator('#history-heading').waitFor();
          await page.locator('.mandate-history li').first().waitFor();
          await expectNoViolations(page, `program page (${size})`);
          await screenshot(page, `studio-${lang}-${size}-program`);
          await page.goto(`${h.url}/studio/programs/community-food-bank/compare`);
          await page.locator('#json-heading').waitFor({ timeout: 20_000 });
          await page.locator('.monaco-diff-editor').waitFor();
          await expectNoViolations(page, `compare (${size})`);
          await screenshot(page, `studio-${lang}-${size}-compare`);
          expect(problems).toEqual([]);
          await context.close();
        }
      });

      it('has no violations on the draft editor and each of its panels', async () => {
        for (const viewport of [DESKTOP, PHONE]) {
          const size = viewport === PHONE ? 'phone' : 'desktop';
          const context = await h.browser.newContext({ viewport });
          const { page, problems } = await newPage(context);
          await signInStudio(page, h.url, STAFF.analyst, lang);
          await page.goto(`${h.url}/studio/programs/community-food-bank/draft`);
          await page.getByTestId('check-state').filter({ hasText: /ms/ }).waitFor({ timeout: 30_000 });
          await page.locator('.monaco-editor').first().waitFor();
          await expectNoViolations(page, `draft, problems (${size})`);
          await screenshot(page, `studio-${lang}-${size}-draft`);
          const panel = async (name: string, ready: () => Promise<unknown>) => {
            await page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
            await ready();
            await expectNoViolations(page, `draft, ${name} (${size})`);
            await screenshot(page, `studio-${lang}-${size}-draft-${name.toLowerCase().replace(/\s+/g, '-')}`);
          };
          await panel(words.tests, () => page.getByTestId('coverage').waitFor());
          await panel(words.preview, () => page.getByTestId('preview').locator('h1').waitFor());
          await panel(words.tester, async () => {
            await page.getByLabel(words.household, { exact: true }).selectOption({ index: 1 });
            await page.getByRole('button', { name: new RegExp(`^${words.evaluate}$`) }).click();
            await page.getByTestId('tester-result').waitFor();
          });
          await panel(words.publish, () => page.getByTestId('publication-request').waitFor());
          // Part tabs: the parameters of the definition, in their builder and as JSON.
          await page.getByRole('tab', { name: lang === 'en' ? /^Parameters/ : /^Parámetros/ }).click();
          await page.getByTestId('builder-parameters').waitFor();
          await expectNoViolations(page, `draft, parameters builder (${size})`);
          await page.getByRole('button', { name: 'JSON', exact: true }).click();
          await page.locator('.monaco-editor').first().waitFor();
          await expectNoViolations(page, `draft, parameters tab (${size})`);
          expect(problems).toEqual([]);
          await context.close();
        }
      });
    },
    { studio: true },
  );
}
