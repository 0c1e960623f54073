/**
 * PostgreSQL inserts of a case's determinations, notices and outbox emails for the PostgreSQL operations not yet
 * shared (`jobs.ts`, `after-submission.ts`): multi-row, one statement for many records; the records and rows are those
 * of the shared `../sql/case-writes.ts`, which the shared operations use.
 */
import { idOr } from '../common.ts';
import type { DeterminationRecord, MessageRecord, NewMessage, OutboxRecord } from '../types.ts';
import {
  caseMessageRecords,
  type DeterminationInsert,
  determinationRecord,
  determinationRow,
  MAX_PARAMETERS,
  messageRow,
  type OutboxInsert,
  outboxRecord,
  outboxRow,
} from '../sql/case-writes.ts';
import type { PgTrx } from './db.ts';

export type { DeterminationInsert } from '../sql/case-writes.ts';

/** Runs `insert` over `rows` in as few statements as the parameter limit allows (one for any usual chunk). */
async function insertInSlices<R extends object>(rows: R[], insert: (slice: R[]) => Promise<unknown>): Promise<void> {
  if (rows.length === 0) return;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS.postgres / Object.keys(rows[0]).length));
  for (let i = 0; i < rows.length; i += perStatement) await insert(rows.slice(i, i + perStatement));
}

/** Inserts determinations in one multi-row INSERT (a re-determination chunk's), in the order given. */
export async function insertDeterminations(trx: PgTrx, items: readonly DeterminationInsert[], at: string): Promise<DeterminationRecord[]> {
  const records = items.map((item) => determinationRecord(item, at));
  await insertInSlices(records.map(determinationRow), (slice) => trx.insertInto('determinations').values(slice).execute());
  return records;
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

/** Adds a pending email to the outbox, due now. */
export async function insertOutbox(trx: PgTrx, e: Omit<OutboxInsert, 'id'>, at: string, id?: string): Promise<OutboxRecord> {
  const record = outboxRecord({ ...e, id }, at);
  await trx.insertInto('outbox').values(outboxRow(record)).execute();
  return record;
}
