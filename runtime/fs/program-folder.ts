/**
 * Reading program definitions from disk (docs/design.md §1): a version is a folder of files each holding one part of
 * the document (program.json, form.json, parameters.json, ..., i18n/<lang>.json, tests/*.json); a program with several
 * versions is a folder of version folders. The loader assembles each version into one document, reports JSON syntax
 * errors with line and column, and keeps a file map so that a diagnostic's pointer into the whole document can be
 * traced back to the file and the pointer inside it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { validate } from '../../engine/validate.ts';
import { diagnostic } from '../../engine/messages.ts';
import type { Diagnostic, Program } from '../../engine/types.ts';

/** Where a part of the whole document comes from: pointers starting with `prefix` live in `file` under `filePrefix`. */
export interface FileMapEntry {
  prefix: string;
  file: string;
  filePrefix: string;
}

/** One version folder, assembled. */
export interface LoadedVersion {
  dir: string;
  doc: Record<string, unknown>;
  fileMap: FileMapEntry[];
  /** Top-level keys whose file could not be read (their absence is not reported again by validation). */
  unreadable?: string[];
}

/** What `loadProgramFolder` returns: every version found, and the problems met reading the files. */
export interface LoadedFolder {
  versions: LoadedVersion[];
  diagnostics: Diagnostic[];
}

/** One version validated: the document, the typed program when it has no errors, and all diagnostics with files. */
export interface CheckedVersion extends LoadedVersion {
  program?: Program;
  diagnostics: Diagnostic[];
}

/** Files that hold one top-level key of the document, wrapped as `{ "<key>": ... }`. */
const KEYED_FILES: Record<string, string> = {
  'form.json': 'form',
  'parameters.json': 'parameters',
  'derived.json': 'derived',
  'rules.json': 'rules',
  'benefits.json': 'benefits',
  'workflow.json': 'workflow',
};

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

function readJson(file: string, rel: string, diagnostics: Diagnostic[]): unknown {
  const text = fs.readFileSync(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const lc = /line (\d+) column (\d+)/.exec(message);
    const pos = /position (\d+)/.exec(message);
    const where = lc ? { line: Number(lc[1]), column: Number(lc[2]) } : pos ? lineColumn(text, Number(pos[1])) : text.trim() === '' ? { line: 1, column: 1 } : lineColumn(text, text.length);
    const detail = message.replace(/\s*in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '');
    diagnostics.push({ ...diagnostic('document.json-syntax', '', { file: rel, detail: detail || 'unexpected end of input', ...where }), file: rel, filePath: '' });
    return undefined;
  }
}

function shapeError(rel: string, expected: string, value: unknown): Diagnostic {
  const actual = value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? `an object with keys ${Object.keys(value as object).map((k) => JSON.stringify(k)).join(', ') || '(none)'}` : typeof value;
  return { ...diagnostic('document.file-shape', '', { file: rel, expected, actual }), file: rel, filePath: '' };
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Assembles the version folder `dir` into one document. `label` is the folder's name as diagnostics show it. */
function loadVersion(dir: string, label: string, diagnostics: Diagnostic[]): LoadedVersion | undefined {
  const rel = (name: string): string => (label ? `${label}/${name}` : name);
  const doc: Record<string, unknown> = {};
  const fileMap: FileMapEntry[] = [];
  const unreadable: string[] = [];
  const metadata = readJson(path.join(dir, 'program.json'), rel('program.json'), diagnostics);
  if (metadata !== undefined && !isObject(metadata)) diagnostics.push(shapeError(rel('program.json'), 'an object of program metadata (id, title, ...)', metadata));
  if (isObject(metadata)) {
    Object.assign(doc, metadata);
    for (const key of Object.keys(metadata)) fileMap.push({ prefix: `/${key}`, file: rel('program.json'), filePrefix: `/${key}` });
  }
  for (const [name, key] of Object.entries(KEYED_FILES)) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) continue;
    const value = readJson(file, rel(name), diagnostics);
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
  const i18nDir = path.join(dir, 'i18n');
  if (fs.existsSync(i18nDir)) {
    const translations: Record<string, unknown> = {};
    for (const name of fs.readdirSync(i18nDir).filter((n) => n.endsWith('.json')).sort()) {
      const lang = name.slice(0, -'.json'.length);
      const value = readJson(path.join(i18nDir, name), rel(`i18n/${name}`), diagnostics);
      if (value === undefined) continue;
      if (!isObject(value)) {
        diagnostics.push(shapeError(rel(`i18n/${name}`), 'an object mapping JSON Pointers to translated texts', value));
        continue;
      }
      translations[lang] = value;
      fileMap.push({ prefix: `/translations/${lang}`, file: rel(`i18n/${name}`), filePrefix: '' });
    }
    if (Object.keys(translations).length > 0) doc.translations = translations;
  }
  const testsDir = path.join(dir, 'tests');
  if (fs.existsSync(testsDir)) {
    const tests: unknown[] = [];
    for (const name of fs.readdirSync(testsDir).filter((n) => n.endsWith('.json')).sort()) {
      const value = readJson(path.join(testsDir, name), rel(`tests/${name}`), diagnostics);
      if (value === undefined) continue;
      if (!Array.isArray(value)) {
        diagnostics.push(shapeError(rel(`tests/${name}`), 'a list of test cases', value));
        continue;
      }
      value.forEach((_, i) => fileMap.push({ prefix: `/tests/${tests.length + i}`, file: rel(`tests/${name}`), filePrefix: `/${i}` }));
      tests.push(...value);
    }
    if (tests.length > 0) doc.tests = tests;
  }
  return { dir, doc, fileMap, unreadable };
}

/**
 * Reads a program folder: a single version (it holds `program.json`) or a folder of version folders (each holding
 * one), sorted by their `version` number. Never throws for bad content: JSON errors and misshapen files become
 * diagnostics with `file` set.
 */
export function loadProgramFolder(dir: string): LoadedFolder {
  const diagnostics: Diagnostic[] = [];
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    return { versions: [], diagnostics: [diagnostic('document.no-program', '', { dir })] };
  }
  if (fs.existsSync(path.join(dir, 'program.json'))) {
    const version = loadVersion(dir, '', diagnostics);
    return { versions: version ? [version] : [], diagnostics };
  }
  const versions: LoadedVersion[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const sub = path.join(dir, name);
    if (fs.statSync(sub).isDirectory() && fs.existsSync(path.join(sub, 'program.json'))) {
      const version = loadVersion(sub, name, diagnostics);
      if (version) versions.push(version);
    }
  }
  if (versions.length === 0) diagnostics.push(diagnostic('document.no-program', '', { dir }));
  versions.sort((a, b) => (Number(a.doc.version) || 0) - (Number(b.doc.version) || 0));
  return { versions, diagnostics };
}

/** The file and the pointer inside it where a whole-document pointer lands (longest matching prefix wins). */
export function locate(fileMap: FileMapEntry[], pointer: string): { file?: string; filePath?: string } {
  let best: FileMapEntry | undefined;
  for (const entry of fileMap) {
    if ((pointer === entry.prefix || pointer.startsWith(`${entry.prefix}/`)) && (!best || entry.prefix.length > best.prefix.length)) best = entry;
  }
  if (!best) return fileMap.some((e) => e.file.endsWith('program.json')) ? { file: fileMap.find((e) => e.file.endsWith('program.json'))?.file, filePath: pointer } : {};
  return { file: best.file, filePath: best.filePrefix + pointer.slice(best.prefix.length) };
}

/** The diagnostics with `file` and `filePath` filled from the file map (those already located are kept). */
export function withFiles(diagnostics: Diagnostic[], fileMap: FileMapEntry[]): Diagnostic[] {
  return diagnostics.map((d) => (d.file ? d : { ...d, ...locate(fileMap, d.path) }));
}

/** Loads and validates every version of a program folder; problems reading the files are returned beside the versions. */
export function checkProgramFolder(dir: string): { versions: CheckedVersion[]; diagnostics: Diagnostic[] } {
  const loaded = loadProgramFolder(dir);
  const versions = loaded.versions.map((v) => {
    const result = validate(v.doc);
    const unreadable = new Set(v.unreadable ?? []);
    const fileOf = Object.fromEntries(Object.entries(KEYED_FILES).map(([file, key]) => [key, file]));
    const label = path.relative(dir, v.dir);
    const relevant = result.diagnostics
      .filter((d) => !(d.code === 'schema.required' && d.path === '' && unreadable.has(String(d.params?.property))))
      .map((d) => {
        const key = String(d.params?.property);
        if (d.code !== 'schema.required' || d.path !== '' || !fileOf[key]) return d;
        const file = label ? `${label}/${fileOf[key]}` : fileOf[key];
        return { ...diagnostic('document.missing-file', `/${key}`, { file: fileOf[key], key }), file, filePath: '' };
      });
    return { ...v, program: result.program, diagnostics: withFiles(relevant, v.fileMap) };
  });
  return { versions, diagnostics: loaded.diagnostics };
}

/**
 * Every version of every program under `programsDir` (each subfolder is a program folder), validated. A version
 * whose folder had read errors has no `program` and carries those diagnostics.
 */
export async function loadAllPrograms(programsDir: string): Promise<CheckedVersion[]> {
  const out: CheckedVersion[] = [];
  if (!fs.existsSync(programsDir)) return out;
  for (const name of fs.readdirSync(programsDir).sort()) {
    const dir = path.join(programsDir, name);
    if (!fs.statSync(dir).isDirectory()) continue;
    const checked = checkProgramFolder(dir);
    if (checked.versions.length === 0) {
      out.push({ dir, doc: {}, fileMap: [], diagnostics: checked.diagnostics });
      continue;
    }
    for (const version of checked.versions) {
      const readErrors = checked.diagnostics.filter((d) => d.file?.startsWith(path.basename(version.dir)) || checked.versions.length === 1);
      if (readErrors.length > 0) out.push({ ...version, program: undefined, diagnostics: [...readErrors, ...version.diagnostics] });
      else out.push(version);
    }
  }
  return out;
}
