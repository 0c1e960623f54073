/**
 * `mandate audit verify [--data DIR]`: opens the configured store (`MONGODB_URI`, else SQLite in `MANDATE_DATA_DIR`
 * or `--data`), walks the whole audit chain page by page and prints `OK` with the entry count and the last hash, or
 * the first broken entry and why. Exit code 0 when the chain is intact, 1 when it is broken, 2 on a usage error.
 */
import { existsSync } from 'node:fs';
import { ChainVerifier, type ChainReport } from '../audit/chain.ts';
import { openStore, sqlitePathOf, storeConfigFromEnv } from '../store/index.ts';
import type { Store, StoreConfig } from '../store/types.ts';

/** Usage text of `mandate audit`. */
export const USAGE =
  'Usage: mandate audit verify [--data DIR]\n' +
  'Checks the audit log hash chain of the store configured by MONGODB_URI or MANDATE_DATA_DIR (default ./data).';

/** Verifies a store's whole audit chain, reading it in pages of 1000. */
export async function verifyStoreChain(store: Store): Promise<ChainReport> {
  const verifier = new ChainVerifier();
  let afterSeq = 0;
  for (;;) {
    const page = await store.listAudit({ afterSeq, limit: 1000 });
    for (const entry of page) verifier.push(entry);
    if (page.length < 1000 || !verifier.report().ok) break;
    afterSeq = page[page.length - 1].seq;
  }
  return verifier.report();
}

function parse(args: string[], env: NodeJS.ProcessEnv): StoreConfig | string {
  if (args[0] !== 'verify') return args[0] === undefined ? 'mandate audit needs a subcommand.' : `Unknown subcommand "${args[0]}".`;
  const config = storeConfigFromEnv(env);
  for (let i = 1; i < args.length; i += 1) {
    if (args[i] === '--data' && args[i + 1] !== undefined) config.dataDir = args[++i];
    else return `"${args[i]}" is not an option of mandate audit verify.`;
  }
  return config;
}

/** Runs `mandate audit …`; resolves with the process exit code. */
export async function run(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const config = parse(args, env);
  if (typeof config === 'string') {
    console.error(`${config}\n${USAGE}`);
    return 2;
  }
  if (!config.mongodbUri && !existsSync(sqlitePathOf(config))) {
    console.error(`No Mandate database at ${sqlitePathOf(config)}: set MANDATE_DATA_DIR or pass --data DIR (the folder holding mandate.db).`);
    return 2;
  }
  const store = await openStore(config);
  try {
    const report = await verifyStoreChain(store);
    if (report.ok) {
      console.log(`OK: ${report.count} audit entries, chain intact. Last hash ${report.lastHash ?? '(empty log)'}`);
      console.log('Keep the last hash elsewhere: the chain alone cannot show entries cut off its end.');
      return 0;
    }
    const p = report.problem!;
    console.error(`BROKEN at entry ${p.seq} (${p.kind}): ${p.message}`);
    console.error(`${report.count} entries before it are intact.`);
    return 1;
  } finally {
    await store.close();
  }
}
