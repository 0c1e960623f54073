/**
 * `mandate diff <dirA> <dirB>`: what changed from one program version to another, in words a policy analyst
 * reads. A folder holding several versions stands for its latest one. `mandate diff <layer>`: a layer (a version
 * that extends a base) against its base; `--behind`: what the base's newest version changes for the layer.
 */
import { behindReport, diff, formatBehind, formatDiff, layerChanges, type Program } from '../../engine/index.ts';
import { checkProgramFolder, siblingProgramFolder, type CheckedVersion } from '../fs/program-folder.ts';
import { parseArgs, printDiagnostics, UsageError, versionOn } from './args.ts';

/** Usage text of `mandate diff`. */
export const USAGE = `Usage: mandate diff <older-version-folder> <newer-version-folder> [--tests] [--json]
       mandate diff <layer-folder> [--behind] [--json]
  Lists the changes: form questions and pages, parameter values by date, formulas, rules, benefits, workflow,
  translations. The version numbers, dates and changelog are the first line.
  With one folder, a layer (a version with "extends"): what it changes from its base, found among the sibling
  program folders.
  --behind  with a layer: what the base's newest version changes for it (inherited, shadowed by its overrides,
            taking over from its dated values, refused on re-basing)
  --tests   also list added, removed and changed test cases
  --json    print the changes as JSON`;

/** The version in force (or latest) of a folder, or undefined after printing why it cannot be compared. */
function validVersion(dir: string): CheckedVersion | undefined {
  const { versions, diagnostics } = checkProgramFolder(dir);
  const version = versionOn(versions);
  const errors = [...diagnostics, ...(version?.diagnostics ?? [])].filter((d) => d.severity === 'error');
  if (!version?.resolved) {
    printDiagnostics(errors, dir);
    console.error(`${dir}#  diff.invalid  This version has errors; diff compares valid versions only. Run mandate validate ${dir}.`);
    return undefined;
  }
  return version;
}

/** Runs the command; resolves with the exit code. */
export async function run(args: string[]): Promise<number> {
  const { positionals, options } = parseArgs(args, [], ['tests', 'json', 'behind']);
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length === 1) return layerDiff(positionals[0], options.behind === true, options.json === true);
  if (positionals.length !== 2) throw new UsageError('mandate diff takes two program version folders, or one layer folder.');
  if (options.behind) throw new UsageError('--behind takes one layer folder.');
  const programs: Program[] = [];
  for (const dir of positionals) {
    const version = validVersion(dir);
    if (!version) return 1;
    programs.push(version.resolved!);
  }
  const changes = diff(programs[0], programs[1], { tests: options.tests === true });
  console.log(options.json ? JSON.stringify({ header: changes.header, changes: [...changes] }, null, 2) : formatDiff(changes));
  return 0;
}

async function layerDiff(dir: string, behind: boolean, json: boolean): Promise<number> {
  const version = validVersion(dir);
  if (!version) return 1;
  const resolved = version.resolved!;
  if (!resolved.extends) throw new UsageError(`${dir} extends no base program; give two folders to compare two versions.`);
  const baseDir = siblingProgramFolder(version.dir, resolved.extends.program)!;
  const bases = checkProgramFolder(baseDir).versions.filter((v) => v.resolved);
  const base = bases.find((v) => v.doc.version === resolved.extends!.version)!.resolved!;
  if (!behind) {
    const changes = layerChanges(resolved, base);
    console.log(json ? JSON.stringify({ header: changes.header, changes: [...changes] }, null, 2) : formatDiff(changes));
    return 0;
  }
  const latest = bases.at(-1)!.resolved!;
  const report = behindReport(resolved, base, latest);
  console.log(json ? JSON.stringify(report, null, 2) : formatBehind(report));
  return 0;
}
