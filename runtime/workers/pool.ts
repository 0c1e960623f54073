/**
 * The impact worker pool: `node:worker_threads` running runtime/workers/impact-worker.ts, as many as
 * `os.availableParallelism()` or `MANDATE_WORKERS`. Each worker takes one chunk at a time; chunks wait in a queue.
 * The pool remembers which version documents each worker has compiled and sends a document to a worker only once.
 * Idle workers do not keep the process alive; a worker that dies fails its chunk and is replaced.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ChunkReply, ChunkTask, VersionDoc } from './impact-protocol.ts';

/** A chunk's successful reply. */
export type ChunkResult = Extract<ChunkReply, { summary: unknown }>;

/** A chunk a worker could not compare; the message says why. `fallback`: a CSV range the fast reader does not read. */
export class ChunkError extends Error {
  constructor(
    message: string,
    readonly fallback = false,
  ) {
    super(message);
  }
}

/** The number of workers: `MANDATE_WORKERS` (a whole number from 1 to 256) when set, else the cores available. */
export function workerCount(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.MANDATE_WORKERS?.trim();
  if (!raw) return os.availableParallelism();
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 256) {
    throw new Error(`MANDATE_WORKERS: "${raw}" is not a whole number from 1 to 256; set it like MANDATE_WORKERS=${os.availableParallelism()}.`);
  }
  return Number(raw);
}

interface Slot {
  worker: Worker;
  /** Hashes of the versions this worker has been sent. */
  seen: Set<string>;
  busy: Pending | null;
}

interface Pending {
  task: Omit<ChunkTask, 'id' | 'versions'>;
  docs: VersionDoc[];
  resolve: (result: ChunkResult) => void;
  reject: (error: Error) => void;
}

const BOOT = new URL('./boot.js', import.meta.url);
/**
 * Old-generation heap limit of each worker, in MB. V8 lets a heap grow between major collections by a factor that
 * is smaller the smaller its limit: at 384 MB a worker over a population file marked its ~20 MB of live objects about
 * once a second (18 major collections per 200,000 households; about a third of the process's CPU went to V8's helper
 * threads); at 2048, 4 to 5, and 10–20% less CPU in all. What the worker keeps alive is one chunk whatever the size
 * of the job, so its heap stays flat either way (a few tens of MB more resident memory per worker).
 */
const WORKER_HEAP_MB = 2048;
const WORKER = new URL('./impact-worker.ts', import.meta.url).href;

/** A fixed-size pool of impact workers. */
export class ImpactPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(readonly size: number = workerCount()) {}

  /** Compares one chunk on the next free worker; `docs` are the documents of the task's two versions. */
  run(task: Omit<ChunkTask, 'id' | 'versions'>, docs: VersionDoc[]): Promise<ChunkResult> {
    if (this.closed) return Promise.reject(new ChunkError('The impact worker pool is closed.'));
    return new Promise<ChunkResult>((resolve, reject) => {
      this.queue.push({ task, docs, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops every worker; chunks still queued or running are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new ChunkError('The impact worker pool was closed.'));
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.busy === null);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const pending = this.queue.shift()!;
      slot.busy = pending;
      const versions = pending.docs.filter((d) => !slot.seen.has(d.hash));
      for (const d of versions) slot.seen.add(d.hash);
      slot.worker.ref();
      slot.worker.postMessage({ ...pending.task, id: this.nextId++, versions } satisfies ChunkTask);
      // The worker has its copy: let the chunk's text go now, not when the worker answers (memory stays flat).
      pending.task = { ...pending.task, input: { format: 'texts', texts: [], ids: [] } };
    }
  }

  private spawn(): Slot {
    // A worker keeps one chunk (a few tens of MB) alive: its heap, and the process's memory, stay flat in the number of households.
    const worker = new Worker(BOOT, { workerData: { module: WORKER }, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    const slot: Slot = { worker, seen: new Set(), busy: null };
    worker.unref();
    worker.on('message', (reply: ChunkReply) => {
      const pending = slot.busy;
      slot.busy = null;
      worker.unref();
      if (pending) {
        if ('error' in reply) pending.reject(new ChunkError(reply.error, reply.fallback === true));
        else pending.resolve(reply);
      }
      this.dispatch();
    });
    const lost = (error: Error) => {
      const index = this.slots.indexOf(slot);
      if (index === -1) return;
      this.slots.splice(index, 1);
      slot.busy?.reject(new ChunkError(`An impact worker stopped: ${error.message}`));
      slot.busy = null;
      if (!this.closed) this.dispatch();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`exit code ${code}`)));
    this.slots.push(slot);
    return slot;
  }
}

let shared: ImpactPool | undefined;

/** The process's pool, created on first use. */
export function sharedImpactPool(): ImpactPool {
  shared ??= new ImpactPool();
  return shared;
}

/** Closes the process's pool when one was created. */
export async function closeSharedImpactPool(): Promise<void> {
  const pool = shared;
  shared = undefined;
  await pool?.close();
}
