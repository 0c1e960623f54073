/**
 * MongoDB networks of care (issue 16), as `../sql/referrals.ts`: sharing consents, referrals (optimistic
 * revision) and capacity, each write one unit with its audit entries.
 */
import type { Db } from 'mongodb';
import { auditList } from '../common.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { CapacityRecord, ReferralRecord, ReferralStore, SharingConsent } from '../referral-types.ts';
import { scalar, type UnitRunner } from './units.ts';

type ConsentDoc = SharingConsent & { _id: string; sharesCount: number };
type ReferralDoc = ReferralRecord & { _id: string };
type CapacityDoc = CapacityRecord & { _id: string; revision: number };

/** The record of a stored document: without `_id` and the bookkeeping fields. */
function strip<T>(doc: object): T {
  const { _id, sharesCount, ...rest } = doc as Record<string, unknown>;
  return rest as T;
}

/** The referral and consent methods over `db`. */
export function mongoReferralMethods(db: Db, units: UnitRunner, now: () => string): ReferralStore {
  const consents = db.collection<ConsentDoc>('sharing_consents');
  const referrals = db.collection<ReferralDoc>('referrals');
  const capacity = db.collection<CapacityDoc>('program_capacity');
  const consent = async (id: string): Promise<SharingConsent> => {
    const doc = await consents.findOne({ _id: scalar(id) });
    if (!doc) throw new NotFoundError('consent', id);
    return strip<SharingConsent>(doc);
  };
  const referral = async (id: string): Promise<ReferralRecord> => {
    const doc = await referrals.findOne({ _id: scalar(id) });
    if (!doc) throw new NotFoundError('referral', id);
    return strip<ReferralRecord>(doc);
  };
  const changed = (id: string) => async () => {
    const latest = await consent(id);
    return latest.withdrawnAt
      ? new ConflictError('wrong-state', `The consent ${id} was withdrawn on ${latest.withdrawnAt}: nothing more is shared under it.`, {
          withdrawnAt: latest.withdrawnAt,
        })
      : new ConflictError('stale-revision', `The consent ${id} was changed at the same time. Try again.`);
  };
  return {
    async createSharingConsent(input, audit) {
      await units.run({
        claim: {
          op: 'insert',
          collection: 'sharing_consents',
          doc: { _id: input.id, ...input, sharesCount: input.shares.length },
          onDuplicate: () => new ConflictError('duplicate', `A consent with id ${input.id} exists.`),
        },
        steps: [],
        audit: auditList(audit),
      });
      return input;
    },
    getSharingConsent: consent,
    async listSharingConsents(sourceApplicationId) {
      const docs = await consents
        .find({ sourceApplicationId: scalar(sourceApplicationId) })
        .sort({ confirmedAt: 1, _id: 1 })
        .toArray();
      return docs.map((d) => strip<SharingConsent>(d));
    },
    async withdrawSharingConsent(id, by, audit) {
      const current = await consent(id);
      if (current.withdrawnAt) throw await changed(id)();
      const next: SharingConsent = { ...current, withdrawnAt: now(), withdrawnBy: by };
      await units.run({
        claim: {
          op: 'update',
          collection: 'sharing_consents',
          filter: { _id: id, withdrawnAt: null },
          set: { withdrawnAt: next.withdrawnAt, withdrawnBy: by },
          onMiss: changed(id),
        },
        steps: [],
        audit: auditList(audit),
      });
      return next;
    },
    async recordConsentShare(id, share, audit) {
      const current = await consent(id);
      if (current.withdrawnAt) throw await changed(id)();
      const next: SharingConsent = { ...current, shares: [...current.shares, share] };
      await units.run({
        claim: {
          op: 'update',
          collection: 'sharing_consents',
          filter: { _id: id, withdrawnAt: null, sharesCount: current.shares.length },
          set: { shares: next.shares, sharesCount: next.shares.length },
          onMiss: changed(id),
        },
        steps: [],
        audit: auditList(audit),
      });
      return next;
    },
    async createReferral(input, audit) {
      await units.run({
        claim: {
          op: 'insert',
          collection: 'referrals',
          doc: { _id: input.id, ...input },
          onDuplicate: () => new ConflictError('duplicate', `A referral with id ${input.id} exists.`),
        },
        steps: [],
        audit: auditList(audit),
      });
      return input;
    },
    getReferral: referral,
    async getReferralByFollowCode(codeHash) {
      const doc = await referrals.findOne({ followCodeHash: scalar(codeHash) });
      return doc ? strip<ReferralRecord>(doc) : null;
    },
    async listReferrals(query) {
      const filter: Record<string, unknown> = {};
      if (query.toProgramIds !== undefined) filter.toProgramId = { $in: query.toProgramIds.map((p) => scalar(p)) };
      if (query.fromProgramIds !== undefined) filter.fromProgramId = { $in: query.fromProgramIds.map((p) => scalar(p)) };
      if (query.fromApplicationId !== undefined) filter.fromApplicationId = scalar(query.fromApplicationId);
      if (query.fromCaseId !== undefined) filter.fromCaseId = scalar(query.fromCaseId);
      const docs = await referrals.find(filter).sort({ createdAt: -1, _id: 1 }).toArray();
      return docs.map((d) => strip<ReferralRecord>(d));
    },
    async saveReferral(next, expectedRevision, audit) {
      const saved: ReferralRecord = { ...next, revision: expectedRevision + 1 };
      const { id: _id, ...fields } = saved;
      await units.run({
        claim: {
          op: 'update',
          collection: 'referrals',
          filter: { _id: saved.id, revision: expectedRevision },
          set: { ...fields, id: saved.id },
          onMiss: async () => {
            const latest = await referral(saved.id);
            return new ConflictError(
              'stale-revision',
              `The referral was changed by someone else (revision ${latest.revision}). Reload it and apply your change again.`,
              { currentRevision: latest.revision, expectedRevision },
            );
          },
        },
        steps: [],
        audit: auditList(audit),
      });
      return saved;
    },
    async getCapacity(programId) {
      const doc = await capacity.findOne({ _id: scalar(programId) });
      if (doc) {
        const { revision: _revision, ...record } = strip<CapacityRecord & { revision: number }>(doc);
        return record;
      }
      return { programId, capacity: 'open', note: null, updatedAt: null, updatedBy: null };
    },
    async setCapacity(record, audit) {
      // As SQLite's upsert, the last write wins: a write that raced another is made again on top of it.
      for (let attempt = 0; ; attempt++) {
        const current = await capacity.findOne({ _id: scalar(record.programId) });
        const raced = () =>
          new ConflictError('stale-revision', `The capacity of ${record.programId} was changed at the same time. Reload it and try again.`);
        const revision = (current?.revision ?? 0) + 1;
        try {
          await units.run({
            claim: current
              ? {
                  op: 'update',
                  collection: 'program_capacity',
                  filter: { _id: record.programId, revision: current.revision },
                  set: { ...record, revision },
                  onMiss: async () => raced(),
                }
              : { op: 'insert', collection: 'program_capacity', doc: { _id: record.programId, ...record, revision }, onDuplicate: raced },
            steps: [],
            audit: auditList(audit),
          });
          break;
        } catch (error) {
          if (!(error instanceof ConflictError) || attempt >= 3) throw error;
        }
      }
      return record;
    },
  };
}
