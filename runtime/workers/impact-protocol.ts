/**
 * The messages between the main thread and the impact workers (runtime/workers/impact-worker.ts), and the parsing
 * of one chunk of households — JSON texts of stored answers, JSON Lines or CSV — that each worker runs before the
 * engine's `impact`. Parsing is here, not in the main thread: the main thread only reads bytes and merges summaries.
 */
import type { ImpactSummary, Program } from '../../engine/index.ts';

/** A program version a worker compiles once and keeps by hash. */
export interface VersionDoc {
  doc: Program;
  hash: string;
}

/** What `impact` is told, besides the households. */
export interface ImpactRunOptions {
  asOf: string;
  /** Breakdown: a derived value, a form field or a JSON Pointer; undefined for the engine's default, null for none. */
  by?: string | null;
  sampleSize: number;
  partial: boolean;
}

/**
 * One chunk of households: as read on the main thread (stored answers, one JSON text per case; JSON Lines; CSV
 * records), or where the worker reads it itself: a range of case ids of a SQLite store (`store`: the cases with an
 * id greater than `after` and at most `upTo`, null for no bound, read on the worker's own read-only connection), or
 * a byte range of a population file (`file`: the lines that start in `[start, end)`; CSV on the fast path, which
 * answers `fallback` for a file it cannot read line by line, e.g. a quoted cell holding a newline).
 */
export type ChunkInput =
  | { format: 'texts'; texts: string[]; ids: string[] }
  | { format: 'jsonl'; text: string }
  | { format: 'csv'; text: string; columns: string[] }
  | { format: 'store'; path: string; programId: string; states: string[] | null; after: string | null; upTo: string | null }
  | { format: 'file'; path: string; kind: 'jsonl' | 'csv'; start: number; end: number; columns: string[] };

/** A problem with one household of a chunk: its line (1-based, in the chunk until the merge shifts it) and words (runtime/http/messages.ts). */
export interface ChunkProblem {
  line: number;
  key:
    | 'impact.problem.case-json'
    | 'impact.problem.json-syntax'
    | 'impact.problem.not-an-object'
    | 'impact.problem.csv-record'
    | 'impact.problem.csv-value';
  params: Record<string, string | number>;
}

/** Main thread → worker: compare one chunk under two versions. */
export interface ChunkTask {
  id: number;
  /** Documents of versions this worker has not compiled yet. */
  versions: VersionDoc[];
  before: string;
  after: string;
  options: ImpactRunOptions;
  /** The stream index of the chunk's first household. */
  firstIndex: number;
  input: ChunkInput;
}

/** Worker → main thread: the chunk's summary, or why the chunk could not be compared. */
export type ChunkReply =
  | {
      id: number;
      summary: ImpactSummary;
      /** Households in the chunk. */
      count: number;
      /** Lines of text the chunk spanned (population files), for numbering the next chunk's lines. */
      lines: number;
      problems: ChunkProblem[];
      /** Milliseconds spent parsing and in the engine. */
      parseMs: number;
      engineMs: number;
    }
  | { id: number; error: string; fallback?: boolean };

/** Problems kept per chunk (a job keeps the first few of all chunks). */
export const PROBLEMS_PER_CHUNK = 20;

/** How a CSV cell becomes an answer: by the type the form's JSON Schema gives its column. */
export type ColumnKind = 'number' | 'boolean' | 'json' | 'text';

/**
 * The kind of each top-level field of form schemas (the later version's first): the fields of `properties`, and of
 * the branches that declare conditional questions (`if`/`then`/`else`, `allOf`/`anyOf`/`oneOf`, `dependencies`).
 */
export function columnKinds(...schemas: unknown[]): Record<string, ColumnKind> {
  const out: Record<string, ColumnKind> = {};
  const visit = (schema: unknown) => {
    if (schema === null || typeof schema !== 'object') return;
    const s = schema as Record<string, unknown>;
    for (const [name, property] of Object.entries((s.properties ?? {}) as Record<string, { type?: unknown }>)) {
      if (name in out || property === null || typeof property !== 'object' || property.type === undefined) continue;
      const types = Array.isArray(property.type) ? property.type : [property.type];
      out[name] = types.some((t) => t === 'array' || t === 'object')
        ? 'json'
        : types.some((t) => t === 'number' || t === 'integer')
          ? 'number'
          : types.includes('boolean')
            ? 'boolean'
            : 'text';
    }
    for (const key of ['then', 'else']) visit(s[key]);
    for (const key of ['allOf', 'anyOf', 'oneOf']) if (Array.isArray(s[key])) for (const branch of s[key] as unknown[]) visit(branch);
    for (const key of ['dependencies', 'dependentSchemas']) {
      for (const branch of Object.values((s[key] ?? {}) as Record<string, unknown>)) if (!Array.isArray(branch)) visit(branch);
    }
  };
  for (const schema of schemas) visit(schema);
  return out;
}

/** Parses stored answers texts: text that is not JSON becomes `null` (invalid under both versions), with a problem. */
export function parseTexts(texts: string[], ids: string[], firstIndex: number, problems: ChunkProblem[]): unknown[] {
  const out: unknown[] = new Array(texts.length);
  for (let i = 0; i < texts.length; i++) {
    try {
      out[i] = JSON.parse(texts[i]);
    } catch (err) {
      out[i] = null;
      if (problems.length < PROBLEMS_PER_CHUNK)
        problems.push({ line: firstIndex + i + 1, key: 'impact.problem.case-json', params: { caseId: ids[i], detail: (err as Error).message } });
    }
  }
  return out;
}

/**
 * Parses a chunk of JSON Lines: one household per line; blank lines are skipped. A line that is not JSON becomes
 * `null` and one that is not an object stays as it is (both invalid under both versions), each with a problem.
 */
export function parseJsonLines(text: string, problems: ChunkProblem[]): { households: unknown[]; lines: number } {
  const households: unknown[] = [];
  let line = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    line++;
    const raw = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    start = end + 1;
    if (raw.trim() === '') continue;
    let household: unknown;
    try {
      household = JSON.parse(raw);
    } catch (err) {
      household = null;
      if (problems.length < PROBLEMS_PER_CHUNK)
        problems.push({ line, key: 'impact.problem.json-syntax', params: { detail: (err as Error).message } });
    }
    if (household !== null && (typeof household !== 'object' || Array.isArray(household)) && problems.length < PROBLEMS_PER_CHUNK) {
      problems.push({ line, key: 'impact.problem.not-an-object', params: {} });
    }
    households.push(household);
  }
  return { households, lines: line };
}

/**
 * Types the cells of one CSV record by their column's kind: numbers, `true`/`false`, JSON for arrays and objects
 * (e.g. the household members), text as is; an empty cell is no answer. A cell that cannot be typed is kept as the
 * text it is, so the form's validation refuses it (the household is invalid), and gives a problem.
 */
export function typeRecord(
  cells: string[],
  columns: string[],
  kinds: Record<string, ColumnKind>,
  line: number,
  problems: ChunkProblem[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let c = 0; c < columns.length; c++) {
    const cell = cells[c];
    if (cell === undefined || cell === '') continue;
    const name = columns[c];
    const kind = kinds[name] ?? 'text';
    let value: unknown = cell;
    let ok = true;
    if (kind === 'number') {
      const n = cell.trim() === '' ? Number.NaN : Number(cell);
      if (Number.isFinite(n)) value = n;
      else ok = false;
    } else if (kind === 'boolean') {
      const t = cell.trim().toLowerCase();
      if (t === 'true') value = true;
      else if (t === 'false') value = false;
      else ok = false;
    } else if (kind === 'json') {
      try {
        value = JSON.parse(cell);
      } catch {
        ok = false;
      }
    }
    if (!ok && problems.length < PROBLEMS_PER_CHUNK)
      problems.push({ line, key: 'impact.problem.csv-value', params: { column: name, value: cell.slice(0, 80), kind } });
    out[name] = value;
  }
  return out;
}
