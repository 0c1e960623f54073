/**
 * What every service function needs: the store, the clock and a logger. Tests pin the clock.
 */
import type { Logger } from 'pino';
import type { Store, StoreConfig } from '../store/types.ts';

/** The dependencies shared by services; created once by `startServer`. */
export interface ServiceContext {
  store: Store;
  now: () => Date;
  log: Logger;
  /** Session lifetime in hours. */
  sessionHours: number;
  /** Cases per chunk of a mass re-determination job (default 1000). */
  redeterminationChunk?: number;
  /** Evaluation workers of a mass re-determination job run in a worker thread (default 0: none, the job's thread evaluates). */
  redeterminationWorkers?: number;
  /** How to open the store again (a worker thread's own connection); absent for a store handed in (tests, in memory). */
  storeConfig?: StoreConfig;
  /** Largest population file an impact job reads, in bytes; default 200 MB. */
  populationLimitBytes?: number;
}

/** Today's date (UTC) as `YYYY-MM-DD`, from the context's clock. */
export function today(ctx: ServiceContext): string {
  return ctx.now().toISOString().slice(0, 10);
}
