/**
 * The workflow builder in Chromium, with no JSON typed: an analyst adds a state (the diagram and the engine's check
 * mark it unreachable), adds a transition into it (no longer unreachable), gives it a role, a condition and a
 * message to the applicant, and sees the JSON tab hold exactly that. axe finds nothing at desktop and phone width,
 * in English and Spanish.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { axeViolations, describeInBrowser, type Harness, newPage, screenshot, signInStudio, STAFF } from './support/harness.ts';
import { apiAs, freshDraft as freshProgramDraft } from './support/api.ts';

let h: Harness;

const api = (method: string, route: string, body?: unknown) => apiAs<unknown>(h.url, STAFF.analyst, method, route, body);
const freshDraft = (programId: string) => freshProgramDraft(h.url, STAFF.analyst, programId);

async function openWorkflow(page: Page, lang: 'en' | 'es'): Promise<void> {
  await signInStudio(page, h.url, STAFF.analyst, lang);
  await page.goto(`${h.url}/studio/programs/emergency-rental-assistance/draft?lang=${lang}`);
  await page
    .getByTestId('check-state')
    .filter({ hasText: /Checked in|Comprobado en/ })
    .waitFor({ timeout: 30_000 });
  await page.getByRole('tab', { name: lang === 'en' ? /^Workflow/ : /^Flujo/ }).click();
  await page.getByTestId('builder-workflow').waitFor();
}

describeInBrowser(
  'studio: the workflow builder',
  (harness) => (h = harness),
  () => {
    it('adds a state and a transition into it without JSON; the diagram, the checks and the JSON follow', async () => {
      await freshDraft('emergency-rental-assistance');
      const context = await h.browser.newContext({ viewport: { width: 1400, height: 1000 } });
      const { page, problems } = await newPage(context);
      await openWorkflow(page, 'en');
      expect(await page.getByTestId('workflow-diagram').locator('[data-state]').count()).toBe(11);
      await page.getByText('Every state can be reached from the start.').waitFor();

      // A new state: nothing leads there yet, which the diagram and the engine's check both say.
      await page.getByLabel('Name of a new state').fill('On hold');
      await page.getByRole('button', { name: 'Add the state' }).click();
      await page.getByTestId('unreachable-states').filter({ hasText: 'On hold (on-hold)' }).waitFor();
      await page
        .locator('.mandate-field-problem')
        .filter({ hasText: /"on-hold" cannot be reached/ })
        .waitFor({ timeout: 15_000 });
      expect(await page.locator('[data-state="on-hold"][data-unreachable]').count()).toBe(1);

      // A transition into it, by supervisors only, when the result needs more information, with a message.
      await page.getByLabel('Button label').fill('Put on hold');
      await page.getByLabel('From which states').selectOption({ label: 'In review' });
      await page.getByLabel('To which state').selectOption({ label: 'On hold' });
      await page.getByRole('button', { name: 'Add the transition' }).click();
      const editor = page.locator('.mandate-transition-editor');
      await editor.waitFor();
      // USWDS draws its own box and moves the input off screen: a person clicks the label.
      await editor.locator('label', { hasText: /^Supervisor$/ }).click();
      await editor.locator('label', { hasText: /^Caseworker$/ }).click();
      expect(await editor.getByRole('checkbox', { name: 'Supervisor', exact: true }).isChecked()).toBe(true);
      await editor.getByRole('button', { name: 'Add: the result is…' }).click();
      await editor.getByLabel("The case's current result is").selectOption('needs-more-information');
      await editor.getByLabel('Why it is refused otherwise').fill('Only a case that needs more information can be put on hold.');
      await editor.getByLabel('Add an action').selectOption('notify');
      await editor.getByRole('textbox', { name: 'Message text' }).fill('We have put your application on hold until we hear from you.');
      await page.getByText('Every state can be reached from the start.').waitFor();
      // No longer unreachable; but nothing leads out of it yet, which the engine says beside the state.
      await expect
        .poll(
          () =>
            page
              .locator('.mandate-field-problem')
              .filter({ hasText: /cannot be reached/ })
              .count(),
          { timeout: 15_000 },
        )
        .toBe(0);
      await page
        .locator('.mandate-field-problem')
        .filter({ hasText: /"on-hold" is not terminal but no transition leaves it/ })
        .waitFor();
      await screenshot(page, 'studio-workflow-desktop-en');
      expect(await axeViolations(page)).toEqual([]);

      // The JSON holds exactly what was built.
      await page.getByRole('button', { name: 'JSON', exact: true }).click();
      await page.locator('.monaco-editor').waitFor();
      await expect.poll(async () => (await page.getByTestId('save-state').getAttribute('data-state')) ?? '', { timeout: 15_000 }).toBe('saved');
      const draft = (await api('GET', '/api/programs/emergency-rental-assistance/draft')).body as {
        doc: { workflow: { states: Record<string, unknown>; transitions: Record<string, unknown>[] } };
      };
      expect(draft.doc.workflow.states['on-hold']).toEqual({ title: 'On hold' });
      expect(draft.doc.workflow.transitions.at(-1)).toEqual({
        event: 'put-on-hold',
        title: 'Put on hold',
        from: ['in-review'],
        to: 'on-hold',
        roles: ['supervisor'],
        guard: {
          conditions: { all: [{ fact: 'case', path: '$.determination.eligibility', operator: 'equal', value: 'needs-more-information' }] },
          message: 'Only a case that needs more information can be put on hold.',
        },
        actions: [{ type: 'notify', to: 'applicant', template: 'We have put your application on hold until we hear from you.' }],
      });
      expect(problems).toEqual([]);
      await context.close();
    });

    it('has no axe violations at phone width, in Spanish too', async () => {
      for (const lang of ['es', 'en'] as const) {
        const context = await h.browser.newContext({ viewport: { width: 375, height: 800 } });
        const { page, problems } = await newPage(context);
        await openWorkflow(page, lang);
        await page.getByRole('button', { name: 'Put on hold', exact: true }).click();
        await page.locator('.mandate-transition-editor').waitFor();
        await screenshot(page, `studio-workflow-phone-${lang}`);
        expect(await axeViolations(page)).toEqual([]);
        expect(problems).toEqual([]);
        await context.close();
      }
    });
  },
  { studio: true },
);
