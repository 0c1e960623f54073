/**
 * After submission (issue 15), through the HTTP API on a real server with a real SMTP server: short case references,
 * the status page with a second factor and its throttle, notices from the program's templates (on the status page
 * and by email, exactly once, surviving a restart and retried after a refusal), and documents: typed requests,
 * uploads with content sniffing and size limits, downloads, reviews. On each store: in-memory SQLite (a file for the
 * restarts), and fresh databases of a throwaway PostgreSQL cluster.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ELIGIBLE_ANSWERS, PROGRAM_ID, startHarness, type Harness } from './api/harness.ts';
import { startSmtp, type TestSmtp } from '../support/smtp.ts';
import { clusterForSuite, describeOnStores } from '../support/stores.ts';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
const GIF = Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.alloc(64, 1)]);
const CONTACT = { email: 'ana.lopez@example.org', phone: '206 555 0100', contactConsent: true };
const DOB = '1988-03-14';

let smtp: TestSmtp;
let h: Harness;
let caseworker: { id: string; token: string };
let supervisor: { id: string; token: string };

async function submit(answers: Record<string, unknown>, statusFactor: unknown) {
  const started = await h.call('POST', '/api/applications', { body: { programId: PROGRAM_ID } });
  const code = started.body.resumeCode as string;
  await h.call('PUT', `/api/applications/${started.body.id}`, { body: { answers }, headers: { 'x-resume-code': code } });
  const submitted = await h.call('POST', `/api/applications/${started.body.id}/submit`, {
    body: { statusFactor },
    headers: { 'x-resume-code': code },
  });
  return { code, submitted };
}

async function upload(path: string, headers: Record<string, string>, content: Buffer, name: string, type = 'application/pdf') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(content)], { type }), name);
  const res = await fetch(h.url + path, { method: 'POST', headers: { accept: 'application/json', ...headers }, body: form });
  return { status: res.status, body: (await res.json()) as any, headers: res.headers };
}

describeOnStores('after submission over HTTP', (kind) => {
  const cluster = kind === 'postgres' ? clusterForSuite() : undefined;
  /** A server's store: a fresh PostgreSQL database on PostgreSQL; on SQLite the file `sqlitePath`, else in memory. */
  const storeOf = async (sqlitePath?: string) => (cluster ? { databaseUrl: await cluster().newDatabase() } : sqlitePath ? { sqlitePath } : {});
  beforeAll(async () => {
    // An SMTP server per store's suite: references start again on each store, and the tests find emails by them.
    smtp = await startSmtp();
    h = await startHarness({ ...(await storeOf()), mail: smtp.config(), statusRateLimit: 50 });
    caseworker = await h.user(['caseworker'], 'Casey Worker');
    supervisor = await h.user(['supervisor'], 'Sam Supervisor');
  });
  afterAll(async () => {
    await h?.close();
    await smtp?.close();
  });

  describe('after submission', () => {
    it('gives each case a short reference from the program prefix, year and sequence, accepted where a case id is', async () => {
      const { submitted } = await submit({ ...ELIGIBLE_ANSWERS }, { kind: 'date-of-birth', dateOfBirth: DOB });
      expect(submitted.status).toBe(201);
      expect(submitted.body.reference).toMatch(/^ERA-25-\d{6}$/);
      const byRef = await h.call('GET', `/api/cases/${submitted.body.reference.toLowerCase()}`, { token: caseworker.token });
      expect(byRef.status).toBe(200);
      expect(byRef.body.case.id).toBe(submitted.body.caseId);
      const second = await submit({ ...ELIGIBLE_ANSWERS }, { kind: 'date-of-birth', dateOfBirth: DOB });
      expect(Number(second.submitted.body.reference.slice(-6))).toBe(Number(submitted.body.reference.slice(-6)) + 1);
      const list = await h.call('GET', `/api/cases?q=${submitted.body.reference}`, { token: caseworker.token });
      expect(list.body.items.map((c: { reference: string }) => c.reference)).toEqual([submitted.body.reference]);
    });

    it('refuses a second factor it cannot use, naming the field', async () => {
      const noEmail = await submit({ ...ELIGIBLE_ANSWERS }, { kind: 'email' });
      expect(noEmail.submitted.status).toBe(422);
      expect(noEmail.submitted.body.error.diagnostics[0].path).toBe('/statusFactor/kind');
      const badDate = await submit({ ...ELIGIBLE_ANSWERS }, { kind: 'date-of-birth', dateOfBirth: '1988-02-31' });
      expect(badDate.submitted.status).toBe(422);
      expect(badDate.submitted.body.error.diagnostics[0].path).toBe('/statusFactor/dateOfBirth');
    });

    it('walks a case from submission to approval: status page, document request, upload, review, notices by email once', async () => {
      const before = smtp.received.length;
      const { code, submitted } = await submit({ ...ELIGIBLE_ANSWERS, ...CONTACT }, { kind: 'date-of-birth', dateOfBirth: DOB });
      expect(submitted.status).toBe(201);
      const ref = submitted.body.reference as string;

      const wrong = await h.call('POST', '/api/status/open', { body: { resumeCode: code, dateOfBirth: '1988-03-15' } });
      expect(wrong.status).toBe(401);
      expect(wrong.body.error.code).toBe('wrong-status-factor');
      const opened = await h.call('POST', '/api/status/open', { body: { resumeCode: code.toLowerCase(), dateOfBirth: DOB } });
      expect(opened.status).toBe(200);
      const token = { 'x-status-token': opened.body.token };
      expect(opened.body.status.reference).toBe(ref);
      expect(opened.body.status.state).toMatchObject({ id: 'submitted', title: 'We received your application', terminal: false });
      expect(opened.body.status.emailed).toBe(true);
      expect(opened.body.status.messages.map((m: { text: string }) => m.text)).toEqual([
        'We received your application for emergency rental assistance.',
      ]);
      expect(opened.body.status.deadlines.map((d: { title: string }) => d.title)).toEqual(['We decide by']);
      // The page's language words what the program says (state, documents, result); notices stay as they were sent.
      const spanish = (await h.call('GET', '/api/status', { headers: { ...token, 'accept-language': 'es' } })).body;
      expect(spanish.state.title).toBe('Recibimos su solicitud');
      expect(spanish.determination.reasons[0].text).not.toBe(opened.body.status.determination.reasons[0].text);

      // The caseworker asks for the program's document types; the notice lists their titles.
      const asked = await h.call('POST', `/api/cases/${ref}/transitions`, { token: caseworker.token, body: { event: 'request-documents' } });
      expect(asked.status).toBe(200);
      expect(asked.body.documents.map((d: { typeId: string }) => d.typeId)).toEqual(['lease', 'housing-notice', 'proof-of-income']);
      const status = (await h.call('GET', '/api/status', { headers: token })).body;
      expect(status.state.title).toBe('We need documents from you');
      const notice = status.messages.at(-1);
      expect(notice).toMatchObject({ notice: 'documents-requested', subject: `We need documents for your application ${ref}` });
      expect(notice.text).toContain(
        '- Lease or rental agreement\n- Past-due rent notice, eviction notice or proof of unsafe housing\n- Proof of household income',
      );
      const lease = status.documents.find((d: { typeId: string }) => d.typeId === 'lease');
      expect(lease).toMatchObject({ status: 'requested', accept: ['application/pdf', 'image/jpeg', 'image/png'], maxBytes: 10485760 });

      // Uploads: type from the content, not the name; size while streaming; then download for applicant and staff.
      const disguised = await upload(`/api/status/documents/${lease.id}`, token, GIF, 'lease.pdf');
      expect(disguised.status).toBe(415);
      expect(disguised.body.error.message).toContain('GIF');
      const tooBig = await upload(`/api/status/documents/${lease.id}`, token, Buffer.concat([PNG, Buffer.alloc(10485760)]), 'lease.png', 'image/png');
      expect(tooBig.status).toBe(413);
      expect(tooBig.body.error.message).toContain('10 MB');
      const sent = await upload(`/api/status/documents/${lease.id}`, token, PNG, 'lease scan.pdf');
      expect(sent.status).toBe(201);
      const received = sent.body.documents.find((d: { id: string }) => d.id === lease.id);
      expect(received).toMatchObject({ status: 'received', file: { name: 'lease scan.pdf', mediaType: 'image/png', size: PNG.length } });
      expect(received.file.sha256).toBe(createHash('sha256').update(PNG).digest('hex'));
      for (const [path, headers] of [
        [`/api/status/documents/${lease.id}/file`, token],
        [`/api/cases/${ref}/documents/${lease.id}/file`, { authorization: `Bearer ${caseworker.token}` }],
      ] as const) {
        const res = await fetch(h.url + path, { headers });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="lease scan.pdf"/);
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('content-type')).toBe('image/png');
        expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
      }
      expect((await fetch(`${h.url}/api/cases/${ref}/documents/${lease.id}/file`)).status).toBe(401);

      // Each document on its own: a rejection needs a reason, which the applicant sees; staff upload a paper copy.
      const noReason = await h.call('POST', `/api/cases/${ref}/documents/${lease.id}/review`, {
        token: caseworker.token,
        body: { status: 'rejected' },
      });
      expect(noReason.status).toBe(422);
      expect(noReason.body.error.diagnostics[0].path).toBe('/reason');
      await h.call('POST', `/api/cases/${ref}/documents/${lease.id}/review`, {
        token: caseworker.token,
        body: { status: 'rejected', reason: 'The lease is not signed; send the signed copy.' },
      });
      const afterReject = (await h.call('GET', '/api/status', { headers: token })).body.documents.find((d: { id: string }) => d.id === lease.id);
      expect(afterReject).toMatchObject({ status: 'rejected', reason: 'The lease is not signed; send the signed copy.' });
      await upload(`/api/status/documents/${lease.id}`, token, PNG, 'signed lease.png', 'image/png');
      const others = status.documents.filter((d: { id: string }) => d.id !== lease.id);
      for (const d of others) {
        const staffUpload = await upload(
          `/api/cases/${ref}/documents/${d.id}/file`,
          { authorization: `Bearer ${caseworker.token}` },
          PNG,
          'paper copy.png',
        );
        expect(staffUpload.status).toBe(201);
        expect(staffUpload.body.file.uploadedBy).toBe(caseworker.id);
      }
      for (const d of status.documents)
        expect(
          (await h.call('POST', `/api/cases/${ref}/documents/${d.id}/review`, { token: caseworker.token, body: { status: 'accepted' } })).status,
        ).toBe(200);
      const closed = await upload(`/api/status/documents/${lease.id}`, token, PNG, 'again.png');
      expect(closed.status).toBe(409);

      for (const [event, who] of [
        ['record-documents', caseworker],
        ['start-review', caseworker],
        ['complete-review', caseworker],
        ['approve', supervisor],
      ] as const) {
        const moved = await h.call('POST', `/api/cases/${ref}/transitions`, { token: who.token, body: { event } });
        expect(moved.status, `${event}: ${JSON.stringify(moved.body)}`).toBe(200);
      }
      const final = (await h.call('GET', '/api/status', { headers: token })).body;
      expect(final.state).toMatchObject({ id: 'approved', title: 'Approved', terminal: true });
      const approval = final.messages.find((m: { notice: string }) => m.notice === 'approval');
      expect(approval.subject).toBe(`Your rental assistance ${ref} was approved`);

      // Email: the submission, the document request and the approval, each exactly once, to the address given.
      const mails = (await smtp.waitFor(before + 3)).slice(before);
      // The sender marks a row sent after the SMTP server accepted it: wait for the last mark to commit.
      const allSent = async () => (await h.server.ctx.store.listOutbox({ caseId: submitted.body.caseId })).every((r) => r.status === 'sent');
      for (let i = 0; i < 200 && !(await allSent()); i++) await new Promise((r) => setTimeout(r, 25));
      expect(await allSent()).toBe(true);
      expect(mails.map((m) => m.subject)).toEqual([
        `Emergency Rental Assistance: a message about your application ${ref}`,
        `We need documents for your application ${ref}`,
        `Your rental assistance ${ref} was approved`,
      ]);
      for (const m of mails) expect(m.to && 'text' in m.to ? m.to.text : '').toBe(CONTACT.email);
      expect(mails[2].text?.trim()).toBe(approval.text);
    });

    it('opens the status page with a code sent by email, and throttles wrong tries with 429 and Retry-After', async () => {
      const { code, submitted } = await submit({ ...ELIGIBLE_ANSWERS, ...CONTACT }, { kind: 'email' });
      expect(submitted.status).toBe(201);
      // The submission's own notice goes to the same address; the code comes in its own email.
      await smtp.waitForMatch((m) => !!m.subject?.includes(submitted.body.reference));
      const before = smtp.received.length;
      const sent = await h.call('POST', '/api/status/email-code', { body: { resumeCode: code } });
      expect(sent.status).toBe(202);
      expect(sent.body.sentTo).toBe('a***@example.org');
      const [mail] = (await smtp.waitFor(before + 1)).slice(before);
      expect(mail.subject).toBe('Your code to open your status page');
      const emailed = /\b(\d{6})\b/.exec(mail.text ?? '')?.[1];
      expect(emailed).toBeDefined();
      const noCode = await h.call('POST', '/api/status/open', { body: { resumeCode: code } });
      expect(noCode.status).toBe(400);
      expect(noCode.body.error.message).toContain('emailCode');
      expect((await h.call('POST', '/api/status/open', { body: { resumeCode: code, emailCode: emailed } })).status).toBe(200);
      // The code works once; then five wrong tries for this resume code lock it.
      for (let i = 0; i < 5; i++)
        expect((await h.call('POST', '/api/status/open', { body: { resumeCode: code, emailCode: emailed } })).status).toBe(401);
      const locked = await h.call('POST', '/api/status/open', {
        body: { resumeCode: code, emailCode: '000000' },
        headers: { 'accept-language': 'es' },
      });
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(locked.body.error.message).toMatch(/^Demasiados intentos fallidos/);
    });
  });

  describe('the outbox', () => {
    it('keeps notices written while email is off and sends each once after a restart with SMTP; retries a refusal', async () => {
      // One store for the three servers: a SQLite file, or one PostgreSQL database.
      const store = await storeOf(join(mkdtempSync(join(tmpdir(), 'mandate-outbox-')), 'mandate.db'));
      const first = await startHarness({ ...store, mail: null });
      const started = await first.call('POST', '/api/applications', { body: { programId: PROGRAM_ID } });
      const code = started.body.resumeCode;
      await first.call('PUT', `/api/applications/${started.body.id}`, {
        body: { answers: { ...ELIGIBLE_ANSWERS, ...CONTACT } },
        headers: { 'x-resume-code': code },
      });
      const submitted = await first.call('POST', `/api/applications/${started.body.id}/submit`, { headers: { 'x-resume-code': code } });
      expect(submitted.status).toBe(201);
      const pending = await first.server.ctx.store.listOutbox({ caseId: submitted.body.caseId });
      expect(pending.map((r) => r.status)).toEqual(['pending']);
      await first.close();

      const before = smtp.received.length;
      smtp.failNext(1);
      const second = await startHarness({ ...store, mail: smtp.config({ retrySeconds: 60 }), publish: false });
      // The first attempt is refused (451): the row waits for its retry, a minute later on the server's clock.
      for (let i = 0; i < 200 && (await second.server.ctx.store.listOutbox({ caseId: submitted.body.caseId }))[0].attempts === 0; i++)
        await new Promise((r) => setTimeout(r, 25));
      const retrying = (await second.server.ctx.store.listOutbox({ caseId: submitted.body.caseId }))[0];
      expect(retrying).toMatchObject({ status: 'pending', attempts: 1 });
      expect(retrying.lastError).toContain('451');
      second.setToday('2025-07-02');
      await smtp.waitFor(before + 1);
      await second.close();
      const third = await startHarness({ ...store, mail: smtp.config(), publish: false });
      const rows = await third.server.ctx.store.listOutbox({ caseId: submitted.body.caseId });
      expect(rows.map((r) => [r.status, r.attempts])).toEqual([['sent', 2]]);
      await third.close();
      expect(smtp.received.slice(before).map((m) => m.messageId)).toEqual([`<${rows[0].id}@outbox.mandate>`]);
    });
  });
});
