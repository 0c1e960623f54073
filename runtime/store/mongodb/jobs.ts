/**
 * MongoDB jobs: mass re-determination jobs, the keyset read of a program's cases, and the chunk as one unit (claim:
 * the job still running at the cursor the chunk was read after; steps: the cases, determinations, notices).
 * Case revisions are checked when the chunk is built and again just before the unit; on a standalone server a case
 * changed between that check and the unit's steps is overwritten by the job's move (there is no multi-document
 * check without a transaction), as any other pair of racing writes there.
 */
import type { Db } from 'mongodb';
import { addCounts, auditList, checkChunk, decisionOf, idOr, JOB_FAILURES_KEPT, jobNotRunning, zeroCounts } from '../common.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { JobRecord, JobStore } from '../types.ts';
import { determinationStep, messageSteps } from './case-steps.ts';
import { caseFromDoc, determinationFromDoc, nextOrdinal, type ApplicationDoc, type CaseDoc, type DeterminationDoc } from './docs.ts';
import { scalar, type Step, type UnitRunner } from './units.ts';

type JobMethods = Pick<JobStore, 'createJob' | 'getJob' | 'listJobs' | 'readCasesAfter' | 'applyRedeterminationChunk' | 'finishJob'>;

type JobDoc = Omit<JobRecord, 'id' | 'counts' | 'failures'> & { _id: string; counts: string; failures: string; ord?: number; _unit?: string };

function jobFromDoc(d: JobDoc): JobRecord {
  return {
    id: d._id,
    kind: d.kind,
    programId: d.programId,
    version: d.version,
    status: d.status,
    cursor: d.cursor,
    counts: JSON.parse(d.counts),
    failures: JSON.parse(d.failures),
    trigger: d.trigger,
    startedBy: d.startedBy,
    startedAt: d.startedAt,
    updatedAt: d.updatedAt,
    finishedAt: d.finishedAt,
    finishedBy: d.finishedBy,
    error: d.error,
  };
}

/** The job methods over `db`. */
export function mongoJobMethods(db: Db, units: UnitRunner, now: () => string): JobMethods {
  const jobs = db.collection<JobDoc>('jobs');
  const cases = db.collection<CaseDoc>('cases');

  async function requireJob(id: string): Promise<JobRecord> {
    const doc = await jobs.findOne({ _id: scalar(id) });
    if (!doc) throw new NotFoundError('job', id);
    return jobFromDoc(doc);
  }

  return {
    async createJob(input, audit) {
      const at = now();
      const job: JobRecord = {
        id: idOr(input.id),
        kind: input.kind,
        programId: input.programId,
        version: input.version,
        status: 'running',
        cursor: null,
        counts: zeroCounts(),
        failures: [],
        trigger: input.trigger,
        startedBy: input.startedBy,
        startedAt: at,
        updatedAt: at,
        finishedAt: null,
        finishedBy: null,
        error: null,
      };
      const { id, counts, failures, ...rest } = job;
      let running: string | undefined;
      try {
        await units.run({
          claim: {
            op: 'insert',
            collection: 'jobs',
            doc: { _id: id, ...rest, counts: JSON.stringify(counts), failures: JSON.stringify(failures), ord: nextOrdinal() },
            onDuplicate: () => new ConflictError('job-running', `Version ${input.version} of "${input.programId}" already has a running job.`),
          },
          steps: [],
          audit: auditList(audit),
        });
      } catch (error) {
        if (!(error instanceof ConflictError) || error.code !== 'job-running') throw error;
        running = (await jobs.findOne({ programId: scalar(input.programId), version: scalar(input.version), status: 'running' }))?._id;
        throw new ConflictError('job-running', `Version ${input.version} of "${input.programId}" already has a running job, "${running}".`, {
          jobId: running,
        });
      }
      return job;
    },

    async getJob(id) {
      const doc = await jobs.findOne({ _id: scalar(id) });
      return doc ? jobFromDoc(doc) : null;
    },

    async listJobs(filter = {}) {
      const query: Record<string, unknown> = {};
      if (filter.programId !== undefined) query.programId = scalar(filter.programId);
      if (filter.version !== undefined) query.version = scalar(filter.version);
      if (filter.status !== undefined) query.status = scalar(filter.status);
      return (await jobs.find(query).sort({ startedAt: -1, ord: -1 }).toArray()).map(jobFromDoc);
    },

    async readCasesAfter(programId, afterCaseId, limit, skip) {
      const docs = await cases
        .find({ programId: scalar(programId), _id: { $gt: scalar(afterCaseId ?? '') } })
        .sort({ _id: 1 })
        .limit(Math.max(1, Math.trunc(limit)))
        .toArray();
      const skipped = (d: CaseDoc) => !!skip && (d.version === skip.version || skip.states.includes(d.state));
      const ids = docs.filter((d) => !skipped(d)).map((d) => d._id);
      const apps = new Map(
        (
          await db
            .collection<ApplicationDoc>('applications')
            .find({ _id: { $in: docs.filter((d) => !skipped(d)).map((d) => scalar(d.applicationId)) } })
            .toArray()
        ).map((a) => [a._id, a]),
      );
      const applied = new Map<string, DeterminationDoc>();
      for (const d of await db
        .collection<DeterminationDoc>('determinations')
        .find({ caseId: { $in: ids.map((id) => scalar(id)) }, applied: true })
        .sort({ ord: 1 })
        .toArray()) {
        if (d.caseId) applied.set(d.caseId, d);
      }
      return docs.map((d) => {
        const app = apps.get(d.applicationId);
        const det = applied.get(d._id);
        return {
          case: caseFromDoc(d),
          answers: app ? JSON.parse(app.answers) : null,
          lang: app?.lang ?? 'en',
          applied: det ? decisionOf(determinationFromDoc(det).result) : null,
          intermediary: app?.onBehalfOf && app.createdBy ? app.createdBy : null,
        };
      });
    },

    async applyRedeterminationChunk(input, committed) {
      const job = await requireJob(input.jobId);
      checkChunk(job, input.expectedCursor);
      const current = new Map((await cases.find({ _id: { $in: input.updates.map((u) => scalar(u.caseId)) } }).toArray()).map((c) => [c._id, c]));
      const at = now();
      const steps: Step[] = [];
      const audit = [];
      for (const u of input.updates) {
        const kase = current.get(u.caseId);
        if (!kase || kase.revision !== u.expectedRevision) {
          throw new ConflictError('stale-revision', `The case "${u.caseId}" changed while the job was evaluating it.`, { caseId: u.caseId });
        }
        steps.push({
          op: 'set',
          collection: 'cases',
          filter: { _id: u.caseId, revision: u.expectedRevision },
          set: { version: u.version, hash: u.hash, updatedAt: at, revision: u.expectedRevision + 1 },
        });
        if (u.determination) {
          steps.push({ op: 'set', collection: 'determinations', filter: { caseId: u.caseId }, set: { applied: false }, many: true });
          steps.push(determinationStep(u.determination, u.caseId, kase.applicationId, at).step);
        }
        if (u.messages?.length) steps.push(...messageSteps(u.caseId, u.messages, at).map((m) => m.step));
        if (u.audit) audit.push(u.audit);
      }
      const next: JobRecord = {
        ...job,
        cursor: input.cursor,
        counts: addCounts(job.counts, input.counts),
        failures: [...job.failures, ...input.failures].slice(0, JOB_FAILURES_KEPT),
        updatedAt: at,
      };
      await units.run({
        claim: {
          op: 'update',
          collection: 'jobs',
          filter: { _id: job.id, status: 'running', cursor: input.expectedCursor },
          set: { cursor: next.cursor, counts: JSON.stringify(next.counts), failures: JSON.stringify(next.failures), updatedAt: at },
          onMiss: async () => {
            const fresh = await requireJob(job.id);
            try {
              checkChunk(fresh, input.expectedCursor);
            } catch (error) {
              return error as Error;
            }
            return new ConflictError('stale-cursor', `The job "${job.id}" changed while a chunk was applied.`, { jobId: job.id });
          },
        },
        steps,
        audit,
      });
      // Journaled writes: the unit is durable when it returns, so committed and durable are one moment here.
      committed?.(next);
      return next;
    },

    async finishJob(input) {
      const job = await requireJob(input.jobId);
      if (job.status !== 'running') throw jobNotRunning(job);
      const at = now();
      const next: JobRecord = {
        ...job,
        status: input.status,
        finishedAt: at,
        finishedBy: input.finishedBy ?? null,
        error: input.error ?? null,
        updatedAt: at,
      };
      await units.run({
        claim: {
          op: 'update',
          collection: 'jobs',
          filter: { _id: job.id, status: 'running' },
          set: { status: next.status, finishedAt: at, finishedBy: next.finishedBy, error: next.error, updatedAt: at },
          onMiss: async () => jobNotRunning(await requireJob(job.id)),
        },
        steps: [],
        audit: auditList(input.audit),
      });
      return next;
    },
  };
}
