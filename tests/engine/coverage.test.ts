/**
 * Condition coverage (`conditionCoverage`) on the base test program with four cases chosen so that every outcome
 * of every node is known: which cases produced pass, fail and unknown, per rule, waiver, node and page, and the
 * covered / possible totals. Also the text `mandate test --coverage` prints.
 */
import { describe, expect, it } from 'vitest';
import { compileProgram } from '../../engine/compile/index.ts';
import { normalize } from '../../engine/normalize/index.ts';
import { conditionCoverage, formatCoverage } from '../../engine/index.ts';
import type { Program } from '../../engine/format/types.ts';
import { baseProgram } from './base-program.ts';

function program(): Program {
  const p = baseProgram();
  p.form.pages[1].showWhen = { fact: 'rent', operator: 'greaterThan', value: 0 };
  const date = '2025-03-01';
  p.tests = [
    {
      name: 'Case 0: a person earning $500 in North, SSI not answered.',
      date,
      input: { members: [{ name: 'A', income: 500 }], rent: 0, county: 'North' },
      expected: {},
    },
    {
      name: 'Case 1: a person on SSI earning $5000 in South.',
      date,
      input: { members: [{ name: 'B', income: 5000, receivesSSI: true }], rent: 100, county: 'South' },
      expected: {},
    },
    {
      name: 'Case 2: a person earning $500 in East.',
      date,
      input: { members: [{ name: 'C', income: 500, receivesSSI: false }], rent: 0, county: 'East' },
      expected: {},
    },
    {
      name: 'Case 3: a person earning $500 who gave no county.',
      date,
      input: { members: [{ name: 'D', income: 500, receivesSSI: false }], rent: 50 },
      expected: {},
    },
  ];
  return p;
}

describe('condition coverage', () => {
  const coverage = conditionCoverage(compileProgram(normalize(program()).program, 'sha256-coverage'));
  const [income, county] = coverage.rules;

  it('records which cases produced each outcome of each rule condition node', () => {
    expect(income.conditions.map((n) => [n.pointer, n.kind, n.label, n.outcomes])).toEqual([
      ['/rules/0/conditions', 'all', 'all of 1', { pass: [0, 2, 3], fail: [1], unknown: [] }],
      ['/rules/0/conditions/all/0', 'leaf', 'income lessThanInclusive incomeLimit', { pass: [0, 2, 3], fail: [1], unknown: [] }],
    ]);
    expect(county.conditions.map((n) => [n.pointer, n.outcomes])).toEqual([
      ['/rules/1/conditions', { pass: [0, 1], fail: [2], unknown: [3] }],
      ['/rules/1/conditions/all/0', { pass: [0, 1], fail: [2], unknown: [3] }],
    ]);
  });

  it('covers the waiver, including an unknown member answer', () => {
    expect(income.waiver?.map((n) => [n.pointer, n.label, n.outcomes])).toEqual([
      ['/rules/0/waiver/conditions', 'any of 1', { pass: [1], fail: [2, 3], unknown: [0] }],
      ['/rules/0/waiver/conditions/any/0', 'members anyMember (receivesSSI equal true)', { pass: [1], fail: [2, 3], unknown: [0] }],
    ]);
  });

  it("records the rules' own outcomes, waived included", () => {
    expect(income.outcomes).toEqual({ pass: [0, 2, 3], fail: [], unknown: [], waived: [1] });
    expect(county.outcomes).toEqual({ pass: [0, 1], fail: [2], unknown: [3] });
  });

  it("covers a page's showWhen on the case answers", () => {
    expect(coverage.pages).toEqual([
      {
        page: 'housing',
        title: 'Your home',
        pointer: '/form/pages/1',
        nodes: [
          {
            pointer: '/form/pages/1/showWhen',
            kind: 'leaf',
            depth: 0,
            label: 'rent greaterThan 0',
            outcomes: { pass: [1, 3], fail: [0, 2], unknown: [] },
          },
        ],
        covered: 2,
        possible: 3,
      },
    ]);
  });

  it('totals covered and possible outcomes (three per node) per rule and overall', () => {
    expect([income.covered, income.possible]).toEqual([10, 12]);
    expect([county.covered, county.possible]).toEqual([6, 6]);
    expect([coverage.covered, coverage.possible]).toEqual([18, 21]);
    expect(coverage.cases.map((c) => c.index)).toEqual([0, 1, 2, 3]);
  });

  it('prints a table by rule title with the gaps marked', () => {
    const text = formatCoverage(coverage).split('\n');
    expect(text[0]).toBe('test-food-help version 1: condition coverage 18 of 21 outcomes (85%) by 4 test cases');
    expect(text).toContain('  Income test (income): pass ✓ fail ✗ unknown ✗ waived ✓   conditions 10/12');
    expect(text).toContain('        income lessThanInclusive incomeLimit  pass ✓ fail ✓ unknown ✗');
    expect(text).toContain('  Page "Your home" (housing) shown when:   conditions 2/3');
  });

  it('counts a condition on a value that cannot be computed as unknown, as the trace records it', () => {
    const p = program();
    p.derived!.income.formula = 'sum(members, m => m.income) / (count(members) - 1)';
    p.tests = [p.tests![0]];
    const c = conditionCoverage(compileProgram(normalize(p).program, 'sha256-coverage-error'));
    // One member: division by zero in `income`, so the income leaf and its group are unknown.
    expect(c.rules[0].conditions.map((n) => n.outcomes)).toEqual([
      { pass: [], fail: [], unknown: [0] },
      { pass: [], fail: [], unknown: [0] },
    ]);
    expect(c.rules[1].conditions[0].outcomes.pass).toEqual([0]);
  });
});
