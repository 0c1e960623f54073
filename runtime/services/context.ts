/**
 * What every service function needs: the store, the clock and a logger. Tests pin the clock.
 */
import type { Logger } from 'pino';
import type { Store, StoreConfig } from '../store/types.ts';
import type { Limits } from './limits.ts';
import type { ResumeThrottle } from './resume-throttle.ts';
import type { CaseFeed } from './case-feed.ts';
import type { RuntimeMetrics } from '../http/metrics.ts';

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
  /** Limits against abuse (`limits.ts`); those left out take their defaults. */
  limits?: Partial<Limits>;
  /** Session cookies are `Secure` even over plain HTTP (production, or behind a configured proxy). */
  secureCookies?: boolean;
  /** Counts wrong resume codes (per application, per client); absent: not throttled. */
  resumeThrottle?: ResumeThrottle;
  /** Wrong status page attempts allowed per address per 15 minutes (default 10). */
  statusRateLimit?: number;
  /** The virus-scan hook point: called before an uploaded file is accepted (default: none, every file is accepted). */
  scanUpload?: (file: { name: string; mediaType: string; content: Buffer }) => Promise<{ clean: boolean; detail?: string }>;
  /** This runtime process's id in leases (`leases.ts`); default: generated at start. */
  instanceId?: string;
  /** The process's metrics (`GET /metrics`); absent in worker threads. */
  metrics?: RuntimeMetrics;
  /** The live feed of case changes (the inbox's server-sent events); absent in worker threads. */
  feed?: CaseFeed;
}

/** Today's date (UTC) as `YYYY-MM-DD`, from the context's clock. */
export function today(ctx: ServiceContext): string {
  return ctx.now().toISOString().slice(0, 10);
}
