/**
 * The parameter tables of the studio, against the real server and Debian's Chromium (issue #11, Done-when (b)): an
 * analyst opens a draft of SNAP's FY2026 version, adds a FY2027 column to the maximum allotment and types new
 * amounts for a few household sizes with the keyboard only; the JSON tab shows the new dated value and Compare shows
 * exactly that change in words and nothing else. Then, in Spanish: adding a parameter (refused with reasons first),
 * deleting one after the warning of where a used one is named; axe 0 on the builder at phone and desktop width, in
 * English and Spanish, with screenshots of each.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { axeViolations, describeInBrowser, type Harness, newPage, screenshot, signInStudio, STAFF } from './support/harness.ts';

let h: Harness;

const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 900 };

async function expectNoViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${where}:\n${violations.join('\n')}`).toEqual([]);
}

async function waitChecked(page: Page): Promise<void> {
  await page
    .getByTestId('check-state')
    .filter({ hasText: /ms|Checked in|Comprobado/ })
    .waitFor({ timeout: 30_000 });
}

async function waitSaved(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state'), { timeout: 15_000 }).toBe('saved');
}

/** The value of the cell input with this accessible name. */
const cell = (page: Page, name: string) => page.getByRole('textbox', { name, exact: true });

describeInBrowser(
  'studio: parameter tables',
  (harness) => (h = harness),
  () => {
    it('adds a FY2027 column to the maximum allotment by keyboard; the JSON and Compare show exactly that change', async () => {
      const context = await h.browser.newContext({ viewport: DESKTOP });
      const { page, problems } = await newPage(context);
      await signInStudio(page, h.url, STAFF.analyst);
      await page.goto(`${h.url}/studio/programs/us-snap`);
      await page.getByRole('button', { name: /^New draft from version 5$/ }).click();
      await waitChecked(page);
      await page.getByRole('tab', { name: /^Parameters/ }).click();
      const builder = page.getByTestId('builder-parameters');
      await builder.waitFor();
      await page.getByRole('heading', { level: 3, name: 'Maximum monthly SNAP allotment' }).waitFor();
      // The newest value at a glance, formatted as money.
      expect(await page.locator('.mandate-param-list tbody tr').first().textContent()).toContain('$298 … $1,789');
      await expectNoViolations(page, 'parameters builder (en, desktop)');
      await screenshot(page, 'studio-parameters-en-desktop');

      // Keyboard only from here: the date field, a date that is not after the last column, then FY2027's (from 2026-10-01).
      const date = page.getByLabel('Add a column from', { exact: true });
      await date.focus();
      expect(await date.inputValue()).toBe('2026-10-01');
      await page.keyboard.press('Control+a');
      await page.keyboard.type('2025-10-01');
      await page.keyboard.press('Enter');
      await page.getByRole('alert').filter({ hasText: 'The new column must start after 2025-10-01' }).waitFor();
      await page.keyboard.press('Control+a');
      await page.keyboard.type('2026-10-01');
      await page.keyboard.press('Enter');
      await page.getByRole('columnheader', { name: 'From 2026-10-01' }).waitFor();
      // The new column is a copy of the last one, and the focus is in its first cell.
      const first = cell(page, 'Maximum monthly SNAP allotment, household size 1, from 2026-10-01');
      await expect.poll(() => first.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await first.inputValue()).toBe('298');
      expect(await cell(page, 'Maximum monthly SNAP allotment, each household size above 8, from 2026-10-01').inputValue()).toBe('218');
      await page.keyboard.press('Control+a');
      await page.keyboard.type('305');
      // Enter goes down the column (its text selected): household size 2 stays, 3 changes.
      await page.keyboard.press('Enter');
      await page.keyboard.press('Enter');
      await page.keyboard.type('800');
      await page.keyboard.press('Tab');
      expect(await cell(page, 'Maximum monthly SNAP allotment, household size 3, from 2026-10-01').inputValue()).toBe('800');
      expect(await cell(page, 'Maximum monthly SNAP allotment, household size 2, from 2026-10-01').inputValue()).toBe('546');
      // A wrong text is kept on screen with its reason and changes nothing.
      const four = cell(page, 'Maximum monthly SNAP allotment, household size 4, from 2026-10-01');
      await four.focus();
      await page.keyboard.press('Control+a');
      await page.keyboard.type('1,000');
      await page.getByText('Type a number such as 1789 or 0.2, without $ or thousands separators.').waitFor();
      expect(await four.getAttribute('aria-invalid')).toBe('true');
      await page.keyboard.press('Control+a');
      await page.keyboard.type('994');
      await page.keyboard.press('Tab');
      await waitSaved(page);
      await waitChecked(page);
      await expectNoViolations(page, 'parameters builder with a new column (en, desktop)');
      await screenshot(page, 'studio-parameters-en-desktop-new-column');

      // The JSON of the part shows the new dated value at once.
      await page.getByRole('button', { name: 'JSON', exact: true }).click();
      await page.locator('.monaco-editor').first().waitFor();
      await page.locator('.monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+f');
      await page.keyboard.type('"2026-10-01"');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
      await expect
        .poll(async () => ((await page.locator('.monaco-editor .view-lines').first().textContent()) ?? '').replace(/\u00a0/g, ' '), {
          timeout: 10_000,
        })
        .toMatch(/"2026-10-01": \{\s*"rows": \{\s*"1": 305,\s*"2": 546,\s*"3": 800,/);
      expect(problems).toEqual([]);

      // Compare (the version in force against the draft): exactly the two typed rows, in words.
      await page.getByRole('link', { name: 'Compare versions' }).click();
      const words = page.getByTestId('diff-words');
      await words.waitFor({ timeout: 15_000 });
      expect(await words.locator('li').allTextContents()).toEqual([
        'AddedMaximum monthly SNAP allotment, household size 1: $298 → $305 from 2026-10-01',
        'AddedMaximum monthly SNAP allotment, household size 3: $785 → $800 from 2026-10-01',
      ]);
      await screenshot(page, 'studio-parameters-compare');
      expect(problems).toEqual([]);
      await context.close();
    });

    for (const lang of ['en', 'es'] as const) {
      it(`adds and deletes parameters with the uses shown first; axe 0 on phone and desktop (${lang})`, async () => {
        const w =
          lang === 'en'
            ? {
                tab: /^Parameters/,
                add: 'Add a parameter',
                create: 'Add parameter',
                name: 'Name used in formulas',
                kind: 'Kind',
                desc: 'Description',
              }
            : {
                tab: /^Parámetros/,
                add: 'Añadir un parámetro',
                create: 'Añadir parámetro',
                name: 'Nombre que usan las fórmulas',
                kind: 'Tipo',
                desc: 'Descripción',
              };
        for (const viewport of [PHONE, DESKTOP]) {
          const size = viewport === PHONE ? 'phone' : 'desktop';
          const context = await h.browser.newContext({ viewport });
          const { page, problems } = await newPage(context);
          await signInStudio(page, h.url, STAFF.analyst, lang);
          await page.goto(`${h.url}/studio/programs/us-snap/draft`);
          await waitChecked(page);
          await page.getByRole('tab', { name: w.tab }).click();
          await page.getByTestId('builder-parameters').waitFor();
          await page.locator('.mandate-param h3').waitFor();
          await expectNoViolations(page, `parameters builder (${lang}, ${size})`);
          await screenshot(page, `studio-parameters-${lang}-${size}`);
          if (viewport === DESKTOP) {
            // A new parameter: refused with a reason per field, then added as a yes/no value.
            await page.getByRole('button', { name: w.add }).click();
            const form = page.getByRole('form', { name: lang === 'en' ? 'New parameter' : 'Parámetro nuevo' });
            await form.getByLabel(w.name).fill('max_allotment');
            await form.getByRole('button', { name: w.create, exact: true }).click();
            await page.locator('.usa-error-message').first().waitFor();
            expect(await form.locator('.usa-error-message').allTextContents()).toEqual(
              lang === 'en'
                ? ['A parameter named "max_allotment" exists: choose another name.', 'Write what the value is: the format needs a description.']
                : [
                    'Ya existe un parámetro llamado «max_allotment»: elija otro nombre.',
                    'Escriba qué es el valor: el formato necesita una descripción.',
                  ],
            );
            await expectNoViolations(page, `new parameter with errors (${lang})`);
            await screenshot(page, `studio-parameters-${lang}-add-errors`);
            const name = `pilot_${lang}`;
            await form.getByLabel(w.name).fill(name);
            await form.getByLabel(w.kind).selectOption('yesno');
            await form.getByLabel(w.desc, { exact: true }).fill('Whether the pilot county rules apply.');
            await form.getByRole('button', { name: w.create, exact: true }).click();
            await page.getByRole('heading', { level: 3, name: 'Whether the pilot county rules apply' }).waitFor();
            await page.getByTestId('parameters-status').filter({ hasText: name }).waitFor();
            // Unused, so the engine says so beside it; deleting it warns of no uses.
            await page.locator('.mandate-param .mandate-field-problem').filter({ hasText: name }).waitFor({ timeout: 15_000 });
            // "Go to" from the problems list focuses the control that edits the place.
            await page.getByRole('button', { name: `/parameters/${name}`, exact: true }).click();
            await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-pointer'))).toBe(`/parameters/${name}`);
            await page.getByRole('button', { name: lang === 'en' ? 'Delete this parameter' : 'Eliminar este parámetro' }).click();
            await page
              .getByText(
                lang === 'en' ? 'No formula, condition, message or deadline uses it.' : 'Ninguna fórmula, condición, mensaje ni plazo lo usa.',
              )
              .waitFor();
            await page.getByRole('button', { name: lang === 'en' ? `Delete ${name}` : `Eliminar ${name}` }).click();
            await page.getByTestId('parameters-status').filter({ hasText: name }).waitFor();
            expect(await page.locator('.mandate-param-list code').filter({ hasText: name }).count()).toBe(0);

            // A used parameter: the warning lists where it is named, and cancelling keeps it.
            await page.getByRole('button', { name: 'Maximum monthly SNAP allotment', exact: true }).click();
            await page.getByRole('button', { name: lang === 'en' ? 'Delete this parameter' : 'Eliminar este parámetro' }).click();
            const uses = page.getByTestId('parameter-uses');
            await uses.waitFor();
            expect(await uses.locator('code').allTextContents()).toEqual(['/derived/maxAllotment/formula', '/benefits/0/formula']);
            await expectNoViolations(page, `delete warning (${lang})`);
            await screenshot(page, `studio-parameters-${lang}-delete-warning`);
            await page.getByRole('button', { name: lang === 'en' ? 'Cancel' : 'Cancelar', exact: true }).click();
            expect(await page.getByRole('heading', { level: 3, name: 'Maximum monthly SNAP allotment' }).count()).toBe(1);
            // A scalar and a table elsewhere in the list, searched for.
            await page.getByLabel(lang === 'en' ? 'Search parameters' : 'Buscar parámetros').fill('asset');
            expect(await page.locator('.mandate-param-list tbody tr').count()).toBe(2);
            await page.getByRole('button', { name: 'Countable resources limit for a household with no member aged 60 or over or disabled' }).click();
            await page
              .getByRole('textbox', {
                name: lang === 'en' ? /^Countable resources .*, from 2024-10-01$/ : /^Countable resources .*, desde el 2024-10-01$/,
              })
              .waitFor();
            await expectNoViolations(page, `a scalar parameter (${lang})`);
            await waitSaved(page);
          }
          expect(problems).toEqual([]);
          await context.close();
        }
      });
    }
  },
  { studio: true },
);
