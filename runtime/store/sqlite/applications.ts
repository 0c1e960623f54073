/**
 * SQLite applications: creation, partial saves and the atomic submission that turns one into a case.
 */
import { auditList, checkRevision, expiryAudit, idOr, jsonCopy, pageOf, withPerformer } from '../common.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { ApplicationRecord, ApplicationStore, CaseRecord } from '../types.ts';
import type { SqliteDb } from './db.ts';
import { scopeSql } from './scope.ts';
import { insertDetermination, insertEvent, insertMessages } from './case-writes.ts';
import { applicationFromRow, type ApplicationRow } from '../rows.ts';

const INSERT_CASE = `INSERT INTO cases (id, application_id, program_id, version, hash, state, assignee, performed_by,
  state_entered_at, due_on, label, reference, created_at, updated_at, revision, decision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** The application methods over `db`. */
export function sqliteApplicationMethods(db: SqliteDb): ApplicationStore {
  const byId = (id: string) => db.get<ApplicationRow>('SELECT * FROM applications WHERE id = ?', id);

  function requireDraftApplication(id: string, expectedRevision: number | undefined): ApplicationRecord {
    const row = byId(id);
    if (!row) throw new NotFoundError('application', id);
    const app = applicationFromRow(row);
    if (app.status === 'submitted') {
      const caseRow = db.get<{ id: string }>('SELECT id FROM cases WHERE application_id = ?', id);
      throw new ConflictError('already-submitted', `Application "${id}" was already submitted; its answers can no longer change.`, {
        applicationId: id,
        caseId: caseRow?.id ?? null,
      });
    }
    checkRevision(`application "${id}"`, app.revision, expectedRevision);
    return app;
  }

  function writeApplication(app: ApplicationRecord): void {
    db.run(
      `UPDATE applications SET answers = ?, lang = ?, status = ?, revision = ?, updated_at = ?, submitted_at = ?
       WHERE id = ?`,
      JSON.stringify(app.answers),
      app.lang,
      app.status,
      app.revision,
      app.updatedAt,
      app.submittedAt,
      app.id,
    );
  }

  return {
    async createApplication(input, audit) {
      return db.tx(() => {
        const now = db.now();
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
          createdAt: now,
          updatedAt: now,
          submittedAt: null,
          statusFactor: null,
        };
        if (byId(app.id)) throw new ConflictError('duplicate', `An application with id "${app.id}" already exists.`, { id: app.id });
        if (db.get('SELECT 1 FROM applications WHERE resume_code_hash = ?', app.resumeCodeHash)) {
          throw new ConflictError('duplicate', 'That resume code is already in use: generate another one.', {});
        }
        db.run(
          `INSERT INTO applications (id, program_id, version, resume_code_hash, answers, lang, status, created_by,
           on_behalf_of, revision, created_at, updated_at, submitted_at, consent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          app.id,
          app.programId,
          app.version,
          app.resumeCodeHash,
          JSON.stringify(app.answers),
          app.lang,
          app.status,
          app.createdBy,
          app.onBehalfOf,
          app.revision,
          app.createdAt,
          app.updatedAt,
          app.submittedAt,
          app.consent ? JSON.stringify(app.consent) : null,
        );
        db.appendAudit(auditList(audit));
        return app;
      });
    },

    async getApplication(id, scope) {
      const where = scopeSql(scope, 'applications.program_id');
      const row = scope ? db.get<ApplicationRow>(`SELECT * FROM applications WHERE id = @id AND ${where.sql}`, { ...where.named, id }) : byId(id);
      return row ? applicationFromRow(row) : null;
    },

    async getApplicationByResumeCodeHash(resumeCodeHash) {
      const row = db.get<ApplicationRow>('SELECT * FROM applications WHERE resume_code_hash = ?', resumeCodeHash);
      return row ? applicationFromRow(row) : null;
    },

    async listApplications(filter, page) {
      const { limit, offset } = pageOf(page);
      const scope = scopeSql(filter.scope, 'applications.program_id');
      const where = `WHERE (@programId IS NULL OR program_id = @programId) AND (@status IS NULL OR status = @status)
        AND (@createdBy IS NULL OR created_by = @createdBy) AND ${scope.sql}`;
      const params = { ...scope.named, programId: filter.programId ?? null, status: filter.status ?? null, createdBy: filter.createdBy ?? null };
      const total = db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM applications ${where}`, params)!.n;
      const items = db
        .all<ApplicationRow>(`SELECT * FROM applications ${where} ORDER BY created_at DESC, id LIMIT @limit OFFSET @offset`, {
          ...params,
          limit,
          offset,
        })
        .map(applicationFromRow);
      return { items, total, limit, offset };
    },

    async saveAnswers(input, audit) {
      return db.tx(() => {
        const app = requireDraftApplication(input.applicationId, input.expectedRevision);
        const next: ApplicationRecord = {
          ...app,
          answers: jsonCopy(input.answers),
          lang: input.lang ?? app.lang,
          revision: app.revision + 1,
          updatedAt: db.now(),
        };
        writeApplication(next);
        if (input.step !== undefined) db.run('UPDATE applications SET last_step = ? WHERE id = ?', input.step, next.id);
        db.appendAudit(auditList(audit));
        return next;
      });
    },

    async expireDraftApplications({ updatedBefore, limit }) {
      return db.tx(() => {
        const rows = db.all<ApplicationRow>(
          "SELECT * FROM applications WHERE status = 'draft' AND updated_at < ? ORDER BY updated_at, id LIMIT ?",
          updatedBefore,
          limit,
        );
        const expired = rows.map(applicationFromRow);
        for (const app of expired) db.run('DELETE FROM applications WHERE id = ?', app.id);
        db.appendAudit(expired.map(expiryAudit));
        return expired;
      });
    },

    async submitApplication(input) {
      return db.tx(() => {
        const app = requireDraftApplication(input.applicationId, input.expectedRevision);
        const at = input.at ?? db.now();
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
        db.run(
          INSERT_CASE,
          kase.id,
          kase.applicationId,
          kase.programId,
          kase.version,
          kase.hash,
          kase.state,
          kase.assignee,
          JSON.stringify(kase.performedBy),
          kase.stateEnteredAt,
          kase.dueOn,
          kase.label,
          kase.reference,
          kase.createdAt,
          kase.updatedAt,
          kase.revision,
          null,
        );
        const determination = insertDetermination(db, input.determination, kase.id, app.id, at);
        const event = insertEvent(db, {
          caseId: kase.id,
          at,
          actorId: input.event.actorId,
          event: input.event.event,
          from: null,
          to: kase.state,
          actions: input.event.actions ?? [],
          reason: null,
        });
        insertMessages(db, kase.id, input.messages ?? [], at);
        const application: ApplicationRecord = {
          ...app,
          status: 'submitted',
          submittedAt: at,
          updatedAt: at,
          revision: app.revision + 1,
          statusFactor: input.statusFactor ?? null,
        };
        writeApplication(application);
        db.run(
          'UPDATE applications SET status_factor = ? WHERE id = ?',
          application.statusFactor ? JSON.stringify(application.statusFactor) : null,
          app.id,
        );
        db.appendAudit(auditList(input.audit));
        return { application, case: kase, determination, event };
      });
    },
  };
}
