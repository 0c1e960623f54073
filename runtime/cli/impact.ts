/**
 * `mandate impact <draft> --against <version-or-dir> --population <file.jsonl> [--date] [--by field] [--json]`: who
 * gains, who loses and what it costs when the draft replaces the other version, over a population file of
 * households (JSON Lines, one household's answers per line), read as a stream and compared in chunks on the batch
 * path (the engine's `impact`, chunk summaries merged with `mergeImpact`).
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  compile,
  compareGroupKeys,
  impact,
  IMPACT_CATEGORIES,
  ImpactError,
  mergeImpact,
  type CompiledProgram,
  type ImpactCategory,
  type HistogramBin,
  type ImpactDifference,
  type ImpactSummary,
} from '../../engine/index.ts';
import { checkProgramFolder, withFiles, type CheckedVersion } from '../fs/program-folder.ts';
import { isDate, parseArgs, printDiagnostics, UsageError, versionLabel, versionOn } from './args.ts';

/** Usage text of `mandate impact`. */
export const USAGE = `Usage: mandate impact <draft-folder> --against <version-or-folder> --population <households.jsonl> [--date YYYY-MM-DD] [--by NAME] [--samples N] [--partial] [--json]
  Compares the draft with another version over every household of the population file: newly eligible,
  newly ineligible, newly needing more information, amounts up and down, the cost per month and per year of
  each benefit, the distribution of the changes, a breakdown and sample cases with the first difference.
  --against     a program version folder, or a version number of the draft's program
  --population  a JSON Lines file: one household's answers (a JSON object) per line
  --cases       a case store (not available yet)
  --date        the as-of date of both evaluations (default: today)
  --by          a derived value, form field or JSON Pointer into the answers to break down by (default: householdSize)
  --samples     sample cases kept per kind of change (default 3)
  --partial     treat missing required answers as missing, not as errors
  --json        print the summary (with the sample cases' determinations) as JSON`;

/** Households read before each chunk is compared: bounds memory whatever the size of the file. */
const CHUNK = 50_000;

const CATEGORY_LABELS: Record<ImpactCategory, string> = {
  'newly-eligible': 'Newly eligible',
  'newly-ineligible': 'Newly ineligible',
  'newly-needs-more-information': 'Newly needs more information',
  'newly-invalid': 'Newly invalid (input or evaluation errors)',
  'amount-up': 'Eligible under both, amount up',
  'amount-down': 'Eligible under both, amount down',
  unchanged: 'Unchanged',
};

/** Runs the command; resolves with the exit code. */
export async function run(args: string[], today: () => string = () => new Date().toISOString().slice(0, 10)): Promise<number> {
  const { positionals, options } = parseArgs(args, ['against', 'population', 'cases', 'date', 'by', 'samples'], ['json', 'partial']);
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('mandate impact takes exactly one draft program folder.');
  if (typeof options.against !== 'string') throw new UsageError('--against <version-or-folder> is required: the version the draft would replace.');
  if (options.cases !== undefined) {
    console.error(
      `--cases  impact.not-yet  Impact over a case store is not available yet (it comes with the runtime's impact job); export the households as JSON Lines and pass --population <file.jsonl>.`,
    );
    return 1;
  }
  if (typeof options.population !== 'string') throw new UsageError('--population <households.jsonl> is required.');
  const date = typeof options.date === 'string' ? options.date : today();
  if (!isDate(date)) throw new UsageError(`--date ${date} is not a date; write it as YYYY-MM-DD.`);
  const sampleSize = typeof options.samples === 'string' ? Number(options.samples) : 3;
  if (!Number.isInteger(sampleSize) || sampleSize < 0)
    throw new UsageError(`--samples ${String(options.samples)} must be a whole number, 0 or more.`);

  const draftDir = positionals[0];
  const draft = compiledVersion(draftDir, versionOn(checkProgramFolder(draftDir).versions), draftDir);
  if (!draft) return 1;
  const against = compiledVersion(options.against, againstVersion(draftDir, options.against, date), draftDir);
  if (!against) return 1;
  if (!fs.existsSync(options.population)) {
    console.error(`${options.population}#  population.unreadable  No such file. Give a JSON Lines file of households, one JSON object per line.`);
    return 1;
  }

  let summary: ImpactSummary;
  try {
    const result = await impactOfFile(against.compiled, draft.compiled, options.population, {
      asOf: date,
      by: typeof options.by === 'string' ? options.by : undefined,
      sampleSize,
      partial: options.partial === true,
    });
    if (typeof result === 'string') {
      console.error(result);
      return 1;
    }
    summary = result;
  } catch (err) {
    if (err instanceof ImpactError) {
      console.error(`--by  impact.invalid  ${err.message}`);
      return 1;
    }
    throw err;
  }
  if (options.json) console.log(JSON.stringify(summary, null, 2));
  else console.log(formatImpact(summary, versionLabel(draft.version), versionLabel(against.version), options.population));
  return 0;
}

/** The version `--against` names: a version number of the draft's program (in its folder or the folder above), or a folder. */
function againstVersion(draftDir: string, against: string, date: string): CheckedVersion | undefined {
  if (/^\d+$/.test(against)) {
    for (const dir of [draftDir, path.dirname(path.resolve(draftDir))]) {
      const found = checkProgramFolder(dir).versions.find((v) => v.doc.version === Number(against));
      if (found) return found;
    }
    return undefined;
  }
  const versions = checkProgramFolder(against).versions;
  return versions.length > 1 ? (versionOn(versions, date) ?? versions[versions.length - 1]) : versions[0];
}

/** Compiles a chosen version, printing its errors (or that there is no such version) when it cannot be compiled. */
function compiledVersion(
  where: string,
  version: CheckedVersion | undefined,
  draftDir: string,
): { version: CheckedVersion; compiled: CompiledProgram } | null {
  if (!version) {
    console.error(
      `${where}#  program.not-found  No program version here. Give a program version folder, or a version number of the program in ${draftDir}.`,
    );
    return null;
  }
  const result = compile(version.doc);
  if (!result.compiled) {
    printDiagnostics(
      withFiles(result.diagnostics, version.fileMap).filter((d) => d.severity === 'error'),
      version.dir,
    );
    console.error(
      `${version.dir}#  impact.invalid-version  This version has errors; impact compares valid versions only. Run mandate validate ${version.dir}.`,
    );
    return null;
  }
  return { version, compiled: result.compiled };
}

/**
 * Streams a JSON Lines file through `impact` in chunks of CHUNK households and merges the chunks' summaries. Blank
 * lines are skipped. Resolves with the summary, or with an error line naming the file and line that is not a JSON object.
 */
export async function impactOfFile(
  before: CompiledProgram,
  after: CompiledProgram,
  file: string,
  options: { asOf: string; by?: string | null; sampleSize: number; partial: boolean },
): Promise<ImpactSummary | string> {
  const parts: ImpactSummary[] = [];
  let chunk: unknown[] = [];
  let firstIndex = 0;
  let lineNumber = 0;
  const flush = () => {
    parts.push(impact(before, after, chunk, { ...options, firstIndex }));
    firstIndex += chunk.length;
    chunk = [];
  };
  /** Adds one line's household; returns an error line when it is not a JSON object. */
  const add = (line: string): string | undefined => {
    lineNumber++;
    if (line.trim() === '') return;
    let household: unknown;
    try {
      household = JSON.parse(line);
    } catch (err) {
      return `${file}:${lineNumber}  population.json-syntax  ${(err as Error).message}. Each line must be one household's answers as a JSON object.`;
    }
    if (household === null || typeof household !== 'object' || Array.isArray(household)) {
      return `${file}:${lineNumber}  population.not-an-object  This line is not a JSON object. Each line must be one household's answers, e.g. {"members": [...]}.`;
    }
    chunk.push(household);
    if (chunk.length === CHUNK) flush();
  };
  // Read in 1 MB pieces and split lines here: node:readline's per-line events made this path ~17% slower (bench/impact.ts).
  const stream = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let rest = '';
  for await (const piece of stream as AsyncIterable<string>) {
    const text = rest + piece;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      const error = add(text.charCodeAt(nl - 1) === 13 ? text.slice(start, nl - 1) : text.slice(start, nl));
      if (error) {
        stream.destroy();
        return error;
      }
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  const error = add(rest);
  if (error) return error;
  if (chunk.length > 0 || parts.length === 0) flush();
  return parts.reduce(mergeImpact);
}

const count = (n: number) => n.toLocaleString('en-US');
const money = (n: number) =>
  `${n > 0 ? '+' : n < 0 ? '−' : ''}${Math.abs(n).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** A histogram bin in words: `no change`, `up to +10`, `+10 to +25`, `−25 to −10`, `more than +500`. */
function binLabel(bin: HistogramBin): string {
  if (bin.min === 0 && bin.max === 0) return 'no change';
  if (bin.min !== null && bin.min >= 0) {
    if (bin.max === null) return `more than +${count(bin.min)}`;
    return bin.min === 0 ? `up to +${count(bin.max)}` : `+${count(bin.min)} to +${count(bin.max)}`;
  }
  if (bin.min === null) return `more than −${count(-(bin.max ?? 0))}`;
  return bin.max === 0 ? `up to −${count(-bin.min)}` : `−${count(-bin.min)} to −${count(-(bin.max ?? 0))}`;
}

function describeDifference(d: ImpactDifference | null): string {
  if (!d) return 'no difference';
  if (d.kind === 'rule') return `rule ${d.rule}: ${d.before ?? 'absent'} → ${d.after ?? 'absent'}`;
  if (d.kind === 'value') return `${d.name}: ${JSON.stringify(d.before)} → ${JSON.stringify(d.after)}`;
  if (d.kind === 'benefit') return `${d.benefit}: ${d.before ?? 'none'} → ${d.after ?? 'none'}`;
  return `status: ${d.before} → ${d.after}`;
}

/** The summary as the readable table `mandate impact` prints: counts, cost per benefit, histogram, breakdown, samples. */
export function formatImpact(s: ImpactSummary, draftLabel: string, againstLabel: string, source: string): string {
  const out: string[] = [];
  out.push(`Impact of ${draftLabel} against ${againstLabel} on ${s.asOf}`);
  out.push(`${count(s.households)} households from ${source}`, '');
  for (const c of IMPACT_CATEGORIES) out.push(`  ${CATEGORY_LABELS[c].padEnd(44)} ${count(s.categories[c]).padStart(10)}`);
  out.push(`  ${'(of the unchanged: eligible, same amount)'.padEnd(44)} ${count(s.amountSame).padStart(10)}`);
  for (const [id, b] of Object.entries(s.benefits)) {
    out.push('', `${b.title} (${id}, paid per ${b.period})`);
    out.push(`  recipients            ${count(b.recipientsBefore)} → ${count(b.recipientsAfter)}`);
    out.push(
      `  change per month      ${money(b.monthlyChange)}  (average ${money(b.averageMonthlyChange)} per household receiving it under either version)`,
    );
    out.push(`  cost change per year  ${money(b.annualChange)}`);
    out.push('  monthly change per household:');
    for (const bin of s.histogram[id] ?? []) {
      if (bin.count === 0) continue;
      const range = binLabel(bin);
      out.push(`    ${range.padEnd(20)} ${count(bin.count).padStart(10)}`);
    }
  }
  if (s.by) {
    out.push('', `By ${s.by}:`);
    const ids = Object.keys(s.benefits);
    out.push(
      `  ${'group'.padEnd(12)} ${'households'.padStart(10)} ${'newly elig.'.padStart(11)} ${'newly inel.'.padStart(11)} ${'up'.padStart(8)} ${'down'.padStart(8)} ${'cost change per year'.padStart(22)}`,
    );
    for (const key of Object.keys(s.groups).sort(compareGroupKeys)) {
      const g = s.groups[key];
      const cents = ids.reduce((n, id) => n + ((g.benefits[id]?.yearlyCentsAfter ?? 0) - (g.benefits[id]?.yearlyCentsBefore ?? 0)), 0);
      out.push(
        `  ${key.padEnd(12)} ${count(g.households).padStart(10)} ${count(g.categories['newly-eligible']).padStart(11)} ${count(g.categories['newly-ineligible']).padStart(11)} ${count(g.categories['amount-up']).padStart(8)} ${count(g.categories['amount-down']).padStart(8)} ${money(cents / 100).padStart(22)}`,
      );
    }
  }
  const sampled = IMPACT_CATEGORIES.filter((c) => s.samples[c].length > 0);
  if (sampled.length > 0) {
    out.push('', 'Sample cases (household line index: first difference):');
    for (const c of sampled) {
      out.push(`  ${CATEGORY_LABELS[c]}`);
      for (const x of s.samples[c]) out.push(`    #${x.index}  ${describeDifference(x.difference)}`);
    }
  }
  return out.join('\n');
}
