/**
 * New programs' ids: the pattern an id must match, and an id suggested from a program's name (the guided start
 * shows it as you type; `instantiate` checks the chosen one). Browser-safe.
 */

/** A new program's id: the format's pattern, at most 64 characters (as the API accepts). */
export const PROGRAM_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

/**
 * A program id suggested from a name: lowercase ASCII letters and digits, words joined by hyphens, accents
 * dropped ("Banco de Alimentos Núñez" → "banco-de-alimentos-nunez"); at most 60 characters, '' when nothing is left.
 */
export function suggestId(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}
