/**
 * Mass re-determination jobs on an SQL store, one implementation for SQLite and PostgreSQL: the jobs with their keyset
 * cursor, the keyset read of a program's cases with their answers and applied decision, and the one-transaction chunk
 * (case updates, determinations, notices, audit entries, counts and cursor together, refused whole when the job ended,
 * its cursor moved or one case changed since it was read). The chunk and its reads are the mass re-determination's hot
 * path: few statements per chunk (one UPDATE moves all its cases), the chunk's queries prepared (compiled once), and
 * its `committed` callback lets the job read on while SQLite's fsync runs (`SqlStore.transaction`).
 *
 * The dialects differ only in `dialectSql`: the JSON functions that compute a stored determination's decision, how a
 * list of values is bound (SQLite: one JSON text read with `json_each`, so the statement is the same at every length;
 * PostgreSQL: one array parameter, `= ANY` / `unnest`), and the applied flag (`= 1` on SQLite, as its partial index
 * is written).
 */
import { type RawBuilder, type Selectable, type SqlBool, sql } from 'kysely';
import { addCounts, auditList, checkChunk, idOr, JOB_FAILURES_KEPT, jobNotRunning, zeroCounts } from '../common.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { caseFromRow, type CaseRow } from '../rows.ts';
import type { AuditInput, ChunkCaseUpdate, JobRecord, JobStore, NewMessage } from '../types.ts';
import { type DeterminationInsert, sqlCaseWrites } from './case-writes.ts';
import { orderedId } from './ordered-id.ts';
import { prepared } from './prepared.ts';
import type { JobsTable } from './schema.ts';
import { affected, all, audit, first, raw, type Sql, type SqlStore } from './steps.ts';

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

/** The SQL fragments the dialects write differently. */
interface DialectSql {
  /**
   * The decision (`decisionOf` in common.ts) of the determination row `d`, compact or full, as JSON, computed by the
   * database: a full determination written before compaction is ~7 kB of JSON, and parsing it in JavaScript only to
   * read these fields cost more than the rest of the read.
   */
  decision: RawBuilder<unknown>;
  /** The condition that the determination `alias` is the applied one. */
  applied(alias: string): RawBuilder<SqlBool>;
  /** A list of texts as the one parameter `inList` binds. */
  list(values: readonly string[]): unknown;
  /** `column` is one of the texts of `list` (a parameter made by `list`; an empty list holds for no row). */
  inList(column: RawBuilder<unknown>, list: unknown): RawBuilder<SqlBool>;
  /** The values that bind a chunk's case moves (`movesTable`'s): one JSON text of rows on SQLite, four arrays on PostgreSQL. */
  moves(updates: readonly ChunkCaseUpdate[]): Record<string, unknown>;
  /** The rows of a chunk's case moves as the table `u(id, revision, version, hash)`, from `moves`' values. */
  movesTable(moves: Record<string, unknown>): RawBuilder<unknown>;
}

const dialectSql: Record<SqlStore['dialect'], DialectSql> = {
  sqlite: {
    decision: sql`json_object(
      'eligibility', d.result ->> '$.eligibility',
      'benefits', (SELECT json_group_object(b.value ->> '$.id', b.value -> '$.amount') FROM json_each(d.result, '$.benefits') b),
      'outcomes', CASE WHEN d.result ->> '$.format' = 'compact-1' THEN d.result -> '$.outcomes'
        ELSE (SELECT json_group_object(r.value ->> '$.rule', r.value ->> '$.outcome') FROM json_each(d.result, '$.reasons') r) END,
      'missing', CASE WHEN d.result ->> '$.format' = 'compact-1' THEN d.result -> '$.missing'
        ELSE (SELECT json_group_array(m.value ->> '$.path') FROM json_each(d.result, '$.missing') m) END,
      'invalid', CASE WHEN d.result ->> '$.format' = 'compact-1' THEN d.result -> '$.invalid'
        ELSE json(CASE WHEN json_array_length(d.result, '$.inputErrors') > 0 THEN 'true' ELSE 'false' END) END)`,
    // `= 1` as the partial index `determinations_applied` is written, so the planner uses it.
    applied: (alias) => sql<SqlBool>`${sql.ref(`${alias}.applied`)} = 1`,
    list: (values) => JSON.stringify(values),
    inList: (column, list) => sql<SqlBool>`${column} IN (SELECT value FROM json_each(${list}))`,
    moves: (updates) => ({ rows: JSON.stringify(updates.map((u) => [u.caseId, u.expectedRevision, u.version, u.hash])) }),
    movesTable: (m) =>
      sql`(SELECT value ->> 0 AS id, value ->> 1 AS revision, value ->> 2 AS version, value ->> 3 AS hash FROM json_each(${m.rows})) AS u`,
  },
  postgres: {
    // As SQLite's; empty aggregates are `{}`/`[]` (PostgreSQL's are NULL), and a full result without `inputErrors`
    // is valid.
    decision: sql`jsonb_build_object(
      'eligibility', d.result -> 'eligibility',
      'benefits', COALESCE((SELECT jsonb_object_agg(b ->> 'id', b -> 'amount') FROM jsonb_array_elements(d.result -> 'benefits') b), '{}'::jsonb),
      'outcomes', CASE WHEN d.result ->> 'format' = 'compact-1' THEN d.result -> 'outcomes'
        ELSE COALESCE((SELECT jsonb_object_agg(r ->> 'rule', r -> 'outcome') FROM jsonb_array_elements(d.result -> 'reasons') r), '{}'::jsonb) END,
      'missing', CASE WHEN d.result ->> 'format' = 'compact-1' THEN d.result -> 'missing'
        ELSE COALESCE((SELECT jsonb_agg(m.value -> 'path' ORDER BY m.i) FROM jsonb_array_elements(d.result -> 'missing') WITH ORDINALITY AS m(value, i)), '[]'::jsonb) END,
      'invalid', CASE WHEN d.result ->> 'format' = 'compact-1' THEN d.result -> 'invalid'
        WHEN jsonb_array_length(d.result -> 'inputErrors') > 0 THEN 'true'::jsonb ELSE 'false'::jsonb END)`,
    applied: (alias) => sql<SqlBool>`${sql.ref(`${alias}.applied`)}`,
    list: (values) => [...values],
    inList: (column, list) => sql<SqlBool>`${column} = ANY(${list}::text[])`,
    moves: (updates) => ({
      ids: updates.map((u) => u.caseId),
      revisions: updates.map((u) => u.expectedRevision),
      versions: updates.map((u) => u.version),
      hashes: updates.map((u) => u.hash),
    }),
    movesTable: (m) =>
      sql`unnest(${m.ids}::text[], ${m.revisions}::integer[], ${m.versions}::integer[], ${m.hashes}::text[]) AS u(id, revision, version, hash)`,
  },
};

/** The job methods over `s`. */
export function sqlJobMethods(s: SqlStore): JobMethods {
  const { q } = s;
  const dialect = dialectSql[s.dialect];
  const writes = sqlCaseWrites(s);

  // The queries every chunk runs, prepared (compiled once: see `prepared.ts`).
  const selectById = prepared((v: { id: string }) => q.selectFrom('jobs').selectAll().where('id', '=', v.id));
  const candidates = prepared((v: { version: number | null; states: unknown; programId: string; after: string; limit: number }) => {
    // The stored determination is the largest part of a case (a full one, written before compaction, is ~7 kB): only
    // its decision is read, and only for the cases the caller will compare. Nor are the answers of the cases it skips
    // (a third of SNAP's seeded cases are decided): not parsed here, nor cloned to an evaluation worker.
    const skipped = sql`(c.version = ${v.version} OR ${dialect.inList(sql`c.state`, v.states)})`;
    return raw(
      s,
      sql<CandidateRow>`SELECT c.*, CASE WHEN ${skipped} THEN NULL ELSE a.answers END AS answers, a.lang AS lang,
          CASE WHEN a.on_behalf_of IS NOT NULL THEN a.created_by END AS intermediary,
          CASE WHEN ${skipped} THEN NULL ELSE
            (SELECT ${dialect.decision} FROM determinations d WHERE d.case_id = c.id AND ${dialect.applied('d')} ORDER BY d.rowid DESC LIMIT 1) END AS applied_decision
        FROM cases c LEFT JOIN applications a ON a.id = c.application_id
        WHERE c.program_id = ${v.programId} AND c.id > ${v.after} ORDER BY c.id LIMIT ${v.limit}`,
    );
  });
  const moveCasesQuery = prepared(({ at, ...moves }: { at: string } & Record<string, unknown>) =>
    raw(
      s,
      sql<{ id: string }>`UPDATE cases SET version = u.version, hash = u.hash, updated_at = ${at}, revision = cases.revision + 1
        FROM ${dialect.movesTable(moves)}
        WHERE cases.id = u.id AND cases.revision = u.revision RETURNING cases.id AS id`,
    ),
  );
  const unapply = prepared((v: { caseIds: unknown }) =>
    q
      .updateTable('determinations')
      .set({ applied: false })
      .where(dialect.applied('determinations'))
      .where(dialect.inList(sql.ref('case_id'), v.caseIds)),
  );
  const updateJob = prepared((v: { id: string; cursor: string | null; counts: string; failures: string; updated_at: string }) =>
    q.updateTable('jobs').set({ cursor: v.cursor, counts: v.counts, failures: v.failures, updated_at: v.updated_at }).where('id', '=', v.id),
  );

  function* requireJob(id: string): Sql<JobRecord> {
    const row = yield* first(selectById({ id }));
    if (!row) throw new NotFoundError('job', id);
    return jobFromRow(row);
  }

  /**
   * Moves every case of a chunk to its new version in ONE statement (revision + 1), each only at the revision the
   * job read; when fewer rows moved than asked, throws `stale-revision` naming the first case that changed (the
   * chunk's transaction then rolls back whole: the job re-reads and re-evaluates it).
   */
  function* moveCases(updates: readonly ChunkCaseUpdate[], at: string): Sql<void> {
    if (updates.length === 0) return;
    const moved = yield* all(moveCasesQuery({ at, ...dialect.moves(updates) }));
    if (moved.length === updates.length) return;
    const ids = new Set(moved.map((r) => r.id));
    const stale = updates.find((u) => !ids.has(u.caseId)) ?? updates[0];
    throw new ConflictError('stale-revision', `The case "${stale.caseId}" changed while the job was evaluating it.`, { caseId: stale.caseId });
  }

  return {
    createJob: (input, auditArg) =>
      s.transaction(function* () {
        const running = yield* first(
          q
            .selectFrom('jobs')
            .select('id')
            .where('program_id', '=', input.programId)
            .where('version', '=', input.version)
            .where('status', '=', 'running'),
        );
        if (running) {
          throw new ConflictError('job-running', `Version ${input.version} of "${input.programId}" already has a running job, "${running.id}".`, {
            jobId: running.id,
          });
        }
        const at = s.now();
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
        yield* affected(
          q.insertInto('jobs').values({
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
          }),
        );
        yield* audit(auditList(auditArg));
        return job;
      }),

    getJob: (id) =>
      s.query(function* () {
        const row = yield* first(selectById({ id }));
        return row ? jobFromRow(row) : null;
      }),

    listJobs: (filter = {}) =>
      s.query(function* () {
        let select = q.selectFrom('jobs').selectAll();
        if (filter.programId != null) select = select.where('program_id', '=', filter.programId);
        if (filter.version != null) select = select.where('version', '=', filter.version);
        if (filter.status != null) select = select.where('status', '=', filter.status);
        return (yield* all(select.orderBy('started_at', 'desc').orderBy('rowid', 'desc'))).map(jobFromRow);
      }),

    readCasesAfter: (programId, afterCaseId, limit, skip) =>
      s.query(function* () {
        const rows = yield* all(
          candidates({
            version: skip?.version ?? null,
            states: dialect.list(skip?.states ?? []),
            programId,
            after: afterCaseId ?? '',
            limit: Math.max(1, Math.trunc(limit)),
          }),
        );
        return rows.map((r) => ({
          case: caseFromRow(r),
          answers: r.answers === null ? null : JSON.parse(r.answers),
          lang: r.lang ?? 'en',
          applied: r.applied_decision === null ? null : JSON.parse(r.applied_decision),
          intermediary: r.intermediary ?? null,
        }));
      }),

    applyRedeterminationChunk: (input, committed) =>
      s.transaction(function* () {
        const job = yield* requireJob(input.jobId);
        checkChunk(job, input.expectedCursor);
        const at = s.now();
        yield* moveCases(input.updates, at);
        const changed = input.updates.filter((u) => u.determination).map((u) => u.caseId);
        // The previous applied determinations of the changed cases lose `applied` in one statement (the partial index
        // on applied ones finds them).
        if (changed.length > 0) yield* affected(unapply({ caseIds: dialect.list(changed) }));
        // Time-ordered ids: the chunk's new rows go to the end of their id index (see `orderedId`). The dialects write
        // them differently (`sqlCaseWrites`' inserts): PostgreSQL in a few round trips for the chunk, its
        // determinations in one multi-row INSERT, its notices in one and their emails in one; SQLite (no round trips)
        // runs a prepared statement per row, case after case, as its store always did: each case's determination,
        // notices and emails together (each table's rows in a block measured the same, within the bench's noise).
        const perCase = s.dialect === 'sqlite';
        const determinations: DeterminationInsert[] = [];
        const notices: { caseId: string; messages: NewMessage[] }[] = [];
        const audits: AuditInput[] = [];
        for (const u of input.updates) {
          if (u.determination) {
            const d = { input: { ...u.determination, id: u.determination.id ?? orderedId() }, caseId: u.caseId, applicationId: u.applicationId };
            if (perCase) yield* writes.insertDeterminations([d], at);
            else determinations.push(d);
          }
          if (u.messages?.length) {
            if (perCase) yield* writes.insertCaseMessages([{ caseId: u.caseId, messages: u.messages }], at, orderedId);
            else notices.push({ caseId: u.caseId, messages: u.messages });
          }
          if (u.audit) audits.push(u.audit);
        }
        yield* writes.insertDeterminations(determinations, at);
        yield* writes.insertCaseMessages(notices, at, orderedId);
        const next: JobRecord = {
          ...job,
          cursor: input.cursor,
          counts: addCounts(job.counts, input.counts),
          failures: [...job.failures, ...input.failures].slice(0, JOB_FAILURES_KEPT),
          updatedAt: at,
        };
        yield* affected(
          updateJob({
            id: job.id,
            cursor: next.cursor,
            counts: JSON.stringify(next.counts),
            failures: JSON.stringify(next.failures),
            updated_at: at,
          }),
        );
        yield* audit(audits);
        return next;
      }, committed),

    finishJob: (input) =>
      s.transaction(function* () {
        const job = yield* requireJob(input.jobId);
        if (job.status !== 'running') throw jobNotRunning(job);
        const at = s.now();
        const next: JobRecord = {
          ...job,
          status: input.status,
          finishedAt: at,
          finishedBy: input.finishedBy ?? null,
          error: input.error ?? null,
          updatedAt: at,
        };
        yield* affected(
          q
            .updateTable('jobs')
            .set({ status: next.status, finished_at: at, finished_by: next.finishedBy, error: next.error, updated_at: at })
            .where('id', '=', job.id),
        );
        yield* audit(auditList(input.audit));
        return next;
      }),
  };
}
