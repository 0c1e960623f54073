/**
 * The storage contract of the audit aggregate (`AuditStore`, runtime/store/audit-types.ts): linked entries from
 * every write, verified; tampering detected; one linear chain under concurrent writers.
 * Registered by `describeStoreContract`.
 */
import { describe, expect, it } from 'vitest';
import { verifyChain } from '../../../runtime/audit/chain.ts';
import { auditOf, submitted } from './fixtures.ts';
import type { StoreHolder } from './store-contract.ts';

/** Registers the audit contract tests. */
export function describeAuditContract(h: StoreHolder): void {
  describe('audit chain', () => {
    it('appends linked entries from every write and verifies them; filters by entity and actor', async () => {
      await h.store.createUser({ email: 'a@x.org', name: 'A', roles: [], passwordHash: 'h' }, auditOf('user.create', 'u'));
      await h.store.appendAudit([auditOf('auth.login', 'u'), { ...auditOf('auth.logout', 'u'), actorId: 'other' }]);
      await submitted(h.store);
      const entries = await h.store.listAudit();
      expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
      expect(entries[1].prevHash).toBe(entries[0].hash);
      expect(verifyChain(entries)).toMatchObject({ ok: true, count: 4, lastHash: entries[3].hash });
      expect(await h.store.lastAudit()).toEqual(entries[3]);
      expect((await h.store.listAudit({ actorId: 'other' })).map((e) => e.action)).toEqual(['auth.logout']);
      expect((await h.store.listAudit({ entity: 'auth' })).map((e) => e.seq)).toEqual([2, 3]);
      expect((await h.store.listAudit({ afterSeq: 2, limit: 1 })).map((e) => e.seq)).toEqual([3]);
      expect(entries[0].details).toEqual({});
    });

    it('detects a changed, a deleted and a reordered entry in what the store returns', async () => {
      for (let i = 0; i < 5; i += 1) await h.store.appendAudit(auditOf('thing.do', `e${i}`, { n: i, 'a.b': { $set: i } }));
      const entries = await h.store.listAudit();
      expect(verifyChain(entries).ok).toBe(true);
      const changed = entries.map((e) => (e.seq === 3 ? { ...e, details: { n: 99 } } : e));
      expect(verifyChain(changed).problem).toMatchObject({ seq: 3, kind: 'changed' });
      const deleted = entries.filter((e) => e.seq !== 2);
      expect(verifyChain(deleted).problem).toMatchObject({ seq: 3, kind: 'deleted' });
      const swapped = [entries[0], { ...entries[2], seq: 2 }, { ...entries[1], seq: 3 }, entries[3], entries[4]];
      expect(verifyChain(swapped).problem).toMatchObject({ seq: 2, kind: 'reordered' });
      expect(await h.store.lastAudit()).toEqual(entries[4]);
    });

    it('keeps one linear chain under concurrent writers', async () => {
      await Promise.all(Array.from({ length: 20 }, (_, i) => h.store.appendAudit(auditOf('race.append', `r${i}`))));
      await Promise.all(Array.from({ length: 5 }, () => submitted(h.store)));
      const entries = await h.store.listAudit({ limit: 1000 });
      expect(entries).toHaveLength(25);
      expect(verifyChain(entries).ok).toBe(true);
    });
  });
}
