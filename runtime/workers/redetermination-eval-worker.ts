/**
 * An evaluation worker of a re-determination job (started by runtime/workers/redetermination-pipeline.ts, through
 * boot.js, from the job's writer thread): with its own connection to the store, it reads the chunk of cases after a
 * cursor, says at once where the chunk ends (so the next chunk can be read by another worker while this one
 * evaluates), then evaluates it on the batch path, traced for the changed cases, and answers with the chunk's writes
 * (`prepareChunk`). It writes nothing: the writer thread applies the chunks, in order, one transaction each.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { pino } from 'pino';
import { planFor, prepareChunk, type JobPlan } from '../services/redetermination.ts';
import { openStore } from '../store/index.ts';
import type { StoreConfig } from '../store/types.ts';
import type { EvalReply, EvalTask } from './redetermination-pipeline.ts';

interface EvalWorkerData {
  store: StoreConfig;
  jobId: string;
  asOf: string;
}

const data = workerData as EvalWorkerData;
const store = await openStore(data.store);
const ctx = { store, now: () => new Date(), log: pino({ level: 'silent' }), sessionHours: 0 };
let plan: JobPlan | null = null;
const post = (reply: EvalReply) => parentPort!.postMessage(reply);

parentPort!.on('message', async (task: EvalTask | 'close') => {
  if (task === 'close') {
    await store.close();
    parentPort!.close();
    return;
  }
  try {
    if (!plan) {
      const job = await store.getJob(data.jobId);
      if (!job) throw new Error(`The job "${data.jobId}" is not in the store.`);
      plan = { ...(await planFor(ctx, job)), asOf: data.asOf };
    }
    const rows = await store.readCasesAfter(plan.job.programId, task.after, task.limit, { states: [...plan.terminal], version: plan.job.version });
    post({ seq: task.seq, kind: 'read', count: rows.length, cursor: rows.length > 0 ? rows[rows.length - 1].case.id : null });
    if (rows.length === 0) return;
    post({ seq: task.seq, kind: 'prepared', chunk: await prepareChunk(plan, rows) });
  } catch (err) {
    post({ seq: task.seq, kind: 'error', message: (err as Error).message ?? String(err) });
  }
});
