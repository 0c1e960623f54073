/**
 * The idempotent upserts of a case's dependent records (determinations, events, messages, documents), with the
 * records they produce, for the units of submission and transitions.
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
import { determinationToDoc, eventToDoc, nextOrdinal } from './docs.ts';
import type { Step } from './units.ts';

/** A record and the step that writes it. */
export interface Written<T> {
  record: T;
  step: Step;
}

/** A determination for `caseId`/`applicationId`; program, version and hash come from its result. */
export function determinationStep(input: NewDetermination, caseId: string | null, applicationId: string, at: string): Written<DeterminationRecord> {
  // The caller's result object is returned as is (the store keeps only its JSON text).
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
  return { record, step: { op: 'upsert', collection: 'determinations', doc: determinationToDoc(record) } };
}

/** A case event. */
export function eventStep(event: Omit<CaseEventRecord, 'id'>): Written<CaseEventRecord> {
  const record: CaseEventRecord = { id: idOr(undefined), ...event, actions: jsonCopy(event.actions) };
  return { record, step: { op: 'upsert', collection: 'case_events', doc: eventToDoc(record) } };
}

/** Recorded notifications; one with an `email` carries the step of its outbox document too (same unit). */
export function messageSteps(caseId: string, messages: NewMessage[], at: string): Written<MessageRecord>[] {
  return messages.flatMap((m) => {
    const record: MessageRecord = { id: idOr(undefined), caseId, to: m.to, text: m.text, at, subject: m.subject ?? null, notice: m.notice ?? null };
    const { id, ...rest } = record;
    const written: Written<MessageRecord>[] = [
      { record, step: { op: 'upsert', collection: 'messages', doc: { _id: id, ...rest, ord: nextOrdinal() } } },
    ];
    if (m.email) {
      const outbox = outboxRecord({ messageId: id, caseId, toAddress: m.email, subject: m.subject ?? m.text.slice(0, 80), text: m.text }, at);
      const { id: outboxId, ...fields } = outbox;
      written.push({ record, step: { op: 'upsert', collection: 'outbox', doc: { _id: outboxId, ...fields, ord: nextOrdinal() } } });
    }
    return written;
  });
}

/** A pending outbox email, due at `at`. */
export function outboxRecord(e: Pick<OutboxRecord, 'messageId' | 'caseId' | 'toAddress' | 'subject' | 'text'>, at: string): OutboxRecord {
  return {
    id: idOr(undefined),
    ...e,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: at,
    claimedUntil: null,
    lastError: null,
    createdAt: at,
    sentAt: null,
  };
}

/** Requested documents. */
export function documentSteps(caseId: string, requested: (string | RequestedDocument)[], at: string): Written<DocumentRecord>[] {
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
    const { id, ...rest } = record;
    return { record, step: { op: 'upsert', collection: 'documents', doc: { _id: id, ...rest, ord: nextOrdinal() } } };
  });
}
