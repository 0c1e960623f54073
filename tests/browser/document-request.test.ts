/**
 * The staff case page in the browser against the real server (issue 15): the questions, the states and the
 * document types in the staff's language (Spanish: no English question title), and "Ask for documents" as a choice
 * of the program's document types (at least one, said when none is checked), a due date and a note; the request
 * holds only the chosen ones. Screenshots at 390 and 1280 px in English and Spanish, axe on each.
 */
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiAs } from './support/api.ts';
import { axeViolations, describeInBrowser, type Harness, newPage, PHONE, ROOT, signIn, STAFF } from './support/harness.ts';

let h: Harness;
const SHOTS = path.join(ROOT, '..', '..', 'shots', 'h15');

const ANSWERS = {
  householdSize: 3,
  annualIncome: 60000,
  monthlyRent: 2000,
  rentOwed: 4500,
  pastDueRentNotice: false,
  evictionNotice: true,
  unsafeHousing: false,
};

const DOB = '1985-09-23';

async function submit(lang: string): Promise<{ ref: string; code: string }> {
  const started = await fetch(`${h.url}/api/applications`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ programId: 'emergency-rental-assistance', lang }),
  });
  const { id, resumeCode } = (await started.json()) as { id: string; resumeCode: string };
  const headers = { 'Content-Type': 'application/json', 'X-Resume-Code': resumeCode };
  expect((await fetch(`${h.url}/api/applications/${id}`, { method: 'PUT', headers, body: JSON.stringify({ answers: ANSWERS }) })).status).toBe(200);
  const submitted = await fetch(`${h.url}/api/applications/${id}/submit`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ statusFactor: { kind: 'date-of-birth', dateOfBirth: DOB } }),
  });
  expect(submitted.status).toBe(201);
  return { ref: ((await submitted.json()) as { reference: string }).reference, code: resumeCode };
}

async function shoot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  const violations = await axeViolations(page);
  expect(violations.length ? JSON.stringify(violations).slice(0, 1500) : '', name).toBe('');
}

const WORDS = {
  en: {
    question: 'How many people live in your home, including you?',
    other: '¿Cuántas personas viven en su casa, incluido usted?',
    ask: 'Ask for documents',
    none: 'Choose at least one document to ask for.',
    lease: 'Lease or rental agreement',
    income: 'Proof of household income',
    send: 'Send the request',
  },
  es: {
    question: '¿Cuántas personas viven en su casa, incluido usted?',
    other: 'How many people live in your home, including you?',
    ask: 'Pedir documentos',
    none: 'Elija al menos un documento para pedir.',
    lease: 'Contrato o acuerdo de alquiler',
    income: 'Comprobante de ingresos del hogar',
    send: 'Enviar la solicitud',
  },
} as const;

describeInBrowser(
  'the staff case page: its texts in the staff language, and asking for the documents the caseworker chooses',
  (harness) => (h = harness),
  () => {
    for (const lang of ['en', 'es'] as const) {
      it(`${lang}: shows the questions in the staff language and asks for the chosen documents with a note`, async () => {
        const w = WORDS[lang];
        for (const viewport of [PHONE, { width: 1280, height: 900 }]) {
          const { ref, code } = await submit(lang);
          const context = await h.browser.newContext({ viewport });
          const { page, problems } = await newPage(context);
          await signIn(page, h.url, STAFF.caseworker);
          await page.goto(`${h.url}/staff/cases/${ref}${lang === 'es' ? '?lang=es' : ''}`);
          await page.getByText(w.question).first().waitFor();
          await expect(page.getByText(w.other).count()).resolves.toBe(0);
          await page.getByRole('button', { name: w.ask, exact: true }).click();
          const form = page.getByTestId('document-request');
          await form.getByRole('heading', { name: w.ask }).waitFor();
          // The workflow's list is checked to start with; with none checked the form says so and sends nothing.
          // (USWDS draws the box on the label: click the label, as a person does.)
          for (const box of await form.getByRole('checkbox').all())
            if (await box.isChecked()) await form.locator(`label[for="${await box.getAttribute('id')}"]`).click();
          await form.getByRole('button', { name: w.send }).click();
          await form.getByText(w.none).waitFor();
          await form.locator('label', { hasText: w.lease }).click();
          await form.locator('label', { hasText: w.income }).click();
          const note = lang === 'es' ? 'Los dos últimos talones de pago.' : 'The last two pay stubs.';
          await form.locator('#request-note').fill(note);
          const due = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
          await form.locator('#request-due-on').fill(due);
          await shoot(page, `case-request-documents-${lang}-${viewport.width}`);
          await form.getByRole('button', { name: w.send }).click();
          await page.getByTestId('case-document').first().waitFor();
          await expect.poll(() => page.getByTestId('case-document').count()).toBe(2);
          await expect(page.getByTestId('documents').textContent()).resolves.toContain(w.lease);
          await shoot(page, `case-documents-requested-${lang}-${viewport.width}`);
          const detail = await apiAs<{ documents: { typeId: string }[] }>(h.url, STAFF.caseworker, 'GET', `/api/cases/${ref}`);
          expect(detail.body.documents.map((d) => d.typeId)).toEqual(['lease', 'proof-of-income']);
          // The applicant's status page shows the chosen documents with the note and the due date.
          await page.goto(`${h.url}/status?lang=${lang}`);
          await page.getByLabel(lang === 'es' ? 'Código para continuar' : 'Resume code', { exact: true }).fill(code);
          await page.getByLabel(lang === 'es' ? 'Fecha de nacimiento' : 'Date of birth', { exact: true }).fill(DOB);
          await page.getByRole('button', { name: lang === 'es' ? 'Ver mi solicitud' : 'Show my application' }).click();
          await page.getByTestId('status-document').first().waitFor();
          await expect.poll(() => page.getByTestId('status-document').count()).toBe(2);
          await expect(page.getByTestId('status-document').first().textContent()).resolves.toContain(note);
          await shoot(page, `status-documents-chosen-${lang}-${viewport.width}`);
          expect(problems).toEqual([]);
          await context.close();
        }
      });
    }
  },
);
