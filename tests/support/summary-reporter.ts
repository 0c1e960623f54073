/**
 * A vitest reporter that ends the run with one plain line, `N passed, N failed, N skipped`, so that CI logs (and
 * tools that read only the last lines) can tell how many tests ran without parsing vitest's coloured summary.
 * A failure outside a test counts as one failure too: a file that does not load, a failing `beforeAll` /
 * `afterAll` hook (of the file or of a suite), and each unhandled error of the run; the line then says how many
 * of the failures are of that kind. When the run includes browser suites and `browserDecision()` does not let them
 * run, the line before it says why, once for the whole run (the suites themselves skip or fail silently).
 */
import type { SerializedError } from 'vitest';
import type { Reporter, TestModule, TestSpecification } from 'vitest/node';
import { browserDecision } from '../browser/support/chromium.ts';

/** The closing line's counts. */
export interface RunCounts {
  passed: number;
  failed: number;
  skipped: number;
  /** Failures outside tests: files or suites with errors of their own (load errors, failing hooks). */
  outside: number;
  /** Errors vitest caught outside any test (unhandled rejections, uncaught exceptions). */
  unhandled: number;
}

/** Counts the tests of a run by final state, plus the failures outside tests and the unhandled errors. */
export function countRun(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): RunCounts {
  const counts: RunCounts = { passed: 0, failed: 0, skipped: 0, outside: 0, unhandled: unhandledErrors.length };
  for (const module of testModules) {
    for (const test of module.children.allTests()) {
      const state = test.result().state;
      if (state === 'passed') counts.passed++;
      else if (state === 'failed') counts.failed++;
      else counts.skipped++;
    }
    // Errors of the file itself (it did not load, a top-level hook threw) and of its suites (a suite's hook threw).
    let outside = module.errors().length > 0 ? 1 : 0;
    for (const suite of module.children.allSuites()) if (suite.errors().length > 0) outside++;
    // A file vitest reports as failed with no failed test and no error of its own still failed: never hide it.
    if (outside === 0 && module.state() === 'failed' && ![...module.children.allTests()].some((t) => t.result().state === 'failed')) outside = 1;
    counts.outside += outside;
  }
  return counts;
}

/** The closing line: `N passed, N failed, N skipped`, failures including those outside tests, which it names. */
export function closingLine(c: RunCounts): string {
  const failed = c.failed + c.outside + c.unhandled;
  const why: string[] = [];
  if (c.outside > 0) why.push(`${c.outside} outside tests (a file that did not load or a failing hook)`);
  if (c.unhandled > 0) why.push(`${c.unhandled} unhandled error${c.unhandled === 1 ? '' : 's'}`);
  return `${c.passed} passed, ${failed} failed, ${c.skipped} skipped${why.length > 0 ? ` (failed: ${why.join(', ')})` : ''}`;
}

/** Prints the closing line at the end of the run. */
export default class SummaryReporter implements Reporter {
  private browserNotice: string | null = null;

  onTestRunStart(specifications: ReadonlyArray<TestSpecification>): void {
    const decision = browserDecision();
    const browser = specifications.some((s) => s.moduleId.replace(/\\/g, '/').includes('/tests/browser/'));
    this.browserNotice = browser && decision.action !== 'run' ? decision.reason : null;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    if (this.browserNotice !== null) console.log(`\n${this.browserNotice}`);
    console.log(`\n${closingLine(countRun(testModules, unhandledErrors))}`);
  }
}
