/**
 * Chunks of a re-determination job prepared ahead by evaluation workers (runtime/workers/redetermination-eval-
 * worker.ts, each with its own connection to the store), so that the job's writer thread only applies them: while
 * chunk k commits, chunks k+1… are read and evaluated on the other cores.
 *
 *   writer: next(cursor) ──────────────→ apply chunk k (one transaction) → next(cursor k) → …
 *   eval workers: read k+1 → (its end known) → read k+2 on another worker …; evaluate each after reading it
 *
 * Reading is in order (a chunk starts after the previous one's last case, known once it is read); evaluating runs
 * in parallel. A chunk prepared ahead stays valid whatever the writer commits before it: the transaction checks
 * each case's revision and the job's cursor, so a chunk that no longer fits is refused and read again. When the
 * writer asks for a chunk other than the one prepared next (after a refused chunk), everything prepared ahead is
 * dropped and reading starts again from the writer's cursor.
 */
import { Worker } from 'node:worker_threads';
import type { RedeterminationChunk, StoreConfig } from '../store/types.ts';

/** A chunk's writes, as `prepareChunk` builds them. */
export type PreparedChunk = Omit<RedeterminationChunk, 'jobId' | 'expectedCursor'>;

/** Writer → evaluation worker: read and prepare the chunk of at most `limit` cases after `after`. */
export interface EvalTask {
  seq: number;
  after: string | null;
  limit: number;
}

/** Evaluation worker → writer: where the chunk ends (`read`, null when no case is left), then its writes. */
export type EvalReply =
  | { seq: number; kind: 'read'; count: number; cursor: string | null }
  | { seq: number; kind: 'prepared'; chunk: PreparedChunk }
  | { seq: number; kind: 'error'; message: string };

interface InFlight {
  seq: number;
  after: string | null;
  /** Resolves with the chunk, or null when no case is left after `after`. */
  result: Promise<PreparedChunk | null>;
  resolve: (chunk: PreparedChunk | null) => void;
  reject: (error: Error) => void;
  /** Set once read: the last case id and how many cases (the next chunk starts after it when it was full). */
  read: { count: number; cursor: string | null } | null;
}

/** How long a closing worker may take to close its store connection before it is terminated. */
const CLOSE_WAIT_MS = 5000;
const BOOT = new URL('./boot.js', import.meta.url);
const WORKER = new URL('./redetermination-eval-worker.ts', import.meta.url).href;

/** Evaluation workers preparing a job's chunks ahead of its writer. */
export class ChunkPipeline {
  private readonly workers: Worker[] = [];
  private readonly queue: InFlight[] = [];
  private nextSeq = 1;
  private nextWorker = 0;
  /** Chunks prepared ahead at most (a few per worker: memory stays flat). */
  private readonly depth: number;
  private failure: Error | null = null;

  constructor(
    config: StoreConfig,
    jobId: string,
    asOf: string,
    private readonly chunkSize: number,
    workers: number,
  ) {
    this.depth = workers + 1;
    for (let i = 0; i < workers; i++) {
      const worker = new Worker(BOOT, {
        workerData: { module: WORKER, store: config, jobId, asOf },
        // As the writer's: a chunk allocates many short-lived objects (answers, traces).
        resourceLimits: { maxYoungGenerationSizeMb: 64 },
      });
      worker.on('message', (reply: EvalReply) => this.onReply(reply));
      worker.on('error', (err: Error) => this.fail(err));
      worker.on('exit', (code) => {
        if (code !== 0 && !this.closed) this.fail(new Error(`A re-determination evaluation worker stopped (exit code ${code}).`));
      });
      this.workers.push(worker);
    }
  }

  /** The chunk after `cursor`, read and evaluated (null when no case is left). */
  next(cursor: string | null): Promise<PreparedChunk | null> {
    if (this.failure) return Promise.reject(this.failure);
    const head = this.queue[0];
    if (!head || head.after !== cursor) {
      // Not the chunk prepared next (a chunk was refused and is read again, or the first): start over from the cursor.
      this.queue.length = 0;
      this.tail = null;
      this.request(cursor);
    }
    const first = this.queue.shift()!;
    this.fill();
    return first.result;
  }

  /** Stops the workers (each closes its connection to the store); chunks prepared ahead are dropped. */
  async close(): Promise<void> {
    this.queue.length = 0;
    this.tail = null;
    this.closed = true;
    await Promise.all(
      this.workers.splice(0).map(async (worker) => {
        const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
        worker.postMessage('close');
        const timer = setTimeout(() => void worker.terminate(), CLOSE_WAIT_MS);
        await exited;
        clearTimeout(timer);
      }),
    );
  }

  private closed = false;

  private request(after: string | null): InFlight {
    let resolve!: InFlight['resolve'];
    let reject!: InFlight['reject'];
    const result = new Promise<PreparedChunk | null>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // An unawaited chunk that fails (dropped, or the job stopped) is not an unhandled rejection.
    result.catch(() => undefined);
    const entry: InFlight = { seq: this.nextSeq++, after, result, resolve, reject, read: null };
    this.queue.push(entry);
    this.tail = entry;
    this.pending.set(entry.seq, entry);
    const worker = this.workers[this.nextWorker++ % this.workers.length];
    worker.postMessage({ seq: entry.seq, after, limit: this.chunkSize } satisfies EvalTask);
    return entry;
  }

  /** Chunks requested and not answered yet, by seq (also those dropped from the queue, until they answer). */
  private readonly pending = new Map<number, InFlight>();

  /** The chunk requested last (handed to the writer or not): the next one starts after it. */
  private tail: InFlight | null = null;

  /** Requests the chunk after the last one requested, once that one's end is known, while fewer than `depth` wait. */
  private fill(): void {
    while (this.tail && this.queue.length < this.depth) {
      const read = this.tail.read;
      if (!read || read.cursor === null || read.count < this.chunkSize) return;
      this.request(read.cursor);
    }
  }

  private onReply(reply: EvalReply): void {
    const entry = this.pending.get(reply.seq);
    if (!entry) return;
    if (reply.kind === 'read') {
      entry.read = { count: reply.count, cursor: reply.cursor };
      if (reply.count === 0) {
        this.pending.delete(reply.seq);
        entry.resolve(null);
      }
      this.fill();
    } else if (reply.kind === 'prepared') {
      this.pending.delete(reply.seq);
      entry.resolve(reply.chunk);
    } else {
      this.pending.delete(reply.seq);
      entry.reject(new Error(reply.message));
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const entry of this.pending.values()) entry.reject(error);
    this.pending.clear();
  }
}
