/**
 * A throwaway PostgreSQL cluster for tests and the load bench, started from Debian's `postgresql` binaries: `initdb`
 * into a temporary folder (as the `postgres` user when running as root, since initdb refuses root),
 * then `postgres` on a free loopback port with its socket in that folder. `newDatabase()` creates a fresh, empty
 * database (`TEMPLATE template0`) and returns its URL; `stop()` shuts the server down and removes the folder.
 *
 * `pgUnavailable` says why no cluster can be started (no binaries found); the PostgreSQL suites skip with that reason
 * printed — except in CI (`CI=true`), where absence is an error, since CI installs the package.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** A running throwaway cluster. */
export interface TestPostgres {
  /** The URL of its `postgres` database (the superuser's). */
  url: string;
  port: number;
  /** Creates a new empty database and returns its URL. */
  newDatabase(): Promise<string>;
  /** Stops the server (fast shutdown) and removes its folder. */
  stop(): Promise<void>;
}

export interface StartPostgresOptions {
  /**
   * Keep PostgreSQL's durability (fsync, synchronous commit) as in production: the load bench measures with it. Tests
   * run without fsync — they kill Mandate processes, never the database server — which spares the shared disk.
   */
  durable?: boolean;
  /**
   * The superuser's password: TCP connections must give it (scram-sha-256), and `url` and `newDatabase()`'s URLs carry
   * it. Without one, every connection is trusted (any password is accepted).
   */
  password?: string;
}

/** The folder holding `initdb` and `postgres`, or undefined. `MANDATE_PG_BIN` overrides the search. */
export function findPgBinDir(): string | undefined {
  const has = (dir: string) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres'));
  const override = process.env.MANDATE_PG_BIN;
  if (override) return has(override) ? override : undefined;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const version of versions) if (has(join(debian, version, 'bin'))) return join(debian, version, 'bin');
  }
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (has(dir)) return dir;
  } catch {
    // No pg_config on the PATH.
  }
  return undefined;
}

const binDir = findPgBinDir();

/**
 * Why PostgreSQL suites cannot run here (undefined when they can). Throws in CI, where the binaries must be present.
 */
export const pgUnavailable: string | undefined = binDir
  ? undefined
  : "no PostgreSQL binaries (initdb, postgres) under /usr/lib/postgresql/*/bin or `pg_config --bindir`; install Debian's `postgresql` package (or set MANDATE_PG_BIN) to run the PostgreSQL suites";

if (pgUnavailable && process.env.CI === 'true') throw new Error(`CI=true but ${pgUnavailable}.`);

/** Prints, once per file, why the PostgreSQL variant of `suite` is skipped. */
export function reportPgSkip(suite: string): void {
  if (pgUnavailable) console.log(`Skipping ${suite} on PostgreSQL: ${pgUnavailable}.`);
}

/** The `postgres` user's ids when we are root (the binaries run as that user), else undefined: run as ourselves. */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** A loopback port nothing listens on now (taken from the system, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const live = new Map<ChildProcess, string>();
// A test process that ends without `stop()` must not leave a server running or its folder behind.
process.once('exit', () => {
  for (const [child, dir] of live) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Starts a throwaway cluster; resolves once it accepts connections (rejects if it exits first or in 30 s). */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<TestPostgres> {
  if (pgUnavailable) throw new Error(`Cannot start PostgreSQL: ${pgUnavailable}.`);
  const dir = mkdtempSync(join(tmpdir(), 'mandate-pg-'));
  const dataDir = join(dir, 'data');
  const user = postgresUser();
  if (user) chownSync(dir, user.uid, user.gid);
  chmodSync(dir, 0o700);
  // cwd: the folder, which the postgres user can enter (the repository may not be readable to it).
  const run = { ...user, cwd: dir };
  try {
    const auth = ['--auth=trust'];
    if (options.password !== undefined) {
      const pwfile = join(dir, 'pwfile');
      writeFileSync(pwfile, `${options.password}\n`);
      auth.push('--auth-host=scram-sha-256', `--pwfile=${pwfile}`);
    }
    execFileSync(join(binDir!, 'initdb'), ['-D', dataDir, '-U', 'postgres', ...auth, '-E', 'UTF8', '--locale=C', '--no-sync'], {
      ...run,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`initdb failed: ${stderr || String(error)}`);
  }

  const settings = ['max_connections=200', 'shared_buffers=32MB', 'listen_addresses=127.0.0.1', `unix_socket_directories=${dir}`];
  if (!options.durable) settings.push('fsync=off', 'synchronous_commit=off', 'full_page_writes=off');
  const credentials = options.password === undefined ? 'postgres' : `postgres:${encodeURIComponent(options.password)}`;
  let port = 0;
  let child: ChildProcess | undefined;
  let output = '';
  // A port found free can be taken before the server binds it: try a few.
  for (let attempt = 0; attempt < 5 && !child; attempt++) {
    port = await freePort();
    const args = ['-D', dataDir, '-p', String(port), ...settings.flatMap((s) => ['-c', s])];
    const started = spawn(join(binDir!, 'postgres'), args, { ...run, stdio: ['ignore', 'pipe', 'pipe'] });
    output = '';
    started.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    live.set(started, dir);
    const url = `postgres://${credentials}@127.0.0.1:${port}/postgres`;
    if (await waitReady(url, started)) child = started;
    else if (started.exitCode === null && started.signalCode === null) {
      started.kill('SIGKILL');
      break;
    } else if (!/could not bind|Address already in use/.test(output)) break;
  }
  if (!child) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start. Output:\n${output}`);
  }
  const server = child;
  const url = `postgres://${credentials}@127.0.0.1:${port}/postgres`;
  let databases = 0;
  return {
    url,
    port,
    async newDatabase() {
      const name = `mandate_${process.pid}_${++databases}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name} TEMPLATE template0`);
      } finally {
        await client.end();
      }
      return `postgres://${credentials}@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      if (server.exitCode === null && server.signalCode === null) {
        const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
        server.kill('SIGINT'); // fast shutdown: disconnects clients, then exits
        const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      live.delete(server);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls until the server accepts a connection (true), or it exits / 30 s pass (false). */
async function waitReady(url: string, child: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return true;
    } catch {
      await client.end().catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return false;
}
