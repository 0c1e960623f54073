/**
 * The browser-test harness: takes the built web pages (built once per content: `build-cache.ts`), starts the real
 * Mandate server (`runtime/main.ts` `startServer`, its own temporary data folder, port 0, strict CSP) on a copy of a
 * data folder where the programs are published and the staff accounts exist (made once per content, through the
 * API), and launches Chromium with playwright-core. Which Chromium, and whether the suites run, skip or fail when it
 * is missing, is `browserDecision()` (`chromium.ts`); the summary reporter prints the reason for a skip once per run.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { startServer, type RunningServer, type StartOptions } from '../../../runtime/main.ts';
import { storeConfigFromEnv } from '../../../runtime/store/index.ts';
import { browserDecision, CHROMIUM_ARGS } from './chromium.ts';
import { builtApp, cachedFolder, contentKey } from './build-cache.ts';
import type { MailConfig } from '../../../runtime/config-mail.ts';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
const decision = browserDecision();
/** True when the browser suites skip themselves (no Chromium outside CI, or `MANDATE_SKIP_BROWSER=1`). */
export const browserSkipped = decision.action === 'skip';
export const SCREENSHOTS = path.join(ROOT, 'test-artifacts', 'screenshots');
export const PHONE = { width: 390, height: 844 };
/** Per-test time limit: a page-by-page axe run on a loaded CI machine takes longer than unit tests. */
export const BROWSER_TEST_TIMEOUT = 180_000;

const ADMIN = { email: 'admin@example.org', password: 'admin-password-for-tests' };
const PASSWORD = 'staff-password-for-tests';

/** Staff accounts the tests sign in with. */
export const STAFF = {
  caseworker: { email: 'casey@example.org', name: 'Casey Worker', roles: ['caseworker'], password: PASSWORD },
  supervisor: { email: 'sam@example.org', name: 'Sam Supervisor', roles: ['supervisor'], password: PASSWORD },
  // One person with both roles: may review and is a supervisor, so maker-checker must stop them approving.
  lead: { email: 'lee@example.org', name: 'Lee Lead', roles: ['caseworker', 'supervisor'], password: PASSWORD },
  analyst: { email: 'ana@example.org', name: 'Ana Analyst', roles: ['analyst'], password: PASSWORD },
  analyst2: { email: 'bo@example.org', name: 'Bo Analyst', roles: ['analyst'], password: PASSWORD },
  navigator: { email: 'ines@example.org', name: 'Ines Navigator', roles: ['intermediary'], password: PASSWORD },
} as const;

/** The first administrator (created at start-up). */
export const ADMINISTRATOR = { ...ADMIN, name: 'Administrator' };

/** Everything a browser suite needs. */
export interface Harness {
  server: RunningServer;
  url: string;
  browser: Browser;
  /** The built applicant and staff pages (and, with `studio`, the studio) this server serves; shared, read only. */
  webDist: string;
  studioDist?: string;
  /** The server's data folder (its SQLite store is `mandate.db` in it), for suites that seed a store. */
  dataDir: string;
  close(): Promise<void>;
}

async function createStaff(url: string): Promise<void> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (!login.ok) throw new Error(`The test administrator could not sign in: ${login.status} ${await login.text()}`);
  const { token } = (await login.json()) as { token: string };
  for (const account of Object.values(STAFF)) {
    const response = await fetch(`${url}/api/users`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(account),
    });
    if (!response.ok) throw new Error(`Creating ${account.email} failed: ${response.status} ${await response.text()}`);
  }
}

/** What a suite needs beside the applicant and staff pages. */
export interface HarnessOptions {
  /** Build and serve the studio at /studio too. */
  studio?: boolean;
  /** Publish the programs of this folder at start instead of the shipped ones (`programs/`). */
  programsDir?: string;
  /** How the server sends email (read when the server starts: the test's SMTP server is running by then); default none. */
  mail?: () => MailConfig | null;
}

/** The options of every suite's server; `dataDir` is its own. */
function serverOptions(dataDir: string, options: HarnessOptions): StartOptions {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    adminEmail: ADMIN.email,
    adminPassword: ADMIN.password,
    demoUsers: false,
    announce: false,
    logLevel: 'silent',
    buildWebIfMissing: false,
    allowUnsafeEval: false,
    loginRateLimit: 1000,
    limits: { startsPerHour: 100_000, publicWritesPerMinute: 100_000 },
    ...(options.programsDir ? { programsDir: options.programsDir } : {}),
  };
}

/**
 * A data folder where the shipped (or `programsDir`) programs are published and the staff accounts exist, made once
 * per content (engine, runtime, programs, accounts; and per day, so that publication dates are today's) and copied
 * into each suite's own data folder: publishing (every version validated, its test cases run) and hashing the
 * accounts' passwords are paid once per run, not once per file. Null when the environment configures another store
 * than the embedded SQLite file, whose data a folder copy would not carry: then each suite starts from nothing.
 */
async function seededData(options: HarnessOptions): Promise<string | null> {
  const { dataDir: _, ...elsewhere } = storeConfigFromEnv(process.env);
  if (Object.values(elsewhere).some((v) => v !== undefined)) return null;
  const programs = options.programsDir ?? path.join(ROOT, 'programs');
  const day = new Date().toISOString().slice(0, 10);
  const key = contentKey(['engine', 'runtime', programs, 'package-lock.json'], JSON.stringify({ ADMIN, STAFF, day }));
  const folder = await cachedFolder('data', key, async (dir) => {
    const server = await startServer({ ...serverOptions(path.join(dir, 'data'), options), serveWeb: false, mail: null });
    try {
      if (server.store.kind === 'sqlite') await createStaff(server.url);
      else writeFileSync(path.join(dir, 'not-embedded'), server.store.kind);
    } finally {
      await server.close();
    }
  });
  return existsSync(path.join(folder, 'not-embedded')) ? null : path.join(folder, 'data');
}

/** Builds the pages, starts the server and the browser. Throws the decision's reason when the suites must fail. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  if (decision.action !== 'run') throw new Error(decision.reason);
  const work = mkdtempSync(path.join(tmpdir(), 'mandate-browser-'));
  const dataDir = path.join(work, 'data');
  // Built once per content for every file of the run (build-cache.ts); only read here.
  const dist = await builtApp('web');
  const studioDist = options.studio ? await builtApp('studio') : path.join(work, 'no-studio');
  // This suite's own copy of the seeded data: its programs are known at start, its accounts exist.
  const seeded = await seededData(options);
  if (seeded) cpSync(seeded, dataDir, { recursive: true });
  const server = await startServer({ ...serverOptions(dataDir, options), webDist: dist, studioDist, mail: options.mail?.() ?? null });
  if (!seeded) await createStaff(server.url);
  const browser = await chromium.launch({
    executablePath: decision.chromium,
    args: CHROMIUM_ARGS,
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    server,
    url: server.url.replace('localhost', '127.0.0.1'),
    browser,
    webDist: dist,
    studioDist: options.studio ? studioDist : undefined,
    dataDir,
    close: async () => {
      await browser.close();
      await server.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/** A new page that records console errors, page errors and CSP violations (a test checks `problems` is empty). */
export async function newPage(context: BrowserContext): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of (401|403|404|409|422)/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  return { page, problems };
}

/** Saves a full-page screenshot under test-artifacts/screenshots. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Runs axe (WCAG 2.0/2.1 A and AA) on the page; returns readable violations (empty when none). */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 5)
        .join(', ')}`,
  );
}

/** Signs a staff member in on the studio; waits for its program list. */
export async function signInStudio(page: Page, url: string, account: { email: string; password: string }, lang: 'en' | 'es' = 'en'): Promise<void> {
  await page.goto(`${url}/studio?lang=${lang}`);
  await page.getByLabel(/Email address|Correo electrónico/).fill(account.email);
  await page.getByLabel(/^(Password|Contraseña)$/).fill(account.password);
  await page.getByRole('button', { name: /^(Sign in|Iniciar sesión)$/ }).click();
  await page.getByRole('heading', { level: 1, name: /^(Programs|Programas)$/ }).waitFor();
}

/** Signs a staff member in on the staff pages. */
export async function signIn(page: Page, url: string, account: { email: string; password: string }): Promise<void> {
  await page.goto(`${url}/staff`);
  await page.getByLabel(/Email address|Correo electrónico/).fill(account.email);
  await page.getByLabel(/^(Password|Contraseña)$/).fill(account.password);
  await page.getByRole('button', { name: /^(Sign in|Iniciar sesión)$/ }).click();
  await page.getByRole('heading', { level: 1, name: /^(Cases|Casos)$/ }).waitFor();
}

/**
 * Registers a browser suite against the real server: skipped when `browserSkipped` (counted as skipped); the server and
 * Chromium start once before its first test (`ready` receives them) and close after its last.
 */
export function describeInBrowser(name: string, ready: (harness: Harness) => void, tests: () => void, options: HarnessOptions = {}): void {
  describe.skipIf(browserSkipped)(name, { timeout: BROWSER_TEST_TIMEOUT }, () => {
    let harness: Harness | undefined;
    beforeAll(async () => {
      harness = await startHarness(options);
      ready(harness);
    });
    afterAll(async () => {
      await harness?.close();
    });
    tests();
  });
}
