/**
 * SQLite program versions: drafts (one per program, optimistic revisions) and frozen published versions.
 */
import { auditList, checkRevision, PublishedDocCache } from '../common.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { Program } from '../../../engine/index.ts';
import type { ProgramStore, ProgramVersionRecord, VersionContent } from '../types.ts';
import type { SqliteDb } from './db.ts';
import { versionFromRow as parseRow, type VersionRow } from '../rows.ts';

/** Every column, but the document text only for drafts (published documents come from the cache). */
const LIGHT_COLUMNS = `program_id, version, status, CASE WHEN status = 'draft' THEN doc END AS doc, hash, effective_from, title,
  changelog, in_flight, revision, created_by, created_at, published_by, published_at, publication_request, self_published`;

const INSERT_VERSION = `INSERT INTO program_versions (program_id, version, status, doc, hash, effective_from, title,
  changelog, in_flight, revision, created_by, created_at, published_by, published_at, publication_request, self_published)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

const UPDATE_CONTENT = `UPDATE program_versions SET doc = ?, hash = ?, effective_from = ?, title = ?, changelog = ?,
  in_flight = ?, revision = ?, status = ?, published_by = ?, published_at = ?, publication_request = ?, self_published = ?
  WHERE program_id = ? AND version = ?`;

/** The program version methods over `db`. */
export function sqliteProgramMethods(db: SqliteDb): ProgramStore {
  const published = new PublishedDocCache<Program>();
  /** A row as a record; published documents come from the cache (shared, frozen), drafts are parsed afresh. */
  // Rows read with LIGHT_COLUMNS carry no document text for published versions: it is read only on a cache miss.
  const docText = (row: VersionRow) =>
    row.doc ?? db.get<{ doc: string }>('SELECT doc FROM program_versions WHERE program_id = ? AND version = ?', row.program_id, row.version)!.doc;
  const versionFromRow = (row: VersionRow): ProgramVersionRecord =>
    row.status === 'published'
      ? { ...parseRow({ ...row, doc: 'null' }), doc: published.get(row.program_id, row.version, row.hash, () => docText(row)) }
      : parseRow(row);
  /**
   * Each program's published versions as last read, with the count and highest version they were read at. Published
   * versions are frozen and never removed (a draft becomes one; `publishVersion` adds one), so while a program's count
   * and highest version have not moved, no version was published or scheduled since, by this process or another on
   * the same file: the submit path checks that with one indexed read instead of reading every version again.
   */
  const publishedCache = new Map<string, { count: number; highest: number | null; records: readonly ProgramVersionRecord[] }>();
  function publishedOf(programId: string): ProgramVersionRecord[] {
    const stamp = db.get<{ count: number; highest: number | null }>(
      "SELECT count(*) AS count, max(version) AS highest FROM program_versions WHERE program_id = ? AND status = 'published'",
      programId,
    )!;
    const hit = publishedCache.get(programId);
    if (hit && hit.count === stamp.count && hit.highest === stamp.highest) return [...hit.records];
    const records = db
      .all<VersionRow>(`SELECT ${LIGHT_COLUMNS} FROM program_versions WHERE program_id = ? AND status = 'published' ORDER BY version`, programId)
      .map((row) => Object.freeze(versionFromRow(row)));
    // Inside a write transaction the rows may yet be rolled back: kept only once committed.
    if (!db.db.inTransaction) publishedCache.set(programId, { ...stamp, records });
    return [...records];
  }
  /** A published version already read (frozen for good), without a query. */
  const cachedPublished = (programId: string, version: number) => publishedCache.get(programId)?.records.find((r) => r.version === version);

  const draftRow = (programId: string) => db.get<VersionRow>("SELECT * FROM program_versions WHERE program_id = ? AND status = 'draft'", programId);
  const versionTaken = (programId: string, version: number) =>
    db.get('SELECT 1 FROM program_versions WHERE program_id = ? AND version = ?', programId, version) !== undefined;

  const requestText = (r: ProgramVersionRecord) => (r.publicationRequest ? JSON.stringify(r.publicationRequest) : null);

  function insert(record: ProgramVersionRecord): void {
    db.run(
      INSERT_VERSION,
      record.programId,
      record.version,
      record.status,
      JSON.stringify(record.doc),
      record.hash,
      record.effectiveFrom,
      record.title,
      record.changelog,
      record.inFlight,
      record.revision,
      record.createdBy,
      record.createdAt,
      record.publishedBy,
      record.publishedAt,
      requestText(record),
      record.selfPublished ? 1 : 0,
    );
  }

  function update(record: ProgramVersionRecord): void {
    db.run(
      UPDATE_CONTENT,
      JSON.stringify(record.doc),
      record.hash,
      record.effectiveFrom,
      record.title,
      record.changelog,
      record.inFlight,
      record.revision,
      record.status,
      record.publishedBy,
      record.publishedAt,
      requestText(record),
      record.selfPublished ? 1 : 0,
      record.programId,
      record.version,
    );
  }

  function requireDraft(programId: string): ProgramVersionRecord {
    const row = draftRow(programId);
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
      if (filter.programId !== undefined && filter.status === 'published') return publishedOf(filter.programId);
      const rows = db.all<VersionRow>(
        `SELECT ${LIGHT_COLUMNS} FROM program_versions WHERE (@programId IS NULL OR program_id = @programId)
         AND (@status IS NULL OR status = @status) ORDER BY program_id, version`,
        { programId: filter.programId ?? null, status: filter.status ?? null },
      );
      return rows.map(versionFromRow);
    },

    async getProgramVersion(programId, version) {
      const cached = cachedPublished(programId, version);
      if (cached) return cached;
      const row = db.get<VersionRow>(`SELECT ${LIGHT_COLUMNS} FROM program_versions WHERE program_id = ? AND version = ?`, programId, version);
      return row ? versionFromRow(row) : null;
    },

    async getDraft(programId) {
      const row = draftRow(programId);
      return row ? versionFromRow(row) : null;
    },

    async findVersionByHash(programId, hash) {
      const row = db.get<VersionRow>(
        `SELECT ${LIGHT_COLUMNS} FROM program_versions WHERE program_id = ? AND hash = ? ORDER BY version LIMIT 1`,
        programId,
        hash,
      );
      return row ? versionFromRow(row) : null;
    },

    async maxVersion(programId) {
      return db.get<{ v: number | null }>('SELECT MAX(version) AS v FROM program_versions WHERE program_id = ?', programId)!.v ?? 0;
    },

    async createDraft(input, audit) {
      return db.tx(() => {
        if (draftRow(input.programId)) {
          throw new ConflictError(
            'duplicate',
            `Program "${input.programId}" already has a draft: edit that draft, or delete it before starting another.`,
            { programId: input.programId },
          );
        }
        if (versionTaken(input.programId, input.version)) throw versionTakenError(input.programId, input.version);
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
        insert(record);
        db.appendAudit(auditList(audit));
        return record;
      });
    },

    async saveDraft(input, audit) {
      return db.tx(() => {
        const current = requireDraft(input.programId);
        checkRevision(`draft of program "${input.programId}"`, current.revision, input.expectedRevision);
        const next: ProgramVersionRecord = { ...current, ...content(input), revision: current.revision + 1 };
        update(next);
        db.appendAudit(auditList(audit));
        return next;
      });
    },

    async deleteDraft(programId, audit) {
      await db.tx(() => {
        const current = requireDraft(programId);
        db.run('DELETE FROM program_versions WHERE program_id = ? AND version = ?', programId, current.version);
        db.appendAudit(auditList(audit));
      });
    },

    async publishDraft(input, audit) {
      return db.tx(() => {
        const current = requireDraft(input.programId);
        checkRevision(`draft of program "${input.programId}"`, current.revision, input.expectedRevision);
        const next: ProgramVersionRecord = {
          ...current,
          ...content(input.content),
          status: 'published',
          publishedBy: input.publishedBy,
          publishedAt: db.now(),
          selfPublished: input.selfPublished ?? false,
        };
        update(next);
        db.appendAudit(auditList(audit));
        return next;
      });
    },

    async publishVersion(input, audit) {
      return db.tx(() => {
        if (versionTaken(input.programId, input.version)) throw versionTakenError(input.programId, input.version);
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
        insert(record);
        db.appendAudit(auditList(audit));
        return record;
      });
    },

    async setPublicationRequest(input, audit) {
      return db.tx(() => {
        const current = requireDraft(input.programId);
        checkRevision(`draft of program "${input.programId}"`, current.revision, input.expectedRevision);
        const next: ProgramVersionRecord = { ...current, publicationRequest: input.request ? { ...input.request, requestedAt: db.now() } : null };
        update(next);
        db.appendAudit(auditList(audit));
        return next;
      });
    },
  };
}
