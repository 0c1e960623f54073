/**
 * The studio's feedback time: `npm run bench -- studio`. After each pause in typing the studio validates, compiles
 * and runs every test case of the draft (with condition coverage) in its engine worker. Measured on us-snap, in the
 * same run:
 * 1. STUDIO: the real studio in Debian's Chromium (built with Vite, served by the real server): the figure the
 *    worker reports after each of 12 edits typed into the editor ("Checked in N ms").
 * 2. NODE: the same function (`studio/src/engine/checks.ts` `check`) on the same text in this process.
 * 3. SERVER: the same work through the API, as a studio without its worker would do it: save the draft
 *    (`PUT /draft` with If-Match), `POST /draft/validate` and `POST /draft/test`, on loopback.
 * Prints the medians and the server/studio ratio; the target is a studio figure within 300 ms. Without Chromium
 * (MANDATE_CHROMIUM, /usr/bin/chromium or `chromium` on PATH) the studio line is skipped and the NODE figure is held
 * to the target.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { startServer } from '../runtime/main.ts';
import { check } from '../studio/src/engine/checks.ts';
import { textOf } from '../studio/src/draft/useDraft.ts';
import { browserDecision, CHROMIUM_ARGS } from '../tests/browser/support/chromium.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The studio's budget for one check (the target). */
export const TARGET_MS = 300;
const EDITS = 12;
const ADMIN = { email: 'bench-admin@example.org', password: 'bench-admin-password' };
const ANALYST = { email: 'bench-analyst@example.org', password: 'bench-analyst-password', name: 'Bench Analyst', roles: ['analyst'] };

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function login(url: string, account: { email: string; password: string }): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  if (!response.ok) throw new Error(`sign-in of ${account.email} failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

/** Medians of the three ways; `studio` is undefined without Chromium. */
export async function measureStudio(): Promise<{ studio?: number; node: number; server: number; tests: number }> {
  const work = mkdtempSync(path.join(tmpdir(), 'mandate-bench-studio-'));
  const decision = browserDecision();
  try {
    const studioDist = path.join(work, 'studio');
    if (decision.action === 'run')
      await build({ configFile: path.join(ROOT, 'studio', 'vite.config.ts'), logLevel: 'error', build: { outDir: studioDist, emptyOutDir: true } });
    const server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir: path.join(work, 'data'),
      adminEmail: ADMIN.email,
      adminPassword: ADMIN.password,
      demoUsers: false,
      announce: false,
      logLevel: 'silent',
      webDist: path.join(work, 'no-web'),
      studioDist,
      buildWebIfMissing: false,
      loginRateLimit: 10_000,
    });
    const url = server.url.replace('localhost', '127.0.0.1');
    try {
      const admin = await login(url, ADMIN);
      await fetch(`${url}/api/users`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${admin}` },
        body: JSON.stringify(ANALYST),
      });
      const token = await login(url, ANALYST);
      const auth = { Authorization: `Bearer ${token}` };
      const made = await fetch(`${url}/api/programs/us-snap/versions/5/draft`, { method: 'POST', headers: auth });
      if (made.status !== 201) throw new Error(`making the us-snap draft failed: ${made.status} ${await made.text()}`);
      let draft = ((await made.json()) as { draft: { revision: number; doc: { description: string } & Record<string, unknown> } }).draft;
      const text = textOf(draft.doc);

      // NODE: the worker's own function.
      for (let i = 0; i < 3; i++) check(text);
      const node: number[] = [];
      let tests = 0;
      for (let i = 0; i < EDITS; i++) {
        const edited = textOf({ ...draft.doc, description: `${draft.doc.description}${' '.repeat(i + 1)}` });
        const t0 = performance.now();
        const result = check(edited);
        node.push(performance.now() - t0);
        tests = result.tests?.total ?? 0;
      }

      // SERVER: save, validate and test through the API.
      const serverTimes: number[] = [];
      for (let i = 0; i < EDITS + 3; i++) {
        const doc = { ...draft.doc, description: `${draft.doc.description}.` };
        const t0 = performance.now();
        const saved = await fetch(`${url}/api/programs/us-snap/draft`, {
          method: 'PUT',
          headers: { ...auth, 'Content-Type': 'application/json', 'If-Match': String(draft.revision) },
          body: JSON.stringify(doc),
        });
        if (!saved.ok) throw new Error(`saving the draft failed: ${saved.status} ${await saved.text()}`);
        draft = ((await saved.json()) as { draft: typeof draft }).draft;
        const validated = await fetch(`${url}/api/programs/us-snap/draft/validate`, { method: 'POST', headers: auth });
        const tested = await fetch(`${url}/api/programs/us-snap/draft/test`, { method: 'POST', headers: auth });
        await validated.arrayBuffer();
        await tested.arrayBuffer();
        if (i >= 3) serverTimes.push(performance.now() - t0);
      }

      // STUDIO: edits typed into the real editor, timed by the worker.
      let studio: number | undefined;
      if (decision.action === 'run') {
        const browser = await chromium.launch({
          executablePath: decision.chromium,
          args: CHROMIUM_ARGS,
        });
        try {
          const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
          await page.goto(`${url}/studio`);
          await page.getByLabel('Email address').fill(ANALYST.email);
          await page.getByLabel('Password').fill(ANALYST.password);
          await page.getByRole('button', { name: 'Sign in' }).click();
          await page.getByRole('heading', { level: 1, name: 'Programs' }).waitFor();
          await page.goto(`${url}/studio/programs/us-snap/draft`);
          const state = page.getByTestId('check-state');
          await state.filter({ hasText: /Checked in/ }).waitFor({ timeout: 60_000 });
          await page.locator('.monaco-editor .view-lines').first().click();
          const figures: number[] = [];
          for (let i = 0; i < EDITS + 2; i++) {
            const before = await state.getAttribute('data-checks');
            // Line 5 is the description: type at its end.
            await page.keyboard.press('Control+Home');
            for (let k = 0; k < 4; k++) await page.keyboard.press('ArrowDown');
            await page.keyboard.press('End');
            await page.keyboard.press('ArrowLeft');
            await page.keyboard.press('ArrowLeft');
            await page.keyboard.type(i % 2 ? 'x' : 'y');
            await page.waitForFunction((b) => document.querySelector('[data-testid="check-state"]')?.getAttribute('data-checks') !== b, before, {
              timeout: 20_000,
            });
            const line = (await state.textContent()) ?? '';
            // Only checks that ran the test cases count (an edit that broke the text would be quicker, and wrong).
            if (!/Errors: 0\./.test(line) || !/28 of 28|(\d+) of \1 test cases pass/.test(line))
              throw new Error(`the edit did not leave a valid draft: ${line}`);
            const ms = Number(/(\d+) ms/.exec(line)?.[1]);
            if (i >= 2 && Number.isFinite(ms)) figures.push(ms);
          }
          studio = median(figures);
        } finally {
          await browser.close();
        }
      }
      return { studio, node: median(node), server: median(serverTimes), tests };
    } finally {
      await server.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Prints the figures for `bench/run.ts`; true when the studio's check fits the budget. */
export async function run(): Promise<boolean> {
  const m = await measureStudio();
  const shown = m.studio ?? m.node;
  console.log(`studio feedback on us-snap (validate + compile + ${m.tests} test cases + condition coverage), median of ${EDITS}:`);
  if (m.studio !== undefined) console.log(`  STUDIO  engine worker in Chromium: ${m.studio.toFixed(0)} ms`);
  else console.log('  STUDIO  skipped: no Chromium (apt-get install chromium, or set MANDATE_CHROMIUM)');
  console.log(`  NODE    the same check in Node:   ${m.node.toFixed(0)} ms`);
  console.log(`  SERVER  save + validate + test over HTTP: ${m.server.toFixed(0)} ms  (${(m.server / shown).toFixed(1)}× the studio's figure)`);
  const ok = shown <= TARGET_MS;
  console.log(`  ${ok ? 'PASS' : 'FAIL'}: ${shown.toFixed(0)} ms ${ok ? '≤' : '>'} ${TARGET_MS} ms`);
  return ok;
}
