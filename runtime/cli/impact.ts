/**
 * `mandate impact <draft> --against <version-or-dir> (--cases <store> | --population <file.jsonl|file.csv>) [--date]
 * [--by field] [--json]`: who gains, who loses and what it costs when the draft replaces the other version, over the
 * stored caseload of a store (its pending cases, or `--states`) or over a population file of households (JSON Lines,
 * or CSV with a header row of field ids), read as a stream and compared in chunks on the worker threads
 * (runtime/workers/: the same pool as the server's impact jobs; chunk summaries merged with `mergeImpact`).
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  compareGroupKeys,
  compile,
  contentHash,
  impact,
  IMPACT_CATEGORIES,
  ImpactError,
  type CompiledProgram,
  type ImpactCategory,
  type HistogramBin,
  type ImpactDifference,
  type ImpactSummary,
  type Program,
} from '../../engine/index.ts';
import { checkProgramFolder, withFiles, type CheckedVersion } from '../fs/program-folder.ts';
import { HTTP_MESSAGES } from '../http/messages.ts';
import { caseloadStates } from '../services/impact-jobs.ts';
import { openStore } from '../store/index.ts';
import type { Store, StoreConfig } from '../store/types.ts';
import type { ImpactRunOptions } from '../workers/impact-protocol.ts';
import { caseloadSource, PopulationError, runImpact, runImpactOverFile, type ImpactRunResult, type ReadChunk } from '../workers/impact-run.ts';
import { ImpactPool } from '../workers/pool.ts';
import { isDate, parseArgs, printDiagnostics, UsageError, versionLabel, versionOn } from './args.ts';

/** Usage text of `mandate impact`. */
export const USAGE = `Usage: mandate impact <draft-folder> --against <version-or-folder> (--cases <store> | --population <file>) [--date YYYY-MM-DD] [--by NAME] [--samples N] [--partial] [--json]
  Compares the draft with another version over the stored cases or the households of a population file:
  newly eligible, newly ineligible, newly needing more information, amounts up and down, the cost per month
  and per year of each benefit, the distribution of the changes, a breakdown and sample cases with the first
  difference. Runs on worker threads (MANDATE_WORKERS, default one per core).
  --against     a program version folder, or a version number of the draft's program
  --cases       a case store: a SQLite file (mandate.db), a data folder holding one, or a postgres:// or mongodb:// URL;
                its pending cases of the draft's program (those in no terminal state)
  --states      with --cases: only cases in these states (comma-separated)
  --population  a JSON Lines file (one household's answers per line) or a CSV file (.csv: a header row of
                field ids; numbers, true/false, and JSON in a cell for lists such as the household members)
  --date        the as-of date of both evaluations (default: today)
  --by          a derived value, form field or JSON Pointer into the answers to break down by (default: householdSize)
  --samples     sample cases kept per kind of change (default 3)
  --partial     treat missing required answers as missing, not as errors
  --json        print the summary (with the sample cases' determinations) as JSON`;

const CATEGORY_LABELS: Record<ImpactCategory, string> = {
  'newly-eligible': 'Newly eligible',
  'newly-ineligible': 'Newly ineligible',
  'newly-needs-more-information': 'Newly needs more information',
  'newly-invalid': 'Newly invalid (input or evaluation errors)',
  'amount-up': 'Eligible under both, amount up',
  'amount-down': 'Eligible under both, amount down',
  unchanged: 'Unchanged',
};

/** The store `--cases` names: a postgres:// or mongodb:// URL, a data folder (holding mandate.db) or a SQLite file. */
export function storeConfigOf(cases: string): StoreConfig {
  if (/^postgres(ql)?:\/\//.test(cases)) return { databaseUrl: cases };
  if (/^mongodb(\+srv)?:\/\//.test(cases)) return { mongodbUri: cases };
  if (fs.existsSync(cases) && fs.statSync(cases).isDirectory()) return { dataDir: cases };
  return { sqlitePath: cases };
}

/** Runs the command; resolves with the exit code. */
export async function run(args: string[], today: () => string = () => new Date().toISOString().slice(0, 10)): Promise<number> {
  const { positionals, options } = parseArgs(args, ['against', 'population', 'cases', 'states', 'date', 'by', 'samples'], ['json', 'partial']);
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('mandate impact takes exactly one draft program folder.');
  if (typeof options.against !== 'string') throw new UsageError('--against <version-or-folder> is required: the version the draft would replace.');
  const cases = typeof options.cases === 'string' ? options.cases : undefined;
  const population = typeof options.population === 'string' ? options.population : undefined;
  if ((cases === undefined) === (population === undefined))
    throw new UsageError('Give either --cases <store> (the stored caseload) or --population <file.jsonl|file.csv> (households).');
  if (options.states !== undefined && cases === undefined) throw new UsageError('--states goes with --cases.');
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
  let by: string | null;
  try {
    by = impact(against.compiled, draft.compiled, [], { asOf: date, by: typeof options.by === 'string' ? options.by : undefined, sampleSize: 0 }).by;
  } catch (err) {
    if (err instanceof ImpactError) {
      console.error(`--by  impact.invalid  ${err.message}`);
      return 1;
    }
    throw err;
  }
  const runOptions: ImpactRunOptions = { asOf: date, by, sampleSize, partial: options.partial === true };
  const versions = { before: docOf(against.version), after: docOf(draft.version) };

  let result: ImpactRunResult | number;
  let source: string;
  if (population !== undefined) {
    if (!fs.existsSync(population)) {
      console.error(
        `${population}#  population.unreadable  No such file. Give a JSON Lines file (one JSON object per line) or a CSV file of households.`,
      );
      return 1;
    }
    source = population;
    const format = path.extname(population).toLowerCase() === '.csv' ? 'csv' : 'jsonl';
    result = await impactOverChunks(versions, runOptions, { file: population, format }, population);
  } else {
    const config = storeConfigOf(cases!);
    const store = await openStore(config);
    try {
      const programId = versions.after.doc.id;
      const stored = await store.listProgramVersions({ programId, status: 'published' });
      const { pendingStates, allStates } = caseloadStates([...stored.map((v) => v.doc), versions.before.doc, versions.after.doc]);
      const states = typeof options.states === 'string' ? options.states.split(',').map((x) => x.trim()) : pendingStates;
      const unknown = states.find((x) => !allStates.includes(x));
      if (unknown !== undefined) {
        console.error(`--states  impact.bad-state  "${unknown}" is not a state of ${programId}'s workflow; use some of ${allStates.join(', ')}.`);
        return 1;
      }
      const filter = { programId, states };
      source = `the stored cases of ${programId} in ${cases} (states ${states.join(', ')})`;
      result = await impactOverChunks(versions, runOptions, caseloadSource(store, config, filter), cases!);
    } finally {
      await store.close();
    }
  }
  if (typeof result === 'number') return result;
  for (const p of result.problems) {
    console.error(
      `${population ?? cases}:${p.line}  ${p.key.replace('impact.problem.', 'population.')}  ${HTTP_MESSAGES.render(p.key, p.params, 'en')}`,
    );
  }
  if (options.json) console.log(JSON.stringify(result.summary, null, 2));
  else console.log(formatImpact(result.summary, versionLabel(draft.version), versionLabel(against.version), source));
  return 0;
}

/** A checked version as the document the workers compile, with its hash. */
function docOf(version: CheckedVersion): { doc: Program; hash: string } {
  const doc = (version.resolved ?? version.doc) as unknown as Program;
  return { doc, hash: contentHash(doc) };
}

/** Runs the chunks on a pool of its own; resolves with the result, or exit code 1 after printing why the file cannot be read. */
async function impactOverChunks(
  versions: { before: { doc: Program; hash: string }; after: { doc: Program; hash: string } },
  options: ImpactRunOptions,
  chunks: AsyncIterable<ReadChunk> | { file: string; format: 'jsonl' | 'csv' },
  where: string,
): Promise<ImpactRunResult | number> {
  const pool = new ImpactPool();
  try {
    const run = { pool, ...versions, options, problemLimit: 50 };
    // A file on disk is read by the workers in byte ranges (runImpactOverFile).
    const result = 'file' in chunks ? await runImpactOverFile(run, chunks.file, chunks.format) : await runImpact({ ...run, chunks });
    if (result === 'cancelled') throw new Error('unreachable: the CLI never cancels a run');
    return result;
  } catch (err) {
    if (err instanceof PopulationError) {
      console.error(`${where}:1  population.csv-header  ${HTTP_MESSAGES.render('impact.population-header', {}, 'en')}`);
      return 1;
    }
    throw err;
  } finally {
    await pool.close();
  }
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
  const result = compile(version.resolved ?? version.doc);
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

/** How often a benefit is paid, in the table's words (a once-only grant counts once a year in the yearly cost). */
const PAID: Record<ImpactSummary['benefits'][string]['period'], string> = {
  month: 'paid monthly',
  week: 'paid weekly',
  year: 'paid yearly',
  once: 'paid once; counted once a year',
};

/** The summary as the readable table `mandate impact` prints: counts, cost per benefit, histogram, breakdown, samples. */
export function formatImpact(s: ImpactSummary, draftLabel: string, againstLabel: string, source: string): string {
  const out: string[] = [];
  out.push(`Impact of ${draftLabel} against ${againstLabel} on ${s.asOf}`);
  out.push(`${count(s.households)} households from ${source}`, '');
  for (const c of IMPACT_CATEGORIES) out.push(`  ${CATEGORY_LABELS[c].padEnd(44)} ${count(s.categories[c]).padStart(10)}`);
  out.push(`  ${'(of the unchanged: eligible, same amount)'.padEnd(44)} ${count(s.amountSame).padStart(10)}`);
  for (const [id, b] of Object.entries(s.benefits)) {
    out.push('', `${b.title} (${id}, ${PAID[b.period]})`);
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
