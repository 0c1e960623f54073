/**
 * PostgreSQL networks of care (issue 16), as the SQLite store keeps them: sharing consents, referrals and capacity,
 * each a JSON document beside the columns its queries filter on. Every write is one transaction with its audit
 * entries.
 */
import { sql, type ExpressionBuilder, type SqlBool } from 'kysely';
import { auditList } from '../common.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { CapacityRecord, ReferralRecord, ReferralStore, SharingConsent } from '../referral-types.ts';
import type { PgDb, PgExecutor } from './db.ts';
import type { Database } from '../sql/schema.ts';

/** The referral and consent methods over `db`. */
export function pgReferralMethods(db: PgDb): ReferralStore {
  const consent = async (q: PgExecutor, id: string): Promise<SharingConsent> => {
    const row = await q.selectFrom('sharing_consents').select('doc').where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError('consent', id);
    return JSON.parse(row.doc) as SharingConsent;
  };
  const writeConsent = (q: PgExecutor, next: SharingConsent) =>
    q
      .updateTable('sharing_consents')
      .set({ doc: JSON.stringify(next) })
      .where('id', '=', next.id)
      .execute();
  const referral = async (q: PgExecutor, id: string): Promise<ReferralRecord> => {
    const row = await q.selectFrom('referrals').select('doc').where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError('referral', id);
    return JSON.parse(row.doc) as ReferralRecord;
  };
  const withdrawn = (c: SharingConsent) =>
    new ConflictError('wrong-state', `The consent ${c.id} was withdrawn on ${c.withdrawnAt}: nothing more is shared under it.`, {
      withdrawnAt: c.withdrawnAt,
    });

  return {
    async createSharingConsent(input, audit) {
      return db.tx(async (trx) => {
        await trx
          .insertInto('sharing_consents')
          .values({
            id: input.id,
            source_application_id: input.sourceApplicationId,
            program_id: input.programId,
            created_at: input.confirmedAt,
            doc: JSON.stringify(input),
          })
          .execute();
        await db.appendAudit(trx, auditList(audit));
        return input;
      });
    },
    async getSharingConsent(id) {
      return consent(db.read, id);
    },
    async listSharingConsents(sourceApplicationId) {
      const rows = await db.read
        .selectFrom('sharing_consents')
        .select('doc')
        .where('source_application_id', '=', sourceApplicationId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map((r) => JSON.parse(r.doc) as SharingConsent);
    },
    async withdrawSharingConsent(id, by, audit) {
      return db.tx(async (trx) => {
        const current = await consent(trx, id);
        if (current.withdrawnAt) throw withdrawn(current);
        const next: SharingConsent = { ...current, withdrawnAt: db.now(), withdrawnBy: by };
        await writeConsent(trx, next);
        await db.appendAudit(trx, auditList(audit));
        return next;
      });
    },
    async recordConsentShare(id, share, audit) {
      return db.tx(async (trx) => {
        const current = await consent(trx, id);
        if (current.withdrawnAt) throw withdrawn(current);
        const next: SharingConsent = { ...current, shares: [...current.shares, share] };
        await writeConsent(trx, next);
        await db.appendAudit(trx, auditList(audit));
        return next;
      });
    },
    async createReferral(input, audit) {
      return db.tx(async (trx) => {
        await trx
          .insertInto('referrals')
          .values({
            id: input.id,
            from_program_id: input.fromProgramId,
            from_application_id: input.fromApplicationId,
            from_case_id: input.fromCaseId,
            to_program_id: input.toProgramId,
            revision: input.revision,
            created_at: input.createdAt,
            follow_code_hash: input.followCodeHash ?? null,
            doc: JSON.stringify(input),
          })
          .execute();
        await db.appendAudit(trx, auditList(audit));
        return input;
      });
    },
    async getReferral(id) {
      return referral(db.read, id);
    },
    async getReferralByFollowCode(codeHash) {
      const row = await db.read.selectFrom('referrals').select('doc').where('follow_code_hash', '=', codeHash).executeTakeFirst();
      return row ? (JSON.parse(row.doc) as ReferralRecord) : null;
    },
    async listReferrals(query) {
      // An empty list of programs matches nothing (`IN ()` is not SQL).
      const within = (column: 'to_program_id' | 'from_program_id', values: readonly string[]) => (eb: ExpressionBuilder<Database, 'referrals'>) =>
        values.length === 0 ? sql<SqlBool>`false` : eb(column, 'in', values);
      let q = db.read.selectFrom('referrals').select('doc');
      if (query.toProgramIds !== undefined) q = q.where(within('to_program_id', query.toProgramIds));
      if (query.fromProgramIds !== undefined) q = q.where(within('from_program_id', query.fromProgramIds));
      if (query.fromApplicationId !== undefined) q = q.where('from_application_id', '=', query.fromApplicationId);
      if (query.fromCaseId !== undefined) q = q.where('from_case_id', '=', query.fromCaseId);
      const rows = await q.orderBy('created_at', 'desc').orderBy('id').execute();
      return rows.map((r) => JSON.parse(r.doc) as ReferralRecord);
    },
    async saveReferral(next, expectedRevision, audit) {
      return db.tx(async (trx) => {
        const current = await referral(trx, next.id);
        if (current.revision !== expectedRevision) {
          throw new ConflictError(
            'stale-revision',
            `The referral was changed by someone else (revision ${current.revision}). Reload it and apply your change again.`,
            { currentRevision: current.revision, expectedRevision },
          );
        }
        const saved: ReferralRecord = { ...next, revision: expectedRevision + 1 };
        await trx
          .updateTable('referrals')
          .set({ revision: saved.revision, doc: JSON.stringify(saved) })
          .where('id', '=', saved.id)
          .execute();
        await db.appendAudit(trx, auditList(audit));
        return saved;
      });
    },
    async getCapacity(programId) {
      const row = await db.read.selectFrom('program_capacity').select('doc').where('program_id', '=', programId).executeTakeFirst();
      return row ? (JSON.parse(row.doc) as CapacityRecord) : { programId, capacity: 'open', note: null, updatedAt: null, updatedBy: null };
    },
    async setCapacity(record, audit) {
      return db.tx(async (trx) => {
        await trx
          .insertInto('program_capacity')
          .values({ program_id: record.programId, doc: JSON.stringify(record) })
          .onConflict((oc) => oc.column('program_id').doUpdateSet((eb) => ({ doc: eb.ref('excluded.doc') })))
          .execute();
        await db.appendAudit(trx, auditList(audit));
        return record;
      });
    },
  };
}
