/**
 * Scheduled versions take effect by themselves: a published version whose effective date has come and whose
 * in-flight policy is "reevaluate" has its pending cases re-determined under it on that date, without anyone
 * calling `.../redetermine-pending`. The runtime runs `runDueRedeterminations` at start-up and on a timer; it is
 * idempotent, because each run is recorded in the audit log (`REDETERMINED_ACTION`) and a recorded version is skipped.
 * (Evaluation needs no scheduler: `versionInForce` already picks the version by date.)
 */
import { REDETERMINED_ACTION, redeterminePending } from './cases.ts';
import { today, type ServiceContext } from './context.ts';
import { versionInForce } from './versions.ts';

/** Re-determines the pending cases of every version in force today that re-evaluates in-flight work and has not run. */
export async function runDueRedeterminations(ctx: ServiceContext): Promise<{ programId: string; version: number; count: number }[]> {
  const date = today(ctx);
  const byProgram = new Map<string, Awaited<ReturnType<typeof ctx.store.listProgramVersions>>>();
  for (const v of await ctx.store.listProgramVersions({ status: 'published' }))
    byProgram.set(v.programId, [...(byProgram.get(v.programId) ?? []), v]);
  const ran = [];
  for (const [programId, versions] of byProgram) {
    const current = versionInForce(versions, date);
    // Only a version that was published ahead of its date is the scheduler's: one published already in force was
    // re-determined at publication, and shipped versions (no publisher) follow the start-up policy.
    if (!current || current.inFlight !== 'reevaluate' || !current.publishedAt || current.publishedAt.slice(0, 10) >= current.effectiveFrom) continue;
    const marks = await ctx.store.listAudit({ entity: 'program', entityId: programId, action: REDETERMINED_ACTION, limit: 1000 });
    if (marks.some((m) => m.details.version === current.version)) continue;
    const result = await redeterminePending(ctx, null, programId, current.version);
    ctx.log.info({ program: programId, version: current.version, count: result.count }, 'scheduled version took effect: pending cases re-determined');
    ran.push({ programId, version: current.version, count: result.count });
  }
  return ran;
}

/** A running scheduler; `stop()` clears the timer and waits for a run in progress. */
export interface Scheduler {
  stop(): Promise<void>;
}

/** Runs `runDueRedeterminations` now and every `intervalMs` (never two runs at once); failures are logged. */
export function startScheduler(ctx: ServiceContext, intervalMs: number): Scheduler {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = runDueRedeterminations(ctx)
      .catch((err) => ctx.log.error({ err }, 'the in-flight re-determination of a scheduled version failed; it is retried on the next run'))
      .finally(() => {
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
