/**
 * The translations grid against the real server and Debian's Chromium: in a draft of the community food bank,
 * changing an English question title in the definition's JSON marks its Spanish translation stale in the grid (the
 * old and the new English shown, the stale filter finding it); "Mark as still correct", used from the keyboard,
 * clears it; editing a Spanish cell saves the translation with its English source; "Add a language" refuses a bad
 * code and adds a column. axe finds no violation on the grid at phone width (one language at a time, with a switch)
 * and desktop width (a column per language), in English and in Spanish; screenshots of each are kept.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { axeViolations, describeInBrowser, type Harness, newPage, PHONE, screenshot, signInStudio, STAFF } from './support/harness.ts';
import { apiAs, freshDraft as freshProgramDraft } from './support/api.ts';

let h: Harness;
const PROGRAM = 'community-food-bank';
const NAME_TITLE = '/form/schema/properties/name/title';
const DESKTOP = { width: 1280, height: 1000 };

const api = <T>(method: string, route: string, body?: unknown, headers: Record<string, string> = {}) =>
  apiAs<T>(h.url, STAFF.analyst, method, route, body, headers);

/** A fresh draft of the program from its version in force. */
const freshDraft = () => freshProgramDraft(h.url, STAFF.analyst, PROGRAM);

async function draftDoc(): Promise<Record<string, any>> {
  return (await api<{ doc: Record<string, any> }>('GET', `/api/programs/${PROGRAM}/draft`)).body.doc;
}

async function waitChecked(page: Page): Promise<void> {
  await page.getByTestId('check-state').filter({ hasText: /ms/ }).waitFor({ timeout: 30_000 });
}

async function waitSaved(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state'), { timeout: 15_000 }).toBe('saved');
}

/** Replaces the first occurrence of `find` in the open editor with monaco's own find and replace. */
async function replaceInEditor(page: Page, find: string, replace: string): Promise<void> {
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Control+h');
  await page.getByRole('textbox', { name: 'Find' }).fill(find);
  await page.getByRole('textbox', { name: 'Replace' }).fill(replace);
  await page.getByRole('textbox', { name: 'Replace' }).press('Enter');
  await page.keyboard.press('Escape');
}

const nameCell = (page: Page) => page.locator(`[data-testid="translation-row"][data-text-pointer="${NAME_TITLE}"] [data-testid="translation-cell"]`);

async function expectNoViolations(page: Page, what: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${what}:\n${violations.join('\n')}`).toEqual([]);
}

describeInBrowser(
  'studio: the translations grid marks, clears and saves stale translations',
  (harness) => (h = harness),
  () => {
    it('marks the Spanish of a retitled question stale, clears it with "Mark as still correct", and saves an edited cell', async () => {
      await freshDraft();
      const context = await h.browser.newContext({ viewport: DESKTOP });
      const { page, problems } = await newPage(context);
      await signInStudio(page, h.url, STAFF.analyst);
      await page.goto(`${h.url}/studio/programs/${PROGRAM}/draft`);
      await waitChecked(page);

      // Every Spanish text starts up to date.
      await page.getByRole('tab', { name: /^Translations/ }).click();
      await page.getByTestId('translations-grid').waitFor();
      expect(await nameCell(page).getAttribute('data-state')).toBe('current');
      expect(await page.getByTestId('translation-counts-es').textContent()).toMatch(
        /Spanish \(es\): up to date: \d+, stale: 0, missing: 0, not checked: 0/,
      );

      // The English title changes in the definition's JSON.
      await page.getByRole('tab', { name: /^Definition/ }).click();
      await page.locator('.monaco-editor').first().waitFor();
      await replaceInEditor(page, '"title": "Your name"', '"title": "Your full name"');
      await waitSaved(page);
      await waitChecked(page);

      // The grid shows it stale, with the English it was translated from and the English now, and the engine's warning.
      await page.getByRole('tab', { name: /^Translations/ }).click();
      const cell = nameCell(page);
      await expect.poll(() => cell.getAttribute('data-state'), { timeout: 15_000 }).toBe('stale');
      expect(await cell.locator('del').textContent()).toBe('Your name');
      expect(await cell.locator('ins').textContent()).toBe('Your full name');
      await expect
        .poll(() => cell.locator('.mandate-field-problem').textContent(), { timeout: 15_000 })
        .toContain('was written for the English "Your name"');
      await page.getByRole('button', { name: 'Stale (1)' }).click();
      expect(await page.getByTestId('translation-row').count()).toBe(1);
      await expectNoViolations(page, 'translations grid, stale filter (desktop)');
      await screenshot(page, 'studio-translations-en-desktop-stale');
      await page.getByRole('button', { name: /^All texts/ }).click();

      // "Mark as still correct", from the keyboard, records the new English without changing the Spanish.
      await cell.getByRole('button', { name: 'Mark as still correct' }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => cell.getAttribute('data-state')).toBe('current');
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
      await waitSaved(page);
      expect((await draftDoc()).translations.es[NAME_TITLE]).toEqual({ text: 'Su nombre', source: 'Your full name' });
      await waitChecked(page);
      expect(await cell.locator('.mandate-field-problem').count()).toBe(0);

      // Editing the Spanish cell saves it with its English source.
      await cell.getByRole('textbox', { name: 'Spanish (es) translation of “Your full name”' }).fill('Su nombre completo');
      await waitSaved(page);
      expect((await draftDoc()).translations.es[NAME_TITLE]).toEqual({ text: 'Su nombre completo', source: 'Your full name' });
      expect(await nameCell(page).getAttribute('data-state')).toBe('current');
      await expectNoViolations(page, 'translations grid (desktop)');
      await screenshot(page, 'studio-translations-en-desktop-edited');

      // "Add a language" checks the code, then adds a column with every text missing.
      const code = page.getByRole('textbox', { name: 'Language code' });
      await code.fill('French');
      await page.getByRole('button', { name: 'Add the language' }).click();
      await page.getByRole('alert').filter({ hasText: 'two lowercase letters' }).waitFor();
      expect(await code.getAttribute('aria-invalid')).toBe('true');
      await code.fill('fr');
      await code.press('Enter');
      await page.getByTestId('translation-counts-fr').waitFor();
      expect(await page.getByTestId('translation-counts-fr').textContent()).toMatch(
        /^French \(fr\): up to date: 0, stale: 0, missing: (\d+), not checked: 0/,
      );
      expect(await nameCell(page).count()).toBe(2);
      await waitSaved(page);
      const added = await draftDoc();
      expect(added.languages).toEqual(['en', 'es', 'fr']);
      expect(added.translations.fr).toEqual({});
      expect(problems).toEqual([]);
      await context.close();
    });

    it('has no axe violations at phone and desktop width, in English and Spanish, with a stale and a missing cell', async () => {
      await freshDraft();
      const draft = (await api<{ doc: Record<string, any>; revision: number }>('GET', `/api/programs/${PROGRAM}/draft`)).body;
      draft.doc.form.schema.properties.name.title = 'Your full name';
      delete draft.doc.translations.es['/title'];
      // A second language, so that a phone shows one language at a time with a switch.
      draft.doc.languages = ['en', 'es', 'fr'];
      // Its one text in the older form, a plain string: "not checked" until marked as still correct.
      draft.doc.translations.fr = { '/title': 'Colis hebdomadaires de la banque alimentaire' };
      const saved = await api('PUT', `/api/programs/${PROGRAM}/draft`, draft.doc, { 'If-Match': String(draft.revision) });
      expect(saved.status, JSON.stringify(saved.body).slice(0, 300)).toBe(200);
      for (const lang of ['en', 'es'] as const) {
        // One page per language, narrowed to a phone and then widened to a desktop.
        const context = await h.browser.newContext({ viewport: PHONE });
        const { page, problems } = await newPage(context);
        await signInStudio(page, h.url, STAFF.analyst, lang);
        await page.goto(`${h.url}/studio/programs/${PROGRAM}/draft`);
        await waitChecked(page);
        await page.getByRole('tab', { name: lang === 'en' ? /^Translations/ : /^Traducciones/ }).click();
        await page.getByTestId('translations-grid').waitFor();
        for (const [size, viewport] of [
          ['phone', PHONE],
          ['desktop', DESKTOP],
        ] as const) {
          await page.setViewportSize(viewport);
          await expectNoViolations(page, `translations grid (${lang}, ${size})`);
          const titleCells = page.locator('[data-testid="translation-row"][data-text-pointer="/title"] [data-testid="translation-cell"]');
          if (size === 'phone') {
            // One language at a time: Spanish first, French after the switch.
            expect(await titleCells.locator('textarea:visible').getAttribute('lang')).toBe('es');
            await page.getByLabel(lang === 'en' ? 'Language shown' : 'Idioma que se muestra').selectOption('fr');
            expect(await titleCells.locator('textarea:visible').getAttribute('lang')).toBe('fr');
            // The filters count the language shown: French misses every text but the title, and has none stale.
            await page.getByRole('button', { name: lang === 'en' ? /^Stale \(0\)$/ : /^Desactualizadas \(0\)$/ }).click();
            await page.getByTestId('translations-none').waitFor();
            await page.getByRole('button', { name: lang === 'en' ? /^All texts/ : /^Todos los textos/ }).click();
          } else {
            expect(await titleCells.locator('textarea:visible').count()).toBe(2);
            expect(await page.getByLabel(lang === 'en' ? 'Language shown' : 'Idioma que se muestra').isVisible()).toBe(false);
          }
          if (lang === 'en' && size === 'desktop') {
            // The plain-string French title is not checked until marked as still correct, here for the whole language.
            expect(await titleCells.nth(1).getAttribute('data-state')).toBe('unchecked');
            await page.getByRole('button', { name: 'Mark the 1 not checked as still correct' }).click();
            await expect.poll(() => titleCells.nth(1).getAttribute('data-state')).toBe('current');
            await waitSaved(page);
            expect((await draftDoc()).translations.fr['/title']).toEqual({
              text: 'Colis hebdomadaires de la banque alimentaire',
              source: draft.doc.title,
            });
          }
          await screenshot(page, `studio-translations-${lang}-${size}`);
        }
        expect(problems).toEqual([]);
        await context.close();
      }
    });
  },
  { studio: true },
);
