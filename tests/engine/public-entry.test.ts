/**
 * The engine is used through its entries only: `runtime/` imports `engine/index.ts`; `studio/` imports
 * `engine/index.ts` or `engine/browser.ts`; `web/` imports `engine/browser.ts`, the browser-safe entry, so that
 * the applicant bundle never carries what only the server needs (ajv's compiler, the type generator and its
 * prettier). Every import statement and `new URL('…engine/…')` file reference of those folders is checked.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { localImports, ROOT, sourceFiles } from '../support/imports.ts';

const ENTRIES: Record<string, readonly string[]> = {
  runtime: ['engine/index.ts'],
  studio: ['engine/index.ts', 'engine/browser.ts'],
  web: ['engine/browser.ts'],
};

/** The deliberate exceptions: `file → engine file`, each with its reason. */
const ALLOWED: Record<string, string> = {
  'runtime/services/form-validators.ts → engine/validate/formats.ts':
    'a file path, not an import: the standalone validator modules the server generates for the pages `require` the ' +
    'formats module `formAjv` registers, so that a format means the same on the page and on the server',
  'runtime/services/form-validators.ts → engine/validate/linear-regexp.ts':
    'a file path, not an import: the standalone validator modules `require` the linear-time pattern engine every ajv ' +
    'of the engine runs patterns on, so that a pattern runs the same way on the page and on the server',
};

/** The engine files `file` reaches, by import statement or by `new URL('…', import.meta.url)`. */
function engineReferences(file: string): { target: string; line: number }[] {
  const refs = localImports(file).map(({ target, line }) => ({ target, line }));
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  for (const m of text.matchAll(/new URL\(\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
    refs.push({ target: path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1])), line: text.slice(0, m.index).split('\n').length });
  }
  return refs.filter((r) => r.target.startsWith('engine/'));
}

describe('the engine is imported through its public entries', () => {
  for (const [folder, entries] of Object.entries(ENTRIES)) {
    it(`${folder}/ imports ${entries.join(' or ')} only`, () => {
      const files = sourceFiles(folder);
      expect(files.length).toBeGreaterThan(10);
      const found = files.flatMap((file) => engineReferences(file).map((r) => ({ file, ...r })));
      expect(found.length, `${folder}/ uses the engine`).toBeGreaterThan(0);
      const wrong = found
        .filter((r) => !entries.includes(r.target) && !(`${r.file} → ${r.target}` in ALLOWED))
        .map((r) => `${r.file}:${r.line} imports ${r.target}; import it from ${entries.join(' or ')} (export it there if needed)`);
      expect(wrong).toEqual([]);
    });
  }

  it('every allowed exception is still used (an unused one is removed)', () => {
    const used = new Set(
      Object.keys(ENTRIES).flatMap((folder) => sourceFiles(folder).flatMap((file) => engineReferences(file).map((r) => `${file} → ${r.target}`))),
    );
    expect(Object.keys(ALLOWED).filter((k) => !used.has(k))).toEqual([]);
  });

  it('the browser entry pulls in neither the type generator nor ajv', () => {
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const i of localImports(file)) if (!i.typeOnly) visit(i.target);
    };
    visit('engine/browser.ts');
    const sources = [...seen].map((f) => readFileSync(path.join(ROOT, f), 'utf8')).join('\n');
    expect([...seen]).toContain('engine/languages/conditions/interpret.ts');
    expect(sources).not.toMatch(/from ['"](ajv|json-schema-to-typescript|prettier)/);
    expect([...seen].filter((f) => f.startsWith('engine/tools/'))).toEqual([]);
  });
});
