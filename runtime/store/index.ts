/**
 * Opening the runtime's store: MongoDB when a URI is configured, else the embedded SQLite file
 * `<dataDir>/mandate.db`. Both are migrated before `openStore` resolves.
 *
 * @example
 * const store = await openStore(storeConfigFromEnv(process.env));
 * const user = await store.getUserByEmail('admin@mandate.local');
 */
import { join, resolve } from 'node:path';
import type { Store, StoreConfig } from './types.ts';

export * from './types.ts';
export * from './errors.ts';

/** The SQLite file used for a config (ignored when MongoDB is configured). */
export function sqlitePathOf(config: StoreConfig): string {
  if (config.sqlitePath) return config.sqlitePath;
  return join(resolve(config.dataDir ?? './data'), 'mandate.db');
}

/** The store config the environment describes: `MANDATE_DATA_DIR` (default `./data`) and `MONGODB_URI`. */
export function storeConfigFromEnv(env: NodeJS.ProcessEnv): StoreConfig {
  return {
    dataDir: env.MANDATE_DATA_DIR || './data',
    mongodbUri: env.MONGODB_URI || undefined,
  };
}

/** Opens (and migrates) the configured store. Close it with `store.close()`. */
export async function openStore(config: StoreConfig): Promise<Store> {
  const now = config.now ?? (() => new Date());
  if (config.mongodbUri) {
    const { openMongoStore } = await import('./mongodb/mongo-store.ts');
    return openMongoStore(config.mongodbUri, { database: config.mongodbDatabase, now, auditKey: config.auditKey });
  }
  const { createSqliteStore } = await import('./sqlite/sqlite-store.ts');
  return createSqliteStore(sqlitePathOf(config), now, config.auditKey);
}
