/**
 * The storage contract of the programs aggregate (`ProgramStore`, runtime/store/program-types.ts): one draft per
 * program with optimistic revisions, published versions frozen and round-tripped exactly, publication requests.
 * Registered by `describeStoreContract`.
 */
import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../../../runtime/store/errors.ts';
import { auditOf, programDoc, versionContent } from './fixtures.ts';
import type { StoreHolder } from './store-contract.ts';

/** Registers the programs contract tests. */
export function describeProgramContract(h: StoreHolder): void {
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
}
