/**
 * The applications aggregate of the store: applications, their answers, consents and the atomic submission.
 * Part of the `Store` contract (`types.ts`, whose conventions hold here too).
 */
import type { WorkflowAction } from '../../engine/index.ts';
import type { AuditArg } from './audit-types.ts';
import type { CaseEventRecord, CaseRecord, DeterminationRecord, NewCase, NewDetermination, NewMessage } from './case-types.ts';
import type { StaffScope } from './organisation-types.ts';
import type { Page, PageRequest } from './types.ts';

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

export interface ApplicationFilter {
  /** Only applications of the scope's organisations' programs (its `teamMemberId` is not used); absent: all. */
  scope?: StaffScope;
  programId?: string;
  status?: 'draft' | 'submitted';
  createdBy?: string;
}

/** Applications, from the first save to the submission that turns one into a case. */
export interface ApplicationStore {
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
}
