/**
 * Reading program definitions from disk (docs/design.md §1): the folder's files are read into a map of file name →
 * text and assembled by the engine's pure load step (`engine/load/folder.ts`, also used for uploaded zips), which
 * reports JSON syntax errors with line and column and keeps a file map so that a diagnostic's pointer into the whole
 * document can be traced back to the file and the pointer inside it.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  assembleFolder,
  diagnostic,
  folderDiagnostics,
  locate,
  validate,
  withFiles,
  type Diagnostic,
  type FileMapEntry,
  type FolderFiles,
  type Program,
} from '../../engine/index.ts';

export { locate, withFiles, type FileMapEntry };

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

const jsonFiles = (dir: string): string[] =>
  fs.existsSync(dir) && fs.statSync(dir).isDirectory()
    ? fs.readdirSync(dir).filter((n) => n.endsWith('.json') && fs.statSync(path.join(dir, n)).isFile())
    : [];

/** The files of the folder layout under `dir` (a version folder, or a folder of version folders) as a map. */
export function readFolderFiles(dir: string): FolderFiles {
  const files: FolderFiles = {};
  const readVersion = (versionDir: string, base: string) => {
    for (const name of jsonFiles(versionDir)) files[base + name] = fs.readFileSync(path.join(versionDir, name), 'utf8');
    for (const sub of ['i18n', 'tests'])
      for (const name of jsonFiles(path.join(versionDir, sub)))
        files[`${base}${sub}/${name}`] = fs.readFileSync(path.join(versionDir, sub, name), 'utf8');
  };
  if (fs.existsSync(path.join(dir, 'program.json'))) {
    readVersion(dir, '');
    return files;
  }
  for (const name of fs.readdirSync(dir)) {
    const sub = path.join(dir, name);
    if (fs.statSync(sub).isDirectory() && fs.existsSync(path.join(sub, 'program.json'))) readVersion(sub, `${name}/`);
  }
  return files;
}

/**
 * Reads a program folder: a single version (it holds `program.json`) or a folder of version folders (each holding
 * one), sorted by their `version` number. Never throws for bad content: JSON errors and misshapen files become
 * diagnostics with `file` set.
 */
export function loadProgramFolder(dir: string): LoadedFolder {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    return { versions: [], diagnostics: [diagnostic('document.no-program', '', { dir })] };
  }
  const assembled = assembleFolder(readFolderFiles(dir), dir);
  return {
    versions: assembled.versions.map((v) => ({
      dir: v.folder ? path.join(dir, v.folder) : dir,
      doc: v.doc,
      fileMap: v.fileMap,
      unreadable: v.unreadable,
    })),
    diagnostics: assembled.diagnostics,
  };
}

/** Loads and validates every version of a program folder; problems reading the files are returned beside the versions. */
export function checkProgramFolder(dir: string): { versions: CheckedVersion[]; diagnostics: Diagnostic[] } {
  const loaded = loadProgramFolder(dir);
  const versions = loaded.versions.map((v) => {
    const result = validate(v.doc);
    const folder = path.relative(dir, v.dir);
    const diagnostics = folderDiagnostics({ folder, doc: v.doc, fileMap: v.fileMap, unreadable: v.unreadable ?? [] }, result.diagnostics);
    return { ...v, program: result.program, diagnostics };
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
