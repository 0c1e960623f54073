/**
 * The guided start, end to end against the real server and Debian's Chromium, with no JSON typed: an analyst makes
 * a food-parcel program in English and Spanish from its template (the id suggested from the name), and the draft
 * opens with 0 errors and its test cases passing; a taken id is refused at its field. axe finds 0 violations on
 * each step at phone and desktop width, in English and Spanish; screenshots of each step are saved.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { axeViolations, describeInBrowser, type Harness, newPage, PHONE, screenshot, signInStudio, STAFF } from './support/harness.ts';

let h: Harness;
const DESKTOP = { width: 1280, height: 900 };

async function noViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${where}:\n${violations.join('\n')}`).toEqual([]);
}

const WORDS = {
  en: {
    newProgram: 'New program',
    template: /^Food parcel/,
    next: 'Continue',
    create: 'Create the draft',
    name: 'Program name',
    id: 'Program id',
    owner: 'Your organisation',
    spanish: 'Spanish too',
    nameEs: 'Program name in Spanish',
    step2: 'Name and languages',
  },
  es: {
    newProgram: 'Nuevo programa',
    template: /^Paquete de alimentos/,
    next: 'Continuar',
    create: 'Crear el borrador',
    name: 'Nombre del programa',
    id: 'Identificador del programa',
    owner: 'Su organización',
    spanish: 'También en español',
    nameEs: 'Nombre del programa en español',
    step2: 'Nombre e idiomas',
  },
} as const;

describeInBrowser(
  'studio: new program from a template',
  (harness) => {
    h = harness;
  },
  () => {
    for (const lang of ['en', 'es'] as const) {
      const w = WORDS[lang];
      const name = lang === 'en' ? 'Harbour Pantry weekly parcels' : 'Harbour Pantry paquetes';
      const id = lang === 'en' ? 'harbour-pantry-weekly-parcels' : 'harbour-pantry-paquetes';

      it(`${lang}: makes a food-parcel program in English and Spanish with no JSON; the draft opens with 0 errors and its tests passing`, async () => {
        for (const viewport of [PHONE, DESKTOP]) {
          const wide = viewport === DESKTOP;
          const context = await h.browser.newContext({ viewport });
          const { page, problems } = await newPage(context);
          await signInStudio(page, h.url, STAFF.analyst, lang);
          await page.getByRole('link', { name: w.newProgram }).click();
          await page.getByRole('heading', { level: 1, name: w.newProgram }).waitFor();
          await noViolations(page, `${lang} ${viewport.width} step 1`);
          // Continuing without a choice is refused at the choice.
          await page.getByRole('button', { name: w.next }).click();
          await expect.poll(() => page.locator('.usa-error-message').count()).toBe(1);
          await noViolations(page, `${lang} ${viewport.width} step 1 with an error`);
          await screenshot(page, `studio-new-1-${lang}-${viewport.width}`);
          await page.locator('label.usa-radio__label', { hasText: w.template }).click();
          await page.getByRole('button', { name: w.next }).click();
          await page.getByRole('heading', { level: 2, name: new RegExp(w.step2) }).waitFor();
          expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H2');

          await page.getByLabel(w.name, { exact: true }).fill(name);
          expect(await page.getByLabel(w.id).inputValue()).toBe(id);
          await page.getByLabel(w.owner).fill('Harbour Pantry');
          expect(await page.getByLabel(w.spanish).isChecked()).toBe(true);
          if (wide) await page.getByLabel(w.nameEs).fill('Paquetes semanales de Harbour Pantry');
          await noViolations(page, `${lang} ${viewport.width} step 2`);
          await screenshot(page, `studio-new-2-${lang}-${viewport.width}`);
          await page.getByRole('button', { name: w.next }).click();

          await page.getByRole('button', { name: w.create }).waitFor();
          expect(await page.locator('.new-program-review').innerText()).toContain(id);
          await noViolations(page, `${lang} ${viewport.width} step 3`);
          await screenshot(page, `studio-new-3-${lang}-${viewport.width}`);
          if (!wide) {
            await context.close();
            continue;
          }
          await page.getByRole('button', { name: w.create }).click();
          await page.waitForURL(`**/studio/programs/${id}/draft`);
          const check = page.getByTestId('check-state');
          await check.filter({ hasText: /Checked in|Comprobado en|Revisado en/ }).waitFor({ timeout: 30_000 });
          const line = await check.innerText();
          expect(line).toMatch(/(Errors|Errores): 0\./);
          expect(line).toMatch(/6 (of|de) 6/);
          await screenshot(page, `studio-new-draft-${lang}-${viewport.width}`);
          // The draft is the new program's version 1, and nothing was published.
          const listed = (await page.evaluate(async () => (await fetch('/api/programs')).json())) as { id: string; current: unknown }[];
          expect(listed.find((p) => p.id === id)).toMatchObject({ current: null });
          expect(problems).toEqual([]);
          await context.close();
        }
      });
    }

    it('refuses an id that is taken, at its field: known when the page opened, or taken meanwhile (the server says so)', async () => {
      const context = await h.browser.newContext({ viewport: DESKTOP });
      const { page } = await newPage(context);
      await signInStudio(page, h.url, STAFF.analyst);
      await page.goto(`${h.url}/studio/new`);
      await page.locator('label.usa-radio__label', { hasText: /^Cash amount/ }).click();
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByLabel('Program name', { exact: true }).fill('Community food bank');
      await page.getByLabel('Program id').fill('community-food-bank');
      await page.getByLabel('Your organisation').fill('Harbour Pantry');
      await page.getByRole('button', { name: 'Continue' }).click();
      const error = page.locator('#new-id-error');
      await error.waitFor();
      expect(await error.innerText()).toBe('A program with the id "community-food-bank" already exists. Choose another id.');
      expect(await page.getByLabel('Program id').getAttribute('aria-invalid')).toBe('true');
      await page.getByLabel('Program id').fill('Cash Aid');
      await page.getByRole('button', { name: 'Continue' }).click();
      await expect.poll(() => error.innerText()).toContain('The program id "Cash Aid" cannot be used');
      await noViolations(page, 'step 2 with an error');

      // Someone else takes the id while this page is open: the server's 409 comes back at the id field, on step 2.
      await page.getByLabel('Program id').fill('harbour-cash');
      const login = await fetch(`${h.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: STAFF.analyst2.email, password: STAFF.analyst2.password }),
      });
      const { token } = (await login.json()) as { token: string };
      const taken = await fetch(`${h.url}/api/programs/from-template`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ template: 'cash-aid', id: 'harbour-cash', title: 'Harbour cash', owner: 'Harbour', languages: ['en'] }),
      });
      expect(taken.status).toBe(201);
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('button', { name: 'Create the draft' }).click();
      await expect
        .poll(() => error.innerText())
        .toBe('A program with the id "harbour-cash" already exists. Choose another id, or open that program to start a new version of it.');
      expect(await page.getByLabel('Program id').getAttribute('aria-invalid')).toBe('true');
      await context.close();
    });
  },
  { studio: true },
);
