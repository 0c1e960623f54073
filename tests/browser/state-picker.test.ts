/**
 * The pages ask for the state where a program has state layers (tests/fixtures/extends: "Food help" everywhere, its
 * layer "Food help, North county" for US-WA), and offer only the programs that apply there: in Washington the layer
 * replaces the program it extends, elsewhere the base stays. Program list and screener, English and Spanish, 390 and
 * 1280 px, axe on each; screenshots go to SHOTS_DIR when it is set (else test-artifacts/screenshots).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { axeViolations, describeInBrowser, type Harness, newPage, PHONE, ROOT, screenshot } from './support/harness.ts';

let h: Harness;
const WIDE = { width: 1280, height: 900 };
const SHOTS = process.env.SHOTS_DIR;

async function shot(page: Page, name: string) {
  if (SHOTS) {
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  } else await screenshot(page, name);
}

const cards = (page: Page) => page.locator('.usa-card__heading').allTextContents();

describeInBrowser(
  'the applicant’s state: program list and screener',
  (harness) => (h = harness),
  () => {
    for (const [lang, viewport, label, washington, other, base, layer] of [
      ['en', WIDE, 'Which state do you live in?', 'Washington', 'Another state', 'Food help', 'Food help, North county'],
      ['en', PHONE, 'Which state do you live in?', 'Washington', 'Another state', 'Food help', 'Food help, North county'],
      ['es', PHONE, '¿En qué estado vive?', 'Washington', 'Otro estado', 'ES Food help', 'Ayuda alimentaria, condado North'],
      ['es', WIDE, '¿En qué estado vive?', 'Washington', 'Otro estado', 'ES Food help', 'Ayuda alimentaria, condado North'],
    ] as const) {
      it(`program list (${lang}, ${viewport.width} px): asks the state, a state's layer replaces its base there`, async () => {
        const context = await h.browser.newContext({ viewport });
        const { page, problems } = await newPage(context);
        await page.goto(`${h.url}/?lang=${lang}`);
        const picker = page.getByLabel(label);
        await picker.waitFor();
        await expect.poll(() => cards(page)).toEqual([base]);
        await picker.selectOption({ label: washington });
        await expect.poll(() => cards(page)).toEqual([layer]);
        expect(await axeViolations(page)).toEqual([]);
        await shot(page, `state-programs-${lang}-${viewport.width}`);
        await picker.selectOption({ label: other });
        await expect.poll(() => cards(page)).toEqual([base]);
        // The choice is remembered on the device: the screener starts with it.
        await picker.selectOption({ label: washington });
        await page.goto(`${h.url}/screen?lang=${lang}`);
        await expect.poll(() => page.getByLabel(label).inputValue()).toBe('US-WA');
        expect(problems).toEqual([]);
        await context.close();
      });
    }

    for (const [lang, viewport] of [
      ['en', PHONE],
      ['en', WIDE],
      ['es', PHONE],
      ['es', WIDE],
    ] as const) {
      it(`screener (${lang}, ${viewport.width} px): the results are the programs of the state chosen`, async () => {
        const context = await h.browser.newContext({ viewport });
        const { page, problems } = await newPage(context);
        await page.goto(`${h.url}/screen?lang=${lang}`);
        await page.locator('#applicant-state').selectOption('US-WA');
        if ((await page.locator('#root_members_0_name').count()) === 0)
          await page
            .getByRole('button', { name: /^(Add|Agregar)/ })
            .first()
            .click();
        await page.locator('#root_members_0_name').fill('Ana');
        await page.locator('#root_members_0_income').fill('1800');
        await page.locator('#root_rent').fill('900');
        await page.locator('#root_county').fill('North');
        await page.locator('button[type="submit"]').click();
        await page.locator('#screen-results').waitFor();
        await expect
          .poll(() => page.locator('li[data-testid^="screen-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid'))))
          .toEqual(['screen-test-food-help-north']);
        expect(await axeViolations(page)).toEqual([]);
        await shot(page, `state-screener-${lang}-${viewport.width}`);
        await page.locator('#applicant-state').selectOption('other');
        await expect
          .poll(() => page.locator('li[data-testid^="screen-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid'))))
          .toEqual(['screen-test-food-help']);
        expect(problems).toEqual([]);
        await context.close();
      });
    }
  },
  { programsDir: path.join(ROOT, 'tests/fixtures/extends') },
);
