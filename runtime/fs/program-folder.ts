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
  checkVersionSet,
  diagnostic,
  isLayer,
  folderDiagnostics,
  locate,
  withFiles,
  type Diagnostic,
  type FileMapEntry,
  type FolderFiles,
  type Program,
  type CheckedSource,
  type LayerOrigin,
  type VersionSource,
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
  /** `validate`'s program (normalized) when there is no error. */
  program?: Program;
  /** The complete document to store and evaluate when there is no error: `doc` itself, or, for a layer, `doc` resolved on its base. */
  resolved?: Program;
  /** For a layer: where each of its parts landed in `resolved`. */
  origins?: LayerOrigin[];
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

/**
 * The versions of the base programs the layers among `versions` extend, read from the sibling program folders
 * (`<programs>/<base id>/`, where `<programs>` holds the folder `dir` or the program folder holding it), bases of
 * bases included.
 */
/** The folder of the program `id` beside the program folder holding `dir` (`<programs>/<id>/`), if there is one. */
export function siblingProgramFolder(dir: string, id: string): string | undefined {
  const own = path.resolve(dir);
  const roots = [path.dirname(own), path.dirname(path.dirname(own))];
  return roots
    .map((r) => path.join(r, id))
    .find((f) => f !== own && !own.startsWith(`${f}${path.sep}`) && fs.existsSync(f) && fs.statSync(f).isDirectory());
}

function baseSources(dir: string, versions: LoadedVersion[]): VersionSource[] {
  const queue = versions.flatMap((v) => (isLayer(v.doc) ? [v.doc.extends.program] : []));
  const seen = new Set<string>();
  const out: VersionSource[] = [];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const folder = siblingProgramFolder(dir, id);
    if (!folder) continue;
    for (const v of loadProgramFolder(folder).versions) {
      out.push({ key: v.dir, doc: v.doc });
      if (isLayer(v.doc)) queue.push(v.doc.extends.program);
    }
  }
  return out;
}

/** `CheckedVersion`s of a folder's loaded versions, from the engine's `checkVersionSet` of a set holding them (by key). */
function checkedOf(dir: string, loaded: LoadedVersion[], checked: Map<string, CheckedSource>): CheckedVersion[] {
  return loaded.map((v) => {
    const result = checked.get(v.dir)!;
    const folder = path.relative(dir, v.dir);
    const diagnostics = folderDiagnostics({ folder, doc: v.doc, fileMap: v.fileMap, unreadable: v.unreadable ?? [] }, result.diagnostics);
    return { ...v, program: result.program as Program | undefined, resolved: result.resolved, origins: result.origins, diagnostics };
  });
}

/**
 * Loads and validates every version of a program folder; problems reading the files are returned beside the
 * versions. A layer (a version with `extends`) is resolved on its base, found among the sibling program folders.
 */
export function checkProgramFolder(dir: string): { versions: CheckedVersion[]; diagnostics: Diagnostic[] } {
  const loaded = loadProgramFolder(dir);
  const bases = baseSources(dir, loaded.versions);
  const set = [...loaded.versions.map((v) => ({ key: v.dir, doc: v.doc })), ...bases];
  const where = path.dirname(path.resolve(dir));
  const checked = new Map(checkVersionSet(set, where).map((c) => [c.key, c]));
  return { versions: checkedOf(dir, loaded.versions, checked), diagnostics: loaded.diagnostics };
}

/**
 * Every version of every program under `programsDir` (each subfolder is a program folder), validated. A version
 * whose folder had read errors has no `program` and carries those diagnostics.
 */
export async function loadAllPrograms(programsDir: string): Promise<CheckedVersion[]> {
  const out: CheckedVersion[] = [];
  if (!fs.existsSync(programsDir)) return out;
  const folders: { dir: string; loaded: LoadedFolder }[] = [];
  for (const name of fs.readdirSync(programsDir).sort()) {
    const dir = path.join(programsDir, name);
    if (fs.statSync(dir).isDirectory()) folders.push({ dir, loaded: loadProgramFolder(dir) });
  }
  // One set, so that each layer finds its base among all programs, and bases come first.
  const set = folders.flatMap((f) => f.loaded.versions.map((v) => ({ key: v.dir, doc: v.doc })));
  const all = checkVersionSet(set, programsDir);
  const order = all.map((c) => c.key);
  const byKey = new Map(all.map((c) => [c.key, c]));
  const checked: CheckedVersion[] = [];
  for (const { dir, loaded } of folders) {
    if (loaded.versions.length === 0) {
      out.push({ dir, doc: {}, fileMap: [], diagnostics: loaded.diagnostics });
      continue;
    }
    for (const version of checkedOf(dir, loaded.versions, byKey)) {
      const readErrors = loaded.diagnostics.filter((d) => d.file?.startsWith(path.basename(version.dir)) || loaded.versions.length === 1);
      if (readErrors.length > 0)
        checked.push({ ...version, program: undefined, resolved: undefined, diagnostics: [...readErrors, ...version.diagnostics] });
      else checked.push(version);
    }
  }
  checked.sort((a, b) => order.indexOf(a.dir) - order.indexOf(b.dir));
  return [...out, ...checked];
}
