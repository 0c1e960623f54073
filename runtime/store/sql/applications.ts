/**
 * Applications on an SQL store: creation, partial saves, expiry of old drafts and the atomic submission that turns
 * one into a case (each write one transaction with its audit entries). Written once for both dialects; the one place
 * they differ is how the submission's inserts are sent (see `submitApplication`).
 */
import type { QueryCreator } from 'kysely';
import { auditList, checkRevision, expiryAudit, idOr, jsonCopy, pageOf, withPerformer } from '../common.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { applicationFromRow } from '../rows.ts';
import type { ApplicationRecord, ApplicationStore, CaseRecord } from '../types.ts';
import {
  caseMessageRecords,
  determinationRecord,
  determinationRow,
  eventRecord,
  eventRow,
  MAX_PARAMETERS,
  messageRow,
  outboxRow,
  sqlCaseWrites,
} from './case-writes.ts';
import { prepared } from './prepared.ts';
import type { Database } from './schema.ts';
import { scopeSql } from './scope.ts';
import { affected, all, audit, first, type Sql, type SqlStore } from './steps.ts';

/** The columns that store `app`, with `extra` ones. */
function applicationColumns(app: ApplicationRecord, extra: { last_step?: string; status_factor?: string | null } = {}) {
  return {
    answers: JSON.stringify(app.answers),
    lang: app.lang,
    status: app.status,
    revision: app.revision,
    updated_at: app.updatedAt,
    submitted_at: app.submittedAt,
    ...extra,
  };
}

/** The `cases` row of a new case. */
function caseRow(kase: CaseRecord) {
  return {
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
  };
}

/** The application methods over `s`. */
export function sqlApplicationMethods(s: SqlStore): ApplicationStore {
  const { q } = s;
  const writes = sqlCaseWrites(s);
  // The queries of every submission and of the reads before it, prepared (compiled once: see `prepared.ts`).
  const selectById = prepared((v: { id: string }) => q.selectFrom('applications').selectAll().where('id', '=', v.id));
  const selectByResumeCode = prepared((v: { hash: string }) => q.selectFrom('applications').selectAll().where('resume_code_hash', '=', v.hash));
  const insertCaseQuery = (row: ReturnType<typeof caseRow>) => q.insertInto('cases').values(row);
  const insertCase = prepared(insertCaseQuery);
  const updateQuery = ({ id, ...columns }: ReturnType<typeof applicationColumns> & { id: string }) =>
    q.updateTable('applications').set(columns).where('id', '=', id);
  const updateSubmitted = prepared(updateQuery);
  const byId = (id: string) => first(selectById({ id }));

  /** The draft application `id` at `expectedRevision` (when given); `already-submitted` names its case. */
  function* requireDraftApplication(id: string, expectedRevision: number | undefined): Sql<ApplicationRecord> {
    const row = yield* byId(id);
    if (!row) throw new NotFoundError('application', id);
    const app = applicationFromRow(row);
    if (app.status === 'submitted') {
      const caseRow = yield* first(q.selectFrom('cases').select('id').where('application_id', '=', id));
      throw new ConflictError('already-submitted', `Application "${id}" was already submitted; its answers can no longer change.`, {
        applicationId: id,
        caseId: caseRow?.id ?? null,
      });
    }
    checkRevision(`application "${id}"`, app.revision, expectedRevision);
    return app;
  }

  return {
    createApplication: (input, auditInput) =>
      s.transaction(function* () {
        const now = s.now();
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
        // Checked first (a failed INSERT would abort PostgreSQL's transaction).
        if (yield* byId(app.id)) throw new ConflictError('duplicate', `An application with id "${app.id}" already exists.`, { id: app.id });
        if (yield* first(q.selectFrom('applications').select('id').where('resume_code_hash', '=', app.resumeCodeHash))) {
          throw new ConflictError('duplicate', 'That resume code is already in use: generate another one.', {});
        }
        yield* affected(
          q.insertInto('applications').values({
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
          }),
        );
        yield* audit(auditList(auditInput));
        return app;
      }),

    getApplication: (id, scope) =>
      s.query(function* () {
        const row = yield* first(
          scope
            ? q.selectFrom('applications').selectAll().where('id', '=', id).where(scopeSql(scope, 'applications.program_id'))
            : selectById({ id }),
        );
        return row ? applicationFromRow(row) : null;
      }),

    getApplicationByResumeCodeHash: (resumeCodeHash) =>
      s.query(function* () {
        const row = yield* first(selectByResumeCode({ hash: resumeCodeHash }));
        return row ? applicationFromRow(row) : null;
      }),

    listApplications: (filter, page) =>
      s.query(function* () {
        const { limit, offset } = pageOf(page);
        let where = q.selectFrom('applications').where(scopeSql(filter.scope, 'applications.program_id'));
        if (filter.programId != null) where = where.where('program_id', '=', filter.programId);
        if (filter.status != null) where = where.where('status', '=', filter.status);
        if (filter.createdBy != null) where = where.where('created_by', '=', filter.createdBy);
        const counted = yield* first(where.select((eb) => eb.fn.countAll<number>().as('n')));
        const rows = yield* all(where.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(limit).offset(offset));
        return { items: rows.map(applicationFromRow), total: Number(counted!.n), limit, offset };
      }),

    saveAnswers: (input, auditInput) =>
      s.transaction(function* () {
        const app = yield* requireDraftApplication(input.applicationId, input.expectedRevision);
        const next: ApplicationRecord = {
          ...app,
          answers: jsonCopy(input.answers),
          lang: input.lang ?? app.lang,
          revision: app.revision + 1,
          updatedAt: s.now(),
        };
        yield* affected(
          q
            .updateTable('applications')
            .set(applicationColumns(next, input.step !== undefined ? { last_step: input.step } : {}))
            .where('id', '=', next.id),
        );
        yield* audit(auditList(auditInput));
        return next;
      }),

    expireDraftApplications: ({ updatedBefore, limit }) =>
      s.transaction(function* () {
        const rows = yield* all(
          q
            .selectFrom('applications')
            .selectAll()
            .where('status', '=', 'draft')
            .where('updated_at', '<', updatedBefore)
            .orderBy('updated_at')
            .orderBy('id')
            .limit(limit),
        );
        const expired = rows.map(applicationFromRow);
        const ids = expired.map((a) => a.id);
        for (let i = 0; i < ids.length; i += MAX_PARAMETERS[s.dialect])
          yield* affected(q.deleteFrom('applications').where('id', 'in', ids.slice(i, i + MAX_PARAMETERS[s.dialect])));
        yield* audit(expired.map(expiryAudit));
        return expired;
      }),

    submitApplication: (input) =>
      s.transaction(function* () {
        const app = yield* requireDraftApplication(input.applicationId, input.expectedRevision);
        const at = input.at ?? s.now();
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
        const caseValues = caseRow(kase);
        const determinationValues = determinationRow(determination);
        const eventValues = eventRow(event);
        const messageRows = messages.map(messageRow);
        const emailRows = emails.map(outboxRow);
        const update = {
          id: app.id,
          ...applicationColumns(application, { status_factor: application.statusFactor ? JSON.stringify(application.statusFactor) : null }),
        };
        if (s.dialect === 'postgres') {
          // The case, its determination, event, notices and emails and the application's update in ONE statement (a
          // data-modifying WITH): one round trip under the audit lock instead of one per row. The foreign keys are
          // checked at the statement's end, when the case is there. (SQLite has no data-modifying WITH; its
          // statements run in-process, without round trips, each prepared.)
          let inserts: QueryCreator<Database> = q
            .with('new_case', () => insertCaseQuery(caseValues))
            .with('new_determination', () => writes.query.determinations(determinationValues))
            .with('new_event', () => writes.query.events(eventValues));
          if (messageRows.length > 0) inserts = inserts.with('new_messages', () => writes.query.messages(messageRows));
          if (emailRows.length > 0) inserts = inserts.with('new_outbox', () => writes.query.outbox(emailRows));
          const { id, ...columns } = update;
          yield* affected(inserts.updateTable('applications').set(columns).where('id', '=', id));
        } else {
          yield* affected(insertCase(caseValues));
          yield* writes.insert.determinations([determinationValues]);
          yield* writes.insert.events([eventValues]);
          yield* writes.insert.messages(messageRows);
          yield* writes.insert.outbox(emailRows);
          yield* affected(updateSubmitted(update));
        }
        yield* audit(auditList(input.audit));
        return { application, case: kase, determination, event };
      }),
  };
}
