/**
 * Deadline reminders and the documents a caseworker chooses (issue 15), through the HTTP API on a real server with
 * a real SMTP server, on each store (a SQLite file; a database of a throwaway PostgreSQL cluster): the caseworker picks document types, a due date within the workflow's
 * deadline and a note (each refusal names its field); the notice lists the chosen ones; the rental program's
 * "Send your documents by" deadline reminds the applicant 3 days before, once: on the status page, by email, and to
 * the intermediary who applied for them; not again on the next run, nor after a restart, nor once overdue.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDueReminders } from '../../runtime/services/reminders.ts';
import { ELIGIBLE_ANSWERS, PROGRAM_ID, startHarness, type Harness } from './api/harness.ts';
import { startSmtp, type TestSmtp } from '../support/smtp.ts';
import { clusterForSuite, describeOnStores } from '../support/stores.ts';

const DOB = '1988-03-14';
const EMAIL = 'rosa.diaz@example.org';

let smtp: TestSmtp;
let h: Harness;
let dir: string;
/** The store the suite's servers share (restarts included): a SQLite file, or a PostgreSQL database. */
let store: { sqlitePath: string } | { databaseUrl: string };
let caseworker: { id: string; token: string };
let navigator: { id: string; token: string };

/** An application submitted by the navigator for a client, with the client's email and consent to be contacted. */
async function submittedForClient(email: string) {
  const started = await h.call('POST', '/api/applications', {
    token: navigator.token,
    body: { programId: PROGRAM_ID, onBehalfOf: 'Rosa Díaz', consent: { confirmed: true } },
  });
  expect(started.status).toBe(201);
  const code = started.body.resumeCode as string;
  const headers = { 'x-resume-code': code };
  await h.call('PUT', `/api/applications/${started.body.id}`, {
    token: navigator.token,
    headers,
    body: { answers: { ...ELIGIBLE_ANSWERS, email, contactConsent: true } },
  });
  const submitted = await h.call('POST', `/api/applications/${started.body.id}/submit`, {
    token: navigator.token,
    headers,
    body: { statusFactor: { kind: 'date-of-birth', dateOfBirth: DOB } },
  });
  expect(submitted.status).toBe(201);
  return { code, caseId: submitted.body.caseId as string, ref: submitted.body.reference as string };
}

async function statusOf(code: string) {
  const opened = await h.call('POST', '/api/status/open', { body: { resumeCode: code, dateOfBirth: DOB } });
  expect(opened.status).toBe(200);
  return opened.body.status;
}

const mailsTo = (address: string) => smtp.received.filter((m) => m.to && JSON.stringify(m.to).includes(address));

describeOnStores('documents chosen and deadline reminders over HTTP', (kind) => {
  const cluster = kind === 'postgres' ? clusterForSuite() : undefined;
  beforeAll(async () => {
    // An SMTP server per store's suite: the tests count the emails to one address.
    smtp = await startSmtp();
    dir = mkdtempSync(join(tmpdir(), 'mandate-reminders-'));
    store = cluster ? { databaseUrl: await cluster().newDatabase() } : { sqlitePath: join(dir, 'mandate.db') };
    h = await startHarness({ ...store, mail: smtp.config(), statusRateLimit: 50 });
    caseworker = await h.user(['caseworker'], 'Casey Worker');
    navigator = await h.user(['intermediary'], 'Ines Navigator');
  });
  afterAll(async () => {
    await h?.close();
    await smtp?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('the caseworker chooses the documents to ask for', () => {
    it('refuses an empty choice, an unknown type, a due date outside the workflow deadline, and documents on a transition that asks for none', async () => {
      const { caseId } = await submittedForClient('refusals@example.org');
      const ask = (body: Record<string, unknown>) =>
        h.call('POST', `/api/cases/${caseId}/transitions`, { token: caseworker.token, body: { event: 'request-documents', ...body } });
      const empty = await ask({ documents: [] });
      expect(empty.status).toBe(422);
      expect(empty.body.error).toMatchObject({ code: 'documents-required' });
      expect(empty.body.error.diagnostics[0].path).toBe('/documents');
      const unknown = await ask({ documents: ['lease', 'passport'] });
      expect(unknown.status).toBe(422);
      expect(unknown.body.error.diagnostics[0].path).toBe('/documents/1');
      expect(unknown.body.error.message).toContain('"passport"');
      // The rental program's documents deadline is 14 days: 2025-07-15 from 2025-07-01.
      const late = await ask({ documents: ['lease'], dueOn: '2025-07-16' });
      expect(late.status).toBe(422);
      expect(late.body.error.diagnostics[0].path).toBe('/dueOn');
      expect(late.body.error.message).toContain('2025-07-15');
      const past = await ask({ documents: ['lease'], dueOn: '2025-07-01' });
      expect(past.status).toBe(422);
      expect(past.body.error.diagnostics[0].path).toBe('/dueOn');
      const spanish = await h.call('POST', `/api/cases/${caseId}/transitions`, {
        token: caseworker.token,
        headers: { 'accept-language': 'es' },
        body: { event: 'request-documents', documents: [] },
      });
      expect(spanish.body.error.message).toContain('elija al menos uno');
      const review = await h.call('POST', `/api/cases/${caseId}/transitions`, {
        token: caseworker.token,
        body: { event: 'start-review', documents: ['lease'] },
      });
      expect(review.status).toBe(422);
      expect(review.body.error).toMatchObject({ code: 'documents-not-taken' });
      // Nothing was asked for by the refused requests.
      const detail = await h.call('GET', `/api/cases/${caseId}`, { token: caseworker.token });
      expect(detail.body.documents).toEqual([]);
    });
  });

  describe('deadline reminders', () => {
    let chosen: Awaited<ReturnType<typeof submittedForClient>>;
    let standard: Awaited<ReturnType<typeof submittedForClient>>;

    beforeAll(async () => {
      h.setToday('2025-07-01');
      chosen = await submittedForClient(EMAIL);
      standard = await submittedForClient('standard@example.org');
    });

    it('asks for the chosen documents with the due date and note, and the notice lists only them', async () => {
      const asked = await h.call('POST', `/api/cases/${chosen.caseId}/transitions`, {
        token: caseworker.token,
        body: { event: 'request-documents', documents: ['proof-of-income', 'lease'], dueOn: '2025-07-08', note: 'The last two pay stubs.' },
      });
      expect(asked.status).toBe(200);
      expect(asked.body.documents.map((d: { typeId: string; dueOn: string; note: string }) => [d.typeId, d.dueOn, d.note])).toEqual([
        ['proof-of-income', '2025-07-08', 'The last two pay stubs.'],
        ['lease', '2025-07-08', 'The last two pay stubs.'],
      ]);
      const status = await statusOf(chosen.code);
      const notice = status.messages.at(-1);
      expect(notice.notice).toBe('documents-requested');
      expect(notice.text).toContain('- Proof of household income\n- Lease or rental agreement\n\nFrom your caseworker: The last two pay stubs.');
      expect(notice.text).not.toContain('past-due');
      expect(status.documents.map((d: { typeId: string; dueOn: string }) => [d.typeId, d.dueOn])).toEqual([
        ['proof-of-income', '2025-07-08'],
        ['lease', '2025-07-08'],
      ]);
      // The documents deadline the applicant is shown is the chosen day, not the workflow's 14 days.
      expect(status.deadlines.find((d: { id: string }) => d.id === 'documents')).toMatchObject({
        title: 'Send your documents by',
        dueOn: '2025-07-08',
      });

      const other = await h.call('POST', `/api/cases/${standard.caseId}/transitions`, {
        token: caseworker.token,
        body: { event: 'request-documents' },
      });
      expect(other.body.documents.map((d: { typeId: string }) => d.typeId)).toEqual(['lease', 'housing-notice', 'proof-of-income']);
    });

    it('sends nothing before the reminder is due', async () => {
      h.setToday('2025-07-04');
      expect(await sendDueReminders(h.server.ctx)).toBe(0);
    });

    it('reminds 3 days before the due date, once: status page, email, the intermediary', async () => {
      h.setToday('2025-07-05');
      expect(await sendDueReminders(h.server.ctx)).toBe(1);
      expect(await sendDueReminders(h.server.ctx)).toBe(0);
      const status = await statusOf(chosen.code);
      const reminder = status.messages.at(-1);
      expect(reminder).toMatchObject({ notice: 'deadline-reminder', subject: `Reminder: send your documents by July 8, 2025 (case ${chosen.ref})` });
      expect(reminder.text).toContain('- Proof of household income\n- Lease or rental agreement');
      const mail = await smtp.waitForMatch((m) => m.subject === reminder.subject);
      expect(JSON.stringify(mail.to)).toContain(EMAIL);
      // The sessions of the test's users have expired by this day: the store shows the case's messages.
      const messages = await h.server.ctx.store.listMessages(chosen.caseId);
      const copies = messages.filter((m) => m.notice === 'deadline-reminder');
      expect(copies.map((m) => m.to).sort()).toEqual(['applicant', navigator.id].sort());
      // Let the sender finish, then check the one email.
      for (let i = 0; i < 200 && (await h.server.ctx.store.listOutbox({ caseId: chosen.caseId, status: 'pending' })).length > 0; i++)
        await new Promise((r) => setTimeout(r, 25));
      expect(mailsTo(EMAIL).filter((m) => m.subject?.startsWith('Reminder')).length).toBe(1);
    });

    it('is not sent again after a restart; the workflow deadline reminds the other case on its own day', async () => {
      await h.close();
      h = await startHarness({ ...store, mail: smtp.config(), statusRateLimit: 50, publish: false, today: '2025-07-06' });
      expect(await sendDueReminders(h.server.ctx)).toBe(0);
      h.setToday('2025-07-12');
      // The other case: the workflow's 14 days, due 2025-07-15.
      expect(await sendDueReminders(h.server.ctx)).toBe(1);
      const status = await statusOf(standard.code);
      expect(status.messages.at(-1).subject).toBe(`Reminder: send your documents by July 15, 2025 (case ${standard.ref})`);
      h.setToday('2025-07-20');
      expect(await sendDueReminders(h.server.ctx)).toBe(0);
      const reminders = (await statusOf(chosen.code)).messages.filter((m: { notice: string }) => m.notice === 'deadline-reminder');
      expect(reminders).toHaveLength(1);
      expect(mailsTo(EMAIL).filter((m) => m.subject?.startsWith('Reminder')).length).toBe(1);
    });
  });
});
