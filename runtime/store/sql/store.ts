/**
 * Every `Store` method written once for both SQL stores, composed: the SQLite and PostgreSQL store files add only
 * what is their connection's own (`kind`, the audit checkpoint read, `ping`, `close`).
 */
import type { Store } from '../types.ts';
import { sqlAfterSubmissionMethods } from './after-submission.ts';
import { sqlApplicationMethods } from './applications.ts';
import { sqlAuditMethods } from './audit.ts';
import { sqlCaseloadMethods } from './caseload.ts';
import { sqlCaseMethods } from './cases.ts';
import { sqlDashboardMethods } from './dashboard.ts';
import { sqlJobMethods } from './jobs.ts';
import { sqlOrganisationMethods } from './organisations.ts';
import { sqlProgramMethods } from './programs.ts';
import { sqlReferralMethods } from './referrals.ts';
import { sqlSettingsMethods } from './settings.ts';
import { sqlSharedStateMethods } from './shared-state.ts';
import type { SqlStore } from './steps.ts';
import { sqlUserMethods } from './users.ts';

/** The store methods over `s` that no SQL dialect implements on its own. */
export function sqlStoreMethods(s: SqlStore): Omit<Store, 'kind' | 'auditCheckpoint' | 'ping' | 'close'> {
  return {
    ...sqlUserMethods(s),
    ...sqlProgramMethods(s),
    ...sqlApplicationMethods(s),
    ...sqlCaseMethods(s),
    ...sqlCaseloadMethods(s),
    ...sqlDashboardMethods(s),
    ...sqlSettingsMethods(s),
    ...sqlJobMethods(s),
    ...sqlAfterSubmissionMethods(s),
    ...sqlSharedStateMethods(s),
    ...sqlReferralMethods(s),
    ...sqlOrganisationMethods(s),
    ...sqlAuditMethods(s),
  };
}
