/**
 * The studio's engine worker: the same pure engine the server runs (`engine/index.ts`), in a Web Worker so checking
 * a definition never blocks typing. One compiled program is kept per text, so evaluating the tester's household
 * after a check does not compile again.
 */
import { compile, evaluate, runTests, type CompiledProgram, type Determination, type Diagnostic, type Program } from '../../../engine/index.ts';
import type { CheckResult, EngineRequest, EngineResponse, TestComparison } from './protocol.ts';

let cache: { text: string; compiled?: CompiledProgram; diagnostics: Diagnostic[] } | null = null;

function compileText(text: string): { compiled?: CompiledProgram; diagnostics: Diagnostic[]; syntax?: CheckResult['syntax'] } {
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

function check(text: string): CheckResult {
  const start = performance.now();
  const { compiled, diagnostics, syntax } = compileText(text);
  const compiledAt = performance.now();
  if (syntax) return { syntax, diagnostics: [], timing: { compile: compiledAt - start, tests: 0, total: compiledAt - start } };
  const tests = compiled ? runTests(compiled) : undefined;
  const end = performance.now();
  return { diagnostics, tests, timing: { compile: compiledAt - start, tests: end - compiledAt, total: end - start } };
}

function summary(d: Determination | undefined) {
  if (!d) return null;
  return { eligibility: d.eligibility, benefits: Object.fromEntries(d.benefits.map((b) => [b.id, b.amount])) };
}

/** Runs this text's test cases on both texts: what changes for each case between the two versions. */
function testAgainst(text: string, otherText: string): { comparisons: TestComparison[]; diagnostics: Diagnostic[] } {
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

function handle(request: EngineRequest): EngineResponse {
  switch (request.kind) {
    case 'check':
      return { id: request.id, kind: 'check', result: check(request.text) };
    case 'evaluate': {
      const { compiled, diagnostics } = compileText(request.text);
      if (!compiled) return { id: request.id, kind: 'evaluate', diagnostics };
      const determination = evaluate(compiled, request.answers, { asOf: request.date, partial: request.partial, lang: request.lang });
      return { id: request.id, kind: 'evaluate', determination, diagnostics };
    }
    case 'test-against':
      return { id: request.id, kind: 'test-against', ...testAgainst(request.text, request.otherText) };
  }
}

self.onmessage = (event: MessageEvent<EngineRequest>) => {
  let response: EngineResponse;
  try {
    response = handle(event.data);
  } catch (error) {
    response = { id: event.data.id, kind: 'failed', message: (error as Error).message };
  }
  (self as unknown as Worker).postMessage(response);
};
