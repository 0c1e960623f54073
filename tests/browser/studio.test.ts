/**
 * The studio end to end, against the real server and Debian's Chromium: an analyst changes next year's SNAP asset
 * limit in the editor (a typo's marker, then fixed), sees the tests pass and the change in words, and requests
 * publication; an administrator publishes; evaluations before and after the new value's date differ. Two analysts
 * saving one draft see the conflict and lose nothing. A new question appears in the preview and changes the tester's
 * result. The applicant pages carry no monaco code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { ADMINISTRATOR, axeViolations, describeInBrowser, type Harness, newPage, screenshot, signInStudio, STAFF } from './support/harness.ts';
import { type Account, apiAs as callApi, freshDraft } from './support/api.ts';

let h: Harness;

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

const apiAs = <T>(account: Account, method: string, route: string, body?: unknown) => callApi<T>(h.url, account, method, route, body);
/** Makes a draft of a program from its version in force, through the API (as an import would). */
const draftOf = (programId: string) => freshDraft(h.url, STAFF.analyst, programId);

/**
 * Replaces text in the open editor with monaco's own find and replace (Ctrl+H): every occurrence, or with `first`
 * only the first one from the top.
 */
async function replaceInEditor(page: Page, find: string, replace: string, first = false): Promise<void> {
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Control+h');
  await page.getByRole('textbox', { name: 'Find' }).fill(find);
  await page.getByRole('textbox', { name: 'Replace' }).fill(replace);
  if (first) await page.getByRole('textbox', { name: 'Replace' }).press('Enter');
  else await page.keyboard.press('Control+Alt+Enter');
  await page.keyboard.press('Escape');
}

async function waitSaved(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state'), { timeout: 15_000 }).toBe('saved');
}

async function openDraft(context: BrowserContext, account: { email: string; password: string }, programId: string) {
  const { page, problems } = await newPage(context);
  await signInStudio(page, h.url, account);
  await page.goto(`${h.url}/studio/programs/${programId}/draft`);
  await page
    .getByTestId('check-state')
    .filter({ hasText: /Checked in/ })
    .waitFor({ timeout: 30_000 });
  return { page, problems };
}

describeInBrowser(
  'studio: edit, check, compare, publish with two people, preview and test',
  (harness) => (h = harness),
  () => {
    it('takes a parameter change from the editor to a published version that applies from its date', async () => {
      const context = await h.browser.newContext({ viewport: { width: 1400, height: 1000 } });
      const { page, problems } = await newPage(context);
      await signInStudio(page, h.url, STAFF.analyst);
      await page.getByRole('link', { name: /Supplemental Nutrition Assistance Program/ }).click();
      await page.getByRole('heading', { level: 1, name: /Supplemental Nutrition Assistance Program/ }).waitFor();
      await screenshot(page, 'studio-program');
      await page.getByRole('button', { name: /^New draft from version 5$/ }).click();
      await page
        .getByTestId('check-state')
        .filter({ hasText: /Checked in/ })
        .waitFor({ timeout: 30_000 });
      await expect.poll(() => page.getByTestId('tests-summary').count()).toBe(0);

      // A lower asset limit from a date two months ahead, first with a typo in the date.
      const from = isoDay(60);
      const typo = `${from.slice(0, 8)}32`;
      await page.getByRole('tab', { name: /^Parameters/ }).click();
      // Parameters open in their builder; this analyst types JSON.
      await page.getByRole('button', { name: 'JSON', exact: true }).click();
      // The FY2025 value (from 2024-10-01) is the only 3000 of the parameters: its entry is closed and the new date's opened.
      await replaceInEditor(page, '"value": 3000,', `"value": 3000 }, "${typo}": { "value": 2000,`);
      const problem = page.locator('.mandate-problem').filter({ hasText: typo });
      await problem.waitFor({ timeout: 15_000 });
      expect(await problem.textContent()).toContain('/parameters/asset_limit/values');
      // The marker is in the editor, on the line the pointer names.
      await expect.poll(() => page.locator('.monaco-editor .squiggly-error').count(), { timeout: 10_000 }).toBeGreaterThan(0);
      await screenshot(page, 'studio-draft-typo');
      await replaceInEditor(page, typo, from);
      await page.getByTestId('no-problems').waitFor({ timeout: 15_000 });
      await page.getByRole('tab', { name: /^Tests/ }).click();
      await expect.poll(() => page.getByTestId('tests-summary').textContent(), { timeout: 15_000 }).toMatch(/^(\d+) of \1 test cases pass$/);
      await page.getByTestId('coverage').waitFor();
      await waitSaved(page);

      // The change in words.
      await page.getByRole('link', { name: 'Compare versions' }).click();
      const words = page.getByTestId('diff-words');
      await words.waitFor({ timeout: 15_000 });
      expect(await words.textContent()).toContain(from);
      await screenshot(page, 'studio-compare');

      // The analyst asks for publication, effective today.
      await page.goBack();
      await page
        .getByTestId('check-state')
        .filter({ hasText: /Checked in/ })
        .waitFor({ timeout: 30_000 });
      await page.getByRole('tab', { name: /^Publish/ }).click();
      await page.getByLabel('Effective from').fill(isoDay(0));
      await page.getByLabel('What changes, in a sentence or two').fill('Lower asset limit for households without an elderly or disabled member.');
      await page.getByRole('button', { name: 'Request publication' }).click();
      await page.getByTestId('publication-request').waitFor();
      // The analyst cannot publish it.
      expect(await page.getByRole('button', { name: 'Review done: publish' }).count()).toBe(0);
      expect(problems).toEqual([]);

      // An administrator (another person) reviews and publishes.
      const adminContext = await h.browser.newContext({ viewport: { width: 1400, height: 1000 } });
      const admin = await openDraft(adminContext, ADMINISTRATOR, 'us-snap');
      await admin.page.getByRole('tab', { name: /^Publish/ }).click();
      await admin.page.getByTestId('publication-request').waitFor();
      await screenshot(admin.page, 'studio-publish-review');
      await admin.page.getByRole('button', { name: 'Review done: publish' }).click();
      await admin.page.getByRole('heading', { level: 2, name: 'Versions' }).waitFor({ timeout: 15_000 });
      expect(admin.problems).toEqual([]);

      // Before the new value's date the old limit applies; from it, the new one.
      const household = {
        members: [{ name: 'Ana', dateOfBirth: '1988-04-12', disabled: false, earnedIncome: 1000, unearnedIncome: 0 }],
        rent: 600,
        utilities: 150,
        dependentCare: 0,
        childSupportPaid: 0,
        hasMedicalCosts: false,
        assets: 2500,
        receivesTanfOrSsi: false,
      };
      const assetsOn = async (date: string) => {
        const response = await fetch(`${h.url}/api/screen`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ answers: household, date }),
        });
        const { results } = (await response.json()) as {
          results: { programId: string; version: number; reasons: { rule: string; outcome: string }[] }[];
        };
        const snap = results.find((r) => r.programId === 'us-snap')!;
        return { version: snap.version, outcome: snap.reasons.find((r) => r.rule === 'assets')?.outcome };
      };
      const before = await assetsOn(isoDay(59));
      const after = await assetsOn(from);
      expect(before).toEqual({ version: 6, outcome: 'pass' });
      expect(after).toEqual({ version: 6, outcome: 'fail' });
      // Both steps are in the program's history.
      const history = await apiAs<{ action: string }[]>(ADMINISTRATOR, 'GET', '/api/programs/us-snap/history');
      expect(history.body.map((e) => e.action)).toEqual(expect.arrayContaining(['program.publication.request', 'program.publish']));
      await adminContext.close();
      await context.close();
    });

    it('shows a stale save as a conflict, keeps both texts, and saves the one chosen', async () => {
      await draftOf('community-food-bank');
      const ana = await openDraft(await h.browser.newContext({ viewport: { width: 1400, height: 1000 } }), STAFF.analyst, 'community-food-bank');
      const bo = await openDraft(await h.browser.newContext({ viewport: { width: 1400, height: 1000 } }), STAFF.analyst2, 'community-food-bank');
      await ana.page.getByRole('tab', { name: /^Form/ }).click();
      // The form opens in its builder; these edits are typed in its JSON.
      await ana.page.getByRole('button', { name: 'JSON', exact: true }).click();
      await replaceInEditor(ana.page, 'It takes two minutes.', 'It takes two minutes (Ana).');
      await waitSaved(ana.page);
      await bo.page.getByRole('tab', { name: /^Form/ }).click();
      // The form opens in its builder; these edits are typed in its JSON.
      await bo.page.getByRole('button', { name: 'JSON', exact: true }).click();
      await replaceInEditor(bo.page, 'It takes two minutes.', 'It takes two minutes (Bo).');
      await expect.poll(() => bo.page.getByTestId('save-state').getAttribute('data-state'), { timeout: 15_000 }).toBe('conflict');
      await bo.page.getByRole('heading', { name: 'Someone else saved this draft while you were editing' }).waitFor();
      // Nothing is lost: the server keeps Ana's text, Bo's editor keeps Bo's.
      const stored = await apiAs<{ doc: { form: { schema: { description: string } } } }>(
        STAFF.analyst,
        'GET',
        '/api/programs/community-food-bank/draft',
      );
      expect(stored.body.doc.form.schema.description).toContain('(Ana)');
      await bo.page.getByRole('button', { name: 'Compare their version with mine' }).click();
      await bo.page.locator('.monaco-diff-editor').waitFor();
      await screenshot(bo.page, 'studio-conflict');
      await bo.page.getByRole('button', { name: 'Keep my version' }).click();
      await waitSaved(bo.page);
      const after = await apiAs<{ doc: { form: { schema: { description: string } } } }>(
        STAFF.analyst,
        'GET',
        '/api/programs/community-food-bank/draft',
      );
      expect(after.body.doc.form.schema.description).toContain('(Bo)');
      // Ana's next change meets Bo's save: she is told, and her text is still hers to keep or drop.
      await replaceInEditor(ana.page, '(Ana)', '(Ana, again)');
      await expect.poll(() => ana.page.getByTestId('save-state').getAttribute('data-state'), { timeout: 15_000 }).toBe('conflict');
      await ana.page.getByRole('button', { name: 'Take their version' }).click();
      await waitSaved(ana.page);
      expect(ana.problems).toEqual([]);
      expect(bo.problems).toEqual([]);
      await apiAs(STAFF.analyst, 'DELETE', '/api/programs/community-food-bank/draft');
    });

    it('previews a new question and the tester follows it', async () => {
      await draftOf('community-food-bank');
      const context = await h.browser.newContext({ viewport: { width: 1400, height: 1000 } });
      const { page, problems } = await openDraft(context, STAFF.analyst, 'community-food-bank');
      // A new question on a page of its own, and the service-area rule accepting it.
      await page.getByRole('tab', { name: /^Form/ }).click();
      // The form opens in its builder; these edits are typed in its JSON.
      await page.getByRole('button', { name: 'JSON', exact: true }).click();
      await replaceInEditor(
        page,
        '"properties": {',
        '"properties": { "inShelter": { "type": "boolean", "title": "Are you staying in a shelter tonight?" },',
      );
      await replaceInEditor(page, '"ui:order": [', '"ui:order": [ "inShelter",');
      await replaceInEditor(page, '"pages": [', '"pages": [ { "id": "shelter", "title": "Where you sleep", "fields": ["inShelter"] },');
      await page.getByRole('tab', { name: /^Rules/ }).click();
      // The rules open in their builder; this test edits their JSON.
      await page.getByRole('button', { name: 'JSON', exact: true }).click();
      await replaceInEditor(page, '"all": [', '"any": [ { "fact": "inShelter", "operator": "equal", "value": true },', true);
      // No errors; the warnings say the new texts have no Spanish yet.
      await page
        .getByTestId('check-state')
        .filter({ hasText: /Errors: 0\./ })
        .waitFor({ timeout: 15_000 });
      expect(await page.locator('.mandate-problem').filter({ hasText: 'Are you staying in a shelter tonight?' }).textContent()).toContain(
        'translation',
      );
      await page.getByRole('tab', { name: /^Preview/ }).click();
      const preview = page.getByTestId('preview');
      await preview.getByRole('heading', { name: 'Where you sleep' }).waitFor({ timeout: 15_000 });
      await preview
        .getByRole('group', { name: /Are you staying in a shelter tonight/ })
        .getByText('Yes', { exact: true })
        .click();
      await preview.getByRole('button', { name: 'Save and continue' }).click();
      await preview.getByLabel('Your name').fill('Ana');
      await preview.getByLabel('ZIP code where you live').fill('99999');
      await screenshot(page, 'studio-preview');
      // The answers typed in the preview are the tester's household: in a shelter, outside the ZIP codes, served.
      await page.getByRole('button', { name: 'Test these answers' }).click();
      await page.getByRole('button', { name: /^Evaluate$/ }).click();
      const result = page.getByTestId('tester-result');
      await expect.poll(() => result.textContent(), { timeout: 10_000 }).toContain('Lives in the service area: met');
      await screenshot(page, 'studio-tester');
      // Saved as a test case with the outcome the analyst confirms: one more case, and it passes.
      const before = Number(/of (\d+) test cases pass/.exec((await page.getByTestId('check-state').textContent()) ?? '')?.[1]);
      await page.getByLabel('Name of the test case').fill('A person in a shelter outside the ZIP codes is in the service area.');
      await page.getByRole('button', { name: 'Save as a test case' }).click();
      await page.getByText('added to the draft').waitFor();
      await expect
        .poll(
          async () =>
            /(\d+) of (\d+) test cases pass/
              .exec((await page.getByTestId('check-state').textContent()) ?? '')
              ?.slice(1)
              .map(Number),
          { timeout: 15_000 },
        )
        .toEqual([expect.any(Number), before + 1]);
      // The same household not in a shelter is outside the service area.
      await page.getByLabel('Household', { exact: true }).selectOption({ label: 'Paste answers as JSON' });
      await page
        .getByLabel(/^Answers \(a JSON object/)
        .fill(JSON.stringify({ name: 'Ana', zipCode: '99999', inShelter: false, householdSize: 1, monthlyIncome: 100 }));
      await page.getByRole('button', { name: /^Evaluate$/ }).click();
      await expect.poll(() => result.textContent(), { timeout: 10_000 }).toContain('Lives in the service area: not met');
      expect(problems).toEqual([]);
      await context.close();
    });

    it('sends an analyst who opens the staff pages to the studio', async () => {
      const context = await h.browser.newContext({ viewport: { width: 1024, height: 800 } });
      const { page, problems } = await newPage(context);
      await page.goto(`${h.url}/staff`);
      await page.getByLabel('Email address').fill(STAFF.analyst.email);
      await page.getByLabel(/^Password$/).fill(STAFF.analyst.password);
      await page.getByRole('button', { name: /^Sign in$/ }).click();
      await page.getByRole('heading', { name: 'Casework is for caseworkers, supervisors and administrators' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('link', { name: /Go to the studio/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Programs' }).waitFor();
      expect(problems).toEqual([]);
      await context.close();
    });

    it('keeps monaco out of the applicant and staff pages', () => {
      const assets = path.join(h.webDist, 'assets');
      const files = readdirSync(assets).filter((f) => /\.(js|css)$/.test(f));
      expect(files.length).toBeGreaterThan(0);
      const withMonaco = files.filter((f) => /monaco-editor|MonacoEnvironment|vs\/editor\/editor/.test(readFileSync(path.join(assets, f), 'utf8')));
      expect(withMonaco).toEqual([]);
      const studio = readdirSync(path.join(h.studioDist!, 'assets'));
      expect(
        studio.some((f) => /^monaco.*\.js$/.test(f)),
        'the studio bundles monaco itself',
      ).toBe(true);
    });
  },
  { studio: true },
);
