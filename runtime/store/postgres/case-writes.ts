/**
 * PostgreSQL inserts of a case's dependent records (determinations, events, messages, documents), used inside the
 * transactions of submission and transitions; the same records as SQLite's `case-writes.ts`.
 */
import { idOr, jsonCopy } from '../common.ts';
import type {
  CaseEventRecord,
  DeterminationRecord,
  DocumentRecord,
  MessageRecord,
  NewDetermination,
  NewMessage,
  OutboxRecord,
  RequestedDocument,
} from '../types.ts';
import type { PgTrx } from './db.ts';

export { orderedId } from '../sqlite/case-writes.ts';

/** Inserts a determination for `caseId`/`applicationId`; program, version and hash come from its result. */
export async function insertDetermination(
  trx: PgTrx,
  input: NewDetermination,
  caseId: string | null,
  applicationId: string,
  at: string,
): Promise<DeterminationRecord> {
  // The caller's result object is returned as is (the store keeps only its JSON text), as on SQLite.
  const result = input.result;
  const record: DeterminationRecord = {
    id: idOr(input.id),
    caseId,
    applicationId,
    programId: result.programId,
    version: result.version,
    hash: result.hash,
    asOf: input.asOf,
    kind: input.kind,
    applied: input.applied,
    result,
    createdBy: input.createdBy,
    createdAt: at,
  };
  await trx
    .insertInto('determinations')
    .values({
      id: record.id,
      case_id: record.caseId,
      application_id: record.applicationId,
      program_id: record.programId,
      version: record.version,
      hash: record.hash,
      as_of: record.asOf,
      kind: record.kind,
      applied: record.applied,
      result: JSON.stringify(record.result),
      created_by: record.createdBy,
      created_at: record.createdAt,
    })
    .execute();
  return record;
}

/** Inserts a case event. */
export async function insertEvent(trx: PgTrx, event: Omit<CaseEventRecord, 'id'>): Promise<CaseEventRecord> {
  const record: CaseEventRecord = { id: idOr(undefined), ...event, actions: jsonCopy(event.actions) };
  await trx
    .insertInto('case_events')
    .values({
      id: record.id,
      case_id: record.caseId,
      at: record.at,
      actor_id: record.actorId,
      event: record.event,
      from_state: record.from,
      to_state: record.to,
      actions: JSON.stringify(record.actions),
      reason: record.reason,
    })
    .execute();
  return record;
}

/**
 * Records notifications for a case; those with an `email` also go to the outbox, in the same transaction. `newId`
 * makes the rows' ids (random UUIDs unless told; `orderedId` for bulk writes).
 */
export async function insertMessages(
  trx: PgTrx,
  caseId: string,
  messages: NewMessage[],
  at: string,
  newId: () => string = () => idOr(undefined),
): Promise<MessageRecord[]> {
  const records: MessageRecord[] = [];
  for (const m of messages) {
    const record: MessageRecord = { id: newId(), caseId, to: m.to, text: m.text, at, subject: m.subject ?? null, notice: m.notice ?? null };
    await trx
      .insertInto('messages')
      .values({ id: record.id, case_id: caseId, to: m.to, text: m.text, at, subject: record.subject, notice: record.notice })
      .execute();
    if (m.email)
      await insertOutbox(
        trx,
        { messageId: record.id, caseId, toAddress: m.email, subject: m.subject ?? m.text.slice(0, 80), text: m.text },
        at,
        newId(),
      );
    records.push(record);
  }
  return records;
}

/** Adds a pending email to the outbox, due now. */
export async function insertOutbox(
  trx: PgTrx,
  e: { messageId: string | null; caseId: string | null; toAddress: string; subject: string; text: string },
  at: string,
  id?: string,
): Promise<OutboxRecord> {
  const record: OutboxRecord = {
    id: idOr(id),
    messageId: e.messageId,
    caseId: e.caseId,
    toAddress: e.toAddress,
    subject: e.subject,
    text: e.text,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: at,
    claimedUntil: null,
    lastError: null,
    createdAt: at,
    sentAt: null,
  };
  await trx
    .insertInto('outbox')
    .values({
      id: record.id,
      message_id: record.messageId,
      case_id: record.caseId,
      to_address: record.toAddress,
      subject: record.subject,
      text: record.text,
      status: 'pending',
      attempts: 0,
      next_attempt_at: at,
      created_at: at,
    })
    .execute();
  return record;
}

/** Records requested documents for a case (by name, or by the program's document type). */
export async function insertDocuments(trx: PgTrx, caseId: string, requested: (string | RequestedDocument)[], at: string): Promise<DocumentRecord[]> {
  const records: DocumentRecord[] = [];
  for (const r of requested) {
    const { typeId, name, dueOn = null, note = null } = typeof r === 'string' ? { typeId: null, name: r } : r;
    const record: DocumentRecord = {
      id: idOr(undefined),
      caseId,
      name,
      typeId,
      status: 'requested',
      requestedAt: at,
      receivedAt: null,
      reviewedAt: null,
      reviewedBy: null,
      reason: null,
      dueOn,
      note,
      file: null,
    };
    await trx
      .insertInto('documents')
      .values({
        id: record.id,
        case_id: caseId,
        name,
        type_id: typeId,
        status: record.status,
        requested_at: at,
        received_at: null,
        due_on: dueOn,
        note,
      })
      .execute();
    records.push(record);
  }
  return records;
}
