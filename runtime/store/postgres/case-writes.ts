/**
 * PostgreSQL inserts of a case's dependent records (determinations, events, messages, documents), used inside the
 * transactions of submission, transitions and re-determination chunks; the same records as SQLite's `case-writes.ts`.
 * Each record and its row are built by one function (`…Record`, `…Row`), so a caller can also put them into a larger
 * statement (the submission's `WITH`); the inserts are multi-row, one statement for many records.
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

/** PostgreSQL takes at most 65,535 parameters per statement: a bulk insert goes in slices below that. */
const MAX_PARAMETERS = 65_535;

/** Runs `insert` over `rows` in as few statements as the parameter limit allows (one for any usual chunk). */
async function insertInSlices<R extends object>(rows: R[], insert: (slice: R[]) => Promise<unknown>): Promise<void> {
  if (rows.length === 0) return;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / Object.keys(rows[0]).length));
  for (let i = 0; i < rows.length; i += perStatement) await insert(rows.slice(i, i + perStatement));
}

/** A determination to insert: program, version and hash come from its result. */
export interface DeterminationInsert {
  input: NewDetermination;
  caseId: string | null;
  applicationId: string;
}

/** A determination's record: program, version and hash come from its result, which is kept as it is. */
export function determinationRecord({ input, caseId, applicationId }: DeterminationInsert, at: string): DeterminationRecord {
  // The caller's result object is returned as is (the store keeps only its JSON text), as on SQLite.
  const result = input.result;
  return {
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
}

/** The `determinations` row of a record. */
export function determinationRow(record: DeterminationRecord) {
  return {
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
  };
}

/** Inserts a determination for `caseId`/`applicationId`; program, version and hash come from its result. */
export async function insertDetermination(
  trx: PgTrx,
  input: NewDetermination,
  caseId: string | null,
  applicationId: string,
  at: string,
): Promise<DeterminationRecord> {
  const [record] = await insertDeterminations(trx, [{ input, caseId, applicationId }], at);
  return record;
}

/** Inserts determinations in one multi-row INSERT (a re-determination chunk's), in the order given. */
export async function insertDeterminations(trx: PgTrx, items: readonly DeterminationInsert[], at: string): Promise<DeterminationRecord[]> {
  const records = items.map((item) => determinationRecord(item, at));
  await insertInSlices(records.map(determinationRow), (slice) => trx.insertInto('determinations').values(slice).execute());
  return records;
}

/** A case event's record. */
export function eventRecord(event: Omit<CaseEventRecord, 'id'>): CaseEventRecord {
  return { id: idOr(undefined), ...event, actions: jsonCopy(event.actions) };
}

/** The `case_events` row of a record. */
export function eventRow(record: CaseEventRecord) {
  return {
    id: record.id,
    case_id: record.caseId,
    at: record.at,
    actor_id: record.actorId,
    event: record.event,
    from_state: record.from,
    to_state: record.to,
    actions: JSON.stringify(record.actions),
    reason: record.reason,
  };
}

/** Inserts a case event. */
export async function insertEvent(trx: PgTrx, event: Omit<CaseEventRecord, 'id'>): Promise<CaseEventRecord> {
  const record = eventRecord(event);
  await trx.insertInto('case_events').values(eventRow(record)).execute();
  return record;
}

/** An email to add to the outbox. */
export interface OutboxInsert {
  messageId: string | null;
  caseId: string | null;
  toAddress: string;
  subject: string;
  text: string;
  /** The row's id; a random UUID unless told. */
  id?: string;
}

/**
 * The records of several cases' notifications, and of the outbox emails of those with an `email`. `newId` makes
 * their ids (random UUIDs unless told; `orderedId` for bulk writes).
 */
export function caseMessageRecords(
  items: readonly { caseId: string; messages: readonly NewMessage[] }[],
  at: string,
  newId: () => string = () => idOr(undefined),
): { messages: MessageRecord[]; emails: OutboxRecord[] } {
  const messages: MessageRecord[] = [];
  const emails: OutboxRecord[] = [];
  for (const { caseId, messages: sent } of items) {
    for (const m of sent) {
      const record: MessageRecord = { id: newId(), caseId, to: m.to, text: m.text, at, subject: m.subject ?? null, notice: m.notice ?? null };
      messages.push(record);
      if (m.email)
        emails.push(
          outboxRecord(
            { messageId: record.id, caseId, toAddress: m.email, subject: m.subject ?? m.text.slice(0, 80), text: m.text, id: newId() },
            at,
          ),
        );
    }
  }
  return { messages, emails };
}

/** The `messages` row of a record. */
export function messageRow(r: MessageRecord) {
  return { id: r.id, case_id: r.caseId, to: r.to, text: r.text, at: r.at, subject: r.subject, notice: r.notice };
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
  return insertCaseMessages(trx, [{ caseId, messages }], at, newId);
}

/**
 * Records the notifications of several cases (a re-determination chunk's) in one INSERT, and their emails in one
 * INSERT into the outbox; the records come back in the order given.
 */
export async function insertCaseMessages(
  trx: PgTrx,
  items: readonly { caseId: string; messages: readonly NewMessage[] }[],
  at: string,
  newId: () => string = () => idOr(undefined),
): Promise<MessageRecord[]> {
  const { messages, emails } = caseMessageRecords(items, at, newId);
  await insertInSlices(messages.map(messageRow), (slice) => trx.insertInto('messages').values(slice).execute());
  await insertInSlices(emails.map(outboxRow), (slice) => trx.insertInto('outbox').values(slice).execute());
  return messages;
}

/** A pending outbox email's record, due now. */
export function outboxRecord(e: OutboxInsert, at: string): OutboxRecord {
  return {
    id: idOr(e.id),
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
}

/** The `outbox` row of a pending email's record. */
export function outboxRow(record: OutboxRecord) {
  return {
    id: record.id,
    message_id: record.messageId,
    case_id: record.caseId,
    to_address: record.toAddress,
    subject: record.subject,
    text: record.text,
    status: 'pending' as const,
    attempts: 0,
    next_attempt_at: record.nextAttemptAt,
    created_at: record.createdAt,
  };
}

/** Adds a pending email to the outbox, due now. */
export async function insertOutbox(
  trx: PgTrx,
  e: { messageId: string | null; caseId: string | null; toAddress: string; subject: string; text: string },
  at: string,
  id?: string,
): Promise<OutboxRecord> {
  const record = outboxRecord({ ...e, id }, at);
  await trx.insertInto('outbox').values(outboxRow(record)).execute();
  return record;
}

/** Records requested documents for a case (by name, or by the program's document type), in one INSERT. */
export async function insertDocuments(trx: PgTrx, caseId: string, requested: (string | RequestedDocument)[], at: string): Promise<DocumentRecord[]> {
  const records = requested.map((r): DocumentRecord => {
    const { typeId, name, dueOn = null, note = null } = typeof r === 'string' ? { typeId: null, name: r } : r;
    return {
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
  });
  const rows = records.map((record) => ({
    id: record.id,
    case_id: caseId,
    name: record.name,
    type_id: record.typeId,
    status: record.status,
    requested_at: at,
    received_at: null,
    due_on: record.dueOn,
    note: record.note,
  }));
  await insertInSlices(rows, (slice) => trx.insertInto('documents').values(slice).execute());
  return records;
}
