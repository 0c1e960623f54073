/**
 * SQLite caseload reading beside the store's own connection, for the impact workers: a read-only connection of
 * their own, the boundaries of id ranges, and a range's ids and answers texts, read as fast as SQLite goes (raw rows,
 * one iteration). The store's `readCaseload` and `countCaseload` are shared with PostgreSQL (`../sql/caseload.ts`).
 */
import Database from 'better-sqlite3';

/**
 * The `WHERE` of a range of the caseload, with `?` for the program id then each state (`null`: every state). The
 * unary `+` keeps SQLite from choosing the queue index (program_id, state, created_at) and then sorting every
 * matching case: the primary key's index drives the scan in id order from the range's first id, so a range costs its
 * own rows whatever the size of the store.
 */
function caseloadWhere(states: readonly string[] | null): string {
  const stateFilter = states === null ? '' : states.length === 0 ? ' AND 0' : ` AND +c.state IN (${states.map(() => '?').join(', ')})`;
  return `WHERE +c.program_id = ?${stateFilter}`;
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
    ${caseloadWhere(range.states)} AND c.id > ?${range.upTo === null ? '' : ' AND c.id <= ?'} ORDER BY c.id`;
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
