/**
 * The web pages and the studio built once per content, not once per browser test file: `builtApp('web')` returns a
 * folder holding the Vite build of the current sources, building it only when no build of the same content exists.
 * The key is a SHA-256 of every file the build reads (engine/, web/, and studio/ for the studio; the TypeScript
 * config; the installed packages' lock file), so an edit anywhere in them builds again and nothing else does.
 *
 * Builds live under `MANDATE_TEST_BUILD_CACHE`, default `<tmp>/mandate-test-builds`. Workers (and other checkouts
 * sharing the folder) never see half a build: one takes a lock (an atomic `mkdir`), builds into a private folder and
 * renames it into place; the others wait for it. A lock whose holder died is taken over. Builds unused for a day are
 * removed. Each test still gets its own server and data folder; the built pages are only read.
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

/** Every file under `entry` (a file or a folder), relative to the repository, sorted. */
function filesOf(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [entry];
  return readdirSync(full, { withFileTypes: true })
    .filter((d) => !(d.isDirectory() && SKIPPED.has(d.name)))
    .map((d) => path.join(entry, d.name))
    .sort()
    .flatMap(filesOf);
}

/** The content key of `app`'s build: a hash of the names and contents of the files it reads. */
export function buildKey(app: App): string {
  const hash = createHash('sha256').update(app);
  for (const file of INPUTS[app].flatMap(filesOf)) {
    hash.update(`\0${file}\0`);
    hash.update(readFileSync(path.join(ROOT, file)));
  }
  return hash.digest('hex').slice(0, 20);
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

/** Removes builds of `app` nobody used for a day (other checkouts' current builds are in use, so they stay). */
function pruneUnused(root: string, app: App, keep: string): void {
  for (const name of readdirSync(root)) {
    // Staging folders and locks of crashed runs go too: a live build touches its own within the day.
    if (!name.startsWith(`${app}-`) || name === path.basename(keep)) continue;
    const folder = path.join(root, name);
    try {
      if (Date.now() - statSync(folder).mtimeMs > UNUSED_MS) rmSync(folder, { recursive: true, force: true });
    } catch {
      // removed by another process meanwhile
    }
  }
}

/** The folder holding `app`'s build of the current sources; builds it when there is none (one process at a time). */
export async function builtApp(app: App): Promise<string> {
  const root = cacheRoot();
  mkdirSync(root, { recursive: true });
  const done = path.join(root, `${app}-${buildKey(app)}`);
  const lock = `${done}.lock`;
  for (;;) {
    if (existsSync(path.join(done, 'index.html'))) {
      const now = new Date();
      utimesSync(done, now, now); // marks it used, so pruning leaves it
      return done;
    }
    try {
      mkdirSync(lock);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      // Another process builds it: wait for its result, or take over when it died.
      if (lockAbandoned(lock)) rmSync(lock, { recursive: true, force: true });
      else await sleep(250);
      continue;
    }
    try {
      writeFileSync(path.join(lock, 'pid'), String(process.pid));
      if (existsSync(path.join(done, 'index.html'))) continue; // built by the holder we waited for
      const staging = `${done}.tmp-${process.pid}`;
      rmSync(staging, { recursive: true, force: true });
      await viteBuild(app, staging);
      renameSync(staging, done);
      pruneUnused(root, app, done);
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}
