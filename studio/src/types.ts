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

/** A layer against its base, and whether a newer base is published (`GET /api/programs/:id/layer`). */
export type LayerReport = api.LayerReport;

/** One line of `GET /api/programs/:id/history`. */
export type HistoryEntry = api.ProgramHistory[number];

/** One change of `GET /api/programs/:id/diff`. */
export type Change = api.Diff['changes'][number];

/** `GET /api/programs/:id/diff`. */
export type DiffResult = api.Diff;

/** `GET /api/programs/:id/draft/publication-request`: a request to publish the draft (maker-checker), for review. */
export type PublicationReview = api.PublicationRequest;

/** `GET /api/impact-jobs/:jobId`: an impact job, with its progress while it runs and the engine's summary when done. */
export type ImpactJob = api.ImpactJob;
