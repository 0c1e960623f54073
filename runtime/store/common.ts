/**
 * Small rules both store implementations share, so that they behave identically: id generation, paging limits,
 * audit argument normalisation, email normalisation, revision checks and the determination fields a case takes.
 */
import { randomUUID } from 'node:crypto';
import { ConflictError } from './errors.ts';
import type {
  ApplicationRecord,
  ApplyTransitionInput,
  AuditArg,
  AuditInput,
  CaseRecord,
  CompactDetermination,
  Decision,
  JobCounts,
  JobRecord,
  OrganisationSettings,
  PageRequest,
  SettingsRecord,
  StoredResult,
} from './types.ts';
import { DEFAULT_ORGANISATION } from './types.ts';

/** The given id, or a fresh random UUID. */
export function idOr(id: string | undefined): string {
  return id ?? randomUUID();
}

/** `limit` defaults to 50 and is clamped to 1…500; `offset` defaults to 0 and is never negative. */
export function pageOf(page: PageRequest | undefined): { limit: number; offset: number } {
  const limit = Math.min(Math.max(Math.trunc(page?.limit ?? 50), 1), 500);
  const offset = Math.max(Math.trunc(page?.offset ?? 0), 0);
  return { limit, offset };
}

/** The settings an organisation has before anyone saves them: maker-checker on. */
export const DEFAULT_SETTINGS: OrganisationSettings = { makerChecker: true };

/** A stored settings row (the installation's in `settings`, an organisation's own in `organisation_settings`). */
export interface SettingsRow {
  value: string;
  revision: number;
  updated_at: string;
  updated_by: string | null;
}

/** The installation's (the `default` organisation's) settings from its stored row, or the defaults without one. */
export function installationSettingsOf(row: SettingsRow | undefined): SettingsRecord {
  return organisationSettingsOf(DEFAULT_ORGANISATION, row, undefined);
}

/**
 * The settings `organisationId` works under, from its own stored row; without one, the installation's (`installation`,
 * marked `inherited`), or the defaults for the installation itself.
 */
export function organisationSettingsOf(
  organisationId: string,
  row: SettingsRow | undefined,
  installation: SettingsRecord | undefined,
): SettingsRecord {
  if (!row && installation && organisationId !== DEFAULT_ORGANISATION) {
    const { exportColumns, makerChecker, referralStaleDays } = installation;
    return {
      makerChecker,
      ...(exportColumns ? { exportColumns } : {}),
      ...(referralStaleDays !== undefined ? { referralStaleDays } : {}),
      organisationId,
      inherited: true,
      revision: 0,
      updatedAt: null,
      updatedBy: null,
    };
  }
  const base = { organisationId, inherited: false };
  if (!row) return { ...DEFAULT_SETTINGS, ...base, revision: 0, updatedAt: null, updatedBy: null };
  return { ...DEFAULT_SETTINGS, ...JSON.parse(row.value), ...base, revision: row.revision, updatedAt: row.updated_at, updatedBy: row.updated_by };
}

/** Audit query limit: default 100, clamped to 1…1000. */
export function auditLimit(limit: number | undefined): number {
  return Math.min(Math.max(Math.trunc(limit ?? 100), 1), 1000);
}

/** The audit argument as a list (empty when absent). */
export function auditList(audit: AuditArg | undefined): AuditInput[] {
  if (!audit) return [];
  return Array.isArray(audit) ? audit : [audit];
}

/** The audit entry of an abandoned draft the scheduler deleted (`expireDraftApplications`). */
export function expiryAudit(app: ApplicationRecord): AuditInput {
  return {
    actorId: null,
    action: 'application.expire',
    entity: 'application',
    entityId: app.id,
    details: { programId: app.programId, version: app.version, createdAt: app.createdAt, lastSavedAt: app.updatedAt },
  };
}

/** Emails are unique case-insensitively; they are stored trimmed and lowercased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Throws `stale-revision` when an expected revision is given and differs from the stored one. */
export function checkRevision(what: string, current: number, expected: number | undefined): void {
  if (expected !== undefined && expected !== current) {
    throw new ConflictError(
      'stale-revision',
      `The ${what} was changed by someone else (revision ${current}, you had ${expected}). Reload it and apply your change again.`,
      { currentRevision: current, expectedRevision: expected },
    );
  }
}

/** Appends `actorId` to `performedBy[event]` (once) and returns a new map. */
export function withPerformer(performedBy: Record<string, string[]>, event: string, actorId: string | null): Record<string, string[]> {
  const next: Record<string, string[]> = { ...performedBy };
  if (actorId === null) return next;
  const list = next[event] ?? [];
  next[event] = list.includes(actorId) ? list : [...list, actorId];
  return next;
}

/**
 * The case after a transition: checks the revision and the state the transition starts from (throwing the
 * `stale-revision` / `wrong-state` conflicts), then returns the next record. Both stores call it inside their unit.
 */
export function transitionedCase(current: CaseRecord, input: ApplyTransitionInput, at: string): CaseRecord {
  checkRevision(`case "${input.caseId}"`, current.revision, input.expectedRevision);
  if (current.state !== input.from) {
    throw new ConflictError(
      'wrong-state',
      `Case "${input.caseId}" is in state "${current.state}", not "${input.from}": reload it and choose an action again.`,
      { currentState: current.state, expectedState: input.from },
    );
  }
  return {
    ...current,
    state: input.to,
    stateEnteredAt: input.to !== current.state ? at : current.stateEnteredAt,
    assignee: input.assignee !== undefined ? input.assignee : current.assignee,
    dueOn: input.dueOn !== undefined ? input.dueOn : current.dueOn,
    performedBy: withPerformer(current.performedBy, input.event, input.actorId),
    decision: input.decision ? { ...input.decision, event: input.event, to: input.to, actorId: input.actorId, at } : current.decision,
    updatedAt: at,
    revision: current.revision + 1,
  };
}

/** Escapes `%`, `_` and `\` for a SQL LIKE pattern used with `ESCAPE '\'`. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Escapes a string for use inside a regular expression (MongoDB text filter). */
export function regexEscape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A deep copy through JSON: what a store keeps is exactly what JSON can hold. */
export function jsonCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Freezes a JSON value and everything inside it; returns it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  }
  return value;
}

/**
 * Parsed documents of published program versions, which never change: parsing a 40 kB program on every read was
 * the store's largest CPU cost on the submit path. Entries are keyed by program, version AND hash, and the cached
 * documents are deeply frozen, so a caller that tried to mutate one would fail loudly instead of corrupting others.
 */
export class PublishedDocCache<Doc> {
  private readonly entries = new Map<string, { hash: string; doc: Doc }>();

  /** The cached document for this version and hash, or undefined (a store that reads the text asynchronously asks first). */
  peek(programId: string, version: number, hash: string): Doc | undefined {
    const hit = this.entries.get(`${programId}@${version}`);
    return hit && hit.hash === hash ? hit.doc : undefined;
  }

  /** The frozen document for this version and hash, parsing `text` only on the first request. */
  get(programId: string, version: number, hash: string, text: () => string): Doc {
    const key = `${programId}@${version}`;
    const hit = this.entries.get(key);
    if (hit && hit.hash === hash) return hit.doc;
    const doc = deepFreeze(JSON.parse(text()) as Doc);
    this.entries.set(key, { hash, doc });
    return doc;
  }
}

/** A case reference's text: prefix, two-digit year, the number on six digits (more when a year passes a million). */
export function formatReference(prefix: string, year: number, n: number): string {
  return `${prefix}-${String(year % 100).padStart(2, '0')}-${String(n).padStart(6, '0')}`;
}

/** How many failed cases a job keeps by name (the count covers them all). */
export const JOB_FAILURES_KEPT = 100;

/** Counts with nothing counted yet. */
export function zeroCounts(): JobCounts {
  return { seen: 0, changed: 0, unchanged: 0, skippedDecided: 0, alreadyCurrent: 0, skippedNewer: 0, failed: 0 };
}

/** `a + b`, count by count. */
export function addCounts(a: JobCounts, b: JobCounts): JobCounts {
  return {
    seen: a.seen + b.seen,
    changed: a.changed + b.changed,
    unchanged: a.unchanged + b.unchanged,
    skippedDecided: a.skippedDecided + b.skippedDecided,
    alreadyCurrent: a.alreadyCurrent + b.alreadyCurrent,
    // Jobs recorded before the count existed lack it.
    skippedNewer: (a.skippedNewer ?? 0) + (b.skippedNewer ?? 0),
    failed: a.failed + b.failed,
  };
}

/** The refusal of a chunk or a finish for a job that is no longer running. */
export function jobNotRunning(job: JobRecord): ConflictError {
  return new ConflictError('job-not-running', `The job "${job.id}" is ${job.status}, not running.`, { jobId: job.id, status: job.status });
}

/** Throws unless `job` is running at `expectedCursor` (the checks every chunk passes before it writes). */
export function checkChunk(job: JobRecord, expectedCursor: string | null): void {
  if (job.status !== 'running') throw jobNotRunning(job);
  if (job.cursor !== expectedCursor) {
    throw new ConflictError(
      'stale-cursor',
      `The job "${job.id}" was advanced by another runner (cursor ${job.cursor}, expected ${expectedCursor}).`,
      {
        jobId: job.id,
      },
    );
  }
}

/** The format mark of a compact determination. */
export const COMPACT_FORMAT = 'compact-1';

/** Whether a stored result is compact (written since issue 12) rather than a full determination. */
export function isCompact(result: StoredResult): result is CompactDetermination {
  return (result as CompactDetermination).format === COMPACT_FORMAT;
}

/** The decision of a stored result, compact or full (the SQLite store computes the same in SQL: `DECISION_SQL`). */
export function decisionOf(result: StoredResult): Decision {
  if (isCompact(result)) {
    return {
      eligibility: result.eligibility,
      benefits: Object.fromEntries(result.benefits.map((b) => [b.id, b.amount])),
      outcomes: result.outcomes,
      missing: result.missing,
      invalid: result.invalid,
    };
  }
  return {
    eligibility: result.eligibility,
    benefits: Object.fromEntries(result.benefits.map((b) => [b.id, b.amount])),
    outcomes: Object.fromEntries(result.reasons.map((r) => [r.rule, r.outcome])),
    missing: result.missing.map((m) => m.path),
    invalid: result.inputErrors.length > 0,
  };
}
