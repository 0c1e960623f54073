/**
 * An evaluation worker of a re-determination job (started by runtime/workers/redetermination-pipeline.ts, through
 * boot.js, from the job's writer thread): given the job's plan once (the job, the target version, the decided states,
 * the date), it evaluates each chunk of cases it is sent on the batch path, traced for the changed cases, and answers
 * with the chunk's writes (`prepareChunk`: compact determinations, notices, audit entries). It neither reads nor
 * writes the store: the writer thread reads the chunks and applies them, in order, one transaction each.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compiledFor } from '../services/engine-port.ts';
import { prepareChunk, type JobPlan } from '../services/redetermination.ts';
import type { EvalReply, EvalTask, PlanData } from './redetermination-pipeline.ts';

const data = workerData as { plan: PlanData };
const plan: JobPlan = {
  job: data.plan.job,
  target: data.plan.target,
  compiled: compiledFor(data.plan.target.doc, data.plan.target.hash),
  terminal: new Set(data.plan.terminal),
  docs: new Map(data.plan.docs),
  titles: new Map(),
  asOf: data.plan.asOf,
};
const post = (reply: EvalReply) => parentPort!.postMessage(reply);

parentPort!.on('message', async (task: EvalTask) => {
  try {
    post({ seq: task.seq, kind: 'prepared', chunk: await prepareChunk(plan, task.rows) });
  } catch (err) {
    post({ seq: task.seq, kind: 'error', message: (err as Error).message ?? String(err) });
  }
});
