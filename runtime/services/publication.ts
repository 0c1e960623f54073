/**
 * Publishing a draft, maker-checker (docs/design.md, "Publication"): an analyst or administrator requests
 * publication of the draft at a revision with its terms (changelog, effective date, in-flight policy) → an
 * administrator who is not the requester reviews the request (the diff in words, the pending cases it will touch)
 * and publishes it, or rejects it with a reason; the requester may withdraw it. With the organisation setting
 * `makerChecker` off, an administrator may publish their own draft directly: the version and its audit entry are
 * marked `selfPublished`. A draft with errors or failing test cases is never requested nor published.
 */
import type { Diagnostic, IsoDate, Program } from '../../engine/index.ts';
import type { AuthUser } from '../auth/context.ts';
import { conflict, forbidden, HttpError, unprocessable, words } from '../http/errors.ts';
import { HTTP_MESSAGES } from '../http/messages.ts';
import { REQUEST_MESSAGES } from '../openapi/request-messages.ts';
import type { ProgramVersionRecord, PublicationRequest } from '../store/types.ts';
import { pendingCases } from './cases.ts';
import { startRedetermination } from './redetermination.ts';
import { today, type ServiceContext } from './context.ts';
import { compiledFor, contentHash, diffPrograms, runTests } from './engine-port.ts';
import { compileOr422, metaOf, requireDraft } from './programs.ts';
import { peopleById } from './users.ts';
import { versionInForce, versionSummary } from './versions.ts';
import { programSettings } from './settings.ts';

/** The terms of a publication. */
export interface PublicationTerms {
  changelog: string;
  effectiveFrom: IsoDate;
  inFlight: 'reevaluate' | 'keep';
}

/** What the requester sends: the terms and the draft revision they reviewed. */
export interface PublicationRequestInput extends PublicationTerms {
  revision: number;
}

/** What an administrator sends to publish: the request's revision, or (maker-checker off, no request) the terms. */
export interface PublishInput extends Partial<PublicationTerms> {
  revision?: number;
}

const withTerms = (doc: Program, terms: PublicationTerms): Program => ({
  ...doc,
  changelog: terms.changelog,
  effectiveFrom: terms.effectiveFrom,
  inFlight: terms.inFlight,
});

/**
 * Refuses (422) a document that has errors (`draft-invalid`) or failing test cases (`tests-failing`, naming each
 * failing case, with a diagnostic at its pointer).
 */
export function checkPublishable(doc: Program): void {
  const report = runTests(compileOr422(doc));
  const failing = report.results.filter((r) => !r.ok);
  if (failing.length === 0) return;
  const diagnostics: Diagnostic[] = failing.map((r) => {
    const params = { name: r.name, failures: r.failures.map(({ what, expected, actual }) => ({ what, expected, actual })) };
    return { code: 'test.failing', severity: 'error', path: r.path, message: HTTP_MESSAGES.render('test.failing', params), params };
  });
  throw unprocessable(words('tests-failing', { cases: failing.map((r) => r.name), total: report.total }), diagnostics, 'tests-failing');
}

function requestOf(draft: ProgramVersionRecord): PublicationRequest {
  if (!draft.publicationRequest) {
    throw new HttpError(404, 'no-publication-request', words('no-publication-request', { programId: draft.programId }));
  }
  return draft.publicationRequest;
}

/** Requests publication of the draft at `revision` on these terms (replacing a pending request). */
export async function requestPublication(ctx: ServiceContext, actor: AuthUser, programId: string, input: PublicationRequestInput) {
  const draft = await requireDraft(ctx, programId);
  if (draft.revision !== input.revision) {
    const said = words('stale-revision.requesting', { programId, currentRevision: draft.revision, expectedRevision: input.revision });
    throw conflict(said, 'stale-revision', { currentRevision: draft.revision });
  }
  const terms: PublicationTerms = { changelog: input.changelog, effectiveFrom: input.effectiveFrom, inFlight: input.inFlight };
  checkPublishable(withTerms(draft.doc, terms));
  await ctx.store.setPublicationRequest(
    { programId, expectedRevision: input.revision, request: { requestedBy: actor.id, revision: input.revision, ...terms } },
    {
      actorId: actor.id,
      action: 'program.publication.request',
      entity: 'program',
      entityId: programId,
      details: { version: draft.version, revision: input.revision, ...terms },
    },
  );
  return publicationRequest(ctx, programId);
}

/**
 * The draft's publication request for review: who asked and when, whether the draft is still the reviewed
 * revision, the changes in words against the version in force today (or the latest published one), and how many
 * pending cases the new version would re-determine (counted, not run).
 */
export async function publicationRequest(ctx: ServiceContext, programId: string) {
  const draft = await requireDraft(ctx, programId);
  const request = requestOf(draft);
  const published = await ctx.store.listProgramVersions({ programId, status: 'published' });
  const base = versionInForce(published, today(ctx)) ?? published.at(-1) ?? null;
  const pending = (await pendingCases(ctx, programId, draft.version, [draft.doc])).length;
  const people = await peopleById(ctx, [request.requestedBy]);
  return {
    programId,
    version: draft.version,
    draftRevision: draft.revision,
    current: draft.revision === request.revision,
    request: {
      ...request,
      requester: {
        id: request.requestedBy,
        name: people[request.requestedBy]?.name ?? request.requestedBy,
        email: people[request.requestedBy]?.email ?? null,
      },
    },
    diff: base ? { from: base.version, to: draft.version, ...diffPrograms(base.doc, withTerms(draft.doc, request)) } : null,
    pendingCases: pending,
    pendingCasesTouched: request.inFlight === 'reevaluate' ? pending : 0,
  };
}

/** Withdraws the request (its requester or an administrator). */
export async function withdrawPublicationRequest(ctx: ServiceContext, actor: AuthUser, programId: string) {
  const draft = await requireDraft(ctx, programId);
  const request = requestOf(draft);
  if (request.requestedBy !== actor.id && !actor.roles.includes('administrator')) {
    throw forbidden(words('not-requester'), 'not-requester');
  }
  await ctx.store.setPublicationRequest(
    { programId, request: null },
    {
      actorId: actor.id,
      action: 'program.publication.withdraw',
      entity: 'program',
      entityId: programId,
      details: { version: draft.version, revision: request.revision, requestedBy: request.requestedBy },
    },
  );
}

/** Rejects the request with a reason the requester reads in the history (administrators). */
export async function rejectPublicationRequest(ctx: ServiceContext, actor: AuthUser, programId: string, reason: string) {
  const draft = await requireDraft(ctx, programId);
  const request = requestOf(draft);
  await ctx.store.setPublicationRequest(
    { programId, request: null },
    {
      actorId: actor.id,
      action: 'program.publication.reject',
      entity: 'program',
      entityId: programId,
      details: { version: draft.version, revision: request.revision, requestedBy: request.requestedBy, reason },
    },
  );
}

/** The terms to publish on and whether it is a self-publication; throws the 409/422 refusals of the module comment. */
async function publicationPlan(ctx: ServiceContext, actor: AuthUser, draft: ProgramVersionRecord, input: PublishInput) {
  const { makerChecker } = await programSettings(ctx, draft.programId);
  const request = draft.publicationRequest;
  const given = (['changelog', 'effectiveFrom', 'inFlight'] as const).filter((k) => input[k] !== undefined);
  if (request) {
    if (given.length > 0) {
      const fixed = given.map((k): Diagnostic => {
        const params = { property: k };
        return {
          code: 'request.terms-fixed',
          severity: 'error',
          path: `/${k}`,
          message: REQUEST_MESSAGES.render('request.terms-fixed', params),
          params,
        };
      });
      throw unprocessable(words('terms-in-request', { fields: given, revision: request.revision }), fixed, 'terms-in-request');
    }
    if (request.revision !== draft.revision) {
      const said = words('request-stale', { programId: draft.programId, requestRevision: request.revision, currentRevision: draft.revision });
      throw conflict(said, 'request-stale', { requestRevision: request.revision, currentRevision: draft.revision });
    }
    if (input.revision !== undefined && input.revision !== request.revision) {
      const said = words('stale-revision.publishing', {
        programId: draft.programId,
        reviewedRevision: input.revision,
        currentRevision: request.revision,
      });
      throw conflict(said, 'stale-revision', { currentRevision: request.revision });
    }
    const self = request.requestedBy === actor.id;
    if (self && makerChecker) {
      throw conflict(words('same-person'), 'same-person');
    }
    return {
      terms: { changelog: request.changelog, effectiveFrom: request.effectiveFrom, inFlight: request.inFlight },
      revision: request.revision,
      selfPublished: self,
      requestedBy: request.requestedBy,
    };
  }
  if (makerChecker) {
    throw conflict(words('no-publication-request.two-people', { programId: draft.programId }), 'no-publication-request');
  }
  const missing = (['changelog', 'effectiveFrom', 'inFlight'] as const).filter((k) => input[k] === undefined);
  if (missing.length > 0) {
    const required = missing.map((k): Diagnostic => {
      const params = { missingProperty: k, for: 'publish-without-request' };
      return { code: 'request.required', severity: 'error', path: `/${k}`, message: REQUEST_MESSAGES.render('request.required', params), params };
    });
    throw unprocessable(words('terms-required', { fields: missing }), required, 'terms-required');
  }
  return {
    terms: { changelog: input.changelog!, effectiveFrom: input.effectiveFrom!, inFlight: input.inFlight! },
    revision: input.revision,
    selfPublished: true,
    requestedBy: actor.id,
  };
}

/**
 * Freezes the draft as a published version with its hash, publisher, changelog, effective date and in-flight
 * policy (see the module comment for who may). A version already in force that re-evaluates in-flight work starts a
 * re-determination job at once (returned as `redetermined`); a future one gets its job from the scheduler on its
 * date (`scheduler.ts`).
 */
export async function publishDraft(ctx: ServiceContext, actor: AuthUser, programId: string, input: PublishInput) {
  const draft = await requireDraft(ctx, programId);
  const plan = await publicationPlan(ctx, actor, draft, input);
  const doc = withTerms(draft.doc, plan.terms);
  checkPublishable(doc);
  const hash = contentHash(doc);
  const record = await ctx.store.publishDraft(
    { programId, expectedRevision: plan.revision, publishedBy: actor.id, selfPublished: plan.selfPublished, content: { doc, hash, ...metaOf(doc) } },
    {
      actorId: actor.id,
      action: 'program.publish',
      entity: 'program',
      entityId: programId,
      details: { version: draft.version, hash, ...plan.terms, requestedBy: plan.requestedBy, selfPublished: plan.selfPublished },
    },
  );
  compiledFor(record.doc, record.hash);
  const redetermined =
    plan.terms.inFlight === 'reevaluate' && plan.terms.effectiveFrom <= today(ctx)
      ? await startRedetermination(ctx, actor, programId, record.version, 'publication')
      : null;
  return { ...versionSummary(record), programId, redetermined };
}
