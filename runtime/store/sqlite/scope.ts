/**
 * The staff scope as SQLite SQL text with named parameters, for the SQLite operations not yet written once for both
 * dialects (runtime/store/sql/). The shared operations use `scopeSql` of `../sql/scope.ts`; this one goes when its
 * last user does.
 */
import { DEFAULT_ORGANISATION, type StaffScope } from '../types.ts';

/**
 * The SQL condition that keeps only rows of `scope`, with its named parameters (`@scope_…`; better-sqlite3 binds
 * them beside positional ones): `programColumn` names the row's program id, `caseIdColumn` (cases only) its case
 * id, for the team part. An absent scope keeps every row.
 */
export function scopeSql(
  scope: StaffScope | undefined,
  programColumn: string,
  caseIdColumn?: string,
): { sql: string; named: Record<string, unknown> } {
  if (!scope) return { sql: '1', named: {} };
  const named: Record<string, unknown> = {};
  scope.organisationIds.forEach((id, i) => {
    named[`scope_org_${i}`] = id;
  });
  const keys = Object.keys(named);
  const inOrganisations = keys.length
    ? `COALESCE((SELECT p.organisation_id FROM programs p WHERE p.id = ${programColumn}), '${DEFAULT_ORGANISATION}') IN (${keys.map((k) => `@${k}`).join(', ')})`
    : '0';
  if (!caseIdColumn || !scope.teamMemberId) return { sql: `(${inOrganisations})`, named };
  named.scope_member = scope.teamMemberId;
  return { sql: `(${inOrganisations} OR EXISTS (SELECT 1 FROM case_team t WHERE t.case_id = ${caseIdColumn} AND t.user_id = @scope_member))`, named };
}
