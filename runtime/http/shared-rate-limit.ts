/**
 * The hit counter of express-rate-limit kept in the runtime's store (`Store.hitCounter`): fixed windows of
 * `windowMs`, so every process on one database counts a client's requests together (issue 18) and a restart forgets
 * nothing. The window a hit falls in is the wall clock's time rounded down to `windowMs` (not the
 * services' clock, which tests pin to a date: express-rate-limit computes `Retry-After` from the wall clock).
 */
import type { ClientRateLimitInfo, Options, Store as RateLimitStore } from 'express-rate-limit';
import type { ServiceContext } from '../services/context.ts';

/** A rate-limit store over `ctx.store`, its keys prefixed with `prefix` (one prefix per budget). */
export class SharedRateLimitStore implements RateLimitStore {
  readonly localKeys = false;
  private windowMs = 60_000;

  constructor(
    private readonly ctx: Pick<ServiceContext, 'store'>,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  private window(): { start: number; end: number } {
    const now = Date.now();
    const start = now - (now % this.windowMs);
    return { start, end: start + this.windowMs };
  }

  async get(key: string): Promise<ClientRateLimitInfo> {
    const { start, end } = this.window();
    return { totalHits: await this.ctx.store.readCounter(this.prefix + key, start), resetTime: new Date(end) };
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const { start, end } = this.window();
    return { totalHits: await this.ctx.store.hitCounter(this.prefix + key, start, end), resetTime: new Date(end) };
  }

  async decrement(key: string): Promise<void> {
    const { start, end } = this.window();
    await this.ctx.store.hitCounter(this.prefix + key, start, end, -1);
  }

  async resetKey(key: string): Promise<void> {
    await this.ctx.store.resetCounter(this.prefix + key);
  }
}
