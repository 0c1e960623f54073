/**
 * The storage contract of re-determination jobs (part of `describeStoreContract`): one running job per program
 * version, the keyset read of a program's cases with answers and applied determination, the chunk as one atomic
 * unit (refused whole when the job was cancelled, its cursor moved or a case changed), and finishing a job once.
 */
import { describe, expect, it } from 'vitest';
import { verifyChain } from '../../../runtime/audit/chain.ts';
import { decisionOf, zeroCounts } from '../../../runtime/store/common.ts';
import { ConflictError } from '../../../runtime/store/errors.ts';
import type { Determination } from '../../../engine/format/types.ts';
import type { ChunkCaseUpdate, CompactDetermination, RedeterminationChunk, StoredResult } from '../../../runtime/store/types.ts';
import { auditOf, determination, submitted } from './fixtures.ts';
import type { StoreHolder } from './store-contract.ts';

export function describeJobContract(h: StoreHolder): void {
  describe('re-determination jobs', () => {
    const newJob = (version = 2) =>
      h.store.createJob({ kind: 'redetermination', programId: 'test-program', version, trigger: 'on-demand', startedBy: null });

    it('keeps one running job per program version, lists them newest first and finishes each once', async () => {
      const job = await newJob();
      expect(job).toMatchObject({ status: 'running', cursor: null, counts: zeroCounts(), failures: [], finishedAt: null });
      const refused = await newJob().catch((e) => e);
      expect(refused).toBeInstanceOf(ConflictError);
      expect(refused).toMatchObject({ code: 'job-running', details: { jobId: job.id } });
      const other = await newJob(3);
      expect((await h.store.listJobs({ programId: 'test-program' })).map((j) => j.id)).toEqual([other.id, job.id]);
      expect((await h.store.listJobs({ version: 2 })).map((j) => j.id)).toEqual([job.id]);
      const done = await h.store.finishJob({
        jobId: job.id,
        status: 'cancelled',
        finishedBy: 'u1',
        audit: auditOf('program.redetermination.cancel'),
      });
      expect(done).toMatchObject({ status: 'cancelled', finishedBy: 'u1', finishedAt: expect.any(String) });
      expect(await h.store.getJob(job.id)).toEqual(done);
      expect(await h.store.finishJob({ jobId: job.id, status: 'done' }).catch((e) => e.code)).toBe('job-not-running');
      // Once it ended, the version may have a new running job.
      expect((await newJob()).status).toBe('running');
    });

    it('reads a program’s cases after a case id, in id order, with answers and applied determination, skipping as asked', async () => {
      const a = await submitted(h.store);
      const b = await submitted(h.store, { state: 'approved' });
      await submitted(h.store, { programId: 'other-program' });
      const ids = [a.case.id, b.case.id].sort();
      const all = await h.store.readCasesAfter('test-program', null, 10);
      expect(all.map((r) => r.case.id)).toEqual(ids);
      expect(all[0]).toMatchObject({ answers: { income: 500 }, lang: 'en' });
      // The decision of the applied determination (here the fixture's full determination).
      expect(all[0].applied).toEqual(decisionOf(determination()));
      expect((await h.store.readCasesAfter('test-program', ids[0], 10)).map((r) => r.case.id)).toEqual([ids[1]]);
      expect((await h.store.readCasesAfter('test-program', null, 1)).map((r) => r.case.id)).toEqual([ids[0]]);
      const skipped = await h.store.readCasesAfter('test-program', null, 10, { states: ['approved'], version: 9 });
      expect(skipped.find((r) => r.case.id === b.case.id)).toMatchObject({ applied: null, answers: null });
      expect(skipped.find((r) => r.case.id === a.case.id)?.applied).not.toBeNull();
      expect(skipped.find((r) => r.case.id === a.case.id)?.answers).toEqual({ income: 500 });
    });

    it('reads the applied decision of compact and full determinations alike, as decisionOf computes it', async () => {
      const full: Determination = {
        ...determination(),
        eligibility: 'needs-more-information',
        benefits: [
          { id: 'cash', title: 'Cash', amount: 12.5, period: 'month', explanation: '' },
          { id: 'food', title: 'Food', amount: 0, period: 'month', explanation: '' },
        ],
        reasons: [
          { rule: 'income', title: 'Income', outcome: 'unknown', text: '' },
          { rule: 'residence', title: 'Residence', outcome: 'pass', text: '' },
        ],
        missing: [
          { path: '/income', title: 'Income' },
          { path: '/household/0/age', title: 'Age' },
        ],
        inputErrors: [{ code: 'type', severity: 'error', path: '/rent', message: 'Rent must be a number.' }],
      };
      const bare: Determination = { ...determination(), benefits: [], reasons: [] };
      const compact: CompactDetermination = {
        format: 'compact-1',
        programId: 'test-program',
        version: 1,
        hash: 'hash-test-program-1',
        asOf: '2025-06-01',
        lang: 'en',
        eligibility: 'ineligible',
        benefits: [{ id: 'cash', amount: 7, period: 'month' }],
        outcomes: { income: 'fail', residence: 'pass' },
        missing: ['/rent'],
        invalid: true,
        inputsHash: 'i',
        determinationHash: 'd',
      };
      const ids: Record<string, StoredResult> = {};
      for (const result of [full, bare, compact]) {
        const app = await h.store.createApplication({
          programId: 'test-program',
          version: 1,
          resumeCodeHash: `decision-${Object.keys(ids).length}`,
          lang: 'en',
          createdBy: null,
        });
        const s = await h.store.submitApplication({
          applicationId: app.id,
          expectedRevision: app.revision,
          case: { state: 'submitted', label: 'x' },
          determination: { asOf: '2025-06-01', kind: 'initial', applied: true, result, createdBy: null },
          event: { event: 'submit', actorId: null },
        });
        ids[s.case.id] = result;
      }
      const read = await h.store.readCasesAfter('test-program', null, 10);
      expect(read).toHaveLength(3);
      for (const r of read) expect(r.applied, r.case.id).toEqual(decisionOf(ids[r.case.id]));
    });

    it('applies a chunk in one unit: moves, determinations, notices, audit entries, counts and cursor together', async () => {
      const a = await submitted(h.store);
      const b = await submitted(h.store);
      const job = await newJob();
      const [first, second] = [a, b].sort((x, y) => x.case.id.localeCompare(y.case.id));
      const move = (s: typeof a): ChunkCaseUpdate => ({
        caseId: s.case.id,
        applicationId: s.application.id,
        expectedRevision: s.case.revision,
        version: 2,
        hash: 'hash-test-program-2',
      });
      const chunk: RedeterminationChunk = {
        jobId: job.id,
        expectedCursor: null,
        cursor: second.case.id,
        counts: { ...zeroCounts(), seen: 2, changed: 1, unchanged: 1 },
        failures: [],
        updates: [
          {
            ...move(first),
            determination: { asOf: '2025-11-01', kind: 'redetermination', applied: true, result: determination('test-program', 2), createdBy: null },
            messages: [{ to: 'applicant', text: 'Your benefit changes.' }],
            audit: auditOf('determination.redetermine', first.case.id, { jobId: job.id }),
          },
          move(second),
        ],
      };
      // The store reports the commit once, with the job it resolves with (on SQLite before the WAL's fsync returns).
      const committed: unknown[] = [];
      const after = await h.store.applyRedeterminationChunk(chunk, (job) => committed.push(job));
      expect(committed).toEqual([after]);
      expect(after).toMatchObject({ cursor: second.case.id, counts: { seen: 2, changed: 1, unchanged: 1 } });
      expect(await h.store.getJob(job.id)).toEqual(after);
      expect(await h.store.getCase(first.case.id)).toMatchObject({ version: 2, revision: first.case.revision + 1 });
      expect(await h.store.getCase(second.case.id)).toMatchObject({ version: 2, revision: second.case.revision + 1 });
      expect((await h.store.listDeterminations(first.case.id)).map((d) => [d.version, d.applied])).toEqual([
        [1, false],
        [2, true],
      ]);
      expect((await h.store.listDeterminations(second.case.id)).map((d) => [d.version, d.applied])).toEqual([[1, true]]);
      expect((await h.store.listMessages(first.case.id)).map((m) => m.text)).toEqual(['Your benefit changes.']);
      expect(await h.store.listMessages(second.case.id)).toEqual([]);
      expect((await h.store.listAudit({ action: 'determination.redetermine' })).map((e) => e.entityId)).toEqual([first.case.id]);
      expect(verifyChain(await h.store.listAudit({ limit: 1000 })).ok).toBe(true);

      // The same chunk again: its cursor has moved, so nothing is written twice, and no commit is reported.
      expect(await h.store.applyRedeterminationChunk(chunk, (job) => committed.push(job)).catch((e) => e.code)).toBe('stale-cursor');
      expect(committed).toHaveLength(1);
      expect(await h.store.listDeterminations(first.case.id)).toHaveLength(2);
    });

    it('refuses a whole chunk of several cases when one of them changed, naming it, and writes none of them', async () => {
      const list = [await submitted(h.store), await submitted(h.store), await submitted(h.store)].sort((x, y) => x.case.id.localeCompare(y.case.id));
      const job = await newJob();
      const updates: ChunkCaseUpdate[] = list.map((s, i) => ({
        caseId: s.case.id,
        applicationId: s.application.id,
        expectedRevision: s.case.revision,
        version: 2,
        hash: 'hash-test-program-2',
        ...(i === 0
          ? { determination: { asOf: '2025-01-01', kind: 'redetermination', applied: true, result: determination(), createdBy: null } }
          : {}),
      }));
      const stale = list[1];
      await h.store.assignCase({ caseId: stale.case.id, assignee: 'someone' });
      const refused = await h.store
        .applyRedeterminationChunk({ jobId: job.id, expectedCursor: null, cursor: list[2].case.id, counts: zeroCounts(), failures: [], updates })
        .catch((e) => e);
      expect(refused).toMatchObject({ code: 'stale-revision', details: { caseId: stale.case.id } });
      for (const s of list) expect(await h.store.getCase(s.case.id)).toMatchObject({ version: 1 });
      expect(await h.store.listDeterminations(list[0].case.id)).toHaveLength(1);
      expect(await h.store.getJob(job.id)).toMatchObject({ cursor: null });
    });

    it('refuses a whole chunk when a case changed since it was read, or when the job was cancelled', async () => {
      const a = await submitted(h.store);
      const job = await newJob();
      const update: ChunkCaseUpdate = {
        caseId: a.case.id,
        applicationId: a.application.id,
        expectedRevision: a.case.revision,
        version: 2,
        hash: 'hash-test-program-2',
        messages: [{ to: 'applicant', text: 'Changed.' }],
      };
      const chunk = { jobId: job.id, expectedCursor: null, cursor: a.case.id, counts: { ...zeroCounts(), seen: 1, changed: 1 }, failures: [] };
      await h.store.assignCase({ caseId: a.case.id, assignee: 'someone' });
      expect(await h.store.applyRedeterminationChunk({ ...chunk, updates: [update] }).catch((e) => e.code)).toBe('stale-revision');
      expect(await h.store.getJob(job.id)).toMatchObject({ cursor: null, counts: zeroCounts() });
      expect(await h.store.listMessages(a.case.id)).toEqual([]);

      await h.store.finishJob({ jobId: job.id, status: 'cancelled' });
      const fresh = { ...update, expectedRevision: a.case.revision + 1 };
      expect(await h.store.applyRedeterminationChunk({ ...chunk, updates: [fresh] }).catch((e) => e.code)).toBe('job-not-running');
      expect(await h.store.getCase(a.case.id)).toMatchObject({ version: 1 });
      expect(await h.store.listMessages(a.case.id)).toEqual([]);
    });
  });
}
