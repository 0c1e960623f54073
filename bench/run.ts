/**
 * Runs the benchmarks: `npm run bench` (all of them) or `npm run bench -- engine` (by name). Arguments from the
 * first `--flag` on go to each benchmark's `run` (e.g. `npm run bench -- load --store postgres`).
 *
 * A benchmark is a module `bench/<name>.ts` listed in BENCHMARKS that exports `run(args): Promise<boolean>` (true when
 * its targets are met). To add one (e.g. `bench/load.ts` for the HTTP runtime), export `run` from it and add its
 * name below. The process exits with status 1 when any benchmark misses its targets.
 */
const BENCHMARKS = ['engine', 'load', 'studio', 'impact', 'impact-store', 'population-cpu', 'redetermine', 'definition-size', 'page-weight'];

const argv = process.argv.slice(2);
const firstFlag = argv.findIndex((a) => a.startsWith('--'));
const wanted = firstFlag < 0 ? argv : argv.slice(0, firstFlag);
const flags = firstFlag < 0 ? [] : argv.slice(firstFlag);
const names = wanted.length ? wanted : BENCHMARKS;
let ok = true;
for (const name of names) {
  let mod: { run?: (args: string[]) => Promise<boolean> };
  try {
    mod = await import(`./${name}.ts`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && !wanted.length && String((err as Error).message).includes(`${name}.ts`)) {
      console.log(`bench/${name}.ts is not there yet; skipped.`);
      continue;
    }
    throw err;
  }
  if (typeof mod.run !== 'function') throw new Error(`bench/${name}.ts must export run(args): Promise<boolean>`);
  console.log(`\n== ${name} ==`);
  if (!(await mod.run(flags))) ok = false;
}
process.exitCode = ok ? 0 : 1;
