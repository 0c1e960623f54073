/**
 * The audit key: the HMAC key of the keyed audit chain (`chain.ts`), kept OUTSIDE the store so that someone who
 * can write the database cannot forge MACs.
 *
 * Where it comes from, first match wins:
 * 1. `MANDATE_AUDIT_KEY`: the key itself, 64 hex characters (32 bytes), e.g. from a secret manager;
 * 2. `MANDATE_AUDIT_KEY_FILE`: a file holding those 64 hex characters;
 * 3. the default file beside the data folder (not in it, so a copy of the data folder does not carry the key):
 *    `<data folder>-audit.key`, e.g. `./data-audit.key` for `./data`. The server generates it on first start and
 *    writes it (mode 0600, `saveAuditKey`) once its store has opened, so a start that fails leaves no key that signed
 *    nothing; it logs where. `mandate audit verify` only reads it.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** An audit key and where it came from. */
export interface AuditKey {
  /** 64 hex characters. */
  hex: string;
  source: 'env' | 'file' | 'generated';
  /** The file it was read from or written to (absent for `env`). */
  file?: string;
}

/** A key that cannot be used: the message says which setting, what is wrong and how to fix it. */
export class AuditKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditKeyError';
  }
}

const HEX_KEY = /^[0-9a-f]{64}$/i;

/** The default key file for a data folder: its sibling `<folder>-audit.key`. */
export function defaultAuditKeyFile(dataDir: string): string {
  const dir = path.resolve(dataDir);
  return path.join(path.dirname(dir), `${path.basename(dir)}-audit.key`);
}

function checked(value: string, where: string): string {
  const hex = value.trim();
  if (!HEX_KEY.test(hex)) {
    throw new AuditKeyError(`${where} is not an audit key: it must be 64 hexadecimal characters (32 bytes). Make one with \`openssl rand -hex 32\`.`);
  }
  return hex.toLowerCase();
}

/**
 * The audit key the environment configures (see the module comment). With `create`, a missing default file gives a
 * new key (`source: 'generated'`) that is not written yet: `saveAuditKey` writes it once it is in use. Without
 * `create`, null when there is none (a log verified without its key).
 */
export function loadAuditKey(env: NodeJS.ProcessEnv, dataDir: string, options: { create: boolean }): AuditKey | null {
  if (env.MANDATE_AUDIT_KEY?.trim()) return { hex: checked(env.MANDATE_AUDIT_KEY, 'MANDATE_AUDIT_KEY'), source: 'env' };
  const configured = env.MANDATE_AUDIT_KEY_FILE?.trim();
  const file = configured ? path.resolve(configured) : defaultAuditKeyFile(dataDir);
  if (existsSync(file)) return { hex: checked(readFileSync(file, 'utf8'), `The audit key file ${file}`), source: 'file', file };
  if (configured) throw new AuditKeyError(`MANDATE_AUDIT_KEY_FILE names ${file}, which does not exist. Point it at the key file, or unset it.`);
  if (!options.create) return null;
  return { hex: randomBytes(32).toString('hex'), source: 'generated', file };
}

/**
 * Writes a generated key to its file (mode 0600). Throws an `AuditKeyError` if the file appeared meanwhile (another
 * process generated its own key at the same time): this process's key must then not be used.
 */
export function saveAuditKey(key: AuditKey): void {
  if (key.source !== 'generated' || !key.file) return;
  mkdirSync(path.dirname(key.file), { recursive: true });
  try {
    writeFileSync(key.file, `${key.hex}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    throw new AuditKeyError(`Another process created the audit key file ${key.file} while this one was starting. Start again: it will use that key.`);
  }
}
