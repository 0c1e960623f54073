/**
 * MongoDB shared state (migration 013): fixed-window counters (`$inc` with upsert), short-lived values and leases
 * (a conditional upsert: a duplicate-key error means another holder has it). TTL indexes drop what expired.
 */
import type { Db } from 'mongodb';
import type { SharedStateStore } from '../types.ts';

type CounterDoc = { _id: string; key: string; windowStart: number; hits: number; expiresAt: Date };
type ValueDoc = { _id: string; value: string; expiresAt: Date };
type LeaseDoc = { _id: string; holder: string; until: number };

/** The shared-state methods over `db`. */
export function mongoSharedStateMethods(db: Db): SharedStateStore {
  const counters = db.collection<CounterDoc>('shared_counters');
  const values = db.collection<ValueDoc>('shared_values');
  const leases = db.collection<LeaseDoc>('leases');
  const id = (key: string, windowStart: number) => `${windowStart}:${key}`;
  return {
    async hitCounter(key, windowStart, expiresAt, by = 1) {
      const doc = await counters.findOneAndUpdate(
        { _id: id(key, windowStart) },
        { $inc: { hits: by }, $setOnInsert: { key, windowStart, expiresAt: new Date(expiresAt) } },
        { upsert: true, returnDocument: 'after' },
      );
      return doc?.hits ?? by;
    },
    async readCounter(key, windowStart) {
      return (await counters.findOne({ _id: id(key, windowStart) }))?.hits ?? 0;
    },
    async resetCounter(key) {
      await counters.deleteMany({ key });
    },
    async putSharedValue(key, value, expiresAt) {
      await values.replaceOne({ _id: key }, { value, expiresAt: new Date(expiresAt) }, { upsert: true });
    },
    async getSharedValue(key, now, take) {
      const doc = take ? await values.findOneAndDelete({ _id: key }) : await values.findOne({ _id: key });
      return doc && doc.expiresAt.getTime() >= now ? doc.value : null;
    },
    async deleteSharedValue(key) {
      await values.deleteOne({ _id: key });
    },
    async claimLease(name, holder, now, until) {
      try {
        const result = await leases.updateOne(
          { _id: name, $or: [{ holder }, { until: { $lt: now } }] },
          { $set: { holder, until } },
          { upsert: true },
        );
        return result.matchedCount + result.upsertedCount === 1;
      } catch (error) {
        // The upsert collided with a lease another holder keeps.
        if ((error as { code?: number }).code === 11000) return false;
        throw error;
      }
    },
    async releaseLease(name, holder) {
      await leases.deleteOne({ _id: name, holder });
    },
    async leaseHolder(name) {
      const doc = await leases.findOne({ _id: name });
      return doc ? { holder: doc.holder, until: doc.until } : null;
    },
  };
}
