/**
 * Every question type the form builder offers, on the applicant pages with the USWDS theme, against the real server
 * and Debian's Chromium: a fixture program (tests/fixtures/form-types/program.json: short and long text, number,
 * money, yes/no with its own words and without, single choice as radios and as a list, multiple choice with
 * `oneOf` and with `enum`, a date, a date as three fields, email, phone, a repeating group) is published through the
 * API, then each of its steps has zero axe violations, empty and with its errors shown, at 375 and 1280 px, in English
 * and Spanish. Choice groups are fieldsets with legends, nothing is pre-selected, yes/no shows the schema's words,
 * the multiple choice is checkboxes, the three date fields are labelled, money has its "$" and a decimal keyboard,
 * help and errors describe their fields. An applicant answers every question by keyboard and submits.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { ADMINISTRATOR, axeViolations, describeInBrowser, type Harness, newPage, ROOT, screenshot, STAFF } from './support/harness.ts';

let h: Harness;
const PROGRAM = 'form-types';
const PHONE = { width: 375, height: 900 };
const DESKTOP = { width: 1280, height: 1000 };
const fixture = JSON.parse(readFileSync(path.join(ROOT, 'tests/fixtures/form-types/program.json'), 'utf8')) as {
  form: { pages: { id: string; fields: string[] }[] };
};

async function api(account: { email: string; password: string }, method: string, route: string, body?: unknown) {
  const login = await fetch(`${h.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  const { token } = (await login.json()) as { token: string };
  const response = await fetch(`${h.url}${route}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, any>) : null };
}

/** Publishes the fixture as an analyst would (draft, request) and an administrator (publish), in force today. */
async function publishFixture(): Promise<void> {
  const made = await api(STAFF.analyst, 'POST', '/api/programs', fixture);
  expect(made.status, JSON.stringify(made.body).slice(0, 500)).toBe(201);
  const revision = made.body?.draft.revision as number;
  const terms = { changelog: 'Every question type.', effectiveFrom: new Date().toISOString().slice(0, 10), inFlight: 'keep' };
  const asked = await api(STAFF.analyst, 'POST', `/api/programs/${PROGRAM}/draft/publication-request`, { ...terms, revision });
  expect(asked.status, JSON.stringify(asked.body).slice(0, 500)).toBe(201);
  const published = await api(ADMINISTRATOR, 'POST', `/api/programs/${PROGRAM}/publish`, { revision });
  expect(published.status, JSON.stringify(published.body).slice(0, 500)).toBeLessThan(300);
}

let published: Promise<void> | undefined;
/** Publishes the fixture once per run (each test may run alone). */
function ensurePublished(): Promise<void> {
  published ??= publishFixture();
  return published;
}

async function applicant(
  lang: 'en' | 'es',
  viewport: { width: number; height: number },
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  await ensurePublished();
  const context = await h.browser.newContext({ viewport });
  await context.addInitScript((l) => window.localStorage.setItem('mandate.lang', l), lang);
  const { page, problems } = await newPage(context);
  await page.goto(`${h.url}/apply/${PROGRAM}`);
  await page.locator('main button.usa-button--big').click();
  await page.getByTestId('step-progress').waitFor();
  return { context, page, problems };
}

async function expectNoViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${where}:\n${violations.join('\n')}`).toEqual([]);
}

async function goToStep(page: Page, step: string): Promise<void> {
  await page.goto(`${h.url}/apply/${PROGRAM}/${step}`);
  await page.getByTestId('step-progress').waitFor();
  await page.locator('form.mandate-form').waitFor();
}

const WORDS = {
  en: {
    car: ['Yes, we own a car', 'No, we do not'],
    student: ['Yes', 'No'],
    diet: ['Nuts', 'Dairy', 'Gluten'],
    date: ['Month', 'Day', 'Year'],
    birth: 'Your date of birth',
    rent: 'Rent each month',
    members: 'Other people in your household',
  },
  es: {
    car: ['Sí, tenemos un auto', 'No, no tenemos'],
    student: ['Sí', 'No'],
    diet: ['Frutos secos', 'Lácteos', 'Gluten'],
    date: ['Mes', 'Día', 'Año'],
    birth: 'Su fecha de nacimiento',
    rent: 'Alquiler mensual',
    members: 'Otras personas de su hogar',
  },
};

/** The ids an element's aria-describedby names. */
async function describedBy(page: Page, selector: string): Promise<string[]> {
  return ((await page.locator(selector).getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
}

describeInBrowser(
  'applicant pages: every question type the form builder offers',
  (harness) => (h = harness),
  () => {
    it('publishes the fixture program', async () => {
      await ensurePublished();
      const current = await fetch(`${h.url}/api/programs/${PROGRAM}/current`);
      expect(current.status).toBe(200);
    });

    for (const lang of ['en', 'es'] as const) {
      it(`renders each type accessibly, empty and with errors, at phone and desktop width (${lang})`, async () => {
        const w = WORDS[lang];
        for (const viewport of [PHONE, DESKTOP]) {
          const size = viewport === PHONE ? 'phone' : 'desktop';
          const { context, page, problems } = await applicant(lang, viewport);
          for (const step of fixture.form.pages) {
            await goToStep(page, step.id);
            await expectNoViolations(page, `${step.id} (${lang}, ${size})`);
            await screenshot(page, `form-types-${lang}-${size}-${step.id}`);
            if (step.id === 'situation') {
              // Yes/no in the schema's own words, and the default words; nothing chosen for the applicant.
              const car = page.getByRole('group', { name: /car|auto/ });
              expect(await car.getByRole('radio').evaluateAll((rs) => rs.map((r) => (r as HTMLInputElement).labels?.[0]?.textContent))).toEqual(
                w.car,
              );
              const student = page.locator('#root_isStudent__fieldset');
              expect(await student.getByRole('radio').evaluateAll((rs) => rs.map((r) => (r as HTMLInputElement).labels?.[0]?.textContent))).toEqual(
                w.student,
              );
              expect(await page.locator('form.mandate-form input[type="radio"]:checked').count()).toBe(0);
              expect(await page.locator('#root_bestDay').inputValue()).toBe('');
              // Money: "$" before it, a decimal keyboard, its description and help read with it.
              expect(await page.locator('#root_rent').getAttribute('inputmode')).toBe('decimal');
              expect(await page.locator('#root_rent').locator('xpath=..').locator('.usa-input-prefix').textContent()).toBe('$');
              expect(await describedBy(page, '#root_rent')).toEqual(['root_rent__description', 'root_rent__help']);
              expect(await page.getByLabel(new RegExp(w.rent)).count()).toBe(1);
            }
            if (step.id === 'details') {
              // Multiple choice as labelled checkboxes in a fieldset, never a multi-select box.
              expect(await page.locator('form.mandate-form select[multiple]').count()).toBe(0);
              for (const word of w.diet) expect(await page.getByRole('checkbox', { name: word }).count()).toBe(1);
              expect(await page.locator('#root_needs__fieldset input[type="checkbox"]').count()).toBe(3);
              // A date as three labelled fields in a group named by the question.
              const birth = page.getByRole('group', { name: new RegExp(w.birth) });
              for (const word of w.date) expect(await birth.getByLabel(word, { exact: true }).count()).toBe(1);
              expect(await page.locator('#root_moveInDate').getAttribute('type')).toBe('date');
            }
            // Submitted empty: every error shown is tied to its field.
            await page.locator('form.mandate-form button[type="submit"]').click();
            if ((await page.locator('.usa-error-message').count()) > 0) {
              await expectNoViolations(page, `${step.id} with errors (${lang}, ${size})`);
              await screenshot(page, `form-types-${lang}-${size}-${step.id}-errors`);
              for (const message of await page.locator('form.mandate-form .usa-error-message').all()) {
                const id = await message.getAttribute('id');
                expect(await page.locator(`[aria-describedby~="${id}"]`).count(), `${id} describes a field`).toBeGreaterThan(0);
              }
              if (step.id === 'situation') expect(await describedBy(page, '#root_rent')).toContain('root_rent__error');
            }
          }
          expect(problems).toEqual([]);
          await context.close();
        }
      });
    }

    it('lets an applicant answer every question by keyboard and submit', async () => {
      const { context, page, problems } = await applicant('en', DESKTOP);
      const next = async () => {
        await page.locator('form.mandate-form button[type="submit"]').focus();
        await page.keyboard.press('Enter');
      };
      const typeInto = async (selector: string, text: string) => {
        await page.locator(selector).focus();
        await page.keyboard.type(text);
      };
      await goToStep(page, 'where');
      await typeInto('#root_name', 'Ana');
      await typeInto('#root_zipCode', '02903');
      await next();
      await page.locator('#root_householdSize').waitFor();
      await typeInto('#root_householdSize', '2');
      await typeInto('#root_monthlyIncome', '1500');
      await next();
      await page.locator('#root_story').waitFor();
      await typeInto('#root_story', 'We moved here in June.');
      await typeInto('#root_rent', '650.50');
      // Radios: Space chooses the focused option, an arrow key moves to the next one and chooses it; a list moves
      // with the arrow keys.
      await page.getByLabel('Yes, we own a car').focus();
      await page.keyboard.press('Space');
      await page.keyboard.press('ArrowDown');
      await page.locator('#root_isStudent__fieldset input').first().focus();
      await page.keyboard.press('Space');
      await page.getByLabel('By email').focus();
      await page.keyboard.press('Space');
      await page.locator('#root_bestDay').focus();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await next();
      await page.locator('#root_needs__fieldset').waitFor();
      await page.getByRole('checkbox', { name: 'Rent' }).focus();
      await page.keyboard.press('Space');
      await page.getByRole('checkbox', { name: 'Child care' }).focus();
      await page.keyboard.press('Space');
      await page.getByRole('checkbox', { name: 'Dairy' }).focus();
      await page.keyboard.press('Space');
      await typeInto('#root_moveInDate', '06152024');
      await typeInto('#root_birthDate_month', '4');
      await typeInto('#root_birthDate_day', '28');
      await typeInto('#root_birthDate_year', '1986');
      await typeInto('#root_email', 'ana@example.org');
      await typeInto('#root_phone', '401 555 0100');
      await next();
      await page.getByRole('button', { name: /^Add/ }).waitFor();
      await page.getByRole('button', { name: /^Add/ }).focus();
      await page.keyboard.press('Enter');
      await typeInto('#root_members_0_memberName', 'Luis');
      await typeInto('#root_members_0_memberAge', '12');
      await page.locator('#root_members_0_memberWorks__fieldset input').nth(1).focus();
      await page.keyboard.press('Space');
      await next();
      // The review lists every answer in the applicant's words.
      await page.locator('.mandate-review').first().waitFor();
      const review = await page.locator('main').innerText();
      for (const shown of [
        'We moved here in June.',
        'No, we do not',
        'By email',
        'Wednesday',
        'Rent',
        'Child care',
        'Dairy',
        'ana@example.org',
        '401 555 0100',
        'Luis',
      ])
        expect(review, shown).toContain(shown);
      await screenshot(page, 'form-types-en-desktop-review');
      const draft = await page.evaluate((id) => JSON.parse(window.localStorage.getItem(`mandate.draft.${id}`) ?? 'null'), PROGRAM);
      expect(draft.answers).toMatchObject({
        rent: 650.5,
        hasCar: false,
        isStudent: true,
        contactBy: 'email',
        bestDay: 'wednesday',
        needs: ['rent', 'childcare'],
        diet: ['dairy'],
        moveInDate: '2024-06-15',
        birthDate: '1986-04-28',
        members: [{ memberName: 'Luis', memberAge: 12, memberWorks: false }],
      });
      // The second factor for the status page (issue 15): a date of birth, typed into its field.
      const dob = page.locator('#factor-dob-date');
      if ((await dob.count()) && !(await dob.inputValue())) await dob.fill('1986-04-28');
      await page.locator('main .mandate-actions button.usa-button--big').focus();
      await page.keyboard.press('Enter');
      await page.getByTestId('case-id').waitFor();
      await screenshot(page, 'form-types-en-desktop-result');
      expect(problems).toEqual([]);
      await context.close();
    });
  },
);
