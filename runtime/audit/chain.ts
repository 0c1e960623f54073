/**
 * The audit log's hash chain. Each entry's `hash` is `sha256(prevHash + canonicalJson(entry without hash))`, where
 * canonical JSON is RFC 8785 (sorted keys, no spaces), and `prevHash` is the previous entry's hash (64 zeros for the
 * first). Changing, deleting or reordering any entry therefore breaks the chain at that point.
 *
 * What the chain cannot show on its own: entries cut off the END of the log. Keep the last hash printed by
 * `mandate audit verify` somewhere else (a ticket, an e-mail) to detect that.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { AuditEntry, AuditInput } from '../store/types.ts';

/** The `prevHash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** An audit entry before its hash is computed. */
export type UnhashedAuditEntry = Omit<AuditEntry, 'hash'>;

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

/**
 * The entries that follow `previous` (null for an empty log) for the given inputs, linked and hashed. `details`
 * pass through a JSON round trip so that what is stored is exactly what was hashed; every text is made well formed
 * on the way (`wellFormed`), so no input text can stop an entry from being written (a failed sign-in with a broken
 * email is still audited).
 */
export function linkAuditEntries(previous: AuditEntry | null, inputs: AuditInput[], now: string): AuditEntry[] {
  const out: AuditEntry[] = [];
  let prev = previous;
  for (const input of inputs) {
    const unhashed: UnhashedAuditEntry = {
      seq: (prev?.seq ?? 0) + 1,
      at: input.at ?? now,
      actorId: input.actorId ?? null,
      action: input.action,
      entity: input.entity,
      entityId: wellFormed(input.entityId),
      details: JSON.parse(
        JSON.stringify(input.details ?? {}, (_key, v) => (typeof v === 'string' ? wellFormed(v) : v)),
        (_key, v) =>
          v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [wellFormed(k), x])) : v,
      ) as Record<string, unknown>,
      prevHash: prev?.hash ?? GENESIS_HASH,
    };
    const entry: AuditEntry = { ...unhashed, hash: hashAuditEntry(unhashed) };
    out.push(entry);
    prev = entry;
  }
  return out;
}

/** Why the chain is broken at `seq`. */
export type ChainProblemKind = 'changed' | 'deleted' | 'reordered' | 'broken-link';

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
  /** Hashes seen so far, to recognise an entry pointing at a non-adjacent predecessor (reordering). */
  private readonly seenHashes = new Map<string, number>();

  /** `laterSeqs`: every seq in the input, when known up front, so that a seq jumping ahead of one that comes later
   *  is reported as `reordered` rather than `deleted`. */
  constructor(private readonly laterSeqs?: ReadonlySet<number>) {}

  /** Checks the next entry; after the first problem, later entries are ignored. */
  push(entry: AuditEntry): void {
    if (this.problem) return;
    this.problem = this.check(entry);
    if (this.problem) return;
    this.count += 1;
    this.seenHashes.set(entry.hash, entry.seq);
    this.prev = entry;
  }

  /** The outcome for everything pushed so far. */
  report(): ChainReport {
    if (this.problem) return { ok: false, count: this.count, lastHash: null, problem: this.problem };
    return { ok: true, count: this.count, lastHash: this.prev?.hash ?? null };
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

/** Verifies a whole chain given in ascending `seq` order (see `ChainVerifier`). An empty chain is ok. */
export function verifyChain(entries: Iterable<AuditEntry>): ChainReport {
  const list = [...entries];
  const verifier = new ChainVerifier(new Set(list.map((e) => e.seq)));
  for (const entry of list) verifier.push(entry);
  return verifier.report();
}
