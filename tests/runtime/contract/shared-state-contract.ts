/**
 * The storage contract's shared state (issue 18): fixed-window counters, short-lived values and leases, which let
 * several runtime processes on one store share rate limits, throttles, status sessions and who runs shared work.
 */
import { describe, expect, it } from 'vitest';
import type { StoreHolder } from './store-contract.ts';

/** Registers the shared-state contract tests. */
export function describeSharedStateContract(h: StoreHolder): void {
  describe('shared state', () => {
    it('counts hits per key and window, takes one back, reads and forgets them', async () => {
      expect(await h.store.readCounter('login:1.2.3.4', 60_000)).toBe(0);
      expect(await h.store.hitCounter('login:1.2.3.4', 60_000, 120_000)).toBe(1);
      expect(await h.store.hitCounter('login:1.2.3.4', 60_000, 120_000)).toBe(2);
      expect(await h.store.hitCounter('login:1.2.3.4', 60_000, 120_000, -1)).toBe(1);
      expect(await h.store.hitCounter('login:1.2.3.4', 120_000, 180_000)).toBe(1);
      expect(await h.store.hitCounter('login:5.6.7.8', 60_000, 120_000)).toBe(1);
      expect(await h.store.readCounter('login:1.2.3.4', 60_000)).toBe(1);
      await h.store.resetCounter('login:1.2.3.4');
      expect(await h.store.readCounter('login:1.2.3.4', 60_000)).toBe(0);
      expect(await h.store.readCounter('login:1.2.3.4', 120_000)).toBe(0);
      expect(await h.store.readCounter('login:5.6.7.8', 60_000)).toBe(1);
    });

    it('counts concurrent hits without losing one', async () => {
      const counts = await Promise.all(Array.from({ length: 50 }, () => h.store.hitCounter('writes:c', 0, 60_000)));
      expect([...counts].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    });

    it('keeps a value until it expires, replaces it, and gives a taken value to one caller only', async () => {
      await h.store.putSharedValue('status-session:abc', 'app-1', 10_000);
      expect(await h.store.getSharedValue('status-session:abc', 9_999)).toBe('app-1');
      expect(await h.store.getSharedValue('status-session:abc', 10_001)).toBeNull();
      await h.store.putSharedValue('status-session:abc', 'app-2', 20_000);
      expect(await h.store.getSharedValue('status-session:abc', 10_001)).toBe('app-2');
      await h.store.deleteSharedValue('status-session:abc');
      expect(await h.store.getSharedValue('status-session:abc', 0)).toBeNull();
      await h.store.putSharedValue('code:1', 'hash', 10_000);
      const taken = await Promise.all([h.store.getSharedValue('code:1', 0, true), h.store.getSharedValue('code:1', 0, true)]);
      expect(taken.filter((v) => v === 'hash')).toHaveLength(1);
      expect(await h.store.getSharedValue('code:1', 0)).toBeNull();
    });

    it('grants a lease to one holder until it lapses, renews it for its holder, and releases it', async () => {
      expect(await h.store.claimLease('job:1', 'a', 1_000, 2_000)).toBe(true);
      expect(await h.store.claimLease('job:1', 'b', 1_500, 2_500)).toBe(false);
      expect(await h.store.leaseHolder('job:1')).toEqual({ holder: 'a', until: 2_000 });
      expect(await h.store.claimLease('job:1', 'a', 1_500, 3_000)).toBe(true);
      expect(await h.store.claimLease('job:1', 'b', 2_999, 4_000)).toBe(false);
      // Lapsed: another holder takes it.
      expect(await h.store.claimLease('job:1', 'b', 3_001, 4_000)).toBe(true);
      expect(await h.store.leaseHolder('job:1')).toEqual({ holder: 'b', until: 4_000 });
      await h.store.releaseLease('job:1', 'a');
      expect((await h.store.leaseHolder('job:1'))?.holder).toBe('b');
      await h.store.releaseLease('job:1', 'b');
      expect(await h.store.leaseHolder('job:1')).toBeNull();
      const racing = await Promise.all(['x', 'y', 'z'].map((holder) => h.store.claimLease('schedule:p@2', holder, 0, 1_000)));
      expect(racing.filter(Boolean)).toHaveLength(1);
    });
  });
}
