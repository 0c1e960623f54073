/**
 * SQLite schema migrations: the files `runtime/migrations/sqlite/NNN-name.sql`, applied in number order, each in
 * its own transaction together with its row in `schema_migrations`. A migration already recorded is never re-run;
 * a database recording a migration this code does not have is refused (it was written by a newer Mandate).
 */
import type Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where the SQL migration files live. */
export const SQLITE_MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/sqlite/', import.meta.url));

/** One migration file. */
export interface SqlMigration {
  version: number;
  name: string;
  sql: string;
}

/** The migration files in `dir`, ordered by version; throws on a badly named file or a duplicate number. */
export function readSqlMigrations(dir = SQLITE_MIGRATIONS_DIR): SqlMigration[] {
  const migrations: SqlMigration[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.sql')) continue;
    const match = /^(\d{3})-([a-z0-9-]+)\.sql$/.exec(file);
    if (!match) {
      throw new Error(`Migration file "${file}" in ${dir} is misnamed: name it NNN-description.sql, e.g. 002-add-index.sql.`);
    }
    const version = Number(match[1]);
    if (migrations.some((m) => m.version === version)) {
      throw new Error(`Two migration files in ${dir} have number ${match[1]}: give each migration its own number.`);
    }
    migrations.push({ version, name: match[2], sql: readFileSync(`${dir}/${file}`, 'utf8') });
  }
  return migrations;
}

/** The refusal of a database that records migrations this code does not have (the same on every SQL store). */
export function unknownMigrationsError(unknown: number[]): Error {
  return new Error(
    `The database has schema migration(s) ${unknown.join(', ')} that this version of Mandate does not know: ` +
      'it was written by a newer Mandate. Run that version, or restore a backup made with this one.',
  );
}

/** Applies the pending migrations; returns the versions applied now. */
export function applySqliteMigrations(db: Database.Database, migrations = readSqlMigrations()): number[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
  const known = new Set(migrations.map((m) => m.version));
  const unknown = [...applied].filter((v) => !known.has(v));
  if (unknown.length > 0) throw unknownMigrationsError(unknown);
  const now: number[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        new Date().toISOString(),
      );
    }).immediate();
    now.push(migration.version);
  }
  return now;
}
