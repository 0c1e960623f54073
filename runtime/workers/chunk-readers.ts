/**
 * What an impact worker reads itself, so that the main thread only hands out ranges and merges: a range of case ids
 * of a SQLite store (on the worker's own read-only connection) and a byte range of a population file (the lines
 * that start in it), with the fast CSV reader for files whose records are one line each.
 *
 *   store range → readCaseloadRange (own connection) → answers texts → parseTexts
 *   file range  → the lines starting in [start, end) → parseJsonLines | parseCsvLines (or `CsvFallback`)
 */
import { isAscii } from 'node:buffer';
import fs from 'node:fs';
import type Database from 'better-sqlite3';
import { openCaseloadReader, readCaseloadRange } from '../store/sqlite/caseload.ts';
import { PROBLEMS_PER_CHUNK, typeRecord, type ChunkInput, type ChunkProblem, type ColumnKind } from './impact-protocol.ts';

/** Read-only connections by file, kept for the worker's life (a worker serves one store, or a few in tests). */
const readers = new Map<string, Database.Database>();
const KEEP_READERS = 4;

/** The answers texts and ids of a store range, read on this worker's own connection to the file. */
export function readStoreRange(input: Extract<ChunkInput, { format: 'store' }>): { ids: string[]; texts: string[] } {
  let db = readers.get(input.path);
  if (!db) {
    db = openCaseloadReader(input.path);
    readers.set(input.path, db);
    if (readers.size > KEEP_READERS) {
      const [oldest, old] = readers.entries().next().value!;
      readers.delete(oldest);
      old.close();
    }
  }
  return readCaseloadRange(db, input);
}

const PIECE = 1 << 16;

/** The first position at or after `pos` where a line starts (0, or just after a newline), or `size`. */
function lineStart(fd: number, pos: number, size: number, buffer: Buffer): number {
  if (pos <= 0) return 0;
  for (let at = pos - 1; at < size; ) {
    const n = fs.readSync(fd, buffer, 0, Math.min(PIECE, size - at), at);
    if (n === 0) break;
    const nl = buffer.subarray(0, n).indexOf(10);
    if (nl !== -1) return at + nl + 1;
    at += n;
  }
  return size;
}

/**
 * The text of the lines of a file that start in `[start, end)`: every line of the file belongs to exactly one of
 * a set of ranges that tile it, whatever the cut points.
 */
export function readFileRange(path: string, start: number, end: number): string {
  const fd = fs.openSync(path, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const buffer = Buffer.allocUnsafe(PIECE);
    const from = lineStart(fd, start, size, buffer);
    const to = lineStart(fd, Math.min(end, size), size, buffer);
    if (to <= from) return '';
    const text = Buffer.allocUnsafe(to - from);
    for (let done = 0; done < text.length; ) {
      const n = fs.readSync(fd, text, done, text.length - done, from + done);
      if (n === 0) break;
      done += n;
    }
    // The same text either way; decoding plain ASCII as latin1 takes half the time of UTF-8 (a population file's usual case).
    return isAscii(text) ? text.toString('latin1') : text.toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/** A CSV text the fast reader does not read (a quoted cell across lines, a stray quote, a bare carriage return): read the file with csv-parse instead. */
export class CsvFallback extends Error {}

/**
 * The cells of one CSV line (no newline in it), quoted cells unquoted (`""` is a quote); null when the line is not
 * one plain record: a quoted cell that goes on past the line, a quote inside an unquoted cell, text after a
 * closing quote.
 */
export function splitCsvLine(line: string): string[] | null {
  const cells: string[] = [];
  const n = line.length;
  let i = 0;
  for (;;) {
    if (i < n && line.charCodeAt(i) === 34) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const q = line.indexOf('"', from);
        if (q === -1) return null;
        if (line.charCodeAt(q + 1) === 34) {
          value += line.slice(from, q + 1);
          from = q + 2;
          continue;
        }
        value += line.slice(from, q);
        i = q + 1;
        break;
      }
      cells.push(value);
      if (i === n) return cells;
      if (line.charCodeAt(i) !== 44) return null;
      i++;
    } else {
      const comma = line.indexOf(',', i);
      const cell = line.slice(i, comma === -1 ? n : comma);
      if (cell.includes('"')) return null;
      cells.push(cell);
      if (comma === -1) return cells;
      i = comma + 1;
    }
  }
}

/**
 * CSV records of one line each (the fast path): each line split with `splitCsvLine` and typed by its column's kind,
 * blank lines skipped, a record of the wrong width kept as invalid (`null`) with a problem, as csv-parse's reading
 * does; throws `CsvFallback` for a line the fast reader does not read.
 */
export function parseCsvLines(
  text: string,
  columns: string[],
  kinds: Record<string, ColumnKind>,
  problems: ChunkProblem[],
): { households: unknown[]; lines: number } {
  const households: unknown[] = [];
  let line = 0;
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    line++;
    const raw = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    start = end + 1;
    if (raw === '') continue;
    const cells = raw.includes('\r') ? null : splitCsvLine(raw);
    if (cells === null) throw new CsvFallback(`line ${line} is not a one-line record`);
    if (cells.length !== columns.length) {
      if (problems.length < PROBLEMS_PER_CHUNK)
        problems.push({ line, key: 'impact.problem.csv-record', params: { found: cells.length, expected: columns.length } });
      households.push(null);
    } else households.push(typeRecord(cells, columns, kinds, line, problems));
  }
  return { households, lines: line };
}
