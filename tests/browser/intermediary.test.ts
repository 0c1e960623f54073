/**
 * An intermediary (a navigator at a community organisation) in the browser against the real server: signs in, opens
 * "My clients", names a client, reads the consent statement (in the client's language) and confirms it, starts the
 * application and lands on the applicant pages with it; after submission the list shows where the client's case
 * stands, in the client's language; the consent is stored with the application and the intermediary receives the
 * client's notices too. Screenshots at 390 and 1280 px in English and Spanish, axe on each.
 */
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiAs } from './support/api.ts';
import { axeViolations, describeInBrowser, type Harness, newPage, PHONE, ROOT, STAFF } from './support/harness.ts';

let h: Harness;
const SHOTS = path.join(ROOT, '..', '..', 'shots', 'after-decisions');
const PROGRAM = 'emergency-rental-assistance';
const ANSWERS = {
  householdSize: 3,
  annualIncome: 60000,
  monthlyRent: 2000,
  rentOwed: 4500,
  pastDueRentNotice: false,
  evictionNotice: true,
  unsafeHousing: false,
};

async function shoot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  expect(await axeViolations(page), name).toEqual([]);
}

async function signInNavigator(page: Page, lang: 'en' | 'es') {
  await page.goto(`${h.url}/staff?lang=${lang}`);
  await page.getByLabel(/Email address|Correo electrónico/).fill(STAFF.navigator.email);
  await page.getByLabel(/^(Password|Contraseña)$/).fill(STAFF.navigator.password);
  await page.getByRole('button', { name: /^(Sign in|Iniciar sesión)$/ }).click();
  await page.getByRole('heading', { level: 1, name: lang === 'en' ? 'My clients' : 'Mis clientes' }).waitFor();
}

describeInBrowser(
  'intermediary: My clients, consent, applying on behalf of a client, notices to both',
  (harness) => (h = harness),
  () => {
    it('starts an application for a named client with their consent and follows it', async () => {
      const context = await h.browser.newContext({ viewport: { width: 1280, height: 900 } });
      const { page, problems } = await newPage(context);
      await signInNavigator(page, 'en');
      await shoot(page, 'clients-empty-en-1280');
      const start = page.getByTestId('client-start');
      await start.getByLabel('Client\u2019s full name').fill('Rosa Díaz');
      await start.getByLabel('Program', { exact: true }).selectOption(PROGRAM);
      await start.getByLabel('Language of the application and its notices').selectOption('es');
      const statement = start.getByTestId('consent-statement');
      await expect
        .poll(() => statement.textContent())
        .toMatch(/^Rosa Díaz acepta que Ines Navigator solicite Asistencia de Emergencia para el Alquiler en su nombre/);
      await expect(statement.getAttribute('lang')).resolves.toBe('es');
      await expect(start.getByRole('button', { name: 'Start the application' }).isDisabled()).resolves.toBe(true);
      await start.locator('label', { hasText: 'I read this statement to the client and they agreed to it.' }).click();
      await shoot(page, 'clients-consent-en-1280');
      await start.getByRole('button', { name: 'Start the application' }).click();
      // The applicant pages take over, in the client's language, with the application just started.
      await page.waitForURL(/\/apply\/emergency-rental-assistance/);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('es');
      const id = await page.evaluate((p) => JSON.parse(window.localStorage.getItem(`mandate.draft.${p}`) ?? '{}').id as string, PROGRAM);
      expect(id).toBeTruthy();

      // The intermediary's own session may save and submit it (as the applicant pages do); then the list follows it.
      const csrf = (await (await page.request.get(`${h.url}/api/auth/csrf`)).json()) as { csrfToken: string };
      const headers = { 'X-CSRF-Token': csrf.csrfToken };
      expect((await page.request.put(`${h.url}/api/applications/${id}`, { headers, data: { answers: ANSWERS } })).status()).toBe(200);
      const submitted = await page.request.post(`${h.url}/api/applications/${id}/submit`, { headers });
      expect(submitted.status()).toBe(201);
      const { caseId } = (await submitted.json()) as { caseId: string };
      await context.close();

      for (const [lang, viewport] of [
        ['es', PHONE],
        ['en', { width: 1280, height: 900 }],
        ['es', { width: 1280, height: 900 }],
        ['en', PHONE],
      ] as const) {
        const ctx = await h.browser.newContext({ viewport });
        const view = await newPage(ctx);
        await signInNavigator(view.page, lang);
        const row = view.page.getByTestId('client-row').filter({ hasText: 'Rosa Díaz' });
        // The client's case, in the client's language (Spanish), whatever the intermediary reads the page in.
        await expect.poll(() => row.getByTestId('client-state').textContent()).toBe('Enviada');
        await shoot(view.page, `clients-list-${lang}-${viewport.width}`);
        expect(view.problems).toEqual([]);
        await ctx.close();
      }
      expect(problems).toEqual([]);

      const detail = await apiAs<{ application: { consent: { statement: string; confirmedBy: string } }; messages: { to: string }[] }>(
        h.url,
        STAFF.caseworker,
        'GET',
        `/api/cases/${caseId}`,
      );
      expect(detail.body.application.consent.statement).toMatch(/^Rosa Díaz acepta/);
      const users = await apiAs<{ id: string; email: string }[]>(
        h.url,
        { email: 'admin@example.org', password: 'admin-password-for-tests' },
        'GET',
        '/api/users',
      );
      const navigatorId = (Array.isArray(users.body) ? users.body : (users.body as unknown as { items: { id: string; email: string }[] }).items).find(
        (u) => u.email === STAFF.navigator.email,
      )!.id;
      expect(detail.body.application.consent.confirmedBy).toBe(navigatorId);
      expect(detail.body.messages.map((m) => m.to).sort()).toEqual(['applicant', navigatorId].sort());
    });
  },
);
