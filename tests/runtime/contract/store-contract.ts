/**
 * The storage contract suite: `describeStoreContract(name, makeStore)` registers the same tests for any `Store`
 * implementation (SQLite always, MongoDB when `MONGODB_URI` is set). `makeStore` must return a fresh, empty store
 * each time; the suite closes it after each test.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../../../runtime/store/errors.ts';
import type { Store } from '../../../runtime/store/types.ts';
import { describeCaseContract } from './case-contract.ts';
import { describeJobContract } from './job-contract.ts';
import { describeCaseloadContract } from './caseload-contract.ts';
import { describeSharedStateContract } from './shared-state-contract.ts';
import { describeReferralContract } from './referral-contract.ts';
import { describeOrganisationContract } from './organisation-contract.ts';
import { describeAfterSubmissionContract } from './after-submission-contract.ts';
import { auditOf, programDoc, versionContent } from './fixtures.ts';

/** A fresh store per test, shared by the contract's parts. */
export interface StoreHolder {
  store: Store;
}

/** Registers every contract test for the store that `makeStore` opens. */
export function describeStoreContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    const holder = {} as StoreHolder;
    beforeEach(async () => {
      holder.store = await makeStore();
    });
    afterEach(async () => {
      await holder.store.close();
    });

    describeUserContract(holder);
    describeProgramContract(holder);
    describeApplicationContract(holder);
    describeCaseContract(holder);
    describeJobContract(holder);
    describeAfterSubmissionContract(holder);
    describeCaseloadContract(holder);
    describeSharedStateContract(holder);
    describeReferralContract(holder);
    describeOrganisationContract(holder);
  });
}

function describeUserContract(h: StoreHolder): void {
  describe('users and sessions', () => {
    it('creates a user with a lowercased email and finds it by id and by email in any case', async () => {
      const user = await h.store.createUser({ email: ' Ana@Example.ORG ', name: 'Ana', roles: ['caseworker'], passwordHash: 'h1' });
      expect(user.email).toBe('ana@example.org');
      expect(user.disabled).toBe(false);
      expect(await h.store.getUser(user.id)).toEqual(user);
      expect(await h.store.getUserByEmail('ANA@example.org')).toEqual(user);
      expect(await h.store.getUser('nobody')).toBeNull();
      expect(await h.store.countUsers()).toBe(1);
    });

    it('refuses a second user with the same email, whatever its case', async () => {
      await h.store.createUser({ email: 'a@x.org', name: 'A', roles: [], passwordHash: 'h' });
      const error = await h.store.createUser({ email: 'A@X.org', name: 'B', roles: [], passwordHash: 'h' }).catch((e) => e);
      expect(error).toBeInstanceOf(ConflictError);
      expect(error.code).toBe('duplicate');
      expect(await h.store.countUsers()).toBe(1);
    });

    it('updates only the given fields, refuses a taken email and reports a missing user', async () => {
      const a = await h.store.createUser({ email: 'a@x.org', name: 'A', roles: ['caseworker'], passwordHash: 'h' });
      await h.store.createUser({ email: 'b@x.org', name: 'B', roles: [], passwordHash: 'h' });
      const updated = await h.store.updateUser(a.id, { roles: ['supervisor'], disabled: true });
      expect(updated).toMatchObject({ name: 'A', email: 'a@x.org', roles: ['supervisor'], disabled: true });
      expect(await h.store.getUser(a.id)).toEqual(updated);
      await expect(h.store.updateUser(a.id, { email: 'B@x.org' })).rejects.toMatchObject({ code: 'duplicate' });
      await expect(h.store.updateUser('missing', { name: 'x' })).rejects.toBeInstanceOf(NotFoundError);
      expect((await h.store.listUsers()).map((u) => u.email)).toEqual(['a@x.org', 'b@x.org']);
    });

    it('stores sessions by token hash, deletes them singly, per user and when expired', async () => {
      const u = await h.store.createUser({ email: 'a@x.org', name: 'A', roles: [], passwordHash: 'h' });
      const s1 = await h.store.createSession({ tokenHash: 't1', userId: u.id, csrfToken: 'c1', expiresAt: '2030-01-01T00:00:00.000Z' });
      await h.store.createSession({ tokenHash: 't2', userId: u.id, csrfToken: 'c2', expiresAt: '2020-01-01T00:00:00.000Z' });
      await h.store.createSession({ tokenHash: 't3', userId: u.id, csrfToken: 'c3', expiresAt: '2031-01-01T00:00:00.000Z' });
      expect(await h.store.getSessionByTokenHash('t1')).toEqual(s1);
      expect(await h.store.deleteExpiredSessions('2025-01-01T00:00:00.000Z')).toBe(1);
      expect(await h.store.getSessionByTokenHash('t2')).toBeNull();
      await h.store.deleteSession(s1.id);
      await h.store.deleteSession(s1.id);
      expect(await h.store.getSessionByTokenHash('t1')).toBeNull();
      expect(await h.store.deleteUserSessions(u.id)).toBe(1);
      expect(await h.store.getSessionByTokenHash('t3')).toBeNull();
      await expect(
        h.store.createSession({ tokenHash: 't4', userId: 'nobody', csrfToken: 'c', expiresAt: '2030-01-01T00:00:00.000Z' }),
      ).rejects.toBeInstanceOf(NotFoundError);
    });
  });
}

function describeProgramContract(h: StoreHolder): void {
  describe('program versions', () => {
    it('publishes a version directly and round-trips its document exactly ($schema, $comment, dotted values)', async () => {
      const published = await h.store.publishVersion(
        { programId: 'p', version: 1, ...versionContent('p', 1), createdBy: null, publishedBy: null },
        auditOf('program.publish', 'p'),
      );
      expect(published.status).toBe('published');
      const loaded = await h.store.getProgramVersion('p', 1);
      expect(loaded).toEqual(published);
      expect(loaded!.doc).toEqual(programDoc('p', 1));
      expect(await h.store.findVersionByHash('p', 'hash-p-1')).toEqual(published);
      expect(await h.store.findVersionByHash('p', 'other')).toBeNull();
      await expect(
        h.store.publishVersion({ programId: 'p', version: 1, ...versionContent('p', 1), createdBy: null, publishedBy: null }),
      ).rejects.toMatchObject({ code: 'duplicate' });
    });

    it('returns published documents frozen (shared between reads) and draft documents as fresh copies', async () => {
      await h.store.publishVersion({ programId: 'p', version: 1, ...versionContent('p', 1), createdBy: null, publishedBy: null });
      await h.store.createDraft({ programId: 'p', version: 2, ...versionContent('p', 2), createdBy: null });
      const published = (await h.store.getProgramVersion('p', 1))!;
      expect(Object.isFrozen(published.doc.form.pages[0])).toBe(true);
      expect(() => {
        (published.doc as { title: string }).title = 'changed';
      }).toThrow(TypeError);
      expect((await h.store.listProgramVersions({ programId: 'p', status: 'published' }))[0].doc).toEqual(programDoc('p', 1));
      const draft = (await h.store.getDraft('p'))!;
      draft.doc.title = 'changed locally';
      expect((await h.store.getDraft('p'))!.doc.title).toBe('Program p');
    });

    it('keeps one draft per program with optimistic revisions', async () => {
      const draft = await h.store.createDraft({ programId: 'p', version: 1, ...versionContent('p', 1), createdBy: 'u1' });
      expect(draft).toMatchObject({ status: 'draft', revision: 1, createdBy: 'u1', publishedAt: null });
      await expect(h.store.createDraft({ programId: 'p', version: 2, ...versionContent('p', 2), createdBy: 'u1' })).rejects.toMatchObject({
        code: 'duplicate',
      });
      const saved = await h.store.saveDraft({ programId: 'p', expectedRevision: 1, ...versionContent('p', 1, 'h2') });
      expect(saved).toMatchObject({ revision: 2, hash: 'h2' });
      const stale = await h.store.saveDraft({ programId: 'p', expectedRevision: 1, ...versionContent('p', 1, 'h3') }).catch((e) => e);
      expect(stale).toBeInstanceOf(ConflictError);
      expect(stale).toMatchObject({ code: 'stale-revision', details: { currentRevision: 2 } });
      expect((await h.store.getDraft('p'))!.hash).toBe('h2');
      await expect(h.store.saveDraft({ programId: 'none', expectedRevision: 1, ...versionContent('none', 1) })).rejects.toBeInstanceOf(NotFoundError);
    });

    it('publishes a draft, freezing it, and then allows a new draft with a new number only', async () => {
      await h.store.createDraft({ programId: 'p', version: 1, ...versionContent('p', 1), createdBy: 'u1' });
      await expect(
        h.store.publishDraft({ programId: 'p', expectedRevision: 7, content: versionContent('p', 1), publishedBy: 'admin' }),
      ).rejects.toMatchObject({ code: 'stale-revision' });
      const published = await h.store.publishDraft({
        programId: 'p',
        expectedRevision: 1,
        content: { ...versionContent('p', 1, 'final'), changelog: 'Go live.' },
        publishedBy: 'admin',
      });
      expect(published).toMatchObject({ status: 'published', hash: 'final', changelog: 'Go live.', publishedBy: 'admin' });
      expect(published.publishedAt).toEqual(expect.any(String));
      expect(await h.store.getDraft('p')).toBeNull();
      await expect(h.store.saveDraft({ programId: 'p', expectedRevision: 1, ...versionContent('p', 1) })).rejects.toBeInstanceOf(NotFoundError);
      await expect(h.store.createDraft({ programId: 'p', version: 1, ...versionContent('p', 1), createdBy: 'u1' })).rejects.toMatchObject({
        code: 'duplicate',
      });
      await h.store.createDraft({ programId: 'p', version: 2, ...versionContent('p', 2), createdBy: 'u1' });
      expect(await h.store.maxVersion('p')).toBe(2);
      expect(await h.store.maxVersion('other')).toBe(0);
    });

    it('deletes a draft and lists versions by program and status in order', async () => {
      await h.store.publishVersion({ programId: 'b', version: 1, ...versionContent('b', 1), createdBy: null, publishedBy: null });
      await h.store.publishVersion({ programId: 'a', version: 2, ...versionContent('a', 2), createdBy: null, publishedBy: null });
      await h.store.publishVersion({ programId: 'a', version: 1, ...versionContent('a', 1), createdBy: null, publishedBy: null });
      await h.store.createDraft({ programId: 'a', version: 3, ...versionContent('a', 3), createdBy: null });
      const all = await h.store.listProgramVersions();
      expect(all.map((v) => `${v.programId}@${v.version}`)).toEqual(['a@1', 'a@2', 'a@3', 'b@1']);
      expect((await h.store.listProgramVersions({ programId: 'a', status: 'published' })).map((v) => v.version)).toEqual([1, 2]);
      expect((await h.store.listProgramVersions({ status: 'draft' })).map((v) => v.version)).toEqual([3]);
      await h.store.deleteDraft('a', auditOf('program.draft.delete', 'a'));
      expect(await h.store.getDraft('a')).toBeNull();
      await expect(h.store.deleteDraft('a')).rejects.toBeInstanceOf(NotFoundError);
      expect(await h.store.getProgramVersion('a', 2)).not.toBeNull();
    });

    it('sets and clears a publication request without moving the draft revision, keeps it and the self-published mark at publication', async () => {
      await h.store.createDraft({ programId: 'p', version: 1, ...versionContent('p', 1), createdBy: 'u1' });
      const terms = { requestedBy: 'u1', revision: 1, changelog: 'Go live.', effectiveFrom: '2030-01-01', inFlight: 'reevaluate' as const };
      await expect(h.store.setPublicationRequest({ programId: 'p', expectedRevision: 2, request: terms })).rejects.toMatchObject({
        code: 'stale-revision',
      });
      const requested = await h.store.setPublicationRequest(
        { programId: 'p', expectedRevision: 1, request: terms },
        auditOf('program.publication.request', 'p'),
      );
      expect(requested.revision).toBe(1);
      expect(requested.publicationRequest).toEqual({ ...terms, requestedAt: expect.any(String) });
      expect((await h.store.getDraft('p'))!.publicationRequest).toEqual(requested.publicationRequest);
      expect((await h.store.setPublicationRequest({ programId: 'p', request: null })).publicationRequest).toBeNull();
      await h.store.setPublicationRequest({ programId: 'p', request: terms });
      const published = await h.store.publishDraft({
        programId: 'p',
        expectedRevision: 1,
        content: versionContent('p', 1),
        publishedBy: 'u1',
        selfPublished: true,
      });
      expect(published).toMatchObject({ selfPublished: true, publicationRequest: { requestedBy: 'u1' } });
      expect(await h.store.getProgramVersion('p', 1)).toMatchObject({ selfPublished: true, publicationRequest: { requestedBy: 'u1', revision: 1 } });
      await expect(h.store.setPublicationRequest({ programId: 'p', request: null })).rejects.toBeInstanceOf(NotFoundError);
      const direct = await h.store.publishVersion({ programId: 'q', version: 1, ...versionContent('q', 1), createdBy: null, publishedBy: null });
      expect(direct).toMatchObject({ selfPublished: false, publicationRequest: null });
      expect((await h.store.listAudit({ entity: 'program', action: 'program.publication.request' })).map((e) => e.entityId)).toEqual(['p']);
    });
  });

  describe('settings', () => {
    it('has maker-checker on until saved, then saves with optimistic revisions', async () => {
      expect(await h.store.getSettings()).toEqual({
        makerChecker: true,
        organisationId: 'default',
        inherited: false,
        revision: 0,
        updatedAt: null,
        updatedBy: null,
      });
      await expect(h.store.saveSettings({ settings: { makerChecker: false }, expectedRevision: 1, updatedBy: 'admin' })).rejects.toMatchObject({
        code: 'stale-revision',
      });
      const saved = await h.store.saveSettings(
        { settings: { makerChecker: false }, expectedRevision: 0, updatedBy: 'admin' },
        auditOf('settings.update', 'organisation'),
      );
      expect(saved).toMatchObject({ makerChecker: false, revision: 1, updatedBy: 'admin' });
      expect(await h.store.getSettings()).toEqual(saved);
      await expect(h.store.saveSettings({ settings: { makerChecker: true }, expectedRevision: 0, updatedBy: 'admin' })).rejects.toMatchObject({
        code: 'stale-revision',
      });
      expect((await h.store.saveSettings({ settings: { makerChecker: true }, expectedRevision: 1, updatedBy: 'admin' })).revision).toBe(2);
      expect((await h.store.listAudit({ action: 'settings.update' })).length).toBe(1);
    });

    it('gives an organisation the installation’s settings until it saves its own, which change nothing elsewhere', async () => {
      const installation = await h.store.getSettings();
      expect(await h.store.getSettings('food-bank')).toMatchObject({
        makerChecker: installation.makerChecker,
        organisationId: 'food-bank',
        inherited: true,
        revision: 0,
      });
      const own = await h.store.saveSettings({
        organisationId: 'food-bank',
        settings: { makerChecker: !installation.makerChecker, exportColumns: ['reference'] },
        expectedRevision: 0,
        updatedBy: 'admin',
      });
      expect(own).toMatchObject({ organisationId: 'food-bank', inherited: false, revision: 1, exportColumns: ['reference'] });
      expect(await h.store.getSettings('food-bank')).toEqual(own);
      expect(await h.store.getSettings()).toEqual(installation);
      expect(await h.store.getSettings('default')).toEqual(installation);
      await expect(
        h.store.saveSettings({ organisationId: 'food-bank', settings: { makerChecker: true }, expectedRevision: 0, updatedBy: 'admin' }),
      ).rejects.toMatchObject({ code: 'stale-revision' });
      expect((await h.store.getSettings('housing')).inherited).toBe(true);
    });
  });
}

function describeApplicationContract(h: StoreHolder): void {
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
      const a = await start({ resumeCodeHash: 'rc-x1' });
      const b = await start({ resumeCodeHash: 'rc-x2' });
      const c = await start({ resumeCodeHash: 'rc-x3' });
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
