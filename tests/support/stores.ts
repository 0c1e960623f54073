/**
 * Running a suite on both stores: `describeOnStores` registers it for SQLite and for PostgreSQL (skipped with the
 * reason printed when no PostgreSQL binaries are here), `clusterForSuite` gives a PostgreSQL suite its throwaway
 * cluster (tests/support/postgres.ts).
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { pgUnavailable, reportPgSkip, startPostgres, type StartPostgresOptions, type TestPostgres } from './postgres.ts';

/** A store a suite runs on. */
export type StoreKind = 'sqlite' | 'postgres';

/**
 * Registers `body` twice: as "`title` (SQLite)" and as "`title` (PostgreSQL)"; the latter skipped, with the reason
 * printed, when no PostgreSQL binaries are here (never in CI: there the missing binaries are an error).
 */
export function describeOnStores(title: string, body: (kind: StoreKind) => void): void {
  describe(`${title} (SQLite)`, () => body('sqlite'));
  reportPgSkip(title);
  (pgUnavailable ? describe.skip : describe)(`${title} (PostgreSQL)`, () => body('postgres'));
}

/**
 * A cluster for the enclosing suite: started in its `beforeAll` (register this before the hooks that use it),
 * stopped in its `afterAll`. Returns the getter of the running cluster.
 */
export function clusterForSuite(options: StartPostgresOptions = {}): () => TestPostgres {
  let cluster: TestPostgres | undefined;
  beforeAll(async () => {
    cluster = await startPostgres(options);
  });
  afterAll(async () => {
    await cluster?.stop();
  });
  return () => {
    if (!cluster) throw new Error('The PostgreSQL cluster is not running: call clusterForSuite() in the suite, before its other hooks.');
    return cluster;
  };
}
