// The entry of every worker thread: lowers the thread's scheduling priority (all workers do background work: a
// busy worker must not delay the server's own thread, which answers requests), registers tsx, so that the
// TypeScript module named by `workerData.module` runs as it is whether the process was started by bin/mandate.js,
// `node --import tsx` or vitest (a worker thread does not inherit the loader hooks of the thread that started it),
// then imports that module.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

/** The nice value of worker threads: the server's thread gets about ten times their share of a busy core. */
const WORKER_NICE = 10;
try {
  // Linux: a thread's own id is the last part of /proc/thread-self, and setpriority on it applies to that thread
  // alone. Elsewhere (or without /proc) the workers keep the process's priority.
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(tid) && tid > 0) setPriority(tid, Math.max(WORKER_NICE, 0));
} catch {}

register();
await import(workerData.module);
