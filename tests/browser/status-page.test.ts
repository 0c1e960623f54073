/**
 * The status page on any device (issue 15): an applicant applies for emergency rental assistance on a phone and
 * chooses their date of birth as the second factor; in ANOTHER browser context they open the status page with the
 * resume code and that date, see the caseworker's request for documents, upload one, and later see the approval
 * notice, which also arrived, exactly once, at the test's own SMTP server. axe finds nothing at 390 px and 1280 px, in
 * English and Spanish. Screenshots go to /work/shots/after-status when that folder exists, else test-artifacts.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSmtp, type TestSmtp } from '../support/smtp.ts';
import { axeViolations, describeInBrowser, type Harness, newPage, PHONE, SCREENSHOTS, signIn, STAFF } from './support/harness.ts';

let h: Harness;
let smtp: TestSmtp;
const SHOTS = existsSync('/work/shots/after-status') ? '/work/shots/after-status' : SCREENSHOTS;
const DESKTOP = { width: 1280, height: 900 };
const EMAIL = 'rosa.diaz@example.org';
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(512, 3)]);

beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp?.close();
});

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** Signs a staff member in through the API and returns a bearer token. */
async function token(account: { email: string; password: string }): Promise<string> {
  const r = await fetch(`${h.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  return ((await r.json()) as { token: string }).token;
}

async function call(bearer: string, method: string, p: string, body?: unknown) {
  const r = await fetch(`${h.url}${p}`, {
    method,
    headers: { Authorization: `Bearer ${bearer}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const parsed = (await r.json()) as any;
  expect(r.status, `${method} ${p}: ${JSON.stringify(parsed).slice(0, 300)}`).toBeLessThan(300);
  return parsed;
}

/** axe at both widths, in both languages, on whatever the page shows now (the status session is kept per tab). */
async function axeEverywhere(page: Page, name: string) {
  for (const lang of ['en', 'es'] as const) {
    for (const [width, viewport] of [
      ['phone', PHONE],
      ['desktop', DESKTOP],
    ] as const) {
      await page.setViewportSize(viewport);
      await page.goto(`${h.url}/status?lang=${lang}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(await axeViolations(page), `${name} ${lang} ${width}`).toEqual([]);
      await shot(page, `${name}-${lang}-${width}`);
    }
  }
  await page.goto(`${h.url}/status?lang=en`);
  await page.getByRole('heading', { level: 1 }).waitFor();
}

describeInBrowser(
  'status page: another device, a document request, an upload and the approval notice (also emailed once)',
  (harness) => (h = harness),
  () => {
    it('follows an application from submission to approval on a second device', async () => {
      // Device 1, a phone: apply and submit, choosing the date of birth as the second factor.
      const phone = await h.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
      const first = await newPage(phone);
      const p1 = first.page;
      await p1.goto(`${h.url}/apply/emergency-rental-assistance`);
      await p1.getByRole('button', { name: 'Start application' }).click();
      await p1.locator('#root_householdSize').fill('3');
      await p1.locator('#root_annualIncome').fill('60000');
      await p1.getByRole('button', { name: 'Save and continue' }).click();
      await p1.locator('#root_monthlyRent').fill('2000');
      await p1.locator('#root_rentOwed').fill('4500');
      await p1.getByRole('button', { name: 'Save and continue' }).click();
      await p1.locator('label[for="root_pastDueRentNotice-1"]').click();
      await p1.locator('label[for="root_evictionNotice-0"]').click();
      await p1.locator('label[for="root_unsafeHousing-1"]').click();
      await p1.getByRole('button', { name: 'Save and continue' }).click();
      await p1.getByRole('heading', { level: 1, name: 'How we can reach you' }).waitFor();
      await p1.locator('#root_email').fill(EMAIL);
      await p1.locator('#root_phone').fill('206 555 0199');
      await p1.locator('label[for="root_contactConsent-0"]').click();
      const code = (await p1.getByTestId('resume-code').textContent())!.trim();
      await p1.getByRole('button', { name: 'Save and continue' }).click();
      await p1.getByRole('heading', { level: 1, name: 'Check your answers' }).waitFor();
      await p1.locator('label[for="factor-dob"]').click();
      await p1.getByRole('button', { name: 'Submit application' }).click();
      await p1.getByRole('heading', { name: 'There is a problem' }).or(p1.getByText('Enter your date of birth')).first().waitFor();
      await p1.getByLabel('Your date of birth').fill('1985-09-23');
      await shot(p1, 'review-second-factor-en-phone');
      expect(await axeViolations(p1)).toEqual([]);
      await p1.getByRole('button', { name: 'Submit application' }).click();
      await p1.getByRole('heading', { level: 1, name: 'Your application was submitted' }).waitFor();
      const reference = /ERA-\d{2}-\d{6}/.exec((await p1.getByTestId('case-id').textContent()) ?? '')?.[0];
      expect(reference).toBeDefined();
      expect(first.problems).toEqual([]);
      await phone.close();

      // Device 2: the status page with the resume code and the date of birth.
      const laptop = await h.browser.newContext({ viewport: DESKTOP });
      const second = await newPage(laptop);
      const p2 = second.page;
      await p2.goto(`${h.url}/status`);
      await p2.getByRole('heading', { level: 1, name: 'Your application' }).waitFor();
      await axeEverywhere(p2, 'status-open');
      await p2.getByLabel('Resume code').fill(code);
      await p2.getByLabel('Date of birth', { exact: true }).fill('1985-09-24');
      await p2.getByRole('button', { name: 'Show my application' }).click();
      await p2.getByRole('alert').filter({ hasText: 'do not match' }).first().waitFor();
      await p2.getByLabel('Date of birth', { exact: true }).fill('1985-09-23');
      await p2.getByRole('button', { name: 'Show my application' }).click();
      await p2.getByRole('heading', { level: 1, name: `Case number ${reference}` }).waitFor();
      await expect(p2.getByTestId('status-state').textContent()).resolves.toBe('We received your application');

      // The caseworker asks for documents (through the API); the applicant reloads and sees the request.
      const caseworker = await token(STAFF.caseworker);
      await call(caseworker, 'POST', `/api/cases/${reference}/transitions`, { event: 'request-documents' });
      await p2.reload();
      await expect.poll(() => p2.getByTestId('status-state').textContent()).toBe('We need documents from you');
      await expect(p2.getByTestId('status-next').textContent()).resolves.toBe('Send the documents marked "We need this" below.');
      await p2.getByRole('heading', { level: 3, name: `We need documents for your application ${reference}` }).waitFor();
      await axeEverywhere(p2, 'status-documents-requested');

      const lease = p2.getByTestId('status-document').filter({ hasText: 'Lease or rental agreement' });
      await lease.getByLabel('Choose a file for: Lease or rental agreement').setInputFiles({ name: 'lease.png', mimeType: 'image/png', buffer: PNG });
      await lease.getByRole('button', { name: /Send this document/ }).click();
      await expect.poll(() => lease.textContent()).toContain('we are checking it');
      await shot(p2, 'status-uploaded-en-desktop');

      // The case page shows each document with its actions: axe at both widths and in both languages.
      const staffContext = await h.browser.newContext({ viewport: DESKTOP });
      const staffPage = await newPage(staffContext);
      await signIn(staffPage.page, h.url, STAFF.caseworker);
      for (const lang of ['en', 'es'] as const) {
        for (const [width, viewport] of [
          ['phone', PHONE],
          ['desktop', DESKTOP],
        ] as const) {
          await staffPage.page.setViewportSize(viewport);
          await staffPage.page.goto(`${h.url}/staff/cases/${reference}?lang=${lang}`);
          await staffPage.page.getByTestId('case-document').first().waitFor();
          expect(await axeViolations(staffPage.page), `case page ${lang} ${width}`).toEqual([]);
          await shot(staffPage.page, `staff-case-documents-${lang}-${width}`);
        }
      }
      await expect(staffPage.page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(reference!);
      expect(staffPage.problems).toEqual([]);
      await staffContext.close();

      // Staff take the other two on paper, accept all three and decide (maker-checker: a supervisor approves).
      const detail = await call(caseworker, 'GET', `/api/cases/${reference}`);
      for (const d of detail.documents) {
        if (d.status === 'requested') {
          const form = new FormData();
          form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'paper copy.png');
          const r = await fetch(`${h.url}/api/cases/${reference}/documents/${d.id}/file`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${caseworker}` },
            body: form,
          });
          expect(r.status).toBe(201);
        }
        await call(caseworker, 'POST', `/api/cases/${reference}/documents/${d.id}/review`, { status: 'accepted' });
      }
      for (const event of ['record-documents', 'start-review', 'complete-review'])
        await call(caseworker, 'POST', `/api/cases/${reference}/transitions`, { event });
      await call(await token(STAFF.supervisor), 'POST', `/api/cases/${reference}/transitions`, { event: 'approve' });

      await p2.reload();
      await expect.poll(() => p2.getByTestId('status-state').textContent()).toBe('Approved');
      const approval = p2.getByTestId('status-message').filter({ hasText: `Your rental assistance ${reference} was approved` });
      await expect(approval.textContent()).resolves.toContain('We will pay your landlord directly.');
      await axeEverywhere(p2, 'status-approved');
      // "Print this notice" prints (headless: at once); the print stylesheet leaves the notices and drops the page furniture.
      await approval.getByRole('button', { name: /Print this notice/ }).click();
      await p2.emulateMedia({ media: 'print' });
      expect(
        await p2
          .locator('header.usa-header, section[aria-labelledby="documents-heading"]')
          .evaluateAll((els) => els.map((e) => getComputedStyle(e).display)),
      ).toEqual(['none', 'none']);
      await expect(approval.isVisible()).resolves.toBe(true);
      await shot(p2, 'status-approved-print');
      await p2.emulateMedia({ media: 'screen' });
      expect(second.problems).toEqual([]);
      await laptop.close();

      // The same approval notice arrived by email, once.
      const mail = await smtp.waitForMatch((m) => m.subject === `Your rental assistance ${reference} was approved`);
      expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe(EMAIL);
      expect(smtp.received.filter((m) => m.subject === mail.subject)).toHaveLength(1);
    });
  },
  { mail: () => smtp.config() },
);
