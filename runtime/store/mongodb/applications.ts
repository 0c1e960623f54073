/**
 * MongoDB applications: creation, partial saves and the submission that turns one into a case. The application's
 * flip to `submitted` (conditional on its revision) is the unit's claim; the case, determination, event and messages
 * follow as idempotent upserts (see `units.ts` for what happens on a crash in between).
 */
import type { Db } from 'mongodb';
import { auditList, expiryAudit, idOr, jsonCopy, pageOf, withPerformer } from '../common.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { ApplicationRecord, ApplicationStore, CaseRecord } from '../types.ts';
import { applicationFromDoc, applicationToDoc, caseToDoc, type ApplicationDoc } from './docs.ts';
import { determinationStep, eventStep, messageSteps } from './case-steps.ts';
import { scalar, type UnitRunner } from './units.ts';
import { scopeFilter } from './organisations.ts';

/** The application methods over `db`. */
export function mongoApplicationMethods(db: Db, units: UnitRunner, now: () => string): ApplicationStore {
  const applications = db.collection<ApplicationDoc>('applications');

  /** The error explaining why a draft application at `expectedRevision` could not be claimed. */
  async function whyNotDraft(id: string, expectedRevision: number | undefined): Promise<Error> {
    const doc = await applications.findOne({ _id: scalar(id) });
    if (!doc) return new NotFoundError('application', id);
    if (doc.status === 'submitted') {
      const caseId = doc._caseId ?? (await db.collection('cases').findOne({ applicationId: scalar(id) }))?._id ?? null;
      return new ConflictError('already-submitted', `Application "${id}" was already submitted; its answers can no longer change.`, {
        applicationId: id,
        caseId,
      });
    }
    return new ConflictError(
      'stale-revision',
      `The application "${id}" was changed by someone else (revision ${doc.revision}, you had ${expectedRevision}). Reload it and apply your change again.`,
      { currentRevision: doc.revision, expectedRevision },
    );
  }

  /** Loads a draft application, checking the expected revision up front (the claim re-checks it atomically). */
  async function requireDraft(id: string, expectedRevision: number | undefined): Promise<ApplicationRecord> {
    const doc = await applications.findOne({ _id: scalar(id) });
    if (!doc || doc.status !== 'draft' || (expectedRevision !== undefined && doc.revision !== expectedRevision)) {
      throw await whyNotDraft(id, expectedRevision);
    }
    return applicationFromDoc(doc);
  }

  return {
    async createApplication(input, audit) {
      const at = now();
      const app: ApplicationRecord = {
        id: idOr(input.id),
        programId: input.programId,
        version: input.version,
        resumeCodeHash: input.resumeCodeHash,
        answers: jsonCopy(input.answers ?? {}),
        lang: input.lang,
        status: 'draft',
        createdBy: input.createdBy,
        onBehalfOf: input.onBehalfOf ?? null,
        consent: input.consent ? jsonCopy(input.consent) : null,
        revision: 1,
        createdAt: at,
        updatedAt: at,
        submittedAt: null,
        statusFactor: null,
      };
      await units.run({
        claim: {
          op: 'insert',
          collection: 'applications',
          doc: applicationToDoc(app),
          onDuplicate: () => new ConflictError('duplicate', 'That application id or resume code is already in use: generate another one.', {}),
        },
        steps: [],
        audit: auditList(audit),
      });
      return app;
    },

    async getApplication(id, scope) {
      const doc = await applications.findOne({ _id: scalar(id), ...(await scopeFilter<ApplicationDoc>(db, scope, false)) });
      return doc ? applicationFromDoc(doc) : null;
    },

    async getApplicationByResumeCodeHash(resumeCodeHash) {
      const doc = await applications.findOne({ resumeCodeHash: scalar(resumeCodeHash) });
      return doc ? applicationFromDoc(doc) : null;
    },

    async listApplications(filter, page) {
      const { limit, offset } = pageOf(page);
      const query: Record<string, unknown> = {};
      if (filter.programId !== undefined) query.programId = scalar(filter.programId);
      if (filter.scope) query.$and = [await scopeFilter(db, filter.scope, false)];
      if (filter.status !== undefined) query.status = scalar(filter.status);
      if (filter.createdBy !== undefined) query.createdBy = scalar(filter.createdBy);
      const total = await applications.countDocuments(query);
      const docs = await applications.find(query).sort({ createdAt: -1, _id: 1 }).skip(offset).limit(limit).toArray();
      return { items: docs.map(applicationFromDoc), total, limit, offset };
    },

    async expireDraftApplications({ updatedBefore, limit }) {
      const candidates = await applications
        .find({ status: 'draft', updatedAt: { $lt: scalar(updatedBefore) } })
        .sort({ updatedAt: 1, _id: 1 })
        .limit(limit)
        .toArray();
      const expired: ApplicationRecord[] = [];
      for (const doc of candidates) {
        // Deleted only if still the same draft (not saved or submitted since it was read).
        const gone = await applications.deleteOne({ _id: doc._id, status: 'draft', revision: doc.revision });
        if (gone.deletedCount !== 1) continue;
        const app = applicationFromDoc(doc);
        await units.appendAudit([expiryAudit(app)]);
        expired.push(app);
      }
      return expired;
    },

    async saveAnswers(input, audit) {
      const app = await requireDraft(input.applicationId, input.expectedRevision);
      const next: ApplicationRecord = {
        ...app,
        answers: jsonCopy(input.answers),
        lang: input.lang ?? app.lang,
        revision: app.revision + 1,
        updatedAt: now(),
      };
      const { _id, ...set } = applicationToDoc(next);
      await units.run({
        claim: {
          op: 'update',
          collection: 'applications',
          filter: { _id, status: 'draft', revision: app.revision },
          set: input.step === undefined ? set : { ...set, lastStep: input.step },
          onMiss: () => whyNotDraft(app.id, app.revision),
        },
        steps: [],
        audit: auditList(audit),
      });
      return next;
    },

    async submitApplication(input) {
      const app = await requireDraft(input.applicationId, input.expectedRevision);
      const at = input.at ?? now();
      const result = input.determination.result;
      const kase: CaseRecord = {
        id: idOr(input.case.id),
        applicationId: app.id,
        programId: result.programId,
        version: result.version,
        hash: result.hash,
        state: input.case.state,
        assignee: input.case.assignee ?? null,
        performedBy: withPerformer({}, input.event.event, input.event.actorId),
        stateEnteredAt: at,
        dueOn: input.case.dueOn ?? null,
        label: input.case.label ?? '',
        reference: input.case.reference ?? null,
        decision: null,
        createdAt: at,
        updatedAt: at,
        revision: 1,
      };
      const application: ApplicationRecord = {
        ...app,
        status: 'submitted',
        submittedAt: at,
        updatedAt: at,
        revision: app.revision + 1,
        statusFactor: input.statusFactor ?? null,
      };
      const determination = determinationStep(input.determination, kase.id, app.id, at);
      const event = eventStep({
        caseId: kase.id,
        at,
        actorId: input.event.actorId,
        event: input.event.event,
        from: null,
        to: kase.state,
        actions: input.event.actions ?? [],
        reason: null,
      });
      const messages = messageSteps(kase.id, input.messages ?? [], at);
      const { _id, ...set } = applicationToDoc(application);
      await units.run({
        claim: {
          op: 'update',
          collection: 'applications',
          filter: { _id, status: 'draft', revision: app.revision },
          set: { ...set, _caseId: kase.id },
          onMiss: () => whyNotDraft(app.id, app.revision),
        },
        steps: [{ op: 'upsert', collection: 'cases', doc: caseToDoc(kase) }, determination.step, event.step, ...messages.map((m) => m.step)],
        audit: auditList(input.audit),
      });
      return { application, case: kase, determination: determination.record, event: event.record };
    },
  };
}
