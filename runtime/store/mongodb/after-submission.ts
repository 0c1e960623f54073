/**
 * MongoDB: case references (a counter document per program and year), uploaded document files (`document_files`,
 * content as BSON binary with its sha256), document reviews, and the email outbox with its claims (issue 15).
 * This module covers parts of two aggregates: references, files and reviews are the cases aggregate's (`CaseStore`),
 * reminders and the outbox the jobs aggregate's (`JobStore`).
 */
import { Binary, type Db } from 'mongodb';
import { auditList, formatReference, idOr } from '../common.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { CaseStore, DocumentFileInfo, JobStore, OutboxRecord } from '../types.ts';
import { messageSteps, outboxRecord } from './case-steps.ts';
import { caseFromDoc, documentFromDoc, nextOrdinal, type CaseDoc, type DocumentDoc } from './docs.ts';
import { scalar, type UnitRunner } from './units.ts';
import { scopeFilter } from './organisations.ts';

type AfterSubmissionMethods = Pick<
  CaseStore,
  'allocateCaseReference' | 'getCaseByReference' | 'attachDocumentFile' | 'getDocumentFile' | 'reviewDocument'
> &
  Pick<JobStore, 'enqueueEmail' | 'claimOutbox' | 'markOutboxSent' | 'markOutboxAttemptFailed' | 'listOutbox' | 'recordReminder'>;

type OutboxDoc = Omit<OutboxRecord, 'id'> & { _id: string; ord: number };
type FileDoc = DocumentFileInfo & { _id: string; caseId: string; documentId: string; content: Binary };

const outboxFromDoc = ({ _id, ord: _ord, ...rest }: OutboxDoc): OutboxRecord => ({ id: _id, ...rest });

/** The program's next reference of `year` (a counter document per program and year). */
async function nextMongoReference(db: Db, programId: string, prefix: string, year: number): Promise<string> {
  const counter = await db
    .collection<{ _id: string; last: number }>('case_sequences')
    .findOneAndUpdate({ _id: scalar(`${programId}:${year}`) }, { $inc: { last: 1 } }, { upsert: true, returnDocument: 'after' });
  return formatReference(prefix, year, counter?.last ?? 1);
}

/** The after-submission methods over `db`. */
export function mongoAfterSubmissionMethods(db: Db, units: UnitRunner, now: () => string): AfterSubmissionMethods {
  const documents = db.collection<DocumentDoc>('documents');
  const files = db.collection<FileDoc>('document_files');
  const outbox = db.collection<OutboxDoc>('outbox');
  const requireDocument = async (caseId: string, documentId: string) => {
    const doc = await documents.findOne({ _id: scalar(documentId), caseId: scalar(caseId) });
    if (!doc) throw new NotFoundError('document', documentId, `Case "${caseId}" has no document with id "${documentId}".`);
    return doc;
  };

  return {
    async allocateCaseReference(programId, prefix, year) {
      return nextMongoReference(db, programId, prefix, year);
    },

    async getCaseByReference(reference, scope) {
      const doc = await db
        .collection<CaseDoc>('cases')
        .findOne({ reference: scalar(reference.trim().toUpperCase()), ...(await scopeFilter<CaseDoc>(db, scope, true)) });
      return doc ? caseFromDoc(doc) : null;
    },

    async attachDocumentFile(input) {
      const doc = await requireDocument(input.caseId, input.documentId);
      const at = now();
      const file: DocumentFileInfo = {
        id: idOr(undefined),
        name: input.name,
        mediaType: input.mediaType,
        size: input.content.length,
        sha256: input.sha256,
        uploadedAt: at,
        uploadedBy: input.uploadedBy,
      };
      // The file is written first (an orphan file after a crash is harmless); the document's claim makes it current.
      await files.insertOne({ _id: file.id, ...file, caseId: input.caseId, documentId: input.documentId, content: new Binary(input.content) });
      await units.run({
        claim: {
          op: 'update',
          collection: 'documents',
          filter: { _id: doc._id },
          set: { status: 'received', receivedAt: at, file, reviewedAt: null, reviewedBy: null, reason: null },
          onMiss: async () => new NotFoundError('document', input.documentId),
        },
        steps: [],
        audit: auditList(input.audit),
      });
      return documentFromDoc((await documents.findOne({ _id: doc._id }))!);
    },

    async getDocumentFile(caseId, documentId) {
      const doc = await requireDocument(caseId, documentId);
      if (!doc.file) return null;
      const file = await files.findOne({ _id: scalar(doc.file.id) });
      return file ? { info: doc.file, content: Buffer.from(file.content.buffer) } : null;
    },

    async reviewDocument(input) {
      const doc = await requireDocument(input.caseId, input.documentId);
      const at = now();
      await units.run({
        claim: {
          op: 'update',
          collection: 'documents',
          filter: { _id: doc._id },
          set: { status: input.status, reviewedAt: at, reviewedBy: input.reviewedBy, reason: input.reason, receivedAt: doc.receivedAt ?? at },
          onMiss: async () => new ConflictError('stale-revision', 'The document changed while it was being reviewed; load it again.'),
        },
        steps: [],
        audit: auditList(input.audit),
      });
      return documentFromDoc((await documents.findOne({ _id: doc._id }))!);
    },

    async recordReminder(input) {
      const at = now();
      try {
        await units.run({
          claim: {
            op: 'insert',
            collection: 'reminders',
            doc: { _id: input.key, caseId: input.caseId, sentAt: at },
            onDuplicate: () => new ConflictError('duplicate', `The reminder ${input.key} was recorded before.`),
          },
          steps: messageSteps(input.caseId, input.messages, at).map((m) => m.step),
          audit: auditList(input.audit),
        });
        return true;
      } catch (error) {
        if (error instanceof ConflictError && error.code === 'duplicate') return false;
        throw error;
      }
    },

    async enqueueEmail(input) {
      const record = outboxRecord(
        { messageId: null, caseId: input.caseId ?? null, toAddress: input.toAddress, subject: input.subject, text: input.text },
        now(),
      );
      const { id, ...rest } = record;
      await outbox.insertOne({ _id: id, ...rest, ord: nextOrdinal() });
      return record;
    },

    async claimOutbox({ now: at, claimUntil, limit }) {
      const claimed: OutboxRecord[] = [];
      const due = await outbox
        .find({ status: 'pending', nextAttemptAt: { $lte: scalar(at) }, $or: [{ claimedUntil: null }, { claimedUntil: { $lte: scalar(at) } }] })
        .sort({ createdAt: 1, ord: 1 })
        .limit(limit)
        .toArray();
      for (const row of due) {
        // Conditional on the claim seen, so two senders never hold one email.
        const won = await outbox.updateOne({ _id: row._id, claimedUntil: row.claimedUntil }, { $set: { claimedUntil: claimUntil } });
        if (won.modifiedCount === 1) claimed.push({ ...outboxFromDoc(row), claimedUntil: claimUntil });
      }
      return claimed;
    },

    async markOutboxSent(id, at) {
      const r = await outbox.updateOne(
        { _id: scalar(id), status: 'pending' },
        { $set: { status: 'sent', sentAt: at, claimedUntil: null }, $inc: { attempts: 1 } },
      );
      return r.modifiedCount === 1;
    },

    async markOutboxAttemptFailed(id, error, nextAttemptAt) {
      await outbox.updateOne(
        { _id: scalar(id), status: 'pending' },
        {
          $set: {
            lastError: error.slice(0, 1000),
            claimedUntil: null,
            status: nextAttemptAt ? 'pending' : 'failed',
            ...(nextAttemptAt ? { nextAttemptAt } : {}),
          },
          $inc: { attempts: 1 },
        },
      );
    },

    async listOutbox(filter = {}) {
      const query: Record<string, string> = {};
      if (filter.caseId !== undefined) query.caseId = scalar(filter.caseId);
      if (filter.status !== undefined) query.status = scalar(filter.status);
      return (await outbox.find(query).sort({ createdAt: 1, ord: 1 }).toArray()).map(outboxFromDoc);
    },
  };
}
