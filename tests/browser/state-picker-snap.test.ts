/**
 * Issue 17, point 4, with the shipped programs: SNAP has three state layers (Washington, Texas, New York), so the
 * program list and the screener ask for the state and offer only the programs that apply there. In Texas the list
 * shows Texas's SNAP in place of the federal one, and the screener asks Texas's questions only (not where in New York
 * the applicant lives); in New York it asks that. English and Spanish, 390 and 1280 px, axe on each; screenshots go
 * to SHOTS_DIR when it is set (else test-artifacts/screenshots).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { axeViolations, describeInBrowser, type Harness, newPage, PHONE, screenshot } from './support/harness.ts';

let h: Harness;
const WIDE = { width: 1280, height: 900 };
const SHOTS = process.env.SHOTS_DIR;

async function shot(page: Page, name: string) {
  if (SHOTS) {
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  } else await screenshot(page, name);
}

const cards = async (page: Page) => (await page.locator('.usa-card__heading').allTextContents()).sort();
/** The names of the screener's questions on the page (RJSF ids `root_<name>`, options `root_<name>-<n>`). */
const questions = (page: Page) =>
  page.locator('[id^="root_"]').evaluateAll((els) => [...new Set(els.map((e) => e.id.replace(/^root_/, '').replace(/[-_].*$/, '')))]);

const TEXTS = {
  en: {
    label: 'Which state do you live in?',
    states: ['New York', 'Texas', 'Washington', 'Another state'],
    federal: 'Supplemental Nutrition Assistance Program (SNAP)',
    texas: 'SNAP food benefits (Texas)',
    newYork: 'SNAP food benefits (New York)',
  },
  es: {
    label: '¿En qué estado vive?',
    states: ['Nueva York', 'Texas', 'Washington', 'Otro estado'],
    federal: null,
    texas: 'Beneficios de alimentos de SNAP (Texas)',
    newYork: 'Beneficios de alimentos de SNAP (Nueva York)',
  },
} as const;

describeInBrowser(
  'the applicant’s state with the shipped SNAP layers',
  (harness) => (h = harness),
  () => {
    for (const lang of ['en', 'es'] as const)
      for (const viewport of [PHONE, WIDE]) {
        const x = TEXTS[lang];
        it(`program list and screener (${lang}, ${viewport.width} px): Texas's SNAP in place of the federal one, Texas's questions only`, async () => {
          const context = await h.browser.newContext({ viewport });
          const { page, problems } = await newPage(context);
          await page.goto(`${h.url}/?lang=${lang}`);
          const picker = page.getByLabel(x.label);
          await picker.waitFor();
          expect((await picker.locator('option').allTextContents()).slice(1)).toEqual(x.states);
          // No state chosen: the programs tied to no state, the federal SNAP among them.
          await expect.poll(async () => (await cards(page)).length).toBe(3);
          const federal = (await cards(page)).find((c) => c.includes('SNAP'));
          if (x.federal) expect(federal).toBe(x.federal);
          await picker.selectOption('US-TX');
          await expect.poll(() => cards(page)).toContain(x.texas);
          expect(await cards(page)).not.toContain(federal);
          expect((await cards(page)).filter((c) => c.includes('SNAP'))).toEqual([x.texas]);
          expect(await axeViolations(page)).toEqual([]);
          await shot(page, `snap-states-programs-tx-${lang}-${viewport.width}`);

          // The screener starts with the state chosen and asks only what the programs offered in Texas need.
          await page.goto(`${h.url}/screen?lang=${lang}`);
          await expect.poll(() => page.getByLabel(x.label).inputValue()).toBe('US-TX');
          await expect.poll(() => questions(page)).toContain('otherUtilities');
          expect(await questions(page)).not.toContain('nyRegion');
          await page.locator('button[type="submit"]').click();
          await page.locator('#screen-results').waitFor();
          const results = () => page.locator('li[data-testid^="screen-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')).sort());
          await expect.poll(results).toEqual(['screen-community-food-bank', 'screen-emergency-rental-assistance', 'screen-us-snap-tx']);
          expect(await axeViolations(page)).toEqual([]);
          await shot(page, `snap-states-screener-tx-${lang}-${viewport.width}`);

          // In New York: New York's SNAP, and the question of its utility allowance regions.
          await page.getByLabel(x.label).selectOption('US-NY');
          await expect.poll(() => questions(page)).toContain('nyRegion');
          await expect.poll(results).toEqual(['screen-community-food-bank', 'screen-emergency-rental-assistance', 'screen-us-snap-ny']);
          expect(await page.locator('[data-testid="screen-us-snap-ny"] h3').textContent()).toBe(x.newYork);
          expect(await axeViolations(page)).toEqual([]);
          await shot(page, `snap-states-screener-ny-${lang}-${viewport.width}`);
          expect(problems).toEqual([]);
          await context.close();
        });
      }
  },
);
