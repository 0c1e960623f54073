/**
 * Inserts of a case's dependent records (determinations, events, messages, documents), used inside the
 * transactions of submission and transitions.
 */
import { idOr, jsonCopy } from '../common.ts';
import type { CaseEventRecord, DeterminationRecord, DocumentRecord, MessageRecord, NewDetermination, NewMessage } from '../types.ts';
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

/** Records notifications for a case. */
export function insertMessages(db: SqliteDb, caseId: string, messages: NewMessage[], at: string): MessageRecord[] {
  return messages.map((m) => {
    const record: MessageRecord = { id: idOr(undefined), caseId, to: m.to, text: m.text, at };
    db.run('INSERT INTO messages (id, case_id, "to", text, at) VALUES (?, ?, ?, ?, ?)', record.id, caseId, m.to, m.text, at);
    return record;
  });
}

/** Records requested documents for a case. */
export function insertDocuments(db: SqliteDb, caseId: string, names: string[], at: string): DocumentRecord[] {
  return names.map((name) => {
    const record: DocumentRecord = { id: idOr(undefined), caseId, name, status: 'requested', requestedAt: at, receivedAt: null };
    db.run(
      'INSERT INTO documents (id, case_id, name, status, requested_at, received_at) VALUES (?, ?, ?, ?, ?, ?)',
      record.id,
      caseId,
      name,
      record.status,
      at,
      null,
    );
    return record;
  });
}
