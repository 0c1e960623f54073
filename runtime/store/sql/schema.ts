/**
 * The SQL stores' schema as Kysely table types: every table of `runtime/migrations/postgres/` and
 * `runtime/migrations/sqlite/` after the last migration (the two keep the same tables and columns). Column shapes
 * follow the rows the store maps (`runtime/store/rows.ts`): ISO timestamps and JSON documents as text (on PostgreSQL
 * `determinations.result` is jsonb, read back as its text), flags as boolean (SQLite keeps 0/1: the SQLite runner
 * binds `true`/`false` as 1/0), epoch milliseconds as bigint (read as numbers). `rowid` is the insertion-order column:
 * SQLite's implicit rowid, an identity column on PostgreSQL.
 */
import type { ColumnType, GeneratedAlways } from 'kysely';

/** The identity column that orders rows as SQLite's implicit rowid does. */
type RowId = GeneratedAlways<number>;
/** A column with a default: optional on insert. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  roles: string;
  password_hash: string;
  created_at: string;
  disabled: Defaulted<boolean>;
  rowid: RowId;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  rowid: RowId;
}

export interface ProgramVersionsTable {
  program_id: string;
  version: number;
  status: 'draft' | 'published';
  doc: string;
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
  self_published: Defaulted<boolean>;
  rowid: RowId;
}

export interface ApplicationsTable {
  id: string;
  program_id: string;
  version: number;
  resume_code_hash: string;
  answers: string;
  lang: string;
  status: 'draft' | 'submitted';
  created_by: string | null;
  on_behalf_of: string | null;
  revision: number;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  status_factor: string | null;
  consent: string | null;
  last_step: string | null;
  rowid: RowId;
}

export interface CasesTable {
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
  created_at: string;
  updated_at: string;
  revision: number;
  reference: string | null;
  decision: string | null;
  rowid: RowId;
}

export interface DeterminationsTable {
  id: string;
  case_id: string | null;
  application_id: string;
  program_id: string;
  version: number;
  hash: string;
  as_of: string;
  kind: 'initial' | 'redetermination' | 'dry-run';
  applied: boolean;
  /** jsonb; written as JSON text, read back as text (the pool's parser). */
  result: string;
  created_by: string | null;
  created_at: string;
  rowid: RowId;
}

export interface CaseEventsTable {
  id: string;
  case_id: string;
  at: string;
  actor_id: string | null;
  event: string;
  from_state: string | null;
  to_state: string;
  actions: string;
  reason: string | null;
  rowid: RowId;
}

export interface NotesTable {
  id: string;
  case_id: string;
  at: string;
  author_id: string;
  text: string;
  visibility: Defaulted<'organisation' | 'team' | 'person'>;
  rowid: RowId;
}

export interface DocumentsTable {
  id: string;
  case_id: string;
  name: string;
  type_id: string | null;
  status: 'requested' | 'received' | 'accepted' | 'rejected';
  requested_at: string;
  received_at: string | null;
  reviewed_at: string | null;
  reviewed_by: string | null;
  reason: string | null;
  file_id: string | null;
  due_on: string | null;
  note: string | null;
  rowid: RowId;
}

export interface DocumentFilesTable {
  id: string;
  case_id: string;
  document_id: string;
  name: string;
  media_type: string;
  size: number;
  sha256: string;
  content: Buffer;
  uploaded_by: string | null;
  uploaded_at: string;
  rowid: RowId;
}

export interface MessagesTable {
  id: string;
  case_id: string;
  to: string;
  text: string;
  at: string;
  subject: string | null;
  notice: string | null;
  rowid: RowId;
}

export interface AuditTable {
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

export interface AuditCheckpointTable {
  id: number;
  seq: number;
  hash: string;
  at: string;
  mac: string;
}

export interface SettingsTable {
  id: number;
  value: string;
  revision: number;
  updated_at: string;
  updated_by: string | null;
}

export interface OrganisationSettingsTable {
  organisation_id: string;
  value: string;
  revision: number;
  updated_at: string;
  updated_by: string | null;
}

export interface JobsTable {
  id: string;
  kind: 'redetermination';
  program_id: string;
  version: number;
  status: 'running' | 'done' | 'cancelled' | 'failed';
  cursor: string | null;
  counts: string;
  failures: string;
  trigger: 'on-demand' | 'publication' | 'schedule' | 'legacy';
  started_by: string | null;
  started_at: string;
  updated_at: string;
  finished_at: string | null;
  finished_by: string | null;
  error: string | null;
  rowid: RowId;
}

export interface CaseSequencesTable {
  program_id: string;
  year: number;
  last: number;
}

export interface OutboxTable {
  id: string;
  message_id: string | null;
  case_id: string | null;
  to_address: string;
  subject: string;
  text: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: Defaulted<number>;
  next_attempt_at: string;
  claimed_until: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  rowid: RowId;
}

export interface CorrectionsTable {
  id: string;
  case_id: string;
  application_id: string;
  at: string;
  author_id: string;
  note_id: string;
  changes: string;
  previous_answers: string;
  rowid: RowId;
}

export interface OrganisationsTable {
  id: string;
  name: string;
  created_at: string;
  rowid: RowId;
}

export interface OrganisationMembersTable {
  organisation_id: string;
  user_id: string;
  roles: string;
  rowid: RowId;
}

export interface ProgramsTable {
  id: string;
  organisation_id: Defaulted<string>;
  rowid: RowId;
}

export interface CaseTeamTable {
  case_id: string;
  user_id: string;
  role_label: string;
  added_by: string | null;
  added_at: string;
  rowid: RowId;
}

export interface SharingConsentsTable {
  id: string;
  source_application_id: string | null;
  program_id: string;
  created_at: string;
  doc: string;
  rowid: RowId;
}

export interface ReferralsTable {
  id: string;
  from_program_id: string | null;
  from_application_id: string | null;
  from_case_id: string | null;
  to_program_id: string;
  revision: number;
  created_at: string;
  follow_code_hash: string | null;
  doc: string;
  rowid: RowId;
}

export interface ProgramCapacityTable {
  program_id: string;
  doc: string;
  rowid: RowId;
}

export interface RemindersTable {
  key: string;
  case_id: string;
  sent_at: string;
  rowid: RowId;
}

export interface SharedCountersTable {
  key: string;
  window_start: number;
  hits: number;
  expires_at: number;
}

export interface SharedValuesTable {
  key: string;
  value: string;
  expires_at: number;
}

export interface LeasesTable {
  name: string;
  holder: string;
  until: number;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: string;
}

/** Every table of the PostgreSQL store, by name. */
export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  program_versions: ProgramVersionsTable;
  applications: ApplicationsTable;
  cases: CasesTable;
  determinations: DeterminationsTable;
  case_events: CaseEventsTable;
  notes: NotesTable;
  documents: DocumentsTable;
  document_files: DocumentFilesTable;
  messages: MessagesTable;
  audit: AuditTable;
  audit_checkpoint: AuditCheckpointTable;
  settings: SettingsTable;
  organisation_settings: OrganisationSettingsTable;
  jobs: JobsTable;
  case_sequences: CaseSequencesTable;
  outbox: OutboxTable;
  corrections: CorrectionsTable;
  organisations: OrganisationsTable;
  organisation_members: OrganisationMembersTable;
  programs: ProgramsTable;
  case_team: CaseTeamTable;
  sharing_consents: SharingConsentsTable;
  referrals: ReferralsTable;
  program_capacity: ProgramCapacityTable;
  reminders: RemindersTable;
  shared_counters: SharedCountersTable;
  shared_values: SharedValuesTable;
  leases: LeasesTable;
  schema_migrations: SchemaMigrationsTable;
}
