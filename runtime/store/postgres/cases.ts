/**
 * PostgreSQL cases: the caseworker queue, atomic transitions, assignment, determinations, notes, documents, messages;
 * the same behaviour as SQLite's `cases.ts`, each write one `db.tx` (under the audit lock) with its audit entries.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { auditList, checkRevision, idOr, jsonCopy, likeEscape, pageOf, transitionedCase } from '../common.ts';
import { NotFoundError } from '../errors.ts';
import {
  applicationFromRow,
  caseFromRow,
  determinationFromRow,
  DOCUMENT_SELECT,
  documentFromRow,
  eventFromRow,
  messageFromRow,
  noteFromRow,
  type DocumentRow,
} from '../rows.ts';
import type { ApplicationRecord, CaseRecord, CaseStore, CorrectionRecord, DocumentRecord, NoteRecord } from '../types.ts';
import { insertDetermination, insertDocuments, insertEvent, insertMessages } from './case-writes.ts';
import type { PgDb, PgExecutor, PgTrx } from './db.ts';
import { scopeSql } from '../sql/scope.ts';

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
export function pgCaseMethods(db: PgDb): CaseMethods {
  const byId = (q: PgExecutor, id: string) => q.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();

  async function requireCase(q: PgExecutor, id: string): Promise<CaseRecord> {
    const row = await byId(q, id);
    if (!row) throw new NotFoundError('case', id);
    return caseFromRow(row);
  }

  async function writeCase(trx: PgTrx, c: CaseRecord): Promise<void> {
    await trx
      .updateTable('cases')
      .set({
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
      })
      .where('id', '=', c.id)
      .execute();
  }

  /** Clears the applied flag of every determination of a case (a new one is about to be applied). */
  const unapplyDeterminations = (trx: PgTrx, caseId: string) =>
    trx.updateTable('determinations').set({ applied: false }).where('case_id', '=', caseId).execute();

  const documentsWhere = (where: RawBuilder<unknown>) => sql<DocumentRow>`${sql.raw(DOCUMENT_SELECT)} WHERE ${where}`;

  return {
    async getCase(id, scope) {
      const row = await db.read
        .selectFrom('cases')
        .selectAll()
        .where('id', '=', id)
        .where(scopeSql(scope, 'cases.program_id', 'cases.id'))
        .executeTakeFirst();
      return row ? caseFromRow(row) : null;
    },

    async getCaseByApplication(applicationId) {
      const row = await db.read.selectFrom('cases').selectAll().where('application_id', '=', applicationId).executeTakeFirst();
      return row ? caseFromRow(row) : null;
    },

    async listCases(filter, page) {
      const { limit, offset } = pageOf(page);
      const conditions: RawBuilder<SqlBool>[] = filter.scope ? [scopeSql(filter.scope, 'cases.program_id', 'cases.id')] : [];
      if (filter.programId !== undefined) conditions.push(sql<SqlBool>`program_id = ${filter.programId}`);
      if (filter.assignee !== undefined)
        conditions.push(filter.assignee === null ? sql<SqlBool>`assignee IS NULL` : sql<SqlBool>`assignee = ${filter.assignee}`);
      if (filter.overdueBefore !== undefined) conditions.push(sql<SqlBool>`due_on IS NOT NULL AND due_on < ${filter.overdueBefore}`);
      if (filter.text !== undefined && filter.text.trim() !== '') {
        // ILIKE: SQLite's LIKE ignores case too.
        const pattern = `%${likeEscape(filter.text.trim())}%`;
        conditions.push(
          sql<SqlBool>`(id ILIKE ${pattern} ESCAPE '\\' OR application_id ILIKE ${pattern} ESCAPE '\\' OR label ILIKE ${pattern} ESCAPE '\\' OR reference ILIKE ${pattern} ESCAPE '\\')`,
        );
      }
      const whereOf = (list: RawBuilder<SqlBool>[]) => (list.length ? sql`WHERE ${sql.join(list, sql` AND `)}` : sql``);
      const counts = await sql<{
        state: string;
        n: number;
      }>`SELECT state, COUNT(*) AS n FROM cases ${whereOf(conditions)} GROUP BY state ORDER BY state`.execute(db.read);
      const states = filter.state === undefined ? undefined : Array.isArray(filter.state) ? filter.state : [filter.state];
      if (states) conditions.push(states.length ? sql<SqlBool>`state IN (${sql.join(states)})` : sql<SqlBool>`false`);
      const where = whereOf(conditions);
      const total = await sql<{ n: number }>`SELECT COUNT(*) AS n FROM cases ${where}`.execute(db.read);
      const rows = await sql<
        Parameters<typeof caseFromRow>[0]
      >`SELECT * FROM cases ${where} ORDER BY created_at DESC, id LIMIT ${limit} OFFSET ${offset}`.execute(db.read);
      return {
        items: rows.rows.map(caseFromRow),
        total: total.rows[0].n,
        limit,
        offset,
        countsByState: Object.fromEntries(counts.rows.map((c) => [c.state, c.n])),
      };
    },

    async applyTransition(input) {
      return db.tx(async (trx) => {
        const current = await requireCase(trx, input.caseId);
        const at = input.at ?? db.now();
        const next = transitionedCase(current, input, at);
        const documents: DocumentRecord[] = [];
        if (input.receiveAllDocuments) {
          const pending = await trx
            .selectFrom('documents')
            .selectAll()
            .where('case_id', '=', current.id)
            .where('status', '=', 'requested')
            .orderBy('rowid')
            .execute();
          await trx
            .updateTable('documents')
            .set({ status: 'received', received_at: at })
            .where('case_id', '=', current.id)
            .where('status', '=', 'requested')
            .execute();
          documents.push(...pending.map((r) => ({ ...documentFromRow(r), status: 'received' as const, receivedAt: at })));
        }
        documents.push(...(await insertDocuments(trx, current.id, input.requestDocuments ?? [], at)));
        const messages = await insertMessages(trx, current.id, input.messages ?? [], at);
        for (const d of input.determinations ?? []) {
          if (d.applied) {
            await unapplyDeterminations(trx, current.id);
            next.version = d.result.version;
            next.hash = d.result.hash;
          }
          await insertDetermination(trx, d, current.id, current.applicationId, at);
        }
        await writeCase(trx, next);
        const event = await insertEvent(trx, {
          caseId: current.id,
          at,
          actorId: input.actorId,
          event: input.event,
          from: current.state,
          to: input.to,
          actions: input.actions,
          reason: input.decision?.reason.id ?? null,
        });
        await db.appendAudit(trx, auditList(input.audit));
        return { case: next, event, documents, messages };
      });
    },

    async assignCase(input) {
      return db.tx(async (trx) => {
        const current = await requireCase(trx, input.caseId);
        checkRevision(`case "${input.caseId}"`, current.revision, input.expectedRevision);
        const next: CaseRecord = { ...current, assignee: input.assignee, updatedAt: db.now(), revision: current.revision + 1 };
        await writeCase(trx, next);
        await db.appendAudit(trx, auditList(input.audit));
        return next;
      });
    },

    async recordDetermination(input) {
      return db.tx(async (trx) => {
        const current = await requireCase(trx, input.caseId);
        const at = db.now();
        let kase = current;
        if (input.determination.applied) {
          checkRevision(`case "${input.caseId}"`, current.revision, input.expectedRevision);
          await unapplyDeterminations(trx, current.id);
          kase = {
            ...current,
            version: input.determination.result.version,
            hash: input.determination.result.hash,
            updatedAt: at,
            revision: current.revision + 1,
          };
          await writeCase(trx, kase);
        }
        const determination = await insertDetermination(trx, input.determination, current.id, current.applicationId, at);
        await db.appendAudit(trx, auditList(input.audit));
        return { determination, case: kase };
      });
    },

    async correctAnswers(input) {
      return db.tx(async (trx) => {
        const current = await requireCase(trx, input.caseId);
        checkRevision(`case "${input.caseId}"`, current.revision, input.expectedRevision);
        const appRow = await trx.selectFrom('applications').selectAll().where('id', '=', current.applicationId).executeTakeFirst();
        if (!appRow) throw new NotFoundError('application', current.applicationId);
        const at = db.now();
        const old = applicationFromRow(appRow);
        const application: ApplicationRecord = { ...old, answers: jsonCopy(input.answers), revision: old.revision + 1, updatedAt: at };
        await trx
          .updateTable('applications')
          .set({ answers: JSON.stringify(application.answers), revision: application.revision, updated_at: at })
          .where('id', '=', application.id)
          .execute();
        const note: NoteRecord = {
          id: idOr(undefined),
          caseId: current.id,
          at,
          authorId: input.note.authorId,
          text: input.note.text,
          visibility: 'organisation',
        };
        await trx.insertInto('notes').values({ id: note.id, case_id: note.caseId, at: note.at, author_id: note.authorId, text: note.text }).execute();
        await unapplyDeterminations(trx, current.id);
        const determination = await insertDetermination(trx, input.determination, current.id, current.applicationId, at);
        const kase: CaseRecord = {
          ...current,
          version: determination.version,
          hash: determination.hash,
          updatedAt: at,
          revision: current.revision + 1,
        };
        await writeCase(trx, kase);
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
        await trx
          .insertInto('corrections')
          .values({
            id: correction.id,
            case_id: correction.caseId,
            application_id: correction.applicationId,
            at,
            author_id: correction.authorId,
            note_id: correction.noteId,
            changes: JSON.stringify(correction.changes),
            previous_answers: JSON.stringify(correction.previousAnswers),
          })
          .execute();
        await db.appendAudit(trx, auditList(input.audit));
        return { application, case: kase, determination, note, correction };
      });
    },

    async listCorrections(caseId) {
      const rows = await db.read.selectFrom('corrections').selectAll().where('case_id', '=', caseId).orderBy('at').orderBy('rowid').execute();
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
    },

    async listDeterminations(caseId) {
      const rows = await db.read
        .selectFrom('determinations')
        .selectAll()
        .where('case_id', '=', caseId)
        .orderBy('created_at')
        .orderBy('rowid')
        .execute();
      return rows.map(determinationFromRow);
    },

    async listCaseEvents(caseId) {
      const rows = await db.read.selectFrom('case_events').selectAll().where('case_id', '=', caseId).orderBy('at').orderBy('rowid').execute();
      return rows.map(eventFromRow);
    },

    async addNote(input) {
      return db.tx(async (trx) => {
        await requireCase(trx, input.caseId);
        const note: NoteRecord = {
          id: idOr(undefined),
          caseId: input.caseId,
          at: db.now(),
          authorId: input.authorId,
          text: input.text,
          visibility: input.visibility ?? 'organisation',
        };
        await trx
          .insertInto('notes')
          .values({ id: note.id, case_id: note.caseId, at: note.at, author_id: note.authorId, text: note.text, visibility: note.visibility })
          .execute();
        await db.appendAudit(trx, auditList(input.audit));
        return note;
      });
    },

    async listNotes(caseId, visibility) {
      const rows = await db.read.selectFrom('notes').selectAll().where('case_id', '=', caseId).orderBy('at').orderBy('rowid').execute();
      const notes = rows.map(noteFromRow);
      return visibility ? notes.filter((n) => visibility.includes(n.visibility)) : notes;
    },

    async listDocuments(caseId) {
      const { rows } = await sql<DocumentRow>`${documentsWhere(sql`d.case_id = ${caseId}`)} ORDER BY d.rowid`.execute(db.read);
      return rows.map(documentFromRow);
    },

    async receiveDocument(caseId, documentId, audit) {
      return db.tx(async (trx) => {
        const { rows } = await documentsWhere(sql`d.id = ${documentId} AND d.case_id = ${caseId}`).execute(trx);
        if (!rows[0]) throw new NotFoundError('document', documentId, `Case "${caseId}" has no document with id "${documentId}".`);
        const doc = documentFromRow(rows[0]);
        if (doc.status !== 'requested') return doc;
        const received: DocumentRecord = { ...doc, status: 'received', receivedAt: db.now() };
        await trx.updateTable('documents').set({ status: 'received', received_at: received.receivedAt }).where('id', '=', documentId).execute();
        await db.appendAudit(trx, auditList(audit));
        return received;
      });
    },

    async listMessages(caseId) {
      const rows = await db.read.selectFrom('messages').selectAll().where('case_id', '=', caseId).orderBy('at').orderBy('rowid').execute();
      return rows.map(messageFromRow);
    },
  };
}
