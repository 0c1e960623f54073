/**
 * The live feed of case changes: while staff listen (the inbox's server-sent events, `GET /api/cases/feed`), the
 * feed follows the audit log in the store from where it stood when the first listener came, and turns each case
 * being opened (a submission), moving (a transition) or corrected into a change for every listener. Because it
 * reads the store, a change made by any runtime process on the same database is seen by every process (issue 18),
 * within one poll (`pollMs`, default half a second). Only ids and states travel, never answers; the page reloads
 * its list.
 */
import type { AuditEntry, Store } from '../store/types.ts';

/** One change of a case. */
export interface CaseChange {
  kind: 'opened' | 'moved' | 'corrected';
  caseId: string;
  programId: string;
  state: string;
  at: string;
}

type Listener = (change: CaseChange) => void;
type FeedStore = Pick<Store, 'listAudit' | 'lastAudit' | 'getCase' | 'getCaseByApplication'>;

/** Audit entries read per query while catching up. */
const PAGE = 500;

/** The case change an audit entry records, or null when it records none. */
async function changeOf(store: FeedStore, entry: AuditEntry): Promise<CaseChange | null> {
  const details = entry.details as Record<string, unknown>;
  if (entry.action === 'application.submit') {
    const kase = await store.getCaseByApplication(entry.entityId);
    return kase ? { kind: 'opened', caseId: kase.id, programId: kase.programId, state: String(details.state ?? kase.state), at: entry.at } : null;
  }
  if (entry.action === 'case.transition' || entry.action === 'case.correct') {
    const kase = await store.getCase(entry.entityId);
    if (!kase) return null;
    const moved = entry.action === 'case.transition';
    return {
      kind: moved ? 'moved' : 'corrected',
      caseId: kase.id,
      programId: kase.programId,
      state: moved ? String(details.to) : kase.state,
      at: entry.at,
    };
  }
  return null;
}

/** A publish/subscribe of case changes, fed by the store's audit log. */
export class CaseFeed {
  private readonly listeners = new Set<Listener>();
  private readonly enders = new Map<Listener, () => void>();
  private cursor: Promise<number> | null = null;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | null = null;

  constructor(
    private readonly store: FeedStore,
    private readonly pollMs = 500,
  ) {}

  /**
   * Calls `listener` for every change from now on; `onEnd` when the feed ends (the server stops), so a stream can
   * close its connection. Returns the function that stops it.
   */
  subscribe(listener: Listener, onEnd?: () => void): () => void {
    this.listeners.add(listener);
    if (onEnd) this.enders.set(listener, onEnd);
    if (this.listeners.size === 1) this.follow();
    return () => {
      this.listeners.delete(listener);
      this.enders.delete(listener);
      if (this.listeners.size === 0) this.unfollow();
    };
  }

  /** Ends every subscription (the server is stopping): each `onEnd` is called once. */
  end(): void {
    const enders = [...this.enders.values()];
    this.listeners.clear();
    this.enders.clear();
    this.unfollow();
    for (const onEnd of enders) onEnd();
  }

  /** How many listeners there are (for tests and health pages). */
  get size(): number {
    return this.listeners.size;
  }

  /** Starts following the audit log from its current end. */
  private follow(): void {
    this.cursor = this.store.lastAudit().then((last) => last?.seq ?? 0);
    this.timer = setInterval(() => {
      this.polling ??= this.poll().finally(() => {
        this.polling = null;
      });
    }, this.pollMs);
    this.timer.unref();
  }

  private unfollow(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.cursor = null;
  }

  /** Reads the entries after the cursor and tells the listeners; a failed read is tried again at the next poll. */
  private async poll(): Promise<void> {
    let cursor = this.cursor;
    if (!cursor) return;
    try {
      let after = await cursor;
      for (;;) {
        const entries = await this.store.listAudit({ afterSeq: after, limit: PAGE });
        for (const entry of entries) {
          const change = await changeOf(this.store, entry);
          if (change) this.publish(change);
          after = entry.seq;
        }
        if (this.cursor !== cursor) return;
        this.cursor = cursor = Promise.resolve(after);
        if (entries.length < PAGE) return;
      }
    } catch {
      // The store did not answer (it may be closing): the next poll starts again from the last entry told.
    }
  }

  /** Tells every listener; a listener that throws is dropped rather than stopping the others. */
  private publish(change: CaseChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch {
        this.listeners.delete(listener);
      }
    }
  }
}
