/**
 * Starting the Mandate server: open (and migrate) the store → publish the shipped program versions not yet stored
 * → create the first administrator (and demo staff when asked) → build the web pages if missing → listen → resume
 * the re-determination jobs left running → start the scheduler (scheduled versions' in-flight re-determination, at
 * once and every `schedulerMinutes`).
 * `startServer` resolves with the address and a `close()` that stops the scheduler and accepting, finishes requests
 * and closes the store.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino, type Logger } from 'pino';
import { loadConfig, type RuntimeConfig } from './config.ts';
import { openStore } from './store/index.ts';
import type { Store } from './store/types.ts';
import type { ServiceContext } from './services/context.ts';
import type { Limits } from './services/limits.ts';
import { createApp } from './http/app.ts';
import { buildWebIfMissing } from './http/web.ts';
import { ensureDemoUsers, ensureFirstAdmin, type CreatedAccount } from './services/users.ts';
import { publishShipped } from './services/programs.ts';
import { nameDefaultOrganisation, seedOrganisations } from './services/organisations.ts';
import type { Program } from '../engine/index.ts';
import { loadAllPrograms } from './fs/program-folder.ts';
import { startScheduler } from './services/scheduler.ts';
import { startOutboxSender } from './services/mailer.ts';
import { commandScanner } from './services/documents.ts';
import { loadAfterSubmissionConfig, loadMailConfig, type AfterSubmissionConfig, type MailConfig } from './config-mail.ts';
import { resumeJobs, stopJobs } from './services/redetermination.ts';
import { cancelAllImpactJobs } from './services/impact-jobs.ts';
import { closeDefinitionChecker } from './services/definition-checks.ts';
import { loadAuditKey, saveAuditKey, type AuditKey } from './audit/key.ts';
import { ResumeThrottle } from './services/resume-throttle.ts';
import { CaseFeed } from './services/case-feed.ts';
import { RuntimeMetrics } from './http/metrics.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Options of `startServer`; anything omitted comes from the environment (`loadConfig`). */
export interface StartOptions extends Partial<Omit<RuntimeConfig, 'limits'>> {
  /** Limits to set (the others come from the environment). */
  limits?: Partial<Limits>;
  /** Use this store instead of opening one (tests). */
  store?: Store;
  /** The clock (tests pin it). */
  now?: () => Date;
  /** Logger; default pino at `logLevel` on stdout. */
  logger?: Logger;
  /** Publish the definitions under `programsDir` (default true). */
  publishPrograms?: boolean;
  /** Serve `webDist` (default true). */
  serveWeb?: boolean;
  /** Print the address and sign-in help on stdout (default true). */
  announce?: boolean;
  /** How to send email; default from the environment (`loadMailConfig`); null: no email. */
  mail?: MailConfig | null;
  /** Status page throttle and scan command; default from the environment. */
  afterSubmission?: Partial<AfterSubmissionConfig>;
  /** The virus-scan hook point (replaces MANDATE_SCAN_COMMAND). */
  scanUpload?: ServiceContext['scanUpload'];
}

/** A running server. */
export interface RunningServer {
  url: string;
  port: number;
  store: Store;
  ctx: ServiceContext;
  /** Accounts created at this start, with their passwords (printed once). */
  createdAccounts: CreatedAccount[];
  close(): Promise<void>;
}

/**
 * Publishes every shipped version found under `dir` that loads, validates and passes its tests (a version that does
 * not is logged, one line naming its folder and the first problem, and skipped; the others start); returns counts.
 */
async function publishAll(ctx: ServiceContext, dir: string) {
  const counts = { published: 0, known: 0, skipped: 0 };
  const loaded = await loadAllPrograms(dir);
  for (const entry of loaded) {
    const source = path.relative(process.cwd(), entry.dir) || entry.dir;
    if (!entry.program) {
      const errors = entry.diagnostics.filter((d) => d.severity === 'error');
      const first = errors[0];
      const where = first ? `${first.file ?? ''}#${first.file ? (first.filePath ?? '') : first.path}` : '';
      ctx.log.error(
        { dir: entry.dir, diagnostics: errors.slice(0, 5) },
        `shipped program ${source} not published: ${errors.length} error${errors.length === 1 ? '' : 's'}, the first at ${where}: ${first?.message}`,
      );
      counts.skipped++;
      continue;
    }
    // Stored as written, so its hash is the document's own; `validate`'s program (normalized: defaults written in,
    // shared conditions resolved) is derived again wherever the runtime uses it. Failing test cases hold it back.
    // A layer is stored resolved on its base (which comes before it in `loaded`): the complete program, carrying the
    // layer's own parts and the base's hash.
    counts[await publishShipped(ctx, (entry.resolved ?? entry.doc) as unknown as Program, source)]++;
  }
  return counts;
}

function announce(url: string, accounts: CreatedAccount[], config: RuntimeConfig): void {
  const lines = [
    ``,
    `Mandate is running at ${url}`,
    `  Applicants: ${url}/    Staff: ${url}/staff    Studio: ${url}/studio    API reference: ${url}/api/docs`,
  ];
  const admin = accounts.find((a) => a.roles.includes('platform-administrator'));
  if (admin) {
    lines.push(
      `  First administrator: ${admin.email}${admin.generated ? `  one-time password: ${admin.password}  (printed once; change it with PUT /api/users/:id)` : '  (password from MANDATE_ADMIN_PASSWORD)'}`,
    );
  }
  const demo = accounts.filter((a) => a !== admin);
  if (demo.length > 0) {
    lines.push('  Demo staff accounts (MANDATE_DEMO_USERS=1):');
    for (const a of demo)
      lines.push(`    ${a.roles.join(',').padEnd(13)} ${a.email.padEnd(30)} ${config.demoPassword ? '(MANDATE_DEMO_PASSWORD)' : a.password}`);
  }
  if (!admin && demo.length === 0) lines.push('  Sign in with an existing account; administrators add staff at POST /api/users.');
  console.log(lines.join('\n') + '\n');
}

function logAuditKey(log: Logger, key: AuditKey): void {
  if (key.source === 'generated') {
    log.warn(
      { auditKeyFile: key.file },
      `generated the audit key at ${key.file}: the audit log's entries are signed with it from now on. Keep a copy somewhere safe and ` +
        'out of backups of the data folder (without it `mandate audit verify` cannot check the signatures), or set MANDATE_AUDIT_KEY / MANDATE_AUDIT_KEY_FILE.',
    );
  } else log.info({ auditKeySource: key.source, auditKeyFile: key.file }, 'audit log keyed');
}

/** Starts the server; see the module comment for the phases. */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const loaded = loadConfig();
  const config: RuntimeConfig = {
    ...loaded,
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
    limits: { ...loaded.limits, ...options.limits },
  } as RuntimeConfig;
  const log = options.logger ?? pino({ level: config.logLevel });
  const now = options.now ?? (() => new Date());
  // The audit key lives outside the store (a store handed in, in tests, was opened with or without one already). A
  // new one is written only once the store has opened (below): a start that fails leaves none behind.
  const auditKey = options.store
    ? null
    : loadAuditKey({ MANDATE_AUDIT_KEY: config.auditKey, MANDATE_AUDIT_KEY_FILE: config.auditKeyFile }, config.dataDir, { create: true });
  const storeConfig = {
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    pgPoolMax: config.pgPoolMax,
    mongodbUri: config.mongodbUri,
    auditKey: auditKey?.hex,
  };
  const metrics = new RuntimeMetrics();
  // Every store call that fails unexpectedly is counted (`mandate_store_errors_total`).
  const store = metrics.instrumentStore(options.store ?? (await openStore({ ...storeConfig, now })));
  const afterSubmission = { ...loadAfterSubmissionConfig(), ...options.afterSubmission };
  const mail = options.mail !== undefined ? options.mail : loadMailConfig();
  const ctx: ServiceContext = {
    store,
    now,
    log,
    sessionHours: config.sessionHours,
    redeterminationChunk: config.redeterminationChunk,
    redeterminationWorkers: config.redeterminationWorkers,
    populationLimitBytes: config.populationLimitBytes,
    limits: config.limits,
    secureCookies: config.secureCookies,
    resumeThrottle: new ResumeThrottle(config.resumeCodeAttempts, now, store),
    // A worker thread opens the store again with this, audit key included (its entries are signed like ours).
    ...(options.store ? {} : { storeConfig }),
    statusRateLimit: afterSubmission.statusRateLimit,
    scanUpload: options.scanUpload ?? (afterSubmission.scanCommand ? commandScanner(afterSubmission.scanCommand) : undefined),
    feed: new CaseFeed(store),
    metrics,
  };
  metrics.watch(ctx);
  try {
    if (auditKey) {
      saveAuditKey(auditKey);
      logAuditKey(log, auditKey);
    }
    if (options.publishPrograms ?? true) {
      const counts = await publishAll(ctx, config.programsDir);
      log.info(counts, 'shipped programs checked');
      // Issue 16: with the demo accounts, the demo's organisations and the programs they run
      // (programs/organisations.json); without, every program stays with the default organisation.
      const seed = path.join(config.programsDir, 'organisations.json');
      if (config.demoUsers && existsSync(seed)) await seedOrganisations(ctx, JSON.parse(readFileSync(seed, 'utf8')));
    }
    if (config.organisationName) await nameDefaultOrganisation(ctx, config.organisationName);
    const accounts: CreatedAccount[] = [];
    const admin = await ensureFirstAdmin(ctx, config.adminEmail, config.adminPassword);
    if (admin) accounts.push(admin);
    if (config.demoUsers) accounts.push(...(await ensureDemoUsers(ctx, config.demoPassword)));
    const serveWeb = options.serveWeb ?? true;
    if (serveWeb && config.buildWebIfMissing) {
      await buildWebIfMissing(ROOT, config.webDist, log);
      await buildWebIfMissing(ROOT, config.studioDist, log, 'studio');
    }
    const { app } = createApp(ctx, {
      bodyLimit: config.bodyLimit,
      loginRateLimit: config.loginRateLimit,
      webDist: serveWeb ? config.webDist : undefined,
      studioDist: serveWeb ? config.studioDist : undefined,
      allowUnsafeEval: config.allowUnsafeEval,
      trustProxy: config.trustProxy,
      compress: config.compress,
      metricsToken: config.metricsToken,
    });
    const server: Server = createServer(app);
    // Idle keep-alive connections stay open longer than a client's or a load balancer's own idle timeout (Node's 5 s
    // default is shorter than most), so the server never closes a connection a client is about to reuse; a reset
    // request in that race is what clients see otherwise. Headers must still arrive within a bound (slow clients).
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    const url = `http://${shownHost}:${port}`;
    if (options.announce ?? true) announce(url, accounts, config);
    // Expired sessions are refused on use; sweep them hourly so the table does not grow without bound.
    const sweep = setInterval(() => {
      store.deleteExpiredSessions(now().toISOString()).catch((err) => log.warn({ err }, 'sweeping expired sessions failed'));
    }, 3600_000);
    sweep.unref();
    // Re-determination jobs a stop or a crash interrupted go on from their cursor, in the background.
    await resumeJobs(ctx);
    const scheduler = startScheduler(ctx, config.schedulerMinutes * 60_000);
    // Notices waiting in the outbox (from before a stop or a crash, or just written) go out by email.
    const mailer = startOutboxSender(ctx, mail);
    let closing: Promise<void> | undefined;
    return {
      url,
      port,
      store,
      ctx,
      createdAccounts: accounts,
      close: () =>
        (closing ??= (async () => {
          clearInterval(sweep);
          metrics.loop.stop();
          await scheduler.stop();
          await mailer.stop();
          // Running jobs stop at their next chunk boundary and stay running: the next start resumes them.
          await stopJobs(ctx);
          await cancelAllImpactJobs(ctx);
          await closeDefinitionChecker();
          // Open event streams never end by themselves: end them, or closing would wait for them for ever.
          ctx.feed?.end();
          await new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeIdleConnections();
          });
          if (!options.store) await store.close();
        })()),
    };
  } catch (err) {
    metrics.loop.stop();
    if (!options.store) await store.close();
    throw err;
  }
}
