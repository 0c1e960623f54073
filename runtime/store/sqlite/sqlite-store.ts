/**
 * The embedded store: one SQLite file (WAL, foreign keys on), migrated at open. Every write method is one `BEGIN
 * IMMEDIATE` transaction that includes its audit entries, answered once the WAL holding it is fsynced (`SqliteDb.tx`).
 */
import { sqlAfterSubmissionMethods } from '../sql/after-submission.ts';
import { sqlApplicationMethods } from '../sql/applications.ts';
import { sqlCaseMethods } from '../sql/cases.ts';
import { sqlSettingsMethods } from '../sql/settings.ts';
import { sqlSharedStateMethods } from '../sql/shared-state.ts';
import { sqliteSql } from '../sql/sqlite.ts';
import { sqlOrganisationMethods } from '../sql/organisations.ts';
import { sqlProgramMethods } from '../sql/programs.ts';
import { sqlAuditMethods } from '../sql/audit.ts';
import { sqlCaseloadMethods } from '../sql/caseload.ts';
import { sqlReferralMethods } from '../sql/referrals.ts';
import { sqlDashboardMethods } from '../sql/dashboard.ts';
import { sqlJobMethods } from '../sql/jobs.ts';
import { sqlUserMethods } from '../sql/users.ts';
import type { Store } from '../types.ts';
import { SqliteDb } from './db.ts';

/**
 * A `Store` backed by the SQLite file at `path` (`:memory:` for a throwaway one); with `auditKey` (hex) the audit
 * chain is keyed (MACs and the signed checkpoint).
 */
export function createSqliteStore(path: string, now: () => Date = () => new Date(), auditKey?: string): Store {
  const db = new SqliteDb(path, now, auditKey ? Buffer.from(auditKey, 'hex') : undefined);
  const shared = sqliteSql(db);
  return {
    kind: 'sqlite',
    ...sqlUserMethods(shared),
    ...sqlProgramMethods(shared),
    ...sqlApplicationMethods(shared),
    ...sqlCaseMethods(shared),
    ...sqlCaseloadMethods(shared),
    ...sqlDashboardMethods(shared),
    ...sqlSettingsMethods(shared),
    ...sqlJobMethods(shared),
    ...sqlAfterSubmissionMethods(shared),
    ...sqlSharedStateMethods(shared),
    ...sqlReferralMethods(shared),
    ...sqlOrganisationMethods(shared),
    ...sqlAuditMethods(shared),

    async auditCheckpoint() {
      return db.checkpoint();
    },

    async ping() {
      db.get('SELECT 1');
    },

    async close() {
      if (db.db.open) db.close();
    },
  };
}
