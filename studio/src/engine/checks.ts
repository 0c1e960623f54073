/**
 * What the studio's engine worker does, as plain functions (so the benchmark runs exactly this code in Node too):
 * check a definition text (validate, compile, run every test case, condition coverage), evaluate a household, and
 * compare test cases between two texts. One compiled program is kept per text, so evaluating the tester's household
 * after a check does not compile again.
 */
import {
  compile,
  conditionCoverage,
  evaluate,
  parameterUses,
  runTests,
  type CompiledProgram,
  type Determination,
  type Diagnostic,
  type IsoDate,
  type ParameterUseSite,
  type Program,
} from '../../../engine/index.ts';
import type { CheckResult, TestComparison } from './protocol.ts';

let cache: { text: string; compiled?: CompiledProgram; diagnostics: Diagnostic[] } | null = null;

/** The compiled program of a text (kept for the last text), or its diagnostics, or its JSON syntax error. */
export function compileText(text: string): { compiled?: CompiledProgram; diagnostics: Diagnostic[]; syntax?: CheckResult['syntax'] } {
  if (cache?.text === text) return cache;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const offset = Number(/position (\d+)/.exec(message)?.[1] ?? 0);
    return { diagnostics: [], syntax: { message, offset } };
  }
  const { compiled, diagnostics } = compile(doc);
  cache = { text, compiled, diagnostics };
  return cache;
}

/** Validates, compiles and runs the test cases of a definition text, timing each step. */
export function check(text: string): CheckResult {
  const start = performance.now();
  const { compiled, diagnostics, syntax } = compileText(text);
  const compiledAt = performance.now();
  if (syntax) return { syntax, diagnostics: [], timing: { compile: compiledAt - start, tests: 0, total: compiledAt - start } };
  const tests = compiled ? runTests(compiled) : undefined;
  const coverage = compiled ? conditionCoverage(compiled) : undefined;
  const end = performance.now();
  return { diagnostics, tests, coverage, timing: { compile: compiledAt - start, tests: end - compiledAt, total: end - start } };
}

function summary(d: Determination | undefined) {
  if (!d) return null;
  return { eligibility: d.eligibility, benefits: Object.fromEntries(d.benefits.map((b) => [b.id, b.amount])) };
}

/** Runs this text's test cases on both texts: what changes for each case between the two versions. */
export function testAgainst(text: string, otherText: string): { comparisons: TestComparison[]; diagnostics: Diagnostic[] } {
  const mine = compileText(text);
  if (!mine.compiled) return { comparisons: [], diagnostics: mine.diagnostics };
  const otherDoc = JSON.parse(otherText) as Program;
  const other = compile(otherDoc);
  const cases = mine.compiled.program.tests ?? [];
  const comparisons = cases.map((test) => {
    const options = { asOf: test.date, partial: false };
    const before = other.compiled ? summary(evaluate(other.compiled, test.input, options)) : null;
    const after = summary(evaluate(mine.compiled!, test.input, options));
    return { name: test.name, before, after, changed: JSON.stringify(before) !== JSON.stringify(after) };
  });
  return { comparisons, diagnostics: other.diagnostics };
}

/** Evaluates answers against a text's program; no determination when it does not compile. */
export function evaluateText(
  text: string,
  answers: Record<string, unknown>,
  date: IsoDate,
  lang: string | undefined,
  partial: boolean,
): { determination?: Determination; diagnostics: Diagnostic[] } {
  const { compiled, diagnostics } = compileText(text);
  if (!compiled) return { diagnostics };
  return { determination: evaluate(compiled, answers, { asOf: date, partial, lang }), diagnostics };
}

/** Where each parameter of a definition text is used (`null` when the text is not JSON or does not fit the format). */
export function parameterUsesOf(text: string): Record<string, ParameterUseSite[]> | null {
  try {
    return parameterUses(JSON.parse(text)) ?? null;
  } catch {
    return null;
  }
}
