/**
 * Decisions staff can stand behind, in the browser against the real server: the inbox names assignees and shows a
 * case submitted meanwhile without a reload (server-sent events), and at phone width stacks its rows with the
 * deadline visible; a supervisor's "Deny" opens a confirmation with the program's reasons and a preview of the notice
 * in the applicant's language (Spanish), and the denial records the reason; a caseworker corrects an answer with a
 * note and the case is decided again. Screenshots at 390 and 1280 px in English and Spanish, axe on each.
 */
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiAs } from './support/api.ts';
import { axeViolations, describeInBrowser, type Harness, newPage, PHONE, ROOT, signIn, STAFF } from './support/harness.ts';

let h: Harness;
const SHOTS = path.join(ROOT, '..', '..', 'shots', 'after-decisions');

const ANSWERS = {
  householdSize: 3,
  annualIncome: 60000,
  monthlyRent: 2000,
  rentOwed: 4500,
  pastDueRentNotice: false,
  evictionNotice: true,
  unsafeHousing: false,
};

/** Submits a rental-assistance application in `lang` through the API, as the applicant pages do; returns the case id. */
async function submit(lang: string, answers: Record<string, unknown> = ANSWERS): Promise<string> {
  const started = await fetch(`${h.url}/api/applications`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ programId: 'emergency-rental-assistance', lang }),
  });
  const { id, resumeCode } = (await started.json()) as { id: string; resumeCode: string };
  const headers = { 'Content-Type': 'application/json', 'X-Resume-Code': resumeCode };
  expect((await fetch(`${h.url}/api/applications/${id}`, { method: 'PUT', headers, body: JSON.stringify({ answers }) })).status).toBe(200);
  const submitted = await fetch(`${h.url}/api/applications/${id}/submit`, { method: 'POST', headers });
  expect(submitted.status).toBe(201);
  // The case's short reference (ERA-26-000001): the inbox shows it, and the API takes it wherever it takes a case id.
  return ((await submitted.json()) as { reference: string }).reference;
}

/** Submits the eligible answers in `lang`; the case's id and reference. */
async function submitted(lang: string): Promise<{ caseId: string; reference: string }> {
  const reference = await submit(lang);
  const found = await apiAs<{ case: { id: string } }>(h.url, STAFF.caseworker, 'GET', `/api/cases/${reference}`);
  return { caseId: found.body.case.id, reference };
}

async function shoot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  expect(await axeViolations(page), name).toEqual([]);
}

describeInBrowser(
  'decisions: reasons with a preview, corrections, assignee names, a live inbox that fits a phone',
  (harness) => (h = harness),
  () => {
    it('shows a new case in the inbox without a reload, with the assignee by name, stacked at phone width', async () => {
      const reviewed = await submit('en');
      expect((await apiAs(h.url, STAFF.caseworker, 'POST', `/api/cases/${reviewed}/transitions`, { event: 'start-review' })).status).toBe(200);
      for (const [lang, viewport] of [
        ['en', { width: 1280, height: 900 }],
        ['es', PHONE],
        ['en', PHONE],
        ['es', { width: 1280, height: 900 }],
      ] as const) {
        const context = await h.browser.newContext({ viewport, locale: lang });
        const { page, problems } = await newPage(context);
        await signIn(page, h.url, STAFF.caseworker);
        if (lang === 'es') {
          await page.goto(`${h.url}/staff?lang=es`);
          await page.getByRole('heading', { level: 1, name: 'Casos' }).waitFor();
        }
        const assigned = page.getByTestId('case-row').filter({ hasText: reviewed });
        await expect.poll(() => assigned.getByTestId('case-assignee').textContent()).toBe('Casey Worker');
        await page
          .getByTestId('feed-mode')
          .filter({ hasText: lang === 'en' ? 'Updates as cases arrive' : 'Se actualiza' })
          .waitFor();
        // A case submitted now appears without reloading the page.
        const fresh = await submit(lang);
        await page.getByTestId('case-row').filter({ hasText: fresh }).waitFor({ timeout: 10_000 });
        if (viewport.width === PHONE.width) {
          // Stacked: each cell shows its column name; the deadline is on screen, and nothing scrolls sideways.
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          expect(width).toBeLessThanOrEqual(PHONE.width);
          const deadline = assigned.locator(`td[data-label="${lang === 'es' ? 'Plazo' : 'Deadline'}"]`);
          await expect(deadline.isVisible()).resolves.toBe(true);
        } else {
          const table = await page.locator('table.mandate-inbox').boundingBox();
          const main = await page.locator('main').boundingBox();
          expect(table!.x + table!.width).toBeLessThanOrEqual(main!.x + main!.width + 1);
        }
        await shoot(page, `inbox-${lang}-${viewport.width}`);
        expect(problems).toEqual([]);
        await context.close();
      }
    });

    it('denies with a reason chosen in a confirmation that previews the Spanish notice', async () => {
      const caseId = await submit('es', { ...ANSWERS, rentOwed: 0 });
      for (const event of ['start-review', 'complete-review'])
        expect((await apiAs(h.url, STAFF.caseworker, 'POST', `/api/cases/${caseId}/transitions`, { event })).status).toBe(200);
      for (const viewport of [PHONE, { width: 1280, height: 900 }]) {
        const context = await h.browser.newContext({ viewport });
        const { page, problems } = await newPage(context);
        await signIn(page, h.url, STAFF.supervisor);
        await page.goto(`${h.url}/staff/cases/${caseId}`);
        await page.getByRole('button', { name: 'Deny', exact: true }).click();
        const confirm = page.getByTestId('decision-confirm');
        await confirm.getByRole('heading', { name: 'Confirm: Deny' }).waitFor();
        await expect(confirm.getByRole('button', { name: 'Deny and send the notice' }).isDisabled()).resolves.toBe(true);
        await confirm.locator('label', { hasText: /shows no rent owed/ }).click();
        const notice = confirm.getByTestId('preview-notice');
        await expect.poll(() => notice.textContent()).toContain('La solicitud no muestra alquiler adeudado');
        await expect(confirm.getByTestId('decision-preview').getAttribute('lang')).resolves.toBe('es');
        await shoot(page, `deny-confirm-en-${viewport.width}`);
        if (viewport.width === PHONE.width) {
          // Cancel leaves the case as it was.
          await confirm.getByRole('button', { name: 'Cancel' }).click();
          await expect(page.getByTestId('case-state').textContent()).resolves.toBe('Waiting for supervisor approval');
        } else {
          await confirm.getByRole('button', { name: 'Deny and send the notice' }).click();
          await expect.poll(() => page.getByTestId('case-state').textContent()).toBe('Denied');
          await expect(page.getByTestId('case-decision').textContent()).resolves.toMatch(
            /Reason given: The application shows no rent owed.*15 U\.S\.C\. 9058a\(c\)\(2\)/,
          );
          await expect(page.getByTestId('history').textContent()).resolves.toContain('Reason given');
          await shoot(page, `case-denied-en-${viewport.width}`);
        }
        expect(problems).toEqual([]);
        await context.close();
      }
      // The decided case in Spanish, at both widths: the decision and its reason in the page's language.
      for (const viewport of [PHONE, { width: 1280, height: 900 }]) {
        const context = await h.browser.newContext({ viewport });
        const { page, problems } = await newPage(context);
        await signIn(page, h.url, STAFF.supervisor);
        await page.goto(`${h.url}/staff/cases/${caseId}?lang=es`);
        await expect
          .poll(() => page.getByTestId('case-decision').textContent())
          .toMatch(/Motivo indicado: La solicitud no muestra alquiler adeudado/);
        await shoot(page, `case-denied-es-${viewport.width}`);
        expect(problems).toEqual([]);
        await context.close();
      }
      // The confirmation in Spanish on a second case.
      const second = await submit('en', { ...ANSWERS, rentOwed: 0 });
      for (const event of ['start-review', 'complete-review'])
        expect((await apiAs(h.url, STAFF.caseworker, 'POST', `/api/cases/${second}/transitions`, { event })).status).toBe(200);
      for (const viewport of [PHONE, { width: 1280, height: 900 }]) {
        const context = await h.browser.newContext({ viewport });
        const { page, problems } = await newPage(context);
        await signIn(page, h.url, STAFF.supervisor);
        await page.goto(`${h.url}/staff/cases/${second}?lang=es`);
        await page.getByRole('button', { name: 'Denegar', exact: true }).click();
        const confirm = page.getByTestId('decision-confirm');
        await confirm.locator('label', { hasText: /no muestra alquiler adeudado/ }).click();
        // The applicant applied in English: the preview is in English, whatever the page's language.
        await expect.poll(() => confirm.getByTestId('preview-notice').textContent()).toContain('The application shows no rent owed');
        await shoot(page, `deny-confirm-es-${viewport.width}`);
        expect(problems).toEqual([]);
        await context.close();
      }
      const detail = await apiAs<{ case: { decision: { reason: { id: string; text: string } } }; messages: { text: string }[] }>(
        h.url,
        STAFF.supervisor,
        'GET',
        `/api/cases/${caseId}`,
      );
      expect(detail.body.case.decision.reason.id).toBe('no-rent-owed');
      expect(detail.body.messages.some((m) => m.text.includes(detail.body.case.decision.reason.text))).toBe(true);
    });

    it('corrects an answer with a note; the case is decided again (Spanish page at phone width too)', async () => {
      const caseId = await submit('en');
      for (const [lang, viewport] of [
        ['en', { width: 1280, height: 900 }],
        ['es', PHONE],
        ['en', PHONE],
        ['es', { width: 1280, height: 900 }],
      ] as const) {
        const context = await h.browser.newContext({ viewport });
        const { page, problems } = await newPage(context);
        await signIn(page, h.url, STAFF.caseworker);
        await page.goto(`${h.url}/staff/cases/${caseId}?lang=${lang}`);
        const form = page.getByTestId('correction-form');
        await form.waitFor();
        if (lang === 'en' && viewport.width !== PHONE.width) {
          await form.getByLabel('Answer to correct').selectOption('/annualIncome');
          await form.getByText('Now: 60000').waitFor();
          await form.getByLabel('Corrected answer').fill('412345');
          await expect(form.getByRole('button', { name: 'Correct and decide again' }).isDisabled()).resolves.toBe(true);
          await form.getByLabel('Why (kept as a note on the case)').fill('The employer letter shows $412,345 a year.');
          await form.getByRole('button', { name: 'Correct and decide again' }).click();
          await page.getByRole('heading', { name: /Answer corrected; the case was decided again: Not eligible/ }).waitFor();
          await expect(page.getByTestId('corrections').textContent()).resolves.toMatch(/60000 → 412345/);
          await expect(page.getByTestId('notes').textContent()).resolves.toContain('The employer letter shows $412,345 a year.');
        } else {
          await page.getByRole('heading', { name: lang === 'es' ? 'Correcciones' : 'Corrections' }).waitFor();
          await expect(page.getByTestId('corrections').textContent()).resolves.toMatch(/60000 → 412345/);
        }
        await shoot(page, `case-corrected-${lang}-${viewport.width}`);
        expect(problems).toEqual([]);
        await context.close();
      }
    });

    it("shows the determination's reasons in the staff member's language, not the applicant's", async () => {
      // The words each applicant is given for these answers: the oracle of what each staff language must show.
      const wordsIn = async (lang: string) => {
        const { caseId } = await submitted(lang);
        const read = await apiAs<{ determinations: { result: { reasons: { title: string; text: string }[] } }[] }>(
          h.url,
          STAFF.caseworker,
          'GET',
          `/api/cases/${caseId}`,
          undefined,
          { 'Accept-Language': lang },
        );
        return read.body.determinations[0].result.reasons;
      };
      const english = await wordsIn('en');
      const spanish = await wordsIn('es');
      expect(spanish.map((r) => r.text)).not.toEqual(english.map((r) => r.text));
      const shots = path.join(ROOT, '..', '..', 'shots', 'hsuite');
      mkdirSync(shots, { recursive: true });
      // A Spanish caseworker on an English applicant's case, and an English one on a Spanish applicant's.
      for (const [staffLang, applicantLang, expected, other] of [
        ['es', 'en', spanish, english],
        ['en', 'es', english, spanish],
      ] as const) {
        const { reference } = await submitted(applicantLang);
        for (const viewport of [PHONE, { width: 1280, height: 900 }]) {
          const context = await h.browser.newContext({ viewport, locale: staffLang });
          const { page, problems } = await newPage(context);
          await signIn(page, h.url, STAFF.caseworker);
          await page.goto(`${h.url}/staff/cases/${reference}?lang=${staffLang}`);
          const reasons = page.locator('section[aria-labelledby="determination-heading"] .mandate-reasons');
          await reasons.waitFor();
          const shown = (await reasons.textContent()) ?? '';
          for (const r of expected) {
            expect(shown).toContain(r.title);
            expect(shown).toContain(r.text);
          }
          for (const r of other) if (!expected.some((e) => e.text === r.text)) expect(shown).not.toContain(r.text);
          await page.screenshot({
            path: path.join(shots, `case-reasons-${staffLang}-staff-${applicantLang}-applicant-${viewport.width}.png`),
            fullPage: true,
          });
          expect(await axeViolations(page)).toEqual([]);
          expect(problems).toEqual([]);
          await context.close();
        }
      }
    });
  },
);
