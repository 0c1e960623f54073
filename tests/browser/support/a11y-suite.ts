/**
 * The accessibility suite for one language, against the real server: axe-core (WCAG 2.0/2.1 A and AA) on every page,
 * and on every wizard step of every shipped program (empty and with its errors shown) — zero violations.
 * `accessibility-en.test.ts` and `accessibility-es.test.ts` run it per language, in parallel.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import type { Program } from '../../../engine/format/types.ts';
import { axeViolations, describeInBrowser, type Harness, newPage, ROOT, screenshot, signIn, STAFF } from './harness.ts';

const SHIPPED = ['us-snap', 'community-food-bank', 'emergency-rental-assistance'];
let h: Harness;

/** An eligible test input shipped with the program's newest version folder. */
function eligibleInput(programId: string): Record<string, unknown> {
  const base = path.join(ROOT, 'programs', programId);
  const versions = existsSync(path.join(base, 'program.json'))
    ? [base]
    : readdirSync(base)
        .filter((d) => existsSync(path.join(base, d, 'program.json')))
        .sort()
        .map((d) => path.join(base, d));
  const dir = path.join(versions[versions.length - 1], 'tests');
  const cases = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .flatMap(
      (f) =>
        JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as {
          input: Record<string, unknown>;
          expected: { eligibility?: string };
        }[],
    );
  const found = cases.find((c) => c.expected.eligibility === 'eligible');
  if (!found) throw new Error(`${programId} ships no eligible test case to fill the application with.`);
  return found.input;
}

async function context(lang: string): Promise<BrowserContext> {
  const ctx = await h.browser.newContext({ viewport: { width: 1024, height: 800 } });
  await ctx.addInitScript((l) => window.localStorage.setItem('mandate.lang', l), lang);
  return ctx;
}

async function expectNoViolations(page: Page, where: string) {
  await page.locator('main h1').first().waitFor();
  const violations = await axeViolations(page);
  expect(violations, `${where}:\n${violations.join('\n')}`).toEqual([]);
}

/** Registers the suite for `lang`. */
export function accessibilitySuite(lang: 'en' | 'es'): void {
  describeInBrowser(
    `accessibility (axe, WCAG 2.1 AA), ${lang}`,
    (harness) => (h = harness),
    () => {
      it('serves every shipped program', async () => {
        const list = (await (await fetch(`${h.url}/api/programs`)).json()) as { id: string; current: unknown }[];
        for (const id of SHIPPED)
          expect(
            list.find((p) => p.id === id && p.current),
            `${id} is published and in force`,
          ).toBeTruthy();
      });
      it(`applicant pages have no violations (${lang})`, async () => {
        const ctx = await context(lang);
        const { page, problems } = await newPage(ctx);
        await page.goto(`${h.url}/`);
        await page.locator('.usa-card').first().waitFor();
        await expectNoViolations(page, `programs (${lang})`);
        await screenshot(page, `programs-${lang}`);

        await page.goto(`${h.url}/screen`);
        await page.locator('form button[type="submit"]').waitFor();
        await expectNoViolations(page, `screener (${lang})`);
        await page.locator('form button[type="submit"]').click();
        await page.locator('#screen-results').waitFor();
        await expectNoViolations(page, `screener results (${lang})`);
        await screenshot(page, `screener-results-${lang}`);

        await page.goto(`${h.url}/resume`);
        await expectNoViolations(page, `resume (${lang})`);
        await page.locator('#resume-code').fill('NOPE-NOPE');
        await page.locator('form button[type="submit"]').click();
        await page.locator('#resume-code-error').waitFor();
        await expectNoViolations(page, `resume with an error (${lang})`);

        await page.goto(`${h.url}/no-such-page`);
        await expectNoViolations(page, `not found (${lang})`);
        expect(problems).toEqual([]);
        await ctx.close();
      });

      for (const programId of SHIPPED) {
        it(`${programId}: every wizard step, the review and the result have no violations (${lang})`, async () => {
          const ctx = await context(lang);
          const { page, problems } = await newPage(ctx);
          const current = (await (await fetch(`${h.url}/api/programs/${programId}/current?lang=${lang}`)).json()) as {
            doc: Program;
          };
          await page.goto(`${h.url}/apply/${programId}`);
          await expectNoViolations(page, `${programId} intro (${lang})`);
          await page.locator('main button.usa-button--big').click();
          // The application exists (and is remembered on the device) once the first step shows.
          await page.getByTestId('step-progress').waitFor();
          for (const [index, step] of current.doc.form.pages.entries()) {
            await page.goto(`${h.url}/apply/${programId}/${step.id}`);
            await page.getByTestId('step-progress').waitFor();
            await expectNoViolations(page, `${programId} step ${step.id} (${lang})`);
            await page.locator('form.mandate-form button[type="submit"]').click();
            if (await page.locator('.usa-alert--error').count()) {
              await expectNoViolations(page, `${programId} step ${step.id} with errors (${lang})`);
              await screenshot(page, `${programId}-step${index + 1}-errors-${lang}`);
            }
          }
          // Fill the application with a shipped eligible case, then the review and the result.
          const draft = await page.evaluate((id) => JSON.parse(window.localStorage.getItem(`mandate.draft.${id}`) ?? 'null'), programId);
          const input = eligibleInput(programId);
          await page.evaluate(([id, d, answers]) => window.localStorage.setItem(`mandate.draft.${id}`, JSON.stringify({ ...d, answers })), [
            programId,
            draft,
            input,
          ] as const);
          await page.goto(`${h.url}/apply/${programId}/review`);
          await page.locator('.mandate-review').first().waitFor();
          await expectNoViolations(page, `${programId} review (${lang})`);
          await screenshot(page, `${programId}-review-${lang}`);
          // The second factor for the status page: a date of birth when the answers hold none.
          if ((await page.locator('#factor-dob-date').count()) && !(await page.locator('#factor-dob-date').inputValue()))
            await page.locator('#factor-dob-date').fill('1990-01-01');
          await page.locator('main .mandate-actions button.usa-button--big').click();
          await page.getByTestId('case-id').waitFor();
          await expectNoViolations(page, `${programId} result (${lang})`);
          await screenshot(page, `${programId}-result-${lang}`);
          expect(problems).toEqual([]);
          await ctx.close();
        });
      }

      it(`staff pages have no violations (${lang})`, async () => {
        const ctx = await context(lang);
        const { page, problems } = await newPage(ctx);
        await page.goto(`${h.url}/staff`);
        await page.locator('#email').waitFor();
        await expectNoViolations(page, `sign-in (${lang})`);
        await page.locator('#email').fill(STAFF.lead.email);
        await page.locator('#password').fill('wrong password');
        await page.locator('form button[type="submit"]').click();
        await page.locator('.usa-alert--error').waitFor();
        await expectNoViolations(page, `sign-in refused (${lang})`);
        await ctx.close();

        const staffCtx = await context(lang);
        const staff = await newPage(staffCtx);
        await signIn(staff.page, h.url, STAFF.lead);
        await staff.page.locator('[data-testid="case-row"] a').first().waitFor();
        await expectNoViolations(staff.page, `inbox (${lang})`);
        await staff.page.locator('[data-testid="case-row"] a').first().click();
        await staff.page.getByTestId('case-state').waitFor();
        await staff.page.locator('details summary').first().click();
        await expectNoViolations(staff.page, `case page (${lang})`);
        await screenshot(staff.page, `staff-case-${lang}`);
        expect([...problems, ...staff.problems]).toEqual([]);
        await staffCtx.close();
      });
    },
  );
}
