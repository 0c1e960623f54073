/**
 * The shared-state aggregate of the store: counters, short-lived values and leases that several runtime
 * processes on one database share.
 * Part of the `Store` contract (`types.ts`, whose conventions hold here too).
 */

/** State shared by several runtime processes on one database (nothing of it lives in process memory): counters, values and leases. */
export interface SharedStateStore {
  /**
   * Counts `by` (default 1; -1 takes a hit back) hits of `key` in the fixed window starting at `windowStart` (ms since
   * the epoch) and returns the window's hits so far, these included; the row may be dropped after `expiresAt` (ms). Rate limits and
   * wrong-code throttles count here, so every process sees the same totals. Not part of the audit, and not fsynced
   * on its own (a power cut may forget the last counts).
   */
  hitCounter(key: string, windowStart: number, expiresAt: number, by?: number): Promise<number>;
  /** The hits of `key` in the window starting at `windowStart` (0 when none). */
  readCounter(key: string, windowStart: number): Promise<number>;
  /** Forgets every window of `key` (a right code clears the wrong ones). */
  resetCounter(key: string): Promise<void>;
  /** Keeps `value` under `key` until `expiresAt` (ms), replacing an earlier one (status sessions, one-time codes: hashes only). */
  putSharedValue(key: string, value: string, expiresAt: number): Promise<void>;
  /** The value under `key` unless it expired before `now` (ms); with `take` it is also deleted, so only one caller gets it. */
  getSharedValue(key: string, now: number, take?: boolean): Promise<string | null>;
  /** Deletes the value under `key`. */
  deleteSharedValue(key: string): Promise<void>;
  /**
   * Claims the lease `name` for `holder` until `until` (ms): true when it was free, lapsed (its `until` before `now`)
   * or already `holder`'s (then renewed); false while another holder has it. The one claim that wins does the work.
   */
  claimLease(name: string, holder: string, now: number, until: number): Promise<boolean>;
  /** Gives the lease up if `holder` has it. */
  releaseLease(name: string, holder: string): Promise<void>;
  /** Who holds the lease `name` and until when (ms), or null when nobody does. */
  leaseHolder(name: string): Promise<{ holder: string; until: number } | null>;
}
