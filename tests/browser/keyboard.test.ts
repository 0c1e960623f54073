/**
 * Keyboard use against the real server: an application for emergency rental assistance completed with the keyboard
 * alone (Tab to each question, type, Space and arrow keys for yes/no, Enter to continue and to submit).
 */
import { expect, it } from 'vitest';
import { describeInBrowser, type Harness, newPage } from './support/harness.ts';

let h: Harness;

describeInBrowser(
  'keyboard use',
  (harness) => (h = harness),
  () => {
    it('completes an application with the keyboard alone', async () => {
      const ctx = await h.browser.newContext({ viewport: { width: 1024, height: 800 } });
      const { page, problems } = await newPage(ctx);
      await page.goto(`${h.url}/apply/emergency-rental-assistance`);
      await page.locator('main h1').waitFor();
      const focused = () =>
        page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          return { id: el?.id ?? '', text: (el?.textContent ?? '').trim(), tag: el?.tagName ?? '' };
        });
      const tabTo = async (match: (f: { id: string; text: string; tag: string }) => boolean, what: string) => {
        for (let i = 0; i < 60; i++) {
          await page.keyboard.press('Tab');
          if (match(await focused())) return;
        }
        throw new Error(`Tab never reached ${what}`);
      };
      await tabTo((f) => f.text === 'Start application', 'Start application');
      await page.keyboard.press('Enter');
      await page.getByTestId('step-progress').waitFor();

      await tabTo((f) => f.id === 'root_householdSize', 'household size');
      await page.keyboard.type('3');
      await page.keyboard.press('Tab');
      await page.keyboard.type('60000');
      await page.keyboard.press('Enter');
      await page.locator('#root_monthlyRent').waitFor();

      await tabTo((f) => f.id === 'root_monthlyRent', 'monthly rent');
      await page.keyboard.type('2000');
      await page.keyboard.press('Tab');
      await page.keyboard.type('4500');
      await page.keyboard.press('Enter');
      await page.locator('#root_evictionNotice-0').waitFor();

      // Radio groups: Tab reaches each group (on its checked option, if any); Space or an arrow key picks an answer.
      const choose = async (field: string, answer: 'Yes' | 'No') => {
        await tabTo((f) => f.id.startsWith(`root_${field}-`), field);
        const on = (await focused()).id.endsWith('-0') ? 'Yes' : 'No';
        if (on === answer) await page.keyboard.press('Space');
        else await page.keyboard.press(answer === 'Yes' ? 'ArrowUp' : 'ArrowDown');
        await expect(page.locator(`#root_${field}-${answer === 'Yes' ? 0 : 1}`).isChecked()).resolves.toBe(true);
      };
      await choose('pastDueRentNotice', 'No');
      await choose('evictionNotice', 'Yes');
      await choose('unsafeHousing', 'No');
      await tabTo((f) => f.text === 'Save and continue', 'Save and continue');
      await page.keyboard.press('Enter');

      // "How we can reach you" (issue 15): every question optional, so straight on.
      await page.getByText('How we can reach you').first().waitFor();
      await tabTo((f) => f.text === 'Save and continue', 'Save and continue');
      await page.keyboard.press('Enter');

      await page.getByRole('heading', { level: 1, name: 'Check your answers' }).waitFor();
      // The second factor for the status page: the date of birth, typed.
      await tabTo((f) => f.id === 'factor-dob-date', 'date of birth');
      await page.keyboard.type('1990-01-01');
      await tabTo((f) => f.text === 'Submit application', 'Submit application');
      await page.keyboard.press('Enter');
      await page.getByTestId('case-id').waitFor();
      await expect(page.getByTestId('eligibility').textContent()).resolves.toBe('You are eligible');
      expect(problems).toEqual([]);
      await ctx.close();
    });
  },
);
