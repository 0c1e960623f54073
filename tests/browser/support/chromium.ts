/**
 * Whether the browser suites run, skip or fail, decided once from the environment and the file system: the
 * Chromium binary is `MANDATE_CHROMIUM`, else `/usr/bin/chromium`, else `chromium` on `PATH`. Without one the
 * suites are skipped on a developer machine (the summary reporter prints why, once per run) and fail under
 * `CI=true`, where they are required. `MANDATE_SKIP_BROWSER=1` skips them on purpose, except under `CI=true`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The default Chromium binary (Debian's package). */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/**
 * How the tests and the studio benchmark start Chromium here: headless as root (no sandbox, no GPU), and without the
 * background connections this machine's closed network refuses (component updates, sync, QUIC).
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** What the browser suites do in this run. */
export type BrowserDecision = { action: 'run'; chromium: string } | { action: 'skip'; reason: string } | { action: 'fail'; reason: string };

const INSTALL = 'install it (Debian/Ubuntu: apt-get install chromium) or set MANDATE_CHROMIUM to its path';

/** Decides from `env` and `exists` (a file-existence check) alone, so that it can be tested without a machine. */
export function decideBrowser(env: Readonly<Record<string, string | undefined>>, exists: (file: string) => boolean): BrowserDecision {
  const ci = env.CI === 'true' || env.CI === '1';
  if (env.MANDATE_SKIP_BROWSER === '1') {
    return ci
      ? { action: 'fail', reason: 'MANDATE_SKIP_BROWSER=1 is set, but under CI=true the browser tests are required: unset it.' }
      : { action: 'skip', reason: 'Browser tests skipped: MANDATE_SKIP_BROWSER=1 is set.' };
  }
  let missing: string;
  if (env.MANDATE_CHROMIUM) {
    if (exists(env.MANDATE_CHROMIUM)) return { action: 'run', chromium: env.MANDATE_CHROMIUM };
    missing = `MANDATE_CHROMIUM=${env.MANDATE_CHROMIUM} does not exist`;
  } else {
    if (exists(DEFAULT_CHROMIUM)) return { action: 'run', chromium: DEFAULT_CHROMIUM };
    const onPath = (env.PATH ?? '')
      .split(path.delimiter)
      .filter((dir) => dir !== '')
      .map((dir) => path.join(dir, 'chromium'))
      .find(exists);
    if (onPath) return { action: 'run', chromium: onPath };
    missing = `Chromium is not at ${DEFAULT_CHROMIUM} nor on PATH`;
  }
  return ci
    ? { action: 'fail', reason: `${missing}; under CI=true the browser tests are required: ${INSTALL}.` }
    : { action: 'skip', reason: `Browser tests skipped: ${missing}; to run them, ${INSTALL}.` };
}

/** The decision for this process. */
export function browserDecision(): BrowserDecision {
  return decideBrowser(process.env, existsSync);
}
