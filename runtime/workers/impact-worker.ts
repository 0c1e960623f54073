/**
 * An impact worker thread (started through runtime/workers/boot.js by `WorkerPool`): compiles each program version
 * once (kept by content hash), then for each chunk it is sent parses the households (stored answers texts, JSON
 * Lines or CSV, runtime/workers/impact-protocol.ts; or reads them itself: a range of a store or of a file,
 * runtime/workers/chunk-readers.ts) and runs the engine's `impact` with the chunk's `firstIndex`,
 * replying with the partial summary the main thread merges (`mergeImpact`). A chunk that cannot be compared (a bug,
 * a CSV that cannot be read) is answered with an error, never a crash of the thread.
 */
import { parentPort } from 'node:worker_threads';
import { parse as parseCsv } from 'csv-parse/sync';
import { compile, impact, type CompiledProgram } from '../../engine/index.ts';
import { CsvFallback, parseCsvLines, readFileRange, readStoreRange } from './chunk-readers.ts';
import {
  columnKinds,
  parseJsonLines,
  parseTexts,
  PROBLEMS_PER_CHUNK,
  typeRecord,
  type ChunkInput,
  type ChunkProblem,
  type ChunkReply,
  type ChunkTask,
  type ColumnKind,
} from './impact-protocol.ts';

/** Compiled versions by hash; a worker serves one or two jobs at a time, so a few suffice. */
const compiled = new Map<string, CompiledProgram>();
const KEEP = 8;

function compiledOf(hash: string): CompiledProgram {
  const hit = compiled.get(hash);
  if (!hit) throw new Error(`The worker was not sent the document of version ${hash}.`);
  return hit;
}

function remember(hash: string, doc: unknown): void {
  if (compiled.has(hash)) return;
  const result = compile(doc);
  if (!result.compiled)
    throw new Error(`A version sent to the impact worker does not compile: ${result.diagnostics[0]?.message ?? 'unknown error'}.`);
  compiled.set(hash, result.compiled);
  if (compiled.size > KEEP) compiled.delete(compiled.keys().next().value!);
}

/** CSV parsing of one chunk: each record typed by its column's kind, a record of the wrong width kept as invalid. */
function parseCsvChunk(input: Extract<ChunkInput, { format: 'csv' }>, kinds: Record<string, ColumnKind>, problems: ChunkProblem[]) {
  const households: unknown[] = [];
  parseCsv(input.text, {
    relax_column_count: true,
    skip_empty_lines: true,
    on_record: (cells: string[], context) => {
      if (cells.length !== input.columns.length) {
        if (problems.length < PROBLEMS_PER_CHUNK)
          problems.push({ line: context.lines, key: 'impact.problem.csv-record', params: { found: cells.length, expected: input.columns.length } });
        households.push(null);
      } else households.push(typeRecord(cells, input.columns, kinds, context.lines, problems));
      return null;
    },
  });
  return { households, lines: countLines(input.text) };
}

/** Lines of a text: its newlines, and one more when the last line has none. */
function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return text.length > 0 && !text.endsWith('\n') ? n + 1 : n;
}

function run(task: ChunkTask): ChunkReply {
  for (const v of task.versions) remember(v.hash, v.doc);
  const before = compiledOf(task.before);
  const after = compiledOf(task.after);
  const problems: ChunkProblem[] = [];
  const t0 = performance.now();
  let households: unknown[];
  let lines = 0;
  const input = task.input;
  if (input.format === 'texts') households = parseTexts(input.texts, input.ids, task.firstIndex, problems);
  else if (input.format === 'store') {
    const { texts, ids } = readStoreRange(input);
    households = parseTexts(texts, ids, task.firstIndex, problems);
  } else if (input.format === 'jsonl') ({ households, lines } = parseJsonLines(input.text, problems));
  else if (input.format === 'file') {
    const text = readFileRange(input.path, input.start, input.end);
    ({ households, lines } =
      input.kind === 'jsonl'
        ? parseJsonLines(text, problems)
        : parseCsvLines(text, input.columns, columnKinds(after.input.schema, before.input.schema), problems));
  } else ({ households, lines } = parseCsvChunk(input, columnKinds(after.input.schema, before.input.schema), problems));
  const t1 = performance.now();
  const summary = impact(before, after, households, { ...task.options, firstIndex: task.firstIndex });
  const t2 = performance.now();
  return { id: task.id, summary, count: households.length, lines, problems, parseMs: t1 - t0, engineMs: t2 - t1 };
}

parentPort!.on('message', (task: ChunkTask) => {
  let reply: ChunkReply;
  try {
    reply = run(task);
  } catch (err) {
    reply = { id: task.id, error: (err as Error).message, fallback: err instanceof CsvFallback };
  }
  parentPort!.postMessage(reply);
});
