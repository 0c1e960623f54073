/**
 * The programs aggregate of the store: program versions (drafts, published versions) and publication requests.
 * Part of the `Store` contract (`types.ts`, whose conventions hold here too).
 */
import type { IsoDate, Program } from '../../engine/index.ts';
import type { AuditArg } from './audit-types.ts';

/** One version of a program: a mutable draft (at most one per program) or a frozen published version. */
export interface ProgramVersionRecord {
  programId: string;
  version: number;
  status: 'draft' | 'published';
  doc: Program;
  /** `contentHash(doc)` from the engine. */
  hash: string;
  effectiveFrom: IsoDate;
  title: string;
  changelog: string;
  inFlight: 'reevaluate' | 'keep';
  /** Drafts: optimistic concurrency counter. Published versions keep the revision they were published at. */
  revision: number;
  createdBy: string | null;
  createdAt: string;
  publishedBy: string | null;
  publishedAt: string | null;
  /** The pending request to publish this draft (maker-checker); on a published version, the request it was published on. */
  publicationRequest: PublicationRequest | null;
  /** Published by the person who made the request, with maker-checker switched off in the settings. */
  selfPublished: boolean;
}

/** An analyst's request that an administrator publish the draft at `revision` on these terms. */
export interface PublicationRequest {
  requestedBy: string;
  requestedAt: string;
  /** The draft revision the request is for; a draft saved since then cannot be published on it. */
  revision: number;
  changelog: string;
  effectiveFrom: IsoDate;
  inFlight: 'reevaluate' | 'keep';
}

/** The program-describing fields shared by drafts and published versions. */
export interface VersionContent {
  doc: Program;
  hash: string;
  effectiveFrom: IsoDate;
  title: string;
  changelog: string;
  inFlight: 'reevaluate' | 'keep';
}

export interface NewDraft extends VersionContent {
  programId: string;
  /** Must not be taken by any version of this program (`ConflictError('duplicate')`). */
  version: number;
  createdBy: string | null;
}

export interface SaveDraftInput extends VersionContent {
  programId: string;
  expectedRevision: number;
}

/** Insert a version directly as published (shipped programs at start-up, imports). */
export interface NewPublishedVersion extends VersionContent {
  programId: string;
  version: number;
  createdBy: string | null;
  publishedBy: string | null;
}

/** Freeze the program's draft: its content is replaced by `content` (the service sets changelog, dates, hash). */
export interface PublishDraftInput {
  programId: string;
  /** When given, a draft saved since then makes this throw `stale-revision`. */
  expectedRevision?: number;
  content: VersionContent;
  publishedBy: string | null;
  /** Mark the version self-published (maker-checker off). Default false. */
  selfPublished?: boolean;
}

/** Set (or, with `request: null`, clear) the draft's publication request. */
export interface SetPublicationRequestInput {
  programId: string;
  /** When given, the draft must still be at this revision (`stale-revision` otherwise). */
  expectedRevision?: number;
  /** The request (the store stamps `requestedAt`), or null to withdraw or reject it. */
  request: Omit<PublicationRequest, 'requestedAt'> | null;
}

/** Program versions: drafts, published versions and publication requests. */
export interface ProgramStore {
  /** Versions ordered by program id then version; optionally of one program and/or one status. */
  listProgramVersions(filter?: { programId?: string; status?: 'draft' | 'published' }): Promise<ProgramVersionRecord[]>;
  getProgramVersion(programId: string, version: number): Promise<ProgramVersionRecord | null>;
  /** The program's draft, or null. */
  getDraft(programId: string): Promise<ProgramVersionRecord | null>;
  /** A version of this program with this content hash (any status), or null: lets start-up skip known versions. */
  findVersionByHash(programId: string, hash: string): Promise<ProgramVersionRecord | null>;
  /** The highest version number used by the program (drafts included), or 0. */
  maxVersion(programId: string): Promise<number>;
  /** Creates the program's draft (revision 1). `duplicate` if it has a draft or the version number is taken. */
  createDraft(input: NewDraft, audit?: AuditArg): Promise<ProgramVersionRecord>;
  /** Replaces the draft's content; `NotFoundError` if there is no draft, `stale-revision` on a stale revision. */
  saveDraft(input: SaveDraftInput, audit?: AuditArg): Promise<ProgramVersionRecord>;
  /** Deletes the program's draft; `NotFoundError` if there is none. */
  deleteDraft(programId: string, audit?: AuditArg): Promise<void>;
  /** Freezes the draft as published; `NotFoundError` if no draft, `stale-revision` if `expectedRevision` is stale. */
  publishDraft(input: PublishDraftInput, audit?: AuditArg): Promise<ProgramVersionRecord>;
  /** Inserts a published version directly; `duplicate` if the program already has this version number. */
  publishVersion(input: NewPublishedVersion, audit?: AuditArg): Promise<ProgramVersionRecord>;
  /** Sets or clears the draft's publication request; `NotFoundError` if no draft, `stale-revision` (see input). */
  setPublicationRequest(input: SetPublicationRequestInput, audit?: AuditArg): Promise<ProgramVersionRecord>;
}
