/**
 * Casework on the emergency-rental-assistance program (its workflow has supervisor approval): a caseworker signs in,
 * finds the case in the inbox, asks for documents, records them, reviews; the person who reviewed cannot approve
 * (maker-checker), and the refusal is shown in words; a different supervisor approves — against the real server.
 */
import { expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { describeInBrowser, type Harness, newPage, screenshot, signIn, STAFF } from './support/harness.ts';

let h: Harness;

/** Submits an eligible rental-assistance application through the API, as the applicant pages do. */
async function submitRentalApplication(url: string): Promise<string> {
  const started = await fetch(`${url}/api/applications`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ programId: 'emergency-rental-assistance', lang: 'en' }),
  });
  expect(started.status).toBe(201);
  const { id, resumeCode } = (await started.json()) as { id: string; resumeCode: string };
  const headers = { 'Content-Type': 'application/json', 'X-Resume-Code': resumeCode };
  const answers = {
    householdSize: 3,
    annualIncome: 60000,
    monthlyRent: 2000,
    rentOwed: 4500,
    pastDueRentNotice: false,
    evictionNotice: true,
    unsafeHousing: false,
  };
  expect((await fetch(`${url}/api/applications/${id}`, { method: 'PUT', headers, body: JSON.stringify({ answers }) })).status).toBe(200);
  const submitted = await fetch(`${url}/api/applications/${id}/submit`, { method: 'POST', headers });
  expect(submitted.status).toBe(201);
  // The short reference: shown in the inbox and on the case page, and accepted by the API wherever a case id is.
  return ((await submitted.json()) as { reference: string }).reference;
}

async function take(within: Page | Locator, action: string, state: string, page: Page = within as Page) {
  await within.getByRole('button', { name: action, exact: true }).click();
  await expect.poll(() => page.getByTestId('case-state').textContent()).toBe(state);
}

describeInBrowser(
  'caseworker and supervisor: documents, review, maker-checker, approval',
  (harness) => (h = harness),
  () => {
    it('takes a rental-assistance case from the inbox to approval, refusing the reviewer as approver', async () => {
      const caseId = await submitRentalApplication(h.url);

      // The person who will review (caseworker and supervisor roles) finds the case in the inbox.
      const leadContext = await h.browser.newContext({ viewport: { width: 1280, height: 900 } });
      const lead = await newPage(leadContext);
      await signIn(lead.page, h.url, STAFF.lead);
      await lead.page.getByLabel('Program').selectOption('emergency-rental-assistance');
      await lead.page.getByRole('button', { name: 'Apply filters' }).click();
      const row = lead.page.getByTestId('case-row').filter({ hasText: caseId });
      await row.waitFor();
      await expect(lead.page.getByTestId('case-counts').textContent()).resolves.toMatch(/^1 case\b/);
      await screenshot(lead.page, 'staff-inbox');
      await row.getByRole('link').click();
      await lead.page.getByRole('heading', { level: 1, name: `Case ${caseId}` }).waitFor();
      await expect(lead.page.getByTestId('eligibility').first().textContent()).resolves.toBe('Eligible');

      // Documents: requested (the form starts with the workflow's list checked), then received.
      await lead.page.getByRole('button', { name: 'Ask for documents', exact: true }).click();
      await take(lead.page.getByTestId('document-request'), 'Send the request', 'Waiting for documents', lead.page);
      await expect(lead.page.getByTestId('documents').textContent()).resolves.toContain('Lease or rental agreement');
      await take(lead.page, 'Record documents received', 'Documents received');
      await expect(lead.page.getByTestId('documents').textContent()).resolves.toContain('Received');

      // A note, then the review.
      await lead.page.getByLabel('Add a note').fill('Lease and eviction notice checked.');
      await lead.page.getByRole('button', { name: 'Save note' }).click();
      await expect.poll(() => lead.page.getByTestId('notes').textContent()).toContain('Lease and eviction notice checked.');
      await take(lead.page, 'Start the review', 'In review');
      await take(lead.page, 'Send for supervisor approval', 'Waiting for supervisor approval');

      // Maker-checker: the reviewer is a supervisor too, but may not approve; the page says why.
      expect(await lead.page.getByRole('button', { name: 'Approve the payment' }).count()).toBe(0);
      await expect(lead.page.getByTestId('refused-actions').textContent()).resolves.toMatch(
        /Approve the payment: you cannot do this now\..*maker-checker/,
      );
      await screenshot(lead.page, 'staff-case-maker-checker');
      expect(lead.problems).toEqual([]);

      // Asking the API directly is refused with the same reason, which the page would show in an alert.
      const refused = await lead.page.evaluate(async (id) => {
        const csrf = (await (await fetch('/api/auth/csrf')).json()).csrfToken;
        const r = await fetch(`/api/cases/${id}/transitions`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
          body: JSON.stringify({ event: 'approve' }),
        });
        return { status: r.status, body: await r.json() };
      }, caseId);
      expect(refused.status).toBe(422);
      expect(JSON.stringify(refused.body)).toContain('maker-checker');
      await leadContext.close();

      // A different supervisor approves.
      const supContext = await h.browser.newContext({ viewport: { width: 1280, height: 900 } });
      const sup = await newPage(supContext);
      await signIn(sup.page, h.url, STAFF.supervisor);
      await sup.page.goto(`${h.url}/staff/cases/${caseId}`);
      await take(sup.page, 'Approve the payment', 'Approved');
      await expect(sup.page.getByTestId('history').textContent()).resolves.toMatch(/Approve the payment/);
      await screenshot(sup.page, 'staff-case-approved');
      expect(sup.problems).toEqual([]);
      await supContext.close();
    });

    it('shows a refused action as a readable alert and keeps the page', async () => {
      const caseId = await submitRentalApplication(h.url);
      const context = await h.browser.newContext();
      const { page, problems } = await newPage(context);
      await signIn(page, h.url, STAFF.caseworker);
      await page.goto(`${h.url}/staff/cases/${caseId}`);
      await page.getByRole('button', { name: 'Start the review' }).waitFor();
      // Another session moves the case first; this page's button is now stale and the server refuses it.
      await page.evaluate(async (id) => {
        const csrf = (await (await fetch('/api/auth/csrf')).json()).csrfToken;
        await fetch(`/api/cases/${id}/transitions`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
          body: JSON.stringify({ event: 'start-review' }),
        });
      }, caseId);
      await page.getByRole('button', { name: 'Start the review' }).click();
      await page.getByRole('heading', { name: 'This action was refused' }).waitFor();
      await expect(page.getByTestId('action-message').textContent()).resolves.not.toBe('');
      await screenshot(page, 'staff-case-refused');
      expect(problems).toEqual([]);
      await context.close();
    });
  },
);
