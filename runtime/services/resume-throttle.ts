/**
 * Throttling wrong resume codes: a resume code is the key to someone's application, so guessing is limited per
 * application (`limit` wrong codes per 15 minutes) and per client address (three times that, over all applications
 * and `POST /api/applications/resume`). Past a limit every code attempt is refused with 429 and `Retry-After` until
 * the oldest counted failure is 15 minutes old. Kept in memory: a restart forgets the counts (a process serves one
 * store; several processes each count their own).
 */
import { HttpError, words } from '../http/errors.ts';

/** The window failures are counted over. */
export const RESUME_WINDOW_MS = 15 * 60_000;
/** Keys remembered at most (the oldest are forgotten first), so a flood of addresses cannot exhaust memory. */
const MAX_KEYS = 100_000;

/** Failures per key in a sliding window. */
class FailureWindow {
  private readonly failures = new Map<string, number[]>();
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Seconds until `key` may try again (0: now). */
  waitSeconds(key: string, now: number): number {
    const list = this.recent(key, now);
    if (list.length < this.limit) return 0;
    return Math.max(1, Math.ceil((list[0] + this.windowMs - now) / 1000));
  }

  fail(key: string, now: number): void {
    const list = this.recent(key, now);
    list.push(now);
    this.failures.delete(key);
    this.failures.set(key, list);
    if (this.failures.size > MAX_KEYS) this.failures.delete(this.failures.keys().next().value as string);
  }

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (list.length === 0) this.failures.delete(key);
    return list;
  }
}

/** The throttle of one server: per application and per client. */
export class ResumeThrottle {
  private readonly perApplication: FailureWindow;
  private readonly perClient: FailureWindow;

  constructor(
    readonly limit: number,
    private readonly clock: () => Date,
  ) {
    this.perApplication = new FailureWindow(limit, RESUME_WINDOW_MS);
    this.perClient = new FailureWindow(limit * 3, RESUME_WINDOW_MS);
  }

  /** Throws 429 (with `Retry-After`) when `client` or `applicationId` has used up its wrong codes. */
  check(client: string | undefined, applicationId?: string): void {
    const now = this.clock().getTime();
    const wait = Math.max(
      client ? this.perClient.waitSeconds(client, now) : 0,
      applicationId ? this.perApplication.waitSeconds(applicationId, now) : 0,
    );
    if (wait > 0) {
      const error = new HttpError(429, 'too-many-codes', words('too-many-codes', { minutes: Math.ceil(wait / 60) }));
      error.retryAfterSeconds = wait;
      throw error;
    }
  }

  /** Counts a wrong code (or a code for an application that does not exist). */
  fail(client: string | undefined, applicationId?: string): void {
    const now = this.clock().getTime();
    if (client) this.perClient.fail(client, now);
    if (applicationId) this.perApplication.fail(applicationId, now);
  }
}
