/**
 * A program version as a .zip of its folder (the layout `engine/load/folder.ts` reads): import unzips in memory
 * (fflate), refuses zip bombs and unsafe names, assembles the document with the engine's load step and creates the
 * draft, with every diagnostic naming the file inside the zip and the JSON path in it; export writes the same
 * layout under one folder `<id>-v<version>/`, so export → import round-trips.
 */
import { strToU8, strFromU8, unzipSync, zipSync } from 'fflate';
import {
  assembleFolder,
  folderDiagnostics,
  folderFiles,
  isLayer,
  layerOf,
  type Diagnostic,
  type FolderFiles,
  type Program,
} from '../../engine/index.ts';
import type { AuthUser } from '../auth/context.ts';
import { HttpError, unprocessable, words } from '../http/errors.ts';
import type { UnsafeName } from '../http/messages.ts';
import { validateAgainst } from '../openapi/validator.ts';
import type { ServiceContext } from './context.ts';
import { createDraft, exportVersion } from './programs.ts';

/** What an uploaded zip may hold: its own size (the body limit), the sum of its files' sizes, and its entry count. */
export const ZIP_LIMITS = { uploadBytes: 5 * 1024 * 1024, uncompressedBytes: 20 * 1024 * 1024, entries: 1000 };

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** Why an entry name is refused, or null: absolute, drive-lettered, backslashed or climbing (`..`) names. */
function unsafeName(name: string): UnsafeName | null {
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return 'absolute';
  if (name.includes('\\')) return 'backslash';
  if (name.split('/').some((part) => part === '..')) return 'climbs';
  return null;
}

/**
 * The zip's files as text, keyed by name; directories and files outside the layout's concern (not `.json`, hidden,
 * `__MACOSX/`) are skipped. 413 past the limits (checked on the sizes the zip declares, which also bound what the
 * decompressor may write), 422 for unsafe names or data that is not a zip.
 */
export function unzipFolder(data: Uint8Array): FolderFiles {
  let entries = 0;
  let declared = 0;
  let refused = null as HttpError | null;
  let raw: Record<string, Uint8Array>;
  try {
    raw = unzipSync(data, {
      filter: (file) => {
        if (refused) return false;
        entries++;
        declared += file.originalSize;
        const why = unsafeName(file.name);
        if (why) refused = new HttpError(422, 'zip-unsafe-name', words('zip-unsafe-name', { name: file.name, why }));
        else if (entries > ZIP_LIMITS.entries)
          refused = new HttpError(413, 'zip-too-many-entries', words('zip-too-many-entries', { limit: ZIP_LIMITS.entries }));
        else if (declared > ZIP_LIMITS.uncompressedBytes)
          refused = new HttpError(413, 'zip-too-large', words('zip-too-large', { limit: mb(ZIP_LIMITS.uncompressedBytes) }));
        return !refused && !file.name.endsWith('/') && wanted(file.name);
      },
    });
  } catch (err) {
    throw unprocessable(words('zip-invalid', { detail: (err as Error).message }), [], 'zip-invalid');
  }
  if (refused) throw refused;
  return Object.fromEntries(Object.entries(raw).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

function wanted(name: string): boolean {
  const parts = name.split('/');
  return name.endsWith('.json') && parts[0] !== '__MACOSX' && !parts.some((p) => p.startsWith('.'));
}

/** The files with a single enclosing folder removed when the layout is inside one (`x/program.json` stays). */
function unwrap(files: FolderFiles): { files: FolderFiles; prefix: string } {
  const names = Object.keys(files);
  const top = names[0]?.split('/')[0];
  const nested = names.length > 0 && names.every((n) => n.startsWith(`${top}/`)) && !(`${top}/program.json` in files);
  if (!nested) return { files, prefix: '' };
  const prefix = `${top}/`;
  return { files: Object.fromEntries(names.map((n) => [n.slice(prefix.length), files[n]])), prefix };
}

const inZip =
  (prefix: string) =>
  (d: Diagnostic): Diagnostic =>
    d.file ? { ...d, file: prefix + d.file } : d;

/**
 * Imports one version folder from a zip as the program's new draft (same rules as `createDraft`); 422 when the
 * zip holds no program, several versions, or files that cannot be read, each diagnostic naming its file.
 */
export async function importZip(ctx: ServiceContext, actor: AuthUser, data: Uint8Array) {
  const { files, prefix } = unwrap(unzipFolder(data));
  const assembled = assembleFolder(files, 'the zip');
  const located = assembled.diagnostics.map(inZip(prefix));
  if (assembled.versions.length === 0) throw unprocessable(words('zip-no-program'), located, 'zip-no-program');
  if (assembled.versions.length > 1) {
    throw unprocessable(
      words('zip-several-versions', { folders: assembled.versions.map((v) => `${prefix}${v.folder}`) }),
      located,
      'zip-several-versions',
    );
  }
  // The message quotes the first diagnostic, which the error carries.
  if (located.some((d) => d.severity === 'error')) throw unprocessable(words('zip-unreadable'), located, 'zip-unreadable');
  const [version] = assembled.versions;
  validateAgainst('ProgramDocument', version.doc, `${prefix}${version.folder ? `${version.folder}/` : ''}program.json`);
  const result = await createDraft(ctx, actor, version.doc as unknown as Program, 'program.import', { format: 'zip' });
  // A layer's diagnostics point under /layer in the stored document; in the folder its parts are override.json, add.json.
  const own = isLayer(version.doc)
    ? result.diagnostics.map((d) => ({ ...d, path: d.path.replace(/^\/layer(?=\/(override|add)(\/|$))/, '') }))
    : result.diagnostics;
  return { ...result, diagnostics: folderDiagnostics(version, own).map(inZip(prefix)) };
}

/** One version's folder as a zip (default: the version in force today), with the file name to offer. */
export async function exportZip(ctx: ServiceContext, user: AuthUser | null, programId: string, version?: string) {
  const doc = await exportVersion(ctx, user, programId, version);
  const folder = `${programId}-v${doc.version}`;
  // A layer is exported as its own folder (override.json, add.json, with /extends pinning the base's hash), not resolved.
  const files = folderFiles((layerOf(doc) ?? doc) as unknown as Record<string, unknown>);
  const zip = zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [`${folder}/${name}`, strToU8(text)])), { level: 6 });
  return { name: `${folder}.zip`, zip };
}
