/**
 * The audit aggregate of the store: the append-only, hash-chained audit log and its signed checkpoint.
 * Part of the `Store` contract (`types.ts`, whose conventions hold here too).
 */

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

/** The hash-chained audit log (every other aggregate appends to it with its changes). */
export interface AuditStore {
  /** Appends entries on their own (sign-ins, user changes); returns them with seq and hashes. */
  appendAudit(audit: AuditArg): Promise<AuditEntry[]>;
  /** Entries in ascending `seq` order (see `AuditQuery`). */
  listAudit(query?: AuditQuery): Promise<AuditEntry[]>;
  /** The entry with the highest `seq`, or null for an empty log. */
  lastAudit(): Promise<AuditEntry | null>;
  /** The signed checkpoint (see `runtime/audit/chain.ts`), or null when none was written (no key, or an unkeyed log). */
  auditCheckpoint(): Promise<AuditCheckpoint | null>;
}
