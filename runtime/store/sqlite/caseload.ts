/**
 * SQLite caseload reading: the inputs of a program's cases, page by page in case-id order (keyset pagination), with
 * each application's answers as the JSON text the store holds (parsed by whoever evaluates them, e.g. a worker).
 */
import type { CaseloadRow, Store } from '../types.ts';
import type { SqliteDb } from './db.ts';

type CaseloadMethods = Pick<Store, 'readCaseload' | 'countCaseload'>;

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
