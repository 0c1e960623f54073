/**
 * Issue 18 at start-up: when `mandate serve` cannot open its store it exits non-zero with one sentence naming the
 * setting and how to fix it, never a driver's bare message or a stack trace, and never the password it was given.
 * The real CLI runs against a real throwaway PostgreSQL (password authentication on) and an unused port. A start that
 * fails so leaves no generated audit key behind (it would sign nothing, and a later start on another store would find it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAuditKeyFile } from '../../runtime/audit/key.ts';
import { freePort, pgUnavailable, reportPgSkip, startPostgres, type TestPostgres } from '../support/postgres.ts';
import { ROOT, serveUntilExit, spawnServer, stopServer } from './contract/server-child.ts';

const SECRET = 'Sup3r-s3cret-pw';
const folders: string[] = [];

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mandate-start-'));
  folders.push(dir);
  return join(dir, 'data');
}

/** Runs a start that must fail; returns the one line it printed about why (after the log lines). */
async function failedStart(env: Record<string, string>, expectedCode: number, dir = dataDir()): Promise<string> {
  const { code, output } = await serveUntilExit(dir, env);
  expect(code, output).toBe(expectedCode);
  expect(output).not.toContain(SECRET);
  expect(output, 'no stack trace').not.toMatch(/^\s+at /m);
  // The audit key is written once the store is open: a start that failed leaves none behind.
  expect(existsSync(defaultAuditKeyFile(dir)), 'no audit key file').toBe(false);
  const lines = output.split('\n').filter((line) => line.trim() && !line.startsWith('{'));
  expect(lines, output).toHaveLength(1);
  return lines[0];
}

afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe('mandate serve: a store it cannot open', () => {
  it('names DATABASE_URL, the host and the port when no PostgreSQL server answers there', async () => {
    const port = await freePort();
    const line = await failedStart({ DATABASE_URL: `postgres://mandate:${SECRET}@127.0.0.1:${port}/mandate` }, 1);
    expect(line).toBe(
      `Mandate could not open its store: DATABASE_URL: no PostgreSQL server answers at 127.0.0.1:${port} (connection refused). ` +
        'Start the server, or set DATABASE_URL to the host and port it listens on.',
    );
  });

  it('says the PostgreSQL server did not answer in time when the port accepts but stays silent', { timeout: 60_000 }, async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    const { port } = silent.address() as { port: number };
    try {
      const line = await failedStart({ DATABASE_URL: `postgres://mandate:${SECRET}@127.0.0.1:${port}/mandate` }, 1);
      expect(line).toBe(
        `Mandate could not open its store: DATABASE_URL: the PostgreSQL server at 127.0.0.1:${port} did not answer in time. ` +
          'Check the host and port in DATABASE_URL, that the server is running, and that no firewall blocks the connection.',
      );
    } finally {
      silent.close();
    }
  });

  it('names MONGODB_URI, the host and the port when no MongoDB server answers there', { timeout: 60_000 }, async () => {
    const port = await freePort();
    const line = await failedStart({ MONGODB_URI: `mongodb://mandate:${SECRET}@127.0.0.1:${port}/mandate` }, 1);
    expect(line).toBe(
      `Mandate could not open its store: MONGODB_URI: no MongoDB server answers at 127.0.0.1:${port} (connection refused). ` +
        'Start the server, or set MONGODB_URI to the host and port it listens on.',
    );
  });

  it('gives mandate audit verify the same sentence, not a stack trace', async () => {
    const port = await freePort();
    const verify = spawnSync(process.execPath, [join(ROOT, 'bin', 'mandate.js'), 'audit', 'verify'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: `postgres://mandate:${SECRET}@127.0.0.1:${port}/mandate`, MONGODB_URI: '', MANDATE_AUDIT_KEY: '' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    const output = `${verify.stdout}${verify.stderr}`;
    expect(verify.status, output).toBe(1);
    expect(output).not.toContain(SECRET);
    expect(output).not.toMatch(/^\s+at /m);
    expect(output.trim()).toBe(
      `mandate audit could not open its store: DATABASE_URL: no PostgreSQL server answers at 127.0.0.1:${port} (connection refused). ` +
        'Start the server, or set DATABASE_URL to the host and port it listens on.',
    );
  });

  it('says a DATABASE_URL that is not a URL is not one, without quoting it', async () => {
    const line = await failedStart({ DATABASE_URL: `postgres://mandate:${SECRET}@127.0.0.1:port/mandate` }, 2);
    expect(line).toMatch(/^Configuration error: DATABASE_URL: is not a valid URL .*set it like DATABASE_URL=postgres:\/\//);
  });

  it('says which variable to remove when DATABASE_URL and MONGODB_URI are both set', async () => {
    const line = await failedStart(
      { DATABASE_URL: `postgres://mandate:${SECRET}@127.0.0.1:5432/mandate`, MONGODB_URI: `mongodb://mandate:${SECRET}@127.0.0.1:27017/mandate` },
      2,
    );
    expect(line).toBe(
      'Configuration error: DATABASE_URL: is set and so is MONGODB_URI, but Mandate runs on one store: remove MONGODB_URI to use PostgreSQL, or remove DATABASE_URL to use MongoDB.',
    );
  });

  it('names MANDATE_DATA_DIR when the data folder is a file', async () => {
    const dir = dataDir();
    writeFileSync(dir, 'not a folder');
    const line = await failedStart({}, 1, dir);
    expect(line).toBe(
      `Mandate could not open its store: MANDATE_DATA_DIR: ${dir} (or a folder above it) is a file, not a folder. Set MANDATE_DATA_DIR to a folder (it is created if missing).`,
    );
  });
});

describe.skipIf(pgUnavailable)('mandate serve: a PostgreSQL server that refuses', () => {
  let pg: TestPostgres;
  beforeAll(async () => {
    pg = await startPostgres({ password: SECRET });
  }, 60_000);
  afterAll(async () => {
    await pg?.stop();
  });

  it('names the user whose password was refused (SQLSTATE 28P01)', async () => {
    const line = await failedStart({ DATABASE_URL: `postgres://postgres:wrong-${SECRET}@127.0.0.1:${pg.port}/postgres` }, 1);
    expect(line).toMatch(
      new RegExp(
        `^Mandate could not open its store: DATABASE_URL: the PostgreSQL server at 127\\.0\\.0\\.1:${pg.port} refused the password of user "postgres"\\. ` +
          'Put that user\'s password in DATABASE_URL .*ALTER ROLE "postgres" PASSWORD',
      ),
    );
  });

  it('says how to create a database that does not exist (SQLSTATE 3D000)', async () => {
    const line = await failedStart({ DATABASE_URL: `postgres://postgres:${SECRET}@127.0.0.1:${pg.port}/no_such_db` }, 1);
    expect(line).toBe(
      `Mandate could not open its store: DATABASE_URL: the database "no_such_db" does not exist on the PostgreSQL server at 127.0.0.1:${pg.port}. ` +
        `Create it (createdb -h 127.0.0.1 -p ${pg.port} -U postgres no_such_db, or CREATE DATABASE "no_such_db"; in psql), or name an existing database in DATABASE_URL.`,
    );
  });

  it('starts with the right password and an existing database', { timeout: 90_000 }, async () => {
    // The same cluster and CLI, set right: the failures above are about the settings, not the harness.
    const dir = dataDir();
    const server = await spawnServer(dir, { DATABASE_URL: await pg.newDatabase() });
    try {
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      expect(existsSync(defaultAuditKeyFile(dir)), 'the audit key file, generated').toBe(true);
    } finally {
      await stopServer(server, 'SIGTERM');
    }
  });
});

reportPgSkip('start-errors');
