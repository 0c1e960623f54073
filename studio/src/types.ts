/**
 * The API shapes the studio reads: the types generated from the API's component schemas
 * (web/src/shared/api-types.ts), under the names the studio uses.
 */
import type * as api from '../../web/src/shared/api-types.ts';

export type { Program } from '../../engine/index.ts';
export type { Diagnostic, DraftResult, ProgramDetail, PublishResult, Settings, VersionSummary } from '../../web/src/shared/api-types.ts';

/** Where a version stands: computed by the server from status and dates. */
export type VersionState = NonNullable<api.VersionSummary['state']>;

/** An entry of `GET /api/programs` as editors see it (with its draft and versions). */
export type EditorProgramSummary = api.ProgramList[number];

/** `GET /api/programs/:id/draft`: the draft with its document. */
export type DraftRecord = api.VersionWithDocument;

/** One line of `GET /api/programs/:id/history`. */
export type HistoryEntry = api.ProgramHistory[number];

/** One change of `GET /api/programs/:id/diff`. */
export type Change = api.Diff['changes'][number];

/** `GET /api/programs/:id/diff`. */
export type DiffResult = api.Diff;

/** `GET /api/programs/:id/draft/publication-request`: a request to publish the draft (maker-checker), for review. */
export type PublicationReview = api.PublicationRequest;

/**
 * An impact job (`GET /api/impact-jobs/:jobId`): the impact of one version against another over the stored cases or a
 * population file, with its progress while it runs and the engine's summary when done.
 * TODO(impact-api): replace with the generated `api.ImpactJob` once the routes land on this branch.
 */
export interface ImpactJob {
  id: string;
  programId: string;
  version: number;
  against: number;
  source: { kind: 'caseload'; states: string[] | null } | { kind: 'population'; format: string; bytes: number };
  asOf: string;
  by: string | null;
  status: 'running' | 'done' | 'cancelled' | 'failed';
  progress: { done: number; total: number | null };
  etaSeconds: number | null;
  startedAt: string;
  finishedAt: string | null;
  startedBy: string | null;
  summary: import('../../engine/index.ts').ImpactSummary | null;
  error: string | null;
  problems: { line: number; message: string }[];
}
