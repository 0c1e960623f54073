/**
 * The jobs aggregate of the store: mass re-determination jobs, deadline reminders and the email outbox.
 * Part of the `Store` contract (`types.ts`, whose conventions hold here too).
 */
import type { Eligibility, RuleOutcome } from '../../engine/index.ts';
import type { AuditArg, AuditInput } from './audit-types.ts';
import type { CaseRecord, NewDetermination, NewMessage } from './case-types.ts';

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

/** Work done in the background: mass re-determination jobs, deadline reminders and the email outbox. */
export interface JobStore {
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
  /**
   * Applies one chunk of a job atomically (see `RedeterminationChunk`); resolves with the job as it now stands once
   * the chunk is durable. `committed` (which must not throw) gets that job as soon as the chunk's transaction has
   * committed: on SQLite before the WAL's fsync returns, so the caller can read its next chunk meanwhile; on the
   * stores whose commit returns durable, just before the promise resolves.
   */
  applyRedeterminationChunk(input: RedeterminationChunk, committed?: (job: JobRecord) => void): Promise<JobRecord>;
  /** Ends a running job (see `FinishJobInput`). */
  finishJob(input: FinishJobInput): Promise<JobRecord>;

  // After submission (issue 15): the email outbox and deadline reminders
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
}
