/**
 * Validate + compile time of a definition by its size (issue 14, finding 3): the shipped rental program with a chain
 * of N derived values (each the previous plus one), at 1k, 4k and 16k, three runs each (the best kept). Linear growth
 * means each 4× step costs about 4× (the ratio printed beside it); a quadratic walk would cost 16×.
 *
 *   npm run bench -- definition-size
 */
import path from 'node:path';
import { compile, type Program } from '../engine/index.ts';
import { checkProgramFolder } from '../runtime/fs/program-folder.ts';

/** The shipped rental program with a chain of `n` derived values `d1 = householdSize + 1`, `dK = d(K-1) + 1`. */
export function chainProgram(n: number): Program {
  const checked = checkProgramFolder(path.resolve(import.meta.dirname, '../programs/emergency-rental-assistance'));
  const p = JSON.parse(JSON.stringify(checked.versions[0]!.program)) as Program;
  const derived = p.derived as Record<string, unknown>;
  for (let i = 1; i <= n; i++) derived[`d${i}`] = { title: `Step ${i}`, formula: i === 1 ? 'householdSize + 1' : `d${i - 1} + 1` };
  return p;
}

function best(n: number, runs = 3): number {
  const doc = chainProgram(n);
  let fastest = Number.POSITIVE_INFINITY;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    const out = compile(doc);
    const ms = performance.now() - t;
    if (!out.compiled) throw new Error(`the ${n}-step chain does not compile: ${JSON.stringify(out.diagnostics.slice(0, 2))}`);
    fastest = Math.min(fastest, ms);
  }
  return fastest;
}

/** Prints validate + compile time at 1k/4k/16k derived values and the growth per 4× step; true when it stays under 8×. */
export async function run(): Promise<boolean> {
  const sizes = [1000, 4000, 16000];
  const times = sizes.map((n) => best(n));
  let ok = true;
  console.log('derived values   validate+compile   × per 4× more (linear ≈ 4, quadratic ≈ 16)');
  sizes.forEach((n, i) => {
    const ratio = i === 0 ? null : times[i] / times[i - 1];
    if (ratio !== null && ratio > 8) ok = false;
    console.log(`${String(n).padStart(14)}   ${times[i].toFixed(0).padStart(12)} ms   ${ratio === null ? '' : ratio.toFixed(2)}`);
  });
  console.log(`bytes of the 16k definition: ${JSON.stringify(chainProgram(16000)).length.toLocaleString('en')}`);
  return ok;
}

if (process.argv[1] === import.meta.filename) void run();
