/**
 * The CSV export column chooser (issue 15) in the browser against the real server: an administrator reaches it from
 * the dashboard, sees the masking rule, is told when no column is checked, checks columns and an answer of the
 * rental program, saves through `PUT /api/settings`, and the export then has those columns (masked for an analyst).
 * English and Spanish at 390 and 1280 px, screenshots, axe on each.
 */
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiAs } from './support/api.ts';
import { ADMINISTRATOR, axeViolations, describeInBrowser, type Harness, newPage, PHONE, ROOT, signIn, STAFF } from './support/harness.ts';

let h: Harness;
const SHOTS = path.join(ROOT, '..', '..', 'shots', 'h15');

async function shoot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  const violations = await axeViolations(page);
  expect(violations, name).toEqual([]);
}

const WORDS = {
  en: {
    link: 'Choose the columns of the CSV export',
    heading: 'CSV export columns',
    none: 'Choose at least one column',
    save: 'Save the columns',
    saved: 'The export columns are saved.',
    state: 'Case state',
    mask: 'those cells read ***',
  },
  es: {
    link: 'Elegir las columnas de la exportación CSV',
    heading: 'Columnas de la exportación CSV',
    none: 'Elija al menos una columna',
    save: 'Guardar las columnas',
    saved: 'Se guardaron las columnas de la exportación.',
    state: 'Estado del caso',
    mask: 'esas celdas dicen ***',
  },
} as const;

describeInBrowser(
  'the CSV export column chooser',
  (harness) => (h = harness),
  () => {
    it('lets an administrator choose the columns, with the masking rule shown, in English and Spanish', async () => {
      for (const [lang, viewport] of [
        ['en', { width: 1280, height: 900 }],
        ['es', PHONE],
        ['en', PHONE],
        ['es', { width: 1280, height: 900 }],
      ] as const) {
        const w = WORDS[lang];
        const context = await h.browser.newContext({ viewport });
        const { page, problems } = await newPage(context);
        await signIn(page, h.url, ADMINISTRATOR);
        await page.goto(`${h.url}/staff/dashboard${lang === 'es' ? '?lang=es' : ''}`);
        await page.getByRole('link', { name: w.link }).click();
        await page.getByRole('heading', { level: 1, name: w.heading }).waitFor();
        await expect(page.getByTestId('masking-rule').textContent()).resolves.toContain(w.mask);
        await page.locator('label[for="column-answer-householdSize"]').waitFor();
        // Uncheck every column: saving is refused with a message, nothing is saved.
        const checked = () => page.locator('input[type=checkbox]:checked').evaluateAll((l) => l.map((e) => e.id));
        for (let i = 0; i < 40; i++) {
          const ids = await checked();
          if (ids.length === 0) break;
          await page.locator(`label[for="${ids[0]}"]`).click();
        }
        await expect.poll(checked).toEqual([]);
        await page.getByRole('button', { name: w.save }).click();
        await page.getByText(w.none).waitFor();
        await page.locator('label', { hasText: w.state }).click();
        await page.locator('label[for="column-case"]').click();
        await page.locator('label[for="column-answer-householdSize"]').click();
        await shoot(page, `export-settings-${lang}-${viewport.width}`);
        await page.getByRole('button', { name: w.save }).click();
        await page.getByText(w.saved).waitFor();
        const saved = await apiAs<{ exportColumns: string[] }>(h.url, ADMINISTRATOR, 'GET', '/api/settings');
        expect(saved.body.exportColumns).toEqual(['case', 'state', 'answer:householdSize']);
        expect(problems).toEqual([]);
        await context.close();
      }
      // The analyst's export has the columns, the answer masked.
      const csv = await fetch(`${h.url}/api/programs/emergency-rental-assistance/dashboard.csv?from=2020-01-01&to=2030-12-31`, {
        headers: {
          authorization: `Bearer ${(await apiAs<{ token: string }>(h.url, STAFF.analyst, 'POST', '/api/auth/login', { email: STAFF.analyst.email, password: STAFF.analyst.password })).body.token}`,
        },
      });
      expect((await csv.text()).split(/\r?\n/)[0]).toBe('case,state,answer:householdSize');
    });
  },
);
