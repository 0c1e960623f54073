/**
 * `mandate test <dir>`: compiles every version of a program folder and runs its test cases; each failure is printed
 * with what was expected, what came out, and the trace of the rules. `--coverage` adds, per version, which outcomes
 * (pass, fail, unknown) of every rule condition, waiver and page condition the cases exercise; `--json` prints all of
 * it as one JSON document instead. Exit 1 when a version does not compile or a case fails (coverage gaps do not fail).
 */
import path from 'node:path';
import {
  compile,
  conditionCoverage,
  formatCoverage,
  formatTestReport,
  runTests,
  type ConditionCoverage,
  type TestReport,
} from '../../engine/index.ts';
import { checkProgramFolder, withFiles } from '../fs/program-folder.ts';
import { parseArgs, printDiagnostics, UsageError, versionLabel } from './args.ts';

/** Usage text of `mandate test`. */
export const USAGE = `Usage: mandate test <program-folder> [--only TEXT] [--coverage] [--json]
  Runs the test cases (tests/*.json) of every version in the folder.
  --only TEXT  run only the cases whose name contains TEXT
  --coverage   also show which pass / fail / unknown outcomes of each rule, waiver and page condition the cases produce
  --json       print { versions: [{ folder, report, coverage? }] } as JSON instead of text`;

/** One version's results in the `--json` output. */
interface VersionResult {
  folder: string;
  report: TestReport;
  coverage?: ConditionCoverage;
}

/** Runs the command; resolves with the exit code. */
export async function run(args: string[]): Promise<number> {
  const { positionals, options } = parseArgs(args, ['only'], ['coverage', 'json']);
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('mandate test takes exactly one program folder.');
  const dir = positionals[0];
  const { versions, diagnostics } = checkProgramFolder(dir);
  printDiagnostics(
    diagnostics.filter((d) => d.severity === 'error'),
    dir,
  );
  let failed = diagnostics.some((d) => d.severity === 'error') || versions.length === 0;
  const only = typeof options.only === 'string' ? (name: string) => name.includes(options.only as string) : undefined;
  const results: VersionResult[] = [];
  for (const v of versions) {
    const result = compile(v.resolved ?? v.doc);
    if (!result.compiled) {
      printDiagnostics(
        withFiles(result.diagnostics, v.fileMap).filter((d) => d.severity === 'error'),
        dir,
      );
      console.error(`${versionLabel(v)}: does not compile; fix the errors above first.`);
      failed = true;
      continue;
    }
    const report = runTests(result.compiled, { only });
    if (report.failed > 0) failed = true;
    const coverage = options.coverage ? conditionCoverage(result.compiled) : undefined;
    if (options.json) {
      results.push({ folder: path.relative(process.cwd(), v.dir) || '.', report, ...(coverage ? { coverage } : {}) });
      continue;
    }
    console.log(formatTestReport(report));
    if (report.total === 0) console.log(`  (no test cases in ${versionLabel(v)})`);
    if (coverage) console.log(`\n${formatCoverage(coverage)}\n`);
  }
  if (options.json) console.log(JSON.stringify({ versions: results }, null, 2));
  return failed ? 1 : 0;
}
