/**
 * The embedded store: one SQLite file (WAL, foreign keys on), migrated at open. Every write method is one `BEGIN
 * IMMEDIATE` transaction that includes its audit entries, answered once the WAL holding it is fsynced (`SqliteDb.tx`).
 */
import { auditLimit, auditList } from '../common.ts';
import { sqlApplicationMethods } from '../sql/applications.ts';
import { sqlCaseMethods } from '../sql/cases.ts';
import { sqlSettingsMethods } from '../sql/settings.ts';
import { sqlSharedStateMethods } from '../sql/shared-state.ts';
import { sqliteSql } from '../sql/sqlite.ts';
import type { AuditEntry, Store } from '../types.ts';
import { sqliteAfterSubmissionMethods } from './after-submission.ts';
import { sqliteCaseloadMethods } from './caseload.ts';
import { sqliteDashboardMethods } from './dashboard.ts';
import { SqliteDb } from './db.ts';
import { sqliteJobMethods } from './jobs.ts';
import { sqliteProgramMethods } from './programs.ts';
import { sqliteReferralMethods } from './referrals.ts';
import { sqliteOrganisationMethods } from './organisations.ts';
import { auditFromRow, type AuditRow } from '../rows.ts';
import { sqliteUserMethods } from './users.ts';

/**
 * A `Store` backed by the SQLite file at `path` (`:memory:` for a throwaway one); with `auditKey` (hex) the audit
 * chain is keyed (MACs and the signed checkpoint).
 */
export function createSqliteStore(path: string, now: () => Date = () => new Date(), auditKey?: string): Store {
  const db = new SqliteDb(path, now, auditKey ? Buffer.from(auditKey, 'hex') : undefined);
  const shared = sqliteSql(db);
  return {
    kind: 'sqlite',
    ...sqliteUserMethods(db),
    ...sqliteProgramMethods(db),
    ...sqlApplicationMethods(shared),
    ...sqlCaseMethods(shared),
    ...sqliteCaseloadMethods(db),
    ...sqliteDashboardMethods(db),
    ...sqlSettingsMethods(shared),
    ...sqliteJobMethods(db),
    ...sqliteAfterSubmissionMethods(db),
    ...sqlSharedStateMethods(shared),
    ...sqliteReferralMethods(db),
    ...sqliteOrganisationMethods(db),

    async appendAudit(audit) {
      return db.tx(() => db.appendAudit(auditList(audit)));
    },

    async listAudit(query = {}) {
      const rows = db.all<AuditRow>(
        `SELECT * FROM audit WHERE seq > @afterSeq AND (@entity IS NULL OR entity = @entity)
         AND (@entityId IS NULL OR entity_id = @entityId) AND (@actorId IS NULL OR actor_id = @actorId)
         AND (@action IS NULL OR action = @action) ORDER BY seq LIMIT @limit`,
        {
          afterSeq: query.afterSeq ?? 0,
          entity: query.entity ?? null,
          entityId: query.entityId ?? null,
          actorId: query.actorId ?? null,
          action: query.action ?? null,
          limit: auditLimit(query.limit),
        },
      );
      return rows.map(auditFromRow);
    },

    async lastAudit(): Promise<AuditEntry | null> {
      const row = db.get<AuditRow>('SELECT * FROM audit ORDER BY seq DESC LIMIT 1');
      return row ? auditFromRow(row) : null;
    },

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
