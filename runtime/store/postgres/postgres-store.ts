/**
 * The PostgreSQL store (`DATABASE_URL=postgres://…`): a pooled connection, migrated at open. Every write method is
 * one transaction holding the audit lock (so writes are serialised as on SQLite, across processes too) that includes
 * its audit entries.
 */
import { sql } from 'kysely';
import { auditLimit, auditList } from '../common.ts';
import { sqlApplicationMethods } from '../sql/applications.ts';
import { sqlCaseMethods } from '../sql/cases.ts';
import { sqlSettingsMethods } from '../sql/settings.ts';
import { sqlSharedStateMethods } from '../sql/shared-state.ts';
import { postgresSql } from '../sql/postgres.ts';
import { auditFromRow } from '../rows.ts';
import type { AuditEntry, Store } from '../types.ts';
import { pgAfterSubmissionMethods } from './after-submission.ts';
import { pgCaseloadMethods } from './caseload.ts';
import { pgDashboardMethods } from './dashboard.ts';
import { PgDb } from './db.ts';
import { pgJobMethods } from './jobs.ts';
import { pgOrganisationMethods } from './organisations.ts';
import { pgProgramMethods } from './programs.ts';
import { pgReferralMethods } from './referrals.ts';
import { pgUserMethods } from './users.ts';

/** How to open the PostgreSQL store. */
export interface PostgresStoreOptions {
  now?: () => Date;
  /** The audit key, hex: entries get a MAC and the store keeps a signed checkpoint. */
  auditKey?: string;
  /** Most pooled connections (default 10). */
  poolMax?: number;
}

/** Connects to the database at `url`, migrates it, and resolves with a `Store` over it. */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<Store> {
  const db = await PgDb.open(url, {
    now: options.now,
    auditKey: options.auditKey ? Buffer.from(options.auditKey, 'hex') : undefined,
    poolMax: options.poolMax,
  });
  let closed = false;
  const shared = postgresSql(db);
  return {
    kind: 'postgres',
    ...pgUserMethods(db),
    ...pgProgramMethods(db),
    ...sqlApplicationMethods(shared),
    ...sqlCaseMethods(shared),
    ...pgCaseloadMethods(db),
    ...pgDashboardMethods(db),
    ...sqlSettingsMethods(shared),
    ...pgJobMethods(db),
    ...pgAfterSubmissionMethods(db),
    ...sqlSharedStateMethods(shared),
    ...pgReferralMethods(db),
    ...pgOrganisationMethods(db),

    async appendAudit(audit) {
      return db.tx((trx) => db.appendAudit(trx, auditList(audit)));
    },

    async listAudit(query = {}) {
      let q = db.read
        .selectFrom('audit')
        .selectAll()
        .where('seq', '>', query.afterSeq ?? 0);
      if (query.entity != null) q = q.where('entity', '=', query.entity);
      if (query.entityId != null) q = q.where('entity_id', '=', query.entityId);
      if (query.actorId != null) q = q.where('actor_id', '=', query.actorId);
      if (query.action != null) q = q.where('action', '=', query.action);
      const rows = await q.orderBy('seq').limit(auditLimit(query.limit)).execute();
      return rows.map(auditFromRow);
    },

    async lastAudit(): Promise<AuditEntry | null> {
      const row = await db.read.selectFrom('audit').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirst();
      return row ? auditFromRow(row) : null;
    },

    async auditCheckpoint() {
      return db.checkpoint();
    },

    async ping() {
      await sql`SELECT 1`.execute(db.read);
    },

    async close() {
      if (closed) return;
      closed = true;
      await db.close();
    },
  };
}
