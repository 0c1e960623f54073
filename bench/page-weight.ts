/**
 * The applicant's first page on the wire: `npm run bench -- page-weight`. Builds the web pages twice into temporary
 * folders and loads `/` (the programs page, with its scripts, stylesheet, fonts and API answers) in Debian's
 * Chromium from the real server, summing the bytes each response took on the wire (Chrome's `encodedDataLength`,
 * headers included), in the same run:
 * 1. BEFORE: the whole USWDS stylesheet (`MANDATE_WEB_FULL_CSS=1`), the server not compressing (`compress: false`),
 *    as the server sent `/` before issue 15.
 * 2. NOW: only the CSS the pages use, precompressed files and compressed answers (gzip here: Chromium asks for
 *    brotli only over HTTPS, where the same files are about 15% smaller still).
 * The target is the NOW figure within 150 kB. Without Chromium (MANDATE_CHROMIUM, /usr/bin/chromium or `chromium`
 * on PATH) it is skipped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { pino } from 'pino';
import { startServer } from '../runtime/main.ts';
import { browserDecision, CHROMIUM_ARGS } from '../tests/browser/support/chromium.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The issue's budget for the applicant's first page, in bytes. */
export const TARGET_BYTES = 150_000;

/** Bytes on the wire for `/`, by kind of response (document, script, stylesheet, font, fetch…). */
export interface PageWeight {
  total: number;
  byType: Record<string, number>;
  requests: number;
}

async function buildPages(outDir: string, fullCss: boolean): Promise<void> {
  const before = process.env.MANDATE_WEB_FULL_CSS;
  if (fullCss) process.env.MANDATE_WEB_FULL_CSS = '1';
  else delete process.env.MANDATE_WEB_FULL_CSS;
  try {
    await build({ configFile: path.join(ROOT, 'web', 'vite.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true } });
  } finally {
    if (before === undefined) delete process.env.MANDATE_WEB_FULL_CSS;
    else process.env.MANDATE_WEB_FULL_CSS = before;
  }
}

/** Loads `/` of a server over `webDist` in Chromium and sums the bytes on the wire. */
async function weigh(chromiumPath: string, webDist: string, dataDir: string, compress: boolean): Promise<PageWeight> {
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    adminEmail: 'bench-admin@example.org',
    adminPassword: 'bench-admin-password',
    demoUsers: false,
    announce: false,
    logger: pino({ level: 'silent' }),
    webDist,
    buildWebIfMissing: false,
    compress,
  });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const types = new Map<string, string>();
    const weight: PageWeight = { total: 0, byType: {}, requests: 0 };
    cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
    cdp.on('Network.loadingFinished', (e) => {
      const type = (types.get(e.requestId) ?? 'Other').toLowerCase();
      weight.total += e.encodedDataLength;
      weight.byType[type] = (weight.byType[type] ?? 0) + e.encodedDataLength;
      weight.requests++;
    });
    await page.goto(`${server.url.replace('localhost', '127.0.0.1')}/`, { waitUntil: 'networkidle' });
    await page.getByRole('heading', { level: 1 }).waitFor();
    return weight;
  } finally {
    await browser.close();
    await server.close();
  }
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

/** Both figures; undefined without Chromium. */
export async function measurePageWeight(): Promise<{ before: PageWeight; now: PageWeight } | undefined> {
  const decision = browserDecision();
  if (decision.action !== 'run') return undefined;
  const work = mkdtempSync(path.join(tmpdir(), 'mandate-bench-weight-'));
  try {
    await buildPages(path.join(work, 'full'), true);
    await buildPages(path.join(work, 'lean'), false);
    const before = await weigh(decision.chromium, path.join(work, 'full'), path.join(work, 'data-before'), false);
    const now = await weigh(decision.chromium, path.join(work, 'lean'), path.join(work, 'data-now'), true);
    return { before, now };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Prints the figures; true when the first page is within the target. */
export async function run(): Promise<boolean> {
  const measured = await measurePageWeight();
  if (!measured) {
    console.log('page weight: skipped, no Chromium (set MANDATE_CHROMIUM or install chromium)');
    return true;
  }
  const { before, now } = measured;
  const line = (label: string, w: PageWeight) =>
    `  ${label.padEnd(44)} ${kb(w.total).padStart(10)}  (${w.requests} responses: ${Object.entries(w.byType)
      .sort((a, b) => b[1] - a[1])
      .map(([type, bytes]) => `${type} ${kb(bytes)}`)
      .join(', ')})`;
  console.log('Bytes on the wire for / (the programs page with its assets and API answers), Chromium, cache off:');
  console.log(line('before: all of USWDS CSS, uncompressed', before));
  console.log(line('now: used CSS, precompressed (gzip over http)', now));
  console.log(`  ${(before.total / now.total).toFixed(1)}× less; target ≤ ${kb(TARGET_BYTES)}: ${now.total <= TARGET_BYTES ? 'met' : 'MISSED'}`);
  return now.total <= TARGET_BYTES;
}
