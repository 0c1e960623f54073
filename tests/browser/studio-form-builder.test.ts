/**
 * The form builder in the studio, against the real server and Debian's Chromium, with no JSON typed: on a draft of
 * the community food bank an analyst adds a page, a money question and a yes/no question with help text, makes one
 * required, shows the money question only when the answer is yes, moves the new page first by keyboard (dnd-kit's
 * keyboard sensor) and renames the money question; the JSON tab and the saved draft show each change and the preview
 * shows the new questions. Everything is done from the keyboard. axe finds nothing on the builder at phone and
 * desktop width, in English and Spanish.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { axeViolations, describeInBrowser, type Harness, newPage, screenshot, signInStudio, STAFF } from './support/harness.ts';
import { draftDoc, freshDraft as freshProgramDraft } from './support/api.ts';

let h: Harness;
const PHONE = { width: 375, height: 900 };
const DESKTOP = { width: 1280, height: 1000 };

/** A fresh draft of the food bank program, from its version in force. */
const freshDraft = () => freshProgramDraft(h.url, STAFF.analyst, 'community-food-bank');

/** The draft's document as the server holds it. */
const savedDoc = () => draftDoc<Record<string, any>>(h.url, STAFF.analyst, 'community-food-bank');

async function openFormBuilder(page: Page, lang: 'en' | 'es'): Promise<void> {
  await signInStudio(page, h.url, STAFF.analyst, lang);
  await page.goto(`${h.url}/studio/programs/community-food-bank/draft`);
  await page.getByTestId('check-state').filter({ hasText: /ms/ }).waitFor({ timeout: 30_000 });
  await page.getByRole('tab', { name: lang === 'en' ? /^Form/ : /^Formulario/ }).click();
  await page.getByTestId('form-builder').waitFor();
}

async function expectNoViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${where}:\n${violations.join('\n')}`).toEqual([]);
}

/** Focuses a control and types into it, as a keyboard user would after tabbing to it. */
async function type(page: Page, label: string | RegExp, text: string): Promise<void> {
  const field = page.getByTestId('form-builder').getByLabel(label, { exact: typeof label === 'string' });
  await field.focus();
  await page.keyboard.press('Control+a');
  await page.keyboard.type(text);
}

async function press(page: Page, name: string | RegExp, key = 'Enter'): Promise<void> {
  await page
    .getByTestId('form-builder')
    .getByRole('button', { name, exact: typeof name === 'string' })
    .focus();
  await page.keyboard.press(key);
}

describeInBrowser(
  'studio: the form builder',
  (harness) => (h = harness),
  () => {
    it('builds a page with a money and a yes/no question by keyboard alone; the JSON, the saved draft and the preview follow', async () => {
      await freshDraft();
      const context = await h.browser.newContext({ viewport: DESKTOP });
      const { page, problems } = await newPage(context);
      await openFormBuilder(page, 'en');
      const builder = page.getByTestId('form-builder');

      // A page.
      await type(page, 'Title of the new page', 'Money and benefits');
      await page.keyboard.press('Enter');
      await builder.getByRole('heading', { name: 'Page: Money and benefits' }).waitFor();

      // A yes/no question with help text, required.
      await builder.getByLabel('Type of question').focus();
      await builder.getByLabel('Type of question').selectOption({ label: 'Yes or no' });
      await type(page, /^Question$/, 'Do you get SNAP benefits?');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('fb-doYouGetSnapBenefits-title');
      await type(page, 'Help text', 'SNAP is sometimes called food stamps.');
      await builder.getByLabel('The applicant must answer this question').focus();
      await page.keyboard.press('Space');
      await press(page, /^Close\W+Do you get SNAP benefits\?$/);

      // A money question with help text, shown only when the answer is yes.
      await builder.getByLabel('Type of question').selectOption({ label: 'Amount of money' });
      await type(page, /^Question$/, 'Rent each month');
      await page.keyboard.press('Enter');
      await type(page, 'Help text', 'What you pay for your home, before any help.');
      await builder.getByTestId('fb-question-rentEachMonth').getByLabel('Only when another answer says so').focus();
      await page.keyboard.press('Space');
      await builder.getByLabel('Answer to').selectOption({ label: 'Do you get SNAP benefits?' });
      await expect.poll(() => builder.getByLabel('Value', { exact: true }).inputValue()).toBe('true');

      // Rename its id.
      await type(page, /^Id/, 'monthlyRent');
      await page.keyboard.press('Enter');
      await builder.getByTestId('fb-question-monthlyRent').waitFor();
      await screenshot(page, 'studio-form-builder-en-desktop-question');

      // Move the new page first, by keyboard on its drag handle, then back down one with Move down, and up again.
      const handle = builder.getByRole('button', { name: 'Drag page Money and benefits' });
      // Picked up (the handle is pressed), then each move waits for dnd-kit's announcement of the one before.
      const announced = (text: string) => page.locator('[id^="DndLiveRegion"]').filter({ hasText: text }).waitFor({ state: 'attached' });
      await handle.focus();
      await page.keyboard.press('Space');
      await expect.poll(() => handle.getAttribute('aria-pressed')).toBe('true');
      // The food bank has three pages (where, household, contact), so the new one starts fourth.
      await page.keyboard.press('ArrowUp');
      await announced('Page Money and benefits is over position 3.');
      await page.keyboard.press('ArrowUp');
      await announced('Page Money and benefits is over position 2.');
      await page.keyboard.press('ArrowUp');
      await announced('Page Money and benefits is over position 1.');
      await page.keyboard.press('Space');
      await expect.poll(() => builder.locator('.mandate-fb-page__name').first().textContent()).toMatch(/^Page 1: Money and benefits/);
      await press(page, /^Move down\W+Money and benefits$/);
      await expect.poll(() => builder.locator('.mandate-fb-page__name').nth(1).textContent()).toMatch(/^Page 2: Money and benefits/);
      await press(page, /^Move up\W+Money and benefits$/);
      await expect.poll(() => builder.locator('.mandate-fb-page__name').first().textContent()).toMatch(/^Page 1: Money and benefits/);

      // The saved draft holds exactly that.
      await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state'), { timeout: 15_000 }).toBe('saved');
      const doc = await savedDoc();
      expect(doc.form.pages.map((p: { id: string }) => p.id)).toEqual(['money-and-benefits', 'where', 'household', 'contact']);
      expect(doc.form.pages[0].fields).toEqual(['doYouGetSnapBenefits', 'monthlyRent']);
      expect(doc.form.schema.properties.doYouGetSnapBenefits).toEqual({
        type: 'boolean',
        title: 'Do you get SNAP benefits?',
        description: 'SNAP is sometimes called food stamps.',
      });
      expect(doc.form.schema.required).toContain('doYouGetSnapBenefits');
      expect(doc.form.schema.allOf).toEqual([
        {
          if: { properties: { doYouGetSnapBenefits: { const: true, type: 'boolean' } }, required: ['doYouGetSnapBenefits'] },
          then: {
            properties: {
              monthlyRent: { type: 'number', title: 'Rent each month', minimum: 0, description: 'What you pay for your home, before any help.' },
            },
          },
        },
      ]);
      expect(doc.form.uiSchema.monthlyRent).toEqual({ 'ui:options': { unit: 'USD' } });
      expect(doc.form.uiSchema['ui:order']).toEqual(expect.arrayContaining(['doYouGetSnapBenefits', 'monthlyRent']));
      expect(JSON.stringify(doc)).not.toContain('rentEachMonth');
      // The engine finds no errors (only the Spanish translations it now misses, as warnings).
      await page
        .getByTestId('check-state')
        .filter({ hasText: /Errors: 0\./ })
        .waitFor({ timeout: 15_000 });

      // The JSON of the form shows the change at once.
      await page.getByRole('button', { name: 'JSON', exact: true }).click();
      await page.locator('.monaco-editor').first().waitFor();
      await page.locator('.monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+f');
      await page.keyboard.type('"monthlyRent"');
      await expect.poll(() => page.locator('.find-widget .matchesCount').first().textContent(), { timeout: 10_000 }).toMatch(/^\d+ of [2-9]$/);
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Builder', exact: true }).click();
      await page.getByTestId('form-builder').waitFor();

      // The preview shows the new page's questions; the money question once the answer is yes.
      await page.getByRole('tab', { name: /^Preview/ }).click();
      const preview = page.getByTestId('preview');
      await preview.getByRole('group', { name: /Do you get SNAP benefits\?/ }).waitFor();
      expect(await preview.getByText('SNAP is sometimes called food stamps.').count()).toBe(1);
      expect(await preview.getByLabel(/Rent each month/).count()).toBe(0);
      await preview.getByLabel('Yes', { exact: true }).focus();
      await page.keyboard.press('Space');
      await preview.getByLabel(/Rent each month/).waitFor();
      await screenshot(page, 'studio-form-builder-en-desktop-preview');
      expect(problems).toEqual([]);
      await context.close();
    });

    it('has no axe violations on the builder, with a question open, at phone and desktop width, in English and Spanish', async () => {
      await freshDraft();
      for (const lang of ['en', 'es'] as const) {
        for (const viewport of [DESKTOP, PHONE]) {
          const size = viewport === PHONE ? 'phone' : 'desktop';
          const context = await h.browser.newContext({ viewport });
          const { page, problems } = await newPage(context);
          await openFormBuilder(page, lang);
          await page.getByTestId('check-state').filter({ hasText: /ms/ }).waitFor({ timeout: 30_000 });
          await expectNoViolations(page, `form builder (${lang}, ${size})`);
          const builder = page.getByTestId('form-builder');
          // The household page, its income question open, with a condition.
          await builder.locator('.mandate-fb-page__name').nth(1).click();
          await builder
            .getByTestId('fb-question-monthlyIncome')
            .getByRole('button', { name: lang === 'en' ? /^Edit/ : /^Editar/ })
            .click();
          await builder.locator('label[for="fb-monthlyIncome-condition-when"]').click();
          await builder.locator('#fb-monthlyIncome-condition-question').waitFor();
          await expectNoViolations(page, `form builder, question open (${lang}, ${size})`);
          // Nothing wider than the screen.
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
          await screenshot(page, `studio-form-builder-${lang}-${size}`);
          expect(problems).toEqual([]);
          await context.close();
        }
      }
    });
  },
  { studio: true },
);
