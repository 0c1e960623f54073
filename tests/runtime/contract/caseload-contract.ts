/**
 * The storage contract, caseload part: reading a program's cases page by page by keyset on case id, with the
 * application's answers as the stored JSON text, filtered by states. Registered by `describeStoreContract`.
 */
import { describe, expect, it } from 'vitest';
import type { CaseloadRow } from '../../../runtime/store/types.ts';
import { submitted } from './fixtures.ts';
import type { StoreHolder } from './store-contract.ts';

/** Registers the caseload contract tests. */
export function describeCaseloadContract(h: StoreHolder): void {
  describe('caseload', () => {
    it('reads every case of a program in id order, page by page after the last id, with lang, version and answers as stored text', async () => {
      const made = [];
      for (let i = 0; i < 7; i++) made.push(await submitted(h.store, { state: i % 3 === 0 ? 'approved' : 'submitted' }));
      await submitted(h.store, { programId: 'other' });
      const ids = made.map((m) => m.case.id).sort();
      const pages: CaseloadRow[][] = [];
      let after: string | undefined;
      for (;;) {
        const page = await h.store.readCaseload({ programId: 'test-program', after, limit: 3 });
        if (page.length === 0) break;
        pages.push(page);
        after = page[page.length - 1].caseId;
      }
      expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
      const rows = pages.flat();
      expect(rows.map((r) => r.caseId)).toEqual(ids);
      const first = made.find((m) => m.case.id === ids[0])!;
      expect(rows[0]).toEqual({ caseId: first.case.id, state: first.case.state, version: 1, lang: 'en', answers: expect.any(String) });
      expect(JSON.parse(rows[0].answers)).toEqual({ income: 500 });
      expect(await h.store.countCaseload({ programId: 'test-program' })).toBe(7);
    });

    it('filters by states (none given: every state; an empty list: no case)', async () => {
      const a = await submitted(h.store, { state: 'submitted' });
      const b = await submitted(h.store, { state: 'review' });
      await submitted(h.store, { state: 'approved' });
      const read = async (states?: string[] | null) =>
        (await h.store.readCaseload({ programId: 'test-program', states, limit: 100 })).map((r) => r.caseId);
      expect(await read(['submitted', 'review'])).toEqual([a.case.id, b.case.id].sort());
      expect(await h.store.countCaseload({ programId: 'test-program', states: ['submitted', 'review'] })).toBe(2);
      expect((await read(null)).length).toBe(3);
      expect((await read()).length).toBe(3);
      expect(await read([])).toEqual([]);
      expect(await h.store.countCaseload({ programId: 'test-program', states: [] })).toBe(0);
      expect(await h.store.readCaseload({ programId: 'no-such-program', limit: 10 })).toEqual([]);
    });
  });
}
