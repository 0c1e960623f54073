/**
 * Who does shared work when several runtime processes serve one database (issue 18): each process has an instance
 * id, and work that must run once (a job's loop, a scheduled version's start) is done under a lease in the store
 * (`Store.claimLease`). A lease is renewed while the work goes on; a process that dies lets it lapse, and another
 * process takes the work over then. A holder is `host:pid:random`, so a process restarted after a crash on the same
 * host takes over at once the leases of its dead predecessor (no process with that pid runs any more).
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { ServiceContext } from './context.ts';

/** How long a lease holds without renewal; a crashed process's work is taken over after this. */
export const LEASE_MS = 60_000;

const instances = new WeakMap<object, string>();

/** This runtime's instance id (one per context: tests run several servers in one process). */
export function instanceOf(ctx: Pick<ServiceContext, 'store'> & { instanceId?: string }): string {
  if (ctx.instanceId) return ctx.instanceId;
  let id = instances.get(ctx);
  if (!id) instances.set(ctx, (id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`));
  return id;
}

/** Whether `holder` names a process of this host that no longer runs. */
function deadHere(holder: string): boolean {
  const [host, pid] = holder.split(':');
  if (host !== hostname() || !/^\d+$/.test(pid ?? '') || Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Claims `name` for this instance for `ms` (see `Store.claimLease`); a lease held by a dead process of this host is
 * taken over without waiting for it to lapse.
 */
export async function claim(ctx: ServiceContext, name: string, ms = LEASE_MS): Promise<boolean> {
  const now = ctx.now().getTime();
  if (await ctx.store.claimLease(name, instanceOf(ctx), now, now + ms)) return true;
  const held = await ctx.store.leaseHolder(name);
  if (!held || !deadHere(held.holder)) return false;
  await ctx.store.releaseLease(name, held.holder);
  return ctx.store.claimLease(name, instanceOf(ctx), now, now + ms);
}

/**
 * Holds the lease `name` while `work` runs: renews it every third of `LEASE_MS` and calls `lost` if another process
 * took it over (this process stalled past the lease); releases it when `work` settles.
 */
export async function whileHolding<T>(ctx: ServiceContext, name: string, work: () => Promise<T>, lost: () => void): Promise<T> {
  const timer = setInterval(() => {
    claim(ctx, name).then(
      (held) => {
        if (!held) lost();
      },
      (err) => ctx.log.warn({ err, lease: name }, 'renewing a lease failed; it is tried again'),
    );
  }, LEASE_MS / 3);
  timer.unref();
  try {
    return await work();
  } finally {
    clearInterval(timer);
    await ctx.store.releaseLease(name, instanceOf(ctx)).catch((err) => ctx.log.warn({ err, lease: name }, 'releasing a lease failed; it lapses'));
  }
}
