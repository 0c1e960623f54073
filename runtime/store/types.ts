/**
 * The storage contract of the Mandate runtime: the `Store` interface that the SQLite (`sqlite/sqlite-store.ts`),
 * PostgreSQL (`postgres/postgres-store.ts`) and MongoDB (`mongodb/mongo-store.ts`) implementations fulfil, made of one
 * interface per aggregate, each with its records and inputs in `<aggregate>-types.ts` (all re-exported here). The
 * same contract suite (`tests/runtime/contract/store-contract.ts`, one part per aggregate) runs against each.
 *
 * Conventions every method follows:
 * - Times are ISO 8601 strings (`new Date().toISOString()`); calendar dates (`IsoDate`) are `YYYY-MM-DD`.
 * - Ids are strings. Create methods accept an optional `id` (the service may choose one, which makes retries
 *   idempotent); when absent the store generates a random UUID.
 * - `createdAt`/`updatedAt`/`at` default to the store's clock (`StoreConfig.now`) unless the input gives `at`.
 * - `get…` returns `null` when nothing matches; methods that change an existing record throw `NotFoundError`.
 * - Optimistic concurrency: records with a `revision` start at 1 and gain 1 on every change; a write given an
 *   `expectedRevision` that differs throws `ConflictError('stale-revision', …, { currentRevision })`.
 * - Every state-changing method takes `audit` entries that are appended to the hash-chained audit log in the same
 *   atomic unit as the change (SQLite transaction; MongoDB transaction on a replica set, else ordered writes).
 * - Returned records are fresh copies: mutating them never changes the store. One exception, for speed: the `doc`
 *   of a PUBLISHED program version is immutable, so it is shared between reads and deeply frozen (mutating it
 *   throws). Copy it (`structuredClone`) before changing it.
 */
import type { UserStore } from './user-types.ts';
import type { ProgramStore } from './program-types.ts';
import type { SettingsStore } from './settings-types.ts';
import type { ApplicationStore } from './application-types.ts';
import type { CaseStore } from './case-types.ts';
import type { JobStore } from './job-types.ts';
import type { AuditStore } from './audit-types.ts';
import type { SharedStateStore } from './shared-state-types.ts';
import type { OrganisationStore } from './organisation-types.ts';
import type { ReferralStore } from './referral-types.ts';

export type * from './user-types.ts';
export type * from './program-types.ts';
export type * from './settings-types.ts';
export type * from './application-types.ts';
export type * from './case-types.ts';
export type * from './job-types.ts';
export type * from './audit-types.ts';
export type * from './shared-state-types.ts';
export type * from './organisation-types.ts';
export { DEFAULT_ORGANISATION } from './organisation-types.ts';
// Networks of care (issue 16): consents to share answers, referrals, capacity.
export type * from './referral-types.ts';

/** Offset pagination; `limit` defaults to 50 and is capped at 500. */
export interface PageRequest {
  limit?: number;
  offset?: number;
}

export interface Page<T> {
  items: T[];
  /** How many records match the filter in all pages. */
  total: number;
  limit: number;
  offset: number;
}

/**
 * Persistent state of the runtime. All methods are async; errors are `NotFoundError`, `ConflictError` or
 * unexpected (bugs, I/O). Obtain one with `openStore(config)` from `runtime/store/index.ts`.
 *
 * It is the sum of the aggregates' interfaces, each in its own `<aggregate>-types.ts` with its records and inputs
 * (docs/design.md, "The store's aggregates"): a new aggregate is a new file and one more name here.
 */
export interface Store
  extends UserStore,
    ProgramStore,
    SettingsStore,
    ApplicationStore,
    CaseStore,
    JobStore,
    AuditStore,
    SharedStateStore,
    OrganisationStore,
    ReferralStore {
  readonly kind: 'sqlite' | 'postgres' | 'mongodb';

  // Lifecycle
  /** Resolves when the database answers (health checks). */
  ping(): Promise<void>;
  /** Releases the database; the store must not be used afterwards. */
  close(): Promise<void>;
}

/** How to open a store. `openStore` picks PostgreSQL when `databaseUrl` is set, MongoDB when `mongodbUri` is, else SQLite. */
export interface StoreConfig {
  /** Folder for the SQLite file `mandate.db` (created if missing). Default `./data`. */
  dataDir?: string;
  /** Full path of the SQLite file; overrides `dataDir`. `:memory:` works for tests. */
  sqlitePath?: string;
  /** A `postgres://` (or `postgresql://`) connection URL: when set, PostgreSQL is used. */
  databaseUrl?: string;
  /** Most pooled PostgreSQL connections (`MANDATE_PG_POOL_MAX`); default 10. */
  pgPoolMax?: number;
  /** When set, MongoDB is used. */
  mongodbUri?: string;
  /** Database name for MongoDB; default: the one in the URI, else `mandate`. */
  mongodbDatabase?: string;
  /** The clock for default timestamps (tests pin it). */
  now?: () => Date;
  /** The audit key, hex (`runtime/audit/key.ts`): entries get a MAC and the store keeps a signed checkpoint. */
  auditKey?: string;
}
