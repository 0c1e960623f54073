/**
 * What several runtime processes on one PostgreSQL database race for, with two stores (two pools, as two processes
 * have) on one database of a throwaway cluster: the same submission (one case, the other told `already-submitted`),
 * the same re-determination chunk (applied once, the other refused `stale-cursor`), a job per version (one running),
 * case references (never repeated), outbox claims (no email held by two senders) and reminders (recorded once).
 */
import { describe, expect, it } from 'vitest';
import { verifyChain } from '../../runtime/audit/chain.ts';
import { zeroCounts } from '../../runtime/store/common.ts';
import { openStore } from '../../runtime/store/index.ts';
import type { Store } from '../../runtime/store/types.ts';
import { pgUnavailable, reportPgSkip } from '../support/postgres.ts';
import { clusterForSuite } from '../support/stores.ts';
import { auditOf, determination, submitted } from './contract/fixtures.ts';

reportPgSkip('the races between two stores');

(pgUnavailable ? describe.skip : describe)('PostgreSQL: two stores on one database', () => {
  const cluster = clusterForSuite();

  async function twoStores(): Promise<[Store, Store]> {
    const url = await cluster().newDatabase();
    const a = await openStore({ databaseUrl: url });
    const b = await openStore({ databaseUrl: url });
    return [a, b];
  }
  const closeAll = (stores: Store[]) => Promise.all(stores.map((s) => s.close()));

  it('submits an application once when both submit it at the same moment', async () => {
    const [a, b] = await twoStores();
    try {
      const app = await a.createApplication({ programId: 'test-program', version: 1, resumeCodeHash: 'rc', lang: 'en', createdBy: null });
      const submit = (store: Store) =>
        store.submitApplication({
          applicationId: app.id,
          expectedRevision: app.revision,
          case: { state: 'submitted', label: 'Ana' },
          determination: { asOf: '2025-06-01', kind: 'initial', applied: true, result: determination(), createdBy: null },
          event: { event: 'submit', actorId: null },
          audit: auditOf('application.submit', app.id),
        });
      const results = await Promise.allSettled([submit(a), submit(b)]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost.map((r) => r.reason.code)).toEqual(['already-submitted']);
      const caseId = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof submit>>>).value.case.id;
      expect(lost[0].reason.details).toMatchObject({ caseId });
      expect((await b.listCases({ programId: 'test-program' })).total).toBe(1);
      expect(await a.listAudit({ action: 'application.submit' })).toHaveLength(1);
    } finally {
      await closeAll([a, b]);
    }
  });

  it('applies a re-determination chunk once when two runners send it together, and keeps one running job per version', async () => {
    const [a, b] = await twoStores();
    try {
      const cases = [await submitted(a), await submitted(a), await submitted(a)].sort((x, y) => x.case.id.localeCompare(y.case.id));
      const jobs = await Promise.allSettled(
        [a, b].map((s) => s.createJob({ kind: 'redetermination', programId: 'test-program', version: 2, trigger: 'on-demand', startedBy: null })),
      );
      expect(jobs.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect((jobs.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason.code).toBe('job-running');
      const job = (jobs.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<Awaited<ReturnType<Store['createJob']>>>).value;

      const chunk = {
        jobId: job.id,
        expectedCursor: null,
        cursor: cases[2].case.id,
        counts: { ...zeroCounts(), seen: 3, changed: 3 },
        failures: [],
        updates: cases.map((s) => ({
          caseId: s.case.id,
          applicationId: s.application.id,
          expectedRevision: s.case.revision,
          version: 2,
          hash: 'hash-test-program-2',
          determination: {
            asOf: '2025-11-01',
            kind: 'redetermination' as const,
            applied: true,
            result: determination('test-program', 2),
            createdBy: null,
          },
          messages: [{ to: 'applicant', text: 'Your benefit changes.', email: 'ana@example.org' }],
          audit: auditOf('determination.redetermine', s.case.id, { jobId: job.id }),
        })),
      };
      const applied = await Promise.allSettled([a.applyRedeterminationChunk(chunk), b.applyRedeterminationChunk(chunk)]);
      expect(applied.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect((applied.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason.code).toBe('stale-cursor');
      expect(await b.getJob(job.id)).toMatchObject({ cursor: cases[2].case.id, counts: { seen: 3, changed: 3 } });
      for (const s of cases) {
        expect(await b.getCase(s.case.id)).toMatchObject({ version: 2, revision: s.case.revision + 1 });
        expect((await b.listDeterminations(s.case.id)).map((d) => [d.version, d.applied])).toEqual([
          [1, false],
          [2, true],
        ]);
        expect(await b.listMessages(s.case.id)).toHaveLength(1);
      }
      expect(await a.listOutbox()).toHaveLength(3);
      expect(await a.listAudit({ action: 'determination.redetermine' })).toHaveLength(3);
      expect(verifyChain(await b.listAudit({ limit: 1000 })).ok).toBe(true);
    } finally {
      await closeAll([a, b]);
    }
  });

  it('never repeats a case reference, never gives one email to two senders and records a reminder once', async () => {
    const [a, b] = await twoStores();
    try {
      const references = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).allocateCaseReference('test-program', 'T', 2026)));
      expect(new Set(references).size).toBe(40);

      const { case: kase } = await submitted(a);
      for (let i = 0; i < 20; i++) await a.enqueueEmail({ toAddress: `p${i}@example.org`, subject: `Code ${i}`, text: 'x', caseId: kase.id });
      const now = new Date(Date.now() + 60_000).toISOString();
      const until = new Date(Date.now() + 120_000).toISOString();
      const claims = await Promise.all([a, b, a, b].map((s) => s.claimOutbox({ now, claimUntil: until, limit: 6 })));
      const ids = claims.flat().map((e) => e.id);
      expect(ids).toHaveLength(20);
      expect(new Set(ids).size).toBe(20);

      const reminder = {
        key: `${kase.id}:deadline`,
        caseId: kase.id,
        messages: [{ to: 'applicant', text: 'Reminder.' }],
        audit: auditOf('case.reminder', kase.id),
      };
      const recorded = await Promise.all([a.recordReminder(reminder), b.recordReminder(reminder)]);
      expect(recorded.sort()).toEqual([false, true]);
      expect(await b.listMessages(kase.id)).toHaveLength(1);
      expect(await b.listAudit({ action: 'case.reminder' })).toHaveLength(1);
    } finally {
      await closeAll([a, b]);
    }
  });
});
