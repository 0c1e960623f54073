/**
 * A Spanish applicant sees no English (issue 15, item 9): the browser walks every applicant page in Spanish — the
 * programs, the screener and its results, each shipped program's intro, every step of its form, the review, the
 * submission and its result, the status page on another device (its case and messages), the resume page with a wrong code, and a missing page — and reads every visible text
 * (text nodes, labels, placeholders, alternative texts, the document title). A text fails when it is one of the
 * English texts of the page chrome (web/src/i18n/en.ts, placeholders matched as wildcards) or of a program definition
 * (every translatable text) whose Spanish translation differs, unless it is an allowed name. Staff wording (the
 * workflow's deadline titles, in either language) fails wherever it appears.
 */
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { translatableTexts, translationOf, type Program } from '../../engine/index.ts';
import { en } from '../../web/src/i18n/en.ts';
import { es } from '../../web/src/i18n/es.ts';
import { axeViolations, describeInBrowser, type Harness, newPage, PHONE, ROOT } from './support/harness.ts';

let h: Harness;

/** Visible texts that may be the same as an English source: names and words both languages write alike. */
const ALLOWED = new Set(['English', 'SNAP', 'Ana', 'Ana Ruiz', 'No', 'Total', 'Mandate']);

const PROGRAMS = ['us-snap', 'emergency-rental-assistance', 'community-food-bank'];

/** One English text to look for, and how. */
interface Source {
  text: string;
  where: string;
  match: (seen: string) => boolean;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The page chrome's English texts whose Spanish differs: literal ones match whole; templates match with wildcards. */
function chromeSources(): Source[] {
  const out: Source[] = [];
  for (const [key, value] of Object.entries(en)) {
    const english = typeof value === 'function' ? null : String(value);
    const spanish = (es as Record<string, unknown>)[key];
    if (english === null || english === spanish) continue;
    const parts = english.split(/\{\w+\}/);
    const literal = parts.join('').trim();
    if (literal.length < 4) continue;
    if (parts.length === 1) out.push({ text: english, where: `web en.ts ${key}`, match: (seen) => seen === english });
    else {
      const pattern = new RegExp(`^${parts.map(escapeRegex).join('.+?')}$`, 's');
      out.push({ text: english, where: `web en.ts ${key}`, match: (seen) => pattern.test(seen) });
    }
  }
  return out;
}

/** A program's English texts whose Spanish translation differs: whole texts, and long ones inside a sentence too. */
function definitionSources(doc: Program): Source[] {
  const table = doc.translations?.es ?? {};
  return translatableTexts(doc)
    .filter(({ pointer, text }) => translationOf(table, pointer)?.text !== text && text.trim().length >= 3)
    .map(({ pointer, text }) => ({
      text,
      where: `${doc.id}#${pointer}`,
      // The owner's name is shown inside a sentence ("Administrado por …"): found there however short it is.
      match: (seen: string) => seen === text || ((text.length >= 25 || pointer === '/owner/name') && seen.includes(text)),
    }));
}

/** Every text the page shows or reads out: text nodes, labels of inputs, placeholders, alternative texts, the title. */
async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const el = node.parentElement;
      if (!el || el.closest('script, style, noscript, [hidden]')) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (text) out.push(text);
    }
    for (const el of document.querySelectorAll('[placeholder], [aria-label], [title], img[alt]')) {
      for (const name of ['placeholder', 'aria-label', 'title', 'alt']) {
        const value = el.getAttribute(name)?.trim();
        if (value) out.push(value);
      }
    }
    return out;
  });
}

const SHOTS = path.join(ROOT, '..', '..', 'shots', 'after-decisions');

/** Screenshots of `url` at 390 and 1280 px in English and Spanish, each checked by axe; leaves the page in Spanish. */
async function shootEverywhere(page: Page, url: string, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  for (const lang of ['en', 'es']) {
    for (const viewport of [PHONE, { width: 1280, height: 900 }]) {
      await page.setViewportSize(viewport);
      await page.goto(`${url}?lang=${lang}`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.screenshot({ path: path.join(SHOTS, `${name}-${lang}-${viewport.width}.png`), fullPage: true });
      expect(await axeViolations(page), `${name} ${lang} ${viewport.width}`).toEqual([]);
    }
  }
}

describeInBrowser(
  'Spanish completeness: no English text on any applicant page',
  (harness) => (h = harness),
  () => {
    it('counts an untranslated owner name as English where the program list names it', async () => {
      const doc = (await (await fetch(`${h.url}/api/programs/community-food-bank/export`)).json()) as Program;
      // Translated, the list reads "Administrado por Banco de alimentos comunitario": nothing English in it.
      const spanishName = translationOf(doc.translations?.es ?? {}, '/owner/name')?.text ?? '';
      expect(spanishName).not.toBe('');
      expect(definitionSources(doc).some((s) => s.match(es['programs.runBy'].replace('{owner}', spanishName)))).toBe(false);
      // Untranslated, the English name shows inside the Spanish sentence: found, however short it is.
      const untranslated = structuredClone(doc);
      delete untranslated.translations?.es?.['/owner/name'];
      const seen = es['programs.runBy'].replace('{owner}', doc.owner.name);
      expect(definitionSources(untranslated).find((s) => s.match(seen))?.where).toBe('community-food-bank#/owner/name');
    });

    it('walks every applicant page in Spanish and finds no English and no staff wording', async () => {
      const docs: Program[] = [];
      for (const id of PROGRAMS) docs.push((await (await fetch(`${h.url}/api/programs/${id}/export`)).json()) as Program);
      const sources = [...chromeSources(), ...docs.flatMap(definitionSources)];
      // Staff wording, in either language: the deadlines as the workflow names them ("Decide within 30 days").
      const staffOnly = docs.flatMap((doc) =>
        (doc.workflow.deadlines ?? []).flatMap((d, i) => [
          d.title,
          translationOf(doc.translations?.es ?? {}, `/workflow/deadlines/${i}/title`)?.text ?? d.title,
        ]),
      );
      const found: string[] = [];
      const context = await h.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'es-ES' });
      const { page, problems } = await newPage(context);
      const check = async (where: string, on: Page = page) => {
        await on.getByRole('heading', { level: 1 }).first().waitFor();
        await on.waitForLoadState('networkidle');
        expect(await on.evaluate(() => document.documentElement.lang), where).toBe('es');
        for (const seen of await visibleTexts(on)) {
          if (ALLOWED.has(seen)) continue;
          const english = sources.find((s) => s.match(seen));
          if (english) found.push(`${where}: "${seen}" is English (${english.where})`);
          const staff = staffOnly.find((s) => seen.includes(s));
          if (staff) found.push(`${where}: "${seen}" is staff wording ("${staff}")`);
        }
      };

      await page.goto(`${h.url}/?lang=es`);
      await check('programs');
      await page.goto(`${h.url}/screen`);
      await check('screener');
      await page.getByRole('button', { name: 'Ver mis resultados' }).click();
      await page.getByRole('heading', { level: 2, name: 'Sus resultados' }).waitFor();
      await check('screener results');

      for (const doc of docs) {
        const cases = doc.tests ?? [];
        const input = (cases.find((c) => c.expected.eligibility === 'eligible') ?? cases[0]).input;
        const started = await fetch(`${h.url}/api/applications`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ programId: doc.id, lang: 'es' }),
        });
        const app = (await started.json()) as { id: string; resumeCode: string };
        // The answers of the program's own eligible test household, as if typed on this device.
        await page.goto(`${h.url}/apply/${doc.id}`);
        await page.evaluate(({ key, draft }) => window.localStorage.setItem(key, JSON.stringify(draft)), {
          key: `mandate.draft.${doc.id}`,
          draft: { id: app.id, programId: doc.id, resumeCode: app.resumeCode, answers: input, updatedAt: new Date().toISOString(), unsynced: true },
        });
        await page.goto(`${h.url}/apply/${doc.id}`);
        await check(`${doc.id} intro`);
        for (const p of doc.form.pages) {
          await page.goto(`${h.url}/apply/${doc.id}/${p.id}`);
          await check(`${doc.id} step ${p.id}`);
          // The step itself, not the intro it would fall back to without the application on this device.
          expect(new URL(page.url()).pathname).toBe(`/apply/${doc.id}/${p.id}`);
        }
        await page.goto(`${h.url}/apply/${doc.id}/review`);
        await check(`${doc.id} review`);
        // The second factor for the status page (issue 15): a date of birth when the answers hold none.
        const dob = page.locator('#factor-dob-date');
        if ((await dob.count()) && !(await dob.inputValue())) await dob.fill('1990-01-01');
        const factor = (await dob.count()) ? await dob.inputValue() : null;
        await page.getByRole('button', { name: es['apply.submit'] }).click();
        await page.waitForURL(/\/result\//);
        await check(`${doc.id} result`);
        // The status page, opened on another device with the code and the date of birth: the case, its messages.
        if (factor) {
          const other = await h.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'es-ES' });
          const { page: status, problems: statusProblems } = await newPage(other);
          await status.goto(`${h.url}/status?lang=es`);
          await status.locator('#status-code').fill(app.resumeCode);
          await status.locator('#status-dob').fill(factor);
          await status.getByRole('button', { name: es['status.open'] }).click();
          await status.getByTestId('status-state').waitFor();
          await check(`${doc.id} status page`, status);
          expect(statusProblems).toEqual([]);
          await other.close();
        }
        if (doc.id === 'us-snap') await shootEverywhere(page, page.url().split('?')[0], 'result');
      }

      await page.goto(`${h.url}/resume`);
      await check('resume');
      await page.getByLabel(es['resume.code'], { exact: true }).fill('AAAA-BBBB-CCCC-DDDD');
      await page.getByRole('button', { name: es['resume.submit'] }).click();
      await page.getByRole('alert').first().waitFor();
      await check('resume, unknown code');
      await page.goto(`${h.url}/no-such-page`);
      await check('404');
      await shootEverywhere(page, `${h.url}/no-such-page`, 'not-found');

      expect(found).toEqual([]);
      expect(problems).toEqual([]);
      await context.close();
    });
  },
);
