/**
 * `mandate types <dir> [--date YYYY-MM-DD]`: prints the TypeScript declarations of the answers the program's form
 * accepts (the latest version, or the one in force on the date).
 */
import { types } from '../../engine/index.ts';
import { checkProgramFolder } from '../fs/program-folder.ts';
import { isDate, parseArgs, printDiagnostics, UsageError, versionOn } from './args.ts';

/** Usage text of `mandate types`. */
export const USAGE = `Usage: mandate types <program-folder> [--date YYYY-MM-DD]
  Prints TypeScript types of the program's answers (generated from its form schema).
  --date  use the version in force on this date (default: the latest version)`;

/** Runs the command; resolves with the exit code. */
export async function run(args: string[]): Promise<number> {
  const { positionals, options } = parseArgs(args, ['date'], []);
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('mandate types takes exactly one program folder.');
  const date = typeof options.date === 'string' ? options.date : undefined;
  if (date !== undefined && !isDate(date)) throw new UsageError(`--date ${date} is not a date; write it as YYYY-MM-DD.`);
  const dir = positionals[0];
  const { versions, diagnostics } = checkProgramFolder(dir);
  const version = versionOn(versions, date);
  const errors = [...diagnostics, ...(version?.diagnostics ?? [])].filter((d) => d.severity === 'error');
  if (!version || !version.program) {
    printDiagnostics(errors, dir);
    if (!version) console.error(`${dir}#  program.not-in-force  No version of this program is in force${date ? ` on ${date}` : ''}.`);
    return 1;
  }
  process.stdout.write(await types(version.program));
  return 0;
}
