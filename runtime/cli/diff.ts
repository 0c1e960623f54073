/**
 * `mandate diff <dirA> <dirB>`: what changed from one program version to another, in words a policy analyst
 * reads. A folder holding several versions stands for its latest one.
 */
import { diff, formatDiff } from '../../engine/index.ts';
import { checkProgramFolder } from '../fs/program-folder.ts';
import { parseArgs, printDiagnostics, UsageError, versionOn } from './args.ts';

/** Usage text of `mandate diff`. */
export const USAGE = `Usage: mandate diff <older-version-folder> <newer-version-folder> [--tests] [--json]
  Lists the changes: form questions and pages, parameter values by date, formulas, rules, benefits, workflow,
  translations. The version numbers, dates and changelog are the first line.
  --tests  also list added, removed and changed test cases
  --json   print the changes as JSON`;

/** Runs the command; resolves with the exit code. */
export async function run(args: string[]): Promise<number> {
  const { positionals, options } = parseArgs(args, [], ['tests', 'json']);
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 2) throw new UsageError('mandate diff takes two program version folders.');
  const programs = [];
  for (const dir of positionals) {
    const { versions, diagnostics } = checkProgramFolder(dir);
    const version = versionOn(versions);
    const errors = [...diagnostics, ...(version?.diagnostics ?? [])].filter((d) => d.severity === 'error');
    if (!version?.program) {
      printDiagnostics(errors, dir);
      console.error(`${dir}#  diff.invalid  This version has errors; diff compares valid versions only. Run mandate validate ${dir}.`);
      return 1;
    }
    programs.push(version.program);
  }
  const changes = diff(programs[0], programs[1], { tests: options.tests === true });
  console.log(options.json ? JSON.stringify({ header: changes.header, changes: [...changes] }, null, 2) : formatDiff(changes));
  return 0;
}
