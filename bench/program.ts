/**
 * Loads the program the benchmark and the differential test run against: the most complex shipped program
 * (programs/us-snap/fy2026), or the engine's mini-SNAP fixture when it is not there (with a note saying so).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileProgram, type CompiledProgram } from '../engine/compile/index.ts';
import { normalize } from '../engine/normalize/index.ts';
import { contentHash } from '../engine/format/hash.ts';
import type { Program } from '../engine/format/types.ts';
import { loadProgramFolder } from '../runtime/fs/program-folder.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The loaded program, compiled, and where it came from. */
export interface BenchProgram {
  program: Program;
  compiled: CompiledProgram;
  source: string;
  note?: string;
  /** An as-of date on which the program is in force. */
  asOf: string;
}

/** Loads us-snap FY2026 (or the fixture), compiles it and returns it with an as-of date inside its validity. */
export function loadBenchProgram(): BenchProgram {
  const dir = path.join(ROOT, 'programs/us-snap/fy2026');
  let program: Program;
  let source: string;
  let note: string | undefined;
  if (fs.existsSync(path.join(dir, 'program.json'))) {
    const loaded = loadProgramFolder(dir);
    const version = loaded.versions[0];
    if (!version) throw new Error(`Could not load ${dir}: ${loaded.diagnostics.map((d) => d.message).join('; ')}`);
    program = version.doc as unknown as Program;
    source = 'programs/us-snap/fy2026';
  } else {
    program = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/engine/fixtures/eval-mini-snap.json'), 'utf8')) as Program;
    source = 'tests/engine/fixtures/eval-mini-snap.json';
    note = 'programs/us-snap/fy2026 not found: using the engine test fixture instead.';
  }
  const compiled = compileProgram(normalize(program).program, contentHash(program));
  const asOf = program.effectiveFrom > '2025-10-15' ? program.effectiveFrom : '2025-10-15';
  return { program, compiled, source, note, asOf };
}
