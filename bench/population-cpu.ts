/**
 * CPU time of an impact preview over a population file (`npm run bench -- population-cpu`): us-snap FY2026 against
 * FY2025 over a JSON Lines file of BENCH_POPULATION_HOUSEHOLDS generated households (default 200,000; 1% of answers
 * missing, 0.1% invalid), on the worker pool (bench/impact-store-run.ts, a process of its own), beside the same work
 * in one loop on the main thread in the same run (2 MB ranges read, parsed and compared one after the other): the
 * baseline. CPU time, not wall time, so that other work on the machine matters less: each prints the CPU time of its
 * whole process (every thread: V8's helper threads too) per household, and the ratio is what the pool costs above
 * the plain loop. From the pool's figure, the CPU a 1,000,000-household file needs per core (issue #12: ≤ 10 s).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile, impact, type CompiledProgram, type Program } from '../engine/index.ts';
import { loadProgramFolder } from '../runtime/fs/program-folder.ts';
import { readFileRange } from '../runtime/workers/chunk-readers.ts';
import { parseJsonLines } from '../runtime/workers/impact-protocol.ts';
import { POPULATION_CHUNK } from '../runtime/workers/impact-run.ts';
import { households } from './households.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const AS_OF = '2025-10-15';

function compiled(dir: string): CompiledProgram {
  return compile(loadProgramFolder(path.join(ROOT, 'programs/us-snap', dir)).versions[0].doc as unknown as Program).compiled!;
}

/** CPU seconds of this process (every thread) over one pass of the loop over the file's first `limit` bytes. */
function loop(file: string, before: CompiledProgram, after: CompiledProgram, limit: number): { households: number; cpuSeconds: number } {
  const size = Math.min(fs.statSync(file).size, limit);
  const start = process.cpuUsage();
  let count = 0;
  for (let at = 0; at < size; at += POPULATION_CHUNK) {
    const { households: list } = parseJsonLines(readFileRange(file, at, at + POPULATION_CHUNK), []);
    impact(before, after, list, { asOf: AS_OF, sampleSize: 3, partial: false, firstIndex: count });
    count += list.length;
  }
  const cpu = process.cpuUsage(start);
  return { households: count, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

export async function run(): Promise<boolean> {
  const people = Number(process.env.BENCH_POPULATION_HOUSEHOLDS ?? 200_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mandate-population-cpu-'));
  try {
    const file = path.join(dir, 'households.jsonl');
    fs.writeFileSync(file, '');
    for (let from = 0; from < people; from += 50_000) {
      const list = households(Math.min(50_000, people - from), 20251015 + from, { missingRate: 0.01, invalidRate: 0.001 });
      fs.appendFileSync(file, `${list.map((h) => JSON.stringify(h)).join('\n')}\n`);
    }
    const [before, after] = [compiled('fy2025'), compiled('fy2026')];
    loop(file, before, after, 20 * POPULATION_CHUNK); // warm-up: the engine optimised, as in the pool's warmed workers
    const plain = loop(file, before, after, Number.POSITIVE_INFINITY);
    const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/impact-store-run.ts'), 'jsonl', file], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    if (child.status !== 0) throw new Error(`bench/impact-store-run.ts failed: ${child.stderr}`);
    const pool = JSON.parse(child.stdout.trim().split('\n').pop()!) as { households: number; cpuSeconds: number; seconds: number; workers: number };
    if (pool.households !== plain.households) throw new Error(`the pool compared ${pool.households} households, the loop ${plain.households}`);
    const perHousehold = (s: number) => (s * 1e6) / plain.households;
    const poolUs = perHousehold(pool.cpuSeconds);
    const perCore = poolUs / pool.workers;
    console.log(`  ${plain.households.toLocaleString('en-US')} households, load average ${os.loadavg()[0].toFixed(1)}`);
    console.log(`  one loop on the main thread (baseline): ${perHousehold(plain.cpuSeconds).toFixed(1)} µs of CPU per household`);
    console.log(
      `  the worker pool (${pool.workers} workers): ${poolUs.toFixed(1)} µs of CPU per household, ${pool.seconds.toFixed(1)} s wall (×${(pool.cpuSeconds / plain.cpuSeconds).toFixed(2)} the loop's CPU)`,
    );
    console.log(
      `  1,000,000 households: ${poolUs.toFixed(1)} s of CPU, ${perCore.toFixed(1)} s per core on ${pool.workers} free cores (target ≤ 10 s: ${perCore <= 10 ? 'met' : 'NOT met'} in CPU; wall time needs a quiet machine)`,
    );
    return perCore <= 10;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
