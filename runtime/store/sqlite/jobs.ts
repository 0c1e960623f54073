/**
 * SQLite jobs: mass re-determination jobs with their keyset cursor, the keyset read of a program's cases with their
 * answers and applied determination, and the one-transaction chunk (case updates, determinations, notices, audit
 * entries, counts and cursor together).
 */
import { addCounts, auditList, checkChunk, idOr, JOB_FAILURES_KEPT, jobNotRunning, zeroCounts } from '../common.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { ChunkCaseUpdate, JobRecord, JobStore } from '../types.ts';
import { orderedId } from '../sql/ordered-id.ts';
import { insertDetermination, insertMessages } from './case-writes.ts';
import type { SqliteDb } from './db.ts';
import { caseFromRow, type CaseRow } from '../rows.ts';

type JobMethods = Pick<JobStore, 'createJob' | 'getJob' | 'listJobs' | 'readCasesAfter' | 'applyRedeterminationChunk' | 'finishJob'>;

interface JobRow {
  id: string;
  kind: 'redetermination';
  program_id: string;
  version: number;
  status: JobRecord['status'];
  cursor: string | null;
  counts: string;
  failures: string;
  trigger: JobRecord['trigger'];
  started_by: string | null;
  started_at: string;
  updated_at: string;
  finished_at: string | null;
  finished_by: string | null;
  error: string | null;
}

function jobFromRow(r: JobRow): JobRecord {
  return {
    id: r.id,
    kind: r.kind,
    programId: r.program_id,
    version: r.version,
    status: r.status,
    cursor: r.cursor,
    counts: JSON.parse(r.counts),
    failures: JSON.parse(r.failures),
    trigger: r.trigger,
    startedBy: r.started_by,
    startedAt: r.started_at,
    updatedAt: r.updated_at,
    finishedAt: r.finished_at,
    finishedBy: r.finished_by,
    error: r.error,
  };
}

type CandidateRow = CaseRow & { answers: string | null; lang: string | null; applied_decision: string | null; intermediary: string | null };

/**
 * The decision (`decisionOf` in common.ts) of the determination row `d`, compact or full, as JSON, computed by
 * SQLite: a full determination written before compaction is ~7 kB of JSON, and parsing it in JavaScript only to
 * read these fields cost more than the rest of the read.
 */
const DECISION_SQL = `json_object(
  'eligibility', d.result ->> '$.eligibility',
  'benefits', (SELECT json_group_object(b.value ->> '$.id', b.value -> '$.amount') FROM json_each(d.result, '$.benefits') b),
  'outcomes', CASE WHEN d.result ->> '$.format' = 'compact-1' THEN d.result -> '$.outcomes'
    ELSE (SELECT json_group_object(r.value ->> '$.rule', r.value ->> '$.outcome') FROM json_each(d.result, '$.reasons') r) END,
  'missing', CASE WHEN d.result ->> '$.format' = 'compact-1' THEN d.result -> '$.missing'
    ELSE (SELECT json_group_array(m.value ->> '$.path') FROM json_each(d.result, '$.missing') m) END,
  'invalid', CASE WHEN d.result ->> '$.format' = 'compact-1' THEN d.result -> '$.invalid'
    ELSE json(CASE WHEN json_array_length(d.result, '$.inputErrors') > 0 THEN 'true' ELSE 'false' END) END)`;

/** The job methods over `db`. */
export function sqliteJobMethods(db: SqliteDb): JobMethods {
  const byId = (id: string) => db.get<JobRow>('SELECT * FROM jobs WHERE id = ?', id);

  function requireJob(id: string): JobRecord {
    const row = byId(id);
    if (!row) throw new NotFoundError('job', id);
    return jobFromRow(row);
  }

  /**
   * Moves every case of a chunk to its new version in ONE statement (revision + 1), each only at the revision the
   * job read; when fewer rows moved than asked, throws `stale-revision` naming the first case that changed (the
   * chunk's transaction then rolls back whole).
   */
  function moveCases(updates: readonly ChunkCaseUpdate[], at: string): void {
    if (updates.length === 0) return;
    const rows = JSON.stringify(updates.map((u) => [u.caseId, u.expectedRevision, u.version, u.hash]));
    const moved = db.all<{ id: string }>(
      `UPDATE cases SET version = u.version, hash = u.hash, updated_at = ?, revision = cases.revision + 1
       FROM (SELECT value ->> 0 AS id, value ->> 1 AS revision, value ->> 2 AS version, value ->> 3 AS hash FROM json_each(?)) AS u
       WHERE cases.id = u.id AND cases.revision = u.revision RETURNING cases.id AS id`,
      at,
      rows,
    );
    if (moved.length === updates.length) return;
    // Rolls the whole chunk back (its savepoint): the job re-reads and re-evaluates it.
    const ids = new Set(moved.map((r) => r.id));
    const stale = updates.find((u) => !ids.has(u.caseId)) ?? updates[0];
    throw new ConflictError('stale-revision', `The case "${stale.caseId}" changed while the job was evaluating it.`, { caseId: stale.caseId });
  }

  return {
    async createJob(input, audit) {
      return db.tx(() => {
        const running = db.get<{ id: string }>(
          "SELECT id FROM jobs WHERE program_id = ? AND version = ? AND status = 'running'",
          input.programId,
          input.version,
        );
        if (running) {
          throw new ConflictError('job-running', `Version ${input.version} of "${input.programId}" already has a running job, "${running.id}".`, {
            jobId: running.id,
          });
        }
        const at = db.now();
        const job: JobRecord = {
          id: idOr(input.id),
          kind: input.kind,
          programId: input.programId,
          version: input.version,
          status: 'running',
          cursor: null,
          counts: zeroCounts(),
          failures: [],
          trigger: input.trigger,
          startedBy: input.startedBy,
          startedAt: at,
          updatedAt: at,
          finishedAt: null,
          finishedBy: null,
          error: null,
        };
        db.run(
          `INSERT INTO jobs (id, kind, program_id, version, status, cursor, counts, failures, trigger, started_by, started_at, updated_at)
           VALUES (?, ?, ?, ?, 'running', NULL, ?, '[]', ?, ?, ?, ?)`,
          job.id,
          job.kind,
          job.programId,
          job.version,
          JSON.stringify(job.counts),
          job.trigger,
          job.startedBy,
          at,
          at,
        );
        db.appendAudit(auditList(audit));
        return job;
      });
    },

    async getJob(id) {
      const row = byId(id);
      return row ? jobFromRow(row) : null;
    },

    async listJobs(filter = {}) {
      return db
        .all<JobRow>(
          `SELECT * FROM jobs WHERE (@programId IS NULL OR program_id = @programId) AND (@version IS NULL OR version = @version)
           AND (@status IS NULL OR status = @status) ORDER BY started_at DESC, rowid DESC`,
          { programId: filter.programId ?? null, version: filter.version ?? null, status: filter.status ?? null },
        )
        .map(jobFromRow);
    },

    async readCasesAfter(programId, afterCaseId, limit, skip) {
      // The stored determination is the largest part of a case (a full one, written before compaction, is ~7 kB):
      // only its decision is read, and only for the cases the caller will compare.
      // Nor are the answers of the cases it skips (a third of SNAP's seeded cases are decided): not parsed here, nor
      // cloned to an evaluation worker.
      const skipped = 'c.version = ? OR c.state IN (SELECT value FROM json_each(?))';
      const states = JSON.stringify(skip?.states ?? []);
      const rows = db.all<CandidateRow>(
        `SELECT c.*, CASE WHEN ${skipped} THEN NULL ELSE a.answers END AS answers, a.lang AS lang,
           CASE WHEN a.on_behalf_of IS NOT NULL THEN a.created_by END AS intermediary,
           CASE WHEN ${skipped} THEN NULL ELSE
             (SELECT ${DECISION_SQL} FROM determinations d WHERE d.case_id = c.id AND d.applied = 1 ORDER BY d.rowid DESC LIMIT 1) END AS applied_decision
         FROM cases c LEFT JOIN applications a ON a.id = c.application_id
         WHERE c.program_id = ? AND c.id > ? ORDER BY c.id LIMIT ?`,
        skip?.version ?? null,
        states,
        skip?.version ?? null,
        states,
        programId,
        afterCaseId ?? '',
        Math.max(1, Math.trunc(limit)),
      );
      return rows.map((r) => ({
        case: caseFromRow(r),
        answers: r.answers === null ? null : JSON.parse(r.answers),
        lang: r.lang ?? 'en',
        applied: r.applied_decision === null ? null : JSON.parse(r.applied_decision),
        intermediary: r.intermediary ?? null,
      }));
    },

    async applyRedeterminationChunk(input, committed) {
      return db.tx(() => {
        const job = requireJob(input.jobId);
        checkChunk(job, input.expectedCursor);
        const at = db.now();
        const audit = [];
        moveCases(input.updates, at);
        const changed = input.updates.filter((u) => u.determination);
        if (changed.length > 0) {
          // The previous applied determinations of the changed cases lose `applied` in one statement (the partial
          // index on applied ones finds them).
          db.run(
            'UPDATE determinations SET applied = 0 WHERE applied = 1 AND case_id IN (SELECT value FROM json_each(?))',
            JSON.stringify(changed.map((u) => u.caseId)),
          );
        }
        for (const u of input.updates) {
          // Time-ordered ids: the chunk's new rows go to the end of their id index (see `orderedId`).
          if (u.determination) insertDetermination(db, { ...u.determination, id: u.determination.id ?? orderedId() }, u.caseId, u.applicationId, at);
          if (u.messages?.length) insertMessages(db, u.caseId, u.messages, at, orderedId);
          if (u.audit) audit.push(u.audit);
        }
        const next: JobRecord = {
          ...job,
          cursor: input.cursor,
          counts: addCounts(job.counts, input.counts),
          failures: [...job.failures, ...input.failures].slice(0, JOB_FAILURES_KEPT),
          updatedAt: at,
        };
        db.run(
          'UPDATE jobs SET cursor = ?, counts = ?, failures = ?, updated_at = ? WHERE id = ?',
          next.cursor,
          JSON.stringify(next.counts),
          JSON.stringify(next.failures),
          at,
          job.id,
        );
        db.appendAudit(audit);
        return next;
      }, committed);
    },

    async finishJob(input) {
      return db.tx(() => {
        const job = requireJob(input.jobId);
        if (job.status !== 'running') throw jobNotRunning(job);
        const at = db.now();
        const next: JobRecord = {
          ...job,
          status: input.status,
          finishedAt: at,
          finishedBy: input.finishedBy ?? null,
          error: input.error ?? null,
          updatedAt: at,
        };
        db.run(
          'UPDATE jobs SET status = ?, finished_at = ?, finished_by = ?, error = ?, updated_at = ? WHERE id = ?',
          next.status,
          at,
          next.finishedBy,
          next.error,
          at,
          job.id,
        );
        db.appendAudit(auditList(input.audit));
        return next;
      });
    },
  };
}
