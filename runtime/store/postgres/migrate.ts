/**
 * PostgreSQL schema migrations: the files `runtime/migrations/postgres/NNN-name.sql`, numbered and named as their
 * SQLite counterparts (a number means the same change on both stores), applied in number order, each in its own
 * transaction together with its row in `schema_migrations`. The whole run holds a session advisory lock, so two
 * processes starting at once on an empty database migrate it once. A database recording a migration this code does
 * not have is refused, as on SQLite.
 */
import type pg from 'pg';
import { fileURLToPath } from 'node:url';
import { readSqlMigrations, type SqlMigration, unknownMigrationsError } from '../sqlite/migrate.ts';

/** Where the PostgreSQL migration files live. */
export const POSTGRES_MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/postgres/', import.meta.url));

/** The advisory lock key the migration run holds (any constant no other part of Mandate uses). */
export const MIGRATION_LOCK_ID = 4_851_300_001;

/** Applies the pending migrations over one connection of `pool`; returns the versions applied now. */
export async function applyPostgresMigrations(
  pool: pg.Pool,
  migrations: SqlMigration[] = readSqlMigrations(POSTGRES_MIGRATIONS_DIR),
): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    try {
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)');
      const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
      const applied = new Set(rows.map((r) => r.version));
      const known = new Set(migrations.map((m) => m.version));
      const unknown = [...applied].filter((v) => !known.has(v));
      if (unknown.length > 0) throw unknownMigrationsError(unknown);
      const now: number[] = [];
      for (const migration of migrations) {
        if (applied.has(migration.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
            migration.version,
            migration.name,
            new Date().toISOString(),
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw new Error(`PostgreSQL migration ${migration.version}-${migration.name} failed: ${(error as Error).message}`, {
            cause: error,
          });
        }
        now.push(migration.version);
      }
      return now;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]);
    }
  } finally {
    client.release();
  }
}
