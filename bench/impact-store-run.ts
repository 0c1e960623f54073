/**
 * One measured impact run of bench/impact-store.ts, in a process of its own so that its peak memory is the run's
 * alone: `node --import tsx bench/impact-store-run.ts store|jsonl|csv <file>`. Warms the worker pool first (workers
 * started, versions compiled, the engine optimised, as on a running server), then compares us-snap FY2026 with FY2025
 * over every case of the store (or every household of the file) and prints one JSON line: households, seconds,
 * timings (read on the main thread; parse and engine summed over the workers), workers, the process's peak RSS and
 * the main thread's peak heap. Stored cases and files on disk are read by the workers themselves (ranges).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentHash, type Program } from '../engine/index.ts';
import { loadProgramFolder } from '../runtime/fs/program-folder.ts';
import { createSqliteStore } from '../runtime/store/sqlite/sqlite-store.ts';
import type { ImpactRunOptions } from '../runtime/workers/impact-protocol.ts';
import { runImpact, runImpactOverFile, storeRangeChunks, type ReadChunk } from '../runtime/workers/impact-run.ts';
import { closeSharedImpactPool, sharedImpactPool } from '../runtime/workers/pool.ts';
import { households } from './households.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const doc = (dir: string) => loadProgramFolder(path.join(ROOT, 'programs/us-snap', dir)).versions[0].doc as unknown as Program;
const before = doc('fy2025');
const after = doc('fy2026');
const versions = { before: { doc: before, hash: contentHash(before) }, after: { doc: after, hash: contentHash(after) } };
const options: ImpactRunOptions = { asOf: '2025-10-15', by: undefined, sampleSize: 3, partial: false };
const STATES = ['submitted', 'interview-scheduled', 'documents-requested', 'documents-received', 'approved', 'denied'];

async function once(chunks: AsyncIterable<ReadChunk>) {
  const result = await runImpact({ pool: sharedImpactPool(), ...versions, options, chunks });
  if (result === 'cancelled') throw new Error('unreachable: never cancelled');
  return result;
}

async function* warmUp(): AsyncGenerator<ReadChunk> {
  const list = households(40_000, 1, { missingRate: 0.01, invalidRate: 0.001 }).map((h) => JSON.stringify(h));
  for (let i = 0; i < list.length; i += 5_000) {
    const texts = list.slice(i, i + 5_000);
    yield { input: { format: 'texts', texts, ids: texts.map((_, k) => `warm-${i + k}`) }, firstIndex: i };
  }
}

const [kind, file] = process.argv.slice(2);
if (!['store', 'jsonl', 'csv'].includes(kind) || !file || !fs.existsSync(file)) {
  console.error('Usage: node --import tsx bench/impact-store-run.ts store|jsonl|csv <file>');
  process.exit(2);
}
await once(warmUp());
// The store opened as a server opens it (migrated, its WAL and shared memory there), then read by the workers.
const store = kind === 'store' ? createSqliteStore(file) : null;
// The main thread's heap at its peak (sampled): what it keeps while the workers read, parse and compare.
let peakHeap = 0;
const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 25);
const started = performance.now();
const cpuStart = process.cpuUsage();
const result = store
  ? await once(storeRangeChunks(file, { programId: 'us-snap', states: STATES }))
  : await runImpactOverFile({ pool: sharedImpactPool(), ...versions, options }, file, kind as 'jsonl' | 'csv');
if (result === 'cancelled') throw new Error('unreachable: never cancelled');
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStart);
clearInterval(sampler);
await store?.close();
const workers = sharedImpactPool().size;
await closeSharedImpactPool();
console.log(
  JSON.stringify({
    households: result.summary.households,
    seconds,
    timings: result.timings,
    workers,
    peakRss: process.resourceUsage().maxRSS * 1024,
    peakHeap: peakHeap,
    // CPU seconds of the whole process (every thread) during the run: the cost whatever else the machine runs.
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    annualChange: result.summary.benefits.allotment?.annualChange ?? 0,
  }),
);
