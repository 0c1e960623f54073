/**
 * Caseload reading on an SQL store, one implementation for SQLite and PostgreSQL: the inputs of a program's cases,
 * page by page in case-id order (keyset pagination), with each application's answers as the JSON text the store
 * holds (parsed by whoever evaluates them, e.g. a worker). The primary key's index drives each page from the last id
 * read. (The SQLite impact workers read ranges on their own read-only connections: `../sqlite/caseload.ts`.)
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { CaseloadRow, CaseStore } from '../types.ts';
import { all, first, raw, type SqlStore } from './steps.ts';

type CaseloadMethods = Pick<CaseStore, 'readCaseload' | 'countCaseload'>;

/**
 * The condition of a caseload query over `cases c`: the program, then its states (`null`: every state). For a page on
 * SQLite, the unary `+` keeps SQLite from choosing the queue index (program_id, state, created_at) and then sorting
 * every matching case for each page: the primary key's index drives the scan in id order from the last id read, so
 * each page costs its own rows whatever the size of the store (PostgreSQL's planner needs no such hint, and has no
 * unary `+` on text). A count uses the queue index.
 */
function caseloadWhere(s: SqlStore, programId: string, states: readonly string[] | null, page: boolean): RawBuilder<SqlBool> {
  const column = (name: string) => (page && s.dialect === 'sqlite' ? sql`+${sql.ref(name)}` : sql.ref(name));
  if (states === null) return sql<SqlBool>`${column('c.program_id')} = ${programId}`;
  if (states.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`${column('c.program_id')} = ${programId} AND ${column('c.state')} IN (${sql.join([...states])})`;
}

/** The caseload methods over `s`. */
export function sqlCaseloadMethods(s: SqlStore): CaseloadMethods {
  return {
    readCaseload: (query) =>
      s.query(function* () {
        const rows = yield* all(
          raw(
            s,
            sql<{ id: string; state: string; version: number; lang: string; answers: string }>`
          SELECT c.id, c.state, c.version, a.lang, a.answers FROM cases c JOIN applications a ON a.id = c.application_id
          WHERE ${caseloadWhere(s, query.programId, query.states ?? null, true)} AND c.id > ${query.after ?? ''}
          ORDER BY c.id LIMIT ${query.limit}`,
          ),
        );
        return rows.map((r): CaseloadRow => ({ caseId: r.id, state: r.state, version: r.version, lang: r.lang, answers: r.answers }));
      }),

    countCaseload: (query) =>
      s.query(function* () {
        const row = yield* first(
          raw(s, sql<{ n: number }>`SELECT COUNT(*) AS n FROM cases c WHERE ${caseloadWhere(s, query.programId, query.states ?? null, false)}`),
        );
        return row?.n ?? 0;
      }),
  };
}
