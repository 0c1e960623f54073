/**
 * SQLite caseload reading: the inputs of a program's cases, page by page in case-id order (keyset pagination), with
 * each application's answers as the JSON text the store holds (parsed by whoever evaluates them, e.g. a worker).
 */
import Database from 'better-sqlite3';
import type { CaseloadRow, CaseStore } from '../types.ts';
import type { SqliteDb } from './db.ts';

type CaseloadMethods = Pick<CaseStore, 'readCaseload' | 'countCaseload'>;

/**
 * The `WHERE` of a caseload query, with `?` for the program id then each state (`null`: every state). For a page,
 * the unary `+` keeps SQLite from choosing the queue index (program_id, state, created_at) and then sorting every
 * matching case for each page: the primary key's index drives the scan in id order from the last id read, so each
 * page costs its own rows whatever the size of the store. A count uses the queue index.
 */
function caseloadWhere(states: readonly string[] | null, page: boolean): string {
  const plus = page ? '+' : '';
  const stateFilter = states === null ? '' : states.length === 0 ? ' AND 0' : ` AND ${plus}c.state IN (${states.map(() => '?').join(', ')})`;
  return `WHERE ${plus}c.program_id = ?${stateFilter}`;
}

/** The caseload methods over `db`. */
export function sqliteCaseloadMethods(db: SqliteDb): CaseloadMethods {
  return {
    async readCaseload(query) {
      const states = query.states ?? null;
      const sql = `SELECT c.id, c.state, c.version, a.lang, a.answers FROM cases c JOIN applications a ON a.id = c.application_id
        ${caseloadWhere(states, true)} AND c.id > ? ORDER BY c.id LIMIT ?`;
      const rows = db
        .stmt(sql)
        .raw(true)
        .all(query.programId, ...(states ?? []), query.after ?? '', query.limit) as [string, string, number, string, string][];
      return rows.map(([caseId, state, version, lang, answers]): CaseloadRow => ({ caseId, state, version, lang, answers }));
    },

    async countCaseload(query) {
      const states = query.states ?? null;
      const row = db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM cases c ${caseloadWhere(states, false)}`, query.programId, ...(states ?? []));
      return row?.n ?? 0;
    },
  };
}

/**
 * A read-only connection to a store's SQLite file, for reading the caseload beside the store's own connection (the
 * impact workers, each with its own): WAL readers never wait for the writer, nor it for them.
 */
export function openCaseloadReader(path: string): Database.Database {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  // A cache of 64 MB holds the applications' id index of a million cases (the join from each case looks it up), so
  // a case costs one page read of its application, not several: about a third less CPU per case. (A memory map
  // would save the read calls too, but every page of the file read would count in the process's resident memory.)
  db.pragma('cache_size = -65536');
  return db;
}

/**
 * The upper bounds of ranges of about `step` case ids each (of every program: the ids' index alone is read, never a
 * row), in id order, one per call: the id `step` places after `after`, or null when fewer are left (the last range
 * has no upper bound). Each call costs `step` index entries, so the ranges of a caseload are found as it is read.
 */
export function caseIdBoundary(db: Database.Database, after: string | null, step: number): string | null {
  const id = db
    .prepare('SELECT id FROM cases WHERE id > ? ORDER BY id LIMIT 1 OFFSET ?')
    .pluck()
    .get(after ?? '', Math.max(0, Math.trunc(step) - 1)) as string | undefined;
  return id ?? null;
}

/** What `readCaseloadRange` reads: the program's cases (in `states`, null for all) with an id in `(after, upTo]`. */
export interface CaseloadRange {
  programId: string;
  states: readonly string[] | null;
  after: string | null;
  upTo: string | null;
}

/** The ids and answers texts (as stored, unparsed) of the cases of a range, in id order. */
export function readCaseloadRange(db: Database.Database, range: CaseloadRange): { ids: string[]; texts: string[] } {
  const sql = `SELECT c.id, a.answers FROM cases c JOIN applications a ON a.id = c.application_id
    ${caseloadWhere(range.states, true)} AND c.id > ?${range.upTo === null ? '' : ' AND c.id <= ?'} ORDER BY c.id`;
  const params: unknown[] = [range.programId, ...(range.states ?? []), range.after ?? ''];
  if (range.upTo !== null) params.push(range.upTo);
  const ids: string[] = [];
  const texts: string[] = [];
  for (const [id, answers] of db
    .prepare(sql)
    .raw(true)
    .iterate(...params) as Iterable<[string, string]>) {
    ids.push(id);
    texts.push(answers);
  }
  return { ids, texts };
}
