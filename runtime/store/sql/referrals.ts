/**
 * Networks of care on an SQL store (issue 16), one implementation for SQLite and PostgreSQL: sharing consents,
 * referrals and capacity, each a JSON document beside the columns its queries filter on. Every write is one
 * transaction with its audit entries.
 */
import { sql, type ExpressionBuilder, type SqlBool } from 'kysely';
import { auditList } from '../common.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { CapacityRecord, ReferralRecord, ReferralStore, SharingConsent } from '../referral-types.ts';
import type { Database } from './schema.ts';
import { affected, all, audit, first, type Sql, type SqlStore } from './steps.ts';

/** The referral and consent methods over `s`. */
export function sqlReferralMethods(s: SqlStore): ReferralStore {
  const { q } = s;
  function* consent(id: string): Sql<SharingConsent> {
    const row = yield* first(q.selectFrom('sharing_consents').select('doc').where('id', '=', id));
    if (!row) throw new NotFoundError('consent', id);
    return JSON.parse(row.doc) as SharingConsent;
  }
  const writeConsent = (next: SharingConsent) =>
    affected(
      q
        .updateTable('sharing_consents')
        .set({ doc: JSON.stringify(next) })
        .where('id', '=', next.id),
    );
  function* referral(id: string): Sql<ReferralRecord> {
    const row = yield* first(q.selectFrom('referrals').select('doc').where('id', '=', id));
    if (!row) throw new NotFoundError('referral', id);
    return JSON.parse(row.doc) as ReferralRecord;
  }
  const withdrawn = (c: SharingConsent) =>
    new ConflictError('wrong-state', `The consent ${c.id} was withdrawn on ${c.withdrawnAt}: nothing more is shared under it.`, {
      withdrawnAt: c.withdrawnAt,
    });

  return {
    createSharingConsent: (input, auditInput) =>
      s.transaction(function* () {
        yield* affected(
          q.insertInto('sharing_consents').values({
            id: input.id,
            source_application_id: input.sourceApplicationId,
            program_id: input.programId,
            created_at: input.confirmedAt,
            doc: JSON.stringify(input),
          }),
        );
        yield* audit(auditList(auditInput));
        return input;
      }),
    getSharingConsent: (id) => s.query(() => consent(id)),
    listSharingConsents: (sourceApplicationId) =>
      s.query(function* () {
        const rows = yield* all(
          q.selectFrom('sharing_consents').select('doc').where('source_application_id', '=', sourceApplicationId).orderBy('created_at').orderBy('id'),
        );
        return rows.map((r) => JSON.parse(r.doc) as SharingConsent);
      }),
    withdrawSharingConsent: (id, by, auditInput) =>
      s.transaction(function* () {
        const current = yield* consent(id);
        if (current.withdrawnAt) throw withdrawn(current);
        const next: SharingConsent = { ...current, withdrawnAt: s.now(), withdrawnBy: by };
        yield* writeConsent(next);
        yield* audit(auditList(auditInput));
        return next;
      }),
    recordConsentShare: (id, share, auditInput) =>
      s.transaction(function* () {
        const current = yield* consent(id);
        if (current.withdrawnAt) throw withdrawn(current);
        const next: SharingConsent = { ...current, shares: [...current.shares, share] };
        yield* writeConsent(next);
        yield* audit(auditList(auditInput));
        return next;
      }),
    createReferral: (input, auditInput) =>
      s.transaction(function* () {
        yield* affected(
          q.insertInto('referrals').values({
            id: input.id,
            from_program_id: input.fromProgramId,
            from_application_id: input.fromApplicationId,
            from_case_id: input.fromCaseId,
            to_program_id: input.toProgramId,
            revision: input.revision,
            created_at: input.createdAt,
            follow_code_hash: input.followCodeHash ?? null,
            doc: JSON.stringify(input),
          }),
        );
        yield* audit(auditList(auditInput));
        return input;
      }),
    getReferral: (id) => s.query(() => referral(id)),
    getReferralByFollowCode: (codeHash) =>
      s.query(function* () {
        const row = yield* first(q.selectFrom('referrals').select('doc').where('follow_code_hash', '=', codeHash));
        return row ? (JSON.parse(row.doc) as ReferralRecord) : null;
      }),
    listReferrals: (query) =>
      s.query(function* () {
        // An empty list of programs matches nothing (`IN ()` is not SQL).
        const within = (column: 'to_program_id' | 'from_program_id', values: readonly string[]) => (eb: ExpressionBuilder<Database, 'referrals'>) =>
          values.length === 0 ? sql<SqlBool>`false` : eb(column, 'in', values);
        let select = q.selectFrom('referrals').select('doc');
        if (query.toProgramIds !== undefined) select = select.where(within('to_program_id', query.toProgramIds));
        if (query.fromProgramIds !== undefined) select = select.where(within('from_program_id', query.fromProgramIds));
        if (query.fromApplicationId !== undefined) select = select.where('from_application_id', '=', query.fromApplicationId);
        if (query.fromCaseId !== undefined) select = select.where('from_case_id', '=', query.fromCaseId);
        const rows = yield* all(select.orderBy('created_at', 'desc').orderBy('id'));
        return rows.map((r) => JSON.parse(r.doc) as ReferralRecord);
      }),
    saveReferral: (next, expectedRevision, auditInput) =>
      s.transaction(function* () {
        const current = yield* referral(next.id);
        if (current.revision !== expectedRevision) {
          throw new ConflictError(
            'stale-revision',
            `The referral was changed by someone else (revision ${current.revision}). Reload it and apply your change again.`,
            { currentRevision: current.revision, expectedRevision },
          );
        }
        const saved: ReferralRecord = { ...next, revision: expectedRevision + 1 };
        yield* affected(
          q
            .updateTable('referrals')
            .set({ revision: saved.revision, doc: JSON.stringify(saved) })
            .where('id', '=', saved.id),
        );
        yield* audit(auditList(auditInput));
        return saved;
      }),
    getCapacity: (programId) =>
      s.query(function* () {
        const row = yield* first(q.selectFrom('program_capacity').select('doc').where('program_id', '=', programId));
        return row ? (JSON.parse(row.doc) as CapacityRecord) : { programId, capacity: 'open', note: null, updatedAt: null, updatedBy: null };
      }),
    setCapacity: (record, auditInput) =>
      s.transaction(function* () {
        yield* affected(
          q
            .insertInto('program_capacity')
            .values({ program_id: record.programId, doc: JSON.stringify(record) })
            .onConflict((oc) => oc.column('program_id').doUpdateSet((eb) => ({ doc: eb.ref('excluded.doc') }))),
        );
        yield* audit(auditList(auditInput));
        return record;
      }),
  };
}
