/**
 * `mandate validate <dir>`: loads a program folder and validates every version; diagnostics go to stderr as
 * `file#/pointer  code  message`, a summary per version to stdout. Exit 1 when any version has an error (or, with
 * `--strict`, a warning).
 */
import { checkProgramFolder } from '../fs/program-folder.ts';
import { parseArgs, printDiagnostics, UsageError, versionLabel } from './args.ts';

/** Usage text of `mandate validate`. */
export const USAGE = `Usage: mandate validate <program-folder> [--strict] [--info]
  Checks every version in the folder against the format and for meaning (unknown names, unreachable workflow
  states, missing parameter values, translations, ...).
  --strict  fail (exit 1) on warnings too
  --info    also print informational diagnostics`;

/** Runs the command; resolves with the exit code. */
export async function run(args: string[]): Promise<number> {
  const { positionals, options } = parseArgs(args, [], ['strict', 'info']);
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('mandate validate takes exactly one program folder.');
  const dir = positionals[0];
  const { versions, diagnostics } = checkProgramFolder(dir);
  printDiagnostics(diagnostics, dir);
  let failed = diagnostics.some((d) => d.severity === 'error');
  for (const v of versions) {
    printDiagnostics(v.diagnostics, dir, options.info === true);
    const errors = v.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = v.diagnostics.filter((d) => d.severity === 'warning').length;
    if (errors > 0 || (options.strict && warnings > 0)) failed = true;
    const notes = v.diagnostics.filter((d) => d.severity === 'info').length;
    const verdict = errors > 0 ? 'INVALID' : 'valid';
    // Notes are not printed unless asked for; say that there are some.
    const noted = notes > 0 && options.info !== true ? `, ${notes} note${notes === 1 ? '' : 's'} (--info shows ${notes === 1 ? 'it' : 'them'})` : '';
    console.log(`${versionLabel(v)}: ${verdict}, ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${noted}`);
  }
  return failed ? 1 : 0;
}
