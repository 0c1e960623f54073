/**
 * PostgreSQL: what the store keeps for after submission (issue 15), as the SQLite store does: case references (a
 * per-program, per-year sequence), uploaded document files (bytea, with each content's sha256), document reviews,
 * deadline reminders and the email outbox with its claims.
 * This module covers parts of two aggregates: references, files and reviews are the cases aggregate's (`CaseStore`),
 * reminders and the outbox the jobs aggregate's (`JobStore`).
 */
import { sql, type Selectable } from 'kysely';
import { auditList, idOr } from '../common.ts';
import { NotFoundError } from '../errors.ts';
import { caseFromRow, documentFromRow } from '../rows.ts';
import { formatReference } from '../sqlite/after-submission.ts';
import type { CaseStore, DocumentRecord, JobStore, OutboxRecord } from '../types.ts';
import { insertMessages, insertOutbox } from './case-writes.ts';
import type { PgDb, PgExecutor } from './db.ts';
import { scopeSql } from '../sql/scope.ts';
import type { OutboxTable } from '../sql/schema.ts';

type AfterSubmissionMethods = Pick<
  CaseStore,
  'allocateCaseReference' | 'getCaseByReference' | 'attachDocumentFile' | 'getDocumentFile' | 'reviewDocument'
> &
  Pick<JobStore, 'enqueueEmail' | 'claimOutbox' | 'markOutboxSent' | 'markOutboxAttemptFailed' | 'listOutbox' | 'recordReminder'>;

type OutboxRow = Selectable<OutboxTable>;

function outboxFromRow(r: OutboxRow): OutboxRecord {
  return {
    id: r.id,
    messageId: r.message_id,
    caseId: r.case_id,
    toAddress: r.to_address,
    subject: r.subject,
    text: r.text,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    claimedUntil: r.claimed_until,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  };
}

/** The columns of a document with its current file's description (never its content): `DOCUMENT_SELECT`'s. */
function documentQuery(q: PgExecutor) {
  return q
    .selectFrom('documents as d')
    .leftJoin('document_files as f', 'f.id', 'd.file_id')
    .selectAll('d')
    .select([
      'f.name as file_name',
      'f.media_type as file_media_type',
      'f.size as file_size',
      'f.sha256 as file_sha256',
      'f.uploaded_at as file_uploaded_at',
      'f.uploaded_by as file_uploaded_by',
    ]);
}

/** The after-submission methods over `db`. */
export function pgAfterSubmissionMethods(db: PgDb): AfterSubmissionMethods {
  const documentOf = async (q: PgExecutor, caseId: string, documentId: string): Promise<DocumentRecord> => {
    const row = await documentQuery(q).where('d.id', '=', documentId).where('d.case_id', '=', caseId).executeTakeFirst();
    if (!row) throw new NotFoundError('document', documentId, `Case "${caseId}" has no document with id "${documentId}".`);
    return documentFromRow(row);
  };

  return {
    async allocateCaseReference(programId, prefix, year) {
      // Outside the audit lock, in its own statement (as SQLite's runs outside its group commit): the number
      // commits at once, so a submission that then fails skips it and references never repeat.
      const row = await db.read
        .insertInto('case_sequences')
        .values({ program_id: programId, year, last: 1 })
        .onConflict((oc) => oc.columns(['program_id', 'year']).doUpdateSet({ last: sql`case_sequences.last + 1` }))
        .returning('last')
        .executeTakeFirstOrThrow();
      return formatReference(prefix, year, row.last);
    },

    async getCaseByReference(reference, scope) {
      const row = await db.read
        .selectFrom('cases')
        .selectAll()
        // lower(reference): the expression the unique index `cases_reference` is on (SQLite's COLLATE NOCASE).
        .where(sql`lower(reference)`, '=', sql`lower(${reference.trim()})`)
        .where(scopeSql(scope, 'cases.program_id', 'cases.id'))
        .executeTakeFirst();
      return row ? caseFromRow(row) : null;
    },

    async attachDocumentFile(input) {
      return db.tx(async (trx) => {
        await documentOf(trx, input.caseId, input.documentId);
        const at = db.now();
        const fileId = idOr(undefined);
        await trx
          .insertInto('document_files')
          .values({
            id: fileId,
            case_id: input.caseId,
            document_id: input.documentId,
            name: input.name,
            media_type: input.mediaType,
            size: input.content.length,
            sha256: input.sha256,
            content: input.content,
            uploaded_by: input.uploadedBy,
            uploaded_at: at,
          })
          .execute();
        await trx
          .updateTable('documents')
          .set({ status: 'received', received_at: at, file_id: fileId, reviewed_at: null, reviewed_by: null, reason: null })
          .where('id', '=', input.documentId)
          .execute();
        await db.appendAudit(trx, auditList(input.audit));
        return documentOf(trx, input.caseId, input.documentId);
      });
    },

    async getDocumentFile(caseId, documentId) {
      const doc = await documentOf(db.read, caseId, documentId);
      if (!doc.file) return null;
      const row = await db.read.selectFrom('document_files').select('content').where('id', '=', doc.file.id).executeTakeFirst();
      return row ? { info: doc.file, content: row.content } : null;
    },

    async reviewDocument(input) {
      return db.tx(async (trx) => {
        const doc = await documentOf(trx, input.caseId, input.documentId);
        const at = db.now();
        await trx
          .updateTable('documents')
          .set({
            status: input.status,
            reviewed_at: at,
            reviewed_by: input.reviewedBy,
            reason: input.reason,
            received_at: sql`COALESCE(received_at, ${at})`,
          })
          .where('id', '=', doc.id)
          .execute();
        await db.appendAudit(trx, auditList(input.audit));
        return documentOf(trx, input.caseId, input.documentId);
      });
    },

    async recordReminder(input) {
      return db.tx(async (trx) => {
        const at = db.now();
        const inserted = await trx
          .insertInto('reminders')
          .values({ key: input.key, case_id: input.caseId, sent_at: at })
          .onConflict((oc) => oc.column('key').doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
        await insertMessages(trx, input.caseId, input.messages, at);
        await db.appendAudit(trx, auditList(input.audit));
        return true;
      });
    },

    async enqueueEmail(input) {
      return db.tx((trx) =>
        insertOutbox(
          trx,
          { messageId: null, caseId: input.caseId ?? null, toAddress: input.toAddress, subject: input.subject, text: input.text },
          db.now(),
        ),
      );
    },

    async claimOutbox({ now, claimUntil, limit }) {
      return db.tx(async (trx) => {
        const rows = await trx
          .selectFrom('outbox')
          .selectAll()
          .where('status', '=', 'pending')
          .where('next_attempt_at', '<=', now)
          .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', now)]))
          .orderBy('created_at')
          .orderBy('rowid')
          .limit(limit)
          .execute();
        if (rows.length > 0)
          await trx
            .updateTable('outbox')
            .set({ claimed_until: claimUntil })
            .where(
              'id',
              'in',
              rows.map((r) => r.id),
            )
            .execute();
        return rows.map((r) => ({ ...outboxFromRow(r), claimedUntil: claimUntil }));
      });
    },

    async markOutboxSent(id, at) {
      return db.tx(async (trx) => {
        const result = await trx
          .updateTable('outbox')
          .set((eb) => ({ status: 'sent', sent_at: at, attempts: eb('attempts', '+', 1), claimed_until: null }))
          .where('id', '=', id)
          .where('status', '=', 'pending')
          .executeTakeFirst();
        return Number(result.numUpdatedRows) === 1;
      });
    },

    async markOutboxAttemptFailed(id, error, nextAttemptAt) {
      await db.tx((trx) =>
        trx
          .updateTable('outbox')
          .set((eb) => ({
            attempts: eb('attempts', '+', 1),
            last_error: error.slice(0, 1000),
            claimed_until: null,
            status: nextAttemptAt ? 'pending' : 'failed',
            next_attempt_at: nextAttemptAt ?? eb.ref('next_attempt_at'),
          }))
          .where('id', '=', id)
          .where('status', '=', 'pending')
          .execute(),
      );
    },

    async listOutbox(filter = {}) {
      let q = db.read.selectFrom('outbox').selectAll();
      if (filter.caseId != null) q = q.where('case_id', '=', filter.caseId);
      if (filter.status != null) q = q.where('status', '=', filter.status);
      const rows = await q.orderBy('created_at').orderBy('rowid').execute();
      return rows.map(outboxFromRow);
    },
  };
}
