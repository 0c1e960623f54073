/**
 * MongoDB program versions: drafts (one per program, optimistic revisions) and frozen published versions.
 */
import type { Db } from 'mongodb';
import { auditList, checkRevision, PublishedDocCache } from '../common.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { Program } from '../../../engine/index.ts';
import type { AuditInput, ProgramStore, ProgramVersionRecord, VersionContent } from '../types.ts';
import { versionFromDoc as parseDoc, versionId, versionToDoc, type VersionDoc } from './docs.ts';
import { scalar, type UnitRunner } from './units.ts';

/** The program version methods over `db`. */
export function mongoProgramMethods(db: Db, units: UnitRunner, now: () => string): ProgramStore {
  const versions = db.collection<VersionDoc>('program_versions');
  const published = new PublishedDocCache<Program>();
  /** A document as a record; published program documents come from the cache (shared, frozen). */
  const versionFromDoc = (d: VersionDoc): ProgramVersionRecord =>
    d.status === 'published' ? { ...parseDoc({ ...d, doc: 'null' }), doc: published.get(d.programId, d.version, d.hash, () => d.doc) } : parseDoc(d);
  const draftDoc = (programId: string) => versions.findOne({ programId: scalar(programId), status: 'draft' });

  async function requireDraft(programId: string): Promise<ProgramVersionRecord> {
    const doc = await draftDoc(programId);
    if (!doc) throw new NotFoundError('program-version', `${programId}/draft`, `Program "${programId}" has no draft.`);
    return versionFromDoc(doc);
  }

  const content = (c: VersionContent) => ({
    doc: c.doc,
    hash: c.hash,
    effectiveFrom: c.effectiveFrom,
    title: c.title,
    changelog: c.changelog,
    inFlight: c.inFlight,
  });

  const draftExists = (programId: string) =>
    new ConflictError('duplicate', `Program "${programId}" already has a draft: edit that draft, or delete it before starting another.`, {
      programId,
    });
  const versionTaken = (programId: string, version: number) =>
    new ConflictError(
      'duplicate',
      `Program "${programId}" already has a version ${version}: published versions are frozen, so use a new version number.`,
      { programId, version },
    );

  /** Inserts a version; `duplicate` when the program has a draft already (for drafts) or the number is taken. */
  async function insert(record: ProgramVersionRecord, audit: AuditInput[]): Promise<ProgramVersionRecord> {
    if (record.status === 'draft' && (await draftDoc(record.programId))) throw draftExists(record.programId);
    if (await versions.findOne({ _id: versionId(record.programId, record.version) })) {
      throw versionTaken(record.programId, record.version);
    }
    await units.run({
      claim: {
        op: 'insert',
        collection: 'program_versions',
        doc: versionToDoc(record),
        // Lost a race with a concurrent insert: either unique index may have fired.
        onDuplicate: () => (record.status === 'draft' ? draftExists(record.programId) : versionTaken(record.programId, record.version)),
      },
      steps: [],
      audit,
    });
    return record;
  }

  /** Replaces the draft conditionally on its revision (and on it still being a draft). */
  async function updateDraft(current: ProgramVersionRecord, next: ProgramVersionRecord, audit: AuditInput[]) {
    const { _id, ...set } = versionToDoc(next);
    await units.run({
      claim: {
        op: 'update',
        collection: 'program_versions',
        filter: { _id, status: 'draft', revision: current.revision },
        set,
        onMiss: async () => {
          const now = await draftDoc(current.programId);
          if (!now) return new NotFoundError('program-version', `${current.programId}/draft`, `Program "${current.programId}" has no draft.`);
          return new ConflictError(
            'stale-revision',
            `The draft of program "${current.programId}" was changed by someone else (revision ${now.revision}). Reload it and apply your change again.`,
            { currentRevision: now.revision, expectedRevision: current.revision },
          );
        },
      },
      steps: [],
      audit,
    });
    return next;
  }

  return {
    async listProgramVersions(filter = {}) {
      const query: Record<string, string> = {};
      if (filter.programId !== undefined) query.programId = scalar(filter.programId);
      if (filter.status !== undefined) query.status = scalar(filter.status);
      return (await versions.find(query).sort({ programId: 1, version: 1 }).toArray()).map(versionFromDoc);
    },

    async getProgramVersion(programId, version) {
      const doc = await versions.findOne({ programId: scalar(programId), version: scalar(version) });
      return doc ? versionFromDoc(doc) : null;
    },

    async getDraft(programId) {
      const doc = await draftDoc(programId);
      return doc ? versionFromDoc(doc) : null;
    },

    async findVersionByHash(programId, hash) {
      const doc = await versions
        .find({ programId: scalar(programId), hash: scalar(hash) })
        .sort({ version: 1 })
        .limit(1)
        .next();
      return doc ? versionFromDoc(doc) : null;
    },

    async maxVersion(programId) {
      const doc = await versions
        .find({ programId: scalar(programId) })
        .sort({ version: -1 })
        .limit(1)
        .next();
      return doc?.version ?? 0;
    },

    async createDraft(input, audit) {
      return insert(
        {
          programId: input.programId,
          version: input.version,
          status: 'draft',
          ...content(input),
          revision: 1,
          createdBy: input.createdBy,
          createdAt: now(),
          publishedBy: null,
          publishedAt: null,
          publicationRequest: null,
          selfPublished: false,
        },
        auditList(audit),
      );
    },

    async saveDraft(input, audit) {
      const current = await requireDraft(input.programId);
      checkRevision(`draft of program "${input.programId}"`, current.revision, input.expectedRevision);
      return updateDraft(current, { ...current, ...content(input), revision: current.revision + 1 }, auditList(audit));
    },

    async deleteDraft(programId, audit) {
      const current = await requireDraft(programId);
      // Claim the draft row (it must still be a draft), then remove it: the removal and its audit entry go together.
      await units.run({
        claim: {
          op: 'update',
          collection: 'program_versions',
          filter: { _id: versionId(programId, current.version), status: 'draft' },
          set: { status: 'draft' },
          onMiss: async () => new NotFoundError('program-version', `${programId}/draft`, `Program "${programId}" has no draft.`),
        },
        steps: [{ op: 'delete', collection: 'program_versions', filter: { _id: versionId(programId, current.version), status: 'draft' } }],
        audit: auditList(audit),
      });
    },

    async publishDraft(input, audit) {
      const current = await requireDraft(input.programId);
      checkRevision(`draft of program "${input.programId}"`, current.revision, input.expectedRevision);
      return updateDraft(
        current,
        {
          ...current,
          ...content(input.content),
          status: 'published',
          publishedBy: input.publishedBy,
          publishedAt: now(),
          selfPublished: input.selfPublished ?? false,
        },
        auditList(audit),
      );
    },

    async publishVersion(input, audit) {
      const at = now();
      return insert(
        {
          programId: input.programId,
          version: input.version,
          status: 'published',
          ...content(input),
          revision: 1,
          createdBy: input.createdBy,
          createdAt: at,
          publishedBy: input.publishedBy,
          publishedAt: at,
          publicationRequest: null,
          selfPublished: false,
        },
        auditList(audit),
      );
    },

    async setPublicationRequest(input, audit) {
      const current = await requireDraft(input.programId);
      checkRevision(`draft of program "${input.programId}"`, current.revision, input.expectedRevision);
      // The request is metadata beside the draft: the draft's revision does not move.
      return updateDraft(
        current,
        { ...current, publicationRequest: input.request ? { ...input.request, requestedAt: now() } : null },
        auditList(audit),
      );
    },
  };
}
