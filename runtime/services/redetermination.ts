/**
 * Mass re-determination as a persisted, resumable job (issue 12):
 *
 *   start (on demand, at publication, by the scheduler) → job record `running`, cursor null
 *   → loop: read the next chunk of the program's cases by case id (keyset, after the cursor)
 *           → evaluate the chunk on the engine's batch path (the version compiled once, cached by hash)
 *           → compare each case with the determination it stands on
 *           → ONE transaction: changed cases get a new compact determination, an audit entry and a notice;
 *             unchanged ones move to the version (their determination is kept: it decides the same); the job's
 *             counts and cursor advance in the same transaction
 *           → yield to the event loop; the next chunk is read and evaluated while the commit's fsync runs (SQLite),
 *             and committed once it returned (at most one chunk's durability outstanding)
 *   → no case left: `done`, with its summary.
 *
 * Because the cursor commits with the chunk's writes, a process killed mid-job loses nothing and repeats nothing: at
 * start-up `resumeJobs` continues every running job after its cursor. Cancelling marks the job `cancelled`; a
 * chunk being evaluated then fails its commit (the store checks the job is still running inside the transaction),
 * so every chunk is either fully applied or not at all. Decided cases (a terminal state of their version's
 * workflow), cases already under the version and cases under a newer version (unless their workflow says
 * `redetermineToOlderVersion`) are left untouched: the same rule as a single re-determination
 * (`redetermination-rule.ts`).
 */
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { Determination, Program } from '../../engine/index.ts';
import type { AuthUser } from '../auth/context.ts';
import { conflict, notFound, words } from '../http/errors.ts';
import { zeroCounts } from '../store/common.ts';
import { ConflictError } from '../store/errors.ts';
import type { ChunkCaseUpdate, JobFailure, JobRecord, ProgramVersionRecord, RedeterminationCandidate, RedeterminationChunk } from '../store/types.ts';
import { today, type ServiceContext } from './context.ts';
import { compactDetermination, sameDecision } from './determinations.ts';
import { compiledFor, evaluate, evaluateBatch, localize } from './engine-port.ts';
import { jobSummary, noticeText } from './notices.ts';
import { ChunkPipeline, type PreparedChunk } from '../workers/redetermination-pipeline.ts';
import { decidedStates, redeterminationRefusal } from './redetermination-rule.ts';
import { applicantMessage, shownReference } from './program-notices.ts';
import { claim, instanceOf, whileHolding } from './leases.ts';
import { withIntermediaryCopy } from './recipients.ts';

/** Cases per chunk when the context does not say. */
export const DEFAULT_CHUNK = 1000;
/** Traced evaluations between two yields to the event loop while a chunk is prepared. */
const TRACED_PER_YIELD = 100;
/** How often a chunk is re-read and re-evaluated when a case changed under it, before the job fails. */
const CHUNK_ATTEMPTS = 5;

/** The job as the API shows it: the record and its summary in the reader's language. */
export function jobView(job: JobRecord, lang = 'en') {
  return { ...job, summary: jobSummary(job, lang) };
}

/** What the loop reads between chunks: set `stopped` to make it stop at the next chunk boundary. */
export interface StopFlag {
  stopped: boolean;
}

/** A job running in this process: `stop()` asks it to stop at the next chunk boundary; `done` resolves when it has. */
interface Runner {
  stop(): void;
  done: Promise<void>;
}

/** The jobs this process is running, per store (a process serves one store; tests open several). */
const running = new WeakMap<object, Map<string, Runner>>();

function runnersOf(ctx: ServiceContext): Map<string, Runner> {
  let map = running.get(ctx.store);
  if (!map) {
    map = new Map();
    running.set(ctx.store, map);
  }
  return map;
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

const BOOT = new URL('../workers/boot.js', import.meta.url);
const WORKER = new URL('../workers/redetermination-worker.ts', import.meta.url).href;

/**
 * Runs the job unless it already runs in this process; resolves when it stops (ended, cancelled or stopped). With a
 * store the worker can open again (`ctx.storeConfig`: a file or a MongoDB URI) the job runs in a worker thread, so
 * the server stays responsive; otherwise (an in-memory store, in tests) on this thread, yielding between chunks.
 */
function launch(ctx: ServiceContext, jobId: string): Promise<void> {
  const runners = runnersOf(ctx);
  const existing = runners.get(jobId);
  if (existing) return existing.done;
  // Several processes may serve the store: the job runs where its lease is held (`leases.ts`), never twice.
  let stopRun: (() => void) | null = null;
  let stopped = false;
  const stop = () => {
    stopped = true;
    stopRun?.();
  };
  const done = (async () => {
    if (!(await claim(ctx, `job:${jobId}`))) {
      ctx.log.info({ jobId }, 'a re-determination job runs in another process');
      return;
    }
    if (stopped) return ctx.store.releaseLease(`job:${jobId}`, instanceOf(ctx));
    await whileHolding(
      ctx,
      `job:${jobId}`,
      () => {
        const run = runHere(ctx, jobId);
        stopRun = run.stop;
        return run.done;
      },
      () => {
        ctx.log.warn({ jobId }, 'another process took a re-determination job over (this one stalled past its lease): stopping here');
        stop();
      },
    );
  })()
    .catch((err) => ctx.log.error({ err, jobId }, 'a re-determination job could not be started here'))
    .finally(() => runners.delete(jobId));
  runners.set(jobId, { stop, done });
  return done;
}

/** Runs the job in a worker thread or on this one (see `launch`). */
function runHere(ctx: ServiceContext, jobId: string): Runner {
  if (ctx.storeConfig) {
    const worker = new Worker(BOOT, {
      workerData: {
        module: WORKER,
        jobId,
        store: ctx.storeConfig,
        chunk: ctx.redeterminationChunk ?? DEFAULT_CHUNK,
        evalWorkers: ctx.redeterminationWorkers ?? 0,
        logLevel: ctx.log.level,
      },
      // A larger young generation: a chunk allocates many short-lived objects (answers, traces), and scavenges
      // were a fifth of the job's time with the default.
      resourceLimits: { maxYoungGenerationSizeMb: 64 },
    });
    worker.once('error', (err) => ctx.log.error({ err, jobId }, 'a re-determination worker failed'));
    const done = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    return { stop: () => worker.postMessage('stop'), done };
  }
  const flag: StopFlag = { stopped: false };
  const done = runJobInThisThread(ctx, jobId, flag).catch((err) => ctx.log.error({ err, jobId }, 'a re-determination job stopped on an error'));
  return { stop: () => (flag.stopped = true), done };
}

async function publishedVersion(ctx: ServiceContext, programId: string, version: number): Promise<ProgramVersionRecord> {
  const record = await ctx.store.getProgramVersion(programId, version);
  if (!record || record.status !== 'published') throw notFound('published program version', `${programId}@${version}`);
  return record;
}

/**
 * Starts a re-determination of the program's cases under `version` and returns the job at once (it runs in the
 * background). 404 for a version that is not published, 409 `job-running` while one runs for the same version.
 */
export async function startRedetermination(
  ctx: ServiceContext,
  user: AuthUser | null,
  programId: string,
  version: number,
  trigger: JobRecord['trigger'],
  lang?: string,
) {
  await publishedVersion(ctx, programId, version);
  const id = randomUUID();
  let job: JobRecord;
  try {
    job = await ctx.store.createJob(
      { id, kind: 'redetermination', programId, version, trigger, startedBy: user?.id ?? null },
      {
        actorId: user?.id ?? null,
        action: 'program.redetermination.start',
        entity: 'program',
        entityId: programId,
        details: { jobId: id, version, trigger },
      },
    );
  } catch (error) {
    if (error instanceof ConflictError && error.code === 'job-running') {
      throw conflict(words('job-running', error.details), 'job-running', { jobId: error.details.jobId });
    }
    throw error;
  }
  void launch(ctx, job.id);
  return jobView(job, lang);
}

/** The job, or 404. */
export async function getRedetermination(ctx: ServiceContext, id: string, lang?: string) {
  const job = await ctx.store.getJob(id);
  if (!job) throw notFound('job', id);
  return jobView(job, lang);
}

/** The program's jobs, newest first (404 for an unknown program). */
export async function listRedeterminations(ctx: ServiceContext, programId: string, lang?: string) {
  const versions = await ctx.store.listProgramVersions({ programId });
  if (versions.length === 0) throw notFound('program', programId);
  return { items: (await ctx.store.listJobs({ programId })).map((j) => jobView(j, lang)) };
}

/**
 * Cancels a running job: it stops at the next chunk boundary. Chunks committed before stay applied (the summary
 * says how many); the chunk being evaluated is not applied at all. 409 `job-not-running` when it has ended.
 */
export async function cancelRedetermination(ctx: ServiceContext, user: AuthUser, id: string, lang?: string) {
  const job = await ctx.store.getJob(id);
  if (!job) throw notFound('job', id);
  let cancelled: JobRecord;
  try {
    cancelled = await ctx.store.finishJob({
      jobId: id,
      status: 'cancelled',
      finishedBy: user.id,
      audit: {
        actorId: user.id,
        action: 'program.redetermination.cancel',
        entity: 'program',
        entityId: job.programId,
        details: { jobId: id, version: job.version },
      },
    });
  } catch (error) {
    if (error instanceof ConflictError && error.code === 'job-not-running')
      throw conflict(words('job-not-running', error.details), 'job-not-running');
    throw error;
  }
  const runner = runnersOf(ctx).get(id);
  if (runner) {
    runner.stop();
    await runner.done;
  }
  // The summary counts what was committed: read the record again after the runner let go.
  return jobView((await ctx.store.getJob(id)) ?? cancelled, lang);
}

/**
 * Resumes every running job from its cursor that no process holds (at start-up, and on each scheduler run: a job
 * interrupted by a crash, of this process or another, goes on where it stopped once its lease lapsed).
 */
export async function resumeJobs(ctx: ServiceContext): Promise<JobRecord[]> {
  const jobs = (await ctx.store.listJobs({ status: 'running' })).filter((job) => !runnersOf(ctx).has(job.id));
  for (const job of jobs) {
    ctx.log.debug(
      { jobId: job.id, program: job.programId, version: job.version, cursor: job.cursor },
      'resuming a re-determination job unless another process runs it',
    );
    void launch(ctx, job.id);
  }
  return jobs;
}

/** Asks this process's jobs to stop at their next chunk boundary and waits; they stay `running` and resume at the next start. */
export async function stopJobs(ctx: ServiceContext): Promise<void> {
  const runners = [...runnersOf(ctx).values()];
  for (const r of runners) r.stop();
  await Promise.all(runners.map((r) => r.done));
}

/** Resolves when the job has stopped running in this process (for tests and the benchmark). */
export function jobSettled(ctx: ServiceContext, id: string): Promise<void> {
  return runnersOf(ctx).get(id)?.done ?? Promise.resolve();
}

/**
 * What the loop needs about the program: the target version compiled, and the decided states: those terminal in
 * the workflow of any of the program's published versions (a case in one is decided, whichever version it is under;
 * the same notion as `pendingCases`).
 */
export interface JobPlan {
  job: JobRecord;
  target: ProgramVersionRecord;
  compiled: ReturnType<typeof compiledFor>;
  terminal: Set<string>;
  /** The published definitions by version (the workflow a case is under decides whether it may move back). */
  docs: Map<number, Program>;
  titles: Map<string, string>;
  asOf: string;
}

/** The job's plan; the target is compiled when first evaluated with (a writer whose evaluation workers evaluate never does). */
export async function planFor(ctx: ServiceContext, job: JobRecord): Promise<JobPlan> {
  const target = await publishedVersion(ctx, job.programId, job.version);
  const versions = await ctx.store.listProgramVersions({ programId: job.programId, status: 'published' });
  let compiled: JobPlan['compiled'] | undefined;
  return {
    job,
    target,
    get compiled() {
      compiled ??= compiledFor(target.doc, target.hash);
      return compiled;
    },
    terminal: decidedStates(versions.map((v) => v.doc)),
    docs: new Map(versions.map((v) => [v.version, v.doc])),
    titles: new Map(),
    asOf: today(ctx),
  };
}

function programTitle(plan: JobPlan, lang: string): string {
  let title = plan.titles.get(lang);
  if (title === undefined) {
    title =
      lang !== plan.target.doc.languages[0] && plan.target.doc.languages.includes(lang)
        ? localize(plan.target.doc, lang).title
        : plan.target.doc.title;
    plan.titles.set(lang, title);
  }
  return title;
}

/** Evaluates one chunk and builds its writes (nothing is written here; also run by the evaluation workers). */
export async function prepareChunk(plan: JobPlan, rows: RedeterminationCandidate[]): Promise<PreparedChunk> {
  const { job, target } = plan;
  const counts = zeroCounts();
  const failures: JobFailure[] = [];
  const updates: ChunkCaseUpdate[] = [];
  const todo: RedeterminationCandidate[] = [];
  for (const row of rows) {
    counts.seen++;
    const refusal = redeterminationRefusal({
      kase: row.case,
      caseProgram: plan.docs.get(row.case.version) ?? target.doc,
      decided: plan.terminal,
      targetVersion: target.version,
      path: 'job',
    });
    if (refusal?.code === 'case-decided') counts.skippedDecided++;
    else if (row.case.version === target.version) counts.alreadyCurrent++;
    else if (refusal?.code === 'older-version') counts.skippedNewer = (counts.skippedNewer ?? 0) + 1;
    else if (!row.answers) {
      counts.failed++;
      failures.push({ caseId: row.case.id, message: `The case has no application answers (application ${row.case.applicationId}).` });
    } else todo.push(row);
  }
  const batch = evaluateBatch(
    plan.compiled,
    todo.map((r) => r.answers),
    { asOf: plan.asOf },
  );
  let traced = 0;
  for (let i = 0; i < todo.length; i++) {
    const row = todo[i];
    const move = {
      caseId: row.case.id,
      applicationId: row.case.applicationId,
      expectedRevision: row.case.revision,
      version: target.version,
      hash: target.hash,
    };
    const before = row.applied;
    if (before && sameDecision(before, batch[i])) {
      counts.unchanged++;
      updates.push(move);
      continue;
    }
    let full: Determination;
    try {
      full = evaluate(plan.compiled, row.answers, { asOf: plan.asOf, partial: false, lang: row.lang });
    } catch (error) {
      counts.failed++;
      failures.push({ caseId: row.case.id, message: `Evaluating the case failed: ${(error as Error).message}` });
      continue;
    }
    counts.changed++;
    updates.push({
      ...move,
      determination: {
        asOf: plan.asOf,
        kind: 'redetermination',
        applied: true,
        result: compactDetermination(full, row.answers),
        createdBy: job.startedBy,
      },
      // The program's "result-changed" notice when it has one (else the words of what changed alone), emailed too,
      // and copied to the intermediary who applied for the applicant.
      messages: withIntermediaryCopy(
        applicantMessage(
          target.doc,
          target.hash,
          { answers: row.answers ?? {}, lang: row.lang },
          {
            kind: 'result-changed',
            template: '{changes}',
            values: {
              caseRef: shownReference(row.case),
              changes: noticeText(before, full, programTitle(plan, row.lang), target.effectiveFrom, row.lang),
            },
          },
        ),
        row.intermediary,
      ),
      audit: {
        actorId: job.startedBy,
        action: 'determination.redetermine',
        entity: 'case',
        entityId: row.case.id,
        details: {
          jobId: job.id,
          version: target.version,
          hash: target.hash,
          eligibility: full.eligibility,
          previous: before ? { version: row.case.version, eligibility: before.eligibility } : null,
        },
      },
    });
    if (++traced % TRACED_PER_YIELD === 0) await yieldToLoop();
  }
  return { cursor: rows[rows.length - 1].case.id, counts, failures, updates };
}

/**
 * Applies a chunk; resolves with the job as it stands once the chunk's transaction has committed (rejects when it did
 * not: nothing of the chunk was written), with `durable`, which resolves once the commit is on disk.
 */
function commitChunk(ctx: ServiceContext, input: RedeterminationChunk): Promise<{ job: JobRecord; durable: Promise<JobRecord> }> {
  return new Promise((resolve, reject) => {
    const durable: Promise<JobRecord> = ctx.store.applyRedeterminationChunk(input, (job) => resolve({ job, durable }));
    // Before the commit this rejects the commit; after it, it is a no-op and the loop sees the error in `durable`. A
    // store that never reports the commit on its own resolves it here, durable.
    durable.then((job) => resolve({ job, durable }), reject);
  });
}

/**
 * The loop of one job on this thread (see the module comment); ends the job as done or failed, or returns when it
 * was cancelled or `runner.stop` was set. Exported for the worker (`runtime/workers/redetermination-worker.ts`),
 * which passes `evalWorkers`: the chunks this thread reads are then evaluated ahead by that many evaluation workers
 * (`ChunkPipeline`), and this thread only reads and applies them, in order.
 */
export async function runJobInThisThread(ctx: ServiceContext, jobId: string, flag: StopFlag, evalWorkers = 0): Promise<void> {
  let job = await ctx.store.getJob(jobId);
  if (!job || job.status !== 'running') return;
  const chunkSize = ctx.redeterminationChunk ?? DEFAULT_CHUNK;
  let pipeline: ChunkPipeline | null = null;
  try {
    const plan = await planFor(ctx, job);
    const read = (cursor: string | null) =>
      ctx.store.readCasesAfter(plan.job.programId, cursor, chunkSize, { states: [...plan.terminal], version: plan.job.version });
    if (evalWorkers > 0) {
      const data = { job: plan.job, target: plan.target, terminal: [...plan.terminal], docs: [...plan.docs], asOf: plan.asOf };
      pipeline = new ChunkPipeline(data, read, chunkSize, evalWorkers);
    }
    const nextChunk = async (cursor: string | null): Promise<PreparedChunk | null> => {
      if (pipeline) return pipeline.next(cursor);
      const rows = await read(cursor);
      return rows.length === 0 ? null : prepareChunk(plan, rows);
    };
    // The last chunk committed whose fsync may still run: at most one. The next chunk is read and evaluated while it
    // runs (after the commit, from the committed cursor), and committed only once it returned, so `job` (the counts
    // the end reports) only ever stands on durable commits and a failed fsync stops the loop before anything else
    // is written.
    let outstanding: Promise<JobRecord> | null = null;
    const durable = async () => {
      const pending = outstanding;
      outstanding = null;
      if (pending) job = await pending;
    };
    let cursor = job.cursor;
    let attempts = 0;
    while (!flag.stopped) {
      const chunk = await nextChunk(cursor);
      await durable();
      if (chunk === null) {
        const done = await ctx.store.finishJob({
          jobId,
          status: 'done',
          audit: {
            actorId: job.startedBy,
            action: 'program.redetermination.done',
            entity: 'program',
            entityId: job.programId,
            details: { jobId, version: job.version, counts: job.counts },
          },
        });
        ctx.log.info({ jobId, program: done.programId, version: done.version, counts: done.counts }, 're-determination job done');
        return;
      }
      try {
        const commit = await commitChunk(ctx, { jobId, expectedCursor: cursor, ...chunk });
        cursor = commit.job.cursor;
        outstanding = commit.durable;
        attempts = 0;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        if (error.code === 'job-not-running' || error.code === 'stale-cursor') return;
        if (error.code !== 'stale-revision' || ++attempts >= CHUNK_ATTEMPTS) throw error;
        // A case of the chunk changed while it was evaluated: nothing of the chunk was written; read it again.
      }
      await yieldToLoop();
    }
    // Stopped: the thread ends (and the store closes) only once the last chunk is on disk.
    await durable();
  } catch (error) {
    // Cancelled while the last chunk or the end was being written: the cancellation stands.
    if (error instanceof ConflictError && error.code === 'job-not-running') return;
    const message = (error as Error).message ?? String(error);
    await ctx.store
      .finishJob({
        jobId,
        status: 'failed',
        error: message,
        audit: {
          actorId: job.startedBy,
          action: 'program.redetermination.failed',
          entity: 'program',
          entityId: job.programId,
          details: { jobId, version: job.version, error: message },
        },
      })
      .catch(() => undefined);
    throw error;
  } finally {
    await pipeline?.close();
  }
}
