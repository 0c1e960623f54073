// The entry of every worker thread: registers tsx, so that the TypeScript module named by `workerData.module` runs
// as it is whether the process was started by bin/mandate.js, `node --import tsx` or vitest (a worker thread does
// not inherit the loader hooks of the thread that started it), then imports that module.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
