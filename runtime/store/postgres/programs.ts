/**
 * PostgreSQL program versions: drafts (one per program, optimistic revisions) and frozen published versions.
 */
import { sql } from 'kysely';
import type { Program } from '../../../engine/index.ts';
import { auditList, checkRevision, PublishedDocCache } from '../common.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { versionFromRow as parseRow, type VersionRow } from '../rows.ts';
import type { ProgramStore, ProgramVersionRecord, VersionContent } from '../types.ts';
import type { PgDb, PgExecutor, PgTrx } from './db.ts';

const COLUMNS = [
  'program_id',
  'version',
  'status',
  'hash',
  'effective_from',
  'title',
  'changelog',
  'in_flight',
  'revision',
  'created_by',
  'created_at',
  'published_by',
  'published_at',
  'publication_request',
  'self_published',
] as const;

/** The document text only for drafts (published documents come from the cache). */
const LIGHT_DOC = sql<string | null>`CASE WHEN status = 'draft' THEN doc END`.as('doc');

/** The program version methods over `db`. */
export function pgProgramMethods(db: PgDb): ProgramStore {
  const published = new PublishedDocCache<Program>();
  const light = (q: PgExecutor) => q.selectFrom('program_versions').select([...COLUMNS, LIGHT_DOC]);
  // Rows read with the light columns carry no document text for published versions: it is read only on a cache miss,
  // so reading it is asynchronous; the cache's loader then gets the text already fetched.
  const versionFromRow = async (row: VersionRow): Promise<ProgramVersionRecord> => {
    if (row.status !== 'published') return parseRow(row);
    const cached = published.peek(row.program_id, row.version, row.hash);
    if (cached !== undefined) return { ...parseRow({ ...row, doc: 'null' }), doc: cached };
    const text =
      row.doc ??
      (
        await db.read
          .selectFrom('program_versions')
          .select('doc')
          .where('program_id', '=', row.program_id)
          .where('version', '=', row.version)
          .executeTakeFirstOrThrow()
      ).doc;
    return { ...parseRow({ ...row, doc: 'null' }), doc: published.get(row.program_id, row.version, row.hash, () => text) };
  };
  const draftRow = (q: PgExecutor, programId: string) =>
    q
      .selectFrom('program_versions')
      .select([...COLUMNS, 'doc'])
      .where('program_id', '=', programId)
      .where('status', '=', 'draft')
      .executeTakeFirst();
  const versionTaken = async (q: PgExecutor, programId: string, version: number) =>
    (await q
      .selectFrom('program_versions')
      .select('version')
      .where('program_id', '=', programId)
      .where('version', '=', version)
      .executeTakeFirst()) !== undefined;

  const requestText = (r: ProgramVersionRecord) => (r.publicationRequest ? JSON.stringify(r.publicationRequest) : null);
  const contentColumns = (record: ProgramVersionRecord) => ({
    doc: JSON.stringify(record.doc),
    hash: record.hash,
    effective_from: record.effectiveFrom,
    title: record.title,
    changelog: record.changelog,
    in_flight: record.inFlight,
    revision: record.revision,
    status: record.status,
    published_by: record.publishedBy,
    published_at: record.publishedAt,
    publication_request: requestText(record),
    self_published: record.selfPublished,
  });

  async function insert(trx: PgTrx, record: ProgramVersionRecord): Promise<void> {
    await trx
      .insertInto('program_versions')
      .values({
        program_id: record.programId,
        version: record.version,
        created_by: record.createdBy,
        created_at: record.createdAt,
        ...contentColumns(record),
      })
      .execute();
  }

  async function update(trx: PgTrx, record: ProgramVersionRecord): Promise<void> {
    await trx
      .updateTable('program_versions')
      .set(contentColumns(record))
      .where('program_id', '=', record.programId)
      .where('version', '=', record.version)
      .execute();
  }

  async function requireDraft(trx: PgTrx, programId: string): Promise<ProgramVersionRecord> {
    const row = await draftRow(trx, programId);
    if (!row) throw new NotFoundError('program-version', `${programId}/draft`, `Program "${programId}" has no draft.`);
    return versionFromRow(row);
  }

  const content = (c: VersionContent) => ({
    doc: c.doc,
    hash: c.hash,
    effectiveFrom: c.effectiveFrom,
    title: c.title,
    changelog: c.changelog,
    inFlight: c.inFlight,
  });

  function versionTakenError(programId: string, version: number): ConflictError {
    return new ConflictError(
      'duplicate',
      `Program "${programId}" already has a version ${version}: published versions are frozen, so use a new version number.`,
      { programId, version },
    );
  }

  return {
    async listProgramVersions(filter = {}) {
      let q = light(db.read);
      if (filter.programId != null) q = q.where('program_id', '=', filter.programId);
      if (filter.status != null) q = q.where('status', '=', filter.status);
      const rows = await q.orderBy('program_id').orderBy('version').execute();
      return Promise.all(rows.map(versionFromRow));
    },

    async getProgramVersion(programId, version) {
      const row = await light(db.read).where('program_id', '=', programId).where('version', '=', version).executeTakeFirst();
      return row ? versionFromRow(row) : null;
    },

    async getDraft(programId) {
      const row = await draftRow(db.read, programId);
      return row ? versionFromRow(row) : null;
    },

    async findVersionByHash(programId, hash) {
      const row = await light(db.read).where('program_id', '=', programId).where('hash', '=', hash).orderBy('version').limit(1).executeTakeFirst();
      return row ? versionFromRow(row) : null;
    },

    async maxVersion(programId) {
      const row = await db.read
        .selectFrom('program_versions')
        .select((eb) => eb.fn.max('version').as('v'))
        .where('program_id', '=', programId)
        .executeTakeFirst();
      return row?.v ?? 0;
    },

    async createDraft(input, audit) {
      return db.tx(async (trx) => {
        if (await draftRow(trx, input.programId)) {
          throw new ConflictError(
            'duplicate',
            `Program "${input.programId}" already has a draft: edit that draft, or delete it before starting another.`,
            { programId: input.programId },
          );
        }
        if (await versionTaken(trx, input.programId, input.version)) throw versionTakenError(input.programId, input.version);
        const record: ProgramVersionRecord = {
          programId: input.programId,
          version: input.version,
          status: 'draft',
          ...content(input),
          revision: 1,
          createdBy: input.createdBy,
          createdAt: db.now(),
          publishedBy: null,
          publishedAt: null,
          publicationRequest: null,
          selfPublished: false,
        };
        await insert(trx, record);
        await db.appendAudit(trx, auditList(audit));
        return record;
      });
    },

    async saveDraft(input, audit) {
      return db.tx(async (trx) => {
        const current = await requireDraft(trx, input.programId);
        checkRevision(`draft of program "${input.programId}"`, current.revision, input.expectedRevision);
        const next: ProgramVersionRecord = { ...current, ...content(input), revision: current.revision + 1 };
        await update(trx, next);
        await db.appendAudit(trx, auditList(audit));
        return next;
      });
    },

    async deleteDraft(programId, audit) {
      await db.tx(async (trx) => {
        const current = await requireDraft(trx, programId);
        await trx.deleteFrom('program_versions').where('program_id', '=', programId).where('version', '=', current.version).execute();
        await db.appendAudit(trx, auditList(audit));
      });
    },

    async publishDraft(input, audit) {
      return db.tx(async (trx) => {
        const current = await requireDraft(trx, input.programId);
        checkRevision(`draft of program "${input.programId}"`, current.revision, input.expectedRevision);
        const next: ProgramVersionRecord = {
          ...current,
          ...content(input.content),
          status: 'published',
          publishedBy: input.publishedBy,
          publishedAt: db.now(),
          selfPublished: input.selfPublished ?? false,
        };
        await update(trx, next);
        await db.appendAudit(trx, auditList(audit));
        return next;
      });
    },

    async publishVersion(input, audit) {
      return db.tx(async (trx) => {
        if (await versionTaken(trx, input.programId, input.version)) throw versionTakenError(input.programId, input.version);
        const now = db.now();
        const record: ProgramVersionRecord = {
          programId: input.programId,
          version: input.version,
          status: 'published',
          ...content(input),
          revision: 1,
          createdBy: input.createdBy,
          createdAt: now,
          publishedBy: input.publishedBy,
          publishedAt: now,
          publicationRequest: null,
          selfPublished: false,
        };
        await insert(trx, record);
        await db.appendAudit(trx, auditList(audit));
        return record;
      });
    },

    async setPublicationRequest(input, audit) {
      return db.tx(async (trx) => {
        const current = await requireDraft(trx, input.programId);
        checkRevision(`draft of program "${input.programId}"`, current.revision, input.expectedRevision);
        const next: ProgramVersionRecord = { ...current, publicationRequest: input.request ? { ...input.request, requestedAt: db.now() } : null };
        await update(trx, next);
        await db.appendAudit(trx, auditList(audit));
        return next;
      });
    },
  };
}
