/**
 * SQLite: what the store keeps for after submission (issue 15): case references (a per-program, per-year
 * sequence), uploaded document files (a blob table with each content's sha256), document reviews, and the email
 * outbox with its claims.
 * This module covers parts of two aggregates: references, files and reviews are the cases aggregate's (`CaseStore`),
 * reminders and the outbox the jobs aggregate's (`JobStore`).
 */
import { auditList, idOr } from '../common.ts';
import { NotFoundError } from '../errors.ts';
import type { CaseStore, DocumentRecord, JobStore, OutboxRecord } from '../types.ts';
import { insertMessages, insertOutbox } from './case-writes.ts';
import type { SqliteDb } from './db.ts';
import { scopeSql } from './scope.ts';
import { caseFromRow, DOCUMENT_SELECT, documentFromRow, type CaseRow, type DocumentRow } from '../rows.ts';

type AfterSubmissionMethods = Pick<
  CaseStore,
  'allocateCaseReference' | 'getCaseByReference' | 'attachDocumentFile' | 'getDocumentFile' | 'reviewDocument'
> &
  Pick<JobStore, 'enqueueEmail' | 'claimOutbox' | 'markOutboxSent' | 'markOutboxAttemptFailed' | 'listOutbox' | 'recordReminder'>;

/** The reference text: prefix, two-digit year, the number on six digits (more when a year passes a million). */
export function formatReference(prefix: string, year: number, n: number): string {
  return `${prefix}-${String(year % 100).padStart(2, '0')}-${String(n).padStart(6, '0')}`;
}

interface OutboxRow {
  id: string;
  message_id: string | null;
  case_id: string | null;
  to_address: string;
  subject: string;
  text: string;
  status: OutboxRecord['status'];
  attempts: number;
  next_attempt_at: string;
  claimed_until: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

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

/** The after-submission methods over `db`. */
export function sqliteAfterSubmissionMethods(db: SqliteDb): AfterSubmissionMethods {
  const documentOf = (caseId: string, documentId: string): DocumentRecord => {
    const row = db.get<DocumentRow>(`${DOCUMENT_SELECT} WHERE d.id = ? AND d.case_id = ?`, documentId, caseId);
    if (!row) throw new NotFoundError('document', documentId, `Case "${caseId}" has no document with id "${documentId}".`);
    return documentFromRow(row);
  };

  return {
    async allocateCaseReference(programId, prefix, year) {
      // Outside `tx`: no fsync of its own (the connection commits with `synchronous = NORMAL`). The submission that
      // uses the number commits after it in the same WAL, and that commit's fsync covers it; a crash before then may
      // forget a number no case has (so references still never repeat), and the submit path waits for one fsync.
      const row = db.get<{ last: number }>(
        `INSERT INTO case_sequences (program_id, year, last) VALUES (?, ?, 1)
         ON CONFLICT (program_id, year) DO UPDATE SET last = last + 1 RETURNING last`,
        programId,
        year,
      )!;
      return formatReference(prefix, year, row.last);
    },

    async getCaseByReference(reference, scope) {
      const where = scopeSql(scope, 'cases.program_id', 'cases.id');
      const row = db.get<CaseRow>(`SELECT * FROM cases WHERE reference = @reference COLLATE NOCASE AND ${where.sql}`, {
        ...where.named,
        reference: reference.trim(),
      });
      return row ? caseFromRow(row) : null;
    },

    async attachDocumentFile(input) {
      return db.tx(() => {
        documentOf(input.caseId, input.documentId);
        const at = db.now();
        const fileId = idOr(undefined);
        db.run(
          `INSERT INTO document_files (id, case_id, document_id, name, media_type, size, sha256, content, uploaded_by, uploaded_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          fileId,
          input.caseId,
          input.documentId,
          input.name,
          input.mediaType,
          input.content.length,
          input.sha256,
          input.content,
          input.uploadedBy,
          at,
        );
        db.run(
          `UPDATE documents SET status = 'received', received_at = ?, file_id = ?, reviewed_at = NULL, reviewed_by = NULL, reason = NULL
           WHERE id = ?`,
          at,
          fileId,
          input.documentId,
        );
        db.appendAudit(auditList(input.audit));
        return documentOf(input.caseId, input.documentId);
      });
    },

    async getDocumentFile(caseId, documentId) {
      const doc = documentOf(caseId, documentId);
      if (!doc.file) return null;
      const row = db.get<{ content: Buffer }>('SELECT content FROM document_files WHERE id = ?', doc.file.id);
      return row ? { info: doc.file, content: row.content } : null;
    },

    async reviewDocument(input) {
      return db.tx(() => {
        const doc = documentOf(input.caseId, input.documentId);
        const at = db.now();
        db.run(
          'UPDATE documents SET status = ?, reviewed_at = ?, reviewed_by = ?, reason = ?, received_at = COALESCE(received_at, ?) WHERE id = ?',
          input.status,
          at,
          input.reviewedBy,
          input.reason,
          at,
          doc.id,
        );
        db.appendAudit(auditList(input.audit));
        return documentOf(input.caseId, input.documentId);
      });
    },

    async recordReminder(input) {
      return db.tx(() => {
        const at = db.now();
        const inserted = db.run(
          'INSERT INTO reminders (key, case_id, sent_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING',
          input.key,
          input.caseId,
          at,
        );
        if (inserted === 0) return false;
        insertMessages(db, input.caseId, input.messages, at);
        db.appendAudit(auditList(input.audit));
        return true;
      });
    },

    async enqueueEmail(input) {
      return db.tx(() =>
        insertOutbox(
          db,
          { messageId: null, caseId: input.caseId ?? null, toAddress: input.toAddress, subject: input.subject, text: input.text },
          db.now(),
        ),
      );
    },

    async claimOutbox({ now, claimUntil, limit }) {
      return db.tx(() => {
        const rows = db.all<OutboxRow>(
          `SELECT * FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)
           ORDER BY created_at, rowid LIMIT ?`,
          now,
          now,
          limit,
        );
        for (const r of rows) db.run('UPDATE outbox SET claimed_until = ? WHERE id = ?', claimUntil, r.id);
        return rows.map((r) => ({ ...outboxFromRow(r), claimedUntil: claimUntil }));
      });
    },

    async markOutboxSent(id, at) {
      return db.tx(
        () =>
          db.run(
            "UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, claimed_until = NULL WHERE id = ? AND status = 'pending'",
            at,
            id,
          ) === 1,
      );
    },

    async markOutboxAttemptFailed(id, error, nextAttemptAt) {
      await db.tx(() => {
        db.run(
          `UPDATE outbox SET attempts = attempts + 1, last_error = ?, claimed_until = NULL, status = ?, next_attempt_at = COALESCE(?, next_attempt_at)
           WHERE id = ? AND status = 'pending'`,
          error.slice(0, 1000),
          nextAttemptAt ? 'pending' : 'failed',
          nextAttemptAt,
          id,
        );
      });
    },

    async listOutbox(filter = {}) {
      return db
        .all<OutboxRow>(
          `SELECT * FROM outbox WHERE (@caseId IS NULL OR case_id = @caseId) AND (@status IS NULL OR status = @status) ORDER BY created_at, rowid`,
          { caseId: filter.caseId ?? null, status: filter.status ?? null },
        )
        .map(outboxFromRow);
    },
  };
}
