/**
 * Inserts of a case's dependent records (determinations, events, messages, documents), used inside the
 * transactions of submission and transitions.
 */
import { randomBytes, randomFillSync } from 'node:crypto';
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
import type { SqliteDb } from './db.ts';

/** Inserts a determination for `caseId`/`applicationId`; program, version and hash come from its result. */
export function insertDetermination(
  db: SqliteDb,
  input: NewDetermination,
  caseId: string | null,
  applicationId: string,
  at: string,
): DeterminationRecord {
  // The caller's result object is returned as is (the store keeps only its JSON text): the trace is large, and
  // copying it cost as much as storing it.
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
  db.run(
    `INSERT INTO determinations (id, case_id, application_id, program_id, version, hash, as_of, kind, applied, result,
     created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    record.id,
    record.caseId,
    record.applicationId,
    record.programId,
    record.version,
    record.hash,
    record.asOf,
    record.kind,
    record.applied ? 1 : 0,
    JSON.stringify(record.result),
    record.createdBy,
    record.createdAt,
  );
  return record;
}

/** Inserts a case event. */
export function insertEvent(db: SqliteDb, event: Omit<CaseEventRecord, 'id'>): CaseEventRecord {
  const record: CaseEventRecord = { id: idOr(undefined), ...event, actions: jsonCopy(event.actions) };
  db.run(
    'INSERT INTO case_events (id, case_id, at, actor_id, event, from_state, to_state, actions, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    record.id,
    record.caseId,
    record.at,
    record.actorId,
    record.event,
    record.from,
    record.to,
    JSON.stringify(record.actions),
    record.reason,
  );
  return record;
}

/**
 * A fresh time-ordered id (UUID version 7: 48 bits of milliseconds, then a counter and random bits). Rows written in
 * bulk with these ids (a re-determination chunk's determinations, notices and emails) land at the end of their
 * primary key's index instead of each on a random page of it, so a chunk's commit writes a few pages there, not one
 * per row.
 */
export function orderedId(): string {
  const ms = Date.now();
  if (ms > lastMs) {
    lastMs = ms;
    sequence = randomBytes(2).readUInt16BE(0) & 0x7ff;
  } else if (++sequence > 0xfff) {
    // More than 2,048 ids in one millisecond: borrow the next one (ids stay ordered and unique).
    lastMs++;
    sequence = 0;
  }
  const hex = lastMs.toString(16).padStart(12, '0');
  const tail = randomHex8();
  const variant = ((Number.parseInt(tail[0], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${sequence.toString(16).padStart(3, '0')}-${variant}${tail.slice(1, 4)}-${tail.slice(4, 16)}`;
}
let lastMs = 0;
let sequence = 0;

/** Random bytes drawn ahead, 8 at a time (a bulk write makes thousands of ids; one call into OpenSSL each cost more). */
const randomPool = Buffer.alloc(8 * 512);
let poolOffset = randomPool.length;

/** 8 random bytes as 16 hex digits. */
function randomHex8(): string {
  if (poolOffset === randomPool.length) {
    randomFillSync(randomPool);
    poolOffset = 0;
  }
  poolOffset += 8;
  return randomPool.toString('hex', poolOffset - 8, poolOffset);
}

/**
 * Records notifications for a case; those with an `email` also go to the outbox, in the same transaction. `newId`
 * makes the rows' ids (random UUIDs unless told; `orderedId` for bulk writes).
 */
export function insertMessages(
  db: SqliteDb,
  caseId: string,
  messages: NewMessage[],
  at: string,
  newId: () => string = () => idOr(undefined),
): MessageRecord[] {
  return messages.map((m) => {
    const record: MessageRecord = { id: newId(), caseId, to: m.to, text: m.text, at, subject: m.subject ?? null, notice: m.notice ?? null };
    db.run(
      'INSERT INTO messages (id, case_id, "to", text, at, subject, notice) VALUES (?, ?, ?, ?, ?, ?, ?)',
      record.id,
      caseId,
      m.to,
      m.text,
      at,
      record.subject,
      record.notice,
    );
    if (m.email)
      insertOutbox(db, { messageId: record.id, caseId, toAddress: m.email, subject: m.subject ?? m.text.slice(0, 80), text: m.text }, at, newId());
    return record;
  });
}

/** Adds a pending email to the outbox, due now. */
export function insertOutbox(
  db: SqliteDb,
  e: { messageId: string | null; caseId: string | null; toAddress: string; subject: string; text: string },
  at: string,
  id?: string,
): OutboxRecord {
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
  db.run(
    `INSERT INTO outbox (id, message_id, case_id, to_address, subject, text, status, attempts, next_attempt_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
    record.id,
    record.messageId,
    record.caseId,
    record.toAddress,
    record.subject,
    record.text,
    at,
    at,
  );
  return record;
}

/** Records requested documents for a case (by name, or by the program's document type). */
export function insertDocuments(db: SqliteDb, caseId: string, requested: (string | RequestedDocument)[], at: string): DocumentRecord[] {
  return requested.map((r) => {
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
    db.run(
      'INSERT INTO documents (id, case_id, name, type_id, status, requested_at, received_at, due_on, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      record.id,
      caseId,
      name,
      typeId,
      record.status,
      at,
      null,
      dueOn,
      note,
    );
    return record;
  });
}
