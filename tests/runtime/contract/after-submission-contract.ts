/**
 * The storage contract of what the store keeps after submission (part of `describeStoreContract`): case references
 * from a per-program, per-year sequence (never repeating, also when allocated concurrently), uploaded document files
 * and their reviews, deadline reminders recorded once, and the email outbox with its claims.
 */
import { describe, expect, it } from 'vitest';
import { verifyChain } from '../../../runtime/audit/chain.ts';
import { NotFoundError } from '../../../runtime/store/errors.ts';
import type { CaseRecord } from '../../../runtime/store/types.ts';
import { auditOf, determination } from './fixtures.ts';
import type { StoreHolder } from './store-contract.ts';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]), Buffer.alloc(300, 7)]);

export function describeAfterSubmissionContract(h: StoreHolder): void {
  describe('after submission: references, document files, reminders and the outbox', () => {
    let counter = 0;
    /** A submitted case with `reference` (and, when asked, one requested document). */
    async function caseWith(reference: string | null, requestDocument?: string): Promise<{ kase: CaseRecord; documentId?: string }> {
      counter += 1;
      const app = await h.store.createApplication({
        programId: 'test-program',
        version: 1,
        resumeCodeHash: `as-${counter}`,
        lang: 'en',
        createdBy: null,
      });
      const { case: kase } = await h.store.submitApplication({
        applicationId: app.id,
        expectedRevision: app.revision,
        case: { state: 'submitted', label: 'Ana', reference },
        determination: { asOf: '2025-06-01', kind: 'initial', applied: true, result: determination(), createdBy: null },
        event: { event: 'submit', actorId: null },
      });
      if (!requestDocument) return { kase };
      const moved = await h.store.applyTransition({
        caseId: kase.id,
        expectedRevision: kase.revision,
        event: 'request-info',
        from: 'submitted',
        to: 'pending-documents',
        actorId: 'cw1',
        actions: [],
        requestDocuments: [{ typeId: 'pay-stub', name: 'Pay stub', dueOn: '2025-07-01', note: 'The last two.' }],
      });
      return { kase: moved.case, documentId: moved.documents[0].id };
    }

    it('allocates references per program and year without repeating one, and finds a case by its reference in any case', async () => {
      expect(await h.store.allocateCaseReference('test-program', 'SNAP', 2026)).toBe('SNAP-26-000001');
      expect(await h.store.allocateCaseReference('test-program', 'SNAP', 2026)).toBe('SNAP-26-000002');
      expect(await h.store.allocateCaseReference('other-program', 'FOOD', 2026)).toBe('FOOD-26-000001');
      expect(await h.store.allocateCaseReference('test-program', 'SNAP', 2027)).toBe('SNAP-27-000001');
      const together = await Promise.all(Array.from({ length: 20 }, () => h.store.allocateCaseReference('test-program', 'SNAP', 2026)));
      expect(new Set(together).size).toBe(20);
      expect([...together].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `SNAP-26-${String(i + 3).padStart(6, '0')}`));

      const { kase } = await caseWith('SNAP-26-000001');
      await caseWith(null);
      expect(await h.store.getCaseByReference('SNAP-26-000001')).toEqual(kase);
      expect(await h.store.getCaseByReference(' snap-26-000001 ')).toEqual(kase);
      expect(await h.store.getCaseByReference('SNAP-26-000002')).toBeNull();
      expect(await h.store.getCaseByReference('SNAP-26-000001', { organisationIds: ['default'] })).toEqual(kase);
      expect(await h.store.getCaseByReference('SNAP-26-000001', { organisationIds: ['elsewhere'] })).toBeNull();
    });

    it('stores an uploaded file for a requested document, replaces it on a new upload and records reviews', async () => {
      const { kase, documentId } = await caseWith(null, 'Pay stub');
      expect(await h.store.getDocumentFile(kase.id, documentId!)).toBeNull();
      const sha256 = 'a'.repeat(64);
      const received = await h.store.attachDocumentFile({
        caseId: kase.id,
        documentId: documentId!,
        name: 'stub.png',
        mediaType: 'image/png',
        sha256,
        content: PNG,
        uploadedBy: null,
        audit: auditOf('document.upload', documentId!),
      });
      expect(received).toMatchObject({
        id: documentId,
        typeId: 'pay-stub',
        status: 'received',
        dueOn: '2025-07-01',
        note: 'The last two.',
        file: { name: 'stub.png', mediaType: 'image/png', size: PNG.length, sha256, uploadedBy: null },
      });
      expect(received.receivedAt).toEqual(expect.any(String));
      const file = await h.store.getDocumentFile(kase.id, documentId!);
      expect(file?.info).toEqual(received.file);
      expect(Buffer.compare(file!.content, PNG)).toBe(0);

      const rejected = await h.store.reviewDocument({
        caseId: kase.id,
        documentId: documentId!,
        status: 'rejected',
        reason: 'unreadable',
        reviewedBy: 'cw1',
        audit: auditOf('document.review', documentId!),
      });
      expect(rejected).toMatchObject({ status: 'rejected', reason: 'unreadable', reviewedBy: 'cw1', receivedAt: received.receivedAt });
      expect(rejected.reviewedAt).toEqual(expect.any(String));

      // A new upload replaces the file and clears the review.
      const second = Buffer.from('%PDF-1.4 second');
      const again = await h.store.attachDocumentFile({
        caseId: kase.id,
        documentId: documentId!,
        name: 'stub.pdf',
        mediaType: 'application/pdf',
        sha256: 'b'.repeat(64),
        content: second,
        uploadedBy: 'cw1',
      });
      expect(again).toMatchObject({
        status: 'received',
        reviewedAt: null,
        reviewedBy: null,
        reason: null,
        file: { name: 'stub.pdf', size: second.length },
      });
      expect((await h.store.getDocumentFile(kase.id, documentId!))!.content.toString()).toBe('%PDF-1.4 second');
      expect(
        await h.store.reviewDocument({ caseId: kase.id, documentId: documentId!, status: 'accepted', reason: null, reviewedBy: 'cw2' }),
      ).toMatchObject({
        status: 'accepted',
        reviewedBy: 'cw2',
      });
      expect((await h.store.listDocuments(kase.id)).map((d) => d.status)).toEqual(['accepted']);

      const other = await caseWith(null);
      const wrongCase = { caseId: other.kase.id, documentId: documentId!, name: 'x', mediaType: 'image/png', sha256, content: PNG, uploadedBy: null };
      await expect(h.store.attachDocumentFile(wrongCase)).rejects.toBeInstanceOf(NotFoundError);
      await expect(
        h.store.reviewDocument({ caseId: other.kase.id, documentId: documentId!, status: 'accepted', reason: null, reviewedBy: 'cw1' }),
      ).rejects.toBeInstanceOf(NotFoundError);
      await expect(h.store.getDocumentFile(other.kase.id, documentId!)).rejects.toBeInstanceOf(NotFoundError);
      expect((await h.store.listAudit({ entity: 'document' })).map((e) => e.action)).toEqual(['document.upload', 'document.review']);
    });

    it('records a reminder and its messages and emails once per key', async () => {
      const { kase } = await caseWith(null);
      const reminder = {
        key: `${kase.id}:documents:2025-06-01:-3`,
        caseId: kase.id,
        messages: [{ to: 'applicant', text: 'Three days left.', subject: 'Reminder', notice: 'reminder', email: 'ana@example.org' }],
        audit: auditOf('case.reminder', kase.id),
      };
      expect(await h.store.recordReminder(reminder)).toBe(true);
      expect(await h.store.recordReminder(reminder)).toBe(false);
      expect((await h.store.listMessages(kase.id)).map((m) => [m.text, m.subject, m.notice])).toEqual([['Three days left.', 'Reminder', 'reminder']]);
      const outbox = await h.store.listOutbox({ caseId: kase.id });
      expect(outbox).toMatchObject([{ toAddress: 'ana@example.org', subject: 'Reminder', text: 'Three days left.', status: 'pending', attempts: 0 }]);
      expect(outbox[0].messageId).toEqual(expect.any(String));
      expect((await h.store.listAudit({ action: 'case.reminder' })).length).toBe(1);
      expect(await h.store.recordReminder({ ...reminder, key: `${reminder.key}:next`, audit: undefined })).toBe(true);
      expect(await h.store.listMessages(kase.id)).toHaveLength(2);
      expect(verifyChain(await h.store.listAudit({ limit: 1000 })).ok).toBe(true);
    });

    it('claims due emails oldest first for one sender at a time, marks each sent once and retries or gives up on failures', async () => {
      const { kase } = await caseWith(null);
      const queued = [];
      for (const n of [1, 2, 3])
        queued.push(await h.store.enqueueEmail({ toAddress: `p${n}@example.org`, subject: `Code ${n}`, text: `Your code is ${n}.` }));
      const withCase = await h.store.enqueueEmail({ toAddress: 'ana@example.org', subject: 'Status', text: 'Changed.', caseId: kase.id });
      expect(queued[0]).toMatchObject({ status: 'pending', attempts: 0, caseId: null, messageId: null, claimedUntil: null, sentAt: null });
      const due = new Date(Date.parse(withCase.createdAt) + 1000).toISOString();
      const until = new Date(Date.parse(due) + 60_000).toISOString();

      const first = await h.store.claimOutbox({ now: due, claimUntil: until, limit: 2 });
      expect(first.map((e) => e.subject)).toEqual(['Code 1', 'Code 2']);
      expect(first.every((e) => e.claimedUntil === until)).toBe(true);
      // Another sender, before the claim lapses, gets only the unclaimed ones.
      expect((await h.store.claimOutbox({ now: due, claimUntil: until, limit: 10 })).map((e) => e.subject)).toEqual(['Code 3', 'Status']);
      expect(await h.store.claimOutbox({ now: due, claimUntil: until, limit: 10 })).toEqual([]);
      // Nothing is due before its time.
      expect(await h.store.claimOutbox({ now: '2000-01-01T00:00:00.000Z', claimUntil: until, limit: 10 })).toEqual([]);

      expect(await h.store.markOutboxSent(first[0].id, due)).toBe(true);
      expect(await h.store.markOutboxSent(first[0].id, due)).toBe(false);
      const retryAt = new Date(Date.parse(until) + 1000).toISOString();
      await h.store.markOutboxAttemptFailed(first[1].id, `550 refused ${'x'.repeat(2000)}`, retryAt);
      await h.store.markOutboxAttemptFailed(queued[2].id, '550 refused', null);

      const all = await h.store.listOutbox();
      expect(all.map((e) => [e.subject, e.status, e.attempts])).toEqual([
        ['Code 1', 'sent', 1],
        ['Code 2', 'pending', 1],
        ['Code 3', 'failed', 1],
        ['Status', 'pending', 0],
      ]);
      expect(all[0]).toMatchObject({ sentAt: due, claimedUntil: null });
      expect(all[1]).toMatchObject({ nextAttemptAt: retryAt, claimedUntil: null });
      expect(all[1].lastError).toHaveLength(1000);
      expect((await h.store.listOutbox({ status: 'pending' })).map((e) => e.subject)).toEqual(['Code 2', 'Status']);
      expect((await h.store.listOutbox({ caseId: kase.id, status: 'pending' })).map((e) => e.id)).toEqual([withCase.id]);
      // A failed or sent email is never claimed again; a lapsed claim and a due retry are.
      expect((await h.store.claimOutbox({ now: retryAt, claimUntil: '2099-01-01T00:00:00.000Z', limit: 10 })).map((e) => e.subject)).toEqual([
        'Code 2',
        'Status',
      ]);
      expect(await h.store.markOutboxSent(queued[2].id, retryAt)).toBe(false);
    });
  });
}
