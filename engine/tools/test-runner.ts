/**
 * Runs a program's own test cases (`program.tests`) through `evaluate` and compares each expectation:
 * eligibility, benefit amounts and derived values to the cent, rule outcomes, and the missing inputs. Each failure
 * carries what was expected, what came out, and the trace of the rules behind it.
 */
import { compileProgram, type CompiledProgram } from '../compile/index.ts';
import { normalize } from '../normalize/index.ts';
import { evaluate } from '../evaluate/index.ts';
import { contentHash } from '../format/hash.ts';
import type { Determination, Program, RuleTrace, TestCase, TestFailure, TestReport, TestResult } from '../format/types.ts';

export type { TestFailure, TestReport, TestResult } from '../format/types.ts';

/** Options of `runTests`. */
export interface TestOptions {
  /** Language of the evaluation (messages only; outcomes do not depend on it). */
  lang?: string;
  /** Runs only the cases whose name this returns true for. */
  only?: (name: string) => boolean;
}

const CENT = 0.005;

/** Deep equality where numbers match to the cent. */
export function matchesToTheCent(expected: unknown, actual: unknown): boolean {
  if (typeof expected === 'number' && typeof actual === 'number') return Math.abs(expected - actual) < CENT;
  if (Array.isArray(expected))
    return Array.isArray(actual) && expected.length === actual.length && expected.every((e, i) => matchesToTheCent(e, actual[i]));
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    return [...keys].every((k) => matchesToTheCent((expected as Record<string, unknown>)[k], (actual as Record<string, unknown>)[k]));
  }
  return expected === actual;
}

function notPassing(d: Determination): RuleTrace[] {
  const failing = d.trace.filter((t) => t.outcome === 'fail' || t.outcome === 'unknown');
  return failing.length > 0 ? failing : d.trace;
}

function check(test: TestCase, d: Determination): TestFailure[] {
  const failures: TestFailure[] = [];
  const { expected } = test;
  if (expected.eligibility !== undefined && expected.eligibility !== d.eligibility) {
    failures.push({ what: 'eligibility', expected: expected.eligibility, actual: d.eligibility, trace: notPassing(d) });
  }
  for (const [id, amount] of Object.entries(expected.benefits ?? {})) {
    const actual = d.benefits.find((b) => b.id === id)?.amount;
    if (!matchesToTheCent(amount, actual)) failures.push({ what: `benefit ${id}`, expected: amount, actual: actual ?? null, trace: notPassing(d) });
  }
  for (const [rule, outcome] of Object.entries(expected.reasons ?? {})) {
    const actual = d.reasons.find((r) => r.rule === rule)?.outcome;
    if (outcome !== actual)
      failures.push({ what: `reason ${rule}`, expected: outcome, actual: actual ?? null, trace: d.trace.filter((t) => t.rule === rule) });
  }
  for (const [name, value] of Object.entries(expected.values ?? {})) {
    const actual = d.values[name];
    if (!matchesToTheCent(value, actual)) failures.push({ what: `value ${name}`, expected: value, actual: actual ?? null, trace: [] });
  }
  if (expected.missing !== undefined) {
    const actual = d.missing.map((m) => m.path).sort();
    const wanted = [...expected.missing].sort();
    if (!matchesToTheCent(wanted, actual)) failures.push({ what: 'missing', expected: wanted, actual, trace: notPassing(d) });
  }
  return failures;
}

function isCompiled(x: Program | CompiledProgram): x is CompiledProgram {
  return 'paramIndex' in x && 'program' in x;
}

/**
 * Runs every test case of a compiled program (or of a program that passed `validate`, compiled here) and reports
 * each one's failures. Never throws for a failing case.
 */
export function runTests(target: Program | CompiledProgram, options: TestOptions = {}): TestReport {
  const compiled = isCompiled(target) ? target : compileProgram(normalize(target).program, contentHash(target));
  const { program } = compiled;
  const results: TestResult[] = [];
  program.tests.forEach((test, index) => {
    if (options.only && !options.only(test.name)) return;
    const base = { index, path: `/tests/${index}`, name: test.name, date: test.date };
    let failures: TestFailure[];
    try {
      const d = evaluate(compiled, test.input, { asOf: test.date, lang: options.lang });
      failures = check(test, d);
    } catch (err) {
      failures = [{ what: 'error', expected: 'a determination', actual: (err as Error).message, trace: [] }];
    }
    results.push({ ...base, ok: failures.length === 0, failures });
  });
  const passed = results.filter((r) => r.ok).length;
  return { programId: program.id, version: program.version, total: results.length, passed, failed: results.length - passed, results };
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The trace of rules as indented lines: each condition with the value seen, operator, threshold and outcome. */
export function formatTrace(trace: RuleTrace[], indent = '      '): string[] {
  const lines: string[] = [];
  for (const rule of trace) {
    lines.push(`${indent}rule ${rule.rule}: ${rule.outcome}`);
    for (const c of rule.conditions) {
      const threshold = c.thresholdFact ? `${c.thresholdFact} = ${show(c.threshold)}` : show(c.threshold);
      const params = (c.parameters ?? []).map(
        (p) => `${p.name}${p.key !== undefined ? `[${p.key}]` : ''} = ${show(p.value)} from ${p.effectiveFrom}`,
      );
      lines.push(
        `${indent}  ${c.fact}${c.factPath ? c.factPath.slice(1) : ''} = ${show(c.value)} ${c.operator} ${threshold} → ${c.outcome}${params.length ? `  (${params.join('; ')})` : ''}`,
      );
    }
  }
  return lines;
}

/** The report as text: one line per case, and under each failing case its failures with expected, actual and trace. */
export function formatTestReport(report: TestReport): string {
  const lines = [`${report.programId} version ${report.version}: ${report.passed} of ${report.total} test cases pass`];
  for (const r of report.results) {
    lines.push(`  ${r.ok ? 'PASS' : 'FAIL'}  ${r.name}`);
    for (const f of r.failures) {
      lines.push(`    ${f.what}: expected ${show(f.expected)}, got ${show(f.actual)}`);
      lines.push(...formatTrace(f.trace));
    }
  }
  return lines.join('\n');
}
