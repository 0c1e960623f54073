/**
 * Throttling wrong resume codes: a resume code is the key to someone's application, so guessing is limited per
 * application (`limit` wrong codes per 15 minutes) and per client address (three times that, over all applications
 * and `POST /api/applications/resume`). Past a limit every code attempt is refused with 429 and `Retry-After`.
 *
 * The failures are counted in the store (`Store.hitCounter`, fixed 15-minute windows), so every process on one
 * database sees them and a restart forgets nothing. A window's count is weighed with the previous window's
 * (its share still inside the last 15 minutes), which approximates a sliding window without a row per failure.
 */
import { HttpError, words } from '../http/errors.ts';
import type { Store } from '../store/types.ts';

/** The window failures are counted over. */
export const RESUME_WINDOW_MS = 15 * 60_000;

/**
 * Failures of `key` over roughly the last `windowMs` (see the module comment), and the seconds until that estimate
 * falls below `limit` again (0 when it is below now).
 */
export async function slidingFailures(store: Pick<Store, 'readCounter'>, key: string, limit: number, windowMs: number, now: number): Promise<number> {
  const start = now - (now % windowMs);
  const [current, previous] = await Promise.all([store.readCounter(key, start), store.readCounter(key, start - windowMs)]);
  const previousShare = 1 - (now - start) / windowMs;
  if (current >= limit) return Math.max(1, Math.ceil((start + windowMs - now) / 1000));
  if (current + previous * previousShare < limit) return 0;
  // Wait until the previous window's weight has fallen enough: previous × (1 − t/window) < limit − current.
  const t = previous === 0 ? windowMs : windowMs * (1 - (limit - current) / previous);
  return Math.max(1, Math.ceil((start + t - now) / 1000));
}

/** Counts one failure of `key` in its fixed window. */
export async function countFailure(store: Pick<Store, 'hitCounter'>, key: string, windowMs: number, now: number): Promise<void> {
  const start = now - (now % windowMs);
  // Kept two windows: the next window weighs this one.
  await store.hitCounter(key, start, start + 2 * windowMs);
}

/** The throttle of one runtime: per application and per client, counted in the store. */
export class ResumeThrottle {
  constructor(
    readonly limit: number,
    private readonly clock: () => Date,
    private readonly store: Pick<Store, 'readCounter' | 'hitCounter'>,
  ) {}

  /** Rejects with 429 (with `Retry-After`) when `client` or `applicationId` has used up its wrong codes. */
  async check(client: string | undefined, applicationId?: string): Promise<void> {
    const now = this.clock().getTime();
    const [byClient, byApplication] = await Promise.all([
      client ? slidingFailures(this.store, `resume-client:${client}`, this.limit * 3, RESUME_WINDOW_MS, now) : 0,
      applicationId ? slidingFailures(this.store, `resume-app:${applicationId}`, this.limit, RESUME_WINDOW_MS, now) : 0,
    ]);
    const wait = Math.max(byClient, byApplication);
    if (wait > 0) {
      const error = new HttpError(429, 'too-many-codes', words('too-many-codes', { minutes: Math.ceil(wait / 60) }));
      error.retryAfterSeconds = wait;
      throw error;
    }
  }

  /** Counts a wrong code (or a code for an application that does not exist). */
  async fail(client: string | undefined, applicationId?: string): Promise<void> {
    const now = this.clock().getTime();
    await Promise.all([
      client ? countFailure(this.store, `resume-client:${client}`, RESUME_WINDOW_MS, now) : undefined,
      applicationId ? countFailure(this.store, `resume-app:${applicationId}`, RESUME_WINDOW_MS, now) : undefined,
    ]);
  }
}
