/**
 * The cases aggregate of the store: cases, determinations, events, notes, documents, messages, corrections, the
 * caseload read by impact previews and jobs, and the program dashboard.
 * Part of the `Store` contract (`types.ts`, whose conventions hold here too).
 */
import type { Determination, Eligibility, IsoDate, RuleOutcome, WorkflowAction } from '../../engine/index.ts';
import type { ApplicationRecord } from './application-types.ts';
import type { AuditArg } from './audit-types.ts';
import type { StaffScope } from './organisation-types.ts';
import type { Page, PageRequest } from './types.ts';

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

/** A document to request: by the program's document type, with its title at the time. */
export interface RequestedDocument {
  typeId: string | null;
  name: string;
  dueOn?: IsoDate | null;
  note?: string | null;
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

/** Cases with what hangs on them: determinations, events, notes, documents, messages, corrections, the caseload and the program dashboard. */
export interface CaseStore {
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

  // After submission (issue 15): case references, uploaded documents
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
}
