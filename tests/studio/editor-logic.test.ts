/**
 * The studio's pure parts: where a diagnostic's JSON Pointer is in the editor's text, how a part tab reads and writes
 * the one definition, and the worker's check on a shipped program (the same code the browser runs).
 */
import { describe, expect, it } from 'vitest';
import { check, testAgainst } from '../../studio/src/engine/checks.ts';
import { partOf, partValue, pointerInPart, withPart, PARTS } from '../../studio/src/draft/parts.ts';
import { textOf } from '../../studio/src/draft/useDraft.ts';
import { pointerSegments, spanOf, treeOf } from '../../studio/src/editor/pointers.ts';
import { loadAllPrograms } from '../../runtime/fs/program-folder.ts';
import path from 'node:path';
import type { Program } from '../../engine/index.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const snap = (await loadAllPrograms(path.join(ROOT, 'programs'))).find((p) => p.doc.id === 'us-snap' && p.doc.version === 5)!
  .doc as unknown as Program;

describe('JSON Pointers in the editor text', () => {
  const text = textOf({
    id: 'x',
    rules: [{ id: 'a', conditions: { all: [{ fact: 'age', operator: 'greaterThan', value: 17 }] } }],
    'a/b': { '~': 1 },
  });

  it('parses pointers with their escapes', () => {
    expect(pointerSegments('/rules/0/conditions/all/0/fact')).toEqual(['rules', 0, 'conditions', 'all', 0, 'fact']);
    expect(pointerSegments('/a~1b/~0')).toEqual(['a/b', '~']);
  });

  it('finds a value with its key, a container by its key, and a missing property by its nearest parent', () => {
    const tree = treeOf(text);
    const fact = spanOf(tree, '/rules/0/conditions/all/0/fact');
    expect(text.slice(fact.offset, fact.offset + fact.length)).toBe('"fact": "age"');
    expect(fact.exact).toBe(true);
    const conditions = spanOf(tree, '/rules/0/conditions');
    expect(text.slice(conditions.offset, conditions.offset + conditions.length)).toBe('"conditions"');
    const missing = spanOf(tree, '/rules/0/title');
    expect(missing.exact).toBe(false);
    expect(text.slice(missing.offset, missing.offset + 1)).toBe('{');
    const escaped = spanOf(tree, '/a~1b/~0');
    expect(text.slice(escaped.offset, escaped.offset + escaped.length)).toBe('"~": 1');
  });

  it('gives no tree for a text that is not JSON, and places pointers at its start', () => {
    expect(spanOf(treeOf('{ "id": '), '/id').offset).toBeGreaterThanOrEqual(0);
  });
});

describe('part tabs over one definition', () => {
  it('reads every part and writes it back to the same document, keys in order', () => {
    const doc = snap as unknown as Record<string, unknown>;
    for (const part of PARTS) expect(withPart(doc, part, partValue(doc, part))).toEqual(doc);
    expect(Object.keys(withPart(doc, 'metadata', partValue(doc, 'metadata')))).toEqual(Object.keys(doc));
    const changed = withPart(doc, 'tests', []);
    expect(changed.tests).toEqual([]);
    expect(Object.keys(changed)).toEqual(Object.keys(doc));
  });

  it('files each diagnostic pointer under its part and maps it into the part', () => {
    expect(partOf('/parameters/asset_limit/values')).toBe('parameters');
    expect(partOf('/title')).toBe('metadata');
    expect(partOf('')).toBe('metadata');
    expect(pointerInPart('parameters', '/parameters/asset_limit')).toBe('/asset_limit');
    expect(pointerInPart('metadata', '/title')).toBe('/title');
  });
});

describe("the studio worker's check", () => {
  it('validates, compiles and runs every test case of us-snap, with coverage', () => {
    const result = check(textOf(snap));
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.tests?.failed).toBe(0);
    expect(result.tests?.total).toBe(snap.tests?.length);
    expect(result.coverage?.possible).toBeGreaterThan(0);
    expect(result.timing.total).toBeGreaterThan(0);
  });

  it('points a typo at its place and runs no tests', () => {
    const typo = textOf({
      ...snap,
      rules: snap.rules.map((r, i) =>
        i === 0 ? { ...r, conditions: { all: [{ fact: 'grossIncom', operator: 'lessThanInclusive', value: { fact: 'grossIncomeLimit' } }] } } : r,
      ),
    });
    const result = check(typo);
    const problem = result.diagnostics.find((d) => d.path === '/rules/0/conditions/all/0/fact');
    expect(problem?.message).toContain('Did you mean "grossIncome"?');
    expect(result.tests).toBeUndefined();
  });

  it('reports a JSON syntax error with its offset', () => {
    const result = check('{ "id": "x", }');
    expect(result.syntax?.message).toBeTruthy();
    expect(result.diagnostics).toEqual([]);
  });

  it('compares the test cases between two versions', () => {
    const lower = { ...snap, parameters: { ...snap.parameters, asset_limit: { ...snap.parameters.asset_limit, values: { '2021-10-01': 100 } } } };
    const { comparisons } = testAgainst(textOf(lower), textOf(snap));
    expect(comparisons.length).toBe(snap.tests?.length);
    expect(comparisons.some((c) => c.changed && c.before?.eligibility === 'eligible' && c.after?.eligibility === 'ineligible')).toBe(true);
  });
});
