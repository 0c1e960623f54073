/**
 * Runtime configuration, read once from the environment.
 *
 * Every variable is optional; a value that is present but malformed is an error naming the variable, what is wrong
 * and an example of a good value, so that a mistyped `PORT` never starts a server on a surprising port.
 */
import path from 'node:path';

/** What the server needs to start; `loadConfig` fills every field. */
export interface RuntimeConfig {
  port: number;
  host: string;
  dataDir: string;
  /** MongoDB connection string; when absent the embedded SQLite store in `dataDir` is used. */
  mongodbUri?: string;
  adminEmail?: string;
  adminPassword?: string;
  /** Create demo staff accounts (caseworker, supervisor, analyst, intermediary) on an empty store. */
  demoUsers: boolean;
  /** One password for every demo account (MANDATE_DEMO_PASSWORD); generated per account when absent. */
  demoPassword?: string;
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
  /** Largest population file accepted by `POST /api/programs/:id/impact/population`, in bytes (MANDATE_POPULATION_LIMIT). */
  populationLimitBytes: number;
  /** Compress answers (brotli or gzip) and serve the pages' precompressed files (MANDATE_COMPRESS=0 turns it off). */
  compress: boolean;
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
  const mongodbUri = env.MONGODB_URI?.trim() || undefined;
  if (mongodbUri && !/^mongodb(\+srv)?:\/\//.test(mongodbUri)) {
    throw new ConfigError('MONGODB_URI', `"${mongodbUri}" does not start with mongodb:// or mongodb+srv://.`);
  }
  return {
    port: integer(env, 'PORT', 3000, 0, 65535),
    host: env.HOST?.trim() || '0.0.0.0',
    dataDir: path.resolve(cwd, env.MANDATE_DATA_DIR?.trim() || 'data'),
    mongodbUri,
    adminEmail,
    adminPassword,
    demoUsers: flag(env, 'MANDATE_DEMO_USERS', false),
    demoPassword: env.MANDATE_DEMO_PASSWORD || undefined,
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
    populationLimitBytes,
    compress: flag(env, 'MANDATE_COMPRESS', true),
  };
}
