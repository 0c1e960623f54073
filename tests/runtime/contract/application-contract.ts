/**
 * The storage contract of the applications aggregate (`ApplicationStore`, runtime/store/application-types.ts):
 * creation, partial saves with revisions, listing and the expiry of drafts.
 * Registered by `describeStoreContract`.
 */
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../runtime/store/errors.ts';
import { determination, submitted } from './fixtures.ts';
import type { StoreHolder } from './store-contract.ts';

/** Registers the applications contract tests. */
export function describeApplicationContract(h: StoreHolder): void {
  describe('applications', () => {
    const start = (overrides: Record<string, unknown> = {}) =>
      h.store.createApplication({ programId: 'p', version: 1, resumeCodeHash: 'rc-1', lang: 'es', createdBy: null, ...overrides });

    it('creates a draft application found by id and by resume code hash', async () => {
      const app = await start({ answers: { 'a.b': 1, $where: 'sleep(1000)', nested: { $gt: '' } } });
      expect(app).toMatchObject({ status: 'draft', revision: 1, lang: 'es', submittedAt: null, onBehalfOf: null });
      expect(await h.store.getApplication(app.id)).toEqual(app);
      expect(await h.store.getApplicationByResumeCodeHash('rc-1')).toEqual(app);
      expect((await h.store.getApplication(app.id))!.answers).toEqual({ 'a.b': 1, $where: 'sleep(1000)', nested: { $gt: '' } });
      expect(await h.store.getApplicationByResumeCodeHash('rc-2')).toBeNull();
      await expect(start()).rejects.toMatchObject({ code: 'duplicate' });
    });

    it('saves answers with revision checks and refuses a missing application', async () => {
      const app = await start();
      const saved = await h.store.saveAnswers({ applicationId: app.id, expectedRevision: 1, answers: { income: 10 }, lang: 'en' });
      expect(saved).toMatchObject({ revision: 2, answers: { income: 10 }, lang: 'en' });
      await expect(h.store.saveAnswers({ applicationId: app.id, expectedRevision: 1, answers: {} })).rejects.toMatchObject({
        code: 'stale-revision',
        details: { currentRevision: 2 },
      });
      const unconditional = await h.store.saveAnswers({ applicationId: app.id, answers: { income: 20 } });
      expect(unconditional).toMatchObject({ revision: 3, lang: 'en' });
      await expect(h.store.saveAnswers({ applicationId: 'nope', answers: {} })).rejects.toBeInstanceOf(NotFoundError);
    });

    it('expires drafts last saved before a time, oldest first and within the limit, each audited, never a submitted one', async () => {
      // Ids in creation order: two drafts saved in the same millisecond are ordered by id.
      const a = await start({ id: 'draft-1', resumeCodeHash: 'rc-x1' });
      const b = await start({ id: 'draft-2', resumeCodeHash: 'rc-x2' });
      const c = await start({ id: 'draft-3', resumeCodeHash: 'rc-x3' });
      await h.store.submitApplication({
        applicationId: c.id,
        expectedRevision: c.revision,
        at: c.createdAt,
        case: { state: 'review', label: 'x' },
        determination: {
          asOf: '2025-01-01',
          kind: 'initial',
          applied: true,
          result: { programId: 'p', version: 1, hash: 'h' } as never,
          createdBy: null,
        },
        event: { event: 'submit', actorId: null },
      });
      const later = new Date(Date.parse(b.updatedAt) + 1).toISOString();
      const first = await h.store.expireDraftApplications({ updatedBefore: later, limit: 1 });
      expect(first.map((x) => x.id)).toEqual([a.id]);
      const rest = await h.store.expireDraftApplications({ updatedBefore: later, limit: 10 });
      expect(rest.map((x) => x.id)).toEqual([b.id]);
      expect(await h.store.getApplication(a.id)).toBeNull();
      expect(await h.store.getApplication(c.id)).not.toBeNull();
      const audit = await h.store.listAudit({ entity: 'application', entityId: a.id });
      expect(audit.map((e) => e.action)).toContain('application.expire');
    });

    it('lists applications by program, status and creator with pagination', async () => {
      for (let i = 0; i < 5; i += 1) {
        await start({ resumeCodeHash: `rc-${i}`, programId: i < 3 ? 'p' : 'q', createdBy: i % 2 ? 'u1' : null });
      }
      const page = await h.store.listApplications({ programId: 'p' }, { limit: 2 });
      expect(page).toMatchObject({ total: 3, limit: 2, offset: 0 });
      expect(page.items).toHaveLength(2);
      const rest = await h.store.listApplications({ programId: 'p' }, { limit: 2, offset: 2 });
      expect(rest.items).toHaveLength(1);
      expect(new Set([...page.items, ...rest.items].map((a) => a.id)).size).toBe(3);
      expect((await h.store.listApplications({ createdBy: 'u1' })).total).toBe(2);
      expect((await h.store.listApplications({ status: 'submitted' })).total).toBe(0);
    });
  });
}
