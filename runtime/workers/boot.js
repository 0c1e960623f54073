// The entry of every worker thread: lowers the thread's scheduling priority when asked (all workers do background
// work: a busy worker should not delay the server's own thread, which answers requests), registers tsx, so that the
// TypeScript module named by `workerData.module` runs as it is whether the process was started by bin/mandate.js,
// `node --import tsx` or vitest (a worker thread does not inherit the loader hooks of the thread that started it),
// then imports that module.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

/**
 * The nice value of worker threads, `MANDATE_WORKER_NICE` (0–19, default 0: the process's priority). 5 gives the
 * server's thread about three times a worker's share of a busy core, 10 about ten times; but a niced worker also
 * yields to every other process of the machine, which slows jobs down on a machine shared with other work (a
 * re-determination of 20,000 cases took 98 s at nice 10 against 37–65 s at 0 and 5, at a load average of 12–14),
 * so it is left to the operator.
 */
const raw = process.env.MANDATE_WORKER_NICE?.trim();
const WORKER_NICE = raw && /^\d+$/.test(raw) && Number(raw) <= 19 ? Number(raw) : 0;
try {
  // Linux: a thread's own id is the last part of /proc/thread-self, and setpriority on it applies to that thread
  // alone. Elsewhere (or without /proc) the workers keep the process's priority.
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (WORKER_NICE > 0 && Number.isInteger(tid) && tid > 0) setPriority(tid, WORKER_NICE);
} catch {}

register();
await import(workerData.module);
