/**
 * Test helper: the shipped program folders under `programs/`, loaded and validated the way the runtime loads them.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkProgramFolder, loadAllPrograms, type CheckedVersion } from '../../runtime/fs/program-folder.ts';
import type { Program } from '../../engine/format/types.ts';

/** Absolute path of the repository's `programs/` folder. */
export const PROGRAMS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../programs');

/** Every version of every shipped program, validated (one entry per version folder). */
export function shippedVersions(): Promise<CheckedVersion[]> {
  return loadAllPrograms(PROGRAMS_DIR);
}

/** The valid program of one version folder, e.g. `shippedProgram('us-snap/fy2026')`; throws with the errors otherwise. */
export function shippedProgram(folder: string): Program {
  const { versions, diagnostics } = checkProgramFolder(path.join(PROGRAMS_DIR, folder));
  const version = versions[0];
  if (!version?.program) {
    const errors = [...diagnostics, ...(version?.diagnostics ?? [])].filter((d) => d.severity === 'error');
    throw new Error(`programs/${folder} does not load: ${errors.map((d) => `${d.file ?? ''} ${d.filePath ?? d.path}: ${d.message}`).join('; ')}`);
  }
  return version.program;
}
