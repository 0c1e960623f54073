/**
 * Runs the condition conformance cases (tests/engine/conformance/conditions.json) against every evaluator of the
 * condition format: the interpreter, the compiled fast and traced forms, the workflow guard and the page's showWhen.
 * Two-valued consumers map the outcome: a guard allows only on pass (fail and unknown refuse); a page is hidden
 * only on fail (pass and unknown show it).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decideCondition, decideGuard, resolveConditions, type ConditionTree, type LeafCondition } from '../../engine/index.ts';
import { compileConditions } from '../../engine/conditions/compile.ts';
import { createContext } from '../../engine/formula/context.ts';
import { FormulaEvalError } from '../../engine/formula/dates.ts';
import type { ParameterInForce } from '../../engine/parameters.ts';
import { pageShown } from '../../web/src/forms/show-when.ts';

interface Case {
  description: string;
  condition: ConditionTree;
  /** Shared conditions the case's `{ "condition": name }` references refer to (json-rules-engine's `setCondition`). */
  conditions?: Record<string, ConditionTree>;
  facts: Record<string, unknown>;
  params?: Record<string, unknown>;
  expected: 'pass' | 'fail' | 'unknown';
}
const groups = JSON.parse(readFileSync(path.join(import.meta.dirname, 'conformance/conditions.json'), 'utf8')) as {
  description: string;
  tests: Case[];
}[];
const NAMES = ['fail', 'pass', 'unknown'] as const;

function compiled(c: Case, condition: ConditionTree, mode: 'fast' | 'full'): string {
  const names = Object.keys(c.params ?? {});
  const tree = compileConditions(condition, '', { derivedSlot: () => undefined, paramSlot: (n) => (names.includes(n) ? names.indexOf(n) : undefined) });
  const ctx = createContext(0, 0, mode === 'full');
  ctx.input = c.facts;
  ctx.asOf = '2025-01-01';
  ctx.params = names.map((name): ParameterInForce => ({ name, type: 'scalar', value: c.params![name], effectiveFrom: '2000-01-01', reference: { title: 't' } as never }));
  try {
    return NAMES[mode === 'fast' ? tree.fast(ctx) : tree.full(ctx, () => {})];
  } catch (e) {
    if (e instanceof FormulaEvalError) return 'unknown';
    throw e;
  }
}

/** The condition with every input fact moved under the guard fact `case` (`a` → `case` at `$.a`). */
function asGuard(node: ConditionTree): ConditionTree {
  if ('all' in node) return { ...node, all: node.all.map(asGuard) };
  if ('any' in node) return { ...node, any: node.any.map(asGuard) };
  if ('not' in node) return { ...node, not: asGuard(node.not) };
  if ('condition' in node) throw new Error('resolve shared conditions first');
  const move = (fact: string, p?: string) => (fact.startsWith('param:') ? { fact, ...(p ? { path: p } : {}) } : { fact: 'case', path: `$.${fact}${p ? p.slice(1) : ''}` });
  const v = node.value as unknown as Record<string, unknown>;
  const value = v && typeof v === 'object' && typeof v.fact === 'string' ? move(v.fact, v.path as string | undefined) : node.value;
  return { ...node, ...move(node.fact, node.path), value } as LeafCondition;
}

describe.each(groups)('conditions conformance: $description', ({ tests }) => {
  it.each(tests)('$description', (c) => {
    const param = (n: string) => c.params?.[n];
    // What normalize does for a program: every evaluator sees the tree with its shared conditions resolved.
    const { tree: condition, diagnostics } = resolveConditions(c.condition, c.conditions ?? {});
    expect(diagnostics, 'resolving shared conditions').toEqual([]);
    expect(decideCondition(condition, { facts: c.facts, param }), 'interpreter').toBe(c.expected);
    expect(compiled(c, condition, 'fast'), 'compiled fast form').toBe(c.expected);
    expect(compiled(c, condition, 'full'), 'compiled traced form').toBe(c.expected);
    const actor = { id: 'w1', roles: ['caseworker'] } as never;
    expect(decideGuard(asGuard(condition), actor, c.facts as never, param), 'workflow guard').toBe(c.expected);
    if (!JSON.stringify(condition).includes('param')) {
      expect(pageShown(condition, c.facts), 'page showWhen (hidden only on fail)').toBe(c.expected !== 'fail');
    }
  });
});
