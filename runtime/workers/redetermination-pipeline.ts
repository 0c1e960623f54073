/**
 * Chunks of a re-determination job evaluated ahead by evaluation workers (runtime/workers/redetermination-eval-
 * worker.ts), so that the job's writer thread only reads and writes: while chunk k commits, chunks k+1… are being
 * evaluated on the other cores.
 *
 *   writer: read k → send k → read k+1 → send k+1 → (k evaluated) apply k → read k+2 → send k+2 → apply k+1 → …
 *   eval workers: evaluate k | evaluate k+1 | …  (batch path, traced evaluation + notice of each changed case)
 *
 * The store is read by the writer on its own connection (one connection for the job: concurrent reader connections
 * made the writer's commits several times slower). A chunk evaluated ahead stays valid whatever the writer commits
 * before it: the transaction checks each case's revision and the job's cursor, so a chunk that no longer fits is
 * refused and read again. When the writer asks for a chunk other than the one evaluated next (after a refused
 * chunk), everything sent ahead is dropped and reading starts again from the writer's cursor.
 */
import { Worker } from 'node:worker_threads';
import type { Program } from '../../engine/index.ts';
import type { JobRecord, ProgramVersionRecord, RedeterminationCandidate, RedeterminationChunk } from '../store/types.ts';

/** A chunk's writes, as `prepareChunk` builds them. */
export type PreparedChunk = Omit<RedeterminationChunk, 'jobId' | 'expectedCursor'>;

/** What an evaluation worker needs of the job's plan (structured-cloned to it once). */
export interface PlanData {
  job: JobRecord;
  target: ProgramVersionRecord;
  terminal: string[];
  /** The published definitions by version, as `[version, doc]` pairs (`JobPlan.docs`). */
  docs: [number, Program][];
  asOf: string;
}

/** Writer → evaluation worker: evaluate these cases. */
export interface EvalTask {
  seq: number;
  rows: RedeterminationCandidate[];
}

/** Evaluation worker → writer: the chunk's writes, or why it could not be evaluated. */
export type EvalReply = { seq: number; kind: 'prepared'; chunk: PreparedChunk } | { seq: number; kind: 'error'; message: string };

interface InFlight {
  after: string | null;
  /** The chunk's writes, or null when no case is left after `after`. */
  result: Promise<PreparedChunk | null>;
  /** The last case id read and whether the chunk was full (the next chunk starts after it). */
  last: string | null;
  full: boolean;
}

const BOOT = new URL('./boot.js', import.meta.url);
const WORKER = new URL('./redetermination-eval-worker.ts', import.meta.url).href;

/** Evaluation workers preparing a job's chunks ahead of its writer. */
export class ChunkPipeline {
  private readonly workers: Worker[] = [];
  /** The chunks sent ahead, in order, after the one the writer has (being evaluated or evaluated). */
  private readonly queue: InFlight[] = [];
  /** The last chunk sent: the next one is read after it. */
  private tail: InFlight | null = null;
  private readonly pending = new Map<number, { resolve: (c: PreparedChunk) => void; reject: (e: Error) => void }>();
  private nextSeq = 1;
  private nextWorker = 0;
  /** Chunks sent ahead at most (one per worker: memory stays flat). */
  private readonly depth: number;
  private failure: Error | null = null;
  private closed = false;

  constructor(
    plan: PlanData,
    private readonly read: (after: string | null) => Promise<RedeterminationCandidate[]>,
    private readonly chunkSize: number,
    workers: number,
  ) {
    this.depth = Math.max(1, workers);
    for (let i = 0; i < workers; i++) {
      const worker = new Worker(BOOT, {
        workerData: { module: WORKER, plan },
        // As the writer's: a chunk allocates many short-lived objects (answers, traces).
        resourceLimits: { maxYoungGenerationSizeMb: 64 },
      });
      worker.on('message', (reply: EvalReply) => this.onReply(reply));
      worker.on('error', (err: Error) => this.fail(err));
      worker.on('exit', (code) => {
        if (!this.closed) this.fail(new Error(`A re-determination evaluation worker stopped (exit code ${code}).`));
      });
      this.workers.push(worker);
    }
  }

  /** The chunk after `cursor`, read and evaluated (null when no case is left); the next ones are read and sent ahead. */
  async next(cursor: string | null): Promise<PreparedChunk | null> {
    if (this.failure) throw this.failure;
    if (this.queue[0]?.after !== cursor) {
      // Not the chunk sent next (a chunk was refused and is read again, or the first): start over from the cursor.
      this.queue.length = 0;
      await this.send(cursor);
    }
    const first = this.queue.shift()!;
    // While the writer awaits and commits this chunk, the workers evaluate the next ones.
    await this.fill();
    return first.result;
  }

  /** Stops the workers; chunks sent ahead are dropped. */
  async close(): Promise<void> {
    this.closed = true;
    this.queue.length = 0;
    this.tail = null;
    await Promise.all(this.workers.splice(0).map((w) => w.terminate()));
    for (const p of this.pending.values()) p.reject(new Error('The re-determination pipeline was closed.'));
    this.pending.clear();
  }

  /** Reads the chunk after `after` and sends it to the next worker. */
  private async send(after: string | null): Promise<void> {
    const rows = await this.read(after);
    const entry: InFlight = {
      after,
      result: Promise.resolve(null),
      last: rows.length > 0 ? rows[rows.length - 1].case.id : null,
      full: rows.length >= this.chunkSize,
    };
    if (rows.length > 0) {
      const seq = this.nextSeq++;
      entry.result = new Promise<PreparedChunk>((resolve, reject) => this.pending.set(seq, { resolve, reject }));
      // A chunk dropped (or the job stopped) before it was awaited is not an unhandled rejection.
      entry.result.catch(() => undefined);
      this.workers[this.nextWorker++ % this.workers.length].postMessage({ seq, rows } satisfies EvalTask);
    }
    this.queue.push(entry);
    this.tail = entry;
  }

  /**
   * Reads and sends the chunks after the last one sent while fewer than `depth` wait (the one the writer has just
   * taken does not count: it may be applied while these are evaluated).
   */
  private async fill(): Promise<void> {
    while (this.queue.length < this.depth) {
      const tail = this.tail;
      if (!tail || !tail.full || tail.last === null) return;
      await this.send(tail.last);
    }
  }

  private onReply(reply: EvalReply): void {
    const p = this.pending.get(reply.seq);
    if (!p) return;
    this.pending.delete(reply.seq);
    if (reply.kind === 'prepared') p.resolve(reply.chunk);
    else p.reject(new Error(reply.message));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}
