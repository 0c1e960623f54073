/**
 * Runtime configuration, read once from the environment.
 *
 * Every variable is optional; a value that is present but malformed is an error naming the variable, what is wrong
 * and an example of a good value, so that a mistyped `PORT` never starts a server on a surprising port.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { DEFAULT_LIMITS, type Limits } from './services/limits.ts';
import { type StoreConfig, StoreConfigError, storeConfigFromEnv } from './store/index.ts';

/** What the server needs to start; `loadConfig` fills every field. */
export interface RuntimeConfig {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL connection URL (`DATABASE_URL`, `postgres://…`); when set, the PostgreSQL store is used. */
  databaseUrl?: string;
  /** Most pooled PostgreSQL connections (`MANDATE_PG_POOL_MAX`); default 10. */
  pgPoolMax?: number;
  /** MongoDB connection string; when neither it nor `databaseUrl` is set, the embedded SQLite store in `dataDir` is used. */
  mongodbUri?: string;
  adminEmail?: string;
  adminPassword?: string;
  /** Create demo staff accounts (caseworker, supervisor, analyst, intermediary) on an empty store. */
  demoUsers: boolean;
  /** One password for every demo account (MANDATE_DEMO_PASSWORD); generated per account when absent. */
  demoPassword?: string;
  /** The name of the default organisation (MANDATE_ORGANISATION_NAME; issue 16); absent: "Default organisation". */
  organisationName?: string;
  /** Largest JSON body accepted, in the `bytes` package's notation (`1mb`, `500kb`). */
  bodyLimit: string;
  logLevel: string;
  /** Folder of shipped program definitions published at start. */
  programsDir: string;
  /** Folder of the built web pages (`web/dist`). */
  webDist: string;
  /** Folder of the built studio (`studio/dist`), served at `/studio`. */
  studioDist: string;
  /** Build the web pages with Vite when `webDist` is missing. */
  buildWebIfMissing: boolean;
  /** Session lifetime in hours. */
  sessionHours: number;
  /** Allow 'unsafe-eval' in the pages' script-src (MANDATE_CSP_UNSAFE_EVAL=1), for RJSF's runtime-compiled validators. */
  allowUnsafeEval: boolean;
  /** Sign-in attempts allowed per address per 15 minutes. */
  loginRateLimit: number;
  /** Minutes between runs of the scheduler that re-determines pending cases when a scheduled version takes effect. */
  schedulerMinutes: number;
  /** Cases per chunk (one transaction each) of a mass re-determination job. */
  redeterminationChunk: number;
  /** Evaluation workers of a re-determination job (MANDATE_REDETERMINATION_WORKERS; default 1 with two cores or more, else 0: evaluated on the job's writer thread). */
  redeterminationWorkers: number;
  /** Largest population file accepted by `POST /api/programs/:id/impact/population`, in bytes (MANDATE_POPULATION_LIMIT). */
  populationLimitBytes: number;
  /** Limits against abuse: public rate limits, answer and definition sizes, draft expiry (runtime/services/limits.ts). */
  limits: Limits;
  /** The audit key itself, 64 hex characters (MANDATE_AUDIT_KEY); see runtime/audit/key.ts. */
  auditKey?: string;
  /** A file holding the audit key (MANDATE_AUDIT_KEY_FILE); default `<dataDir>-audit.key`, generated on first start. */
  auditKeyFile?: string;
  /**
   * Express's `trust proxy` (MANDATE_TRUST_PROXY): false (default: `X-Forwarded-For` is ignored and every limit keys
   * on the connection's address), a number of proxy hops, or a comma-separated list of proxy addresses / subnets /
   * `loopback`, `linklocal`, `uniquelocal`.
   */
  trustProxy: false | number | string;
  /** Session cookies are `Secure` even over plain HTTP (NODE_ENV=production, or a proxy is configured). */
  secureCookies: boolean;
  /** Wrong resume codes allowed per application per 15 minutes (a client gets three times as many over all). */
  resumeCodeAttempts: number;
  /** Compress answers (brotli or gzip) and serve the pages' precompressed files (MANDATE_COMPRESS=0 turns it off). */
  compress: boolean;
  /** The bearer token `GET /metrics` asks for (MANDATE_METRICS_TOKEN); unset: `/metrics` answers loopback requests only. */
  metricsToken?: string;
}

/** A configuration value that cannot be used; the message names the variable and how to fix it. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

/** The store variables (`DATABASE_URL`, `MANDATE_PG_POOL_MAX`, `MONGODB_URI`), read by the store's own reader. */
function storeVariables(env: NodeJS.ProcessEnv): StoreConfig {
  try {
    return storeConfigFromEnv(env);
  } catch (error) {
    if (error instanceof StoreConfigError) throw new ConfigError(error.variable, error.problem);
    throw error;
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `"${raw}" is not a whole number; set it like ${name}=${fallback}.`);
  const value = Number(raw.trim());
  if (value < min || value > max) throw new ConfigError(name, `${value} is outside ${min}..${max}; set it like ${name}=${fallback}.`);
  return value;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new ConfigError(name, `"${raw}" is not a yes/no value; use ${name}=1 or ${name}=0.`);
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** MANDATE_TRUST_PROXY as Express's `trust proxy` value (see `RuntimeConfig.trustProxy`). */
function trustProxyOf(raw: string | undefined): false | number | string {
  const value = raw?.trim() ?? '';
  if (value === '' || ['0', 'false', 'no', 'off'].includes(value.toLowerCase())) return false;
  if (/^\d+$/.test(value)) return Number(value);
  const parts = value.split(',').map((p) => p.trim());
  const bad = parts.find((p) => !PROXY_NAMES.includes(p) && !/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(p));
  if (bad !== undefined) {
    throw new ConfigError(
      'MANDATE_TRUST_PROXY',
      `"${bad}" is not a proxy address, subnet or name; give the number of proxies in front of Mandate (MANDATE_TRUST_PROXY=1), ` +
        'or their addresses (MANDATE_TRUST_PROXY=10.0.0.5,loopback). "true" is not accepted: trusting every proxy lets any client choose its address.',
    );
  }
  return parts.join(',');
}

/**
 * Reads the configuration from `env` (default `process.env`), resolving folders against `cwd`.
 * Throws `ConfigError` for the first malformed variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): RuntimeConfig {
  const bodyLimit = (env.MANDATE_BODY_LIMIT ?? '1mb').trim();
  if (!/^\d+(\.\d+)?\s*(b|kb|mb)?$/i.test(bodyLimit)) {
    throw new ConfigError('MANDATE_BODY_LIMIT', `"${bodyLimit}" is not a size; use a number with b, kb or mb, like MANDATE_BODY_LIMIT=1mb.`);
  }
  const populationLimit = (env.MANDATE_POPULATION_LIMIT ?? '200mb').trim().toLowerCase();
  const sizeMatch = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/.exec(populationLimit);
  if (!sizeMatch) {
    throw new ConfigError(
      'MANDATE_POPULATION_LIMIT',
      `"${populationLimit}" is not a size; use a number with b, kb, mb or gb, like MANDATE_POPULATION_LIMIT=200mb.`,
    );
  }
  const populationLimitBytes = Math.floor(Number(sizeMatch[1]) * { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[sizeMatch[2] ?? 'b']!);
  const logLevel = (env.LOG_LEVEL ?? 'info').trim().toLowerCase();
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `"${logLevel}" is not a level; use one of ${LOG_LEVELS.join(', ')}.`);
  }
  const adminEmail = env.MANDATE_ADMIN_EMAIL?.trim() || undefined;
  const adminPassword = env.MANDATE_ADMIN_PASSWORD || undefined;
  if (adminEmail && !/^[^\s@]+@[^\s@]+$/.test(adminEmail)) {
    throw new ConfigError('MANDATE_ADMIN_EMAIL', `"${adminEmail}" is not an email address; use MANDATE_ADMIN_EMAIL=admin@example.org.`);
  }
  if (adminPassword !== undefined && adminPassword.length < 8) {
    throw new ConfigError('MANDATE_ADMIN_PASSWORD', 'is shorter than 8 characters; choose a longer password.');
  }
  if (adminPassword && !adminEmail) {
    throw new ConfigError('MANDATE_ADMIN_EMAIL', 'is not set but MANDATE_ADMIN_PASSWORD is; set both, or neither.');
  }
  if (env.MANDATE_DEMO_PASSWORD && env.MANDATE_DEMO_PASSWORD.length < 8) {
    throw new ConfigError('MANDATE_DEMO_PASSWORD', 'is shorter than 8 characters; choose a longer password.');
  }
  const store = storeVariables(env);
  const trustProxy = trustProxyOf(env.MANDATE_TRUST_PROXY);
  return {
    port: integer(env, 'PORT', 3000, 0, 65535),
    host: env.HOST?.trim() || '0.0.0.0',
    dataDir: path.resolve(cwd, env.MANDATE_DATA_DIR?.trim() || 'data'),
    databaseUrl: store.databaseUrl,
    pgPoolMax: store.pgPoolMax,
    mongodbUri: store.mongodbUri,
    adminEmail,
    adminPassword,
    demoUsers: flag(env, 'MANDATE_DEMO_USERS', false),
    demoPassword: env.MANDATE_DEMO_PASSWORD || undefined,
    organisationName: env.MANDATE_ORGANISATION_NAME?.trim() || undefined,
    bodyLimit,
    logLevel,
    programsDir: path.resolve(cwd, env.MANDATE_PROGRAMS_DIR?.trim() || 'programs'),
    webDist: path.resolve(cwd, env.MANDATE_WEB_DIST?.trim() || 'web/dist'),
    studioDist: path.resolve(cwd, env.MANDATE_STUDIO_DIST?.trim() || 'studio/dist'),
    buildWebIfMissing: flag(env, 'MANDATE_BUILD_WEB', true),
    allowUnsafeEval: flag(env, 'MANDATE_CSP_UNSAFE_EVAL', false),
    sessionHours: integer(env, 'MANDATE_SESSION_HOURS', 12, 1, 24 * 30),
    loginRateLimit: integer(env, 'MANDATE_LOGIN_RATE_LIMIT', 20, 1, 100000),
    schedulerMinutes: integer(env, 'MANDATE_SCHEDULER_MINUTES', 15, 1, 24 * 60),
    redeterminationChunk: integer(env, 'MANDATE_REDETERMINATION_CHUNK', 1000, 1, 10000),
    // One evaluation worker beside the job's writer where there is a second core (bench/apply-cpu.ts: the writer then
    // uses ~130 µs of CPU per case and the evaluator ~120, against ~220 for one thread doing both).
    redeterminationWorkers: integer(env, 'MANDATE_REDETERMINATION_WORKERS', availableParallelism() >= 2 ? 1 : 0, 0, 64),
    populationLimitBytes,
    limits: {
      startsPerHour: integer(env, 'MANDATE_START_RATE_LIMIT', DEFAULT_LIMITS.startsPerHour, 1, 1_000_000),
      publicWritesPerMinute: integer(env, 'MANDATE_PUBLIC_RATE_LIMIT', DEFAULT_LIMITS.publicWritesPerMinute, 1, 1_000_000),
      answerText: integer(env, 'MANDATE_ANSWER_TEXT_LIMIT', DEFAULT_LIMITS.answerText, 1, 1_000_000),
      answerItems: integer(env, 'MANDATE_ANSWER_ITEMS_LIMIT', DEFAULT_LIMITS.answerItems, 1, 100_000),
      draftDays: integer(env, 'MANDATE_DRAFT_DAYS', DEFAULT_LIMITS.draftDays, 0, 36_500),
      definitionBytes: integer(env, 'MANDATE_DEFINITION_BYTES', DEFAULT_LIMITS.definitionBytes, 1024, 1024 ** 3),
      definitionQuestions: integer(env, 'MANDATE_DEFINITION_QUESTIONS', DEFAULT_LIMITS.definitionQuestions, 1, 1_000_000),
      definitionDerived: integer(env, 'MANDATE_DEFINITION_DERIVED', DEFAULT_LIMITS.definitionDerived, 1, 1_000_000),
      definitionRules: integer(env, 'MANDATE_DEFINITION_RULES', DEFAULT_LIMITS.definitionRules, 1, 1_000_000),
    },
    auditKey: env.MANDATE_AUDIT_KEY?.trim() || undefined,
    trustProxy,
    secureCookies: env.NODE_ENV === 'production' || trustProxy !== false,
    resumeCodeAttempts: integer(env, 'MANDATE_RESUME_CODE_ATTEMPTS', 10, 1, 100000),
    auditKeyFile: env.MANDATE_AUDIT_KEY_FILE?.trim() ? path.resolve(cwd, env.MANDATE_AUDIT_KEY_FILE.trim()) : undefined,
    compress: flag(env, 'MANDATE_COMPRESS', true),
    metricsToken: env.MANDATE_METRICS_TOKEN?.trim() || undefined,
  };
}
