/**
 * The two errors every `Store` method may throw on purpose. Anything else thrown by a store is unexpected
 * (a bug, a broken database) and should become a plain 500.
 *
 * The HTTP layer maps `NotFoundError` to 404 and `ConflictError` to 409; `code` says which conflict it was so a
 * route can word the answer (or choose 422 for `wrong-state`, if it prefers).
 */

/** Which entity a store error is about. */
export type StoreEntity =
  | 'user'
  | 'session'
  | 'program-version'
  | 'application'
  | 'case'
  | 'determination'
  | 'document'
  | 'audit'
  | 'job'
  | 'consent'
  | 'referral'
  | 'organisation'
  | 'membership'
  | 'team-member';

/** The record asked for does not exist. `entity` and `id` name it. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  constructor(
    readonly entity: StoreEntity,
    readonly id: string,
    message = `No ${entity} with id "${id}" exists.`,
  ) {
    super(message);
  }
}

/**
 * Why a write was refused:
 * - `stale-revision`: `expectedRevision` is not the stored revision (someone else saved first); `details.currentRevision`.
 * - `duplicate`: a unique key is taken (user email, program id + version, a second draft of the same program).
 * - `already-submitted`: the application was submitted before; `details.caseId` names its case (idempotent retry).
 * - `not-a-draft`: the target is published (frozen) or is not a draft.
 * - `wrong-state`: the case is not in the state the transition starts from; `details.currentState`.
 * - `job-running`: the program version already has a running re-determination job; `details.jobId`.
 * - `job-not-running`: the job was cancelled or has ended; `details.jobId`, `details.status`.
 * - `stale-cursor`: another runner advanced the job's cursor; `details.jobId`.
 */
export type ConflictCode =
  | 'stale-revision'
  | 'duplicate'
  | 'already-submitted'
  | 'not-a-draft'
  | 'wrong-state'
  | 'job-running'
  | 'job-not-running'
  | 'stale-cursor';

/** A write was refused because the stored data changed or a uniqueness rule holds. Maps to HTTP 409. */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
  constructor(
    readonly code: ConflictCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Whether `error` is one of the store's deliberate errors (as opposed to a bug or a broken database). */
export function isStoreError(error: unknown): error is NotFoundError | ConflictError {
  return error instanceof NotFoundError || error instanceof ConflictError;
}
