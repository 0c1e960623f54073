/**
 * MongoDB cases: the caseworker queue, transitions (claim: the case at its revision and state), assignment,
 * determinations, notes, documents and messages.
 */
import type { Db, Filter } from 'mongodb';
import { auditList, checkRevision, idOr, jsonCopy, pageOf, regexEscape, transitionedCase } from '../common.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { ApplicationRecord, CaseRecord, CaseStore, CorrectionRecord, DocumentRecord, NoteRecord } from '../types.ts';
import { determinationStep, documentSteps, eventStep, messageSteps } from './case-steps.ts';
import {
  caseFromDoc,
  caseToDoc,
  applicationFromDoc,
  applicationToDoc,
  determinationFromDoc,
  documentFromDoc,
  eventFromDoc,
  messageFromDoc,
  nextOrdinal,
  noteFromDoc,
  type ApplicationDoc,
  type CaseDoc,
  type DeterminationDoc,
  type DocumentDoc,
  type EventDoc,
  type MessageDoc,
  type NoteDoc,
} from './docs.ts';
import { scalar, type Step, type UnitRunner } from './units.ts';
import { scopeFilter } from './organisations.ts';

type CaseMethods = Pick<
  CaseStore,
  | 'getCase'
  | 'getCaseByApplication'
  | 'listCases'
  | 'applyTransition'
  | 'assignCase'
  | 'recordDetermination'
  | 'listDeterminations'
  | 'listCaseEvents'
  | 'addNote'
  | 'listNotes'
  | 'listDocuments'
  | 'receiveDocument'
  | 'listMessages'
  | 'correctAnswers'
  | 'listCorrections'
>;

/** The case methods over `db`. */
export function mongoCaseMethods(db: Db, units: UnitRunner, now: () => string): CaseMethods {
  const cases = db.collection<CaseDoc>('cases');
  const documents = db.collection<DocumentDoc>('documents');

  async function requireCase(id: string): Promise<CaseRecord> {
    const doc = await cases.findOne({ _id: scalar(id) });
    if (!doc) throw new NotFoundError('case', id);
    return caseFromDoc(doc);
  }

  /** The claim that moves a case from `current` (same revision and state) to `next`. */
  function caseClaim(current: CaseRecord, next: CaseRecord) {
    const { _id, ...set } = caseToDoc(next);
    return {
      op: 'update' as const,
      collection: 'cases',
      filter: { _id, revision: current.revision, state: current.state },
      set,
      onMiss: async (): Promise<Error> => {
        const fresh = await cases.findOne({ _id });
        if (!fresh) return new NotFoundError('case', current.id);
        return new ConflictError(
          'stale-revision',
          `The case "${current.id}" was changed by someone else (revision ${fresh.revision}, you had ${current.revision}). Reload it and try again.`,
          { currentRevision: fresh.revision, expectedRevision: current.revision },
        );
      },
    };
  }

  const byCase =
    <T>(name: string) =>
    (caseId: string) =>
      db
        .collection<T & { caseId: string; ord: number }>(name)
        .find({ caseId: scalar(caseId) } as never)
        .sort({ ord: 1 })
        .toArray();

  return {
    async getCase(id, scope) {
      const doc = await cases.findOne({ _id: scalar(id), ...(await scopeFilter<CaseDoc>(db, scope, true)) });
      return doc ? caseFromDoc(doc) : null;
    },

    async getCaseByApplication(applicationId) {
      const doc = await cases.findOne({ applicationId: scalar(applicationId) });
      return doc ? caseFromDoc(doc) : null;
    },

    async listCases(filter, page) {
      const { limit, offset } = pageOf(page);
      const base: Filter<CaseDoc> = {};
      if (filter.scope) base.$and = [await scopeFilter<CaseDoc>(db, filter.scope, true)];
      if (filter.programId !== undefined) base.programId = scalar(filter.programId);
      if (filter.assignee !== undefined) base.assignee = scalar(filter.assignee);
      if (filter.overdueBefore !== undefined) base.dueOn = { $ne: null, $lt: scalar(filter.overdueBefore) };
      if (filter.text !== undefined && filter.text.trim() !== '') {
        const pattern = regexEscape(scalar(filter.text.trim()).toLowerCase());
        base.$or = [
          { _id: { $regex: pattern, $options: 'i' } },
          { applicationId: { $regex: pattern, $options: 'i' } },
          { labelLower: { $regex: pattern } },
          // As SQLite's `reference LIKE`: a case is found by its reference too.
          { reference: { $regex: pattern, $options: 'i' } },
        ];
      }
      const counts = await cases.aggregate<{ _id: string; n: number }>([{ $match: base }, { $group: { _id: '$state', n: { $sum: 1 } } }]).toArray();
      const query: Filter<CaseDoc> = { ...base };
      if (filter.state !== undefined) {
        const states = (Array.isArray(filter.state) ? filter.state : [filter.state]).map((s) => scalar(String(s)));
        query.state = { $in: states };
      }
      const total = await cases.countDocuments(query);
      const docs = await cases.find(query).sort({ createdAt: -1, _id: 1 }).skip(offset).limit(limit).toArray();
      return {
        items: docs.map(caseFromDoc),
        total,
        limit,
        offset,
        countsByState: Object.fromEntries(counts.sort((a, b) => a._id.localeCompare(b._id)).map((c) => [c._id, c.n])),
      };
    },

    async applyTransition(input) {
      const current = await requireCase(input.caseId);
      const at = input.at ?? now();
      const next = transitionedCase(current, input, at);
      const steps: Step[] = [];
      const changed: DocumentRecord[] = [];
      if (input.receiveAllDocuments) {
        const pending = await documents
          .find({ caseId: scalar(current.id), status: 'requested' })
          .sort({ ord: 1 })
          .toArray();
        for (const doc of pending) {
          steps.push({ op: 'set', collection: 'documents', filter: { _id: doc._id }, set: { status: 'received', receivedAt: at } });
          changed.push({ ...documentFromDoc(doc), status: 'received', receivedAt: at });
        }
      }
      const requested = documentSteps(current.id, input.requestDocuments ?? [], at);
      const messages = messageSteps(current.id, input.messages ?? [], at);
      for (const d of input.determinations ?? []) {
        if (d.applied) {
          steps.push({ op: 'set', collection: 'determinations', filter: { caseId: current.id }, set: { applied: false }, many: true });
          next.version = d.result.version;
          next.hash = d.result.hash;
        }
        steps.push(determinationStep(d, current.id, current.applicationId, at).step);
      }
      const event = eventStep({
        caseId: current.id,
        at,
        actorId: input.actorId,
        event: input.event,
        from: current.state,
        to: input.to,
        actions: input.actions,
        reason: input.decision?.reason.id ?? null,
      });
      steps.push(...requested.map((r) => r.step), ...messages.map((m) => m.step), event.step);
      await units.run({ claim: caseClaim(current, next), steps, audit: auditList(input.audit) });
      return {
        case: next,
        event: event.record,
        documents: [...changed, ...requested.map((r) => r.record)],
        messages: [...new Set(messages.map((m) => m.record))],
      };
    },

    async assignCase(input) {
      const current = await requireCase(input.caseId);
      checkRevision(`case "${input.caseId}"`, current.revision, input.expectedRevision);
      const next: CaseRecord = { ...current, assignee: input.assignee, updatedAt: now(), revision: current.revision + 1 };
      await units.run({ claim: caseClaim(current, next), steps: [], audit: auditList(input.audit) });
      return next;
    },

    async recordDetermination(input) {
      const current = await requireCase(input.caseId);
      const at = now();
      const written = determinationStep(input.determination, current.id, current.applicationId, at);
      if (!input.determination.applied) {
        const { _id, ...rest } = written.step.op === 'upsert' ? written.step.doc : { _id: written.record.id };
        await units.run({
          claim: {
            op: 'insert',
            collection: 'determinations',
            doc: { _id: String(_id), ...rest },
            onDuplicate: () => new ConflictError('duplicate', `A determination with id "${written.record.id}" already exists.`),
          },
          steps: [],
          audit: auditList(input.audit),
        });
        return { determination: written.record, case: current };
      }
      checkRevision(`case "${input.caseId}"`, current.revision, input.expectedRevision);
      const next: CaseRecord = {
        ...current,
        version: written.record.version,
        hash: written.record.hash,
        updatedAt: at,
        revision: current.revision + 1,
      };
      await units.run({
        claim: caseClaim(current, next),
        steps: [{ op: 'set', collection: 'determinations', filter: { caseId: current.id }, set: { applied: false }, many: true }, written.step],
        audit: auditList(input.audit),
      });
      return { determination: written.record, case: next };
    },

    async correctAnswers(input) {
      const current = await requireCase(input.caseId);
      checkRevision(`case "${input.caseId}"`, current.revision, input.expectedRevision);
      const appDoc = await db.collection<ApplicationDoc>('applications').findOne({ _id: scalar(current.applicationId) });
      if (!appDoc) throw new NotFoundError('application', current.applicationId);
      const at = now();
      const application: ApplicationRecord = {
        ...applicationFromDoc(appDoc),
        answers: jsonCopy(input.answers),
        revision: appDoc.revision + 1,
        updatedAt: at,
      };
      const written = determinationStep(input.determination, current.id, current.applicationId, at);
      const next: CaseRecord = {
        ...current,
        version: written.record.version,
        hash: written.record.hash,
        updatedAt: at,
        revision: current.revision + 1,
      };
      const note: NoteRecord = {
        id: idOr(undefined),
        caseId: current.id,
        at,
        authorId: input.note.authorId,
        text: input.note.text,
        visibility: 'organisation',
      };
      const { id: noteId, ...noteRest } = note;
      const { _id: appId, ...appSet } = applicationToDoc(application);
      const correction: CorrectionRecord = {
        id: idOr(undefined),
        caseId: current.id,
        applicationId: application.id,
        at,
        authorId: input.note.authorId,
        noteId,
        changes: jsonCopy(input.changes),
        previousAnswers: applicationFromDoc(appDoc).answers,
      };
      const { id: correctionId, ...correctionRest } = correction;
      await units.run({
        claim: caseClaim(current, next),
        steps: [
          { op: 'set', collection: 'applications', filter: { _id: appId }, set: appSet },
          { op: 'upsert', collection: 'notes', doc: { _id: noteId, ...noteRest, ord: nextOrdinal() } },
          { op: 'set', collection: 'determinations', filter: { caseId: current.id }, set: { applied: false }, many: true },
          written.step,
          {
            op: 'upsert',
            collection: 'corrections',
            doc: {
              _id: correctionId,
              ...correctionRest,
              changes: JSON.stringify(correction.changes),
              previousAnswers: JSON.stringify(correction.previousAnswers),
              ord: nextOrdinal(),
            },
          },
        ],
        audit: auditList(input.audit),
      });
      return { application, case: next, determination: written.record, note, correction };
    },

    async listCorrections(caseId) {
      const docs = await byCase<
        { _id: string; changes: string; previousAnswers: string } & Omit<CorrectionRecord, 'id' | 'changes' | 'previousAnswers'>
      >('corrections')(caseId);
      return docs.map((d) => ({
        id: d._id,
        caseId: d.caseId,
        applicationId: d.applicationId,
        at: d.at,
        authorId: d.authorId,
        noteId: d.noteId,
        changes: JSON.parse(d.changes),
        previousAnswers: JSON.parse(d.previousAnswers),
      }));
    },

    async listDeterminations(caseId) {
      return (await byCase<DeterminationDoc>('determinations')(caseId)).map(determinationFromDoc);
    },

    async listCaseEvents(caseId) {
      return (await byCase<EventDoc>('case_events')(caseId)).map(eventFromDoc);
    },

    async addNote(input) {
      await requireCase(input.caseId);
      const note: NoteRecord = {
        id: idOr(undefined),
        caseId: input.caseId,
        at: now(),
        authorId: input.authorId,
        text: input.text,
        visibility: input.visibility ?? 'organisation',
      };
      const { id, ...rest } = note;
      await units.run({
        claim: {
          op: 'insert',
          collection: 'notes',
          doc: { _id: id, ...rest, ord: nextOrdinal() },
          onDuplicate: () => new ConflictError('duplicate', `A note with id "${id}" already exists.`),
        },
        steps: [],
        audit: auditList(input.audit),
      });
      return note;
    },

    async listNotes(caseId, visibility) {
      const notes = (await byCase<NoteDoc>('notes')(caseId)).map(noteFromDoc);
      return visibility ? notes.filter((n) => visibility.includes(n.visibility)) : notes;
    },

    async listDocuments(caseId) {
      return (await byCase<DocumentDoc>('documents')(caseId)).map(documentFromDoc);
    },

    async receiveDocument(caseId, documentId, audit) {
      const doc = await documents.findOne({ _id: scalar(documentId), caseId: scalar(caseId) });
      if (!doc) throw new NotFoundError('document', documentId, `Case "${caseId}" has no document with id "${documentId}".`);
      if (doc.status !== 'requested') return documentFromDoc(doc);
      const received: DocumentRecord = { ...documentFromDoc(doc), status: 'received', receivedAt: now() };
      try {
        await units.run({
          claim: {
            op: 'update',
            collection: 'documents',
            filter: { _id: doc._id, status: 'requested' },
            set: { status: 'received', receivedAt: received.receivedAt },
            onMiss: async () => new ConflictError('duplicate', 'The document was marked received at the same moment.'),
          },
          steps: [],
          audit: auditList(audit),
        });
      } catch (error) {
        // Someone else received it concurrently: same outcome, return what is stored.
        if (error instanceof ConflictError) return documentFromDoc((await documents.findOne({ _id: doc._id }))!);
        throw error;
      }
      return received;
    },

    async listMessages(caseId) {
      return (await byCase<MessageDoc>('messages')(caseId)).map(messageFromDoc);
    },
  };
}
