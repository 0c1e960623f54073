/**
 * `mandate evaluate <dir> --input <file.json> [--date YYYY-MM-DD] [--lang es]`: evaluates one household against the
 * version of the program in force on the date and prints the determination as JSON.
 */
import fs from 'node:fs';
import { compile, evaluate } from '../../engine/index.ts';
import { checkProgramFolder, withFiles } from '../fs/program-folder.ts';
import { isDate, parseArgs, printDiagnostics, UsageError, versionOn } from './args.ts';

/** Usage text of `mandate evaluate`. */
export const USAGE = `Usage: mandate evaluate <program-folder> --input <answers.json> [--date YYYY-MM-DD] [--lang CODE] [--partial]
  Prints the determination (eligibility, benefits, reasons, missing answers, trace) as JSON.
  --date     the as-of date (default: today); also picks the version in force
  --lang     language of the reasons (default: en)
  --partial  treat missing required answers as missing, not as errors`;

/** Runs the command; resolves with the exit code. */
export async function run(args: string[], today: () => string = () => new Date().toISOString().slice(0, 10)): Promise<number> {
  const { positionals, options } = parseArgs(args, ['input', 'date', 'lang'], ['partial']);
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('mandate evaluate takes exactly one program folder.');
  if (typeof options.input !== 'string') throw new UsageError('--input <answers.json> is required.');
  const date = typeof options.date === 'string' ? options.date : today();
  if (!isDate(date)) throw new UsageError(`--date ${date} is not a date; write it as YYYY-MM-DD.`);
  const dir = positionals[0];

  let input: unknown;
  try {
    input = JSON.parse(fs.readFileSync(options.input, 'utf8'));
  } catch (err) {
    console.error(
      `${options.input}#  input.unreadable  Cannot read the answers: ${(err as Error).message}. Give a JSON file of answers, e.g. {"members": [...]}.`,
    );
    return 1;
  }
  const { versions, diagnostics } = checkProgramFolder(dir);
  if (diagnostics.some((d) => d.severity === 'error')) {
    printDiagnostics(diagnostics, dir);
    return 1;
  }
  const version = versionOn(versions, date);
  if (!version) {
    console.error(
      `${dir}#  program.not-in-force  No version of this program is in force on ${date}; the earliest starts ${String(versions[0]?.doc.effectiveFrom)}. Pass a later --date.`,
    );
    return 1;
  }
  const result = compile(version.resolved ?? version.doc);
  if (!result.compiled) {
    printDiagnostics(
      withFiles(result.diagnostics, version.fileMap).filter((d) => d.severity === 'error'),
      dir,
    );
    return 1;
  }
  const determination = evaluate(result.compiled, input, {
    asOf: date,
    lang: typeof options.lang === 'string' ? options.lang : undefined,
    partial: options.partial === true,
  });
  console.log(JSON.stringify(determination, null, 2));
  return 0;
}
