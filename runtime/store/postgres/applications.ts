/**
 * PostgreSQL applications: creation, partial saves and the atomic submission that turns one into a case, as the
 * SQLite store does them (each one transaction with its audit entries, under the audit lock).
 */
import { sql } from 'kysely';
import { auditList, checkRevision, expiryAudit, idOr, jsonCopy, pageOf, withPerformer } from '../common.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { applicationFromRow } from '../rows.ts';
import type { ApplicationRecord, ApplicationStore, CaseRecord } from '../types.ts';
import { caseMessageRecords, determinationRecord, determinationRow, eventRecord, eventRow, messageRow, outboxRow } from './case-writes.ts';
import type { PgDb, PgExecutor, PgTrx } from './db.ts';
import { scopeSql } from '../sql/scope.ts';

/** The application methods over `db`. */
export function pgApplicationMethods(db: PgDb): ApplicationStore {
  const byId = (q: PgExecutor, id: string) => q.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();

  async function requireDraftApplication(trx: PgTrx, id: string, expectedRevision: number | undefined): Promise<ApplicationRecord> {
    const row = await byId(trx, id);
    if (!row) throw new NotFoundError('application', id);
    const app = applicationFromRow(row);
    if (app.status === 'submitted') {
      const caseRow = await trx.selectFrom('cases').select('id').where('application_id', '=', id).executeTakeFirst();
      throw new ConflictError('already-submitted', `Application "${id}" was already submitted; its answers can no longer change.`, {
        applicationId: id,
        caseId: caseRow?.id ?? null,
      });
    }
    checkRevision(`application "${id}"`, app.revision, expectedRevision);
    return app;
  }

  /** The UPDATE that stores `app` (a query to execute, or to run inside another statement). */
  const writeApplication = (trx: PgTrx, app: ApplicationRecord, extra: { last_step?: string; status_factor?: string | null } = {}) =>
    trx
      .updateTable('applications')
      .set({
        answers: JSON.stringify(app.answers),
        lang: app.lang,
        status: app.status,
        revision: app.revision,
        updated_at: app.updatedAt,
        submitted_at: app.submittedAt,
        ...extra,
      })
      .where('id', '=', app.id);

  return {
    async createApplication(input, audit) {
      return db.tx(async (trx) => {
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
        if (await byId(trx, app.id)) throw new ConflictError('duplicate', `An application with id "${app.id}" already exists.`, { id: app.id });
        if (await trx.selectFrom('applications').select('id').where('resume_code_hash', '=', app.resumeCodeHash).executeTakeFirst()) {
          throw new ConflictError('duplicate', 'That resume code is already in use: generate another one.', {});
        }
        await trx
          .insertInto('applications')
          .values({
            id: app.id,
            program_id: app.programId,
            version: app.version,
            resume_code_hash: app.resumeCodeHash,
            answers: JSON.stringify(app.answers),
            lang: app.lang,
            status: app.status,
            created_by: app.createdBy,
            on_behalf_of: app.onBehalfOf,
            revision: app.revision,
            created_at: app.createdAt,
            updated_at: app.updatedAt,
            submitted_at: app.submittedAt,
            consent: app.consent ? JSON.stringify(app.consent) : null,
          })
          .execute();
        await db.appendAudit(trx, auditList(audit));
        return app;
      });
    },

    async getApplication(id, scope) {
      const row = await db.read
        .selectFrom('applications')
        .selectAll()
        .where('id', '=', id)
        .where(scopeSql(scope, 'applications.program_id'))
        .executeTakeFirst();
      return row ? applicationFromRow(row) : null;
    },

    async getApplicationByResumeCodeHash(resumeCodeHash) {
      const row = await db.read.selectFrom('applications').selectAll().where('resume_code_hash', '=', resumeCodeHash).executeTakeFirst();
      return row ? applicationFromRow(row) : null;
    },

    async listApplications(filter, page) {
      const { limit, offset } = pageOf(page);
      let q = db.read.selectFrom('applications').where(scopeSql(filter.scope, 'applications.program_id'));
      if (filter.programId != null) q = q.where('program_id', '=', filter.programId);
      if (filter.status != null) q = q.where('status', '=', filter.status);
      if (filter.createdBy != null) q = q.where('created_by', '=', filter.createdBy);
      const [{ n }, rows] = await Promise.all([
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        q.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(limit).offset(offset).execute(),
      ]);
      return { items: rows.map(applicationFromRow), total: Number(n), limit, offset };
    },

    async saveAnswers(input, audit) {
      return db.tx(async (trx) => {
        const app = await requireDraftApplication(trx, input.applicationId, input.expectedRevision);
        const next: ApplicationRecord = {
          ...app,
          answers: jsonCopy(input.answers),
          lang: input.lang ?? app.lang,
          revision: app.revision + 1,
          updatedAt: db.now(),
        };
        await writeApplication(trx, next, input.step !== undefined ? { last_step: input.step } : {}).execute();
        await db.appendAudit(trx, auditList(audit));
        return next;
      });
    },

    async expireDraftApplications({ updatedBefore, limit }) {
      return db.tx(async (trx) => {
        const rows = await trx
          .selectFrom('applications')
          .selectAll()
          .where('status', '=', 'draft')
          .where('updated_at', '<', updatedBefore)
          .orderBy('updated_at')
          .orderBy('id')
          .limit(limit)
          .execute();
        const expired = rows.map(applicationFromRow);
        if (expired.length > 0)
          await trx
            .deleteFrom('applications')
            .where(
              'id',
              'in',
              expired.map((a) => a.id),
            )
            .execute();
        await db.appendAudit(trx, expired.map(expiryAudit));
        return expired;
      });
    },

    async submitApplication(input) {
      return db.tx(async (trx) => {
        const app = await requireDraftApplication(trx, input.applicationId, input.expectedRevision);
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
        const determination = determinationRecord({ input: input.determination, caseId: kase.id, applicationId: app.id }, at);
        const event = eventRecord({
          caseId: kase.id,
          at,
          actorId: input.event.actorId,
          event: input.event.event,
          from: null,
          to: kase.state,
          actions: input.event.actions ?? [],
          reason: null,
        });
        const { messages, emails } = caseMessageRecords([{ caseId: kase.id, messages: input.messages ?? [] }], at);
        const application: ApplicationRecord = {
          ...app,
          status: 'submitted',
          submittedAt: at,
          updatedAt: at,
          revision: app.revision + 1,
          statusFactor: input.statusFactor ?? null,
        };
        // The case, its determination, event, notices and emails and the application's update in ONE statement (a
        // data-modifying WITH): one round trip under the audit lock instead of one per row. The foreign keys are
        // checked at the statement's end, when the case is there.
        const inserts = [
          sql`new_case AS (${trx.insertInto('cases').values({
            id: kase.id,
            application_id: kase.applicationId,
            program_id: kase.programId,
            version: kase.version,
            hash: kase.hash,
            state: kase.state,
            assignee: kase.assignee,
            performed_by: JSON.stringify(kase.performedBy),
            state_entered_at: kase.stateEnteredAt,
            due_on: kase.dueOn,
            label: kase.label,
            reference: kase.reference,
            created_at: kase.createdAt,
            updated_at: kase.updatedAt,
            revision: kase.revision,
            decision: null,
          })})`,
          sql`new_determination AS (${trx.insertInto('determinations').values(determinationRow(determination))})`,
          sql`new_event AS (${trx.insertInto('case_events').values(eventRow(event))})`,
        ];
        if (messages.length > 0) inserts.push(sql`new_messages AS (${trx.insertInto('messages').values(messages.map(messageRow))})`);
        if (emails.length > 0) inserts.push(sql`new_outbox AS (${trx.insertInto('outbox').values(emails.map(outboxRow))})`);
        const update = writeApplication(trx, application, {
          status_factor: application.statusFactor ? JSON.stringify(application.statusFactor) : null,
        });
        await sql`WITH ${sql.join(inserts)} ${update}`.execute(trx);
        await db.appendAudit(trx, auditList(input.audit));
        return { application, case: kase, determination, event };
      });
    },
  };
}
