/**
 * `mandate directory --hsds <file> [--data DIR] [--date YYYY-MM-DD] [--base-url URL]`: writes the programs in force
 * (on `--date`, default today) in the configured store (`DATABASE_URL`, `MONGODB_URI`, else SQLite in `MANDATE_DATA_DIR` or
 * `--data`) as an Open Referral HSDS 3.1 page of services, the same JSON as `GET /api/directory/hsds`. Exit code 0
 * when written, 2 on a usage error.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { hsdsDirectory } from '../services/hsds.ts';
import { openStore, sqlitePathOf, type StoreConfig, StoreConfigError, storeConfigFromEnv, usesSqlite } from '../store/index.ts';

/** Usage text of `mandate directory`. */
export const USAGE =
  'Usage: mandate directory --hsds <file> [--data DIR] [--date YYYY-MM-DD] [--base-url URL]\n' +
  'Writes the programs in force as Open Referral HSDS 3.1 services (JSON) to <file>, from the store configured by DATABASE_URL, MONGODB_URI or\n' +
  'MANDATE_DATA_DIR (default ./data). --base-url: the public address, for the apply links.';

/** Runs the command; returns the exit code. */
export async function run(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  let config: StoreConfig;
  try {
    config = storeConfigFromEnv(env);
  } catch (error) {
    if (!(error instanceof StoreConfigError)) throw error;
    console.error(`${error.message}\n${USAGE}`);
    return 2;
  }
  let file: string | undefined;
  let date = new Date().toISOString().slice(0, 10);
  let baseUrl: string | undefined;
  for (let i = 0; i < args.length; i += 1) {
    const value = args[i + 1];
    if (args[i] === '--hsds' && value !== undefined) file = args[++i];
    else if (args[i] === '--data' && value !== undefined) config.dataDir = args[++i];
    else if (args[i] === '--date' && value !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(value)) date = args[++i];
    else if (args[i] === '--base-url' && value !== undefined) baseUrl = args[++i];
    else {
      console.error(`"${args[i]}" is not an option of mandate directory (or its value is missing or malformed).\n${USAGE}`);
      return 2;
    }
  }
  if (!file) {
    console.error(`Say where to write the directory: --hsds <file>.\n${USAGE}`);
    return 2;
  }
  if (usesSqlite(config) && !existsSync(sqlitePathOf(config))) {
    console.error(`No Mandate database at ${sqlitePathOf(config)}: set MANDATE_DATA_DIR or pass --data DIR (the folder holding mandate.db).`);
    return 2;
  }
  const store = await openStore(config);
  try {
    const page = await hsdsDirectory(store, date, baseUrl);
    writeFileSync(file, `${JSON.stringify(page, null, 2)}\n`);
    console.log(`Wrote ${page.total_items} HSDS service(s) in force on ${date} to ${file}.`);
    return 0;
  } finally {
    await store.close();
  }
}
