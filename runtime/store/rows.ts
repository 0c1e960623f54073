/**
 * The row shapes of the SQL stores (SQLite and PostgreSQL share them) and their conversion to store records:
 * snake_case columns, JSON as text, flags as 0/1 (SQLite) or true/false (PostgreSQL).
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
} from './types.ts';

/** A boolean column: SQLite stores 0/1, PostgreSQL `boolean`. */
export type Flag = number | boolean;

/** A flag column's value as a boolean. */
export function flag(value: Flag): boolean {
  return value === true || value === 1;
}

export interface UserRow {
  id: string;
  email: string;
  name: string;
  roles: string;
  password_hash: string;
  created_at: string;
  disabled: Flag;
}
/** A user row as a record. */
export function userFromRow(r: UserRow): UserRecord {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    roles: JSON.parse(r.roles),
    passwordHash: r.password_hash,
    createdAt: r.created_at,
    disabled: flag(r.disabled),
  };
}

export interface SessionRow {
  id: string;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}
/** A session row as a record. */
export function sessionFromRow(r: SessionRow): SessionRecord {
  return {
    id: r.id,
    tokenHash: r.token_hash,
    userId: r.user_id,
    csrfToken: r.csrf_token,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
  };
}

export interface VersionRow {
  /** Null when read with the light column list (a published version's document comes from the cache). */
  program_id: string;
  version: number;
  status: 'draft' | 'published';
  doc: string | null;
  hash: string;
  effective_from: string;
  title: string;
  changelog: string;
  in_flight: 'reevaluate' | 'keep';
  revision: number;
  created_by: string | null;
  created_at: string;
  published_by: string | null;
  published_at: string | null;
  publication_request: string | null;
  self_published: Flag;
}
/** A program version row as a record. */
export function versionFromRow(r: VersionRow): ProgramVersionRecord {
  return {
    programId: r.program_id,
    version: r.version,
    status: r.status,
    doc: JSON.parse(r.doc ?? 'null'),
    hash: r.hash,
    effectiveFrom: r.effective_from,
    title: r.title,
    changelog: r.changelog,
    inFlight: r.in_flight,
    revision: r.revision,
    createdBy: r.created_by,
    createdAt: r.created_at,
    publishedBy: r.published_by,
    publishedAt: r.published_at,
    publicationRequest: r.publication_request ? JSON.parse(r.publication_request) : null,
    selfPublished: flag(r.self_published),
  };
}

export interface ApplicationRow {
  id: string;
  program_id: string;
  version: number;
  resume_code_hash: string;
  answers: string;
  lang: string;
  status: 'draft' | 'submitted';
  created_by: string | null;
  on_behalf_of: string | null;
  /** Since migration 007: JSON ConsentRecord. */
  consent: string | null;
  revision: number;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  status_factor: string | null;
}
/** An application row as a record. */
export function applicationFromRow(r: ApplicationRow): ApplicationRecord {
  return {
    id: r.id,
    programId: r.program_id,
    version: r.version,
    resumeCodeHash: r.resume_code_hash,
    answers: JSON.parse(r.answers),
    lang: r.lang,
    status: r.status,
    createdBy: r.created_by,
    onBehalfOf: r.on_behalf_of,
    consent: r.consent ? JSON.parse(r.consent) : null,
    revision: r.revision,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    submittedAt: r.submitted_at,
    statusFactor: r.status_factor ? JSON.parse(r.status_factor) : null,
  };
}

export interface CaseRow {
  id: string;
  application_id: string;
  program_id: string;
  version: number;
  hash: string;
  state: string;
  assignee: string | null;
  performed_by: string;
  state_entered_at: string;
  due_on: string | null;
  label: string;
  reference: string | null;
  /** Since migration 007: JSON CaseDecision. */
  decision: string | null;
  created_at: string;
  updated_at: string;
  revision: number;
}
/** A case row as a record. */
export function caseFromRow(r: CaseRow): CaseRecord {
  return {
    id: r.id,
    applicationId: r.application_id,
    programId: r.program_id,
    version: r.version,
    hash: r.hash,
    state: r.state,
    assignee: r.assignee,
    performedBy: JSON.parse(r.performed_by),
    stateEnteredAt: r.state_entered_at,
    dueOn: r.due_on,
    label: r.label,
    reference: r.reference ?? null,
    decision: r.decision ? JSON.parse(r.decision) : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    revision: r.revision,
  };
}

export interface DeterminationRow {
  id: string;
  case_id: string | null;
  application_id: string;
  program_id: string;
  version: number;
  hash: string;
  as_of: string;
  kind: DeterminationRecord['kind'];
  applied: Flag;
  result: string;
  created_by: string | null;
  created_at: string;
}
/** A determination row as a record. */
export function determinationFromRow(r: DeterminationRow): DeterminationRecord {
  return {
    id: r.id,
    caseId: r.case_id,
    applicationId: r.application_id,
    programId: r.program_id,
    version: r.version,
    hash: r.hash,
    asOf: r.as_of,
    kind: r.kind,
    applied: flag(r.applied),
    result: JSON.parse(r.result),
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

export interface EventRow {
  id: string;
  case_id: string;
  at: string;
  actor_id: string | null;
  event: string;
  from_state: string | null;
  to_state: string;
  actions: string;
  /** Since migration 007. */
  reason: string | null;
}
/** A case event row as a record. */
export function eventFromRow(r: EventRow): CaseEventRecord {
  return {
    id: r.id,
    caseId: r.case_id,
    at: r.at,
    actorId: r.actor_id,
    event: r.event,
    from: r.from_state,
    to: r.to_state,
    actions: JSON.parse(r.actions),
    reason: r.reason ?? null,
  };
}

export interface NoteRow {
  id: string;
  case_id: string;
  at: string;
  author_id: string;
  text: string;
  visibility: NoteRecord['visibility'];
}
/** A note row as a record. */
export function noteFromRow(r: NoteRow): NoteRecord {
  return { id: r.id, caseId: r.case_id, at: r.at, authorId: r.author_id, text: r.text, visibility: r.visibility };
}

export interface DocumentRow {
  id: string;
  case_id: string;
  name: string;
  type_id: string | null;
  status: DocumentRecord['status'];
  requested_at: string;
  received_at: string | null;
  reviewed_at: string | null;
  reviewed_by: string | null;
  reason: string | null;
  due_on?: string | null;
  note?: string | null;
  file_id: string | null;
  /** From the joined file row (`documentQuery` of sql/cases.ts). */
  file_name?: string | null;
  file_media_type?: string | null;
  file_size?: number | null;
  file_sha256?: string | null;
  file_uploaded_at?: string | null;
  file_uploaded_by?: string | null;
}

/** A document row as a record. */
export function documentFromRow(r: DocumentRow): DocumentRecord {
  return {
    id: r.id,
    caseId: r.case_id,
    name: r.name,
    typeId: r.type_id ?? null,
    status: r.status,
    requestedAt: r.requested_at,
    receivedAt: r.received_at,
    reviewedAt: r.reviewed_at ?? null,
    reviewedBy: r.reviewed_by ?? null,
    reason: r.reason ?? null,
    dueOn: r.due_on ?? null,
    note: r.note ?? null,
    file:
      r.file_id && r.file_name
        ? {
            id: r.file_id,
            name: r.file_name,
            mediaType: r.file_media_type ?? 'application/octet-stream',
            size: r.file_size ?? 0,
            sha256: r.file_sha256 ?? '',
            uploadedAt: r.file_uploaded_at ?? '',
            uploadedBy: r.file_uploaded_by ?? null,
          }
        : null,
  };
}

export interface MessageRow {
  id: string;
  case_id: string;
  to: string;
  text: string;
  at: string;
  subject: string | null;
  notice: string | null;
}
/** A message row as a record. */
export function messageFromRow(r: MessageRow): MessageRecord {
  return { id: r.id, caseId: r.case_id, to: r.to, text: r.text, at: r.at, subject: r.subject ?? null, notice: r.notice ?? null };
}

export interface AuditRow {
  seq: number;
  at: string;
  actor_id: string | null;
  action: string;
  entity: string;
  entity_id: string;
  details: string;
  prev_hash: string;
  hash: string;
  mac: string | null;
}
/** An audit row as an entry. */
export function auditFromRow(r: AuditRow): AuditEntry {
  return {
    seq: r.seq,
    at: r.at,
    actorId: r.actor_id,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    details: JSON.parse(r.details),
    prevHash: r.prev_hash,
    hash: r.hash,
    mac: r.mac ?? null,
  };
}
