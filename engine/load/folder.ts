/**
 * The load phase, pure: a program folder given as a map of file name → text (as read from disk by the CLI and the
 * runtime, or unzipped from an upload) → one document per version, with the file map that traces a pointer into
 * the whole document back to the file and the pointer inside it. The layout (docs/design.md §1): a version is a
 * folder of files each holding one part of the document (program.json, form.json, parameters.json, ...,
 * i18n/<lang>.json, tests/*.json); a program with several versions is a folder of version folders. `folderFiles` is
 * the inverse (a document → the files of one version folder), so export → import round-trips.
 *
 * Browser-safe: no `node:` imports, no I/O.
 */
import { diagnostic } from '../messages/definition.ts';
import type { Diagnostic } from '../format/types.ts';

/** File name (relative, `/`-separated, e.g. `i18n/es.json`) → file text. */
export type FolderFiles = Record<string, string>;

/** Where a part of the whole document comes from: pointers starting with `prefix` live in `file` under `filePrefix`. */
export interface FileMapEntry {
  prefix: string;
  file: string;
  filePrefix: string;
}

/** One version folder, assembled. */
export interface AssembledVersion {
  /** The version folder's name inside the program folder; '' when the program folder is the version. */
  folder: string;
  doc: Record<string, unknown>;
  fileMap: FileMapEntry[];
  /** Top-level keys whose file could not be read (their absence is not reported again by validation). */
  unreadable: string[];
}

/** Every version found, and the problems met reading the files (each with `file` set). */
export interface AssembledFolder {
  versions: AssembledVersion[];
  diagnostics: Diagnostic[];
}

/** Files that hold one top-level key of the document, wrapped as `{ "<key>": ... }`. */
export const KEYED_FILES: Record<string, string> = {
  'form.json': 'form',
  'parameters.json': 'parameters',
  'derived.json': 'derived',
  'rules.json': 'rules',
  'benefits.json': 'benefits',
  'workflow.json': 'workflow',
  // A layer's own parts (a version that `extends` a base: docs/design.md, "Programs that extend programs").
  'override.json': 'override',
  'add.json': 'add',
};

/** The file an exported version's test cases are written to. */
const TESTS_FILE = 'tests/cases.json';

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

function parseJson(text: string, rel: string, diagnostics: Diagnostic[]): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const lc = /line (\d+) column (\d+)/.exec(message);
    const pos = /position (\d+)/.exec(message);
    const where = lc
      ? { line: Number(lc[1]), column: Number(lc[2]) }
      : pos
        ? lineColumn(text, Number(pos[1]))
        : text.trim() === ''
          ? { line: 1, column: 1 }
          : lineColumn(text, text.length);
    const detail = message.replace(/\s*in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '');
    diagnostics.push({
      ...diagnostic('document.json-syntax', '', { file: rel, detail: detail || 'unexpected end of input', ...where }),
      file: rel,
      filePath: '',
    });
    return undefined;
  }
}

function shapeError(rel: string, expected: string, value: unknown): Diagnostic {
  const actual =
    value === null
      ? 'null'
      : Array.isArray(value)
        ? 'a list'
        : typeof value === 'object'
          ? `an object with keys ${
              Object.keys(value as object)
                .map((k) => JSON.stringify(k))
                .join(', ') || '(none)'
            }`
          : typeof value;
  return { ...diagnostic('document.file-shape', '', { file: rel, expected, actual }), file: rel, filePath: '' };
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The `.json` files directly inside `sub` (e.g. `i18n/`) of the version folder at `base`, sorted by name. */
function filesIn(files: FolderFiles, base: string, sub: string): string[] {
  const prefix = base + sub;
  return Object.keys(files)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.json') && !f.slice(prefix.length).includes('/'))
    .map((f) => f.slice(prefix.length))
    .sort();
}

/** Assembles the version folder at `folder` ('' or a sub-folder name) of `files`. */
function assembleVersion(files: FolderFiles, folder: string, diagnostics: Diagnostic[]): AssembledVersion {
  const base = folder ? `${folder}/` : '';
  const rel = (name: string): string => base + name;
  const doc: Record<string, unknown> = {};
  const fileMap: FileMapEntry[] = [];
  const unreadable: string[] = [];
  const metadata = parseJson(files[rel('program.json')], rel('program.json'), diagnostics);
  if (metadata !== undefined && !isObject(metadata))
    diagnostics.push(shapeError(rel('program.json'), 'an object of program metadata (id, title, ...)', metadata));
  if (isObject(metadata)) {
    Object.assign(doc, metadata);
    for (const key of Object.keys(metadata)) fileMap.push({ prefix: `/${key}`, file: rel('program.json'), filePrefix: `/${key}` });
  }
  for (const [name, key] of Object.entries(KEYED_FILES)) {
    const text = files[rel(name)];
    if (text === undefined) continue;
    const value = parseJson(text, rel(name), diagnostics);
    if (value === undefined) {
      unreadable.push(key);
      continue;
    }
    if (!isObject(value) || !(key in value)) {
      diagnostics.push(shapeError(rel(name), `an object with the single key "${key}"`, value));
      unreadable.push(key);
      continue;
    }
    doc[key] = value[key];
    fileMap.push({ prefix: `/${key}`, file: rel(name), filePrefix: `/${key}` });
  }
  const translations: Record<string, unknown> = {};
  for (const name of filesIn(files, base, 'i18n/')) {
    const lang = name.slice(0, -'.json'.length);
    const value = parseJson(files[rel(`i18n/${name}`)], rel(`i18n/${name}`), diagnostics);
    if (value === undefined) continue;
    if (!isObject(value)) {
      diagnostics.push(shapeError(rel(`i18n/${name}`), 'an object mapping JSON Pointers to translated texts', value));
      continue;
    }
    translations[lang] = value;
    fileMap.push({ prefix: `/translations/${lang}`, file: rel(`i18n/${name}`), filePrefix: '' });
  }
  if (Object.keys(translations).length > 0) doc.translations = translations;
  const tests: unknown[] = [];
  for (const name of filesIn(files, base, 'tests/')) {
    const value = parseJson(files[rel(`tests/${name}`)], rel(`tests/${name}`), diagnostics);
    if (value === undefined) continue;
    if (!Array.isArray(value)) {
      diagnostics.push(shapeError(rel(`tests/${name}`), 'a list of test cases', value));
      continue;
    }
    value.forEach((_, i) => fileMap.push({ prefix: `/tests/${tests.length + i}`, file: rel(`tests/${name}`), filePrefix: `/${i}` }));
    tests.push(...value);
  }
  if (tests.length > 0) doc.tests = tests;
  return { folder, doc, fileMap, unreadable };
}

/**
 * Assembles a program folder: a single version (it holds `program.json`) or a folder of version folders (each
 * holding one), sorted by their `version` number. `where` names the folder in the "no program" diagnostic. Never
 * throws for bad content: JSON errors and misshapen files become diagnostics with `file` set.
 */
export function assembleFolder(files: FolderFiles, where: string): AssembledFolder {
  const diagnostics: Diagnostic[] = [];
  if ('program.json' in files) return { versions: [assembleVersion(files, '', diagnostics)], diagnostics };
  const folders = Object.keys(files)
    .map((f) => /^([^/]+)\/program\.json$/.exec(f)?.[1])
    .filter((f): f is string => !!f)
    .sort();
  const versions = folders.map((folder) => assembleVersion(files, folder, diagnostics));
  if (versions.length === 0) diagnostics.push(diagnostic('document.no-program', '', { dir: where }));
  versions.sort((a, b) => (Number(a.doc.version) || 0) - (Number(b.doc.version) || 0));
  return { versions, diagnostics };
}

/** The file and the pointer inside it where a whole-document pointer lands (longest matching prefix wins). */
export function locate(fileMap: FileMapEntry[], pointer: string): { file?: string; filePath?: string } {
  let best: FileMapEntry | undefined;
  for (const entry of fileMap) {
    if ((pointer === entry.prefix || pointer.startsWith(`${entry.prefix}/`)) && (!best || entry.prefix.length > best.prefix.length)) best = entry;
  }
  if (!best)
    return fileMap.some((e) => e.file.endsWith('program.json'))
      ? { file: fileMap.find((e) => e.file.endsWith('program.json'))?.file, filePath: pointer }
      : {};
  return { file: best.file, filePath: best.filePrefix + pointer.slice(best.prefix.length) };
}

/** The diagnostics with `file` and `filePath` filled from the file map (those already located are kept). */
export function withFiles(diagnostics: Diagnostic[], fileMap: FileMapEntry[]): Diagnostic[] {
  return diagnostics.map((d) => (d.file ? d : { ...d, ...locate(fileMap, d.path) }));
}

/**
 * A version's validation or compile diagnostics in terms of its files: a missing top-level part becomes "the
 * folder has no <file>" (dropped when that file existed but could not be read, which was reported already), and
 * every diagnostic gets `file` and `filePath`.
 */
export function folderDiagnostics(version: AssembledVersion, diagnostics: Diagnostic[]): Diagnostic[] {
  const unreadable = new Set(version.unreadable);
  const fileOf = Object.fromEntries(Object.entries(KEYED_FILES).map(([file, key]) => [key, file]));
  const relevant = diagnostics
    .filter((d) => !(d.code === 'schema.required' && d.path === '' && unreadable.has(String(d.params?.property))))
    .map((d) => {
      const key = String(d.params?.property);
      if (d.code !== 'schema.required' || d.path !== '' || !fileOf[key]) return d;
      const file = version.folder ? `${version.folder}/${fileOf[key]}` : fileOf[key];
      return { ...diagnostic('document.missing-file', `/${key}`, { file: fileOf[key], key }), file, filePath: '' };
    });
  return withFiles(relevant, version.fileMap);
}

/**
 * The files of one version folder holding `doc`: program.json (every top-level key but the parts below), one file
 * per part in `KEYED_FILES`, `i18n/<lang>.json` per translation, and the test cases in `tests/cases.json`.
 * Each text is pretty-printed JSON ending in a newline.
 */
export function folderFiles(doc: Record<string, unknown>): FolderFiles {
  const text = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  const parts = new Set([...Object.values(KEYED_FILES), 'translations', 'tests']);
  const files: FolderFiles = { 'program.json': text(Object.fromEntries(Object.entries(doc).filter(([k]) => !parts.has(k)))) };
  for (const [name, key] of Object.entries(KEYED_FILES)) if (doc[key] !== undefined) files[name] = text({ [key]: doc[key] });
  if (isObject(doc.translations)) for (const [lang, texts] of Object.entries(doc.translations)) files[`i18n/${lang}.json`] = text(texts);
  if (Array.isArray(doc.tests) && doc.tests.length > 0) files[TESTS_FILE] = text(doc.tests);
  return files;
}
