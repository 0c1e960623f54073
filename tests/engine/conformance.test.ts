/**
 * Runs the condition conformance cases (tests/engine/conformance/conditions.json) against every evaluator of the
 * condition format: the interpreter, the compiled fast and traced forms, the workflow guard, the page's showWhen and
 * the batch path (columnar kernels when the one-rule program of the case vectorises, `conformance/program.ts`).
 * Two-valued consumers map the outcome: a guard allows only on pass (fail and unknown refuse); a page is hidden
 * only on fail (pass and unknown show it). The cases the columnar kernels cannot express are listed below by reason
 * (`COLUMNAR_CANNOT`); the batch path gives them to the scalar path, whose outcome is checked all the same. Each
 * operator's lane reading in the operator table is checked against its test on a grid of values.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decideCondition, decideGuard, normalize, resolveConditions, type ConditionTree, type LeafCondition } from '../../engine/index.ts';
import { compileConditions } from '../../engine/languages/conditions/compile.ts';
import { compileProgram } from '../../engine/compile/index.ts';
import { evaluateBatch, evaluateBatchColumns, OUTCOME_CODES, type BatchStats } from '../../engine/evaluate/batch.ts';
import { columnarUnsupportedReason } from '../../engine/evaluate/columnar/plan.ts';
import { OPERATOR_TABLE, type LaneReading } from '../../engine/languages/conditions/operators.ts';
import { conformanceProgram, type ConformanceCase } from './conformance/program.ts';
import { createContext } from '../../engine/languages/formula/context.ts';
import { FormulaEvalError } from '../../engine/languages/formula/dates.ts';
import type { ParameterInForce } from '../../engine/evaluate/parameters.ts';
import { pageShown } from '../../web/src/forms/show-when.ts';

type Case = ConformanceCase;
const groups = JSON.parse(readFileSync(path.join(import.meta.dirname, 'conformance/conditions.json'), 'utf8')) as {
  description: string;
  tests: Case[];
}[];
const NAMES = ['fail', 'pass', 'unknown'] as const;

function compiled(c: Case, condition: ConditionTree, mode: 'fast' | 'full'): string {
  const names = Object.keys(c.params ?? {});
  const tree = compileConditions(condition, '', {
    derivedSlot: () => undefined,
    paramSlot: (n) => (names.includes(n) ? names.indexOf(n) : undefined),
  });
  const ctx = createContext(0, 0, mode === 'full');
  ctx.input = c.facts;
  ctx.asOf = '2025-01-01';
  ctx.params = names.map(
    (name): ParameterInForce => ({ name, type: 'scalar', value: c.params![name], effectiveFrom: '2000-01-01', reference: { title: 't' } as never }),
  );
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
  const move = (fact: string, p?: string) =>
    fact.startsWith('param:') ? { fact, ...(p ? { path: p } : {}) } : { fact: 'case', path: `$.${fact}${p ? p.slice(1) : ''}` };
  const v = node.value as unknown as Record<string, unknown>;
  const value = v && typeof v === 'object' && typeof v.fact === 'string' ? move(v.fact, v.path as string | undefined) : node.value;
  return { ...node, ...move(node.fact, node.path), value } as LeafCondition;
}

/**
 * Why the columnar kernels cannot express a case (the reason `columnarUnsupportedReason` gives, by pattern): typed
 * columns hold numbers, booleans and dates, so the cases below stay on the scalar path.
 */
const COLUMNAR_CANNOT: [RegExp, string][] = [
  [/^input "\w+" has type "(string|array)"$/, 'strings and lists are not column kinds (equality on strings, list, date-string and member operators)'],
  [/^threshold (null|\[.*\]|\{.*\})$/, 'a threshold that is no number or boolean: presence operators (no value), list literals, member tests'],
  [/^(threshold )?fact with a path$/, 'a path into a fact (objects are not columns)'],
  [/^parameter fact$/, 'a `param:` fact (parameters are thresholds only)'],
];
const ASOF = '2025-06-01';
const columnarReasons = new Set<string>();

/** The case's batch outcome, and whether the columnar kernels decided it. */
function batch(c: Case): { outcome: string; columnar: boolean; reason: string | null } {
  // Shared conditions resolved as validate resolves them for every program (normalize); the cases that test
  // evaluators on trees validation would refuse (a member operator on a non-list) are not validated here.
  const normalized = normalize(conformanceProgram(c));
  expect(
    normalized.diagnostics.filter((d) => d.severity === 'error'),
    'the shared conditions resolve',
  ).toEqual([]);
  const program = compileProgram(normalized.program, 'sha256-conformance');
  const reason = columnarUnsupportedReason(program, ASOF);
  const stats: BatchStats = { columnar: 0, scalar: 0 };
  const [result] = evaluateBatch(program, [c.facts], { asOf: ASOF, partial: true, stats });
  const columns = evaluateBatchColumns(program, [c.facts], { asOf: ASOF, partial: true });
  expect(columns.outcomes[0][0], 'typed-array batch columns').toBe(OUTCOME_CODES[result.outcomes.r]);
  return { outcome: result.outcomes.r, columnar: stats.columnar === 1, reason };
}

/** True when the case leaves out (or nulls) a fact its condition reads: a lane the kernels hand to the scalar path. */
function missesAFact(c: Case): boolean {
  const names = Object.keys(conformanceProgram(c).form.schema.properties ?? {});
  return names.some((n) => c.facts[n] === undefined || c.facts[n] === null);
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
    const b = batch(c);
    expect(b.outcome, 'batch path').toBe(c.expected);
    if (b.reason !== null) {
      expect(
        COLUMNAR_CANNOT.some(([pattern]) => pattern.test(b.reason as string)),
        `columnar reason "${b.reason}" is listed in COLUMNAR_CANNOT`,
      ).toBe(true);
      columnarReasons.add(COLUMNAR_CANNOT.find(([pattern]) => pattern.test(b.reason as string))![1]);
    } else {
      // The kernels decide every lane whose inputs are all given; a lane with a missing input goes to the scalar path.
      expect(b.columnar, 'decided by the columnar kernels').toBe(!missesAFact(c));
    }
  });
});

describe('conditions conformance: the columnar path', () => {
  it('lists no reason in COLUMNAR_CANNOT that no case needs', () => {
    expect([...columnarReasons].sort()).toEqual(COLUMNAR_CANNOT.map(([, why]) => why).sort());
  });

  const compare: Record<LaneReading['compare'], (a: number, b: number) => boolean> = {
    '<': (a, b) => a < b,
    '<=': (a, b) => a <= b,
    '>': (a, b) => a > b,
    '>=': (a, b) => a >= b,
    '==': (a, b) => a === b,
    '!=': (a, b) => a !== b,
  };
  const numbers = [-1, 0, -0, 0.5, 1, 2, Number.NaN, Number.POSITIVE_INFINITY];
  const laneOperators = Object.entries(OPERATOR_TABLE).filter(([, entry]) => entry.lanes !== undefined);
  it.each(laneOperators)('the lane reading of %s agrees with its test', (name, { test, lanes }) => {
    const reading = lanes as LaneReading;
    const pairs: [unknown, unknown][] = numbers.flatMap((a) => numbers.map((b): [unknown, unknown] => [a, b]));
    if (reading.operands === 'same-kind') for (const a of [false, true]) for (const b of [false, true]) pairs.push([a, b]);
    for (const [a, b] of pairs) expect(compare[reading.compare](Number(a), Number(b)), `${name}(${String(a)}, ${String(b)})`).toBe(test(a, b));
  });
});
