/**
 * No import cycle inside engine/: every file's relative imports (type-only ones too, so that the folders stay a
 * layered pipeline even for types) form a graph without a cycle. A failure lists each cycle, file by file.
 */
import { describe, expect, it } from 'vitest';
import { localImports, sourceFiles } from '../support/imports.ts';

/** The cycles of a graph, each as the files along it with the first repeated at the end (depth-first search). */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

describe('engine/ imports', () => {
  const files = sourceFiles('engine');
  const graph = new Map(
    files.map((f) => [
      f,
      localImports(f)
        .map((i) => i.target)
        .filter((t) => t.startsWith('engine/')),
    ]),
  );

  it('reads the engine (the check is not vacuous)', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(graph.get('engine/index.ts')).toContain('engine/compile/index.ts');
  });

  it('finds a cycle when there is one', () => {
    const looped = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(cycles(looped)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
  });

  it('have no cycle', () => {
    expect(cycles(graph).map((c) => c.join(' → '))).toEqual([]);
  });
});
