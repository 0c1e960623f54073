/**
 * Cases on an SQL store: the caseworker queue, atomic transitions, assignment, determinations, corrections, notes,
 * documents, messages; each write one transaction with its audit entries. Written once for both dialects; the one
 * place they differ is the queue's text search (`LIKE` on SQLite, `ILIKE` on PostgreSQL: both ignore case).
 */
import { sql, type Kysely, type SqlBool } from 'kysely';
import { auditList, checkRevision, idOr, jsonCopy, likeEscape, pageOf, transitionedCase } from '../common.ts';
import { NotFoundError } from '../errors.ts';
import { applicationFromRow, caseFromRow, determinationFromRow, documentFromRow, eventFromRow, messageFromRow, noteFromRow } from '../rows.ts';
import type { ApplicationRecord, CaseRecord, CaseStore, CorrectionRecord, DocumentRecord, NoteRecord } from '../types.ts';
import { sqlCaseWrites } from './case-writes.ts';
import { prepared } from './prepared.ts';
import type { Database } from './schema.ts';
import { scopeSql } from './scope.ts';
import { affected, all, audit, first, type Sql, type SqlStore } from './steps.ts';

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

/** The columns of a document with its current file's description (never its content), as `documentFromRow` reads. */
export function documentQuery(q: Kysely<Database>) {
  return q
    .selectFrom('documents as d')
    .leftJoin('document_files as f', 'f.id', 'd.file_id')
    .selectAll('d')
    .select([
      'f.name as file_name',
      'f.media_type as file_media_type',
      'f.size as file_size',
      'f.sha256 as file_sha256',
      'f.uploaded_at as file_uploaded_at',
      'f.uploaded_by as file_uploaded_by',
    ]);
}

/** The columns of `cases` that a write changes. */
function caseColumns(c: CaseRecord) {
  return {
    version: c.version,
    hash: c.hash,
    state: c.state,
    assignee: c.assignee,
    performed_by: JSON.stringify(c.performedBy),
    state_entered_at: c.stateEnteredAt,
    due_on: c.dueOn,
    label: c.label,
    decision: c.decision ? JSON.stringify(c.decision) : null,
    updated_at: c.updatedAt,
    revision: c.revision,
  };
}

/** The case methods over `s`. */
export function sqlCaseMethods(s: SqlStore): CaseMethods {
  const { q } = s;
  const writes = sqlCaseWrites(s);
  // The queries of every transition, prepared (compiled once: see `prepared.ts`).
  const selectById = prepared((v: { id: string }) => q.selectFrom('cases').selectAll().where('id', '=', v.id));
  const updateCase = prepared(({ id, ...columns }: ReturnType<typeof caseColumns> & { id: string }) =>
    q.updateTable('cases').set(columns).where('id', '=', id),
  );

  function* requireCase(id: string): Sql<CaseRecord> {
    const row = yield* first(selectById({ id }));
    if (!row) throw new NotFoundError('case', id);
    return caseFromRow(row);
  }

  function* writeCase(c: CaseRecord): Sql<void> {
    yield* affected(updateCase({ id: c.id, ...caseColumns(c) }));
  }

  /** Clears the applied flag of every determination of a case (a new one is about to be applied). */
  const unapplyDeterminations = (caseId: string) => affected(q.updateTable('determinations').set({ applied: false }).where('case_id', '=', caseId));

  return {
    getCase: (id, scope) =>
      s.query(function* () {
        const row = yield* first(
          scope
            ? q
                .selectFrom('cases')
                .selectAll()
                .where('id', '=', id)
                .where(scopeSql(scope, 'cases.program_id', 'cases.id'))
            : selectById({ id }),
        );
        return row ? caseFromRow(row) : null;
      }),

    getCaseByApplication: (applicationId) =>
      s.query(function* () {
        const row = yield* first(q.selectFrom('cases').selectAll().where('application_id', '=', applicationId));
        return row ? caseFromRow(row) : null;
      }),

    listCases: (filter, page) =>
      s.query(function* () {
        const { limit, offset } = pageOf(page);
        let where = q.selectFrom('cases');
        if (filter.scope) where = where.where(scopeSql(filter.scope, 'cases.program_id', 'cases.id'));
        if (filter.programId !== undefined) where = where.where('program_id', '=', filter.programId);
        if (filter.assignee !== undefined)
          where = filter.assignee === null ? where.where('assignee', 'is', null) : where.where('assignee', '=', filter.assignee);
        if (filter.overdueBefore !== undefined) where = where.where('due_on', 'is not', null).where('due_on', '<', filter.overdueBefore);
        if (filter.text !== undefined && filter.text.trim() !== '') {
          // The dialects differ here: SQLite's LIKE ignores (ASCII) case; PostgreSQL's needs ILIKE for that.
          const like = sql.raw(s.dialect === 'postgres' ? 'ILIKE' : 'LIKE');
          const pattern = `%${likeEscape(filter.text.trim())}%`;
          where = where.where(
            sql<SqlBool>`(id ${like} ${pattern} ESCAPE '\\' OR application_id ${like} ${pattern} ESCAPE '\\' OR label ${like} ${pattern} ESCAPE '\\' OR reference ${like} ${pattern} ESCAPE '\\')`,
          );
        }
        // Counts by state for the filter without its states (every tab of the queue).
        const counts = yield* all(
          where
            .select((eb) => ['state', eb.fn.countAll<number>().as('n')])
            .groupBy('state')
            .orderBy('state'),
        );
        const states = filter.state === undefined ? undefined : Array.isArray(filter.state) ? filter.state : [filter.state];
        if (states) where = states.length ? where.where('state', 'in', states) : where.where(sql<SqlBool>`false`);
        const counted = yield* first(where.select((eb) => eb.fn.countAll<number>().as('n')));
        const rows = yield* all(where.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(limit).offset(offset));
        return {
          items: rows.map(caseFromRow),
          total: Number(counted!.n),
          limit,
          offset,
          countsByState: Object.fromEntries(counts.map((c) => [c.state, Number(c.n)])),
        };
      }),

    applyTransition: (input) =>
      s.transaction(function* () {
        const current = yield* requireCase(input.caseId);
        const at = input.at ?? s.now();
        const next = transitionedCase(current, input, at);
        const documents: DocumentRecord[] = [];
        if (input.receiveAllDocuments) {
          const pending = yield* all(
            q.selectFrom('documents').selectAll().where('case_id', '=', current.id).where('status', '=', 'requested').orderBy('rowid'),
          );
          yield* affected(
            q
              .updateTable('documents')
              .set({ status: 'received', received_at: at })
              .where('case_id', '=', current.id)
              .where('status', '=', 'requested'),
          );
          documents.push(...pending.map((r) => ({ ...documentFromRow(r), status: 'received' as const, receivedAt: at })));
        }
        documents.push(...(yield* writes.insertDocuments(current.id, input.requestDocuments ?? [], at)));
        const messages = yield* writes.insertMessages(current.id, input.messages ?? [], at);
        for (const d of input.determinations ?? []) {
          if (d.applied) {
            yield* unapplyDeterminations(current.id);
            next.version = d.result.version;
            next.hash = d.result.hash;
          }
          yield* writes.insertDetermination(d, current.id, current.applicationId, at);
        }
        yield* writeCase(next);
        const event = yield* writes.insertEvent({
          caseId: current.id,
          at,
          actorId: input.actorId,
          event: input.event,
          from: current.state,
          to: input.to,
          actions: input.actions,
          reason: input.decision?.reason.id ?? null,
        });
        yield* audit(auditList(input.audit));
        return { case: next, event, documents, messages };
      }),

    assignCase: (input) =>
      s.transaction(function* () {
        const current = yield* requireCase(input.caseId);
        checkRevision(`case "${input.caseId}"`, current.revision, input.expectedRevision);
        const next: CaseRecord = { ...current, assignee: input.assignee, updatedAt: s.now(), revision: current.revision + 1 };
        yield* writeCase(next);
        yield* audit(auditList(input.audit));
        return next;
      }),

    recordDetermination: (input) =>
      s.transaction(function* () {
        const current = yield* requireCase(input.caseId);
        const at = s.now();
        let kase = current;
        if (input.determination.applied) {
          checkRevision(`case "${input.caseId}"`, current.revision, input.expectedRevision);
          yield* unapplyDeterminations(current.id);
          kase = {
            ...current,
            version: input.determination.result.version,
            hash: input.determination.result.hash,
            updatedAt: at,
            revision: current.revision + 1,
          };
          yield* writeCase(kase);
        }
        const determination = yield* writes.insertDetermination(input.determination, current.id, current.applicationId, at);
        yield* audit(auditList(input.audit));
        return { determination, case: kase };
      }),

    correctAnswers: (input) =>
      s.transaction(function* () {
        const current = yield* requireCase(input.caseId);
        checkRevision(`case "${input.caseId}"`, current.revision, input.expectedRevision);
        const appRow = yield* first(q.selectFrom('applications').selectAll().where('id', '=', current.applicationId));
        if (!appRow) throw new NotFoundError('application', current.applicationId);
        const at = s.now();
        const old = applicationFromRow(appRow);
        const application: ApplicationRecord = { ...old, answers: jsonCopy(input.answers), revision: old.revision + 1, updatedAt: at };
        yield* affected(
          q
            .updateTable('applications')
            .set({ answers: JSON.stringify(application.answers), revision: application.revision, updated_at: at })
            .where('id', '=', application.id),
        );
        const note: NoteRecord = {
          id: idOr(undefined),
          caseId: current.id,
          at,
          authorId: input.note.authorId,
          text: input.note.text,
          visibility: 'organisation',
        };
        yield* affected(q.insertInto('notes').values({ id: note.id, case_id: note.caseId, at: note.at, author_id: note.authorId, text: note.text }));
        yield* unapplyDeterminations(current.id);
        const determination = yield* writes.insertDetermination(input.determination, current.id, current.applicationId, at);
        const kase: CaseRecord = {
          ...current,
          version: determination.version,
          hash: determination.hash,
          updatedAt: at,
          revision: current.revision + 1,
        };
        yield* writeCase(kase);
        const correction: CorrectionRecord = {
          id: idOr(undefined),
          caseId: current.id,
          applicationId: application.id,
          at,
          authorId: input.note.authorId,
          noteId: note.id,
          changes: jsonCopy(input.changes),
          previousAnswers: old.answers,
        };
        yield* affected(
          q.insertInto('corrections').values({
            id: correction.id,
            case_id: correction.caseId,
            application_id: correction.applicationId,
            at,
            author_id: correction.authorId,
            note_id: correction.noteId,
            changes: JSON.stringify(correction.changes),
            previous_answers: JSON.stringify(correction.previousAnswers),
          }),
        );
        yield* audit(auditList(input.audit));
        return { application, case: kase, determination, note, correction };
      }),

    listCorrections: (caseId) =>
      s.query(function* () {
        const rows = yield* all(q.selectFrom('corrections').selectAll().where('case_id', '=', caseId).orderBy('at').orderBy('rowid'));
        return rows.map((r) => ({
          id: r.id,
          caseId: r.case_id,
          applicationId: r.application_id,
          at: r.at,
          authorId: r.author_id,
          noteId: r.note_id,
          changes: JSON.parse(r.changes),
          previousAnswers: JSON.parse(r.previous_answers),
        }));
      }),

    listDeterminations: (caseId) =>
      s.query(function* () {
        const rows = yield* all(q.selectFrom('determinations').selectAll().where('case_id', '=', caseId).orderBy('created_at').orderBy('rowid'));
        return rows.map(determinationFromRow);
      }),

    listCaseEvents: (caseId) =>
      s.query(function* () {
        const rows = yield* all(q.selectFrom('case_events').selectAll().where('case_id', '=', caseId).orderBy('at').orderBy('rowid'));
        return rows.map(eventFromRow);
      }),

    addNote: (input) =>
      s.transaction(function* () {
        yield* requireCase(input.caseId);
        const note: NoteRecord = {
          id: idOr(undefined),
          caseId: input.caseId,
          at: s.now(),
          authorId: input.authorId,
          text: input.text,
          visibility: input.visibility ?? 'organisation',
        };
        yield* affected(
          q
            .insertInto('notes')
            .values({ id: note.id, case_id: note.caseId, at: note.at, author_id: note.authorId, text: note.text, visibility: note.visibility }),
        );
        yield* audit(auditList(input.audit));
        return note;
      }),

    listNotes: (caseId, visibility) =>
      s.query(function* () {
        const rows = yield* all(q.selectFrom('notes').selectAll().where('case_id', '=', caseId).orderBy('at').orderBy('rowid'));
        const notes = rows.map(noteFromRow);
        return visibility ? notes.filter((n) => visibility.includes(n.visibility)) : notes;
      }),

    listDocuments: (caseId) =>
      s.query(function* () {
        const rows = yield* all(documentQuery(q).where('d.case_id', '=', caseId).orderBy('d.rowid'));
        return rows.map(documentFromRow);
      }),

    receiveDocument: (caseId, documentId, auditInput) =>
      s.transaction(function* () {
        const row = yield* first(documentQuery(q).where('d.id', '=', documentId).where('d.case_id', '=', caseId));
        if (!row) throw new NotFoundError('document', documentId, `Case "${caseId}" has no document with id "${documentId}".`);
        const doc = documentFromRow(row);
        if (doc.status !== 'requested') return doc;
        const received: DocumentRecord = { ...doc, status: 'received', receivedAt: s.now() };
        yield* affected(q.updateTable('documents').set({ status: 'received', received_at: received.receivedAt }).where('id', '=', documentId));
        yield* audit(auditList(auditInput));
        return received;
      }),

    listMessages: (caseId) =>
      s.query(function* () {
        const rows = yield* all(q.selectFrom('messages').selectAll().where('case_id', '=', caseId).orderBy('at').orderBy('rowid'));
        return rows.map(messageFromRow);
      }),
  };
}
