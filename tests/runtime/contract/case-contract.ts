/**
 * The storage contract, second part: submission, the case queue, transitions, determinations, notes, documents,
 * messages. Registered by `describeStoreContract`.
 */
import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../../../runtime/store/errors.ts';
import { auditOf, determination, submitted } from './fixtures.ts';
import type { StoreHolder } from './store-contract.ts';

/** Registers the case contract tests. */
export function describeCaseContract(h: StoreHolder): void {
  describe('submission', () => {
    it('submits atomically: application submitted, case, initial determination, submit event and audit entry', async () => {
      const { application, case: kase, determination: det, event } = await submitted(h.store, { label: 'Jane Doe' });
      expect(application).toMatchObject({ status: 'submitted', revision: 2 });
      expect(application.submittedAt).toEqual(kase.createdAt);
      expect(await h.store.getApplication(application.id)).toEqual(application);
      expect(kase).toMatchObject({ applicationId: application.id, programId: 'test-program', version: 1, state: 'submitted', revision: 1 });
      expect(await h.store.getCase(kase.id)).toEqual(kase);
      expect(await h.store.getCaseByApplication(application.id)).toEqual(kase);
      expect(det).toMatchObject({ caseId: kase.id, kind: 'initial', applied: true });
      expect(await h.store.listDeterminations(kase.id)).toEqual([det]);
      expect((await h.store.listDeterminations(kase.id))[0].result).toEqual(determination());
      expect(await h.store.listCaseEvents(kase.id)).toEqual([event]);
      expect(event).toMatchObject({ event: 'submit', from: null, to: 'submitted' });
      const audit = await h.store.listAudit({ entity: 'application', entityId: application.id });
      expect(audit.map((a) => a.action)).toEqual(['application.submit']);
    });

    it('refuses a second submission naming the existing case, and a stale one, without side effects', async () => {
      const first = await submitted(h.store);
      const again = await h.store
        .submitApplication({
          applicationId: first.application.id,
          expectedRevision: 1,
          case: { state: 'submitted' },
          determination: { asOf: '2025-06-01', kind: 'initial', applied: true, result: determination(), createdBy: null },
          event: { event: 'submit', actorId: null },
        })
        .catch((e) => e);
      expect(again).toBeInstanceOf(ConflictError);
      expect(again).toMatchObject({ code: 'already-submitted', details: { caseId: first.case.id } });
      await expect(h.store.saveAnswers({ applicationId: first.application.id, answers: {} })).rejects.toMatchObject({ code: 'already-submitted' });

      const app = await h.store.createApplication({ programId: 'p', version: 1, resumeCodeHash: 'rc-stale', lang: 'en', createdBy: null });
      await h.store.saveAnswers({ applicationId: app.id, answers: { income: 1 } });
      const stale = await h.store
        .submitApplication({
          applicationId: app.id,
          expectedRevision: 1,
          case: { state: 'submitted' },
          determination: { asOf: '2025-06-01', kind: 'initial', applied: true, result: determination(), createdBy: null },
          event: { event: 'submit', actorId: null },
          audit: auditOf('application.submit', app.id),
        })
        .catch((e) => e);
      expect(stale).toMatchObject({ code: 'stale-revision', details: { currentRevision: 2 } });
      expect(await h.store.getCaseByApplication(app.id)).toBeNull();
      expect((await h.store.getApplication(app.id))!.status).toBe('draft');
      expect(await h.store.listAudit({ entityId: app.id })).toEqual([]);
      await expect(
        h.store.submitApplication({
          applicationId: 'missing',
          expectedRevision: 1,
          case: { state: 's' },
          determination: { asOf: '2025-06-01', kind: 'initial', applied: true, result: determination(), createdBy: null },
          event: { event: 'submit', actorId: null },
        }),
      ).rejects.toBeInstanceOf(NotFoundError);
    });
  });

  describe('case queue', () => {
    it('filters by program, state(s), assignee, unassigned, overdue date and text, with counts by state', async () => {
      const a = await submitted(h.store, { label: 'Ana Lima', state: 'submitted', dueOn: '2025-07-01', assignee: 'cw1' });
      const b = await submitted(h.store, { label: 'Bo Chen', state: 'review', dueOn: '2025-08-01' });
      const c = await submitted(h.store, { label: 'Cy 100%_Real', state: 'review', programId: 'other', dueOn: null });
      const ids = (list: { items: { id: string }[] }) => list.items.map((x) => x.id).sort();

      const all = await h.store.listCases({});
      expect(all.total).toBe(3);
      expect(all.countsByState).toEqual({ review: 2, submitted: 1 });
      expect(ids(await h.store.listCases({ programId: 'test-program' }))).toEqual([a.case.id, b.case.id].sort());
      const review = await h.store.listCases({ state: 'review' });
      expect(ids(review)).toEqual([b.case.id, c.case.id].sort());
      expect(review.countsByState).toEqual({ review: 2, submitted: 1 });
      expect((await h.store.listCases({ state: ['review', 'submitted'] })).total).toBe(3);
      expect((await h.store.listCases({ state: [] })).total).toBe(0);
      expect(ids(await h.store.listCases({ assignee: 'cw1' }))).toEqual([a.case.id]);
      expect(ids(await h.store.listCases({ assignee: null }))).toEqual([b.case.id, c.case.id].sort());
      expect(ids(await h.store.listCases({ overdueBefore: '2025-07-15' }))).toEqual([a.case.id]);
      expect(ids(await h.store.listCases({ overdueBefore: '2025-07-01' }))).toEqual([]);
      expect(ids(await h.store.listCases({ text: 'bo ch' }))).toEqual([b.case.id]);
      expect(ids(await h.store.listCases({ text: '100%_' }))).toEqual([c.case.id]);
      expect(ids(await h.store.listCases({ text: '%' }))).toEqual([c.case.id]);
      expect(ids(await h.store.listCases({ text: a.case.id.slice(0, 8).toUpperCase() }))).toEqual([a.case.id]);
      expect(ids(await h.store.listCases({ text: a.application.id }))).toEqual([a.case.id]);
      const combined = await h.store.listCases({ programId: 'test-program', state: 'review', text: 'chen' });
      expect(ids(combined)).toEqual([b.case.id]);
      expect(combined.countsByState).toEqual({ review: 1 });
    });

    it('pages newest first without overlap', async () => {
      const made: string[] = [];
      for (let i = 0; i < 7; i += 1) made.push((await submitted(h.store)).case.id);
      const seen: string[] = [];
      for (let offset = 0; offset < 7; offset += 3) {
        const page = await h.store.listCases({}, { limit: 3, offset });
        expect(page.total).toBe(7);
        seen.push(...page.items.map((c) => c.id));
      }
      expect(seen.sort()).toEqual([...made].sort());
      const first = (await h.store.listCases({}, { limit: 1 })).items[0];
      const all = (await h.store.listCases({})).items;
      expect(all.every((c) => c.createdAt <= first.createdAt)).toBe(true);
      expect((await h.store.listCases({}, { limit: 0 })).limit).toBe(1);
      expect((await h.store.listCases({}, { limit: 10_000 })).limit).toBe(500);
    });
  });

  describe('transitions', () => {
    it('applies a transition with its effects atomically and records performers', async () => {
      const { case: kase } = await submitted(h.store);
      const result = await h.store.applyTransition({
        caseId: kase.id,
        expectedRevision: 1,
        event: 'request-info',
        from: 'submitted',
        to: 'pending-documents',
        actorId: 'cw1',
        actions: [{ type: 'request-documents', documents: ['pay stub'] }],
        assignee: 'cw1',
        requestDocuments: ['pay stub', 'lease'],
        messages: [{ to: 'applicant', text: 'Please send documents.' }],
        dueOn: '2025-09-01',
        audit: auditOf('case.transition', kase.id, { from: 'submitted', to: 'pending-documents' }),
      });
      expect(result.case).toMatchObject({
        state: 'pending-documents',
        revision: 2,
        assignee: 'cw1',
        dueOn: '2025-09-01',
        performedBy: { 'request-info': ['cw1'] },
      });
      expect(await h.store.getCase(kase.id)).toEqual(result.case);
      expect(result.event).toMatchObject({ event: 'request-info', from: 'submitted', to: 'pending-documents', actorId: 'cw1' });
      expect((await h.store.listCaseEvents(kase.id)).map((e) => e.event)).toEqual(['submit', 'request-info']);
      expect((await h.store.listDocuments(kase.id)).map((d) => [d.name, d.status])).toEqual([
        ['pay stub', 'requested'],
        ['lease', 'requested'],
      ]);
      expect((await h.store.listMessages(kase.id)).map((m) => m.text)).toEqual(['Please send documents.']);

      const received = await h.store.applyTransition({
        caseId: kase.id,
        expectedRevision: 2,
        event: 'documents-received',
        from: 'pending-documents',
        to: 'review',
        actorId: 'cw2',
        actions: [{ type: 'record-documents' }],
        receiveAllDocuments: true,
        assignee: null,
      });
      expect(received.documents.map((d) => d.status)).toEqual(['received', 'received']);
      expect((await h.store.listDocuments(kase.id)).every((d) => d.status === 'received' && d.receivedAt)).toBe(true);
      expect(received.case).toMatchObject({ assignee: null, dueOn: '2025-09-01', revision: 3 });
      const again = await h.store.applyTransition({
        caseId: kase.id,
        expectedRevision: 3,
        event: 'request-info',
        from: 'review',
        to: 'review',
        actorId: 'cw1',
        actions: [],
      });
      expect(again.case.performedBy).toEqual({ 'request-info': ['cw1'], 'documents-received': ['cw2'] });
      expect(again.case.stateEnteredAt).toBe(received.case.stateEnteredAt);
    });

    it('refuses stale revisions, wrong states and missing cases, changing nothing', async () => {
      const { case: kase } = await submitted(h.store);
      const base = { caseId: kase.id, event: 'approve', to: 'approved', actorId: 'sv', actions: [], messages: [{ to: 'applicant', text: 'x' }] };
      await expect(h.store.applyTransition({ ...base, expectedRevision: 5, from: 'submitted' })).rejects.toMatchObject({
        code: 'stale-revision',
        details: { currentRevision: 1 },
      });
      await expect(h.store.applyTransition({ ...base, expectedRevision: 1, from: 'review' })).rejects.toMatchObject({
        code: 'wrong-state',
        details: { currentState: 'submitted' },
      });
      await expect(h.store.applyTransition({ ...base, caseId: 'missing', expectedRevision: 1, from: 'submitted' })).rejects.toBeInstanceOf(
        NotFoundError,
      );
      expect(await h.store.getCase(kase.id)).toEqual(kase);
      expect(await h.store.listMessages(kase.id)).toEqual([]);
      expect(await h.store.listCaseEvents(kase.id)).toHaveLength(1);
    });

    it('assigns, records applied and dry-run determinations, notes and single document receipts', async () => {
      const { case: kase } = await submitted(h.store);
      const assigned = await h.store.assignCase({ caseId: kase.id, expectedRevision: 1, assignee: 'cw9' });
      expect(assigned).toMatchObject({ assignee: 'cw9', revision: 2 });
      await expect(h.store.assignCase({ caseId: kase.id, expectedRevision: 1, assignee: 'x' })).rejects.toMatchObject({ code: 'stale-revision' });
      await expect(h.store.assignCase({ caseId: 'missing', assignee: 'x' })).rejects.toBeInstanceOf(NotFoundError);

      const dry = await h.store.recordDetermination({
        caseId: kase.id,
        determination: { asOf: '2025-10-15', kind: 'dry-run', applied: false, result: determination('test-program', 2, 'v2'), createdBy: 'cw9' },
      });
      expect(dry.case).toEqual(assigned);
      const applied = await h.store.recordDetermination({
        caseId: kase.id,
        expectedRevision: 2,
        audit: auditOf('case.redetermine', kase.id),
        determination: {
          asOf: '2025-10-15',
          kind: 'redetermination',
          applied: true,
          result: determination('test-program', 2, 'v2'),
          createdBy: 'cw9',
        },
      });
      expect(applied.case).toMatchObject({ version: 2, hash: 'v2', revision: 3 });
      const dets = await h.store.listDeterminations(kase.id);
      expect(dets.map((d) => [d.kind, d.applied])).toEqual([
        ['initial', false],
        ['dry-run', false],
        ['redetermination', true],
      ]);
      await expect(
        h.store.recordDetermination({
          caseId: kase.id,
          expectedRevision: 2,
          determination: { asOf: '2025-10-15', kind: 'redetermination', applied: true, result: determination(), createdBy: null },
        }),
      ).rejects.toMatchObject({ code: 'stale-revision' });

      const note = await h.store.addNote({ caseId: kase.id, authorId: 'cw9', text: 'Called the applicant.' });
      await h.store.addNote({ caseId: kase.id, authorId: 'cw9', text: 'Second.' });
      expect((await h.store.listNotes(kase.id)).map((n) => n.text)).toEqual(['Called the applicant.', 'Second.']);
      expect(note.caseId).toBe(kase.id);
      await expect(h.store.addNote({ caseId: 'missing', authorId: 'a', text: 't' })).rejects.toBeInstanceOf(NotFoundError);

      const t = await h.store.applyTransition({
        caseId: kase.id,
        expectedRevision: 3,
        event: 'ask',
        from: 'submitted',
        to: 'waiting',
        actorId: 'cw9',
        actions: [],
        requestDocuments: ['id card'],
      });
      const doc = t.documents[0];
      const got = await h.store.receiveDocument(kase.id, doc.id);
      expect(got).toMatchObject({ status: 'received', name: 'id card' });
      expect(await h.store.receiveDocument(kase.id, doc.id)).toEqual(got);
      await expect(h.store.receiveDocument('other-case', doc.id)).rejects.toBeInstanceOf(NotFoundError);
    });
  });
}
