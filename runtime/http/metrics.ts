/**
 * The runtime's metrics in Prometheus format (`GET /metrics`, prom-client), one registry per server:
 *
 * - `mandate_http_requests_total` and `mandate_http_request_duration_seconds` by method, route template (e.g.
 *   `/api/cases/:id`, never a concrete id; `pages` for the web pages, `unmatched` for the rest) and status;
 * - `mandate_store_errors_total` by store operation: a store call that failed for another reason than the expected
 *   not-found and conflict answers (the database unreachable, a full disk, a corrupt file);
 * - `mandate_redetermination_jobs` (running) and `mandate_redetermination_job_cases` (seen, changed, failed of the
 *   running ones), `mandate_impact_jobs` by status (this process's), `mandate_outbox_emails` (pending, failed);
 * - `mandate_event_loop_held_seconds_max`: the longest the event loop was held by this process's own work since it
 *   started (its delay less the time it waited for a CPU: a machine loaded by other processes does not count;
 *   `loop-hold.ts`), and `mandate_event_loop_delay_seconds_max`, the longest wall-clock delay, waits included;
 * - the process metrics of prom-client (`mandate_process_*`, `mandate_nodejs_*`: CPU, memory, event loop lag, GC).
 *
 * Who may read it (`metricsAccess`): with MANDATE_METRICS_TOKEN set, whoever sends it as a bearer token; without
 * it, only requests made on the machine itself (a loopback connection that came through no proxy), so a server
 * facing the public never shows its metrics to the public by default.
 */
import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { match } from 'path-to-regexp';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ServiceContext } from '../services/context.ts';
import { impactJobStats } from '../services/impact-jobs.ts';
import { ConflictError, NotFoundError } from '../store/errors.ts';
import type { Store } from '../store/types.ts';
import { HttpError, words } from './errors.ts';
import { LoopHoldMonitor } from './loop-hold.ts';

/** The metrics of one runtime process. */
export class RuntimeMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly latency: Histogram<'method' | 'route' | 'status'>;
  private readonly storeErrors: Counter<'operation'>;
  private routeMatchers: { template: string; method: string; test: (path: string) => boolean }[] = [];
  /** The event loop of the thread that made these metrics (the server's). */
  readonly loop = new LoopHoldMonitor();

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'mandate_' });
    const loop = this.loop;
    new Gauge({
      name: 'mandate_event_loop_held_seconds_max',
      help: "The longest the event loop was held by this process's own work since it started: its delay less the time it waited for a CPU (0 subtracted where the system does not say).",
      registers: [this.registry],
      collect() {
        this.set(loop.read().heldSeconds);
      },
    });
    new Gauge({
      name: 'mandate_event_loop_delay_seconds_max',
      help: 'The longest wall-clock delay of the event loop since the process started, time waiting for a CPU included.',
      registers: [this.registry],
      collect() {
        this.set(loop.read().delaySeconds);
      },
    });
    this.requests = new Counter({
      name: 'mandate_http_requests_total',
      help: 'HTTP requests answered, by method, route template and status.',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
    });
    this.latency = new Histogram({
      name: 'mandate_http_request_duration_seconds',
      help: 'Time from a request arriving to its answer being sent, by method, route template and status.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.storeErrors = new Counter({
      name: 'mandate_store_errors_total',
      help: 'Store operations that failed unexpectedly (not a not-found or a conflict), by operation.',
      labelNames: ['operation'],
      registers: [this.registry],
    });
  }

  /** The route templates requests are labelled with (the API's routes). */
  setRoutes(routes: { method: string; path: string }[]): void {
    this.routeMatchers = routes.map((r) => {
      // Parameters are not decoded: a malformed percent-encoding (answered 400 by the route) must not throw here.
      const m = match(r.path, { decode: false });
      return { template: r.path, method: r.method.toUpperCase(), test: (path: string) => m(path) !== false };
    });
  }

  private routeOf(req: Request): string {
    try {
      return this.templateOf(req);
    } catch {
      // Never let labelling a request throw in a response's `finish` handler.
      return 'unmatched';
    }
  }

  private templateOf(req: Request): string {
    const path = req.path;
    if (!path.startsWith('/api/') && path !== '/metrics') return 'pages';
    if (path === '/metrics') return '/metrics';
    const found = this.routeMatchers.find((r) => r.method === req.method && r.test(path));
    return found?.template ?? 'unmatched';
  }

  /** Express middleware timing every request to its answer. */
  middleware(): RequestHandler {
    return (req: Request, res: Response, next: NextFunction) => {
      const start = process.hrtime.bigint();
      res.once('finish', () => {
        const labels = { method: req.method, route: this.routeOf(req), status: String(res.statusCode) };
        this.requests.inc(labels);
        this.latency.observe(labels, Number(process.hrtime.bigint() - start) / 1e9);
      });
      next();
    };
  }

  /** `store` with every failed operation counted in `mandate_store_errors_total` (expected answers excepted). */
  instrumentStore(store: Store): Store {
    const errors = this.storeErrors;
    // One wrapper per method, made on its first use (a submission makes a dozen store calls; a wrapper made per call
    // cost closures and garbage on each), made again if the method itself was replaced.
    const wrappers = new Map<string, { method: (...args: unknown[]) => unknown; wrapper: (...args: unknown[]) => unknown }>();
    return new Proxy(store, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        if (typeof value !== 'function' || typeof key !== 'string') return value;
        const kept = wrappers.get(key);
        if (kept && kept.method === value) return kept.wrapper;
        const count = (error: unknown) => {
          if (!(error instanceof NotFoundError) && !(error instanceof ConflictError)) errors.inc({ operation: key });
          throw error;
        };
        const wrapper = (...args: unknown[]) => {
          try {
            const result = value.apply(target, args);
            return result instanceof Promise ? result.catch(count) : result;
          } catch (error) {
            return count(error);
          }
        };
        wrappers.set(key, { method: value, wrapper });
        return wrapper;
      },
    });
  }

  /**
   * Adds the gauges read from the store and the services at each scrape. A store that does not answer leaves them at
   * their last values (the failure shows in `mandate_store_errors_total`): `/metrics` answers even then.
   */
  watch(ctx: ServiceContext): void {
    const store = ctx.store;
    const quietly = <G>(read: (this: G) => Promise<void>) =>
      async function (this: G) {
        await read.call(this).catch(() => undefined);
      };
    new Gauge({
      name: 'mandate_redetermination_jobs',
      help: 'Re-determination jobs running (in any process on this store).',
      registers: [this.registry],
      collect: quietly(async function (this: Gauge) {
        this.set((await store.listJobs({ status: 'running' })).length);
      }),
    });
    new Gauge({
      name: 'mandate_redetermination_job_cases',
      help: "Cases of the running re-determination jobs so far: seen, changed and failed (a job reads its program's cases in id order; it has no total ahead).",
      labelNames: ['kind'],
      registers: [this.registry],
      collect: quietly(async function (this: Gauge<'kind'>) {
        const running = await store.listJobs({ status: 'running' });
        this.set(
          { kind: 'seen' },
          running.reduce((n, j) => n + j.counts.seen, 0),
        );
        this.set(
          { kind: 'changed' },
          running.reduce((n, j) => n + j.counts.changed, 0),
        );
        this.set(
          { kind: 'failed' },
          running.reduce((n, j) => n + j.counts.failed, 0),
        );
      }),
    });
    new Gauge({
      name: 'mandate_impact_jobs',
      help: "This process's impact analyses, by status (running, finished and kept), and the mean share done of the running ones.",
      labelNames: ['status'],
      registers: [this.registry],
      collect() {
        const stats = impactJobStats(ctx);
        this.set({ status: 'running' }, stats.running);
        this.set({ status: 'finished' }, stats.finished);
        this.set(
          { status: 'running-share-done' },
          stats.runningShare.length ? stats.runningShare.reduce((a, b) => a + b, 0) / stats.runningShare.length : 0,
        );
      },
    });
    new Gauge({
      name: 'mandate_outbox_emails',
      help: 'Emails in the outbox waiting to be sent (pending) or given up (failed).',
      labelNames: ['status'],
      registers: [this.registry],
      collect: quietly(async function (this: Gauge<'status'>) {
        this.set({ status: 'pending' }, (await store.listOutbox({ status: 'pending' })).length);
        this.set({ status: 'failed' }, (await store.listOutbox({ status: 'failed' })).length);
      }),
    });
  }
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Express middleware guarding `/metrics`: the bearer `token` when one is configured (401 otherwise), else only a
 * loopback connection with no `X-Forwarded-For` / `Forwarded` header (403 otherwise).
 */
export function metricsAccess(token: string | undefined): RequestHandler {
  const expected = token ? Buffer.from(token) : null;
  return (req, _res, next) => {
    if (expected) {
      const sent = Buffer.from((req.headers.authorization ?? '').replace(/^bearer\s+/i, '').trim());
      if (sent.length === expected.length && timingSafeEqual(sent, expected)) return next();
      return next(new HttpError(401, 'metrics-token', words('metrics-token')));
    }
    const local = LOOPBACK.has(req.socket.remoteAddress ?? '') && !req.headers['x-forwarded-for'] && !req.headers.forwarded;
    return local ? next() : next(new HttpError(403, 'metrics-local-only', words('metrics-local-only')));
  };
}
