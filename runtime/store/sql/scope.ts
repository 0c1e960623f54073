/**
 * The staff scope as an SQL condition, for every dialect: what each staff-scoped case and application query adds.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { DEFAULT_ORGANISATION, type StaffScope } from '../types.ts';

/**
 * The condition that keeps only rows of `scope` : `programColumn` names the
 * row's program id column (`cases.program_id`), `caseIdColumn` (cases only) its case id column, for the team part.
 * An absent scope keeps every row. Use it as `.where(scopeSql(…))` or inside a `sql` template.
 */
export function scopeSql(scope: StaffScope | undefined, programColumn: string, caseIdColumn?: string): RawBuilder<SqlBool> {
  if (!scope) return sql<SqlBool>`true`;
  const inOrganisations =
    scope.organisationIds.length > 0
      ? sql<SqlBool>`COALESCE((SELECT p.organisation_id FROM programs p WHERE p.id = ${sql.ref(programColumn)}), ${DEFAULT_ORGANISATION}) IN (${sql.join(scope.organisationIds)})`
      : sql<SqlBool>`false`;
  if (!caseIdColumn || !scope.teamMemberId) return sql<SqlBool>`(${inOrganisations})`;
  return sql<SqlBool>`(${inOrganisations} OR EXISTS (SELECT 1 FROM case_team t WHERE t.case_id = ${sql.ref(caseIdColumn)} AND t.user_id = ${scope.teamMemberId}))`;
}
