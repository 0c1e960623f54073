/**
 * The studio's Impact tab end to end, against the real server and Debian's Chromium, over a seeded store: a few
 * hundred SNAP cases decided under FY2025 (bench/seed-store.ts, into the server's own SQLite file). An analyst opens
 * the Impact tab of a FY2026 draft, compares it with the FY2025 version over all stored cases, and sees the counts and
 * the cost delta the engine's `impact` gives for the same households, and sample cases; axe finds nothing at phone
 * and desktop width, in English and Spanish. The publish screen shows the last impact against the version in force,
 * and says it is stale once the draft changes.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { households } from '../../bench/households.ts';
import { seedStore } from '../../bench/seed-store.ts';
import { compile, impact, type Program } from '../../engine/index.ts';
import { loadProgramFolder } from '../../runtime/fs/program-folder.ts';
import { bigNumbers } from '../../studio/src/impact/summary.ts';
import { formatMoney, formatNumber } from '../../web/src/shared/format.ts';
import { axeViolations, describeInBrowser, type Harness, newPage, ROOT, screenshot, signInStudio, STAFF } from './support/harness.ts';

let h: Harness;

const COUNT = 300;
const SEED = 7;
const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 900 };
const snap = (folder: string) => loadProgramFolder(path.join(ROOT, 'programs/us-snap', folder)).versions[0].doc as unknown as Program;
const today = () => new Date().toISOString().slice(0, 10);

async function token(account: { email: string; password: string }): Promise<string> {
  const response = await fetch(`${h.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  return ((await response.json()) as { token: string }).token;
}

async function asAnalyst<T>(
  method: string,
  route: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${h.url}${route}`, {
    method,
    headers: {
      Authorization: `Bearer ${await token(STAFF.analyst)}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

let seeded = false;
/** The seeded caseload (once per suite) and a fresh FY2026 draft (from version 5). */
async function prepare(): Promise<void> {
  if (!seeded) {
    const result = await seedStore({
      path: path.join(h.dataDir, 'mandate.db'),
      count: COUNT,
      seed: SEED,
      versions: [{ doc: snap('fy2025'), status: 'published' }],
      caseVersion: 4,
      asOf: '2025-09-15',
    });
    expect(result.cases).toBe(COUNT);
    seeded = true;
  }
  await asAnalyst('DELETE', '/api/programs/us-snap/draft');
  const made = await asAnalyst('POST', '/api/programs/us-snap/versions/5/draft');
  expect(made.status, JSON.stringify(made.body).slice(0, 300)).toBe(201);
}

async function openImpactTab(page: Page, lang: 'en' | 'es' = 'en'): Promise<void> {
  await signInStudio(page, h.url, STAFF.analyst, lang);
  await page.goto(`${h.url}/studio/programs/us-snap/draft`);
  await page
    .getByTestId('check-state')
    .filter({ hasText: /Checked in|Revisado en|Comprobado/ })
    .waitFor({ timeout: 30_000 });
  await page.getByRole('tab', { name: /^(Impact|Impacto)$/ }).click();
  await page.getByTestId('impact-panel').waitFor();
}

async function expectNoViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${where}:\n${violations.join('\n')}`).toEqual([]);
}

describeInBrowser(
  'studio: the impact of a draft over the stored caseload',
  (harness) => (h = harness),
  () => {
    it('shows the counts, the cost delta and sample cases of a FY2026 draft against FY2025, accessibly', async () => {
      await prepare();
      // What the engine says for the same households (the seeder's, in its order), as of today.
      const expected = bigNumbers(
        impact(compile(snap('fy2025')).compiled!, compile(snap('fy2026')).compiled!, households(COUNT, SEED * 1_000_003), { asOf: today() }),
      );
      expect(expected.gains).toBeGreaterThan(0);

      const context = await h.browser.newContext({ viewport: DESKTOP });
      const { page, problems } = await newPage(context);
      await openImpactTab(page);
      await page.getByLabel('Compare with').selectOption('4');
      // USWDS draws its own radio: the label is what a person clicks.
      await page.locator('label', { hasText: 'All stored cases, decided ones too' }).click();
      expect(await page.getByLabel('All stored cases, decided ones too').isChecked()).toBe(true);
      expect(await page.getByLabel('Break down by').inputValue()).toBe('householdSize');
      expect(await page.getByLabel('Evaluate on').inputValue()).toBe(today());
      await page.getByRole('button', { name: 'Run the impact' }).click();
      await page.getByTestId('impact-results').waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('impact-status').getAttribute('data-status')).toBe('done');

      expect(await page.getByTestId('impact-gains').textContent()).toContain(`${formatNumber(expected.gains, 'en')} households gain`);
      expect(await page.getByTestId('impact-losses').textContent()).toContain(`${formatNumber(expected.losses, 'en')} households lose`);
      expect(await page.getByTestId('impact-cost').textContent()).toContain(`Costs ${formatMoney(expected.annualChange, 'en')} more per year`);
      expect(await page.getByTestId('impact-results').textContent()).toContain(`over ${formatNumber(COUNT, 'en')} households`);
      // The charts and their tables; the breakdown by household size.
      await page.getByTestId('impact-chart-histogram').locator('svg').first().waitFor();
      await page.getByTestId('impact-chart-breakdown').locator('svg').first().waitFor();
      await expect.poll(() => page.getByTestId('impact-breakdown').getByRole('row').count()).toBeGreaterThan(3);
      // A sample case: both results side by side and what differs first.
      const sample = page.getByTestId('impact-sample').first();
      expect(await sample.getByRole('columnheader').allTextContents()).toEqual(['Version 4', 'This draft (version 6)']);
      expect(await sample.textContent()).toMatch(/What differs first:.+under version 4, .+ under this draft\./);

      // The CSV export is built in the browser.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as CSV' }).click()]);
      expect(download.suggestedFilename()).toBe(`impact-us-snap-v6-vs-v4-${today()}.csv`);

      await expectNoViolations(page, 'impact results, desktop');
      await screenshot(page, 'studio-impact-en-1280');
      await page.setViewportSize(PHONE);
      await expectNoViolations(page, 'impact results, phone');
      await screenshot(page, 'studio-impact-en-375');

      // In Spanish: the last run of this draft shows again when the tab opens.
      const es = await h.browser.newContext({ viewport: DESKTOP });
      const spanish = await newPage(es);
      await openImpactTab(spanish.page, 'es');
      await spanish.page.getByTestId('impact-results').waitFor({ timeout: 15_000 });
      // The form is set as that run was.
      expect(await spanish.page.getByLabel('Comparar con').inputValue()).toBe('4');
      expect(await spanish.page.getByTestId('impact-gains').textContent()).toContain(`${formatNumber(expected.gains, 'es')} hogares ganan`);
      await expectNoViolations(spanish.page, 'impact results in Spanish, desktop');
      await screenshot(spanish.page, 'studio-impact-es-1280');
      await spanish.page.setViewportSize(PHONE);
      await expectNoViolations(spanish.page, 'impact results in Spanish, phone');
      await screenshot(spanish.page, 'studio-impact-es-375');

      expect([...problems, ...spanish.problems]).toEqual([]);
      await es.close();
      await context.close();
    });

    it('shows the last impact against the version in force on the publish screen, stale once the draft changes', async () => {
      await prepare();
      const context = await h.browser.newContext({ viewport: DESKTOP });
      const { page, problems } = await newPage(context);
      await openImpactTab(page);
      await page.getByRole('tab', { name: /^Publish/ }).click();
      const last = page.getByTestId('last-impact');
      await last.getByText('No impact of this draft against the version in force (version 5) has been run yet.').waitFor();
      await last.getByRole('button', { name: 'Run it in the Impact tab' }).click();
      // The defaults: the version in force, the open cases, today.
      // Read once the tab has its versions: under load the select is filled a moment after the tab opens.
      await expect.poll(() => page.getByLabel('Compare with').inputValue(), { timeout: 30_000 }).toBe('5');
      // The run of the earlier draft with the same version number (the first test's) is not this draft's.
      await page.locator('[data-testid="impact-panel"][data-jobs="loaded"]').waitFor();
      expect(await page.getByTestId('impact-results').count()).toBe(0);
      await page.getByRole('button', { name: 'Run the impact' }).click();
      await page.getByTestId('impact-results').waitFor({ timeout: 60_000 });
      await page.getByRole('tab', { name: /^Publish/ }).click();
      // The same rules as the version in force: nobody gains or loses.
      await expect.poll(() => last.getByTestId('impact-gains').textContent(), { timeout: 30_000 }).toContain('0 households gain');
      await expect.poll(() => last.getByTestId('impact-cost').textContent(), { timeout: 30_000 }).toContain('Costs the same per year');
      expect(await last.getByTestId('last-impact-stale').count()).toBe(0);
      await expectNoViolations(page, 'publish screen with the last impact');

      // The draft changes after the run (saved from elsewhere): the impact shown is stale.
      const draft = await asAnalyst<{ doc: Program; revision: number }>('GET', '/api/programs/us-snap/draft');
      const changed = await asAnalyst(
        'PUT',
        '/api/programs/us-snap/draft',
        { ...draft.body.doc, changelog: 'Checked again.' },
        { 'If-Match': String(draft.body.revision) },
      );
      expect(changed.status, JSON.stringify(changed.body).slice(0, 300)).toBe(200);
      await page.reload();
      await page.getByRole('tab', { name: /^Publish/ }).click();
      await last.getByTestId('last-impact-stale').waitFor();
      expect(problems).toEqual([]);
      await context.close();
    });

    it('runs over a population file chosen on the device, listing the lines it could not read', async () => {
      await prepare();
      const file = path.join(h.dataDir, 'households.jsonl');
      writeFileSync(
        file,
        `${households(40, 3)
          .map((x) => JSON.stringify(x))
          .join('\n')}\nnot a household\n`,
      );
      const context = await h.browser.newContext({ viewport: DESKTOP });
      const { page, problems } = await newPage(context);
      await openImpactTab(page);
      await page.getByLabel('Compare with').selectOption('4');
      await page.locator('label', { hasText: 'A file of households from this device' }).click();
      // Running without a file says what to do.
      await page.getByRole('button', { name: 'Run the impact' }).click();
      await page.getByText('Choose a file of households first').waitFor();
      await page.getByLabel('File of households', { exact: true }).setInputFiles(file);
      await page.getByRole('button', { name: 'Run the impact' }).click();
      await page.getByTestId('impact-results').waitFor({ timeout: 60_000 });
      expect(await page.getByTestId('impact-ran').textContent()).toContain('over 41 households');
      expect(await page.getByTestId('impact-file-problems').textContent()).toMatch(/Line 41: /);
      await expectNoViolations(page, 'impact over a file');
      expect(problems).toEqual([]);
      await context.close();
    });
  },
  { studio: true },
);
