/**
 * SQLite inserts of a case's determinations, notices and outbox emails for the SQLite operations not yet shared
 * (`jobs.ts`, `after-submission.ts`); the records and rows are those of the shared `../sql/case-writes.ts`, which the
 * shared operations use.
 */
import type { DeterminationRecord, MessageRecord, NewDetermination, NewMessage, OutboxRecord } from '../types.ts';
import {
  caseMessageRecords,
  determinationRecord,
  determinationRow,
  messageRow,
  type OutboxInsert,
  outboxRecord,
  outboxRow,
} from '../sql/case-writes.ts';
import type { SqliteDb } from './db.ts';

/** Inserts a determination for `caseId`/`applicationId`; program, version and hash come from its result. */
export function insertDetermination(
  db: SqliteDb,
  input: NewDetermination,
  caseId: string | null,
  applicationId: string,
  at: string,
): DeterminationRecord {
  const record = determinationRecord({ input, caseId, applicationId }, at);
  const r = determinationRow(record);
  db.run(
    `INSERT INTO determinations (id, case_id, application_id, program_id, version, hash, as_of, kind, applied, result,
     created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    r.id,
    r.case_id,
    r.application_id,
    r.program_id,
    r.version,
    r.hash,
    r.as_of,
    r.kind,
    r.applied ? 1 : 0,
    r.result,
    r.created_by,
    r.created_at,
  );
  return record;
}

/**
 * Records notifications for a case; those with an `email` also go to the outbox, in the same transaction. `newId`
 * makes the rows' ids (random UUIDs unless told; `orderedId` for bulk writes).
 */
export function insertMessages(db: SqliteDb, caseId: string, messages: NewMessage[], at: string, newId?: () => string): MessageRecord[] {
  const records = caseMessageRecords([{ caseId, messages }], at, newId);
  for (const m of records.messages.map(messageRow))
    db.run(
      'INSERT INTO messages (id, case_id, "to", text, at, subject, notice) VALUES (?, ?, ?, ?, ?, ?, ?)',
      m.id,
      m.case_id,
      m.to,
      m.text,
      m.at,
      m.subject,
      m.notice,
    );
  for (const email of records.emails) writeOutbox(db, email);
  return records.messages;
}

/** Adds a pending email to the outbox, due now. */
export function insertOutbox(db: SqliteDb, e: Omit<OutboxInsert, 'id'>, at: string, id?: string): OutboxRecord {
  const record = outboxRecord({ ...e, id }, at);
  writeOutbox(db, record);
  return record;
}

/** Inserts the `outbox` row of a pending email's record. */
function writeOutbox(db: SqliteDb, record: OutboxRecord): void {
  const r = outboxRow(record);
  db.run(
    `INSERT INTO outbox (id, message_id, case_id, to_address, subject, text, status, attempts, next_attempt_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    r.id,
    r.message_id,
    r.case_id,
    r.to_address,
    r.subject,
    r.text,
    r.status,
    r.attempts,
    r.next_attempt_at,
    r.created_at,
  );
}
