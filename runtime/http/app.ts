/**
 * The Express application: security headers, structured logs, JSON-only bodies with a size limit, inert keys,
 * authentication, CSRF, the API routes, OpenAPI, the reference page, the web pages, and the one error middleware.
 *
 * Request path: metrics timer → helmet → pino-http (resume codes and tokens redacted) → compression (brotli or gzip, as the client
 * accepts) → rate limits (sign-in; public writes; starting an application; counted in the store, so shared by every process) → `Cache-Control: no-store` on /api → `/metrics` (token or loopback) → JSON
 * parser → 415 check → forbidden keys and lone surrogates → authenticate → CSRF → route (access → body schema →
 * handler) → JSON 404 for unknown API paths (and lookalikes such as `//api/x`) → error middleware.
 */
import express, { type Express, type Request, type Response } from 'express';
import helmet from 'helmet';
import compression from 'compression';
import { pinoHttp } from 'pino-http';
import { rateLimit } from 'express-rate-limit';
import type { ServiceContext } from '../services/context.ts';
import { limitsOf } from '../services/limits.ts';
import { authenticate, csrfProtection } from '../auth/middleware.ts';
import { apiLookalikeNotFound, apiNotFound, errorMiddleware, HttpError, pathNotFound, words } from './errors.ts';
import { markStreamedBody, requireJsonBody } from './content-type.ts';
import { rejectForbiddenKeys } from './inert-keys.ts';
import { deferredRequestLoggers } from './request-log.ts';
import { SharedRateLimitStore } from './shared-rate-limit.ts';
import { metricsAccess } from './metrics.ts';
import { mountRoutes, type RouteSpec } from './route.ts';
import { authRoutes } from './routes/auth.ts';
import { programRoutes } from './routes/programs.ts';
import { publicationRoutes } from './routes/publication.ts';
import { templateRoutes } from './routes/templates.ts';
import { applicationRoutes } from './routes/applications.ts';
import { referralRoutes } from './routes/referrals.ts';
import { caseRoutes } from './routes/cases.ts';
import { jobRoutes } from './routes/jobs.ts';
import { impactRoutes } from './routes/impact.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import { validatorRoutes } from './routes/validators.ts';
import { statusRoutes } from './routes/status.ts';
import { organisationRoutes } from './routes/organisations.ts';
import { withOrganisationScope } from './organisation-scope.ts';
import { buildOpenApi } from '../openapi/build.ts';
import { docsRouter } from '../openapi/docs-page.ts';
import { studioRouter, webRouter } from './web.ts';
import { schemaRouter } from './schema-route.ts';

/** Options of `createApp`. */
export interface AppOptions {
  bodyLimit: string;
  loginRateLimit: number;
  /** Folder of the built web pages; omit to serve the API only. */
  webDist?: string;
  /** Folder of the built studio, served at `/studio`; omit to serve no studio. */
  studioDist?: string;
  /**
   * Allow `'unsafe-eval'` in script-src for the web pages. The applicant and staff pages never need it (their form
   * validators are precompiled: web/CSP.md); it is for pages that compile schemas in the browser.
   */
  allowUnsafeEval?: boolean;
  /**
   * Express's `trust proxy`: false (default) ignores `X-Forwarded-For`, so `req.ip` (and every per-client limit) is
   * the connection's address; a hop count or proxy addresses when Mandate runs behind a reverse proxy.
   */
  trustProxy?: false | number | string;
  /** Compress answers and serve precompressed page files (default true). */
  compress?: boolean;
  /** The bearer token `/metrics` asks for (MANDATE_METRICS_TOKEN); without one it answers loopback requests only. */
  metricsToken?: string;
}

/** A URL with the value of any `code` query parameter replaced (for logs: a resume code must never be written). */
export function redactUrl(url: string | undefined): string | undefined {
  return url?.replace(/([?&]code=)[^&#]*/gi, '$1[Redacted]');
}

/**
 * What a helmet middleware does to every answer, recorded once at start-up: the headers it sets (in its order) and
 * the ones it removes (null). Helmet stays the source of the headers; running its twelve middlewares per request
 * only recomputed the same list. This holds because none of the configured directives is a function of the request:
 * the middleware is run against a request with nothing in it and must call `next` at once, having only set or
 * removed headers, or the server does not start.
 */
export function fixedHeaders(middleware: (req: Request, res: Response, next: (error?: unknown) => void) => void): [string, string | null][] {
  const recorded: [string, string | null][] = [];
  let done = false;
  const recorder = {
    setHeader(name: string, value: unknown) {
      if (typeof value !== 'string') throw new Error(`helmet set ${name} to a ${typeof value}, not a string: its headers cannot be recorded.`);
      recorded.push([name, value]);
      return recorder;
    },
    removeHeader(name: string) {
      recorded.push([name, null]);
    },
  };
  const request = new Proxy({} as Request, {
    get(_target, key) {
      throw new Error(`helmet read the request's ${String(key)}: its headers depend on the request and cannot be recorded.`);
    },
  });
  middleware(request, recorder as unknown as Response, (error) => {
    if (error) throw error;
    done = true;
  });
  if (!done) throw new Error('helmet did not pass the request on at once: its headers cannot be recorded.');
  return recorded;
}

/** Every API route, in mount order. */
export function allRoutes(ctx: ServiceContext): RouteSpec[] {
  const health: RouteSpec = {
    method: 'get',
    path: '/api/health',
    tag: 'system',
    access: 'public',
    summary: 'Liveness: the process answers',
    description: 'Answers 200 while the process runs, whatever its store does (for restarts by an orchestrator); `GET /api/ready` checks the store.',
    response: { status: 200, schema: 'Health', description: 'The process answers.' },
    handler: () => ({ ok: true, store: ctx.store.kind }),
  };
  const ready: RouteSpec = {
    method: 'get',
    path: '/api/ready',
    tag: 'system',
    access: 'public',
    summary: 'Readiness: the store answers',
    description:
      'Answers 200 when the store answers a query, 503 (`not-ready`, with what failed) when it does not: a load balancer sends requests only to ready processes.',
    response: { status: 200, schema: 'Ready', description: 'The store answers; the process can serve requests.' },
    errors: [503],
    handler: async () => {
      try {
        await ctx.store.ping();
      } catch (error) {
        ctx.log.warn({ err: error }, 'readiness check: the store does not answer');
        throw new HttpError(503, 'not-ready', words('not-ready', { detail: (error as Error).message || String(error) }));
      }
      return { ready: true, store: ctx.store.kind };
    },
  };
  return withOrganisationScope(ctx, [
    health,
    ready,
    ...authRoutes(ctx),
    ...programRoutes(ctx),
    ...publicationRoutes(ctx),
    ...templateRoutes(ctx),
    ...applicationRoutes(ctx),
    ...referralRoutes(ctx),
    ...caseRoutes(ctx),
    ...jobRoutes(ctx),
    ...impactRoutes(ctx),
    ...dashboardRoutes(ctx),
    ...validatorRoutes(),
    ...statusRoutes(ctx),
    // Organisations and case teams (issue 16)
    ...organisationRoutes(ctx),
  ]);
}

/** Builds the Express app over `ctx`; returns it with the route list it mounted. */
export function createApp(ctx: ServiceContext, options: AppOptions): { app: Express; routes: RouteSpec[] } {
  const app = express();
  app.disable('x-powered-by');
  // Every request is timed to its answer (`/metrics`), whatever answers it.
  if (ctx.metrics) app.use(ctx.metrics.middleware());
  app.set('trust proxy', options.trustProxy ?? false);
  app.set('query parser', 'simple');
  const scriptSrc = ["'self'", ...(options.allowUnsafeEval ? ["'unsafe-eval'"] : [])];
  // Three policies: the strict one for the applicant and staff pages and the API; the reference page's (swagger-ui
  // sets style attributes); the studio's (web/CSP.md "The studio"): its engine worker validates the draft being
  // edited with ajv, which compiles schemas with `new Function`, and monaco-editor inserts its own style elements.
  const csp = (page: 'strict' | 'docs' | 'studio') =>
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: page === 'docs' ? ["'self'"] : page === 'studio' ? ["'self'", "'unsafe-eval'"] : scriptSrc,
          styleSrc: page === 'strict' ? ["'self'"] : ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          workerSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
          baseUri: ["'self'"],
          // The server speaks plain HTTP unless a proxy terminates TLS; upgrading would break LAN deployments.
          upgradeInsecureRequests: null,
        },
      },
      crossOriginEmbedderPolicy: false,
    });
  const strictHeaders = fixedHeaders(csp('strict'));
  const docsHeaders = fixedHeaders(csp('docs'));
  const studioHeaders = fixedHeaders(csp('studio'));
  app.use((req, res, next) => {
    const path = req.path;
    const headers = path.startsWith('/api/docs') ? docsHeaders : path === '/studio' || path.startsWith('/studio/') ? studioHeaders : strictHeaders;
    for (const [name, value] of headers) {
      if (value === null) res.removeHeader(name);
      else res.setHeader(name, value);
    }
    next();
  });
  app.use(
    pinoHttp({
      // Per-request loggers made only when a line is written (request-log.ts): at warn, a 2xx computes nothing.
      logger: deferredRequestLoggers(ctx.log),
      redact: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-resume-code"]',
        'req.headers["x-csrf-token"]',
        'req.query.code',
        'res.headers["set-cookie"]',
      ],
      // A resume code in the URL is refused (400), but the refused request is still logged: never with the code.
      serializers: { req: (req: { url?: string }) => ({ ...req, url: redactUrl(req.url) }) },
      // 'silent' for a level that is off: pino-http then builds no line for it.
      customLogLevel: (_req, res, err) => {
        const level = err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info';
        return ctx.log.isLevelEnabled(level) ? level : 'silent';
      },
      autoLogging: { ignore: (req) => !(req.url ?? '').startsWith('/api') },
    }),
  );
  // Pages, assets and API answers, compressed as the client accepts (brotli first). Files already compressed at build
  // time (web.ts) and server-sent events, which must reach the client as they are written, are left alone.
  if (options.compress !== false)
    app.use(
      compression({
        threshold: 1024,
        filter: (req, res) => !String(res.getHeader('Content-Type') ?? '').startsWith('text/event-stream') && compression.filter(req, res),
      }),
    );
  app.use(
    '/api/auth/login',
    rateLimit({
      windowMs: 15 * 60_000,
      limit: options.loginRateLimit,
      store: new SharedRateLimitStore(ctx, 'login:'),
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      handler: (_req, _res, next) => next(new HttpError(429, 'too-many-attempts', words('too-many-attempts'))),
    }),
  );
  // Every API answer may carry personal data: no cache (browser, proxy) keeps it. The few public, immutable ones
  // (the form validator modules) say otherwise themselves.
  app.use('/api', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  const routes = allRoutes(ctx);
  if (ctx.metrics) {
    ctx.metrics.setRoutes(routes);
    const registry = ctx.metrics.registry;
    app.get('/metrics', metricsAccess(options.metricsToken), async (_req, res) => {
      res.setHeader('Cache-Control', 'no-store');
      res.type(registry.contentType).send(await registry.metrics());
    });
  }
  // Per-client budgets on the public endpoints that write (issue 14): starting an application (per hour), and every
  // other public request that is not a read (per minute). Sign-in has its own budget above.
  const limits = limitsOf(ctx);
  const budget = (windowMs: number, limit: number, what: 'starts' | 'writes') =>
    rateLimit({
      windowMs,
      limit,
      store: new SharedRateLimitStore(ctx, `${what}:`),
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      handler: (_req, res, next) =>
        next(
          new HttpError(429, 'too-many-requests', words('too-many-requests', { what, limit, seconds: Number(res.getHeader('Retry-After') ?? 60) })),
        ),
    });
  const starts = budget(3600_000, limits.startsPerHour, 'starts');
  const writes = budget(60_000, limits.publicWritesPerMinute, 'writes');
  for (const route of routes.filter((r) => r.access === 'public' && r.method !== 'get' && r.path !== '/api/auth/login')) {
    app[route.method](route.path, writes);
    if (route.method === 'post' && route.path === '/api/applications') app.post(route.path, starts);
  }
  // Routes that accept uploads (a program folder as a zip) read those bodies raw, within their own size limit.
  // Streamed uploads (population files) are left unread for their handler.
  for (const route of routes.filter((r) => r.uploads)) {
    app[route.method](
      route.path,
      route.uploads!.stream ? markStreamedBody : express.raw({ type: route.uploads!.types, limit: route.uploads!.limitBytes }),
    );
  }
  app.use('/api', requireJsonBody, express.json({ limit: options.bodyLimit, type: ['application/json', 'application/*+json'] }));
  app.use(rejectForbiddenKeys);
  app.use(authenticate(ctx));
  app.use('/api', csrfProtection);

  const api = express.Router();
  mountRoutes(api, routes);
  app.use(api);

  const openapi = buildOpenApi(routes);
  app.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  app.use(docsRouter());
  app.use(schemaRouter());
  app.use('/api', apiNotFound);
  app.use(apiLookalikeNotFound);
  if (options.studioDist) app.use('/studio', studioRouter(options.studioDist));
  if (options.webDist) app.use(webRouter(options.webDist, { precompressed: options.compress !== false }));
  // `/` for a client the pages did not answer (one asking for JSON, or a server without pages): where things are.
  app.get('/', (_req, res) => {
    res.json({
      service: 'Mandate',
      pages: options.webDist ? { applicants: '/', staff: '/staff', ...(options.studioDist ? { studio: '/studio' } : {}) } : null,
      api: { openapi: '/openapi.json', docs: '/api/docs', health: '/api/health' },
    });
  });
  app.use(pathNotFound);
  app.use(errorMiddleware);
  return { app, routes };
}
