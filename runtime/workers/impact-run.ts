/**
 * Impact over many households on the worker pool: chunks are read here (a page of the stored caseload, or a piece
 * of a population file cut at a record boundary), parsed and compared in the workers, and their partial summaries
 * merged here in stream order with the engine's `mergeImpact`. At most two chunks per worker are in flight, so
 * memory stays flat whatever the number of households; between chunks the event loop turns, so a server stays
 * responsive while a run goes on.
 *
 *   chunks (read: store pages / file pieces) → pool (parse + impact per chunk) → ordered merge → summary
 */
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { setImmediate as turn } from 'node:timers/promises';
import { parse as parseCsv } from 'csv-parse/sync';
import { mergeImpact, type ImpactSummary } from '../../engine/index.ts';
import { caseIdBoundary, openCaseloadReader } from '../store/sqlite/caseload.ts';
import { sqlitePathOf, usesSqlite } from '../store/index.ts';
import type { CaseloadFilter, Store, StoreConfig } from '../store/types.ts';
import type { ChunkInput, ChunkProblem, ImpactRunOptions, VersionDoc } from './impact-protocol.ts';
import { ChunkError, type ChunkResult, type ImpactPool } from './pool.ts';

/** A chunk as read, with the stream index of its first household when the reader knows it (the caseload does). */
export interface ReadChunk {
  input: ChunkInput;
  firstIndex?: number;
  /** Lines of the file before this chunk's text that no chunk holds (a CSV file's header row). */
  skippedLines?: number;
}

/** What a run is given. */
export interface ImpactRunInput {
  pool: ImpactPool;
  before: VersionDoc;
  after: VersionDoc;
  options: ImpactRunOptions;
  chunks: AsyncIterable<ReadChunk>;
  /** Aborting it stops the run at once, even while a chunk is being read (its figures are discarded). */
  signal?: AbortSignal;
  /** Called after each merge with the households merged so far. */
  onProgress?: (done: number) => void;
  /** Problems kept in all (the first ones in stream order); default 20. */
  problemLimit?: number;
}

/** A finished run: the summary, the first problems, and where the time went (milliseconds; parse and engine summed over workers). */
export interface ImpactRunResult {
  summary: ImpactSummary;
  problems: ChunkProblem[];
  timings: { readMs: number; parseMs: number; engineMs: number; wallMs: number };
}

/** Compares `before` and `after` over every chunk; resolves with the result, or `'cancelled'`. */
export async function runImpact(input: ImpactRunInput): Promise<ImpactRunResult | 'cancelled'> {
  const started = performance.now();
  const docs = [input.before, input.after];
  const limit = input.problemLimit ?? 20;
  const maxInFlight = input.pool.size * 2;
  const results = new Map<number, { result: ChunkResult; chunk: ReadChunk }>();
  const inFlight = new Set<Promise<void>>();
  let failure: Error | null = null;
  /** Set when the run is over early (cancelled or failed): chunks still in the pool are then discarded. */
  let stopped = false;
  let summary: ImpactSummary | null = null;
  const problems: ChunkProblem[] = [];
  let nextToMerge = 0;
  let households = 0;
  let lines = 0;
  let readMs = 0;
  let parseMs = 0;
  let engineMs = 0;

  /** Merges every finished chunk that is next in stream order, shifting its indexes and lines to their place. */
  const mergeReady = () => {
    for (let entry = results.get(nextToMerge); entry; entry = results.get(nextToMerge)) {
      results.delete(nextToMerge++);
      const { result, chunk } = entry;
      // Indexes are the stream's when the reader knew the chunk's place, else the chunk's own, shifted now; so are
      // the problems' lines of stored answers (their index + 1). A file's lines are numbered in the chunk.
      const shift = households - (chunk.firstIndex ?? 0);
      if (shift !== 0) for (const list of Object.values(result.summary.samples)) for (const s of list) s.index += shift;
      lines += chunk.skippedLines ?? 0;
      for (const p of result.problems) {
        const byIndex = chunk.input.format === 'texts' || chunk.input.format === 'store';
        if (problems.length < limit) problems.push({ ...p, line: p.line + (byIndex ? shift : lines) });
      }
      households += result.count;
      lines += result.lines;
      parseMs += result.parseMs;
      engineMs += result.engineMs;
      summary = summary ? mergeImpact(summary, result.summary) : result.summary;
    }
    input.onProgress?.(households);
  };

  const send = (seq: number, chunk: ReadChunk) => {
    // Only what the merge needs of the chunk is kept while the workers have it, not its text (memory stays flat).
    const meta: ReadChunk = { input: { format: chunk.input.format } as ChunkInput, firstIndex: chunk.firstIndex, skippedLines: chunk.skippedLines };
    const task = {
      before: input.before.hash,
      after: input.after.hash,
      options: input.options,
      firstIndex: chunk.firstIndex ?? 0,
      input: chunk.input,
    };
    const p = input.pool
      .run(task, docs)
      .then(
        (result) => {
          if (stopped) return;
          results.set(seq, { result, chunk: meta });
          mergeReady();
        },
        (err: Error) => {
          failure ??= err;
        },
      )
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };

  const signal = input.signal;
  const aborted = new Promise<'aborted'>((resolve) => {
    if (signal?.aborted) resolve('aborted');
    else signal?.addEventListener('abort', () => resolve('aborted'), { once: true });
  });
  let seq = 0;
  const iterator = input.chunks[Symbol.asyncIterator]();
  let reading = false;
  try {
    for (;;) {
      if (failure) throw failure;
      if (signal?.aborted) return 'cancelled';
      const t = performance.now();
      reading = true;
      const next = await Promise.race([iterator.next(), aborted]);
      if (next === 'aborted') return 'cancelled';
      reading = false;
      readMs += performance.now() - t;
      if (next.done) break;
      send(seq++, next.value);
      while (inFlight.size >= maxInFlight && !signal?.aborted) await Promise.race([...inFlight, aborted]);
    }
    // An empty stream still gets a summary (of no households), from one empty chunk.
    if (seq === 0) send(seq++, { input: { format: 'texts', texts: [], ids: [] }, firstIndex: 0 });
    while (inFlight.size > 0 && !signal?.aborted) await Promise.race([...inFlight, aborted]);
  } finally {
    if (failure || signal?.aborted) {
      stopped = true;
      // A reader still waiting for its source (an upload that stalls) is left to end with it.
      if (!reading) await iterator.return?.();
    }
  }
  if (failure) throw failure;
  if (signal?.aborted) return 'cancelled';
  return { summary: summary!, problems, timings: { readMs, parseMs, engineMs, wallMs: performance.now() - started } };
}

/** Cases read per page of the caseload (one chunk each). */
export const CASELOAD_PAGE = 5_000;

/** The stored caseload as chunks: pages by keyset on case id, one event-loop turn between pages. */
export async function* caseloadChunks(store: Store, filter: CaseloadFilter, pageSize = CASELOAD_PAGE): AsyncGenerator<ReadChunk> {
  let after: string | undefined;
  let index = 0;
  for (;;) {
    const rows = await store.readCaseload({ ...filter, after, limit: pageSize });
    if (rows.length === 0) return;
    yield {
      input: { format: 'texts', texts: rows.map((r) => r.answers), ids: rows.map((r) => r.caseId) },
      firstIndex: index,
    };
    index += rows.length;
    after = rows[rows.length - 1].caseId;
    await turn();
  }
}

/**
 * The stored caseload of a SQLite file as ranges of case ids that the workers read themselves, each on its own
 * read-only connection (`format: 'store'`): the main thread only finds each range's upper bound in the ids' index
 * (about `pageSize` entries per range, one event-loop turn between ranges) and merges. Same cases, same order as
 * `caseloadChunks`.
 */
export async function* storeRangeChunks(path: string, filter: CaseloadFilter, pageSize = CASELOAD_PAGE): AsyncGenerator<ReadChunk> {
  const db = openCaseloadReader(path);
  try {
    let after: string | null = null;
    for (;;) {
      const upTo = caseIdBoundary(db, after, pageSize);
      yield { input: { format: 'store', path, programId: filter.programId, states: filter.states ? [...filter.states] : null, after, upTo } };
      if (upTo === null) return;
      after = upTo;
      await turn();
    }
  } finally {
    db.close();
  }
}

/**
 * The caseload's chunks for a store: ranges the workers read themselves when the store is a SQLite file they can
 * open (`config`, as the server or the CLI opened it), else the main thread's pages (`caseloadChunks`: MongoDB, an
 * in-memory store, a store handed in without its config).
 */
export function caseloadSource(store: Store, config: StoreConfig | undefined, filter: CaseloadFilter): AsyncIterable<ReadChunk> {
  if (config && usesSqlite(config)) {
    const file = sqlitePathOf(config);
    if (file !== ':memory:' && fs.existsSync(file)) return storeRangeChunks(file, filter);
  }
  return caseloadChunks(store, filter);
}

/** Characters of a population file per chunk (about 2,000 SNAP households). */
export const POPULATION_CHUNK = 2 << 20;

/** A population file that cannot be read as a whole (no header row, a body over the size limit). */
export class PopulationError extends Error {
  constructor(
    readonly code: 'csv-header' | 'too-large',
    readonly params: Record<string, string | number>,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A population file as chunks of whole records: JSON Lines cut after a newline; CSV cut after a newline outside
 * quotes (a quoted cell may hold newlines), its header row read first (the column names: field ids). `limitBytes`
 * stops reading with a `PopulationError('too-large')` once the file is larger.
 */
export async function* populationChunks(
  source: Readable,
  format: 'jsonl' | 'csv',
  options: { limitBytes?: number; chunkChars?: number; onBytes?: (bytes: number) => void } = {},
): AsyncGenerator<ReadChunk> {
  const decoder = new StringDecoder('utf8');
  const size = options.chunkChars ?? POPULATION_CHUNK;
  let bytes = 0;
  let pending = '';
  let columns: string[] | null = format === 'csv' ? null : [];
  let inQuotes = false;
  /** Index just after the last record boundary in `pending` seen by the CSV scan, and where the scan resumes. */
  let boundary = 0;
  let scanned = 0;
  let first = true;
  const chunkOf = (text: string): ReadChunk => {
    const chunk: ReadChunk = { input: format === 'csv' ? { format, text, columns: columns! } : { format: 'jsonl', text } };
    if (first && format === 'csv') chunk.skippedLines = 1;
    first = false;
    return chunk;
  };

  /** Moves `boundary` to just after the last newline outside quotes seen so far (native searches, not a loop per character). */
  const scanCsv = () => {
    let i = scanned;
    while (i < pending.length) {
      const quote = pending.indexOf('"', i);
      if (inQuotes) {
        if (quote === -1) break;
        inQuotes = false;
        i = quote + 1;
        continue;
      }
      const end = quote === -1 ? pending.length : quote;
      for (let nl = pending.indexOf('\n', i); nl !== -1 && nl < end; nl = pending.indexOf('\n', nl + 1)) boundary = nl + 1;
      if (quote === -1) break;
      inQuotes = true;
      i = quote + 1;
    }
    scanned = pending.length;
  };

  /** Reads the header row (up to the first newline outside quotes) once it has arrived; false while it has not. */
  const takeHeader = (): boolean => {
    let quoted = false;
    let end = -1;
    for (let i = 0; i < pending.length && end === -1; i++) {
      const c = pending.charCodeAt(i);
      if (c === 34) quoted = !quoted;
      else if (c === 10 && !quoted) end = i + 1;
    }
    if (end === -1) return false;
    const header = parseCsv(pending.slice(0, end), { to_line: 1 }) as string[][];
    columns = (header[0] ?? []).map((c) => c.trim());
    if (columns.length === 0 || columns.every((c) => c === '')) throw new PopulationError('csv-header', {}, 'The CSV file has no header row.');
    pending = pending.slice(end);
    return true;
  };

  // Stopping early (a file over the limit, a cancelled job) leaves the source open, so that an HTTP request can still
  // be answered; the server discards the rest of its body.
  for await (const piece of source.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer | string>) {
    const buffer = typeof piece === 'string' ? Buffer.from(piece) : piece;
    bytes += buffer.length;
    options.onBytes?.(bytes);
    if (options.limitBytes !== undefined && bytes > options.limitBytes) {
      throw new PopulationError('too-large', { limit: options.limitBytes }, `The population file is larger than ${options.limitBytes} bytes.`);
    }
    pending += decoder.write(buffer);
    if (columns === null && !takeHeader()) continue;
    if (pending.length < size) continue;
    let cut: number;
    if (format === 'csv') {
      scanCsv();
      cut = boundary;
    } else cut = pending.lastIndexOf('\n') + 1;
    if (cut === 0) continue;
    const text = pending.slice(0, cut);
    pending = pending.slice(cut);
    scanned = Math.max(0, scanned - cut);
    boundary = 0;
    yield chunkOf(text);
  }
  pending += decoder.end();
  if (columns === null) {
    // A file of one line (the header with no newline) or nothing at all.
    pending += '\n';
    if (!takeHeader()) throw new PopulationError('csv-header', {}, 'The CSV file has no header row.');
  }
  if (pending.trim() !== '') yield chunkOf(pending);
}

/** Bytes of the start of a CSV file searched for its header row. */
const HEADER_BYTES = 1 << 20;

/**
 * A population file on disk as byte ranges that the workers read and parse themselves (`format: 'file'`: the lines
 * starting in each range; CSV on the fast path, one record per line), a CSV file's header row read here first.
 * Throws `PopulationError('csv-header')` for a CSV file without one.
 */
export async function* fileRangeChunks(path: string, format: 'jsonl' | 'csv', rangeBytes = POPULATION_CHUNK): AsyncGenerator<ReadChunk> {
  const size = fs.statSync(path).size;
  let start = 0;
  let columns: string[] = [];
  if (format === 'csv') {
    const fd = fs.openSync(path, 'r');
    const head = Buffer.alloc(Math.min(size, HEADER_BYTES));
    try {
      fs.readSync(fd, head, 0, head.length, 0);
    } finally {
      fs.closeSync(fd);
    }
    const nl = head.indexOf(10);
    const line = nl === -1 ? (size <= HEADER_BYTES ? head : null) : head.subarray(0, nl + 1);
    // A header row past the first MB, or holding a quote (a quoted name may hold a newline): the streaming reader's job.
    if (line === null || line.includes(34)) throw new CsvHeaderFallback();
    const header = parseCsv(line.toString('utf8'), { to_line: 1 }) as string[][];
    columns = (header[0] ?? []).map((c) => c.trim());
    if (columns.length === 0 || columns.every((c) => c === '')) throw new PopulationError('csv-header', {}, 'The CSV file has no header row.');
    start = line.length;
  }
  let first = true;
  for (; start < size || first; start += rangeBytes) {
    const chunk: ReadChunk = { input: { format: 'file', path, kind: format, start, end: Math.min(size, start + rangeBytes), columns } };
    if (first && format === 'csv') chunk.skippedLines = 1;
    first = false;
    yield chunk;
    if (start + rangeBytes >= size) return;
  }
}

/** A CSV header row the range reader leaves to the streaming one. */
class CsvHeaderFallback extends Error {}

/**
 * Impact over a population file on disk: byte ranges read and parsed by the workers (`fileRangeChunks`); a CSV
 * file the fast reader does not read (a quoted cell holding a newline, a stray quote) is read again from the start
 * by the streaming reader (`populationChunks`, csv-parse in the workers), so its figures and problems are csv-parse's.
 */
export async function runImpactOverFile(
  input: Omit<ImpactRunInput, 'chunks'>,
  path: string,
  format: 'jsonl' | 'csv',
  rangeBytes = POPULATION_CHUNK,
): Promise<ImpactRunResult | 'cancelled'> {
  try {
    return await runImpact({ ...input, chunks: fileRangeChunks(path, format, rangeBytes) });
  } catch (err) {
    if (format !== 'csv' || !(err instanceof CsvHeaderFallback || (err instanceof ChunkError && err.fallback))) throw err;
  }
  return runImpact({ ...input, chunks: populationChunks(fs.createReadStream(path), format) });
}
