/**
 * The web pages and the studio built once per content, not once per browser test file: `builtApp('web')` returns a
 * folder holding the Vite build of the current sources, building it only when no build of the same content exists.
 * The key is a SHA-256 of every file the build reads (engine/, web/, and studio/ for the studio; the TypeScript
 * config; the installed packages' lock file), so an edit anywhere in them builds again and nothing else does.
 *
 * Builds (and any other `cachedFolder`, such as the browser tests' seeded data folder) live under
 * `MANDATE_TEST_BUILD_CACHE`, default `<tmp>/mandate-test-builds`. Workers (and other checkouts sharing the folder)
 * never see half a folder: one takes a lock (an atomic `mkdir`), makes it in a private folder and renames it into
 * place; the others wait for it. A lock whose holder died is taken over. Folders unused for a day are removed. Each
 * test still gets its own server and data folder; cached folders are only read (or copied).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { build } from 'vite';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** The two Vite builds the browser tests serve. */
export type App = 'web' | 'studio';

/** What each build reads, relative to the repository: folders (their `dist/` and `node_modules/` aside) and files. */
const INPUTS: Record<App, string[]> = {
  web: ['engine', 'web', 'tsconfig.json', 'package.json', 'package-lock.json', 'node_modules/.package-lock.json'],
  studio: ['engine', 'web', 'studio', 'tsconfig.json', 'package.json', 'package-lock.json', 'node_modules/.package-lock.json'],
};

/** Folders inside the inputs that are outputs or installs, never sources. */
const SKIPPED = new Set(['dist', 'node_modules']);

/** A build unused this long is removed by the next build. */
const UNUSED_MS = 24 * 3600_000;

/** A lock without a holder's pid after this long is left over from a crash. */
const LOCK_GRACE_MS = 60_000;

function cacheRoot(): string {
  return process.env.MANDATE_TEST_BUILD_CACHE?.trim() || path.join(tmpdir(), 'mandate-test-builds');
}

/** Every file under `entry` (a file or a folder; relative to the repository, or absolute), sorted. */
function filesOf(entry: string): string[] {
  const full = path.resolve(ROOT, entry);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [full];
  return readdirSync(full, { withFileTypes: true })
    .filter((d) => !(d.isDirectory() && SKIPPED.has(d.name)))
    .map((d) => path.join(full, d.name))
    .sort()
    .flatMap(filesOf);
}

/** A content key: a hash of `extra` and of the names and contents of every file under `inputs`. */
export function contentKey(inputs: readonly string[], extra = ''): string {
  const hash = createHash('sha256').update(extra);
  for (const file of inputs.flatMap(filesOf)) {
    hash.update(`\0${path.relative(ROOT, file)}\0`);
    hash.update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 20);
}

/** The content key of `app`'s build: a hash of the names and contents of the files it reads. */
export function buildKey(app: App): string {
  return contentKey(INPUTS[app], app);
}

/** True when the process that wrote `lock/pid` is gone, or the lock is old and holds no pid. */
function lockAbandoned(lock: string): boolean {
  try {
    const pid = Number(readFileSync(path.join(lock, 'pid'), 'utf8'));
    process.kill(pid, 0);
    return false;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EPERM') return false; // alive, someone else's
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      try {
        return Date.now() - statSync(lock).mtimeMs > LOCK_GRACE_MS;
      } catch {
        return false; // released meanwhile
      }
    }
    return true; // ESRCH: the holder died
  }
}

async function viteBuild(app: App, outDir: string): Promise<void> {
  await build({ configFile: path.join(ROOT, app, 'vite.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true } });
}

/** Removes folders of `kind` nobody used for a day (other checkouts' current ones are in use, so they stay). */
function pruneUnused(root: string, kind: string, keep: string): void {
  for (const name of readdirSync(root)) {
    // Staging folders and locks of crashed runs go too: a live one is touched within the day.
    if (!name.startsWith(`${kind}-`) || name === path.basename(keep)) continue;
    const folder = path.join(root, name);
    try {
      if (Date.now() - statSync(folder).mtimeMs > UNUSED_MS) rmSync(folder, { recursive: true, force: true });
    } catch {
      // removed by another process meanwhile
    }
  }
}

/** The name of the file that marks a cached folder complete. */
const COMPLETE = '.complete';

/**
 * The cached folder `<kind>-<key>`, made by `make(folder)` when it does not exist yet (one process at a time: the
 * others wait for it). Read it only; its `.complete` file aside, it holds exactly what `make` wrote.
 */
export async function cachedFolder(kind: string, key: string, make: (folder: string) => Promise<void>): Promise<string> {
  const root = cacheRoot();
  mkdirSync(root, { recursive: true });
  const done = path.join(root, `${kind}-${key}`);
  const lock = `${done}.lock`;
  for (;;) {
    if (existsSync(path.join(done, COMPLETE))) {
      const now = new Date();
      utimesSync(done, now, now); // marks it used, so pruning leaves it
      return done;
    }
    try {
      mkdirSync(lock);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      // Another process makes it: wait for its result, or take over when it died.
      if (lockAbandoned(lock)) rmSync(lock, { recursive: true, force: true });
      else await sleep(250);
      continue;
    }
    const staging = `${done}.tmp-${process.pid}`;
    try {
      writeFileSync(path.join(lock, 'pid'), String(process.pid));
      if (existsSync(path.join(done, COMPLETE))) continue; // made by the holder we waited for
      rmSync(staging, { recursive: true, force: true });
      mkdirSync(staging);
      await make(staging);
      writeFileSync(path.join(staging, COMPLETE), new Date().toISOString());
      rmSync(done, { recursive: true, force: true }); // an incomplete one (never read: it has no .complete)
      renameSync(staging, done);
      pruneUnused(root, kind, done);
    } finally {
      rmSync(staging, { recursive: true, force: true }); // what a failed make left (gone once renamed)
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

/** The folder holding `app`'s build of the current sources; builds it when there is none (one process at a time). */
export function builtApp(app: App): Promise<string> {
  return cachedFolder(app, buildKey(app), (folder) => viteBuild(app, folder));
}
