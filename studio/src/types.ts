/** The API shapes the studio reads, beside the ones the applicant and staff pages share (web/src/shared/types.ts). */
import type { Diagnostic, Program } from '../../engine/index.ts';
import type { ProgramSummary } from '../../web/src/shared/types.ts';

export type { Diagnostic, Program };

/** Where a version stands: computed by the server from status and dates. */
export type VersionState = 'draft' | 'in-force' | 'scheduled' | 'superseded' | 'expired';

/** One version of `GET /api/programs/:id`. */
export interface VersionSummary {
  version: number;
  status: 'draft' | 'published';
  state?: VersionState;
  hash: string;
  effectiveFrom: string;
  title: string;
  changelog?: string;
  inFlight?: 'keep' | 'reevaluate';
  revision: number;
  createdBy?: string | null;
  createdAt?: string;
  publishedBy?: string | null;
  publishedAt?: string | null;
  selfPublished?: boolean;
  /** A draft whose publication is requested. */
  publicationRequested?: boolean;
}

/** `GET /api/programs/:id`. */
export interface ProgramDetail {
  id: string;
  title: string;
  description: string;
  languages: string[];
  current: VersionSummary | null;
  versions: VersionSummary[];
}

/** An entry of `GET /api/programs` as editors see it. */
export interface EditorProgramSummary extends ProgramSummary {
  upcoming?: { version: number; effectiveFrom: string; hash: string }[];
  draft?: { version: number; revision: number };
}

/** `GET /api/programs/:id/draft`: the draft with its document. */
export interface DraftRecord extends VersionSummary {
  programId: string;
  doc: Program;
}

/** `POST`/`PUT` of a draft. */
export interface DraftResult {
  draft: DraftRecord;
  diagnostics: Diagnostic[];
}

/** One line of `GET /api/programs/:id/history`. */
export interface HistoryEntry {
  at: string;
  action: string;
  actor: { id: string; name?: string; email?: string | null } | null;
  version: number | null;
  selfPublished?: boolean;
  details?: Record<string, unknown>;
}

/** One change of `GET /api/programs/:id/diff`. */
export interface Change {
  kind: 'added' | 'removed' | 'changed';
  area: string;
  path: string;
  text: string;
}

/** `GET /api/programs/:id/diff`. */
export interface DiffResult {
  programId: string;
  from: number;
  to: number;
  changes: Change[];
  text: string;
}

/** `GET /api/programs/:id/draft/publication-request`: a request to publish the draft (maker-checker), for review. */
export interface PublicationReview {
  programId: string;
  version: number;
  draftRevision: number;
  /** False when the draft was saved after the request (it must be requested again). */
  current: boolean;
  request: {
    requestedBy: string;
    requestedAt: string;
    revision: number;
    changelog: string;
    effectiveFrom: string;
    inFlight: 'keep' | 'reevaluate';
    requester: { id: string; name?: string; email?: string | null };
  };
  diff: { from: number; to: number; changes: Change[]; text: string } | null;
  pendingCases: number;
  pendingCasesTouched: number;
}

/** `GET /api/settings`. */
export interface Settings {
  makerChecker: boolean;
  revision?: number;
}
