/**
 * The idempotent upserts of a case's dependent records (determinations, events, messages, documents), with the
 * records they produce, for the units of submission and transitions.
 */
import { idOr, jsonCopy } from '../common.ts';
import type { CaseEventRecord, DeterminationRecord, DocumentRecord, MessageRecord, NewDetermination, NewMessage } from '../types.ts';
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

/** Recorded notifications. */
export function messageSteps(caseId: string, messages: NewMessage[], at: string): Written<MessageRecord>[] {
  return messages.map((m) => {
    const record: MessageRecord = { id: idOr(undefined), caseId, to: m.to, text: m.text, at };
    const { id, ...rest } = record;
    return { record, step: { op: 'upsert', collection: 'messages', doc: { _id: id, ...rest, ord: nextOrdinal() } } };
  });
}

/** Requested documents. */
export function documentSteps(caseId: string, names: string[], at: string): Written<DocumentRecord>[] {
  return names.map((name) => {
    const record: DocumentRecord = { id: idOr(undefined), caseId, name, status: 'requested', requestedAt: at, receivedAt: null };
    const { id, ...rest } = record;
    return { record, step: { op: 'upsert', collection: 'documents', doc: { _id: id, ...rest, ord: nextOrdinal() } } };
  });
}
