/**
 * Small helpers shared by the definition commands: argument parsing, the diagnostic line format, and choosing a
 * version of a program folder.
 */
import path from 'node:path';
import { isIsoDate, type Diagnostic } from '../../engine/index.ts';
import type { CheckedVersion } from '../fs/program-folder.ts';

/** A usage problem: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}

/** Parsed arguments: positionals in order, and `--name value` / `--flag` options. */
export interface ParsedArgs {
  positionals: string[];
  options: Record<string, string | true>;
}

/**
 * Parses `args` given which options take a value (`valued`) and which are flags (`flags`); anything else starting
 * with `--` is a usage error naming it.
 */
export function parseArgs(args: string[], valued: string[], flags: string[]): ParsedArgs {
  const out: ParsedArgs = { positionals: [], options: {} };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-h') {
      out.options.help = true;
    } else if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
      if (flags.includes(name) || name === 'help') out.options[name] = true;
      else if (valued.includes(name)) {
        const value = inline ?? args[++i];
        if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value.`);
        out.options[name] = value;
      } else throw new UsageError(`${arg} is not an option of this command.`);
    } else out.positionals.push(arg);
  }
  return out;
}

/** One diagnostic as a line: `file#/pointer  code  message` (file relative to the working folder). */
export function formatDiagnostic(d: Diagnostic, baseDir: string): string {
  const file = d.file ? path.relative(process.cwd(), path.join(baseDir, d.file)) || d.file : path.relative(process.cwd(), baseDir) || '.';
  const pointer = d.file ? (d.filePath ?? '') : d.path;
  const code = d.severity === 'error' ? d.code : `${d.code} (${d.severity})`;
  return `${file}#${pointer}  ${code}  ${d.message}`;
}

/** Prints diagnostics to stderr, errors first. */
export function printDiagnostics(diagnostics: Diagnostic[], baseDir: string, includeInfo = false): void {
  for (const d of diagnostics) if (includeInfo || d.severity !== 'info') console.error(formatDiagnostic(d, baseDir));
}

/** A short label for a version: `us-snap version 2 (programs/us-snap/fy2026)`. */
export function versionLabel(v: CheckedVersion): string {
  const id = typeof v.doc.id === 'string' ? v.doc.id : path.basename(v.dir);
  const version = v.doc.version !== undefined ? ` version ${String(v.doc.version)}` : '';
  return `${id}${version} (${path.relative(process.cwd(), v.dir) || '.'})`;
}

/** True when `text` is a real date written YYYY-MM-DD. */
export function isDate(text: string): boolean {
  return isIsoDate(text);
}

/** The version in force on `date` (greatest effectiveFrom on or before it), else the latest version. */
export function versionOn<T extends { doc: Record<string, unknown> }>(versions: T[], date?: string): T | undefined {
  if (versions.length === 0) return undefined;
  if (!date) return versions[versions.length - 1];
  const inForce = versions.filter((v) => typeof v.doc.effectiveFrom === 'string' && (v.doc.effectiveFrom as string) <= date);
  return inForce.length > 0 ? inForce[inForce.length - 1] : undefined;
}
