/**
 * Program versions on an SQL store, one implementation for SQLite and PostgreSQL: drafts (one per program, optimistic
 * revisions) and frozen published versions. Published documents are parsed once and shared (frozen) between reads;
 * the SQLite store also keeps each program's list of published versions (see `publishedOf`).
 */
import { sql } from 'kysely';
import type { Program } from '../../../engine/index.ts';
import { auditList, checkRevision, PublishedDocCache } from '../common.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { versionFromRow as parseRow, type VersionRow } from '../rows.ts';
import type { ProgramStore, ProgramVersionRecord, VersionContent } from '../types.ts';
import { prepared } from './prepared.ts';
import { affected, all, audit, first, type Sql, type SqlStore } from './steps.ts';

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

/** The program version methods over `s`. */
export function sqlProgramMethods(s: SqlStore): ProgramStore {
  const { q } = s;
  const published = new PublishedDocCache<Program>();
  /** The count and highest version of a program's published versions (every submission reads it). */
  const publishedStamp = prepared((v: { programId: string }) =>
    q
      .selectFrom('program_versions')
      .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.max('version').as('highest')])
      .where('program_id', '=', v.programId)
      .where('status', '=', 'published'),
  );
  const light = () => q.selectFrom('program_versions').select([...COLUMNS, LIGHT_DOC]);
  /** A row as a record; published documents come from the cache (shared, frozen), drafts are parsed afresh. */
  function* versionFromRow(row: VersionRow): Sql<ProgramVersionRecord> {
    if (row.status !== 'published') return parseRow(row);
    // Rows read with the light columns carry no document text for published versions: it is read only on a miss.
    let text = row.doc;
    if (text === null && published.peek(row.program_id, row.version, row.hash) === undefined) {
      text = (yield* first(
        q.selectFrom('program_versions').select('doc').where('program_id', '=', row.program_id).where('version', '=', row.version),
      ))!.doc;
    }
    return { ...parseRow({ ...row, doc: 'null' }), doc: published.get(row.program_id, row.version, row.hash, () => text!) };
  }
  function* versionsFromRows(rows: VersionRow[]): Sql<ProgramVersionRecord[]> {
    const records: ProgramVersionRecord[] = [];
    for (const row of rows) records.push(yield* versionFromRow(row));
    return records;
  }

  /**
   * Each program's published versions as last read, with the count and highest version they were read at (SQLite
   * only: the PostgreSQL store reads them every time, as it did before the stores were one). Published versions are
   * frozen and never removed (a draft becomes one; `publishVersion` adds one), so while a program's count and highest
   * version have not moved, no version was published or scheduled since, by this process or another on the same
   * file: the submit path checks that with one indexed read instead of reading every version again.
   */
  const publishedCache = new Map<string, { count: number; highest: number | null; records: readonly ProgramVersionRecord[] }>();
  /**
   * The published versions of `programId`, through `publishedCache`. Only run by `s.query`, never inside a write
   * transaction, so the rows it keeps are committed (a write's rows may yet be rolled back).
   */
  function* publishedOf(programId: string): Sql<ProgramVersionRecord[]> {
    const stamp = (yield* first(publishedStamp({ programId })))!;
    const hit = publishedCache.get(programId);
    if (hit && hit.count === stamp.count && hit.highest === stamp.highest) return [...hit.records];
    const rows = yield* all(light().where('program_id', '=', programId).where('status', '=', 'published').orderBy('version'));
    const records = (yield* versionsFromRows(rows)).map((r) => Object.freeze(r));
    publishedCache.set(programId, { count: stamp.count, highest: stamp.highest ?? null, records });
    return [...records];
  }
  /** A published version already read (frozen for good), without a query (the cache is empty on PostgreSQL). */
  const cachedPublished = (programId: string, version: number) => publishedCache.get(programId)?.records.find((r) => r.version === version);

  const draftRow = (programId: string) =>
    first(
      q
        .selectFrom('program_versions')
        .select([...COLUMNS, 'doc'])
        .where('program_id', '=', programId)
        .where('status', '=', 'draft'),
    );
  function* versionTaken(programId: string, version: number): Sql<boolean> {
    return (
      (yield* first(q.selectFrom('program_versions').select('version').where('program_id', '=', programId).where('version', '=', version))) !==
      undefined
    );
  }

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

  const insert = (record: ProgramVersionRecord) =>
    affected(
      q.insertInto('program_versions').values({
        program_id: record.programId,
        version: record.version,
        created_by: record.createdBy,
        created_at: record.createdAt,
        ...contentColumns(record),
      }),
    );

  const update = (record: ProgramVersionRecord) =>
    affected(
      q.updateTable('program_versions').set(contentColumns(record)).where('program_id', '=', record.programId).where('version', '=', record.version),
    );

  function* requireDraft(programId: string): Sql<ProgramVersionRecord> {
    const row = yield* draftRow(programId);
    if (!row) throw new NotFoundError('program-version', `${programId}/draft`, `Program "${programId}" has no draft.`);
    return yield* versionFromRow(row);
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
    listProgramVersions: (filter = {}) =>
      s.query(function* () {
        // The SQLite store's cache of published versions (see `publishedCache`); PostgreSQL reads them.
        if (s.dialect === 'sqlite' && filter.programId != null && filter.status === 'published') return yield* publishedOf(filter.programId);
        let query = light();
        if (filter.programId != null) query = query.where('program_id', '=', filter.programId);
        if (filter.status != null) query = query.where('status', '=', filter.status);
        return yield* versionsFromRows(yield* all(query.orderBy('program_id').orderBy('version')));
      }),

    getProgramVersion: (programId, version) =>
      s.query(function* () {
        const cached = cachedPublished(programId, version);
        if (cached) return cached;
        const row = yield* first(light().where('program_id', '=', programId).where('version', '=', version));
        return row ? yield* versionFromRow(row) : null;
      }),

    getDraft: (programId) =>
      s.query(function* () {
        const row = yield* draftRow(programId);
        return row ? yield* versionFromRow(row) : null;
      }),

    findVersionByHash: (programId, hash) =>
      s.query(function* () {
        const row = yield* first(light().where('program_id', '=', programId).where('hash', '=', hash).orderBy('version').limit(1));
        return row ? yield* versionFromRow(row) : null;
      }),

    maxVersion: (programId) =>
      s.query(function* () {
        const row = yield* first(
          q
            .selectFrom('program_versions')
            .select((eb) => eb.fn.max('version').as('v'))
            .where('program_id', '=', programId),
        );
        return row?.v ?? 0;
      }),

    createDraft: (input, auditInput) =>
      s.transaction(function* () {
        if (yield* draftRow(input.programId)) {
          throw new ConflictError(
            'duplicate',
            `Program "${input.programId}" already has a draft: edit that draft, or delete it before starting another.`,
            { programId: input.programId },
          );
        }
        if (yield* versionTaken(input.programId, input.version)) throw versionTakenError(input.programId, input.version);
        const record: ProgramVersionRecord = {
          programId: input.programId,
          version: input.version,
          status: 'draft',
          ...content(input),
          revision: 1,
          createdBy: input.createdBy,
          createdAt: s.now(),
          publishedBy: null,
          publishedAt: null,
          publicationRequest: null,
          selfPublished: false,
        };
        yield* insert(record);
        yield* audit(auditList(auditInput));
        return record;
      }),

    saveDraft: (input, auditInput) =>
      s.transaction(function* () {
        const current = yield* requireDraft(input.programId);
        checkRevision(`draft of program "${input.programId}"`, current.revision, input.expectedRevision);
        const next: ProgramVersionRecord = { ...current, ...content(input), revision: current.revision + 1 };
        yield* update(next);
        yield* audit(auditList(auditInput));
        return next;
      }),

    deleteDraft: (programId, auditInput) =>
      s.transaction(function* () {
        const current = yield* requireDraft(programId);
        yield* affected(q.deleteFrom('program_versions').where('program_id', '=', programId).where('version', '=', current.version));
        yield* audit(auditList(auditInput));
      }),

    publishDraft: (input, auditInput) =>
      s.transaction(function* () {
        const current = yield* requireDraft(input.programId);
        checkRevision(`draft of program "${input.programId}"`, current.revision, input.expectedRevision);
        const next: ProgramVersionRecord = {
          ...current,
          ...content(input.content),
          status: 'published',
          publishedBy: input.publishedBy,
          publishedAt: s.now(),
          selfPublished: input.selfPublished ?? false,
        };
        yield* update(next);
        yield* audit(auditList(auditInput));
        return next;
      }),

    publishVersion: (input, auditInput) =>
      s.transaction(function* () {
        if (yield* versionTaken(input.programId, input.version)) throw versionTakenError(input.programId, input.version);
        const now = s.now();
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
        yield* insert(record);
        yield* audit(auditList(auditInput));
        return record;
      }),

    setPublicationRequest: (input, auditInput) =>
      s.transaction(function* () {
        const current = yield* requireDraft(input.programId);
        checkRevision(`draft of program "${input.programId}"`, current.revision, input.expectedRevision);
        const next: ProgramVersionRecord = { ...current, publicationRequest: input.request ? { ...input.request, requestedAt: s.now() } : null };
        yield* update(next);
        yield* audit(auditList(auditInput));
        return next;
      }),
  };
}
