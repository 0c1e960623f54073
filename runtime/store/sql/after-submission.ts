/**
 * What an SQL store keeps for after submission (issue 15), one implementation for SQLite and PostgreSQL: case
 * references (a per-program, per-year sequence), uploaded document files (a blob table, bytea on PostgreSQL, with
 * each content's sha256), document reviews, deadline reminders and the email outbox with its claims.
 * This module covers parts of two aggregates: references, files and reviews are the cases aggregate's (`CaseStore`),
 * reminders and the outbox the jobs aggregate's (`JobStore`).
 *
 * The dialects differ in one place: finding a case by its reference regardless of case, each as its unique index
 * `cases_reference` is written (SQLite's `COLLATE NOCASE`, PostgreSQL's `lower(reference)`).
 */
import { type Selectable, sql, type SqlBool } from 'kysely';
import { auditList, formatReference, idOr } from '../common.ts';
import { NotFoundError } from '../errors.ts';
import { caseFromRow, documentFromRow } from '../rows.ts';
import type { CaseStore, DocumentRecord, JobStore, OutboxRecord } from '../types.ts';
import { MAX_PARAMETERS, sqlCaseWrites } from './case-writes.ts';
import { documentQuery } from './cases.ts';
import { prepared } from './prepared.ts';
import type { OutboxTable } from './schema.ts';
import { scopeSql } from './scope.ts';
import { affected, all, audit, first, type Sql, type SqlStore } from './steps.ts';

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

/** The after-submission methods over `s`. */
export function sqlAfterSubmissionMethods(s: SqlStore): AfterSubmissionMethods {
  const { q } = s;
  const writes = sqlCaseWrites(s);

  function* documentOf(caseId: string, documentId: string): Sql<DocumentRecord> {
    const row = yield* first(documentQuery(q).where('d.id', '=', documentId).where('d.case_id', '=', caseId));
    if (!row) throw new NotFoundError('document', documentId, `Case "${caseId}" has no document with id "${documentId}".`);
    return documentFromRow(row);
  }

  /**
   * The case reference is `reference`, regardless of case: written as the unique index `cases_reference` is, so that
   * the lookup uses it (SQLite's index is on `reference COLLATE NOCASE`, PostgreSQL's on `lower(reference)`).
   */
  // The outbox sender's queries, prepared (compiled once, see `prepared.ts`): it marks every email it sends, one write
  // transaction each, and a write transaction holds the store's one writer (a re-determination job's chunks wait).
  const dueEmails = prepared((v: { now: string; limit: number }) =>
    q
      .selectFrom('outbox')
      .selectAll()
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', v.now)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', v.now)]))
      .orderBy('created_at')
      .orderBy('rowid')
      .limit(v.limit),
  );
  const claimEmail = prepared((v: { id: string; claimUntil: string }) =>
    q.updateTable('outbox').set({ claimed_until: v.claimUntil }).where('id', '=', v.id),
  );
  const markSent = prepared((v: { id: string; at: string }) =>
    q
      .updateTable('outbox')
      .set((eb) => ({ status: 'sent', sent_at: v.at, attempts: eb('attempts', '+', 1), claimed_until: null }))
      .where('id', '=', v.id)
      .where('status', '=', 'pending'),
  );
  const markFailed = prepared((v: { id: string; error: string; status: 'pending' | 'failed'; next: string | null }) =>
    q
      .updateTable('outbox')
      .set({
        attempts: sql`attempts + 1`,
        last_error: v.error,
        claimed_until: null,
        status: v.status,
        next_attempt_at: sql`COALESCE(${v.next}, next_attempt_at)`,
      })
      .where('id', '=', v.id)
      .where('status', '=', 'pending'),
  );

  const referenceIs = (reference: string) =>
    s.dialect === 'sqlite' ? sql<SqlBool>`reference = ${reference} COLLATE NOCASE` : sql<SqlBool>`lower(reference) = lower(${reference})`;

  return {
    allocateCaseReference: (programId, prefix, year) =>
      s.query(function* () {
        // Outside a write transaction, one statement that commits at once, so a submission that then fails skips the
        // number and references never repeat. On SQLite it has no fsync of its own (the connection commits with
        // `synchronous = NORMAL`): the submission that uses the number commits after it in the same WAL, and that
        // commit's fsync covers it; a crash before then may forget a number no case has (so references still never
        // repeat), and the submit path waits for one fsync. On PostgreSQL it runs outside the audit lock.
        const row = yield* first(
          q
            .insertInto('case_sequences')
            .values({ program_id: programId, year, last: 1 })
            .onConflict((oc) => oc.columns(['program_id', 'year']).doUpdateSet((eb) => ({ last: eb('case_sequences.last', '+', 1) })))
            .returning('last'),
        );
        return formatReference(prefix, year, row!.last);
      }),

    getCaseByReference: (reference, scope) =>
      s.query(function* () {
        const row = yield* first(
          q
            .selectFrom('cases')
            .selectAll()
            .where(referenceIs(reference.trim()))
            .where(scopeSql(scope, 'cases.program_id', 'cases.id')),
        );
        return row ? caseFromRow(row) : null;
      }),

    attachDocumentFile: (input) =>
      s.transaction(function* () {
        yield* documentOf(input.caseId, input.documentId);
        const at = s.now();
        const fileId = idOr(undefined);
        yield* affected(
          q.insertInto('document_files').values({
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
          }),
        );
        yield* affected(
          q
            .updateTable('documents')
            .set({ status: 'received', received_at: at, file_id: fileId, reviewed_at: null, reviewed_by: null, reason: null })
            .where('id', '=', input.documentId),
        );
        yield* audit(auditList(input.audit));
        return yield* documentOf(input.caseId, input.documentId);
      }),

    getDocumentFile: (caseId, documentId) =>
      s.query(function* () {
        const doc = yield* documentOf(caseId, documentId);
        if (!doc.file) return null;
        const row = yield* first(q.selectFrom('document_files').select('content').where('id', '=', doc.file.id));
        return row ? { info: doc.file, content: row.content } : null;
      }),

    reviewDocument: (input) =>
      s.transaction(function* () {
        const doc = yield* documentOf(input.caseId, input.documentId);
        const at = s.now();
        yield* affected(
          q
            .updateTable('documents')
            .set({
              status: input.status,
              reviewed_at: at,
              reviewed_by: input.reviewedBy,
              reason: input.reason,
              received_at: sql`COALESCE(received_at, ${at})`,
            })
            .where('id', '=', doc.id),
        );
        yield* audit(auditList(input.audit));
        return yield* documentOf(input.caseId, input.documentId);
      }),

    recordReminder: (input) =>
      s.transaction(function* () {
        const at = s.now();
        // Once per key, also across processes: the insert that finds the key taken writes nothing, and the write
        // transactions are serialised (SQLite's one writer, PostgreSQL's audit lock).
        const inserted = yield* affected(
          q
            .insertInto('reminders')
            .values({ key: input.key, case_id: input.caseId, sent_at: at })
            .onConflict((oc) => oc.column('key').doNothing()),
        );
        if (inserted === 0) return false;
        yield* writes.insertMessages(input.caseId, input.messages, at);
        yield* audit(auditList(input.audit));
        return true;
      }),

    enqueueEmail: (input) =>
      s.transaction(() =>
        writes.insertOutbox(
          { messageId: null, caseId: input.caseId ?? null, toAddress: input.toAddress, subject: input.subject, text: input.text },
          s.now(),
        ),
      ),

    claimOutbox: ({ now, claimUntil, limit }) =>
      s.transaction(function* () {
        // Exclusive across processes: the claim is one write transaction (serialised), which reads the due emails no
        // live claim holds and claims them before any other can read them.
        const rows = yield* all(dueEmails({ now, limit }));
        const ids = rows.map((r) => r.id);
        if (s.dialect === 'sqlite') {
          // No round trips on SQLite: the prepared one-row UPDATE for each (as its store always did).
          for (const id of ids) yield* affected(claimEmail({ id, claimUntil }));
        } else {
          // One UPDATE for the claim on PostgreSQL (each statement is a round trip under the audit lock).
          for (let i = 0; i < ids.length; i += MAX_PARAMETERS.postgres - 1)
            yield* affected(
              q
                .updateTable('outbox')
                .set({ claimed_until: claimUntil })
                .where('id', 'in', ids.slice(i, i + MAX_PARAMETERS.postgres - 1)),
            );
        }
        return rows.map((r) => ({ ...outboxFromRow(r), claimedUntil: claimUntil }));
      }),

    markOutboxSent: (id, at) =>
      s.transaction(function* () {
        return (yield* affected(markSent({ id, at }))) === 1;
      }),

    markOutboxAttemptFailed: async (id, error, nextAttemptAt) => {
      await s.transaction(() =>
        affected(markFailed({ id, error: error.slice(0, 1000), status: nextAttemptAt ? 'pending' : 'failed', next: nextAttemptAt ?? null })),
      );
    },

    listOutbox: (filter = {}) =>
      s.query(function* () {
        let select = q.selectFrom('outbox').selectAll();
        if (filter.caseId != null) select = select.where('case_id', '=', filter.caseId);
        if (filter.status != null) select = select.where('status', '=', filter.status);
        return (yield* all(select.orderBy('created_at').orderBy('rowid'))).map(outboxFromRow);
      }),
  };
}
