/**
 * SQLite cases: the caseworker queue, atomic transitions, assignment, determinations, notes, documents, messages.
 */
import { auditList, checkRevision, idOr, jsonCopy, likeEscape, pageOf, transitionedCase } from '../common.ts';
import { NotFoundError } from '../errors.ts';
import type { ApplicationRecord, CaseRecord, CaseStore, CorrectionRecord, DocumentRecord, NoteRecord } from '../types.ts';
import type { SqliteDb } from './db.ts';
import { scopeSql } from './scope.ts';
import { insertDetermination, insertDocuments, insertEvent, insertMessages } from './case-writes.ts';
import {
  applicationFromRow,
  caseFromRow,
  determinationFromRow,
  DOCUMENT_SELECT,
  documentFromRow,
  eventFromRow,
  messageFromRow,
  noteFromRow,
  type ApplicationRow,
  type CaseRow,
  type DeterminationRow,
  type DocumentRow,
  type EventRow,
  type MessageRow,
  type NoteRow,
} from '../rows.ts';

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

interface CorrectionRow {
  id: string;
  case_id: string;
  application_id: string;
  at: string;
  author_id: string;
  note_id: string;
  changes: string;
  previous_answers: string;
}

/** The case methods over `db`. */
export function sqliteCaseMethods(db: SqliteDb): CaseMethods {
  const byId = (id: string) => db.get<CaseRow>('SELECT * FROM cases WHERE id = ?', id);

  function requireCase(id: string): CaseRecord {
    const row = byId(id);
    if (!row) throw new NotFoundError('case', id);
    return caseFromRow(row);
  }

  function writeCase(c: CaseRecord): void {
    db.run(
      `UPDATE cases SET version = ?, hash = ?, state = ?, assignee = ?, performed_by = ?, state_entered_at = ?,
       due_on = ?, label = ?, decision = ?, updated_at = ?, revision = ? WHERE id = ?`,
      c.version,
      c.hash,
      c.state,
      c.assignee,
      JSON.stringify(c.performedBy),
      c.stateEnteredAt,
      c.dueOn,
      c.label,
      c.decision ? JSON.stringify(c.decision) : null,
      c.updatedAt,
      c.revision,
      c.id,
    );
  }

  return {
    async getCase(id, scope) {
      const where = scopeSql(scope, 'cases.program_id', 'cases.id');
      const row = db.get<CaseRow>(`SELECT * FROM cases WHERE id = @id AND ${where.sql}`, { ...where.named, id });
      return row ? caseFromRow(row) : null;
    },

    async getCaseByApplication(applicationId) {
      const row = db.get<CaseRow>('SELECT * FROM cases WHERE application_id = ?', applicationId);
      return row ? caseFromRow(row) : null;
    },

    async listCases(filter, page) {
      const { limit, offset } = pageOf(page);
      const scope = scopeSql(filter.scope, 'cases.program_id', 'cases.id');
      const conditions: string[] = filter.scope ? [scope.sql] : [];
      const params: unknown[] = filter.scope ? [scope.named] : [];
      if (filter.programId !== undefined) {
        conditions.push('program_id = ?');
        params.push(filter.programId);
      }
      if (filter.assignee !== undefined) {
        if (filter.assignee === null) conditions.push('assignee IS NULL');
        else {
          conditions.push('assignee = ?');
          params.push(filter.assignee);
        }
      }
      if (filter.overdueBefore !== undefined) {
        conditions.push('due_on IS NOT NULL AND due_on < ?');
        params.push(filter.overdueBefore);
      }
      if (filter.text !== undefined && filter.text.trim() !== '') {
        const pattern = `%${likeEscape(filter.text.trim())}%`;
        conditions.push("(id LIKE ? ESCAPE '\\' OR application_id LIKE ? ESCAPE '\\' OR label LIKE ? ESCAPE '\\' OR reference LIKE ? ESCAPE '\\')");
        params.push(pattern, pattern, pattern, pattern);
      }
      const baseWhere = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
      const counts = db.all<{ state: string; n: number }>(
        `SELECT state, COUNT(*) AS n FROM cases ${baseWhere} GROUP BY state ORDER BY state`,
        ...params,
      );
      const states = filter.state === undefined ? undefined : Array.isArray(filter.state) ? filter.state : [filter.state];
      if (states) {
        conditions.push(states.length ? `state IN (${states.map(() => '?').join(', ')})` : '0');
        params.push(...states);
      }
      const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
      const total = db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM cases ${where}`, ...params)!.n;
      const items = db
        .all<CaseRow>(`SELECT * FROM cases ${where} ORDER BY created_at DESC, id LIMIT ? OFFSET ?`, ...params, limit, offset)
        .map(caseFromRow);
      return { items, total, limit, offset, countsByState: Object.fromEntries(counts.map((c) => [c.state, c.n])) };
    },

    async applyTransition(input) {
      return db.tx(() => {
        const current = requireCase(input.caseId);
        const at = input.at ?? db.now();
        const next = transitionedCase(current, input, at);
        const documents: DocumentRecord[] = [];
        if (input.receiveAllDocuments) {
          const pending = db.all<DocumentRow>("SELECT * FROM documents WHERE case_id = ? AND status = 'requested' ORDER BY rowid", current.id);
          db.run("UPDATE documents SET status = 'received', received_at = ? WHERE case_id = ? AND status = 'requested'", at, current.id);
          documents.push(...pending.map((r) => ({ ...documentFromRow(r), status: 'received' as const, receivedAt: at })));
        }
        documents.push(...insertDocuments(db, current.id, input.requestDocuments ?? [], at));
        const messages = insertMessages(db, current.id, input.messages ?? [], at);
        for (const d of input.determinations ?? []) {
          if (d.applied) {
            db.run('UPDATE determinations SET applied = 0 WHERE case_id = ?', current.id);
            next.version = d.result.version;
            next.hash = d.result.hash;
          }
          insertDetermination(db, d, current.id, current.applicationId, at);
        }
        writeCase(next);
        const event = insertEvent(db, {
          caseId: current.id,
          at,
          actorId: input.actorId,
          event: input.event,
          from: current.state,
          to: input.to,
          actions: input.actions,
          reason: input.decision?.reason.id ?? null,
        });
        db.appendAudit(auditList(input.audit));
        return { case: next, event, documents, messages };
      });
    },

    async assignCase(input) {
      return db.tx(() => {
        const current = requireCase(input.caseId);
        checkRevision(`case "${input.caseId}"`, current.revision, input.expectedRevision);
        const next: CaseRecord = { ...current, assignee: input.assignee, updatedAt: db.now(), revision: current.revision + 1 };
        writeCase(next);
        db.appendAudit(auditList(input.audit));
        return next;
      });
    },

    async recordDetermination(input) {
      return db.tx(() => {
        const current = requireCase(input.caseId);
        const at = db.now();
        let kase = current;
        if (input.determination.applied) {
          checkRevision(`case "${input.caseId}"`, current.revision, input.expectedRevision);
          db.run('UPDATE determinations SET applied = 0 WHERE case_id = ?', current.id);
          kase = {
            ...current,
            version: input.determination.result.version,
            hash: input.determination.result.hash,
            updatedAt: at,
            revision: current.revision + 1,
          };
          writeCase(kase);
        }
        const determination = insertDetermination(db, input.determination, current.id, current.applicationId, at);
        db.appendAudit(auditList(input.audit));
        return { determination, case: kase };
      });
    },

    async correctAnswers(input) {
      return db.tx(() => {
        const current = requireCase(input.caseId);
        checkRevision(`case "${input.caseId}"`, current.revision, input.expectedRevision);
        const appRow = db.get<ApplicationRow>('SELECT * FROM applications WHERE id = ?', current.applicationId);
        if (!appRow) throw new NotFoundError('application', current.applicationId);
        const at = db.now();
        const old = applicationFromRow(appRow);
        const application: ApplicationRecord = { ...old, answers: jsonCopy(input.answers), revision: old.revision + 1, updatedAt: at };
        db.run(
          'UPDATE applications SET answers = ?, revision = ?, updated_at = ? WHERE id = ?',
          JSON.stringify(application.answers),
          application.revision,
          at,
          application.id,
        );
        const note: NoteRecord = {
          id: idOr(undefined),
          caseId: current.id,
          at,
          authorId: input.note.authorId,
          text: input.note.text,
          visibility: 'organisation',
        };
        db.run(
          'INSERT INTO notes (id, case_id, at, author_id, text) VALUES (?, ?, ?, ?, ?)',
          note.id,
          note.caseId,
          note.at,
          note.authorId,
          note.text,
        );
        db.run('UPDATE determinations SET applied = 0 WHERE case_id = ?', current.id);
        const determination = insertDetermination(db, input.determination, current.id, current.applicationId, at);
        const kase: CaseRecord = {
          ...current,
          version: determination.version,
          hash: determination.hash,
          updatedAt: at,
          revision: current.revision + 1,
        };
        writeCase(kase);
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
        db.run(
          'INSERT INTO corrections (id, case_id, application_id, at, author_id, note_id, changes, previous_answers) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          correction.id,
          correction.caseId,
          correction.applicationId,
          at,
          correction.authorId,
          correction.noteId,
          JSON.stringify(correction.changes),
          JSON.stringify(correction.previousAnswers),
        );
        db.appendAudit(auditList(input.audit));
        return { application, case: kase, determination, note, correction };
      });
    },

    async listCorrections(caseId) {
      return db.all<CorrectionRow>('SELECT * FROM corrections WHERE case_id = ? ORDER BY at, rowid', caseId).map((r) => ({
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
      return db.all<DeterminationRow>('SELECT * FROM determinations WHERE case_id = ? ORDER BY created_at, rowid', caseId).map(determinationFromRow);
    },

    async listCaseEvents(caseId) {
      return db.all<EventRow>('SELECT * FROM case_events WHERE case_id = ? ORDER BY at, rowid', caseId).map(eventFromRow);
    },

    async addNote(input) {
      return db.tx(() => {
        requireCase(input.caseId);
        const note: NoteRecord = {
          id: idOr(undefined),
          caseId: input.caseId,
          at: db.now(),
          authorId: input.authorId,
          text: input.text,
          visibility: input.visibility ?? 'organisation',
        };
        db.run(
          'INSERT INTO notes (id, case_id, at, author_id, text, visibility) VALUES (?, ?, ?, ?, ?, ?)',
          note.id,
          note.caseId,
          note.at,
          note.authorId,
          note.text,
          note.visibility,
        );
        db.appendAudit(auditList(input.audit));
        return note;
      });
    },

    async listNotes(caseId, visibility) {
      const notes = db.all<NoteRow>('SELECT * FROM notes WHERE case_id = ? ORDER BY at, rowid', caseId).map(noteFromRow);
      return visibility ? notes.filter((n) => visibility.includes(n.visibility)) : notes;
    },

    async listDocuments(caseId) {
      return db.all<DocumentRow>(`${DOCUMENT_SELECT} WHERE d.case_id = ? ORDER BY d.rowid`, caseId).map(documentFromRow);
    },

    async receiveDocument(caseId, documentId, audit) {
      return db.tx(() => {
        const row = db.get<DocumentRow>(`${DOCUMENT_SELECT} WHERE d.id = ? AND d.case_id = ?`, documentId, caseId);
        if (!row) throw new NotFoundError('document', documentId, `Case "${caseId}" has no document with id "${documentId}".`);
        const doc = documentFromRow(row);
        if (doc.status !== 'requested') return doc;
        const received: DocumentRecord = { ...doc, status: 'received', receivedAt: db.now() };
        db.run("UPDATE documents SET status = 'received', received_at = ? WHERE id = ?", received.receivedAt, documentId);
        db.appendAudit(auditList(audit));
        return received;
      });
    },

    async listMessages(caseId) {
      return db.all<MessageRow>('SELECT * FROM messages WHERE case_id = ? ORDER BY at, rowid', caseId).map(messageFromRow);
    },
  };
}
