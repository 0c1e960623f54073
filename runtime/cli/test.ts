/**
 * `mandate test <dir>`: compiles every version of a program folder and runs its test cases; each failure is printed
 * with what was expected, what came out, and the trace of the rules. Exit 1 when a version does not compile or a
 * case fails.
 */
import { compile, formatTestReport, runTests } from '../../engine/index.ts';
import { checkProgramFolder, withFiles } from '../fs/program-folder.ts';
import { parseArgs, printDiagnostics, UsageError, versionLabel } from './args.ts';

/** Usage text of `mandate test`. */
export const USAGE = `Usage: mandate test <program-folder> [--only TEXT]
  Runs the test cases (tests/*.json) of every version in the folder.
  --only TEXT  run only the cases whose name contains TEXT`;

/** Runs the command; resolves with the exit code. */
export async function run(args: string[]): Promise<number> {
  const { positionals, options } = parseArgs(args, ['only'], []);
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('mandate test takes exactly one program folder.');
  const dir = positionals[0];
  const { versions, diagnostics } = checkProgramFolder(dir);
  printDiagnostics(diagnostics.filter((d) => d.severity === 'error'), dir);
  let failed = diagnostics.some((d) => d.severity === 'error') || versions.length === 0;
  const only = typeof options.only === 'string' ? (name: string) => name.includes(options.only as string) : undefined;
  for (const v of versions) {
    const result = compile(v.doc);
    if (!result.compiled) {
      printDiagnostics(withFiles(result.diagnostics, v.fileMap).filter((d) => d.severity === 'error'), dir);
      console.log(`${versionLabel(v)}: does not compile; fix the errors above first.`);
      failed = true;
      continue;
    }
    const report = runTests(result.compiled, { only });
    console.log(formatTestReport(report));
    if (report.total === 0) console.log(`  (no test cases in ${versionLabel(v)})`);
    if (report.failed > 0) failed = true;
  }
  return failed ? 1 : 0;
}
