/**
 * Organisations in the staff pages (issue 16), against the real server: the platform administrator creates a second
 * organisation, hands the food bank program to it and adds a member there; a caseworker of the default organisation
 * adds that member to a rental case's team and writes a note for the team; the member sees the team view (no
 * answers) and the shared note. Each page passes axe. Accounts and the case are seeded through the API.
 */
import { expect, it } from 'vitest';
import { apiAs } from './support/api.ts';
import { axeViolations, describeInBrowser, type Harness, newPage, screenshot, signIn, STAFF } from './support/harness.ts';

let h: Harness;
const ADMIN = { email: 'admin@example.org', password: 'admin-password-for-tests' };
const HELPER = { email: 'frida@example.org', name: 'Frida Volunteer', password: 'staff-password-for-tests' };

async function submitRentalCase(): Promise<string> {
  const started = await (
    await fetch(`${h.url}/api/applications`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ programId: 'emergency-rental-assistance' }),
    })
  ).json();
  const headers = { 'Content-Type': 'application/json', 'X-Resume-Code': started.resumeCode };
  const answers = {
    householdSize: 3,
    annualIncome: 60000,
    monthlyRent: 2000,
    rentOwed: 4500,
    pastDueRentNotice: false,
    evictionNotice: true,
    unsafeHousing: false,
  };
  await fetch(`${h.url}/api/applications/${started.id}`, { method: 'PUT', headers, body: JSON.stringify({ answers }) });
  const submitted = await (await fetch(`${h.url}/api/applications/${started.id}/submit`, { method: 'POST', headers })).json();
  return submitted.reference;
}

describeInBrowser(
  'organisations, members and the team around a person',
  (harness) => (h = harness),
  () => {
    it('creates an organisation, assigns a program and a member, and shares a case with its team member', async () => {
      // An account to make a member (created in the default organisation, added to the new one by the page).
      expect((await apiAs(h.url, ADMIN, 'POST', '/api/users', { ...HELPER, roles: ['caseworker'] })).status).toBe(201);
      const reference = await submitRentalCase();

      const context = await h.browser.newContext({ viewport: { width: 1280, height: 900 } });
      const admin = await newPage(context);
      await signIn(admin.page, h.url, ADMIN);
      await admin.page.getByRole('link', { name: 'Organisations' }).click();
      await admin.page.getByRole('heading', { level: 1, name: 'Organisations' }).waitFor();
      await admin.page.getByLabel('Id (lowercase letters, digits and hyphens)').fill('community-food-bank-org');
      await admin.page.getByLabel('Name', { exact: true }).fill('Community food bank');
      await admin.page.getByRole('button', { name: 'Create an organisation' }).click();
      await admin.page.getByText('The organisation Community food bank was created.').waitFor();
      await admin.page.getByLabel('community-food-bank', { exact: true }).selectOption('community-food-bank-org');
      await admin.page.getByText('community-food-bank is now run by Community food bank.').waitFor();
      const foodBank = admin.page.getByRole('region', { name: 'Members of Community food bank' });
      await foodBank.getByLabel('Email of an existing account').fill(HELPER.email);
      await foodBank.getByRole('button', { name: 'Save member' }).click();
      await foodBank.getByText(`${HELPER.email} is a member with the roles Caseworker.`).waitFor();
      expect(await axeViolations(admin.page)).toEqual([]);
      await screenshot(admin.page, 'staff-organisations');
      await context.close();

      const workerContext = await h.browser.newContext({ viewport: { width: 390, height: 844 } });
      const worker = await newPage(workerContext);
      await signIn(worker.page, h.url, STAFF.caseworker);
      await worker.page.goto(`${h.url}/staff/cases/${reference}`);
      const team = worker.page.getByRole('region', { name: 'Team around this person' });
      await team.getByLabel('Staff member').selectOption({ label: 'Frida Volunteer (Community food bank, Default organisation)' });
      await team.getByLabel('Their role on this case (for example: volunteer coordinator)').fill('Volunteer coordinator');
      await team.getByRole('button', { name: 'Add to the team' }).click();
      await team.getByTestId('team').getByText('Volunteer coordinator').waitFor();
      await worker.page.getByLabel('Add a note').fill('Please bring a food parcel this week.');
      await worker.page.locator('label[for="note-visibility-team"]').click();
      expect(await worker.page.getByLabel('The team', { exact: true }).isChecked()).toBe(true);
      await worker.page.getByRole('button', { name: 'Save note' }).click();
      await worker.page.getByTestId('notes').getByText('Please bring a food parcel this week.').waitFor();
      expect(await axeViolations(worker.page)).toEqual([]);
      expect(worker.problems).toEqual([]);
      await workerContext.close();

      // Frida is still in the default organisation too; take her out of it, so she sees the case as a team member only.
      const members = await apiAs<{ items: { user: { id: string; email: string } }[] }>(h.url, ADMIN, 'GET', '/api/organisations/default/members');
      const frida = members.body.items.find((m) => m.user.email === HELPER.email)!;
      expect((await apiAs(h.url, ADMIN, 'DELETE', `/api/organisations/default/members/${frida.user.id}`)).status).toBe(204);
      const helperContext = await h.browser.newContext({ viewport: { width: 390, height: 844 } });
      const helper = await newPage(helperContext);
      await signIn(helper.page, h.url, HELPER);
      await helper.page.goto(`${h.url}/staff/cases/${reference}`);
      await helper.page.getByTestId('team-view').waitFor();
      await helper.page.getByTestId('notes').getByText('Please bring a food parcel this week.').waitFor();
      await expect(helper.page.getByRole('heading', { name: 'Application as submitted' }).count()).resolves.toBe(0);
      expect(await axeViolations(helper.page)).toEqual([]);
      await screenshot(helper.page, 'staff-case-team-view');
      expect(helper.problems).toEqual([]);
      await helperContext.close();
    });
  },
);
