/**
 * Settings per organisation in Chromium (issue 16): the food bank's administrator opens the staff export-columns page
 * and the studio's settings page; both say they are the food bank's settings and that the installation's apply until
 * they save; after saving on the studio page, the installation's administrator still sees the installation's.
 * axe finds nothing at 390 and 1280 px, English and Spanish; screenshots of each.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import {
  ADMINISTRATOR,
  axeViolations,
  describeInBrowser,
  type Harness,
  newPage,
  PHONE,
  SCREENSHOTS,
  signIn,
  signInStudio,
} from './support/harness.ts';
import { api } from './support/api.ts';

let h: Harness;
const SHOTS = existsSync('/work/shots') ? '/work/shots/h16' : SCREENSHOTS;
const DESKTOP = { width: 1280, height: 900 };
const BANK_ADMIN = { email: 'bank-admin@example.org', name: 'Bo Bankadmin', roles: ['administrator'], password: 'password-123456' };

/** Calls the harness's API with `headers` as given (no sign-in of its own). */
const call = (method: string, p: string, body?: unknown, headers: Record<string, string> = {}) => api(h.url, method, p, body, headers);

async function everywhere(page: Page, url: string, name: string) {
  for (const lang of ['en', 'es'] as const) {
    for (const [width, viewport] of [
      ['390', PHONE],
      ['1280', DESKTOP],
    ] as const) {
      await page.setViewportSize(viewport);
      await page.goto(`${h.url}${url}?lang=${lang}`);
      await page.getByTestId('settings-organisation').waitFor();
      await page.waitForLoadState('networkidle');
      expect(await page.getByTestId('settings-organisation').textContent()).toContain('Community food bank');
      expect(await axeViolations(page), `${name} ${lang} ${width}`).toEqual([]);
      await page.screenshot({ path: path.join(SHOTS, `${name}-${lang}-${width}.png`), fullPage: true });
    }
  }
  await page.setViewportSize(DESKTOP);
}

describeInBrowser(
  'settings per organisation: the pages edit the acting organisation’s settings',
  (harness) => (h = harness),
  () => {
    it('shows the food bank’s administrator their organisation’s settings, inherited until saved, and saves them for it only', async () => {
      mkdirSync(SHOTS, { recursive: true });
      const login = await call('POST', '/api/auth/login', { email: ADMINISTRATOR.email, password: ADMINISTRATOR.password });
      const admin = { Authorization: `Bearer ${login.body.token}` };
      expect((await call('POST', '/api/organisations', { id: 'community-food-bank-org', name: 'Community food bank' }, admin)).status).toBe(201);
      expect((await call('POST', '/api/users', { ...BANK_ADMIN, organisationId: 'community-food-bank-org' }, admin)).status).toBe(201);

      const context = await h.browser.newContext({ viewport: DESKTOP });
      const { page, problems } = await newPage(context);
      await signIn(page, h.url, BANK_ADMIN);
      await everywhere(page, '/staff/export-settings', 'staff-export-settings-organisation');
      await expect(page.getByTestId('settings-organisation').textContent()).resolves.toMatch(/Until you save|Hasta que guarde/);

      const studio = await h.browser.newContext({ viewport: DESKTOP });
      const { page: analyst } = await newPage(studio);
      await signInStudio(analyst, h.url, BANK_ADMIN);
      await everywhere(analyst, '/studio/settings', 'studio-settings-organisation');
      await analyst.goto(`${h.url}/studio/settings?lang=en`);
      await analyst.getByTestId('settings-organisation').waitFor();
      await analyst.locator('label[for="maker-checker-false"]').click();
      await analyst.getByRole('button', { name: /^Save/ }).click();
      await analyst.getByTestId('settings-organisation').getByText('These are the settings of Community food bank.').waitFor();
      await expect.poll(async () => (await analyst.getByTestId('settings-organisation').textContent()) ?? '').not.toContain('Until you save');

      expect((await call('GET', '/api/settings', undefined, admin)).body).toMatchObject({ organisationId: 'default', makerChecker: true });
      expect((await call('GET', '/api/settings?organisation=community-food-bank-org', undefined, admin)).body).toMatchObject({
        makerChecker: false,
        inherited: false,
      });
      expect(problems).toEqual([]);
    });
  },
  { studio: true },
);
