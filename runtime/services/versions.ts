/**
 * Which published version of a program is in force on a date, and the summary shapes the API returns for versions.
 */
import type { IsoDate } from '../../engine/types.ts';
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
  };
}
