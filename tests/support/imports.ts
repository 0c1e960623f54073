/**
 * The relative imports of the repository's TypeScript files, read from their import and export statements (static
 * `from '…'`, side-effect `import '…'` and dynamic `import('…')`), resolved to repository paths. Enough for the
 * structure tests (import cycles, the engine's public entries); not a TypeScript parser.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

/** Every .ts / .tsx file under `dir` (a repository path), as repository paths, skipping node_modules and dist. */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(path.join(ROOT, d), { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist') continue;
      const p = `${d}/${entry.name}`;
      if (entry.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(entry.name)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** One relative import of a file: the repository path it resolves to, and whether it is erased (`import type`). */
export interface LocalImport {
  target: string;
  typeOnly: boolean;
  line: number;
}

const STATIC = /^[ \t]*(?:import|export)\b(\s+type\b)?[^'";]*?\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]/gm;
const BARE = /^[ \t]*import\s*['"](\.{1,2}\/[^'"]+)['"]/gm;
const DYNAMIC = /\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

/** The relative imports of `file` (a repository path). */
export function localImports(file: string): LocalImport[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const dir = path.posix.dirname(file);
  const at = (index: number): number => text.slice(0, index).split('\n').length;
  const out: LocalImport[] = [];
  const add = (spec: string, typeOnly: boolean, index: number): void => {
    out.push({ target: path.posix.normalize(path.posix.join(dir, spec)), typeOnly, line: at(index) });
  };
  for (const m of text.matchAll(STATIC)) add(m[2], Boolean(m[1]), m.index);
  for (const m of text.matchAll(BARE)) add(m[1], false, m.index);
  for (const m of text.matchAll(DYNAMIC)) add(m[1], false, m.index);
  return out;
}
