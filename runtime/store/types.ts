/**
 * The storage contract of the Mandate runtime: typed records for every entity and the `Store` interface that the
 * SQLite (`sqlite-store.ts`) and MongoDB (`mongo-store.ts`) implementations both fulfil. The same contract suite
 * (`tests/runtime/contract/store-contract.ts`) runs against both.
 *
 * Conventions every method follows:
 * - Times are ISO 8601 strings (`new Date().toISOString()`); calendar dates (`IsoDate`) are `YYYY-MM-DD`.
 * - Ids are strings. Create methods accept an optional `id` (the service may choose one, which makes retries
 *   idempotent); when absent the store generates a random UUID.
 * - `createdAt`/`updatedAt`/`at` default to the store's clock (`StoreConfig.now`) unless the input gives `at`.
 * - `get…` returns `null` when nothing matches; methods that change an existing record throw `NotFoundError`.
 * - Optimistic concurrency: records with a `revision` start at 1 and gain 1 on every change; a write given an
 *   `expectedRevision` that differs throws `ConflictError('stale-revision', …, { currentRevision })`.
 * - Every state-changing method takes `audit` entries that are appended to the hash-chained audit log in the same
 *   atomic unit as the change (SQLite transaction; MongoDB transaction on a replica set, else ordered writes).
 * - Returned records are fresh copies: mutating them never changes the store. One exception, for speed: the `doc`
 *   of a PUBLISHED program version is immutable, so it is shared between reads and deeply frozen (mutating it
 *   throws). Copy it (`structuredClone`) before changing it.
 */
import type { ReferralStore } from './referral-types.ts';
import type { Determination, Eligibility, IsoDate, Program, Role, RuleOutcome, WorkflowAction } from '../../engine/index.ts';

// ---------------------------------------------------------------------------------------------------------------
// Records

/** A person who signs in (staff, intermediaries, administrators). Applicants need no account. */
export interface UserRecord {
  id: string;
  /** Unique, stored lowercased; lookups are case-insensitive. */
  email: string;
  name: string;
  roles: Role[];
  /** `scrypt$<saltHex>$<hashHex>` or whatever the auth service writes; the store never reads it. */
  passwordHash: string;
  createdAt: string;
  disabled: boolean;
}

/** A signed-in session. Only the sha256 of the token is stored. */
export interface SessionRecord {
  id: string;
  tokenHash: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

/** One version of a program: a mutable draft (at most one per program) or a frozen published version. */
export interface ProgramVersionRecord {
  programId: string;
  version: number;
  status: 'draft' | 'published';
  doc: Program;
  /** `contentHash(doc)` from the engine. */
  hash: string;
  effectiveFrom: IsoDate;
  title: string;
  changelog: string;
  inFlight: 'reevaluate' | 'keep';
  /** Drafts: optimistic concurrency counter. Published versions keep the revision they were published at. */
  revision: number;
  createdBy: string | null;
  createdAt: string;
  publishedBy: string | null;
  publishedAt: string | null;
  /** The pending request to publish this draft (maker-checker); on a published version, the request it was published on. */
  publicationRequest: PublicationRequest | null;
  /** Published by the person who made the request, with maker-checker switched off in the settings. */
  selfPublished: boolean;
}

/** An analyst's request that an administrator publish the draft at `revision` on these terms. */
export interface PublicationRequest {
  requestedBy: string;
  requestedAt: string;
  /** The draft revision the request is for; a draft saved since then cannot be published on it. */
  revision: number;
  changelog: string;
  effectiveFrom: IsoDate;
  inFlight: 'reevaluate' | 'keep';
}

/** The organisation's settings. */
export interface OrganisationSettings {
  /** Publishing needs a second person (the requester may not publish). Default true. */
  makerChecker: boolean;
  /** The columns of the program dashboard's CSV export, chosen by an administrator (services/dashboard.ts); absent: the defaults. */
  exportColumns?: string[];
  /** Days without a change after which an open referral is flagged stale (issue 16); absent: 14. */
  referralStaleDays?: number;
}

/**
 * The stored settings of one organisation with their optimistic revision (0 while never saved). The installation's
 * settings are the `default` organisation's; another organisation that never saved its own gets them (`inherited`).
 */
export interface SettingsRecord extends OrganisationSettings {
  /** Whose settings these are (`default`: the installation's). */
  organisationId: string;
  /** True when the organisation has no settings of its own and these are the installation's. */
  inherited: boolean;
  revision: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** An application for one program; `answers` grow with each save until it is submitted. */
export interface ApplicationRecord {
  id: string;
  programId: string;
  /** The program version the application was started under. */
  version: number;
  /** sha256 of the applicant's resume code. */
  resumeCodeHash: string;
  answers: Record<string, unknown>;
  lang: string;
  status: 'draft' | 'submitted';
  /** The signed-in user who created it (an intermediary), or null for an anonymous applicant. */
  createdBy: string | null;
  /** Free text naming the person an intermediary applies for. */
  onBehalfOf: string | null;
  /** The client's consent an intermediary recorded when starting on their behalf; null for an applicant's own. */
  consent: ConsentRecord | null;
  revision: number;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  /** How the applicant proves it is them on the status page, besides the resume code (chosen at submission). */
  statusFactor: StatusFactor | null;
}

/**
 * The second factor of the status page: the sha256 of the date of birth the applicant gave (salted with the
 * application id), or a code sent to the email address the answers hold.
 */
export type StatusFactor = { kind: 'date-of-birth'; hash: string } | { kind: 'email'; email: string };

/**
 * The consent of the person an intermediary applies for: what they agreed to (the statement, word for word, in the
 * language it was shown in), when, and how (the intermediary confirmed a checkbox statement on the client's behalf).
 */
export interface ConsentRecord {
  /** The statement the intermediary confirmed, as shown. */
  statement: string;
  /** The language the statement was shown in. */
  lang: string;
  /** How consent was given: `checkbox` (the intermediary ticked the statement after the client agreed). */
  method: 'checkbox';
  /** The intermediary (user id) who confirmed it. */
  confirmedBy: string;
  confirmedAt: string;
}

/**
 * The latest decision taken on a case with a reason (a denial, a closure): the event, the reason chosen from the
 * program's `workflow.decisionReasons`, who and when. Notices read it for their `{decisionReason}` placeholder:
 * `reason.text` is the reason in the applicant's language, `reason.title` the English text of the definition.
 */
export interface CaseDecision {
  event: string;
  /** The state the decision moved the case to. */
  to: string;
  reason: {
    id: string;
    /** The reason's title as the definition writes it (English). */
    title: string;
    /** The reason in the application's language (`lang`), as the applicant reads it. */
    text: string;
    lang: string;
    /** The law or rule the reason rests on, when the definition gives one. */
    reference: { title?: string; citation?: string; url?: string } | null;
  };
  actorId: string | null;
  at: string;
}

/** The case a submitted application becomes. */
export interface CaseRecord {
  id: string;
  applicationId: string;
  programId: string;
  /** The program version (and its hash) the case is decided under. */
  version: number;
  hash: string;
  state: string;
  assignee: string | null;
  /** Who performed each workflow event: `{ "complete-review": ["user-1"] }` (for maker-checker guards). */
  performedBy: Record<string, string[]>;
  stateEnteredAt: string;
  /** The earliest unmet deadline's due date, set by the service from the engine's `deadlines()`; null if none. */
  dueOn: IsoDate | null;
  /** Display label for lists and text search (typically the applicant's name). */
  label: string;
  /** The short human reference (`SNAP-26-004217`), assigned at submission; null for cases opened before issue 15. */
  reference: string | null;
  /** The latest decision taken with a reason (deny, close), read by notices; null until one is taken. */
  decision: CaseDecision | null;
  createdAt: string;
  updatedAt: string;
  revision: number;
}

/**
 * What is stored of a determination since issue 12: the decision (eligibility, amounts, rule outcomes, missing
 * inputs), the hashes of the inputs and of the version it was made under, and the hash of the full determination.
 * The engine is pure and versions are immutable, so the full determination (reasons, values, trace) is recomputed
 * from the application's answers and the version when a page shows it, and checked against `determinationHash`.
 */
export interface CompactDetermination {
  format: 'compact-1';
  programId: string;
  version: number;
  /** The version's content hash. */
  hash: string;
  asOf: IsoDate;
  lang: string;
  eligibility: Eligibility;
  benefits: { id: string; amount: number; period: string }[];
  /** Rule id → outcome. */
  outcomes: Record<string, RuleOutcome>;
  /** JSON Pointers of the inputs that would decide it. */
  missing: string[];
  /** The determination reported input or evaluation errors. */
  invalid: boolean;
  /** sha256 of the canonical JSON of the answers evaluated. */
  inputsHash: string;
  /** sha256 of the full determination's JSON as the engine wrote it. */
  determinationHash: string;
}

/** A stored result: compact (written since issue 12) or the full Determination of older rows. */
export type StoredResult = CompactDetermination | Determination;

/** A stored evaluation result: compact (`CompactDetermination`) or, in rows written before it, the full Determination. */
export interface DeterminationRecord {
  id: string;
  caseId: string | null;
  applicationId: string;
  programId: string;
  version: number;
  hash: string;
  asOf: IsoDate;
  kind: 'initial' | 'redetermination' | 'dry-run';
  /** Whether this determination is the one the case now stands on. */
  applied: boolean;
  result: StoredResult;
  createdBy: string | null;
  createdAt: string;
}

/** What a re-determination job has counted so far. */
export interface JobCounts {
  /** Cases of the program read (every case, whatever happened to it). */
  seen: number;
  /** Cases whose result changed: a new determination, an audit entry and a notice each. */
  changed: number;
  /** Cases whose result is the same under the version: moved to it, their determination kept. */
  unchanged: number;
  /** Cases in a terminal state of their workflow (decided): left untouched. */
  skippedDecided: number;
  /** Cases under a newer version than the job's, left there (their workflow does not allow moving back); absent in
   *  jobs recorded before it was counted. */
  skippedNewer?: number;
  /** Cases already under the version: left untouched. */
  alreadyCurrent: number;
  /** Cases that could not be re-determined (see `failures`): left untouched. */
  failed: number;
}

/** A case a job could not re-determine, and why. */
export interface JobFailure {
  caseId: string;
  message: string;
}

/** A mass re-determination of a program's cases under one version, chunk by chunk (see `applyRedeterminationChunk`). */
export interface JobRecord {
  id: string;
  kind: 'redetermination';
  programId: string;
  version: number;
  status: 'running' | 'done' | 'cancelled' | 'failed';
  /** The last case id done, in keyset (case id) order; null before the first chunk. */
  cursor: string | null;
  counts: JobCounts;
  /** The first failed cases (at most `JOB_FAILURES_KEPT`). */
  failures: JobFailure[];
  /** What started it: a person on demand, a publication, the scheduler, or a run recorded before jobs existed. */
  trigger: 'on-demand' | 'publication' | 'schedule' | 'legacy';
  startedBy: string | null;
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
  /** Who cancelled it (null when it ended by itself). */
  finishedBy: string | null;
  /** Why it failed (status `failed`). */
  error: string | null;
}

/** What a re-determination compares of a determination: its decision, without explanations. */
export interface Decision {
  eligibility: Eligibility;
  /** Benefit id → amount (only benefits of an eligible determination). */
  benefits: Record<string, number>;
  outcomes: Record<string, RuleOutcome>;
  missing: string[];
  invalid: boolean;
}

/** One case as a re-determination job reads it: the case, its answers and the decision of the determination it stands on. */
export interface RedeterminationCandidate {
  case: CaseRecord;
  answers: Record<string, unknown> | null;
  lang: string;
  applied: Decision | null;
  /** The intermediary who applied on the client's behalf (their user id), who gets the applicant's notices too. */
  intermediary?: string | null;
}

/** One case's part of a chunk: the case moves to `version`/`hash`; with `determination`, its result changed. */
export interface ChunkCaseUpdate {
  caseId: string;
  applicationId: string;
  /** The revision the job read; a case changed since makes the whole chunk throw `stale-revision`. */
  expectedRevision: number;
  version: number;
  hash: string;
  /** The new applied determination (result changed), with its notice and audit entry. */
  determination?: NewDetermination;
  /** The notice to the applicant, and its copies to an intermediary who applied for them. */
  messages?: NewMessage[];
  audit?: AuditInput;
}

/**
 * One chunk of a job, applied in ONE atomic unit: every case update, the job's counts and its cursor. Throws
 * `ConflictError('job-not-running')` when the job was cancelled (or ended) meanwhile, `stale-cursor` when another
 * runner advanced it, `stale-revision` when a case changed since it was read; then nothing of the chunk is written.
 */
export interface RedeterminationChunk {
  jobId: string;
  /** The cursor the chunk was read after. */
  expectedCursor: string | null;
  /** The last case id of the chunk. */
  cursor: string;
  /** Added to the job's counts. */
  counts: JobCounts;
  failures: JobFailure[];
  updates: ChunkCaseUpdate[];
}

export interface NewJob {
  id?: string;
  kind: 'redetermination';
  programId: string;
  version: number;
  trigger: JobRecord['trigger'];
  startedBy: string | null;
}

/** Ends a running job: `ConflictError('job-not-running')` when it is not running any more. */
export interface FinishJobInput {
  jobId: string;
  status: 'done' | 'cancelled' | 'failed';
  finishedBy?: string | null;
  error?: string | null;
  audit?: AuditArg;
}

export interface JobFilter {
  programId?: string;
  version?: number;
  status?: JobRecord['status'];
}

/** One step in a case's history (`submit` is the first). */
export interface CaseEventRecord {
  id: string;
  caseId: string;
  at: string;
  actorId: string | null;
  event: string;
  from: string | null;
  to: string;
  actions: WorkflowAction[];
  /** The id of the decision reason given with the event (`workflow.decisionReasons`), or null. */
  reason: string | null;
}

/**
 * A caseworker's correction of a submitted application's answers: which answers changed (JSON Pointers into the
 * answers, with the value before and after), the note that explains it, and the answers as they were before, so a
 * determination made from them can still be recomputed and checked. Values live here, beside the answers and under
 * the same access; the audit entry of a correction names the pointers and the hashes of the values, never the values.
 */
export interface CorrectionRecord {
  id: string;
  caseId: string;
  applicationId: string;
  at: string;
  authorId: string;
  noteId: string;
  changes: { path: string; before: unknown; after: unknown }[];
  /** The whole answers before the correction. */
  previousAnswers: Record<string, unknown>;
}

export interface NoteRecord {
  id: string;
  caseId: string;
  at: string;
  authorId: string;
  text: string;
  /** Who reads it: the program's organisation (default), the case's team too, or the person too (status page). */
  visibility: NoteVisibility;
}

/** Who reads a note: `organisation` (the program's staff), `team` (also the case's team), `person` (also the applicant). */
export type NoteVisibility = 'organisation' | 'team' | 'person';

/** A document requested of the applicant, received (by upload or on paper), then accepted or rejected by staff. */
export interface DocumentRecord {
  id: string;
  caseId: string;
  name: string;
  /** The program's document type (`documents[].id`); null for documents requested by name before issue 15. */
  typeId: string | null;
  status: 'requested' | 'received' | 'accepted' | 'rejected';
  requestedAt: string;
  receivedAt: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
  /** Why it was rejected (or a note on acceptance), for the applicant. */
  reason: string | null;
  /** The day the caseworker asked to have it by (within the workflow's deadline); null when none was chosen. */
  dueOn: IsoDate | null;
  /** The caseworker's note to the applicant with the request, e.g. "the last two pay stubs"; null when none. */
  note: string | null;
  /** The uploaded file, when one was uploaded. */
  file: DocumentFileInfo | null;
}

/** What is known of an uploaded file without its content. */
export interface DocumentFileInfo {
  id: string;
  /** The name the uploader's device gave it (shown, never trusted for the type). */
  name: string;
  /** The media type recognised from the content. */
  mediaType: string;
  size: number;
  /** sha256 of the content, hex. */
  sha256: string;
  uploadedAt: string;
  /** The staff member who uploaded it, or null for the applicant. */
  uploadedBy: string | null;
}

/** A notification recorded for a case. `to` is e.g. `applicant`, a user id or `role:supervisor`. */
export interface MessageRecord {
  id: string;
  caseId: string;
  to: string;
  text: string;
  at: string;
  /** A notice's subject (program notices); null for a plain message. */
  subject: string | null;
  /** The kind of program notice (`approval`, `denial`, …), or null. */
  notice: string | null;
}

/** An email waiting to be sent (or sent): written in the same atomic unit as the event that causes it. */
export interface OutboxRecord {
  id: string;
  /** The message it delivers; null for a one-time status code. */
  messageId: string | null;
  caseId: string | null;
  toAddress: string;
  subject: string;
  text: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: string;
  /** A sender holds a claimed row until then; after a crash the claim lapses and another attempt is made. */
  claimedUntil: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** One link of the append-only audit chain: `hash = sha256(prevHash + canonicalJson(entry without hash))`. */
export interface AuditEntry {
  seq: number;
  at: string;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string;
  /** What changed, e.g. `{ from: "submitted", to: "approved" }`. Never secrets (no password hashes, tokens). */
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
  /** HMAC-SHA256 of `hash` under the audit key (`runtime/audit/chain.ts`); null for entries written without a key. */
  mac?: string | null;
}

/** The signed checkpoint: the log's entry count (= last seq) and head hash when it was written, HMAC'd. */
export interface AuditCheckpoint {
  seq: number;
  hash: string;
  at: string;
  mac: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Inputs

/** What a caller says about an audit entry; the store assigns `seq`, `at` (unless given), `prevHash` and `hash`. */
export interface AuditInput {
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string;
  details?: Record<string, unknown>;
  at?: string;
}

/** Audit entries to append with a change; a single entry or several (appended in order). */
export type AuditArg = AuditInput | AuditInput[];

export interface NewUser {
  id?: string;
  email: string;
  name: string;
  roles: Role[];
  passwordHash: string;
  disabled?: boolean;
}

/** Fields of a user that may change; omitted fields stay as they are. */
export interface UserPatch {
  name?: string;
  email?: string;
  roles?: Role[];
  passwordHash?: string;
  disabled?: boolean;
}

export interface NewSession {
  id?: string;
  tokenHash: string;
  userId: string;
  csrfToken: string;
  expiresAt: string;
}

/** The program-describing fields shared by drafts and published versions. */
export interface VersionContent {
  doc: Program;
  hash: string;
  effectiveFrom: IsoDate;
  title: string;
  changelog: string;
  inFlight: 'reevaluate' | 'keep';
}

export interface NewDraft extends VersionContent {
  programId: string;
  /** Must not be taken by any version of this program (`ConflictError('duplicate')`). */
  version: number;
  createdBy: string | null;
}

export interface SaveDraftInput extends VersionContent {
  programId: string;
  expectedRevision: number;
}

/** Insert a version directly as published (shipped programs at start-up, imports). */
export interface NewPublishedVersion extends VersionContent {
  programId: string;
  version: number;
  createdBy: string | null;
  publishedBy: string | null;
}

/** Freeze the program's draft: its content is replaced by `content` (the service sets changelog, dates, hash). */
export interface PublishDraftInput {
  programId: string;
  /** When given, a draft saved since then makes this throw `stale-revision`. */
  expectedRevision?: number;
  content: VersionContent;
  publishedBy: string | null;
  /** Mark the version self-published (maker-checker off). Default false. */
  selfPublished?: boolean;
}

/** Set (or, with `request: null`, clear) the draft's publication request. */
export interface SetPublicationRequestInput {
  programId: string;
  /** When given, the draft must still be at this revision (`stale-revision` otherwise). */
  expectedRevision?: number;
  /** The request (the store stamps `requestedAt`), or null to withdraw or reject it. */
  request: Omit<PublicationRequest, 'requestedAt'> | null;
}

/** Replace the organisation settings. */
export interface SaveSettingsInput {
  /** Whose settings (absent or `default`: the installation's). */
  organisationId?: string;
  settings: OrganisationSettings;
  /** When given, must equal the stored revision (0 for never-saved settings). */
  expectedRevision?: number;
  updatedBy: string | null;
}

export interface NewApplication {
  id?: string;
  programId: string;
  version: number;
  resumeCodeHash: string;
  answers?: Record<string, unknown>;
  lang: string;
  createdBy: string | null;
  onBehalfOf?: string | null;
  consent?: ConsentRecord | null;
}

export interface SaveAnswersInput {
  applicationId: string;
  /** When given, must equal the stored revision. */
  expectedRevision?: number;
  answers: Record<string, unknown>;
  lang?: string;
  /** The wizard page the applicant goes to with this save (the dashboard's "where people leave"). */
  step?: string;
}

export interface NewCase {
  id?: string;
  state: string;
  assignee?: string | null;
  dueOn?: IsoDate | null;
  label?: string;
  /** The short reference (`allocateCaseReference`); unique. */
  reference?: string | null;
}

export interface NewDetermination {
  id?: string;
  asOf: IsoDate;
  kind: 'initial' | 'redetermination' | 'dry-run';
  applied: boolean;
  /** What to store: services write a `CompactDetermination`; a full Determination is accepted too (kept as is). */
  result: StoredResult;
  createdBy: string | null;
}

export interface NewMessage {
  to: string;
  text: string;
  subject?: string | null;
  notice?: string | null;
  /** Deliver by email to this address too: an outbox row is written in the same atomic unit. */
  email?: string | null;
}

/**
 * A deadline reminder, recorded once: `key` names the case, the deadline, the day its clock started and the
 * offset (`<caseId>:<deadlineId>:<startedOn>:<days>`); its messages (and their outbox emails) are written in the same
 * atomic unit as the key, so a reminder is never sent twice, even across restarts or by two servers.
 */
export interface RecordReminderInput {
  key: string;
  caseId: string;
  messages: NewMessage[];
  audit?: AuditArg;
}

/** A document to request: by the program's document type, with its title at the time. */
export interface RequestedDocument {
  typeId: string | null;
  name: string;
  dueOn?: IsoDate | null;
  note?: string | null;
}

/**
 * Submit an application in one atomic unit: the application becomes `submitted`, its case is created (program,
 * version and hash come from `determination.result`), the initial determination is stored (`caseId` filled in),
 * the `submit` event, any messages and the audit entries are recorded.
 */
export interface SubmitApplicationInput {
  applicationId: string;
  expectedRevision: number;
  case: NewCase;
  /** The applicant's second factor for the status page. */
  statusFactor?: StatusFactor | null;
  determination: NewDetermination;
  event: { event: string; actorId: string | null; actions?: WorkflowAction[] };
  messages?: NewMessage[];
  audit?: AuditArg;
  at?: string;
}

export interface SubmitApplicationResult {
  application: ApplicationRecord;
  case: CaseRecord;
  determination: DeterminationRecord;
  event: CaseEventRecord;
}

/**
 * Apply a workflow transition the engine allowed, with the effects of its actions, atomically. The case must be
 * in `from` at `expectedRevision`; otherwise `ConflictError` (`wrong-state` or `stale-revision`).
 */
export interface ApplyTransitionInput {
  caseId: string;
  expectedRevision: number;
  event: string;
  from: string;
  to: string;
  actorId: string | null;
  /** The actions performed, recorded on the event. */
  actions: WorkflowAction[];
  /** `undefined` keeps the assignee; `null` unassigns; a user id assigns. */
  assignee?: string | null;
  /** New documents to request (action `request-documents`): names (before issue 15) or document types. */
  requestDocuments?: (string | RequestedDocument)[];
  /** Mark every requested document received (action `record-documents`). */
  receiveAllDocuments?: boolean;
  messages?: NewMessage[];
  /** New earliest due date; `undefined` keeps it. */
  dueOn?: IsoDate | null;
  /** Determinations produced by the transition (action `redetermine`), stored with this case id. */
  determinations?: NewDetermination[];
  /** A decision taken with a reason: recorded on the event (its reason id) and as the case's `decision`. */
  decision?: Omit<CaseDecision, 'at' | 'actorId' | 'event' | 'to'>;
  audit?: AuditArg;
  at?: string;
}

export interface ApplyTransitionResult {
  case: CaseRecord;
  event: CaseEventRecord;
  documents: DocumentRecord[];
  messages: MessageRecord[];
}

/** Change a case's assignee outside a transition. */
export interface AssignCaseInput {
  caseId: string;
  expectedRevision?: number;
  assignee: string | null;
  audit?: AuditArg;
}

/**
 * Store a determination for a case (redetermination, dry run). With `apply`, it becomes the case's basis: the case
 * moves to the determination's version and hash, previous determinations of the case lose `applied`.
 */
export interface RecordDeterminationInput {
  caseId: string;
  determination: NewDetermination;
  /** Required when `determination.applied` is true: the case revision the caller read. */
  expectedRevision?: number;
  audit?: AuditArg;
}

export interface AttachDocumentFileInput {
  caseId: string;
  documentId: string;
  name: string;
  mediaType: string;
  sha256: string;
  content: Buffer;
  uploadedBy: string | null;
  audit?: AuditArg;
}

export interface ReviewDocumentInput {
  caseId: string;
  documentId: string;
  status: 'accepted' | 'rejected';
  reason: string | null;
  reviewedBy: string;
  audit?: AuditArg;
}

/**
 * A caseworker's correction of a submitted application's answers, in one atomic unit: the answers are replaced,
 * the note explaining it is added to the case, the re-determination on the corrected answers is stored and applied
 * (the case moves to its version), and the audit entries are appended. `stale-revision` when the case changed since
 * `expectedRevision`.
 */
export interface CorrectAnswersInput {
  caseId: string;
  expectedRevision: number;
  answers: Record<string, unknown>;
  changes: CorrectionRecord['changes'];
  note: { authorId: string; text: string };
  determination: NewDetermination;
  audit?: AuditArg;
}

export interface CorrectAnswersResult {
  application: ApplicationRecord;
  case: CaseRecord;
  determination: DeterminationRecord;
  note: NoteRecord;
  correction: CorrectionRecord;
}

export interface NewNote {
  caseId: string;
  authorId: string;
  text: string;
  /** Default `organisation`. */
  visibility?: NoteVisibility;
  audit?: AuditArg;
}

// ---------------------------------------------------------------------------------------------------------------
// Queries

/** Offset pagination; `limit` defaults to 50 and is capped at 500. */
export interface PageRequest {
  limit?: number;
  offset?: number;
}

export interface Page<T> {
  items: T[];
  /** How many records match the filter in all pages. */
  total: number;
  limit: number;
  offset: number;
}

/** Filters for the caseworker queue; all given filters must hold. */
export interface CaseFilter {
  /** Only cases a staff member with this scope may see (services/organisations.ts `staffScope`); absent: every case. */
  scope?: StaffScope;
  programId?: string;
  /** One state or any of several. */
  state?: string | string[];
  /** A user id, or `null` for unassigned cases. */
  assignee?: string | null;
  /** Cases whose `dueOn` is strictly before this date (overdue on that date). */
  overdueBefore?: IsoDate;
  /** Case-insensitive substring of the case id, application id or label. */
  text?: string;
}

export interface CaseList extends Page<CaseRecord> {
  /** Counts by state for the same filter WITHOUT its `state` part (so a queue can show every tab's count). */
  countsByState: Record<string, number>;
}

export interface ApplicationFilter {
  /** Only applications of the scope's organisations' programs (its `teamMemberId` is not used); absent: all. */
  scope?: StaffScope;
  programId?: string;
  status?: 'draft' | 'submitted';
  createdBy?: string;
}

export interface AuditQuery {
  /** Entries with `seq` greater than this (for paging through the whole chain). */
  afterSeq?: number;
  /** At most this many, in ascending `seq` order; default 100, cap 1000. */
  limit?: number;
  entity?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
}

/** Which cases to read for work over a program's caseload (impact previews, mass re-determination). */
export interface CaseloadFilter {
  programId: string;
  /** Only cases in these states; `null` or absent: every case of the program. */
  states?: readonly string[] | null;
}

/** A page of the caseload: up to `limit` cases with an id greater than `after` (keyset pagination), in id order. */
export interface CaseloadQuery extends CaseloadFilter {
  /** The last case id of the previous page; absent for the first page. */
  after?: string;
  limit: number;
}

/** A case's inputs for evaluation, with its application's answers as the stored JSON text (not parsed). */
export interface CaseloadRow {
  caseId: string;
  state: string;
  version: number;
  /** The application's language. */
  lang: string;
  /** The application's answers as JSON text, exactly as stored. */
  answers: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Organisations (issue 16)

/** An organisation: runs programs, has staff members. `default` always exists (installs from before issue 16). */
export interface OrganisationRecord {
  /** A slug. */
  id: string;
  name: string;
  createdAt: string;
}

/** A user's membership of an organisation with the roles they hold there. */
export interface MembershipRecord {
  organisationId: string;
  userId: string;
  roles: Role[];
}

/**
 * Which records a staff member's queries may return: those of the programs of `organisationIds`, and (cases only)
 * the cases whose team has `teamMemberId` on it.
 */
export interface StaffScope {
  organisationIds: readonly string[];
  teamMemberId?: string;
}

/** A member of the team around one case, possibly of another organisation than the program's. */
export interface CaseTeamMember {
  caseId: string;
  userId: string;
  /** Free text, e.g. "Volunteer coordinator". */
  roleLabel: string;
  addedBy: string | null;
  addedAt: string;
}

/** The organisation that owns no program row falls back to this one. */
export const DEFAULT_ORGANISATION = 'default';

/** Organisations, memberships, programs' organisations and case teams. */
export interface OrganisationStore {
  /** Every organisation, ordered by id. */
  listOrganisations(): Promise<OrganisationRecord[]>;
  getOrganisation(id: string): Promise<OrganisationRecord | null>;
  /** Throws `ConflictError('duplicate')` when the id is taken. */
  createOrganisation(input: { id: string; name: string }, audit?: AuditArg): Promise<OrganisationRecord>;
  updateOrganisation(id: string, patch: { name: string }, audit?: AuditArg): Promise<OrganisationRecord>;
  /** The organisation running the program (`default` when it was never assigned). */
  programOrganisation(programId: string): Promise<string>;
  /** The organisation of each program that has been assigned one, by program id. */
  programOrganisations(): Promise<Record<string, string>>;
  /** Throws `NotFoundError` for an unknown organisation. */
  setProgramOrganisation(programId: string, organisationId: string, audit?: AuditArg): Promise<void>;
  /** The user's memberships, ordered by organisation id. */
  membershipsOf(userId: string): Promise<{ organisationId: string; roles: Role[] }[]>;
  /** The organisation's members, ordered by user id. */
  membersOf(organisationId: string): Promise<MembershipRecord[]>;
  /** Creates or replaces the membership. Throws `NotFoundError` for an unknown organisation or user. */
  setMembership(organisationId: string, userId: string, roles: Role[], audit?: AuditArg): Promise<MembershipRecord>;
  /** Throws `NotFoundError` when there is no such membership. */
  removeMembership(organisationId: string, userId: string, audit?: AuditArg): Promise<void>;
  /** The team of a case, in the order members were added. */
  listCaseTeam(caseId: string): Promise<CaseTeamMember[]>;
  /** Adds or relabels a member. Throws `NotFoundError` for an unknown case or user. */
  setCaseTeamMember(input: { caseId: string; userId: string; roleLabel: string; addedBy: string | null }, audit?: AuditArg): Promise<CaseTeamMember>;
  /** Throws `NotFoundError` when the user is not on the team. */
  removeCaseTeamMember(caseId: string, userId: string, audit?: AuditArg): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------------
// The store

/**
 * Persistent state of the runtime. All methods are async; errors are `NotFoundError`, `ConflictError` or
 * unexpected (bugs, I/O). Obtain one with `openStore(config)` from `runtime/store/index.ts`.
 */
export interface Store extends ReferralStore, OrganisationStore {
  readonly kind: 'sqlite' | 'postgres' | 'mongodb';

  // Users
  /** Creates a user; `ConflictError('duplicate')` if the (lowercased) email is taken. */
  createUser(input: NewUser, audit?: AuditArg): Promise<UserRecord>;
  getUser(id: string): Promise<UserRecord | null>;
  /** Case-insensitive email lookup. */
  getUserByEmail(email: string): Promise<UserRecord | null>;
  /** All users, ordered by email. */
  listUsers(): Promise<UserRecord[]>;
  countUsers(): Promise<number>;
  /** Applies `patch`; `NotFoundError` if absent, `ConflictError('duplicate')` if the new email is taken. */
  updateUser(id: string, patch: UserPatch, audit?: AuditArg): Promise<UserRecord>;

  // Sessions
  createSession(input: NewSession): Promise<SessionRecord>;
  /** The session with this token hash, or null. Expiry is NOT checked here: compare `expiresAt` yourself. */
  getSessionByTokenHash(tokenHash: string): Promise<SessionRecord | null>;
  /** Deletes one session; no error if it is already gone. */
  deleteSession(id: string): Promise<void>;
  /** Deletes every session of a user (password change, disabling); returns how many. */
  deleteUserSessions(userId: string): Promise<number>;
  /** Deletes sessions with `expiresAt` ≤ `now`; returns how many. */
  deleteExpiredSessions(now: string): Promise<number>;

  // Program versions
  /** Versions ordered by program id then version; optionally of one program and/or one status. */
  listProgramVersions(filter?: { programId?: string; status?: 'draft' | 'published' }): Promise<ProgramVersionRecord[]>;
  getProgramVersion(programId: string, version: number): Promise<ProgramVersionRecord | null>;
  /** The program's draft, or null. */
  getDraft(programId: string): Promise<ProgramVersionRecord | null>;
  /** A version of this program with this content hash (any status), or null: lets start-up skip known versions. */
  findVersionByHash(programId: string, hash: string): Promise<ProgramVersionRecord | null>;
  /** The highest version number used by the program (drafts included), or 0. */
  maxVersion(programId: string): Promise<number>;
  /** Creates the program's draft (revision 1). `duplicate` if it has a draft or the version number is taken. */
  createDraft(input: NewDraft, audit?: AuditArg): Promise<ProgramVersionRecord>;
  /** Replaces the draft's content; `NotFoundError` if there is no draft, `stale-revision` on a stale revision. */
  saveDraft(input: SaveDraftInput, audit?: AuditArg): Promise<ProgramVersionRecord>;
  /** Deletes the program's draft; `NotFoundError` if there is none. */
  deleteDraft(programId: string, audit?: AuditArg): Promise<void>;
  /** Freezes the draft as published; `NotFoundError` if no draft, `stale-revision` if `expectedRevision` is stale. */
  publishDraft(input: PublishDraftInput, audit?: AuditArg): Promise<ProgramVersionRecord>;
  /** Inserts a published version directly; `duplicate` if the program already has this version number. */
  publishVersion(input: NewPublishedVersion, audit?: AuditArg): Promise<ProgramVersionRecord>;
  /** Sets or clears the draft's publication request; `NotFoundError` if no draft, `stale-revision` (see input). */
  setPublicationRequest(input: SetPublicationRequestInput, audit?: AuditArg): Promise<ProgramVersionRecord>;

  // Settings
  /**
   * The settings of `organisationId` (absent or `default`: the installation's; the defaults, revision 0, when never
   * saved); an organisation that never saved its own gets the installation's, `inherited`, revision 0.
   */
  getSettings(organisationId?: string): Promise<SettingsRecord>;
  /** Replaces one organisation's settings (revision + 1); `stale-revision` when `expectedRevision` differs. */
  saveSettings(input: SaveSettingsInput, audit?: AuditArg): Promise<SettingsRecord>;

  // Applications
  createApplication(input: NewApplication, audit?: AuditArg): Promise<ApplicationRecord>;
  /** With `scope`: null unless the application's program belongs to one of the scope's organisations. */
  getApplication(id: string, scope?: StaffScope): Promise<ApplicationRecord | null>;
  getApplicationByResumeCodeHash(resumeCodeHash: string): Promise<ApplicationRecord | null>;
  listApplications(filter: ApplicationFilter, page?: PageRequest): Promise<Page<ApplicationRecord>>;
  /** Saves partial answers; `NotFoundError`, `already-submitted` after submission, `stale-revision`. */
  saveAnswers(input: SaveAnswersInput, audit?: AuditArg): Promise<ApplicationRecord>;
  /**
   * Deletes up to `limit` draft applications (never submitted) last saved before `updatedBefore`, oldest first, each
   * with an `application.expire` audit entry; returns the deleted ones.
   */
  expireDraftApplications(input: { updatedBefore: string; limit: number }): Promise<ApplicationRecord[]>;
  /**
   * Submits atomically (see `SubmitApplicationInput`). `NotFoundError` if the application is absent;
   * `already-submitted` (with `details.caseId`) if it was submitted before; `stale-revision` if answers changed.
   */
  submitApplication(input: SubmitApplicationInput): Promise<SubmitApplicationResult>;

  // Cases
  /** With `scope`: null unless the case is of one of the scope's organisations' programs, or has `teamMemberId` on its team. */
  getCase(id: string, scope?: StaffScope): Promise<CaseRecord | null>;
  getCaseByApplication(applicationId: string): Promise<CaseRecord | null>;
  /** Filtered queue, newest first (`createdAt` descending, then id), with counts by state. */
  listCases(filter: CaseFilter, page?: PageRequest): Promise<CaseList>;
  /** Applies a transition atomically (see `ApplyTransitionInput`). */
  applyTransition(input: ApplyTransitionInput): Promise<ApplyTransitionResult>;
  /** Sets the assignee; `NotFoundError`, `stale-revision` if `expectedRevision` is given and stale. */
  assignCase(input: AssignCaseInput): Promise<CaseRecord>;
  /** Corrects a submitted application's answers with a note and a re-determination (see `CorrectAnswersInput`). */
  correctAnswers(input: CorrectAnswersInput): Promise<CorrectAnswersResult>;
  /** A case's corrections, oldest first. */
  listCorrections(caseId: string): Promise<CorrectionRecord[]>;
  /** The program dashboard's counts, aggregated in the store (see `DashboardQuery`). */
  dashboard(query: DashboardQuery): Promise<DashboardCounts>;
  /** The applications of the dashboard's period, oldest first, at most `limit`, for its CSV export. */
  dashboardRows(query: Pick<DashboardQuery, 'programId' | 'from' | 'to' | 'decidedStates'>, limit: number): Promise<DashboardRow[]>;
  /** Stores a determination for a case, optionally applying it (see `RecordDeterminationInput`). */
  recordDetermination(input: RecordDeterminationInput): Promise<{ determination: DeterminationRecord; case: CaseRecord }>;
  /**
   * One page of a program's caseload by keyset pagination on case id (see `CaseloadQuery`): each page costs its own
   * rows whatever the size of the store. An empty page means the end.
   */
  readCaseload(query: CaseloadQuery): Promise<CaseloadRow[]>;
  /** How many cases `readCaseload` would return over all pages of this filter. */
  countCaseload(filter: CaseloadFilter): Promise<number>;
  /** A case's determinations, oldest first. */
  listDeterminations(caseId: string): Promise<DeterminationRecord[]>;
  /** A case's events, oldest first. */
  listCaseEvents(caseId: string): Promise<CaseEventRecord[]>;
  /** Adds a note; `NotFoundError` if the case is absent. */
  addNote(input: NewNote): Promise<NoteRecord>;
  /** A case's notes, oldest first. */
  /** With `visibility`: only notes of those visibilities (the status page reads `person` notes only). */
  listNotes(caseId: string, visibility?: readonly NoteVisibility[]): Promise<NoteRecord[]>;
  /** A case's documents, in request order. */
  listDocuments(caseId: string): Promise<DocumentRecord[]>;
  /** Marks one document received; `NotFoundError` if it is not a document of this case. */
  receiveDocument(caseId: string, documentId: string, audit?: AuditArg): Promise<DocumentRecord>;
  /** A case's recorded messages, oldest first. */
  listMessages(caseId: string): Promise<MessageRecord[]>;

  // After submission (issue 15): case references, uploaded documents, the email outbox
  /**
   * The program's next case reference of `year`: `PREFIX-YY-NNNNNN`, from a per-program, per-year sequence (a number
   * allocated for a submission that then fails is not reused: references may skip, never repeat).
   */
  allocateCaseReference(programId: string, prefix: string, year: number): Promise<string>;
  /** The case with this short reference (`SNAP-26-004217`, case-insensitive), or null. */
  getCaseByReference(reference: string, scope?: StaffScope): Promise<CaseRecord | null>;
  /**
   * Stores an uploaded file for a requested document of the case and marks the document received (a new upload
   * replaces an earlier file and clears an earlier review); `NotFoundError` when the case has no such document.
   */
  attachDocumentFile(input: AttachDocumentFileInput): Promise<DocumentRecord>;
  /** A document's uploaded file with its content, or null when none was uploaded. */
  getDocumentFile(caseId: string, documentId: string): Promise<{ info: DocumentFileInfo; content: Buffer } | null>;
  /** Records staff's review of one document (accepted, or rejected with a reason); `NotFoundError` when absent. */
  reviewDocument(input: ReviewDocumentInput): Promise<DocumentRecord>;
  /** Adds an email to the outbox on its own (one-time status codes). */
  enqueueEmail(input: { toAddress: string; subject: string; text: string; caseId?: string | null }): Promise<OutboxRecord>;
  /**
   * Claims up to `limit` pending emails due at `now` (none claimed by another sender, or a claim that lapsed), holding
   * them until `claimUntil`; oldest first.
   */
  claimOutbox(input: { now: string; claimUntil: string; limit: number }): Promise<OutboxRecord[]>;
  /** Marks a claimed email sent; false when it was already marked (it is marked sent exactly once). */
  markOutboxSent(id: string, at: string): Promise<boolean>;
  /** Records a failed attempt: retried at `nextAttemptAt`, or given up (`failed`) when it is null. */
  markOutboxAttemptFailed(id: string, error: string, nextAttemptAt: string | null): Promise<void>;
  /** The outbox, oldest first (tests, operators). */
  listOutbox(filter?: { caseId?: string; status?: OutboxRecord['status'] }): Promise<OutboxRecord[]>;
  /** Records a deadline reminder and its messages once (see `RecordReminderInput`); false (nothing written) when its key was recorded before. */
  recordReminder(input: RecordReminderInput): Promise<boolean>;

  // Jobs (mass re-determination)
  /** Creates a running job; `ConflictError('job-running', …, { jobId })` while the program version has one running. */
  createJob(input: NewJob, audit?: AuditArg): Promise<JobRecord>;
  getJob(id: string): Promise<JobRecord | null>;
  /** Jobs matching the filter, newest first. */
  listJobs(filter?: JobFilter): Promise<JobRecord[]>;
  /**
   * The program's cases after `afterCaseId` in case id order (keyset), at most `limit`, each with its answers and
   * applied determination; neither is read (`answers` and `applied` null) for cases `skip` names: in one of its
   * `states` or already under its `version` (the cases a job leaves untouched).
   */
  readCasesAfter(
    programId: string,
    afterCaseId: string | null,
    limit: number,
    skip?: { states: string[]; version: number },
  ): Promise<RedeterminationCandidate[]>;
  /** Applies one chunk of a job atomically (see `RedeterminationChunk`); returns the job as it now stands. */
  applyRedeterminationChunk(input: RedeterminationChunk): Promise<JobRecord>;
  /** Ends a running job (see `FinishJobInput`). */
  finishJob(input: FinishJobInput): Promise<JobRecord>;

  // Audit
  /** Appends entries on their own (sign-ins, user changes); returns them with seq and hashes. */
  appendAudit(audit: AuditArg): Promise<AuditEntry[]>;
  /** Entries in ascending `seq` order (see `AuditQuery`). */
  listAudit(query?: AuditQuery): Promise<AuditEntry[]>;
  /** The entry with the highest `seq`, or null for an empty log. */
  lastAudit(): Promise<AuditEntry | null>;
  /** The signed checkpoint (see `runtime/audit/chain.ts`), or null when none was written (no key, or an unkeyed log). */
  auditCheckpoint(): Promise<AuditCheckpoint | null>;

  // Shared state (several runtime processes on one database; nothing of it lives in process memory)
  /**
   * Counts `by` (default 1; -1 takes a hit back) hits of `key` in the fixed window starting at `windowStart` (ms since
   * the epoch) and returns the window's hits so far, these included; the row may be dropped after `expiresAt` (ms). Rate limits and
   * wrong-code throttles count here, so every process sees the same totals. Not part of the audit, and not fsynced
   * on its own (a power cut may forget the last counts).
   */
  hitCounter(key: string, windowStart: number, expiresAt: number, by?: number): Promise<number>;
  /** The hits of `key` in the window starting at `windowStart` (0 when none). */
  readCounter(key: string, windowStart: number): Promise<number>;
  /** Forgets every window of `key` (a right code clears the wrong ones). */
  resetCounter(key: string): Promise<void>;
  /** Keeps `value` under `key` until `expiresAt` (ms), replacing an earlier one (status sessions, one-time codes: hashes only). */
  putSharedValue(key: string, value: string, expiresAt: number): Promise<void>;
  /** The value under `key` unless it expired before `now` (ms); with `take` it is also deleted, so only one caller gets it. */
  getSharedValue(key: string, now: number, take?: boolean): Promise<string | null>;
  /** Deletes the value under `key`. */
  deleteSharedValue(key: string): Promise<void>;
  /**
   * Claims the lease `name` for `holder` until `until` (ms): true when it was free, lapsed (its `until` before `now`)
   * or already `holder`'s (then renewed); false while another holder has it. The one claim that wins does the work.
   */
  claimLease(name: string, holder: string, now: number, until: number): Promise<boolean>;
  /** Gives the lease up if `holder` has it. */
  releaseLease(name: string, holder: string): Promise<void>;
  /** Who holds the lease `name` and until when (ms), or null when nobody does. */
  leaseHolder(name: string): Promise<{ holder: string; until: number } | null>;

  // Lifecycle
  /** Resolves when the database answers (health checks). */
  ping(): Promise<void>;
  /** Releases the database; the store must not be used afterwards. */
  close(): Promise<void>;
}

/** How to open a store. `openStore` picks PostgreSQL when `databaseUrl` is set, MongoDB when `mongodbUri` is, else SQLite. */
export interface StoreConfig {
  /** Folder for the SQLite file `mandate.db` (created if missing). Default `./data`. */
  dataDir?: string;
  /** Full path of the SQLite file; overrides `dataDir`. `:memory:` works for tests. */
  sqlitePath?: string;
  /** A `postgres://` (or `postgresql://`) connection URL: when set, PostgreSQL is used. */
  databaseUrl?: string;
  /** Most pooled PostgreSQL connections (`MANDATE_PG_POOL_MAX`); default 10. */
  pgPoolMax?: number;
  /** When set, MongoDB is used. */
  mongodbUri?: string;
  /** Database name for MongoDB; default: the one in the URI, else `mandate`. */
  mongodbDatabase?: string;
  /** The clock for default timestamps (tests pin it). */
  now?: () => Date;
  /** The audit key, hex (`runtime/audit/key.ts`): entries get a MAC and the store keeps a signed checkpoint. */
  auditKey?: string;
}

// ------------------------------------------------------------------------------------------------ program dashboard

/** What the program dashboard counts (issue 15, item 7): one program, applications started in [`from`, `to`). */
export interface DashboardQuery {
  programId: string;
  /** ISO timestamps: applications created at or after `from` and before `to`. */
  from: string;
  to: string;
  /** A draft last saved before this instant is abandoned (one still saved since is in progress). */
  abandonedBefore: string;
  /** The states that decide a case: the workflow's terminal states and those that stop a deadline (entering one is the decision). */
  decidedStates: string[];
  /** The bucket of the series: `%Y-%m-%d`-style SQLite/strftime format, e.g. `%Y-%m` for months. */
  bucket: 'day' | 'month';
  /** Each deadline of the workflow: the clock runs from entering `from` to entering one of `until`, `days` long. */
  deadlines: { id: string; from: string; until: string[]; days: number }[];
  /** Now (ISO timestamp): open clocks are measured to it. */
  now: string;
}

/** The dashboard's counts, each aggregated by the store. */
export interface DashboardCounts {
  applications: { started: number; submitted: number; abandoned: number; inProgress: number };
  /** Abandoned drafts by the wizard page their last save went to (`null`: never saved past the start). */
  leftAt: { step: string | null; count: number }[];
  /** Applications started and submitted per bucket (`2025-07` or `2025-07-14`). */
  series: { bucket: string; started: number; submitted: number }[];
  /** Decided cases by the deciding state first reached, with their days from submission to decision. */
  outcomes: { state: string; count: number; averageDays: number; maxDays: number }[];
  /** Decided cases by whole days from submission to decision, in bands. */
  decisionDays: { band: '0-7' | '8-14' | '15-30' | '31-60' | '61+'; count: number }[];
  /** Per deadline: clocks stopped in time, stopped late, running within it, running past it. */
  deadlines: { id: string; met: number; late: number; open: number; overdue: number }[];
  /** Rules that failed in the applied determinations of decided cases, by rule id. */
  reasons: { rule: string; count: number }[];
  /** The program's open cases (any start date, in no deciding state) by state and assignee (`null`: unassigned). */
  backlog: { state: string; assignee: string | null; count: number }[];
}

/** One row of the dashboard's CSV export: an application of the period, with its case when it was submitted. */
export interface DashboardRow {
  applicationId: string;
  caseId: string | null;
  version: number;
  status: 'draft' | 'submitted';
  lastStep: string | null;
  lang: string;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  state: string | null;
  assignee: string | null;
  label: string | null;
  /** When the case first entered a deciding state. */
  decidedAt: string | null;
  eligibility: string | null;
  answers: Record<string, unknown>;
}

// Networks of care (issue 16): consents to share answers, referrals, capacity.
export type * from './referral-types.ts';
