/**
 * Atomic units of work on MongoDB, with or without transactions.
 *
 * A unit is a `Plan`: one CLAIM (a conditional update or an insert that decides whether the unit happens at all,
 * e.g. "application is still a draft at revision 3 → submitted"), then ordered idempotent STEPS (upserts by `_id`,
 * `$set`s, deletes), then AUDIT entries.
 *
 * - On a replica set the whole plan runs in one transaction (retried when two units race for the same audit seq).
 * - On a standalone server the plan is first written to the `journal` collection, then the claim, steps and audit
 *   run in that order, then the journal entry is deleted. If the process dies half-way, `recoverJournal` (run when
 *   the store opens, before anything is served) finishes every claimed unit and drops unclaimed ones, so the API
 *   never shows half a submission after a restart. Steps are idempotent and audit entries carry their unit id, so
 *   replaying twice changes nothing.
 *
 * Filters are built only from typed scalar values (see `scalar`), never from request bodies.
 */
import { randomUUID } from 'node:crypto';
import type { ClientSession, Db, Document, MongoClient } from 'mongodb';
import { checkpointOf, linkAuditEntries } from '../../audit/chain.ts';
import type { AuditCheckpoint, AuditEntry, AuditInput } from '../types.ts';
import { auditFromDoc, auditToDoc, type AuditDoc } from './docs.ts';

/** A filter value: only scalars, so that no caller-supplied object can become a query operator. */
export type Scalar = string | number | boolean | null;
export type ScalarFilter = Record<string, Scalar>;

/** The step that decides whether a unit happens. `onMiss` builds the error thrown when it does not. */
export type Claim =
  | { op: 'update'; collection: string; filter: ScalarFilter; set: Document; onMiss: () => Promise<Error> }
  | { op: 'insert'; collection: string; doc: Document & { _id: string }; onDuplicate: () => Error };

/** An idempotent follow-up write. */
export type Step =
  | { op: 'upsert'; collection: string; doc: Document & { _id: string | number } }
  | { op: 'set'; collection: string; filter: ScalarFilter; set: Document; many?: boolean }
  | { op: 'delete'; collection: string; filter: ScalarFilter };

export interface Plan {
  claim: Claim;
  steps: Step[];
  audit: AuditInput[];
}

/** Whether a MongoDB error is a duplicate-key error (E11000). */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

/** A value usable in a filter; throws on objects and arrays (which MongoDB could read as operators). */
export function scalar<T extends Scalar>(value: T): T {
  if (value !== null && typeof value === 'object') {
    throw new TypeError('A MongoDB filter value must be a string, number, boolean or null, not an object.');
  }
  return value;
}

function checkedFilter(filter: ScalarFilter): ScalarFilter {
  for (const key of Object.keys(filter)) scalar(filter[key]);
  return filter;
}

/** Runs units and appends to the audit chain on one database. */
export class UnitRunner {
  constructor(
    readonly client: MongoClient,
    readonly db: Db,
    readonly transactions: boolean,
    private readonly now: () => string,
    private readonly auditKey?: Buffer,
  ) {}

  /** Moves the signed checkpoint forward to `last` (never back: a concurrent append may have gone further). */
  private async advanceCheckpoint(last: AuditEntry, session?: ClientSession): Promise<void> {
    if (!this.auditKey) return;
    const c = checkpointOf(this.auditKey, last, this.now());
    try {
      await this.db
        .collection<AuditCheckpoint & { _id: string }>('audit_checkpoint')
        .updateOne({ _id: 'head', seq: { $lt: c.seq } }, { $set: c }, { upsert: true, session });
    } catch (error) {
      // The checkpoint is already past this entry (the upsert's insert collided with the existing document).
      if (!isDuplicateKey(error)) throw error;
    }
  }

  /** Runs a plan atomically (see the module comment). Throws the claim's error when the claim misses. */
  async run(plan: Plan): Promise<AuditEntry[]> {
    return this.transactions ? this.runInTransaction(plan) : this.runJournaled(plan);
  }

  /** Appends audit entries on their own (no claim). */
  async appendAudit(inputs: AuditInput[]): Promise<AuditEntry[]> {
    if (inputs.length === 0) return [];
    if (!this.transactions) return this.appendAuditWithRetry(inputs, randomUUID());
    return this.withTransaction((session) => this.appendAuditOnce(inputs, undefined, session));
  }

  /** Completes or discards units a crash interrupted (standalone servers). Returns how many were completed. */
  async recoverJournal(): Promise<number> {
    let completed = 0;
    for (const entry of await this.db.collection<{ _id: string; plan: string }>('journal').find({}).toArray()) {
      const plan = JSON.parse(entry.plan) as Omit<Plan, 'claim'> & { claim: { op: Claim['op']; collection: string; id: string } };
      const claimed =
        plan.claim.op === 'insert'
          ? await this.db.collection(plan.claim.collection).findOne({ _id: scalar(plan.claim.id) as never })
          : await this.db.collection(plan.claim.collection).findOne({ _id: scalar(plan.claim.id) as never, _unit: entry._id });
      if (claimed) {
        await this.runSteps(plan.steps);
        await this.appendAuditWithRetry(plan.audit, entry._id);
        completed += 1;
      }
      await this.db.collection('journal').deleteOne({ _id: entry._id as never });
    }
    return completed;
  }

  private async withTransaction<T>(fn: (session: ClientSession) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      const session = this.client.startSession();
      try {
        return await session.withTransaction(() => fn(session));
      } catch (error) {
        // Two units took the same audit seq: the loser retries from the start with a fresh chain head.
        if (!isDuplicateKey(error) || attempt >= 20) throw error;
      } finally {
        await session.endSession();
      }
    }
  }

  private async runInTransaction(plan: Plan): Promise<AuditEntry[]> {
    return this.withTransaction(async (session) => {
      await this.runClaim(plan.claim, undefined, session);
      await this.runSteps(plan.steps, session);
      return this.appendAuditOnce(plan.audit, undefined, session);
    });
  }

  private async runJournaled(plan: Plan): Promise<AuditEntry[]> {
    const unit = randomUUID();
    const claimRef = {
      op: plan.claim.op,
      collection: plan.claim.collection,
      id: plan.claim.op === 'insert' ? plan.claim.doc._id : String(plan.claim.filter._id),
    };
    const journal = this.db.collection<{ _id: string; plan: string; at: string }>('journal');
    await journal.insertOne({ _id: unit, at: this.now(), plan: JSON.stringify({ ...plan, claim: claimRef }) });
    try {
      await this.runClaim(plan.claim, unit);
    } catch (error) {
      await journal.deleteOne({ _id: unit });
      throw error;
    }
    await this.runSteps(plan.steps);
    const entries = await this.appendAuditWithRetry(plan.audit, unit);
    await journal.deleteOne({ _id: unit });
    return entries;
  }

  private async runClaim(claim: Claim, unit: string | undefined, session?: ClientSession): Promise<void> {
    const collection = this.db.collection(claim.collection);
    if (claim.op === 'insert') {
      try {
        await collection.insertOne(claim.doc as Document, { session });
      } catch (error) {
        if (isDuplicateKey(error)) throw claim.onDuplicate();
        throw error;
      }
      return;
    }
    const set = unit ? { ...claim.set, _unit: unit } : claim.set;
    let matched: number;
    try {
      matched = (await collection.updateOne(checkedFilter(claim.filter), { $set: set }, { session })).matchedCount;
    } catch (error) {
      if (isDuplicateKey(error)) throw await claim.onMiss();
      throw error;
    }
    if (matched === 0) throw await claim.onMiss();
  }

  private async runSteps(steps: Step[], session?: ClientSession): Promise<void> {
    for (const step of steps) {
      const collection = this.db.collection(step.collection);
      if (step.op === 'upsert') {
        await collection.replaceOne({ _id: step.doc._id as never }, step.doc, { upsert: true, session });
      } else if (step.op === 'delete') {
        await collection.deleteOne(checkedFilter(step.filter), { session });
      } else if (step.many) {
        await collection.updateMany(checkedFilter(step.filter), { $set: step.set }, { session });
      } else {
        await collection.updateOne(checkedFilter(step.filter), { $set: step.set }, { session });
      }
    }
  }

  /** Appends with a fresh chain head; a duplicate seq (a concurrent append) surfaces as a duplicate-key error. */
  private async appendAuditOnce(inputs: AuditInput[], unit: string | undefined, session?: ClientSession): Promise<AuditEntry[]> {
    if (inputs.length === 0) return [];
    const audit = this.db.collection<AuditDoc>('audit');
    const last = await audit.find({}, { session }).sort({ _id: -1 }).limit(1).next();
    const entries = linkAuditEntries(last ? auditFromDoc(last) : null, inputs, this.now(), this.auditKey);
    for (const entry of entries) await audit.insertOne(auditToDoc(entry, unit), { session });
    await this.advanceCheckpoint(entries[entries.length - 1], session);
    return entries;
  }

  /**
   * Without transactions: append entry by entry, relinking when another writer took the seq. Idempotent per unit:
   * entries already appended for `unit` (by an interrupted earlier run) are not appended again.
   */
  private async appendAuditWithRetry(inputs: AuditInput[], unit: string): Promise<AuditEntry[]> {
    const audit = this.db.collection<AuditDoc>('audit');
    const done = (await audit.find({ unit }).sort({ _id: 1 }).toArray()).map(auditFromDoc);
    const out: AuditEntry[] = [...done];
    for (const input of inputs.slice(done.length)) {
      for (let attempt = 0; ; attempt += 1) {
        const last = await audit.find({}).sort({ _id: -1 }).limit(1).next();
        const [entry] = linkAuditEntries(last ? auditFromDoc(last) : null, [input], this.now(), this.auditKey);
        try {
          await audit.insertOne(auditToDoc(entry, unit));
          await this.advanceCheckpoint(entry);
          out.push(entry);
          break;
        } catch (error) {
          if (!isDuplicateKey(error) || attempt >= 50) throw error;
        }
      }
    }
    return out;
  }
}
