/**
 * The live feed of case changes in this process: services publish when a case is opened (a submission) or moves
 * (a transition, a correction), and the inbox's server-sent events route (`GET /api/cases/feed`) forwards each
 * change to the signed-in staff listening. Only ids and states travel, never answers; the page reloads its list.
 * A change made by another process (a second server on the same store) is not seen here: the inbox also polls.
 */

/** One change of a case. */
export interface CaseChange {
  kind: 'opened' | 'moved' | 'corrected';
  caseId: string;
  programId: string;
  state: string;
  at: string;
}

type Listener = (change: CaseChange) => void;

/** A process-wide publish/subscribe of case changes. */
export class CaseFeed {
  private readonly listeners = new Set<Listener>();
  private readonly enders = new Map<Listener, () => void>();

  /**
   * Calls `listener` for every change from now on; `onEnd` when the feed ends (the server stops), so a stream can
   * close its connection. Returns the function that stops it.
   */
  subscribe(listener: Listener, onEnd?: () => void): () => void {
    this.listeners.add(listener);
    if (onEnd) this.enders.set(listener, onEnd);
    return () => {
      this.listeners.delete(listener);
      this.enders.delete(listener);
    };
  }

  /** Ends every subscription (the server is stopping): each `onEnd` is called once. */
  end(): void {
    const enders = [...this.enders.values()];
    this.listeners.clear();
    this.enders.clear();
    for (const onEnd of enders) onEnd();
  }

  /** Tells every listener; a listener that throws is dropped rather than stopping the others. */
  publish(change: CaseChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch {
        this.listeners.delete(listener);
      }
    }
  }

  /** How many listeners there are (for tests and health pages). */
  get size(): number {
    return this.listeners.size;
  }
}
