/** Loading a program's version in force, localized, for the intake and staff pages. */
import { api } from './api.ts';
import type { Program, VersionWithDocument } from './types.ts';

/** The program version in force today, with its texts in `lang` when translated, and its form's validator URL. */
export function fetchCurrentVersion(programId: string, lang: string): Promise<VersionWithDocument> {
  return api<VersionWithDocument>('GET', `/api/programs/${encodeURIComponent(programId)}/current?lang=${lang}`);
}

/** The program version in force today, with its texts in `lang` when translated. */
export async function fetchCurrentProgram(programId: string, lang: string): Promise<Program> {
  return (await fetchCurrentVersion(programId, lang)).doc;
}
