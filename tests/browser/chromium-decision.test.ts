/**
 * Whether the browser suites run, skip or fail (`decideBrowser`), from the environment and which files exist:
 * no Chromium skips with the install hint on a developer machine and fails under CI=true.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decideBrowser, DEFAULT_CHROMIUM } from './support/chromium.ts';

const only =
  (...files: string[]) =>
  (file: string) =>
    files.includes(file);

describe('browser suite decision', () => {
  it('runs with Debian Chromium when it is installed', () => {
    expect(decideBrowser({}, only(DEFAULT_CHROMIUM))).toEqual({ action: 'run', chromium: DEFAULT_CHROMIUM });
  });

  it('finds chromium on PATH when the default path is missing', () => {
    const env = { PATH: ['/opt/a', '/opt/b'].join(path.delimiter) };
    expect(decideBrowser(env, only('/opt/b/chromium'))).toEqual({ action: 'run', chromium: '/opt/b/chromium' });
  });

  it('uses MANDATE_CHROMIUM before the default path', () => {
    expect(decideBrowser({ MANDATE_CHROMIUM: '/x/chrome' }, only('/x/chrome', DEFAULT_CHROMIUM))).toEqual({ action: 'run', chromium: '/x/chrome' });
  });

  it('skips without Chromium outside CI, saying why and how to install it', () => {
    const d = decideBrowser({ PATH: '/usr/bin' }, only());
    expect(d.action).toBe('skip');
    expect(d).toHaveProperty(
      'reason',
      expect.stringMatching(/^Browser tests skipped: Chromium is not at \/usr\/bin\/chromium nor on PATH.*apt-get install chromium/),
    );
  });

  it('fails without Chromium under CI=true', () => {
    const d = decideBrowser({ CI: 'true' }, only());
    expect(d.action).toBe('fail');
    expect(d).toHaveProperty('reason', expect.stringContaining('under CI=true the browser tests are required'));
  });

  it('names a MANDATE_CHROMIUM that does not exist, and does not fall back to another binary', () => {
    const d = decideBrowser({ MANDATE_CHROMIUM: '/nope' }, only(DEFAULT_CHROMIUM));
    expect(d).toEqual({ action: 'skip', reason: expect.stringContaining('MANDATE_CHROMIUM=/nope does not exist') });
    expect(decideBrowser({ MANDATE_CHROMIUM: '/nope', CI: 'true' }, only(DEFAULT_CHROMIUM)).action).toBe('fail');
  });

  it('skips on MANDATE_SKIP_BROWSER=1 except under CI=true', () => {
    expect(decideBrowser({ MANDATE_SKIP_BROWSER: '1' }, only(DEFAULT_CHROMIUM)).action).toBe('skip');
    expect(decideBrowser({ MANDATE_SKIP_BROWSER: '1', CI: 'true' }, only(DEFAULT_CHROMIUM)).action).toBe('fail');
  });
});
