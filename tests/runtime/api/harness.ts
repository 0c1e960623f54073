/**
 * Test harness for the HTTP API: a server on 127.0.0.1:0 over an in-memory SQLite store with a pinned clock, the
 * shipped emergency-rental-assistance program published, an administrator, and helpers to call the API with
 * `fetch` (every JSON answer checked against its OpenAPI schema), to create signed-in users of any role, to move
 * the clock to another day, and to publish a draft the maker-checker way (an analyst requests, the admin publishes).
 */
import path from 'node:path';
import { pino } from 'pino';
import type { Program, Role } from '../../../engine/format/types.ts';
import { startServer, type RunningServer } from '../../../runtime/main.ts';
import { openStore } from '../../../runtime/store/index.ts';
import { publishShipped } from '../../../runtime/services/programs.ts';
import { checkProgramFolder } from '../../../runtime/fs/program-folder.ts';
import { allRoutes } from '../../../runtime/http/app.ts';
import { schemaErrors } from '../../../runtime/openapi/validator.ts';
import type { Limits } from '../../../runtime/services/limits.ts';
import type { MailConfig } from '../../../runtime/config-mail.ts';
import type { Store } from '../../../runtime/store/types.ts';

export const ADMIN = { email: 'admin@test.local', password: 'admin-password-1' };
export const PROGRAM_ID = 'emergency-rental-assistance';

/** The emergency rental assistance program as shipped (loaded by the runtime's folder loader). */
export function rentalProgram(): Program {
  const checked = checkProgramFolder(path.resolve(import.meta.dirname, '../../../programs/emergency-rental-assistance'));
  const program = checked.versions[0]?.program;
  if (!program)
    throw new Error(
      `The shipped rental program does not load: ${JSON.stringify(checked.versions[0]?.diagnostics ?? checked.diagnostics).slice(0, 400)}`,
    );
  return JSON.parse(JSON.stringify(program)) as Program;
}

/** Answers that make a family of three eligible for rental assistance. */
export const ELIGIBLE_ANSWERS = {
  pastDueRentNotice: false,
  evictionNotice: true,
  unsafeHousing: false,
  householdSize: 3,
  annualIncome: 60000,
  monthlyRent: 2000,
  rentOwed: 4500,
};

/** One API answer. */
export interface ApiResponse {
  status: number;
  body: any;
  headers: Headers;
}

/** Options of one API call. */
export interface CallOptions {
  token?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

/** A running test server and its helpers. */
export interface Harness {
  server: RunningServer;
  url: string;
  today: string;
  call(method: string, path: string, options?: CallOptions): Promise<ApiResponse>;
  login(email: string, password: string): Promise<string>;
  adminToken: string;
  /** Creates a user with `roles` and returns their id and bearer token. */
  user(roles: Role[], name?: string): Promise<{ id: string; token: string; email: string }>;
  /** Moves the server's clock to noon (UTC) of `date`; `today` follows. */
  setToday(date: string): void;
  /**
   * Publishes the program's draft in two steps: a new analyst requests publication on `terms` at the draft's
   * current revision, then the administrator publishes. Returns the publish answer.
   */
  publish(programId: string, terms: { changelog: string; effectiveFrom: string; inFlight: 'keep' | 'reevaluate' }): Promise<ApiResponse>;
  /** Polls a re-determination job (as `token`, default the administrator) until it is no longer running; returns it. */
  waitForJob(id: string, token?: string): Promise<any>;
  close(): Promise<void>;
}

let counter = 0;

/**
 * Starts a fresh server; `today` pins the clock (default 2025-07-01); `webDist` serves pages from that folder;
 * `sqlitePath` opens that SQLite file (e.g. a seeded store) instead of an in-memory one; `databaseUrl` a PostgreSQL
 * database (e.g. a fresh one of tests/support/postgres.ts's cluster).
 */
export async function startHarness(
  options: {
    today?: string;
    loginRateLimit?: number;
    webDist?: string;
    /** The built studio's folder (with `webDist`; default: the configured one, `studio/dist`). */
    studioDist?: string;
    sqlitePath?: string;
    databaseUrl?: string;
    populationLimitBytes?: number;
    /** Limits to set; the public rate limits default to 100,000 here (tests call from one address). */
    limits?: Partial<Limits>;
    /** Express `trust proxy` (default: none trusted). */
    trustProxy?: false | number | string;
    secureCookies?: boolean;
    resumeCodeAttempts?: number;
    /** Where the server's log lines go (default: nowhere). */
    logLines?: string[];
    /** The level of the server's log when `logLines` collects it (default info). */
    logLevel?: string;
    /** Email (issue 15): an SMTP server the test started; default none. */
    mail?: MailConfig | null;
    statusRateLimit?: number;
    publish?: boolean;
    /** MANDATE_METRICS_TOKEN (default none: `/metrics` answers loopback requests only). */
    metricsToken?: string;
    /** The store the server gets, made from the test's in-memory (or `sqlitePath`) store. */
    wrapStore?: (store: Store) => Store;
  } = {},
): Promise<Harness> {
  const today = options.today ?? '2025-07-01';
  let clock = new Date(`${today}T12:00:00Z`).getTime();
  const now = () => new Date((clock += 1));
  const opened = await openStore(
    options.databaseUrl ? { databaseUrl: options.databaseUrl, now } : { sqlitePath: options.sqlitePath ?? ':memory:', now },
  );
  const store = options.wrapStore ? options.wrapStore(opened) : opened;
  const server = await startServer({
    store,
    now,
    port: 0,
    host: '127.0.0.1',
    publishPrograms: false,
    serveWeb: !!options.webDist,
    webDist: options.webDist,
    studioDist: options.studioDist,
    buildWebIfMissing: false,
    announce: false,
    adminEmail: ADMIN.email,
    adminPassword: ADMIN.password,
    demoUsers: false,
    loginRateLimit: options.loginRateLimit ?? 10_000,
    logger: options.logLines
      ? pino({ level: options.logLevel ?? 'info' }, { write: (line: string) => options.logLines!.push(line) })
      : pino({ level: 'silent' }),
    populationLimitBytes: options.populationLimitBytes,
    limits: { startsPerHour: 100_000, publicWritesPerMinute: 100_000, ...options.limits },
    trustProxy: options.trustProxy ?? false,
    secureCookies: options.secureCookies ?? false,
    resumeCodeAttempts: options.resumeCodeAttempts ?? 10_000,
    mail: options.mail ?? null,
    afterSubmission: { statusRateLimit: options.statusRateLimit ?? 10, scanCommand: null },
    metricsToken: options.metricsToken,
  });
  if (options.publish ?? true) await publishShipped(server.ctx, rentalProgram());
  const url = server.url;
  async function call(method: string, p: string, o: CallOptions = {}): Promise<ApiResponse> {
    const headers: Record<string, string> = { accept: 'application/json', ...(o.headers ?? {}) };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | undefined = o.rawBody;
    if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(url + p, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    if (/json/.test(res.headers.get('content-type') ?? '')) checkResponse(method, p, res.status, parsed);
    return { status: res.status, body: parsed, headers: res.headers };
  }
  // Every answer is checked against the schema the OpenAPI document promises for it: the route's success schema
  // for its success status, the Error schema for any JSON error.
  const matchers = allRoutes(server.ctx).map((r) => ({ route: r, re: new RegExp(`^${r.path.replace(/:\w+/g, '[^/]+')}$`) }));
  function checkResponse(method: string, p: string, status: number, body: unknown) {
    const pathOnly = p.split('?')[0];
    if (!pathOnly.startsWith('/api/') || pathOnly.startsWith('/api/docs')) return;
    let name: string | null = null;
    if (status >= 400) name = 'Error';
    else {
      const hit = matchers.find((m) => m.route.method === method.toLowerCase() && m.re.test(pathOnly));
      if (hit && status === hit.route.response.status) name = hit.route.response.schema;
    }
    if (!name) return;
    const errors = schemaErrors(name, body);
    if (errors.length > 0)
      throw new Error(`${method} ${p} → ${status}: the answer does not match schema ${name}: ${errors.map((e) => e.message).join('; ')}`);
  }
  async function login(email: string, password: string): Promise<string> {
    const r = await call('POST', '/api/auth/login', { body: { email, password } });
    if (r.status !== 200) throw new Error(`login ${email}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.token;
  }
  const adminToken = await login(ADMIN.email, ADMIN.password);
  async function user(roles: Role[], name = roles.join('+')) {
    const email = `${roles.join('-')}-${++counter}@test.local`;
    const r = await call('POST', '/api/users', { token: adminToken, body: { email, name, roles, password: 'password-123' } });
    if (r.status !== 201) throw new Error(`create user: ${r.status} ${JSON.stringify(r.body)}`);
    return { id: r.body.id, email, token: await login(email, 'password-123') };
  }
  async function publish(programId: string, terms: { changelog: string; effectiveFrom: string; inFlight: 'keep' | 'reevaluate' }) {
    const analyst = await user(['analyst'], 'Requesting Analyst');
    const draft = await call('GET', `/api/programs/${programId}/draft`, { token: analyst.token });
    if (draft.status !== 200) throw new Error(`publish ${programId}: no draft (${draft.status})`);
    const requested = await call('POST', `/api/programs/${programId}/draft/publication-request`, {
      token: analyst.token,
      body: { ...terms, revision: draft.body.revision },
    });
    if (requested.status !== 201)
      throw new Error(`publication request ${programId}: ${requested.status} ${JSON.stringify(requested.body).slice(0, 400)}`);
    return call('POST', `/api/programs/${programId}/publish`, { token: adminToken, body: { revision: draft.body.revision } });
  }
  async function waitForJob(id: string, token = adminToken) {
    for (let i = 0; i < 1500; i++) {
      const r = await call('GET', `/api/redetermination-jobs/${id}`, { token });
      if (r.status !== 200) throw new Error(`job ${id}: ${r.status} ${JSON.stringify(r.body)}`);
      if (r.body.status !== 'running') return r.body;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`job ${id} was still running after 30 s`);
  }
  const harness: Harness = {
    server,
    url,
    today,
    call,
    login,
    adminToken,
    user,
    publish,
    waitForJob,
    setToday(date: string) {
      clock = new Date(`${date}T12:00:00Z`).getTime();
      harness.today = date;
    },
    close: async () => {
      await server.close();
      await store.close();
    },
  };
  return harness;
}

/**
 * The longest the server's event loop was held by its own work since it started, in seconds, as its `/metrics`
 * says (`mandate_event_loop_held_seconds_max`: the loop's delay less the time it waited for a CPU, so that load
 * from other processes on the machine does not count). The fuzz and hardening tests bound it to under a second.
 */
export async function loopHeldSeconds(h: Harness): Promise<number> {
  const r = await h.call('GET', '/metrics');
  const line = String(r.body)
    .split('\n')
    .find((l) => l.startsWith('mandate_event_loop_held_seconds_max '));
  if (r.status !== 200 || !line) throw new Error(`/metrics: ${r.status}, no mandate_event_loop_held_seconds_max`);
  return Number(line.split(' ')[1]);
}
