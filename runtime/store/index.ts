/**
 * Opening the runtime's store: PostgreSQL when a `DATABASE_URL` is configured, MongoDB when a `MONGODB_URI` is, else
 * the embedded SQLite file `<dataDir>/mandate.db`. Each is migrated before `openStore` resolves.
 *
 * @example
 * const store = await openStore(storeConfigFromEnv(process.env));
 * const user = await store.getUserByEmail('admin@mandate.local');
 */
import { dirname, join, resolve } from 'node:path';
import { parseConnectionUrl, storeOpenError } from './open-errors.ts';
import type { Store, StoreConfig } from './types.ts';

export * from './types.ts';
export * from './errors.ts';
export { StoreOpenError } from './open-errors.ts';

/** The SQLite file used for a config (ignored when PostgreSQL or MongoDB is configured). */
export function sqlitePathOf(config: StoreConfig): string {
  if (config.sqlitePath) return config.sqlitePath;
  return join(resolve(config.dataDir ?? './data'), 'mandate.db');
}

/** Whether a config uses the embedded SQLite file (neither PostgreSQL nor MongoDB is configured). */
export function usesSqlite(config: StoreConfig): boolean {
  return !config.databaseUrl && !config.mongodbUri;
}

/** A store variable that is present but wrong: names the variable, what is wrong and how to fix it. */
export class StoreConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = 'StoreConfigError';
  }
}

const BOTH_STORES =
  'is set and so is MONGODB_URI, but Mandate runs on one store: remove MONGODB_URI to use PostgreSQL, or remove DATABASE_URL to use MongoDB.';

/**
 * The store config the environment describes: `DATABASE_URL` (PostgreSQL, `postgres://…`), `MANDATE_PG_POOL_MAX`
 * (default 10), `MONGODB_URI`, `MANDATE_DATA_DIR` (SQLite's folder, default `./data`). Throws a `StoreConfigError`
 * for a malformed value, or when both `DATABASE_URL` and `MONGODB_URI` are set.
 */
export function storeConfigFromEnv(env: NodeJS.ProcessEnv): StoreConfig {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  const mongodbUri = env.MONGODB_URI?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new StoreConfigError(
      'DATABASE_URL',
      'does not start with postgres:// or postgresql://; set it like DATABASE_URL=postgres://mandate:secret@db.example.org:5432/mandate.',
    );
  }
  if (databaseUrl && !parseConnectionUrl(databaseUrl)) {
    // Not quoted back: it holds the password.
    throw new StoreConfigError(
      'DATABASE_URL',
      'is not a valid URL (a port that is not a number, a bracket left open, or an @ : / in the password not percent-encoded); ' +
        'set it like DATABASE_URL=postgres://mandate:secret@db.example.org:5432/mandate, writing @ as %40, : as %3A and / as %2F in the user and password.',
    );
  }
  if (mongodbUri && !/^mongodb(\+srv)?:\/\//.test(mongodbUri)) {
    throw new StoreConfigError(
      'MONGODB_URI',
      'does not start with mongodb:// or mongodb+srv://; set it like MONGODB_URI=mongodb://db.example.org:27017/mandate.',
    );
  }
  if (databaseUrl && mongodbUri) {
    throw new StoreConfigError('DATABASE_URL', BOTH_STORES);
  }
  const poolText = env.MANDATE_PG_POOL_MAX?.trim();
  let pgPoolMax: number | undefined;
  if (poolText) {
    pgPoolMax = Number(poolText);
    if (!/^\d+$/.test(poolText) || pgPoolMax < 1 || pgPoolMax > 1000) {
      throw new StoreConfigError('MANDATE_PG_POOL_MAX', `"${poolText}" is not a whole number from 1 to 1000; set it like MANDATE_PG_POOL_MAX=10.`);
    }
  }
  return { dataDir: env.MANDATE_DATA_DIR || './data', databaseUrl, pgPoolMax, mongodbUri };
}

/**
 * Opens (and migrates) the configured store. Close it with `store.close()`. A store that cannot be reached or opened
 * (server down, password refused, database missing, data folder not writable) rejects with a `StoreOpenError`.
 */
export async function openStore(config: StoreConfig): Promise<Store> {
  try {
    return await openConfigured(config);
  } catch (error) {
    throw storeOpenError(error, config, dirname(sqlitePathOf(config))) ?? error;
  }
}

async function openConfigured(config: StoreConfig): Promise<Store> {
  const now = config.now ?? (() => new Date());
  if (config.databaseUrl && config.mongodbUri) {
    throw new StoreConfigError('DATABASE_URL', BOTH_STORES);
  }
  if (config.databaseUrl) {
    const { openPostgresStore } = await import('./postgres/postgres-store.ts');
    return openPostgresStore(config.databaseUrl, { now, auditKey: config.auditKey, poolMax: config.pgPoolMax });
  }
  if (config.mongodbUri) {
    const { openMongoStore } = await import('./mongodb/mongo-store.ts');
    return openMongoStore(config.mongodbUri, { database: config.mongodbDatabase, now, auditKey: config.auditKey });
  }
  const { createSqliteStore } = await import('./sqlite/sqlite-store.ts');
  return createSqliteStore(sqlitePathOf(config), now, config.auditKey);
}
