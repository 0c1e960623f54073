/**
 * The MongoDB store (official driver). At open: connect, ask `hello` whether the server is a replica set
 * (`setName`), apply migrations (collections + indexes), finish or discard units a crash interrupted, then serve.
 * On a replica set every write method is one transaction; on a standalone server writes follow the journaled
 * claim-then-steps order described in `units.ts`.
 */
import { mongoReferralMethods } from './referrals.ts';
import { MongoClient } from 'mongodb';
import { auditLimit, auditList } from '../common.ts';
import type { AuditCheckpoint, Store } from '../types.ts';
import { mongoAfterSubmissionMethods } from './after-submission.ts';
import { mongoApplicationMethods } from './applications.ts';
import { mongoCaseMethods } from './cases.ts';
import { mongoJobMethods } from './jobs.ts';
import { mongoCaseloadMethods } from './caseload.ts';
import { mongoDashboardMethods } from './dashboard.ts';
import { auditFromDoc, type AuditDoc } from './docs.ts';
import { applyMongoMigrations } from './migrate.ts';
import { mongoProgramMethods } from './programs.ts';
import { mongoSettingsMethods } from './settings.ts';
import { mongoSharedStateMethods } from './shared-state.ts';
import { mongoOrganisationMethods } from './organisations.ts';
import { scalar, UnitRunner } from './units.ts';
import { mongoUserMethods } from './users.ts';

/** Options of `openMongoStore`. */
export interface MongoStoreOptions {
  /** Database name; default: the URI's, else `mandate`. */
  database?: string;
  now?: () => Date;
  /** The audit key, hex: entries get a MAC and the `audit_checkpoint` document follows every append. */
  auditKey?: string;
}

/** Connects to `uri`, migrates and recovers, and returns a `Store` on that database. */
export async function openMongoStore(uri: string, options: MongoStoreOptions = {}): Promise<Store> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000 });
  await client.connect();
  try {
    const db = options.database ? client.db(options.database) : client.db(new URL(uri).pathname.slice(1) || 'mandate');
    const hello = await db.admin().command({ hello: 1 });
    const transactions = typeof hello.setName === 'string';
    const clock = options.now ?? (() => new Date());
    const now = () => clock().toISOString();
    await applyMongoMigrations(db);
    const units = new UnitRunner(client, db, transactions, now, options.auditKey ? Buffer.from(options.auditKey, 'hex') : undefined);
    await units.recoverJournal();
    const audit = db.collection<AuditDoc>('audit');

    const store: Store = {
      kind: 'mongodb',
      ...mongoUserMethods(db, units, now),
      ...mongoProgramMethods(db, units, now),
      ...mongoApplicationMethods(db, units, now),
      ...mongoCaseMethods(db, units, now),
      ...mongoCaseloadMethods(db),
      ...mongoDashboardMethods(db),
      ...mongoSettingsMethods(db, units, now),
      ...mongoJobMethods(db, units, now),
      ...mongoAfterSubmissionMethods(db, units, now),
      ...mongoSharedStateMethods(db),
      ...mongoReferralMethods(db, units, now),
      ...mongoOrganisationMethods(db, units, now),

      async appendAudit(entries) {
        return units.appendAudit(auditList(entries));
      },

      async listAudit(query = {}) {
        const filter: Record<string, unknown> = { _id: { $gt: scalar(query.afterSeq ?? 0) } };
        if (query.entity !== undefined) filter.entity = scalar(query.entity);
        if (query.entityId !== undefined) filter.entityId = scalar(query.entityId);
        if (query.actorId !== undefined) filter.actorId = scalar(query.actorId);
        if (query.action !== undefined) filter.action = scalar(query.action);
        const docs = await audit.find(filter).sort({ _id: 1 }).limit(auditLimit(query.limit)).toArray();
        return docs.map(auditFromDoc);
      },

      async auditCheckpoint() {
        const doc = await db.collection<AuditCheckpoint & { _id: string }>('audit_checkpoint').findOne({ _id: 'head' });
        return doc ? { seq: doc.seq, hash: doc.hash, at: doc.at, mac: doc.mac } : null;
      },

      async lastAudit() {
        const doc = await audit.find({}).sort({ _id: -1 }).limit(1).next();
        return doc ? auditFromDoc(doc) : null;
      },

      async ping() {
        await db.command({ ping: 1 });
      },

      async close() {
        await client.close();
      },
    };
    return store;
  } catch (error) {
    await client.close();
    throw error;
  }
}
