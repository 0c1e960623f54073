/**
 * PostgreSQL caseload reading: the inputs of a program's cases, page by page in case-id order (keyset pagination),
 * with each application's answers as the JSON text the store holds (parsed by whoever evaluates them); the same
 * behaviour as SQLite's `caseload.ts`. The primary key's index drives each page from the last id read.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { CaseloadRow, CaseStore } from '../types.ts';
import type { PgDb } from './db.ts';

type CaseloadMethods = Pick<CaseStore, 'readCaseload' | 'countCaseload'>;

/** The condition of a caseload query over `cases c`: the program, then its states (`null`: every state). */
function caseloadWhere(programId: string, states: readonly string[] | null): RawBuilder<SqlBool> {
  if (states === null) return sql<SqlBool>`c.program_id = ${programId}`;
  if (states.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`c.program_id = ${programId} AND c.state IN (${sql.join([...states])})`;
}

/** The caseload methods over `db`. */
export function pgCaseloadMethods(db: PgDb): CaseloadMethods {
  return {
    async readCaseload(query) {
      const { rows } = await sql<{ id: string; state: string; version: number; lang: string; answers: string }>`
        SELECT c.id, c.state, c.version, a.lang, a.answers FROM cases c JOIN applications a ON a.id = c.application_id
        WHERE ${caseloadWhere(query.programId, query.states ?? null)} AND c.id > ${query.after ?? ''}
        ORDER BY c.id LIMIT ${query.limit}`.execute(db.read);
      return rows.map((r): CaseloadRow => ({ caseId: r.id, state: r.state, version: r.version, lang: r.lang, answers: r.answers }));
    },

    async countCaseload(query) {
      const { rows } = await sql<{
        n: number;
      }>`SELECT COUNT(*) AS n FROM cases c WHERE ${caseloadWhere(query.programId, query.states ?? null)}`.execute(db.read);
      return rows[0]?.n ?? 0;
    },
  };
}
