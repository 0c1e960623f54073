/**
 * The browser tests' cached folders (`support/build-cache.ts`), without a browser: a folder is made once however many
 * ask for it at the same time, the others waiting for it; a lock left by a process that died is taken over; a failed
 * make leaves nothing behind, so the next caller makes it again; the content key follows every input file's content.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedFolder, contentKey } from './support/build-cache.ts';

let root: string;
const saved = process.env.MANDATE_TEST_BUILD_CACHE;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'mandate-cache-test-'));
  process.env.MANDATE_TEST_BUILD_CACHE = root;
});
afterAll(() => {
  if (saved === undefined) delete process.env.MANDATE_TEST_BUILD_CACHE;
  else process.env.MANDATE_TEST_BUILD_CACHE = saved;
  rmSync(root, { recursive: true, force: true });
});

describe('cachedFolder', () => {
  it('makes a folder once for callers asking at the same time; they all get it complete', async () => {
    let makes = 0;
    const make = async (folder: string) => {
      makes++;
      await new Promise((resolve) => setTimeout(resolve, 300));
      writeFileSync(path.join(folder, 'index.html'), 'built');
    };
    const folders = await Promise.all([1, 2, 3].map(() => cachedFolder('web', 'k1', make)));
    expect(makes).toBe(1);
    expect(new Set(folders).size).toBe(1);
    expect(readFileSync(path.join(folders[0], 'index.html'), 'utf8')).toBe('built');
    // Later callers reuse it; no lock or staging folder is left.
    expect(await cachedFolder('web', 'k1', make)).toBe(folders[0]);
    expect(makes).toBe(1);
    expect(readdirSync(root).filter((n) => n.startsWith('web-k1'))).toEqual(['web-k1']);
  });

  it('takes over a lock whose process died', async () => {
    const lock = path.join(root, 'web-k2.lock');
    mkdirSync(lock);
    writeFileSync(path.join(lock, 'pid'), '2147483646'); // no such process
    const folder = await cachedFolder('web', 'k2', async (f) => writeFileSync(path.join(f, 'index.html'), 'again'));
    expect(readFileSync(path.join(folder, 'index.html'), 'utf8')).toBe('again');
    expect(existsSync(lock)).toBe(false);
  });

  it('leaves nothing usable after a failed make: the next caller makes it', async () => {
    await expect(
      cachedFolder('web', 'k3', async () => {
        throw new Error('vite failed');
      }),
    ).rejects.toThrow('vite failed');
    expect(readdirSync(root).filter((n) => n.startsWith('web-k3'))).toEqual([]); // no lock, no staging folder
    const folder = await cachedFolder('web', 'k3', async (f) => writeFileSync(path.join(f, 'index.html'), 'fixed'));
    expect(readFileSync(path.join(folder, 'index.html'), 'utf8')).toBe('fixed');
  });
});

describe('contentKey', () => {
  it('changes with any input file, and only then', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mandate-key-test-'));
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(path.join(dir, 'src', 'a.ts'), 'export const a = 1;');
    const first = contentKey([dir], 'web');
    expect(contentKey([dir], 'web')).toBe(first);
    writeFileSync(path.join(dir, 'src', 'a.ts'), 'export const a = 2;');
    const second = contentKey([dir], 'web');
    expect(second).not.toBe(first);
    writeFileSync(path.join(dir, 'src', 'b.ts'), '');
    const third = contentKey([dir], 'web');
    expect(third).not.toBe(second);
    mkdirSync(path.join(dir, 'dist'));
    writeFileSync(path.join(dir, 'dist', 'out.js'), 'built'); // outputs are no input
    expect(contentKey([dir], 'web')).toBe(third);
    expect(contentKey([dir], 'studio')).not.toBe(contentKey([dir], 'web'));
    rmSync(dir, { recursive: true, force: true });
  });
});
