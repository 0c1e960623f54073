/**
 * A re-determination job in a worker thread (started by `runtime/services/redetermination.ts` through boot.js):
 * opens its own connection to the store the server uses, runs the job's loop there (reading, evaluating and writing
 * chunk by chunk, one transaction each; with MANDATE_REDETERMINATION_WORKERS the chunks it reads are evaluated ahead
 * by evaluation workers, runtime/workers/redetermination-pipeline.ts, and this thread reads and writes), and exits
 * when the job ends or the server asks it to stop (`'stop'`: it stops at the next chunk boundary and the job stays
 * running, to be resumed). The server's event loop thus never waits on the job's evaluation or its transactions;
 * SQLite serializes the two connections' writes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { pino } from 'pino';
import { openStore } from '../store/index.ts';
import type { StoreConfig } from '../store/types.ts';
import { runJobInThisThread, type StopFlag } from '../services/redetermination.ts';

interface JobWorkerData {
  jobId: string;
  store: StoreConfig;
  chunk: number;
  evalWorkers: number;
  logLevel: string;
}

const data = workerData as JobWorkerData;
const log = pino({ level: data.logLevel });
const store = await openStore(data.store);
const flag: StopFlag = { stopped: false };
parentPort?.on('message', (message) => {
  if (message === 'stop') flag.stopped = true;
});
try {
  // With evaluation workers (MANDATE_REDETERMINATION_WORKERS), the chunks this thread reads are evaluated ahead by them.
  await runJobInThisThread(
    { store, storeConfig: data.store, now: () => new Date(), log, sessionHours: 0, redeterminationChunk: data.chunk },
    data.jobId,
    flag,
    data.evalWorkers,
  );
} catch (err) {
  log.error({ err, jobId: data.jobId }, 'a re-determination job stopped on an error');
} finally {
  await store.close();
  parentPort?.close();
}
