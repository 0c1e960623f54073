/**
 * A vitest reporter that ends the run with one plain line, `N passed, N failed, N skipped`, so that CI logs (and
 * tools that read only the last lines) can tell how many tests ran without parsing vitest's coloured summary.
 */
import type { Reporter, TestModule } from 'vitest/node';

/** Counts test cases by their final state and prints the closing line. */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      // A file that failed to load has no tests to count; count it as a failure so the line never hides it.
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) failed++;
    }
    console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
  }
}
