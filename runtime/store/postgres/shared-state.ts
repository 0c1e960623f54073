/** PostgreSQL placeholder: the owner of this module (see /work/briefs/s9/pg-shared.md) replaces it. */
import type { PgDb } from './db.ts';

export function pgSharedStateMethods(_db: PgDb) {
  return {};
}
