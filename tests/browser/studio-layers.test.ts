/**
 * The studio on a program that extends another (tests/fixtures/extends: "Food help" versions 1 and 2, and its layer
 * "Food help, North county" on version 1): the program page says what it extends, lists its changes against the base
 * in words and that version 2 is newer, with what it would change; "Re-base on version 2" makes a new draft whose
 * Base panel says it extends version 2 and is up to date. axe on each, 390 and 1280 px, English and Spanish;
 * screenshots go to SHOTS_DIR when set (else test-artifacts/screenshots).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { apiAs } from './support/api.ts';
import { axeViolations, describeInBrowser, type Harness, newPage, PHONE, ROOT, screenshot, signInStudio, STAFF } from './support/harness.ts';

let h: Harness;
const WIDE = { width: 1280, height: 1000 };
const PROGRAM = 'test-food-help-north';

async function shot(page: Page, name: string) {
  if (process.env.SHOTS_DIR) {
    fs.mkdirSync(process.env.SHOTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(process.env.SHOTS_DIR, `${name}.png`), fullPage: true });
  } else await screenshot(page, name);
}

async function noViolations(page: Page, what: string) {
  const violations = await axeViolations(page);
  expect(violations, `${what}:\n${violations.join('\n')}`).toEqual([]);
}

describeInBrowser(
  'studio: a program that extends another',
  (harness) => (h = harness),
  () => {
    for (const [lang, viewport] of [
      ['en', PHONE],
      ['es', WIDE],
      ['en', WIDE],
      ['es', PHONE],
    ] as const) {
      it(`program page (${lang}, ${viewport.width} px): its base, its changes in words, a newer base`, async () => {
        const context = await h.browser.newContext({ viewport });
        const { page, problems } = await newPage(context);
        await signInStudio(page, h.url, STAFF.analyst, lang);
        await page.goto(`${h.url}/studio/programs/${PROGRAM}?lang=${lang}`);
        const report = page.getByTestId('layer-report');
        await report.waitFor();
        await expect
          .poll(() => report.getByRole('heading', { level: 3 }).textContent())
          .toBe(lang === 'en' ? 'Extends Food help (test-food-help) version 1' : 'Amplía ES Food help (test-food-help) versión 1');
        expect(await page.getByTestId('layer-changes').textContent()).toContain(
          'Washington: monthly income limit, household size 1 from 2025-07-01: $2,000 instead of $1,600',
        );
        expect(await page.getByTestId('layer-inherited').textContent()).toContain('Maximum monthly benefit: $300 → $320 from 2025-10-01');
        await noViolations(page, `program page ${lang} ${viewport.width}`);
        await shot(page, `studio-layer-program-${lang}-${viewport.width}`);
        expect(problems).toEqual([]);
        await context.close();
      });
    }

    it('re-bases on the newer base as a new draft, whose Base panel is up to date (and checked in en and es)', async () => {
      const context = await h.browser.newContext({ viewport: WIDE });
      const { page, problems } = await newPage(context);
      await signInStudio(page, h.url, STAFF.analyst);
      await page.goto(`${h.url}/studio/programs/${PROGRAM}`);
      await page.getByRole('button', { name: 'Re-base on version 2' }).click();
      await page.waitForURL(/\/draft$/);
      const draft = await apiAs<{ doc: { extends: { version: number } } }>(h.url, STAFF.analyst, 'GET', `/api/programs/${PROGRAM}/draft`);
      expect(draft.body.doc.extends.version).toBe(2);
      await page.getByRole('tab', { name: /^Base/ }).click();
      await expect.poll(() => page.getByTestId('layer-up-to-date').textContent()).toBe('Up to date: test-food-help version 2 is the newest.');
      await noViolations(page, 'draft base panel en 1280');
      await shot(page, 'studio-layer-draft-en-1280');
      for (const [lang, viewport] of [
        ['es', PHONE],
        ['en', PHONE],
        ['es', WIDE],
      ] as const) {
        await page.setViewportSize(viewport);
        await page.goto(`${h.url}/studio/programs/${PROGRAM}/draft?lang=${lang}`);
        await page.getByRole('tab', { name: /^Base/ }).click();
        await page.getByTestId('layer-up-to-date').waitFor();
        await noViolations(page, `draft base panel ${lang} ${viewport.width}`);
        await shot(page, `studio-layer-draft-${lang}-${viewport.width}`);
      }
      expect(problems).toEqual([]);
      await context.close();
    });
  },
  { studio: true, programsDir: path.join(ROOT, 'tests/fixtures/extends') },
);
