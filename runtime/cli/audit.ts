/**
 * `mandate audit verify [--data DIR]`: opens the configured store (`DATABASE_URL`, `MONGODB_URI`, else SQLite in `MANDATE_DATA_DIR`
 * or `--data`), walks the whole audit chain page by page and, with the audit key (`MANDATE_AUDIT_KEY`,
 * `MANDATE_AUDIT_KEY_FILE` or the default file beside the data folder; `runtime/audit/key.ts`), checks every
 * entry's MAC and the signed checkpoint. Prints `OK` with what was checked and what could not be, or the first
 * broken entry and why. Exit code 0 when the chain is intact, 1 when it is broken, 2 on a usage error.
 */
import { existsSync } from 'node:fs';
import { ChainVerifier, type ChainReport } from '../audit/chain.ts';
import { AuditKeyError, defaultAuditKeyFile, loadAuditKey, type AuditKey } from '../audit/key.ts';
import { openStore, sqlitePathOf, StoreConfigError, storeConfigFromEnv, usesSqlite } from '../store/index.ts';
import type { Store, StoreConfig } from '../store/types.ts';

/** Usage text of `mandate audit`. */
export const USAGE =
  'Usage: mandate audit verify [--data DIR]\n' +
  'Checks the audit log of the store configured by DATABASE_URL, MONGODB_URI or MANDATE_DATA_DIR (default ./data): the hash chain, and with the\n' +
  'audit key (MANDATE_AUDIT_KEY, MANDATE_AUDIT_KEY_FILE, or DIR-audit.key beside the data folder) each entry\u2019s MAC and the signed checkpoint.';

/** Verifies a store's whole audit chain, reading it in pages of 1000; with `key`, the MACs and checkpoint too. */
export async function verifyStoreChain(store: Store, key?: Buffer): Promise<ChainReport> {
  const verifier = new ChainVerifier(undefined, key);
  let afterSeq = 0;
  for (;;) {
    const page = await store.listAudit({ afterSeq, limit: 1000 });
    for (const entry of page) verifier.push(entry);
    if (page.length < 1000 || !verifier.report().ok) break;
    afterSeq = page[page.length - 1].seq;
  }
  verifier.finish(key ? await store.auditCheckpoint() : null);
  return verifier.report();
}

function parse(args: string[], env: NodeJS.ProcessEnv): StoreConfig | string {
  if (args[0] !== 'verify') return args[0] === undefined ? 'mandate audit needs a subcommand.' : `Unknown subcommand "${args[0]}".`;
  let config: StoreConfig;
  try {
    config = storeConfigFromEnv(env);
  } catch (error) {
    if (error instanceof StoreConfigError) return error.message;
    throw error;
  }
  for (let i = 1; i < args.length; i += 1) {
    if (args[i] === '--data' && args[i + 1] !== undefined) config.dataDir = args[++i];
    else return `"${args[i]}" is not an option of mandate audit verify.`;
  }
  return config;
}

/** The lines saying what an intact log's check covered and what it could not. */
function coverage(report: ChainReport, key: AuditKey | null, dataDir: string): string[] {
  if (!key || !report.keyed) {
    return [
      `No audit key found (MANDATE_AUDIT_KEY, MANDATE_AUDIT_KEY_FILE, or ${defaultAuditKeyFile(dataDir)}): only the hash chain was checked.`,
      'Without the key this check cannot detect an entry rewritten with its later hashes recomputed, nor entries deleted from the end.',
      'Keep the last hash elsewhere to detect the latter.',
    ];
  }
  const { unkeyedUpTo, macs, checkpoint } = report.keyed;
  const from = key.source === 'env' ? 'MANDATE_AUDIT_KEY' : key.file;
  const lines: string[] = [];
  if (macs === 0) {
    lines.push(
      report.count === 0
        ? `Audit key from ${from}: the log is empty.`
        : `The log is unkeyed up to entry ${unkeyedUpTo} (all of it): no entry has a MAC, as it was written before an audit key was configured.`,
      'An unkeyed log cannot show an entry rewritten with its later hashes recomputed, nor entries deleted from the end: keep the last hash elsewhere.',
    );
    return lines;
  }
  lines.push(`MACs checked with the audit key from ${from}: ${macs} entries signed and intact.`);
  if (unkeyedUpTo > 0) {
    lines.push(
      `Note: the log is unkeyed up to entry ${unkeyedUpTo} (written before the audit key was configured). Those entries have no MAC of their own; ` +
        `a change to them with recomputed hashes is still caught by the MAC of entry ${unkeyedUpTo + 1}, which depends on their hashes.`,
    );
  }
  if (checkpoint) lines.push(`Signed checkpoint intact: ${checkpoint.seq} entries, head ${checkpoint.hash}, written ${checkpoint.at}.`);
  lines.push('Not detectable here: the whole store replaced by an older copy of itself (checkpoint included). Keep the last hash elsewhere.');
  return lines;
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
  if (usesSqlite(config) && !existsSync(sqlitePathOf(config))) {
    console.error(`No Mandate database at ${sqlitePathOf(config)}: set MANDATE_DATA_DIR or pass --data DIR (the folder holding mandate.db).`);
    return 2;
  }
  const dataDir = config.dataDir ?? './data';
  let key: AuditKey | null;
  try {
    key = loadAuditKey(env, dataDir, { create: false });
  } catch (error) {
    if (!(error instanceof AuditKeyError)) throw error;
    console.error(error.message);
    return 2;
  }
  const store = await openStore(config);
  try {
    const report = await verifyStoreChain(store, key ? Buffer.from(key.hex, 'hex') : undefined);
    if (report.ok) {
      console.log(`OK: ${report.count} audit entries, chain intact. Last hash ${report.lastHash ?? '(empty log)'}`);
      for (const line of coverage(report, key, dataDir)) console.log(line);
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
