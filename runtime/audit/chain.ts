/**
 * The audit log's hash chain, keyed. Each entry's `hash` is `sha256(prevHash + canonicalJson(entry without hash and
 * mac))`, where canonical JSON is RFC 8785 (sorted keys, no spaces), and `prevHash` is the previous entry's hash (64
 * zeros for the first). Changing, deleting or reordering any entry therefore breaks the chain at that point.
 *
 * A hash chain alone is no proof against someone who can write the store: they can rewrite an entry and recompute
 * every later hash, or cut entries off the end. So, with the audit key (`runtime/audit/key.ts`, kept outside the
 * store):
 * - each entry carries `mac = HMAC-SHA256(key, "mandate-audit-entry:v1:" + hash)`: a rewritten entry with recomputed
 *   hashes no longer matches its MAC (nobody without the key can make one);
 * - the store keeps one signed checkpoint, updated in the same transaction as every append: the entry count and the
 *   head hash, HMAC'd. Entries deleted from the end leave the checkpoint pointing past the last entry.
 * Entries written before a key was configured have no MAC ("unkeyed"); they are still covered by the MACs of the
 * keyed entries after them, whose hashes depend on them.
 *
 * What no check here can show: a whole store replaced by an older copy (checkpoint included). Keep the last hash
 * printed by `mandate audit verify` somewhere else (a ticket, an e-mail) to detect that.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { AuditCheckpoint, AuditEntry, AuditInput } from '../store/types.ts';

/** The `prevHash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** An audit entry before its hash is computed. */
export type UnhashedAuditEntry = Omit<AuditEntry, 'hash' | 'mac'>;

/** The MAC of an entry whose hash is `hash`, under `key` (hex). */
export function entryMac(key: Buffer, hash: string): string {
  return createHmac('sha256', key).update(`mandate-audit-entry:v1:${hash}`).digest('hex');
}

/** The MAC of a checkpoint: `seq` entries, the last with hash `hash`, under `key` (hex). */
export function checkpointMac(key: Buffer, seq: number, hash: string): string {
  return createHmac('sha256', key).update(`mandate-audit-checkpoint:v1:${seq}:${hash}`).digest('hex');
}

/** The signed checkpoint after `last` (null for an empty log). */
export function checkpointOf(key: Buffer, last: Pick<AuditEntry, 'seq' | 'hash'>, at: string): AuditCheckpoint {
  return { seq: last.seq, hash: last.hash, at, mac: checkpointMac(key, last.seq, last.hash) };
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** RFC 8785 canonical JSON of a JSON value (throws on values JSON cannot hold, such as functions or cycles). */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('canonicalJson: the value cannot be represented as JSON.');
  return text;
}

/** The hash an entry must carry: sha256 hex of `prevHash` followed by the canonical JSON of the entry without `hash`. */
export function hashAuditEntry(entry: UnhashedAuditEntry): string {
  const { seq, at, actorId, action, entity, entityId, details, prevHash } = entry;
  const body = canonicalJson({ seq, at, actorId, action, entity, entityId, details, prevHash });
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}

const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `text` with each lone UTF-16 surrogate replaced by U+FFFD, so that it can be hashed and stored as UTF-8. */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATES, '\ufffd');
}

/** `JSON.stringify`'s escape of a lone surrogate (it writes well-formed text: a lone one comes out as `\udxxx`). */
const ESCAPED_SURROGATE = /\\u[dD][89a-fA-F]/;

/** `details` after a JSON round trip, with every text (keys too) well formed. */
function storedDetails(details: Record<string, unknown>): Record<string, unknown> {
  const text = JSON.stringify(details);
  // Most details hold no lone surrogate: one parse, no per-value work. (Text such as a backslash before "ud800" takes the
  // slow path too, which is always right.)
  if (!ESCAPED_SURROGATE.test(text)) return JSON.parse(text) as Record<string, unknown>;
  return JSON.parse(
    JSON.stringify(details, (_key, v) => (typeof v === 'string' ? wellFormed(v) : v)),
    (_key, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [wellFormed(k), x])) : v),
  ) as Record<string, unknown>;
}

/**
 * The entries that follow `previous` (the chain's last entry, of which only `seq` and `hash` are read; null for an
 * empty log) for the given inputs, linked and hashed, and MAC'd when
 * a `key` is given. `details` pass through a JSON round trip so that what is stored is exactly what was hashed; every
 * text is made well formed on the way (`wellFormed`), so no input text can stop an entry from being written (a failed
 * sign-in with a broken email is still audited).
 */
export function linkAuditEntries(previous: Pick<AuditEntry, 'seq' | 'hash'> | null, inputs: AuditInput[], now: string, key?: Buffer): AuditEntry[] {
  const out: AuditEntry[] = [];
  let prev: Pick<AuditEntry, 'seq' | 'hash'> | null = previous;
  for (const input of inputs) {
    const unhashed: UnhashedAuditEntry = {
      seq: (prev?.seq ?? 0) + 1,
      at: input.at ?? now,
      actorId: input.actorId ?? null,
      action: input.action,
      entity: input.entity,
      entityId: wellFormed(input.entityId),
      details: storedDetails(input.details ?? {}),
      prevHash: prev?.hash ?? GENESIS_HASH,
    };
    const hash = hashAuditEntry(unhashed);
    const entry: AuditEntry = { ...unhashed, hash, mac: key ? entryMac(key, hash) : null };
    out.push(entry);
    prev = entry;
  }
  return out;
}

/** Why the chain is broken at `seq`. */
export type ChainProblemKind = 'changed' | 'deleted' | 'reordered' | 'broken-link' | 'forged' | 'unsigned' | 'truncated' | 'checkpoint';

export interface ChainProblem {
  /** The first entry where the chain fails (for `deleted`: the entry found where a missing one should be). */
  seq: number;
  kind: ChainProblemKind;
  message: string;
}

export interface ChainReport {
  ok: boolean;
  /** Entries checked (all of them when ok). */
  count: number;
  /** The last entry's hash when ok (anchor it elsewhere to detect truncation), else null. */
  lastHash: string | null;
  problem?: ChainProblem;
  /** With a key: how the MACs were checked. Absent when verified without a key (MACs and checkpoint unchecked). */
  keyed?: {
    /** Entries 1..unkeyedUpTo carry no MAC (written before the key was configured); 0 when every entry has one. */
    unkeyedUpTo: number;
    /** Entries whose MAC was checked and matched. */
    macs: number;
    /** The signed checkpoint that was checked, or null when the log has no keyed entry (and so no checkpoint). */
    checkpoint: AuditCheckpoint | null;
  };
}

/**
 * Checks entries given in ascending `seq` order, as a store lists them, and reports the first problem:
 * `deleted` (a gap in seq, or a first entry other than 1), `reordered` (seq going backwards, or an entry whose link
 * or hash fits another position), `changed` (the stored hash does not match the content) or `broken-link` (the
 * entry is intact but does not point at its predecessor: the predecessor was rewritten with a fresh hash).
 * Feed it page by page with `push`; `report()` says the outcome so far.
 */
export class ChainVerifier {
  private prev: AuditEntry | null = null;
  private count = 0;
  private problem: ChainProblem | undefined;
  private unkeyedUpTo = 0;
  private macs = 0;
  private checkpoint: AuditCheckpoint | null = null;
  /** Hashes seen so far, to recognise an entry pointing at a non-adjacent predecessor (reordering). */
  private readonly seenHashes = new Map<string, number>();

  /** `laterSeqs`: every seq in the input, when known up front, so that a seq jumping ahead of one that comes later
   *  is reported as `reordered` rather than `deleted`. */
  constructor(
    private readonly laterSeqs?: ReadonlySet<number>,
    /** The audit key: each entry's MAC is checked too, and `finish` checks the signed checkpoint. */
    private readonly key?: Buffer,
  ) {}

  /** Checks the next entry; after the first problem, later entries are ignored. */
  push(entry: AuditEntry): void {
    if (this.problem) return;
    this.problem = this.check(entry) ?? this.checkMac(entry);
    if (this.problem) return;
    this.count += 1;
    this.seenHashes.set(entry.hash, entry.seq);
    this.prev = entry;
  }

  /**
   * With a key, after the last entry: checks the store's signed checkpoint against the end of the log (entries cut
   * off the end, a forged or missing checkpoint). Without a key it does nothing.
   */
  finish(checkpoint: AuditCheckpoint | null): void {
    if (this.problem || !this.key) return;
    this.checkpoint = checkpoint;
    const last = this.prev;
    if (!checkpoint) {
      if (this.macs > 0) {
        this.problem = {
          seq: last?.seq ?? 0,
          kind: 'checkpoint',
          message: `The log has keyed entries but no signed checkpoint: the checkpoint was deleted, so entries may have been cut off after entry ${last?.seq}.`,
        };
      }
      return;
    }
    if (!sameHex(checkpoint.mac, checkpointMac(this.key, checkpoint.seq, checkpoint.hash))) {
      this.problem = {
        seq: checkpoint.seq,
        kind: 'checkpoint',
        message: `The signed checkpoint (${checkpoint.seq} entries) does not match its MAC: it was rewritten by someone without the audit key (or the key is not the one the log was written with).`,
      };
      return;
    }
    const lastSeq = last?.seq ?? 0;
    if (checkpoint.seq > lastSeq) {
      const range = checkpoint.seq === lastSeq + 1 ? `Entry ${checkpoint.seq} was` : `Entries ${lastSeq + 1}–${checkpoint.seq} were`;
      this.problem = {
        seq: lastSeq + 1,
        kind: 'truncated',
        message: `The signed checkpoint of ${checkpoint.at} records ${checkpoint.seq} entries, but the log ends at entry ${lastSeq}: ${range} deleted from the end of the log.`,
      };
    } else if (checkpoint.seq < lastSeq) {
      this.problem = {
        seq: checkpoint.seq + 1,
        kind: 'checkpoint',
        message: `The signed checkpoint records ${checkpoint.seq} entries, but the log goes on to entry ${lastSeq}: entries ${checkpoint.seq + 1}–${lastSeq} were added without the audit key.`,
      };
    } else if (last && checkpoint.hash !== last.hash) {
      this.problem = {
        seq: lastSeq,
        kind: 'checkpoint',
        message: `The signed checkpoint's head hash is not entry ${lastSeq}'s: the end of the log was replaced.`,
      };
    }
  }

  /** The outcome for everything pushed so far. */
  report(): ChainReport {
    const keyed = this.key ? { keyed: { unkeyedUpTo: this.unkeyedUpTo, macs: this.macs, checkpoint: this.checkpoint } } : {};
    if (this.problem) return { ok: false, count: this.count, lastHash: null, problem: this.problem, ...keyed };
    return { ok: true, count: this.count, lastHash: this.prev?.hash ?? null, ...keyed };
  }

  /** With a key: the entry's MAC (the chain checks passed). */
  private checkMac(entry: AuditEntry): ChainProblem | undefined {
    if (!this.key) return undefined;
    if (!entry.mac) {
      if (this.macs === 0) {
        this.unkeyedUpTo = entry.seq;
        return undefined;
      }
      return {
        seq: entry.seq,
        kind: 'unsigned',
        message: `Entry ${entry.seq} (${entry.action} ${entry.entity} ${entry.entityId}) has no MAC although the entries before it have one: it was written or rewritten without the audit key.`,
      };
    }
    if (sameHex(entry.mac, entryMac(this.key, entry.hash))) {
      this.macs += 1;
      return undefined;
    }
    const before =
      this.macs === 0 && this.unkeyedUpTo > 0 ? ` (or one of the unkeyed entries 1–${this.unkeyedUpTo} before it, whose hash it depends on)` : '';
    return {
      seq: entry.seq,
      kind: 'forged',
      message:
        `Entry ${entry.seq} (${entry.action} ${entry.entity} ${entry.entityId}) does not match its MAC: it${before} was changed and the hashes recomputed ` +
        'by someone without the audit key (or the key is not the one the log was written with).',
    };
  }

  private check(entry: AuditEntry): ChainProblem | undefined {
    const expectedSeq = (this.prev?.seq ?? 0) + 1;
    if (entry.seq < expectedSeq) {
      return {
        seq: entry.seq,
        kind: 'reordered',
        message: `Entry ${entry.seq} comes after entry ${expectedSeq - 1}: entries are out of order or duplicated.`,
      };
    }
    if (entry.seq > expectedSeq && this.laterSeqs?.has(expectedSeq)) {
      return {
        seq: entry.seq,
        kind: 'reordered',
        message: `Entry ${entry.seq} comes before entry ${expectedSeq}: entries are out of order.`,
      };
    }
    if (entry.seq > expectedSeq) {
      const missing = expectedSeq === entry.seq - 1 ? `${expectedSeq}` : `${expectedSeq}–${entry.seq - 1}`;
      return {
        seq: entry.seq,
        kind: 'deleted',
        message: `Entry ${missing} is missing before entry ${entry.seq}: audit entries were deleted.`,
      };
    }
    const expectedPrev = this.prev?.hash ?? GENESIS_HASH;
    if (hashAuditEntry(entry) !== entry.hash) {
      const movedFrom = this.originalPosition(entry);
      if (movedFrom !== undefined) {
        return {
          seq: entry.seq,
          kind: 'reordered',
          message: `Entry ${entry.seq} was written as entry ${movedFrom} and renumbered: entries were reordered.`,
        };
      }
      return {
        seq: entry.seq,
        kind: 'changed',
        message: `Entry ${entry.seq} (${entry.action} ${entry.entity} ${entry.entityId}) does not match its hash: it was changed after it was written.`,
      };
    }
    if (entry.prevHash !== expectedPrev) {
      const pointsAt = this.seenHashes.get(entry.prevHash);
      if (pointsAt !== undefined) {
        return {
          seq: entry.seq,
          kind: 'reordered',
          message: `Entry ${entry.seq} links to entry ${pointsAt} instead of entry ${entry.seq - 1}: entries were reordered.`,
        };
      }
      return {
        seq: entry.seq,
        kind: 'broken-link',
        message: `Entry ${entry.seq} does not link to entry ${entry.seq - 1}: entry ${entry.seq - 1} was replaced or rewritten with a new hash.`,
      };
    }
    return undefined;
  }

  /** If the entry's hash fits its content under another seq, the seq it was written with. */
  private originalPosition(entry: AuditEntry): number | undefined {
    const linked = entry.prevHash === GENESIS_HASH ? 0 : this.seenHashes.get(entry.prevHash);
    const candidates = linked !== undefined ? [linked + 1] : [];
    // A swap with a later entry: the link points forward, so try nearby positions too.
    for (let delta = 1; delta <= 16; delta += 1) candidates.push(entry.seq + delta, entry.seq - delta);
    for (const seq of candidates) {
      if (seq < 1 || seq === entry.seq) continue;
      if (hashAuditEntry({ ...entry, seq }) === entry.hash) return seq;
    }
    return undefined;
  }
}

/**
 * Verifies a whole chain given in ascending `seq` order (see `ChainVerifier`); with a `key`, the MACs and the
 * checkpoint (null: none stored) too. An empty chain is ok.
 */
export function verifyChain(entries: Iterable<AuditEntry>, keyed?: { key: Buffer; checkpoint: AuditCheckpoint | null }): ChainReport {
  const list = [...entries];
  const verifier = new ChainVerifier(new Set(list.map((e) => e.seq)), keyed?.key);
  for (const entry of list) verifier.push(entry);
  if (keyed) verifier.finish(keyed.checkpoint);
  return verifier.report();
}
