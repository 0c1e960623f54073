/**
 * Which published version of a program is in force on a date, and the summary shapes the API returns for versions.
 */
import type { IsoDate } from '../../engine/index.ts';
import type { ProgramVersionRecord } from '../store/types.ts';

/**
 * The published version in force on `date`: the greatest `effectiveFrom` ≤ date (ties: the higher version), skipping
 * versions whose `effectiveTo` is before `date`. Null when none is in force.
 */
export function versionInForce(versions: ProgramVersionRecord[], date: IsoDate): ProgramVersionRecord | null {
  let best: ProgramVersionRecord | null = null;
  for (const v of versions) {
    if (v.status !== 'published' || v.effectiveFrom > date) continue;
    if (v.doc.effectiveTo && v.doc.effectiveTo < date) continue;
    if (!best || v.effectiveFrom > best.effectiveFrom || (v.effectiveFrom === best.effectiveFrom && v.version > best.version)) best = v;
  }
  return best;
}

/**
 * Where a version stands on `date`, so that no client re-derives it: `draft`; `in-force` (the version
 * `versionInForce` picks); `scheduled` (published, effective after `date`); `superseded` (was in force, a later one
 * is now); `expired` (its `effectiveTo` has passed and nothing replaced it).
 */
export type VersionState = 'draft' | 'in-force' | 'scheduled' | 'superseded' | 'expired';

/** The state of `v` among its program's `versions` on `date` (see `VersionState`). */
export function versionState(v: ProgramVersionRecord, versions: ProgramVersionRecord[], date: IsoDate): VersionState {
  if (v.status === 'draft') return 'draft';
  if (v.effectiveFrom > date) return 'scheduled';
  const current = versionInForce(versions, date);
  if (current?.version === v.version) return 'in-force';
  return current ? 'superseded' : 'expired';
}

/** The version list entry: everything but the document. */
export function versionSummary(v: ProgramVersionRecord) {
  return {
    version: v.version,
    status: v.status,
    hash: v.hash,
    effectiveFrom: v.effectiveFrom,
    title: v.title,
    changelog: v.changelog,
    inFlight: v.inFlight,
    revision: v.revision,
    createdBy: v.createdBy,
    createdAt: v.createdAt,
    publishedBy: v.publishedBy,
    publishedAt: v.publishedAt,
    selfPublished: v.selfPublished,
    publicationRequested: v.status === 'draft' && v.publicationRequest !== null,
  };
}
