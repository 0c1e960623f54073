/**
 * MongoDB document shapes and their conversion to store records.
 *
 * Free-form JSON (program documents, answers, determination results, audit details, actions, performedBy) is
 * stored as JSON TEXT, not as nested documents: program documents legitimately contain `$schema`/`$ref` keys and
 * answers may contain any key, and a string can never be read as an operator or mangled by key rules. Only typed
 * scalar fields are stored natively, which is what queries filter on.
 */
import type {
  ApplicationRecord,
  AuditEntry,
  CaseEventRecord,
  CaseRecord,
  DeterminationRecord,
  DocumentRecord,
  MessageRecord,
  NoteRecord,
  ProgramVersionRecord,
  SessionRecord,
  UserRecord,
} from '../types.ts';

/** Ordering key for records listed "oldest first" when timestamps tie: ms since epoch × 1000 + a counter. */
let ordinalCounter = 0;
/** A monotonically increasing number within this process, roughly ordered across processes. */
export function nextOrdinal(): number {
  ordinalCounter = (ordinalCounter + 1) % 1000;
  return Date.now() * 1000 + ordinalCounter;
}

export type UserDoc = Omit<UserRecord, 'id'> & { _id: string };
/** A user document as a record. */
export function userFromDoc(d: UserDoc): UserRecord {
  return { id: d._id, email: d.email, name: d.name, roles: [...d.roles], passwordHash: d.passwordHash, createdAt: d.createdAt, disabled: d.disabled };
}

export type SessionDoc = Omit<SessionRecord, 'id'> & { _id: string };
/** A session document as a record. */
export function sessionFromDoc(d: SessionDoc): SessionRecord {
  return { id: d._id, tokenHash: d.tokenHash, userId: d.userId, csrfToken: d.csrfToken, createdAt: d.createdAt, expiresAt: d.expiresAt };
}

/** Documents written before migration 002 lack `publicationRequest` and `selfPublished` (read as null and false). */
export type VersionDoc = Omit<ProgramVersionRecord, 'doc' | 'publicationRequest' | 'selfPublished'> & {
  _id: string;
  doc: string;
  publicationRequest?: ProgramVersionRecord['publicationRequest'];
  selfPublished?: boolean;
};
/** The `_id` of a program version document. */
export function versionId(programId: string, version: number): string {
  return `${programId}@${version}`;
}
/** A record as a program version document. */
export function versionToDoc(r: ProgramVersionRecord): VersionDoc {
  return { ...r, _id: versionId(r.programId, r.version), doc: JSON.stringify(r.doc) };
}
/** A program version document as a record. */
export function versionFromDoc(d: VersionDoc): ProgramVersionRecord {
  return {
    programId: d.programId,
    version: d.version,
    status: d.status,
    doc: JSON.parse(d.doc),
    hash: d.hash,
    effectiveFrom: d.effectiveFrom,
    title: d.title,
    changelog: d.changelog,
    inFlight: d.inFlight,
    revision: d.revision,
    createdBy: d.createdBy,
    createdAt: d.createdAt,
    publishedBy: d.publishedBy,
    publishedAt: d.publishedAt,
    publicationRequest: d.publicationRequest ?? null,
    selfPublished: d.selfPublished ?? false,
  };
}

export type ApplicationDoc = Omit<ApplicationRecord, 'id' | 'answers' | 'statusFactor'> & {
  _id: string;
  answers: string;
  /** JSON StatusFactor (issue 15). */
  statusFactor?: string | null;
  /** The unit (see `units.ts`) that last claimed this application. */
  _unit?: string;
  /** Set with the submission itself, so a retry learns the case id even before the case document is written. */
  _caseId?: string;
};
/** A record as an application document. */
export function applicationToDoc(r: ApplicationRecord): ApplicationDoc {
  const { id, answers, statusFactor, ...rest } = r;
  return { ...rest, _id: id, answers: JSON.stringify(answers), statusFactor: statusFactor ? JSON.stringify(statusFactor) : null };
}
/** An application document as a record. */
export function applicationFromDoc(d: ApplicationDoc): ApplicationRecord {
  return {
    id: d._id,
    programId: d.programId,
    version: d.version,
    resumeCodeHash: d.resumeCodeHash,
    answers: JSON.parse(d.answers),
    lang: d.lang,
    status: d.status,
    createdBy: d.createdBy,
    onBehalfOf: d.onBehalfOf,
    consent: d.consent ?? null,
    revision: d.revision,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    submittedAt: d.submittedAt,
    statusFactor: d.statusFactor ? JSON.parse(d.statusFactor) : null,
  };
}

export type CaseDoc = Omit<CaseRecord, 'id' | 'performedBy'> & {
  _id: string;
  performedBy: string;
  /** Lowercased label, for case-insensitive text search. */
  labelLower: string;
  _unit?: string;
};
/** A record as a case document. */
export function caseToDoc(r: CaseRecord): CaseDoc {
  const { id, performedBy, ...rest } = r;
  return { ...rest, _id: id, performedBy: JSON.stringify(performedBy), labelLower: r.label.toLowerCase() };
}
/** A case document as a record. */
export function caseFromDoc(d: CaseDoc): CaseRecord {
  return {
    id: d._id,
    applicationId: d.applicationId,
    programId: d.programId,
    version: d.version,
    hash: d.hash,
    state: d.state,
    assignee: d.assignee,
    performedBy: JSON.parse(d.performedBy),
    stateEnteredAt: d.stateEnteredAt,
    dueOn: d.dueOn,
    label: d.label,
    reference: d.reference ?? null,
    decision: d.decision ?? null,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    revision: d.revision,
  };
}

export type DeterminationDoc = Omit<DeterminationRecord, 'id' | 'result'> & { _id: string; result: string; ord: number };
/** A record as a determination document. */
export function determinationToDoc(r: DeterminationRecord): DeterminationDoc {
  const { id, result, ...rest } = r;
  return { ...rest, _id: id, result: JSON.stringify(result), ord: nextOrdinal() };
}
/** A determination document as a record. */
export function determinationFromDoc(d: DeterminationDoc): DeterminationRecord {
  return {
    id: d._id,
    caseId: d.caseId,
    applicationId: d.applicationId,
    programId: d.programId,
    version: d.version,
    hash: d.hash,
    asOf: d.asOf,
    kind: d.kind,
    applied: d.applied,
    result: JSON.parse(d.result),
    createdBy: d.createdBy,
    createdAt: d.createdAt,
  };
}

export type EventDoc = Omit<CaseEventRecord, 'id' | 'actions'> & { _id: string; actions: string; ord: number };
/** A record as a case event document. */
export function eventToDoc(r: CaseEventRecord): EventDoc {
  const { id, actions, ...rest } = r;
  return { ...rest, _id: id, actions: JSON.stringify(actions), ord: nextOrdinal() };
}
/** A case event document as a record. */
export function eventFromDoc(d: EventDoc): CaseEventRecord {
  return {
    id: d._id,
    caseId: d.caseId,
    at: d.at,
    actorId: d.actorId,
    event: d.event,
    from: d.from,
    to: d.to,
    actions: JSON.parse(d.actions),
    reason: d.reason ?? null,
  };
}

export type NoteDoc = Omit<NoteRecord, 'id'> & { _id: string; ord: number };
/** A note document as a record. */
export function noteFromDoc(d: NoteDoc): NoteRecord {
  return { id: d._id, caseId: d.caseId, at: d.at, authorId: d.authorId, text: d.text, visibility: d.visibility ?? 'organisation' };
}

export type DocumentDoc = Omit<DocumentRecord, 'id'> & { _id: string; ord: number };
/** A case document (paperwork) as a record. */
export function documentFromDoc(d: DocumentDoc): DocumentRecord {
  return {
    id: d._id,
    caseId: d.caseId,
    name: d.name,
    typeId: d.typeId ?? null,
    status: d.status,
    requestedAt: d.requestedAt,
    receivedAt: d.receivedAt,
    reviewedAt: d.reviewedAt ?? null,
    reviewedBy: d.reviewedBy ?? null,
    reason: d.reason ?? null,
    dueOn: d.dueOn ?? null,
    note: d.note ?? null,
    file: d.file ?? null,
  };
}

export type MessageDoc = Omit<MessageRecord, 'id'> & { _id: string; ord: number };
/** A message document as a record. */
export function messageFromDoc(d: MessageDoc): MessageRecord {
  return { id: d._id, caseId: d.caseId, to: d.to, text: d.text, at: d.at, subject: d.subject ?? null, notice: d.notice ?? null };
}

export type AuditDoc = Omit<AuditEntry, 'details'> & { _id: number; details: string; unit?: string };
/** An audit entry as a document (`unit` marks which atomic unit appended it, for idempotent replays). */
export function auditToDoc(e: AuditEntry, unit?: string): AuditDoc {
  return { ...e, _id: e.seq, details: JSON.stringify(e.details), ...(unit ? { unit } : {}) };
}
/** An audit document as an entry. */
export function auditFromDoc(d: AuditDoc): AuditEntry {
  return {
    seq: d.seq,
    at: d.at,
    actorId: d.actorId,
    action: d.action,
    entity: d.entity,
    entityId: d.entityId,
    details: JSON.parse(d.details),
    prevHash: d.prevHash,
    hash: d.hash,
    mac: d.mac ?? null,
  };
}
