/**
 * The shipped program templates (`studio/templates/<name>/`, each a program folder, described in
 * `studio/templates/templates.json`): read once from disk and kept, for `mandate init` and `GET /api/templates`.
 * Filling a template with the guided start's choices is the engine's `instantiate`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Lang, Program } from '../../engine/index.ts';
import { checkProgramFolder } from './program-folder.ts';

/** The folder of the shipped templates. */
export const TEMPLATES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../studio/templates');

/** Words in every language the studio speaks. */
export type Worded = Record<Lang, string>;

/** One template: its name, how the guided start presents it, and its program document. */
export interface ProgramTemplate {
  name: string;
  title: Worded;
  description: Worded;
  /** What the program gives, in a few words ("A parcel each week"). */
  gives: Worded;
  /** The languages the template has texts in (English first). */
  languages: string[];
  /** The template's program document (frozen: copy before changing). */
  doc: Program;
  /** The template folder's README, copied into a new program folder. */
  readme?: string;
}

let cached: { dir: string; templates: ProgramTemplate[] } | undefined;

/**
 * Every template described in `<dir>/templates.json`, in its order. Throws when a described template's folder does
 * not hold a valid program (the templates ship with the code and are tested; a broken one is a build error).
 */
export function loadTemplates(dir: string = TEMPLATES_DIR): ProgramTemplate[] {
  if (cached?.dir === dir) return cached.templates;
  const index = JSON.parse(fs.readFileSync(path.join(dir, 'templates.json'), 'utf8')) as {
    templates: { name: string; title: Worded; description: Worded; gives: Worded }[];
  };
  const templates = index.templates.map((entry) => {
    const folder = path.join(dir, entry.name);
    const { versions, diagnostics } = checkProgramFolder(folder);
    const version = versions[0];
    if (!version?.program || versions.length !== 1) {
      const first = [...diagnostics, ...(version?.diagnostics ?? [])].find((d) => d.severity === 'error');
      throw new Error(`The template ${entry.name} (${folder}) is not one valid program version: ${first?.message ?? 'no program.json'}`);
    }
    const readmePath = path.join(folder, 'README.md');
    const doc = deepFreeze(version.doc as unknown as Program);
    return {
      ...entry,
      languages: doc.languages,
      doc,
      readme: fs.existsSync(readmePath) ? fs.readFileSync(readmePath, 'utf8') : undefined,
    };
  });
  cached = { dir, templates };
  return templates;
}

/** The template named `name`, or undefined. */
export function findTemplate(name: string, dir?: string): ProgramTemplate | undefined {
  return loadTemplates(dir).find((t) => t.name === name);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
