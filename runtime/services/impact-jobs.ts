/**
 * Impact jobs: a dry run of a new version over the stored caseload or over a population file, on the worker pool
 * (runtime/workers/), as a job the studio follows — progress, time left, cancel — while the server keeps answering.
 *
 * A dry run changes nothing in the store, so jobs are kept in memory only (lost on restart; start them again): at
 * most one running per program (a second gets 409 with the running job's id), and the last few finished ones per
 * program. A cancelled or failed job keeps no partial figures.
 *
 *   request → check versions (404 / 422) → job (running) → chunks → pool → merged summary → done | cancelled | failed
 */
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { IsoDate, Lang, Program } from '../../engine/index.ts';
import type { AuthUser } from '../auth/context.ts';
import { conflict, HttpError, notFound, unprocessable, words } from '../http/errors.ts';
import { HTTP_MESSAGES } from '../http/messages.ts';
import { dateQuery, MAX_PARAM_INTEGER, wholeNumber } from '../http/params.ts';
import type { ProgramVersionRecord } from '../store/types.ts';
import type { ChunkProblem, ImpactRunOptions } from '../workers/impact-protocol.ts';
import { caseloadSource, PopulationError, populationChunks, runImpact, type ReadChunk } from '../workers/impact-run.ts';
import { sharedImpactPool } from '../workers/pool.ts';
import { today, type ServiceContext } from './context.ts';
import { compileDocument, impactBreakdown, type ImpactSummary } from './engine-port.ts';

/** Where a job's households come from. */
export type ImpactSource = { kind: 'caseload'; states: string[] } | { kind: 'population'; format: 'jsonl' | 'csv'; bytes: number };

/** A job as the API shows it (`ImpactJob` in runtime/openapi/schemas.ts). */
export interface ImpactJobView {
  id: string;
  programId: string;
  version: number;
  against: number;
  source: ImpactSource;
  asOf: IsoDate;
  by: string | null;
  status: 'running' | 'done' | 'cancelled' | 'failed';
  progress: { done: number; total: number | null };
  etaSeconds: number | null;
  startedAt: string;
  finishedAt: string | null;
  startedBy: string | null;
  summary: ImpactSummary | null;
  error: string | null;
  problems: { line: number; message: string }[];
}

/** A job as kept: its view's fields, with problems and error as words rendered per request. */
interface Job extends Omit<ImpactJobView, 'problems' | 'error' | 'etaSeconds'> {
  problems: ChunkProblem[];
  error: { key: 'impact.failed'; detail: string } | null;
  /** Aborted by cancel: the run stops at once. */
  abort: AbortController;
  /** For the time-left estimate: when it started (ms), and the share done so far (0–1). */
  startedMs: number;
  share: number;
  /** Resolves when the job has finished, whatever its status. */
  finished: Promise<void>;
}

/** This process's impact jobs by status, with the share done of those running (for /metrics). */
export function impactJobStats(ctx: ServiceContext): { running: number; finished: number; runningShare: number[] } {
  const jobs = jobsOf(ctx);
  const running = jobs.filter((j) => j.status === 'running');
  return { running: running.length, finished: jobs.length - running.length, runningShare: running.map((j) => j.share) };
}

/** Finished jobs kept per program. */
const KEEP_FINISHED = 5;

/** The jobs of one server (its context), newest last. */
const registries = new WeakMap<ServiceContext, Job[]>();
function jobsOf(ctx: ServiceContext): Job[] {
  let jobs = registries.get(ctx);
  if (!jobs) registries.set(ctx, (jobs = []));
  return jobs;
}

/** Body of `POST /api/programs/:id/impact`. */
export interface CaseloadImpactRequest {
  version: number;
  against: number;
  source: { kind: 'caseload'; states?: string[] };
  asOf?: IsoDate;
  by?: string;
  samples?: number;
}

/** Query of `POST /api/programs/:id/impact/population`. */
export interface PopulationImpactQuery {
  version?: string;
  against?: string;
  asOf?: string;
  by?: string;
}

/** Two checked versions, compiled, and what the job will compare them with. */
interface Plan {
  programId: string;
  before: ProgramVersionRecord;
  after: ProgramVersionRecord;
  options: ImpactRunOptions;
  /** The workflows' states: pending (not terminal in any workflow of the program) and all. */
  pendingStates: string[];
  allStates: string[];
}

async function versionOf(ctx: ServiceContext, programId: string, version: number): Promise<ProgramVersionRecord> {
  const record = await ctx.store.getProgramVersion(programId, version);
  if (!record) throw notFound('program version', `${programId}@${version}`);
  return record;
}

/** Checks the two versions and options (404 unknown program or version, 422 same version, errors, unknown `by`). */
async function plan(
  ctx: ServiceContext,
  programId: string,
  version: number,
  against: number,
  asOf: IsoDate,
  by: string | undefined,
  samples: number,
): Promise<Plan> {
  const versions = await ctx.store.listProgramVersions({ programId });
  if (versions.length === 0) throw notFound('program', programId);
  const after = await versionOf(ctx, programId, version);
  const before = await versionOf(ctx, programId, against);
  if (version === against) throw unprocessable(words('impact.same-version', { programId, version }), [], 'impact-same-version');
  const compiled = [before, after].map((v) => {
    const outcome = compileDocument(v.doc);
    if (!outcome.compiled) {
      const errors = outcome.diagnostics.filter((d) => d.severity === 'error');
      throw unprocessable(words('impact.invalid-version', { programId, version: v.version }), errors.slice(0, 20), 'impact-invalid-version');
    }
    return outcome.compiled;
  });
  const breakdown = impactBreakdown(compiled[0], compiled[1], by, asOf);
  if ('error' in breakdown) {
    const names = [...compiled[1].derivedIndex.keys(), ...Object.keys((compiled[1].input.schema.properties ?? {}) as Record<string, unknown>)];
    throw unprocessable(words('impact.bad-by', { by: by ?? '', programId, names }), [], 'impact-bad-by');
  }
  const states = caseloadStates([...versions.filter((v) => v.status === 'published').map((v) => v.doc), before.doc, after.doc]);
  return { programId, before, after, options: { asOf, by: breakdown.by, sampleSize: samples, partial: false }, ...states };
}

/**
 * The states of the programs' workflows: all of them, and the pending ones (terminal in none of the workflows), which
 * a caseload impact reads by default: cases still to be decided, or active.
 */
export function caseloadStates(programs: Program[]): { pendingStates: string[]; allStates: string[] } {
  const workflows = programs.map((p) => p.workflow);
  const terminal = new Set(
    workflows.flatMap((w) =>
      Object.entries(w.states)
        .filter(([, s]) => s.terminal)
        .map(([name]) => name),
    ),
  );
  const allStates = [...new Set(workflows.flatMap((w) => Object.keys(w.states)))];
  return { pendingStates: allStates.filter((s) => !terminal.has(s)), allStates };
}

function refuseWhileRunning(ctx: ServiceContext, programId: string): void {
  const running = jobsOf(ctx).find((j) => j.programId === programId && j.status === 'running');
  if (running) throw conflict(words('impact.job-running', { programId, jobId: running.id }), 'impact-job-running', { jobId: running.id });
}

/** Creates a running job and keeps it (dropping the oldest finished ones of the program past KEEP_FINISHED). */
function newJob(ctx: ServiceContext, user: AuthUser | null, p: Plan, source: ImpactSource, total: number | null): Job {
  const job: Job = {
    id: randomUUID(),
    programId: p.programId,
    version: p.after.version,
    against: p.before.version,
    source,
    asOf: p.options.asOf,
    by: p.options.by ?? null,
    status: 'running',
    progress: { done: 0, total },
    startedAt: ctx.now().toISOString(),
    finishedAt: null,
    startedBy: user?.id ?? null,
    summary: null,
    error: null,
    problems: [],
    abort: new AbortController(),
    startedMs: performance.now(),
    share: 0,
    finished: Promise.resolve(),
  };
  const jobs = jobsOf(ctx);
  jobs.push(job);
  const finished = jobs.filter((j) => j.programId === p.programId && j.status !== 'running');
  for (const old of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED + 1))) jobs.splice(jobs.indexOf(old), 1);
  return job;
}

/** Runs a job's chunks on the pool and records how it ended. */
function start(ctx: ServiceContext, job: Job, p: Plan, chunks: AsyncIterable<ReadChunk>, share: (done: number) => number): void {
  job.finished = (async () => {
    try {
      const result = await runImpact({
        pool: sharedImpactPool(),
        before: { doc: p.before.doc, hash: p.before.hash },
        after: { doc: p.after.doc, hash: p.after.hash },
        options: p.options,
        chunks,
        signal: job.abort.signal,
        onProgress: (done) => {
          job.progress.done = done;
          job.share = share(done);
        },
      });
      if (result === 'cancelled') job.status = 'cancelled';
      else {
        job.summary = result.summary;
        job.problems = result.problems;
        job.progress.done = result.summary.households;
        if (job.progress.total !== null) job.progress.total = Math.max(job.progress.total, result.summary.households);
        job.status = 'done';
      }
    } catch (err) {
      job.status = job.abort.signal.aborted ? 'cancelled' : 'failed';
      if (job.status === 'failed') {
        job.error = { key: 'impact.failed', detail: (err as Error).message.replace(/\.$/, '') };
        ctx.log.warn({ err, job: job.id }, 'impact job failed');
      }
    } finally {
      job.finishedAt = ctx.now().toISOString();
    }
  })();
}

/** Starts an impact job over the program's stored cases (default: every pending case); 202-ready job view. */
export async function startCaseloadImpact(ctx: ServiceContext, user: AuthUser | null, programId: string, body: CaseloadImpactRequest, lang: Lang) {
  const p = await plan(ctx, programId, body.version, body.against, body.asOf ?? today(ctx), body.by, body.samples ?? 3);
  for (const state of body.source.states ?? []) {
    if (!p.allStates.includes(state))
      throw unprocessable(words('impact.bad-state', { state, programId, states: p.allStates }), [], 'impact-bad-state');
  }
  refuseWhileRunning(ctx, programId);
  const states = body.source.states ?? p.pendingStates;
  const filter = { programId, states };
  const total = await ctx.store.countCaseload(filter);
  const job = newJob(ctx, user, p, { kind: 'caseload', states }, total);
  start(ctx, job, p, caseloadSource(ctx.store, ctx.storeConfig, filter), (done) => (total > 0 ? done / total : 1));
  return { job: jobView(job, lang) };
}

const POPULATION_TYPES: Record<string, 'jsonl' | 'csv'> = {
  'application/x-ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
  'application/jsonlines': 'jsonl',
  'text/csv': 'csv',
};

/** Media types a population file may be sent as. */
export const POPULATION_MEDIA_TYPES = Object.keys(POPULATION_TYPES);

function queryVersion(value: string | undefined, name: string): number {
  if (value === undefined || value === '') throw new HttpError(400, 'bad-query', words('impact.query-required', { name }));
  return wholeNumber(value, name, 1, MAX_PARAM_INTEGER, 'query');
}

/**
 * Starts an impact job over a population file streamed in the request body (JSON Lines or CSV), and answers once
 * the body is read: 413 above the size limit (the job is dropped), 422 for a CSV without a header row; a line that
 * cannot be read counts as invalid and is reported in the job's problems.
 */
export async function startPopulationImpact(
  ctx: ServiceContext,
  user: AuthUser | null,
  programId: string,
  query: PopulationImpactQuery,
  request: { body: Readable; contentType: string | undefined; contentLength: number | null },
  lang: Lang,
) {
  const type = (request.contentType ?? '').split(';')[0].trim().toLowerCase();
  const format = POPULATION_TYPES[type];
  if (!format) throw new HttpError(415, 'unsupported-media-type', words('impact.population-type', { type }));
  const version = queryVersion(query.version, 'version');
  const against = queryVersion(query.against, 'against');
  dateQuery(query.asOf, 'asOf');
  const limit = ctx.populationLimitBytes ?? 200 * 1024 ** 2;
  if (request.contentLength !== null && request.contentLength > limit)
    throw new HttpError(413, 'body-too-large', words('impact.population-too-large', { limit }));
  const p = await plan(ctx, programId, version, against, query.asOf || today(ctx), query.by || undefined, 3);
  refuseWhileRunning(ctx, programId);
  const source: ImpactSource = { kind: 'population', format, bytes: 0 };
  const job = newJob(ctx, user, p, source, null);
  let readError: unknown = null;
  let uploaded!: () => void;
  const bodyRead = new Promise<void>((resolve) => (uploaded = resolve));
  const chunks = async function* () {
    try {
      yield* populationChunks(request.body, format, { limitBytes: limit, onBytes: (n) => (source.bytes = n) });
    } catch (err) {
      readError = err;
      throw err;
    } finally {
      uploaded();
    }
  };
  const length = request.contentLength;
  start(ctx, job, p, chunks(), () => (length ? Math.min(1, source.bytes / length) : 0));
  await Promise.race([bodyRead, job.finished]);
  if (readError instanceof PopulationError) {
    await job.finished;
    jobsOf(ctx).splice(jobsOf(ctx).indexOf(job), 1);
    if (readError.code === 'too-large') throw new HttpError(413, 'body-too-large', words('impact.population-too-large', { limit }));
    throw unprocessable(words('impact.population-header'), [], 'impact-population-header');
  }
  return { job: jobView(job, lang) };
}

function requireJob(ctx: ServiceContext, id: string): Job {
  const job = jobsOf(ctx).find((j) => j.id === id);
  if (!job) throw notFound('impact job', id);
  return job;
}

/** A job as the API shows it, its problems and error worded in `lang`, with the time left estimated from the rate so far. */
export function jobView(job: Job, lang: Lang): ImpactJobView {
  const elapsed = (performance.now() - job.startedMs) / 1000;
  const eta = job.status === 'running' && job.share > 0 ? Math.round(((elapsed * (1 - job.share)) / job.share) * 10) / 10 : null;
  return {
    id: job.id,
    programId: job.programId,
    version: job.version,
    against: job.against,
    source: { ...job.source },
    asOf: job.asOf,
    by: job.by,
    status: job.status,
    progress: { ...job.progress },
    etaSeconds: eta,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    startedBy: job.startedBy,
    summary: job.status === 'done' ? job.summary : null,
    error: job.error ? HTTP_MESSAGES.render(job.error.key, { detail: job.error.detail }, lang) : null,
    problems: job.problems.map((pr) => ({ line: pr.line, message: HTTP_MESSAGES.render(pr.key, pr.params, lang) })),
  };
}

/** One job. */
export function getImpactJob(ctx: ServiceContext, id: string, lang: Lang): ImpactJobView {
  return jobView(requireJob(ctx, id), lang);
}

/** Asks a running job to stop at its next chunk and waits until it has; a finished job is returned as it is. */
export async function cancelImpactJob(ctx: ServiceContext, id: string, lang: Lang): Promise<ImpactJobView> {
  const job = requireJob(ctx, id);
  if (job.status === 'running') {
    job.abort.abort();
    await job.finished;
  }
  return jobView(job, lang);
}

/** The program's jobs, newest first (404 for an unknown program). */
export async function listImpactJobs(ctx: ServiceContext, programId: string, lang: Lang) {
  if ((await ctx.store.listProgramVersions({ programId })).length === 0) throw notFound('program', programId);
  const items = jobsOf(ctx)
    .filter((j) => j.programId === programId)
    .reverse()
    .map((j) => jobView(j, lang));
  return { items };
}

/** Cancels every running job of a server (at shutdown) and waits for them to stop. */
export async function cancelAllImpactJobs(ctx: ServiceContext): Promise<void> {
  const running = jobsOf(ctx).filter((j) => j.status === 'running');
  for (const j of running) j.abort.abort();
  await Promise.all(running.map((j) => j.finished));
}
