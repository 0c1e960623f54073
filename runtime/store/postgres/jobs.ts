/**
 * PostgreSQL jobs, as the SQLite store keeps them: mass re-determination jobs with their keyset cursor, the keyset
 * read of a program's cases with their answers and applied determination, and the one-transaction chunk (case
 * updates, determinations, notices, audit entries, counts and cursor together, refused whole when the job ended,
 * its cursor moved or one case changed since it was read).
 */
import { sql, type Selectable } from 'kysely';
import { addCounts, auditList, checkChunk, idOr, JOB_FAILURES_KEPT, jobNotRunning, zeroCounts } from '../common.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { caseFromRow, type CaseRow } from '../rows.ts';
import type { AuditInput, ChunkCaseUpdate, JobRecord, JobStore } from '../types.ts';
import { orderedId } from '../sql/ordered-id.ts';
import { type DeterminationInsert, insertCaseMessages, insertDeterminations } from './case-writes.ts';
import type { PgDb, PgExecutor, PgTrx } from './db.ts';
import type { JobsTable } from '../sql/schema.ts';

type JobMethods = Pick<JobStore, 'createJob' | 'getJob' | 'listJobs' | 'readCasesAfter' | 'applyRedeterminationChunk' | 'finishJob'>;

type JobRow = Selectable<JobsTable>;

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
 * The decision (`decisionOf` in common.ts) of the determination row `d`, compact or full, as jsonb, computed by
 * PostgreSQL as SQLite's `DECISION_SQL` does: only these fields of a full determination (~7 kB) reach JavaScript.
 * Empty aggregates are `{}`/`[]` (PostgreSQL's are NULL), and a full result without `inputErrors` is valid.
 */
const DECISION_SQL = sql`jsonb_build_object(
  'eligibility', d.result -> 'eligibility',
  'benefits', COALESCE((SELECT jsonb_object_agg(b ->> 'id', b -> 'amount') FROM jsonb_array_elements(d.result -> 'benefits') b), '{}'::jsonb),
  'outcomes', CASE WHEN d.result ->> 'format' = 'compact-1' THEN d.result -> 'outcomes'
    ELSE COALESCE((SELECT jsonb_object_agg(r ->> 'rule', r -> 'outcome') FROM jsonb_array_elements(d.result -> 'reasons') r), '{}'::jsonb) END,
  'missing', CASE WHEN d.result ->> 'format' = 'compact-1' THEN d.result -> 'missing'
    ELSE COALESCE((SELECT jsonb_agg(m.value -> 'path' ORDER BY m.i) FROM jsonb_array_elements(d.result -> 'missing') WITH ORDINALITY AS m(value, i)), '[]'::jsonb) END,
  'invalid', CASE WHEN d.result ->> 'format' = 'compact-1' THEN d.result -> 'invalid'
    WHEN jsonb_array_length(d.result -> 'inputErrors') > 0 THEN 'true'::jsonb ELSE 'false'::jsonb END)`;

/** The job methods over `db`. */
export function pgJobMethods(db: PgDb): JobMethods {
  const byId = (q: PgExecutor, id: string) => q.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();

  async function requireJob(q: PgExecutor, id: string): Promise<JobRecord> {
    const row = await byId(q, id);
    if (!row) throw new NotFoundError('job', id);
    return jobFromRow(row);
  }

  /**
   * Moves every case of a chunk to its new version in ONE statement (revision + 1), each only at the revision the
   * job read; when fewer rows moved than asked, throws `stale-revision` naming the first case that changed (the
   * chunk's transaction then rolls back whole).
   */
  async function moveCases(trx: PgTrx, updates: readonly ChunkCaseUpdate[], at: string): Promise<void> {
    if (updates.length === 0) return;
    const { rows: moved } = await sql<{ id: string }>`
      UPDATE cases SET version = u.version, hash = u.hash, updated_at = ${at}, revision = cases.revision + 1
      FROM unnest(${updates.map((u) => u.caseId)}::text[], ${updates.map((u) => u.expectedRevision)}::integer[],
                  ${updates.map((u) => u.version)}::integer[], ${updates.map((u) => u.hash)}::text[]) AS u(id, revision, version, hash)
      WHERE cases.id = u.id AND cases.revision = u.revision RETURNING cases.id AS id`.execute(trx);
    if (moved.length === updates.length) return;
    // Rolls the whole chunk back: the job re-reads and re-evaluates it.
    const ids = new Set(moved.map((r) => r.id));
    const stale = updates.find((u) => !ids.has(u.caseId)) ?? updates[0];
    throw new ConflictError('stale-revision', `The case "${stale.caseId}" changed while the job was evaluating it.`, { caseId: stale.caseId });
  }

  return {
    async createJob(input, audit) {
      return db.tx(async (trx) => {
        const running = await trx
          .selectFrom('jobs')
          .select('id')
          .where('program_id', '=', input.programId)
          .where('version', '=', input.version)
          .where('status', '=', 'running')
          .executeTakeFirst();
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
        await trx
          .insertInto('jobs')
          .values({
            id: job.id,
            kind: job.kind,
            program_id: job.programId,
            version: job.version,
            status: 'running',
            cursor: null,
            counts: JSON.stringify(job.counts),
            failures: '[]',
            trigger: job.trigger,
            started_by: job.startedBy,
            started_at: at,
            updated_at: at,
          })
          .execute();
        await db.appendAudit(trx, auditList(audit));
        return job;
      });
    },

    async getJob(id) {
      const row = await byId(db.read, id);
      return row ? jobFromRow(row) : null;
    },

    async listJobs(filter = {}) {
      let q = db.read.selectFrom('jobs').selectAll();
      if (filter.programId != null) q = q.where('program_id', '=', filter.programId);
      if (filter.version != null) q = q.where('version', '=', filter.version);
      if (filter.status != null) q = q.where('status', '=', filter.status);
      const rows = await q.orderBy('started_at', 'desc').orderBy('rowid', 'desc').execute();
      return rows.map(jobFromRow);
    },

    async readCasesAfter(programId, afterCaseId, limit, skip) {
      // As on SQLite: only the decision of the stored determination is read, and neither it nor the answers for the
      // cases the caller skips.
      const skipped = sql`(c.version = ${skip?.version ?? null}::integer OR c.state = ANY(${skip?.states ?? []}::text[]))`;
      const { rows } = await sql<CandidateRow>`
        SELECT c.*, CASE WHEN ${skipped} THEN NULL ELSE a.answers END AS answers, a.lang AS lang,
          CASE WHEN a.on_behalf_of IS NOT NULL THEN a.created_by END AS intermediary,
          CASE WHEN ${skipped} THEN NULL ELSE
            (SELECT ${DECISION_SQL} FROM determinations d WHERE d.case_id = c.id AND d.applied ORDER BY d.rowid DESC LIMIT 1) END AS applied_decision
        FROM cases c LEFT JOIN applications a ON a.id = c.application_id
        WHERE c.program_id = ${programId} AND c.id > ${afterCaseId ?? ''} ORDER BY c.id LIMIT ${Math.max(1, Math.trunc(limit))}`.execute(db.read);
      return rows.map((r) => ({
        case: caseFromRow(r),
        answers: r.answers === null ? null : JSON.parse(r.answers),
        lang: r.lang ?? 'en',
        applied: r.applied_decision === null ? null : JSON.parse(r.applied_decision),
        intermediary: r.intermediary ?? null,
      }));
    },

    async applyRedeterminationChunk(input, committed) {
      // A COMMIT that returned is durable (`synchronous_commit = on`): committed and durable are one moment here.
      const applied = await db.tx(async (trx) => {
        const job = await requireJob(trx, input.jobId);
        checkChunk(job, input.expectedCursor);
        const at = db.now();
        const audit: AuditInput[] = [];
        await moveCases(trx, input.updates, at);
        const changed = input.updates.filter((u) => u.determination).map((u) => u.caseId);
        if (changed.length > 0) {
          // The previous applied determinations of the changed cases lose `applied` in one statement (the partial
          // index on applied ones finds them).
          await trx.updateTable('determinations').set({ applied: false }).where('applied', '=', true).where('case_id', 'in', changed).execute();
        }
        // The chunk's determinations in one INSERT, its notices in one and their emails in one. Time-ordered ids: the
        // chunk's new rows go to the end of their id index (see `orderedId`).
        const determinations: DeterminationInsert[] = [];
        for (const u of input.updates) {
          if (u.determination)
            determinations.push({
              input: { ...u.determination, id: u.determination.id ?? orderedId() },
              caseId: u.caseId,
              applicationId: u.applicationId,
            });
          if (u.audit) audit.push(u.audit);
        }
        await insertDeterminations(trx, determinations, at);
        const notices = input.updates.filter((u) => u.messages?.length).map((u) => ({ caseId: u.caseId, messages: u.messages ?? [] }));
        await insertCaseMessages(trx, notices, at, orderedId);
        const next: JobRecord = {
          ...job,
          cursor: input.cursor,
          counts: addCounts(job.counts, input.counts),
          failures: [...job.failures, ...input.failures].slice(0, JOB_FAILURES_KEPT),
          updatedAt: at,
        };
        await trx
          .updateTable('jobs')
          .set({ cursor: next.cursor, counts: JSON.stringify(next.counts), failures: JSON.stringify(next.failures), updated_at: at })
          .where('id', '=', job.id)
          .execute();
        await db.appendAudit(trx, audit);
        return next;
      });
      committed?.(applied);
      return applied;
    },

    async finishJob(input) {
      return db.tx(async (trx) => {
        const job = await requireJob(trx, input.jobId);
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
        await trx
          .updateTable('jobs')
          .set({ status: next.status, finished_at: at, finished_by: next.finishedBy, error: next.error, updated_at: at })
          .where('id', '=', job.id)
          .execute();
        await db.appendAudit(trx, auditList(input.audit));
        return next;
      });
    },
  };
}
