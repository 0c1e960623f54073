/**
 * The closing line of `npm test` counts failures outside tests: vitest runs the fixture files of
 * tests/fixtures/reporter (outside the main `include`) in a child process, with the summary reporter only, and the
 * last line of its output is checked, for each fixture alone and for all of them together.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { closingLine } from './summary-reporter.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const VITEST = path.join(ROOT, 'node_modules/vitest/vitest.mjs');
const CONFIG = path.join(ROOT, 'tests/fixtures/reporter/vitest.config.ts');

/** Runs vitest on the given fixture file filters; resolves with its exit code and last output line. */
async function run(...filters: string[]): Promise<{ code: number; line: string }> {
  const env = { ...process.env, CI: '', FORCE_COLOR: '0', NO_COLOR: '1' };
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [VITEST, 'run', '--config', CONFIG, ...filters], { cwd: ROOT, env });
    return { code: 0, line: stdout.trim().split('\n').at(-1) ?? '' };
  } catch (e) {
    const { code, stdout } = e as { code: number; stdout: string };
    return { code, line: stdout.trim().split('\n').at(-1) ?? '' };
  }
}

describe('summary reporter closing line', () => {
  it('counts passed and skipped tests of a clean run, and the run succeeds', async () => {
    expect(await run('passing.fixture')).toEqual({ code: 0, line: '2 passed, 0 failed, 1 skipped' });
  });

  it('counts a file whose beforeAll throws as a failure', async () => {
    const { code, line } = await run('hook.fixture');
    expect(code).not.toBe(0);
    expect(line).toBe('0 passed, 1 failed, 1 skipped (failed: 1 outside tests (a file that did not load or a failing hook))');
  });

  it('counts a file that fails to import as a failure', async () => {
    const { code, line } = await run('import.fixture');
    expect(code).not.toBe(0);
    expect(line).toBe('0 passed, 1 failed, 0 skipped (failed: 1 outside tests (a file that did not load or a failing hook))');
  });

  it('counts an unhandled rejection as a failure even when every test passed', async () => {
    const { code, line } = await run('unhandled.fixture');
    expect(code).not.toBe(0);
    expect(line).toBe('1 passed, 1 failed, 0 skipped (failed: 1 unhandled error)');
  });

  it('adds every kind up in one run', async () => {
    const { code, line } = await run();
    expect(code).not.toBe(0);
    expect(line).toBe('3 passed, 3 failed, 2 skipped (failed: 2 outside tests (a file that did not load or a failing hook), 1 unhandled error)');
  });

  it('names the unhandled errors in the plural', () => {
    expect(closingLine({ passed: 1, failed: 1, skipped: 0, outside: 0, unhandled: 2 })).toBe(
      '1 passed, 3 failed, 0 skipped (failed: 2 unhandled errors)',
    );
  });
});
