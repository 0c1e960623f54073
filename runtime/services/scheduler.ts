/**
 * Scheduled versions take effect by themselves: a published version whose effective date has come and whose
 * in-flight policy is "reevaluate" gets a re-determination job on that date (`redetermination.ts`), without anyone
 * calling `.../redetermine-pending`. The runtime runs `runDueRedeterminations` at start-up and on a timer; it is
 * idempotent through the job record: a version that has any job (running, done, cancelled or failed, including the
 * runs recorded before jobs existed, which migration 003 turned into jobs) is not started again by the scheduler;
 * only someone starting it on demand runs it again. (Evaluation needs no scheduler: `versionInForce` already picks
 * the version by date.)
 *
 * With several processes on one store, each version's start is claimed through a lease (`leases.ts`), so it happens
 * once; each run also resumes running jobs no process holds any more (`resumeJobs`).
 *
 * Each run also deletes abandoned drafts (`expireAbandonedDrafts`): applications never submitted and not saved for
 * `MANDATE_DRAFT_DAYS` days, each with an `application.expire` audit entry, so that started-and-forgotten applications
 * cannot fill the disk. And it sends the deadline reminders due (`reminders.ts`), each once.
 */
import { ConflictError } from '../store/errors.ts';
import { HttpError } from '../http/errors.ts';
import { today, type ServiceContext } from './context.ts';
import { resumeJobs, startRedetermination } from './redetermination.ts';
import { versionInForce } from './versions.ts';
import { limitsOf } from './limits.ts';
import { claim } from './leases.ts';

/** How long a process holds a scheduled version's start (the job is created well within it). */
const SCHEDULE_LEASE_MS = 10 * 60_000;
import { sendDueReminders } from './reminders.ts';

/** Starts a job for every version in force today that re-evaluates in-flight work and has never had one. */
export async function runDueRedeterminations(ctx: ServiceContext): Promise<{ programId: string; version: number; jobId: string }[]> {
  const date = today(ctx);
  const byProgram = new Map<string, Awaited<ReturnType<typeof ctx.store.listProgramVersions>>>();
  for (const v of await ctx.store.listProgramVersions({ status: 'published' }))
    byProgram.set(v.programId, [...(byProgram.get(v.programId) ?? []), v]);
  const started = [];
  for (const [programId, versions] of byProgram) {
    const current = versionInForce(versions, date);
    // Only a version that was published ahead of its date is the scheduler's: one published already in force was
    // re-determined at publication, and shipped versions (no publisher) follow the start-up policy.
    if (!current || current.inFlight !== 'reevaluate' || !current.publishedAt || current.publishedAt.slice(0, 10) >= current.effectiveFrom) continue;
    if ((await ctx.store.listJobs({ programId, version: current.version })).length > 0) continue;
    // Several processes run this: the one that claims the version's lease starts its job; the others skip it. The
    // lease is kept until it lapses, and by then the job exists, so the version is never started twice.
    if (!(await claim(ctx, `schedule:${programId}@${current.version}`, SCHEDULE_LEASE_MS))) continue;
    if ((await ctx.store.listJobs({ programId, version: current.version })).length > 0) continue;
    try {
      const job = await startRedetermination(ctx, null, programId, current.version, 'schedule');
      ctx.log.info({ program: programId, version: current.version, jobId: job.id }, 'scheduled version took effect: re-determination job started');
      started.push({ programId, version: current.version, jobId: job.id });
    } catch (error) {
      // Started at the same moment by someone else: that job is the one.
      if (!(error instanceof HttpError && error.code === 'job-running') && !(error instanceof ConflictError)) throw error;
    }
  }
  return started;
}

/** Drafts deleted per store call; a run goes on until none is left. */
const EXPIRY_BATCH = 500;

/**
 * Deletes the draft applications not saved for `draftDays` days (none when it is 0), oldest first, each audited as
 * `application.expire`; returns how many.
 */
export async function expireAbandonedDrafts(ctx: ServiceContext): Promise<number> {
  const { draftDays } = limitsOf(ctx);
  if (draftDays <= 0) return 0;
  const updatedBefore = new Date(ctx.now().getTime() - draftDays * 86_400_000).toISOString();
  let total = 0;
  for (;;) {
    const expired = await ctx.store.expireDraftApplications({ updatedBefore, limit: EXPIRY_BATCH });
    total += expired.length;
    if (expired.length < EXPIRY_BATCH) break;
  }
  if (total > 0) ctx.log.info({ expired: total, updatedBefore }, 'abandoned draft applications expired');
  return total;
}

/** A running scheduler; `stop()` clears the timer and waits for a run in progress. */
export interface Scheduler {
  stop(): Promise<void>;
}

/**
 * Runs `runDueRedeterminations`, `expireAbandonedDrafts`, `resumeJobs` and `sendDueReminders` (`reminders.ts`) now and every
 * `intervalMs` (never two runs at once);
 * failures are logged.
 */
export function startScheduler(ctx: ServiceContext, intervalMs: number): Scheduler {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = Promise.all([
      runDueRedeterminations(ctx).catch((err) =>
        ctx.log.error({ err }, 'starting the in-flight re-determination of a scheduled version failed; it is retried on the next run'),
      ),
      expireAbandonedDrafts(ctx).catch((err) => ctx.log.error({ err }, 'expiring abandoned drafts failed; it is retried on the next run')),
      // A job whose process died (its lease lapsed) is taken over by a living one.
      resumeJobs(ctx).catch((err) => ctx.log.error({ err }, 'resuming re-determination jobs failed; it is retried on the next run')),
      sendDueReminders(ctx).catch((err) => ctx.log.error({ err }, 'sending deadline reminders failed; the ones not sent are sent on the next run')),
    ]).finally(() => {
      running = null;
    });
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
