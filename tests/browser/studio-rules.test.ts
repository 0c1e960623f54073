/**
 * The rules, derived-value and benefit builders end to end, against the real server and Debian's Chromium, with no
 * JSON typed: on a draft of the community food bank an analyst adds the rule "household size is at most 8" (fact
 * picked by its title, operator by its words), sees an unknown `{placeholder}` in its message marked and reported by
 * the engine, fixes it by inserting a name, and watches the draft's test results react (the household of nine now
 * fails); edits a derived value's formula (with completion) and sees its value for the tester's household update.
 * Conditions are added, moved and removed by keyboard alone, by buttons and by dnd-kit's keyboard drag. axe 0 on
 * each builder at phone and desktop width, in English and Spanish, with screenshots.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { axeViolations, describeInBrowser, type Harness, newPage, PHONE, screenshot, signInStudio, STAFF } from './support/harness.ts';
import { draftDoc, freshDraft as freshProgramDraft } from './support/api.ts';

let h: Harness;
const DESKTOP = { width: 1400, height: 1000 };

/** A fresh draft of the food bank program, from its version in force. */
const freshDraft = () => freshProgramDraft(h.url, STAFF.analyst, 'community-food-bank');

/** The draft's document as the server holds it. */
const savedDoc = () => draftDoc<Record<string, unknown>>(h.url, STAFF.analyst, 'community-food-bank');

async function waitSaved(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state'), { timeout: 15_000 }).toBe('saved');
}

async function openDraft(page: Page, lang: 'en' | 'es' = 'en'): Promise<void> {
  await signInStudio(page, h.url, STAFF.analyst, lang);
  await page.goto(`${h.url}/studio/programs/community-food-bank/draft`);
  await page.getByTestId('check-state').filter({ hasText: /ms/ }).waitFor({ timeout: 30_000 });
}

async function expectNoViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${where}:\n${violations.join('\n')}`).toEqual([]);
}

describeInBrowser(
  'studio: rules, derived values and benefits without JSON',
  (harness) => (h = harness),
  () => {
    it('adds a rule by its words, checks its message, and a formula edit shows the household’s new value', async () => {
      await freshDraft();
      const context = await h.browser.newContext({ viewport: DESKTOP });
      const { page, problems } = await newPage(context);
      await openDraft(page);
      const testsTab = page.getByRole('tab', { name: /^Tests/ });
      await expect.poll(() => testsTab.textContent(), { timeout: 15_000 }).toContain('9/9');

      await page.getByRole('tab', { name: /^Rules/ }).click();
      await page.getByTestId('builder-rules').waitFor();
      await page.getByRole('button', { name: 'Add a rule' }).click();
      const fresh = page.getByRole('region', { name: 'New rule' });
      await fresh.getByLabel('Title', { exact: true }).fill('Household size limit');
      const rule = page.getByRole('region', { name: 'Household size limit' });
      // The id follows the title.
      await expect.poll(() => rule.getByLabel('Id', { exact: true }).inputValue()).toBe('household-size-limit');
      await rule.getByRole('button', { name: 'Add condition' }).click();
      await rule.getByLabel('Fact', { exact: true }).fill('How many people live in your household, including you? (question)');
      await rule.getByLabel('Test', { exact: true }).selectOption({ label: 'is at most' });
      await rule.getByLabel('Value', { exact: true }).fill('8');
      // A placeholder naming nothing: marked in the message as it reads, and reported by the engine beside it.
      const fail = rule.getByLabel('When the rule fails', { exact: true });
      await fail.fill('A household of {householdSize} is more than one parcel can feed; call {helpLine}.');
      await rule.locator('mark[data-unknown="helpLine"]').waitFor();
      await rule.locator('.mandate-field-problem--error').filter({ hasText: '{helpLine}' }).waitFor({ timeout: 15_000 });
      await screenshot(page, 'studio-rules-unknown-placeholder');
      // "Go to" from the problems list focuses the message it names.
      await page.locator('.mandate-problem--error').filter({ hasText: '{helpLine}' }).getByRole('button', { name: '/rules/2/messages/fail' }).click();
      expect(await fail.evaluate((el) => el === document.activeElement)).toBe(true);
      // Fixed by inserting a name that exists, from the list of names.
      await fail.fill('A household of  is more than one parcel can feed.');
      await fail.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(15, 15));
      await rule.getByLabel('Insert a name in “When the rule fails”').selectOption('householdSize');
      await expect.poll(() => fail.inputValue()).toBe('A household of {householdSize} is more than one parcel can feed.');
      await expect.poll(() => rule.locator('mark[data-unknown]').count()).toBe(0);
      await expect.poll(() => rule.locator('.mandate-field-problem--error').filter({ hasText: '{helpLine}' }).count(), { timeout: 15_000 }).toBe(0);
      await rule.getByLabel('When the rule passes', { exact: true }).fill('One parcel can feed your household of {householdSize}.');
      // The draft's tests react: the household of nine is no longer eligible.
      await expect.poll(() => testsTab.textContent(), { timeout: 15_000 }).toContain('8/9');
      await waitSaved(page);
      const rules = (await savedDoc()).rules as { id: string; conditions: unknown; messages: unknown }[];
      expect(rules.at(-1)).toEqual({
        id: 'household-size-limit',
        title: 'Household size limit',
        conditions: { all: [{ fact: 'householdSize', operator: 'lessThanInclusive', value: 8 }] },
        messages: {
          pass: 'One parcel can feed your household of {householdSize}.',
          fail: 'A household of {householdSize} is more than one parcel can feed.',
        },
      });
      await screenshot(page, 'studio-rules-builder');

      // Keyboard only: a second condition, moved above the first by its button, then back by dnd-kit's keyboard drag.
      await rule.getByRole('button', { name: 'Add condition' }).focus();
      await page.keyboard.press('Enter');
      const facts = rule.getByLabel('Fact', { exact: true });
      await expect.poll(() => facts.count()).toBe(2);
      await facts.nth(1).focus();
      await page.keyboard.press('Control+a');
      await page.keyboard.type('ZIP code where you live (question)');
      await rule.getByRole('button', { name: 'Move item 2 up' }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => facts.nth(0).inputValue()).toBe('ZIP code where you live (question)');
      // The moved condition keeps its controls, and the focus with them.
      expect(await rule.getByRole('button', { name: 'Move item 1 up' }).evaluate((el) => el === document.activeElement)).toBe(true);
      await rule.getByRole('button', { name: 'Drag or press Space to move item 1' }).focus();
      // dnd-kit's announcements say where the item is at each step (and that its keyboard sensor is listening).
      await page.keyboard.press('Space');
      await page.getByText('item 1 is now at position 1 of 2.').waitFor({ state: 'attached' });
      await page.keyboard.press('ArrowDown');
      await page.getByText('item 1 is now at position 2 of 2.').waitFor({ state: 'attached' });
      await page.keyboard.press('Space');
      await page.getByText('item 1 dropped at position 2 of 2.').waitFor({ state: 'attached' });
      await expect.poll(() => facts.nth(1).inputValue(), { timeout: 5_000 }).toBe('ZIP code where you live (question)');
      await rule.getByRole('button', { name: 'Remove item 2' }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => facts.count()).toBe(1);
      await waitSaved(page);
      expect(((await savedDoc()).rules as { conditions: unknown }[]).at(-1)?.conditions).toEqual({
        all: [{ fact: 'householdSize', operator: 'lessThanInclusive', value: 8 }],
      });

      // A shared condition, made here and used by the rule by its name; its link leads to it.
      await page.getByLabel('Name of a new shared condition').fill('In service area');
      await page.getByRole('button', { name: 'Add a shared condition' }).click();
      const sharedCard = page.getByRole('region', { name: 'in-service-area' });
      await sharedCard.getByRole('button', { name: 'Add condition' }).click();
      await sharedCard.getByLabel('Fact', { exact: true }).fill('ZIP code where you live (question)');
      await sharedCard.getByLabel('Test', { exact: true }).selectOption({ label: 'is in the list' });
      await sharedCard.getByLabel('Compared with', { exact: true }).selectOption({ label: 'a parameter' });
      await expect.poll(() => sharedCard.getByLabel('Parameter', { exact: true }).inputValue()).toBe('service_zip_codes');
      await rule.getByLabel('Use a shared condition…').selectOption('in-service-area');
      await rule.getByRole('link', { name: 'in-service-area' }).click();
      expect(await sharedCard.evaluate((el) => el === document.activeElement)).toBe(true);
      await waitSaved(page);
      const withShared = await savedDoc();
      expect(withShared.conditions).toEqual({
        'in-service-area': { all: [{ fact: 'zipCode', operator: 'inList', value: { param: 'service_zip_codes' } }] },
      });
      expect(((withShared.rules as { conditions: unknown }[]).at(-1) as { conditions: unknown }).conditions).toEqual({
        all: [{ fact: 'householdSize', operator: 'lessThanInclusive', value: 8 }, { condition: 'in-service-area' }],
      });
      await expect.poll(() => testsTab.textContent(), { timeout: 15_000 }).toContain('8/9');

      // A derived value's formula: completion of names, and its value for the household (the first test case's).
      await page.getByRole('tab', { name: /^Derived values/ }).click();
      const annual = page.getByRole('region', { name: 'Yearly household income' });
      const value = annual.getByTestId('value-/derived/annualIncome/formula');
      await expect.poll(() => value.textContent(), { timeout: 15_000 }).toContain('$24,000');
      await annual.locator('.mandate-formula__host .view-lines').click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type(' * 2 + house');
      await page.locator('.suggest-widget').filter({ hasText: 'householdSize' }).waitFor({ timeout: 10_000 });
      await page.keyboard.press('Enter');
      await expect
        .poll(async () => (await annual.locator('.mandate-formula__host .view-lines').textContent())?.replace(/\u00a0/g, ' '))
        .toContain('monthlyIncome * 12 * 2 + householdSize');
      await expect.poll(() => value.textContent(), { timeout: 15_000 }).toContain('$48,001');
      await screenshot(page, 'studio-derived-builder');
      // A name that does not exist: the engine's diagnostic at the formula, and no value.
      await page.keyboard.press('Control+End');
      await page.keyboard.type('x');
      await annual.locator('.mandate-field-problem').filter({ hasText: 'householdSizex' }).waitFor({ timeout: 15_000 });
      await expect.poll(() => value.textContent(), { timeout: 15_000 }).toContain('no value while the draft has errors');
      await page.keyboard.press('Backspace');
      await expect.poll(() => value.textContent(), { timeout: 15_000 }).toContain('$48,001');
      // The tests that expected the old yearly income fail now.
      await expect.poll(() => testsTab.textContent(), { timeout: 15_000 }).not.toContain('8/9');

      // The benefit's amount for the household.
      await page.getByRole('tab', { name: /^Benefits/ }).click();
      const parcel = page.getByRole('region', { name: 'Weekly food parcel' });
      // Its explanation reads with the titles of the names it uses.
      expect(await parcel.getByTestId('reads-/benefits/0/messages/explanation').textContent()).toContain('One parcel of Weekly parcel size kg');
      const picker = page.getByLabel('Values shown for', { exact: true });
      await picker.selectOption({ index: 5 });
      await expect.poll(() => parcel.getByTestId('value-/benefits/0/formula').textContent(), { timeout: 15_000 }).toContain('16 kg');
      // The household of nine is over the new size limit: no parcel.
      await picker.selectOption({ index: 7 });
      await expect.poll(() => parcel.getByTestId('value-/benefits/0/formula').textContent(), { timeout: 15_000 }).toContain('not paid');
      expect(problems).toEqual([]);
      await context.close();
    });

    it('has no axe violations on each builder, at phone and desktop width, in English and Spanish', async () => {
      await freshDraft();
      for (const lang of ['en', 'es'] as const) {
        for (const [size, viewport] of [
          ['desktop', DESKTOP],
          ['phone', PHONE],
        ] as const) {
          const context = await h.browser.newContext({ viewport });
          const { page, problems } = await newPage(context);
          await openDraft(page, lang);
          const tabs = lang === 'en' ? ['Rules', 'Derived values', 'Benefits'] : ['Reglas', 'Valores derivados', 'Beneficios'];
          for (const [i, name] of tabs.entries()) {
            await page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
            const part = ['rules', 'derived', 'benefits'][i];
            await page.getByTestId(`builder-${part}`).waitFor();
            if (part !== 'rules') await page.locator('.mandate-formula .monaco-editor').first().waitFor();
            await expectNoViolations(page, `${part} builder (${lang}, ${size})`);
            await screenshot(page, `studio-${lang}-${size}-${part}-builder`);
          }
          expect(problems).toEqual([]);
          await context.close();
        }
      }
    });
  },
  { studio: true },
);
