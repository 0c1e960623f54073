/**
 * A case's dependent records (determinations, events, notices and their outbox emails, requested documents) on an SQL
 * store, for every dialect: used inside the write transactions of submission, transitions and corrections. Each
 * record and its row are built by one pure function (`…Record`, `…Row`), so an operation can also put them into a
 * larger statement (PostgreSQL's submission `WITH`); the inserts are multi-row, one statement for many records (in
 * slices below the dialect's limit of parameters per statement).
 */
import { idOr, jsonCopy } from '../common.ts';
import type { Compilable } from 'kysely';
import type {
  CaseEventRecord,
  DeterminationRecord,
  DocumentRecord,
  MessageRecord,
  NewDetermination,
  NewMessage,
  OutboxRecord,
  RequestedDocument,
} from '../types.ts';
import { prepared } from './prepared.ts';
import { affected, type Sql, type SqlStore } from './steps.ts';

/**
 * The most parameters one statement may bind: PostgreSQL's protocol takes 65,535; SQLite's default
 * `SQLITE_MAX_VARIABLE_NUMBER` (that of better-sqlite3's build) is 32,766.
 */
export const MAX_PARAMETERS = { sqlite: 32_766, postgres: 65_535 } as const;

/** A determination to insert: program, version and hash come from its result. */
export interface DeterminationInsert {
  input: NewDetermination;
  caseId: string | null;
  applicationId: string;
}

/** A determination's record: program, version and hash come from its result, which is kept as it is. */
export function determinationRecord({ input, caseId, applicationId }: DeterminationInsert, at: string): DeterminationRecord {
  // The caller's result object is returned as is (the store keeps only its JSON text): the trace is large, and
  // copying it cost as much as storing it.
  const result = input.result;
  return {
    id: idOr(input.id),
    caseId,
    applicationId,
    programId: result.programId,
    version: result.version,
    hash: result.hash,
    asOf: input.asOf,
    kind: input.kind,
    applied: input.applied,
    result,
    createdBy: input.createdBy,
    createdAt: at,
  };
}

/** The `determinations` row of a record. */
export function determinationRow(record: DeterminationRecord) {
  return {
    id: record.id,
    case_id: record.caseId,
    application_id: record.applicationId,
    program_id: record.programId,
    version: record.version,
    hash: record.hash,
    as_of: record.asOf,
    kind: record.kind,
    applied: record.applied,
    result: JSON.stringify(record.result),
    created_by: record.createdBy,
    created_at: record.createdAt,
  };
}

/** A case event's record. */
export function eventRecord(event: Omit<CaseEventRecord, 'id'>): CaseEventRecord {
  return { id: idOr(undefined), ...event, actions: jsonCopy(event.actions) };
}

/** The `case_events` row of a record. */
export function eventRow(record: CaseEventRecord) {
  return {
    id: record.id,
    case_id: record.caseId,
    at: record.at,
    actor_id: record.actorId,
    event: record.event,
    from_state: record.from,
    to_state: record.to,
    actions: JSON.stringify(record.actions),
    reason: record.reason,
  };
}

/** An email to add to the outbox. */
export interface OutboxInsert {
  messageId: string | null;
  caseId: string | null;
  toAddress: string;
  subject: string;
  text: string;
  /** The row's id; a random UUID unless told. */
  id?: string;
}

/** A pending outbox email's record, due now. */
export function outboxRecord(e: OutboxInsert, at: string): OutboxRecord {
  return {
    id: idOr(e.id),
    messageId: e.messageId,
    caseId: e.caseId,
    toAddress: e.toAddress,
    subject: e.subject,
    text: e.text,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: at,
    claimedUntil: null,
    lastError: null,
    createdAt: at,
    sentAt: null,
  };
}

/** The `outbox` row of a pending email's record. */
export function outboxRow(record: OutboxRecord) {
  return {
    id: record.id,
    message_id: record.messageId,
    case_id: record.caseId,
    to_address: record.toAddress,
    subject: record.subject,
    text: record.text,
    status: 'pending' as const,
    attempts: 0,
    next_attempt_at: record.nextAttemptAt,
    created_at: record.createdAt,
  };
}

/**
 * The records of several cases' notifications, and of the outbox emails of those with an `email` (subject: the
 * notice's, or its text's first 80 characters). `newId` makes their ids (random UUIDs unless told; `orderedId` for
 * bulk writes), each notice's before its email's.
 */
export function caseMessageRecords(
  items: readonly { caseId: string; messages: readonly NewMessage[] }[],
  at: string,
  newId: () => string = () => idOr(undefined),
): { messages: MessageRecord[]; emails: OutboxRecord[] } {
  const messages: MessageRecord[] = [];
  const emails: OutboxRecord[] = [];
  for (const { caseId, messages: sent } of items) {
    for (const m of sent) {
      const record: MessageRecord = { id: newId(), caseId, to: m.to, text: m.text, at, subject: m.subject ?? null, notice: m.notice ?? null };
      messages.push(record);
      if (m.email)
        emails.push(
          outboxRecord(
            { messageId: record.id, caseId, toAddress: m.email, subject: m.subject ?? m.text.slice(0, 80), text: m.text, id: newId() },
            at,
          ),
        );
    }
  }
  return { messages, emails };
}

/** The `messages` row of a record. */
export function messageRow(r: MessageRecord) {
  return { id: r.id, case_id: r.caseId, to: r.to, text: r.text, at: r.at, subject: r.subject, notice: r.notice };
}

/** The records of documents requested for a case (by name, or by the program's document type). */
export function documentRecords(caseId: string, requested: readonly (string | RequestedDocument)[], at: string): DocumentRecord[] {
  return requested.map((r): DocumentRecord => {
    const { typeId, name, dueOn = null, note = null } = typeof r === 'string' ? { typeId: null, name: r } : r;
    return {
      id: idOr(undefined),
      caseId,
      name,
      typeId,
      status: 'requested',
      requestedAt: at,
      receivedAt: null,
      reviewedAt: null,
      reviewedBy: null,
      reason: null,
      dueOn,
      note,
      file: null,
    };
  });
}

/** The `documents` row of a requested document's record. */
export function documentRow(record: DocumentRecord) {
  return {
    id: record.id,
    case_id: record.caseId,
    name: record.name,
    type_id: record.typeId,
    status: record.status,
    requested_at: record.requestedAt,
    received_at: null,
    due_on: record.dueOn,
    note: record.note,
  };
}

// The rows the inserts write, every column given (the prepared one-row inserts bind each one).
type DeterminationRow = ReturnType<typeof determinationRow>;
type EventRow = ReturnType<typeof eventRow>;
type MessageRow = ReturnType<typeof messageRow>;
type OutboxRow = ReturnType<typeof outboxRow>;
type DocumentRow = ReturnType<typeof documentRow>;

/**
 * The inserts of a case's dependent records over `s`. A single row goes by a prepared query (compiled once: these are
 * on every submission and transition). Several rows differ by dialect: SQLite runs the prepared one-row statement for
 * each (in-process, no round trips: building a multi-row statement costs more than running the rows one by one, as the
 * SQLite store always did); PostgreSQL sends multi-row INSERTs (one round trip), in slices below its limit of
 * parameters per statement.
 */
export function sqlCaseWrites(s: SqlStore) {
  const { q } = s;

  /** The insert of rows by `build` (one row or several), and its prepared one-row form. */
  function insertion<R extends Record<string, unknown>>(build: (rows: R | R[]) => Compilable<unknown>) {
    const one = prepared((row: R) => build(row));
    return function* insert(rows: readonly R[]): Sql<void> {
      if (rows.length === 1 || (s.dialect === 'sqlite' && rows.length > 0)) {
        for (const row of rows) yield* affected(one(row));
        return;
      }
      if (rows.length === 0) return;
      const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS[s.dialect] / Object.keys(rows[0]).length));
      for (let i = 0; i < rows.length; i += perStatement) yield* affected(build(rows.slice(i, i + perStatement)));
    };
  }

  /** The inserts of rows, as queries (to put inside a larger statement). */
  const query = {
    determinations: (rows: DeterminationRow | DeterminationRow[]) => q.insertInto('determinations').values(rows),
    events: (rows: EventRow | EventRow[]) => q.insertInto('case_events').values(rows),
    messages: (rows: MessageRow | MessageRow[]) => q.insertInto('messages').values(rows),
    outbox: (rows: OutboxRow | OutboxRow[]) => q.insertInto('outbox').values(rows),
    documents: (rows: DocumentRow | DocumentRow[]) => q.insertInto('documents').values(rows),
  };
  /** The inserts of rows, to run. */
  const insert = {
    determinations: insertion(query.determinations),
    events: insertion(query.events),
    messages: insertion(query.messages),
    outbox: insertion(query.outbox),
    documents: insertion(query.documents),
  };

  /** Inserts determinations in the order given; returns their records. */
  function* insertDeterminations(items: readonly DeterminationInsert[], at: string): Sql<DeterminationRecord[]> {
    const records = items.map((item) => determinationRecord(item, at));
    yield* insert.determinations(records.map(determinationRow));
    return records;
  }

  /**
   * Records the notifications of several cases (a re-determination chunk's) and the outbox emails of those with an
   * `email`; the records come back in the order given. `newId` makes the rows' ids (random UUIDs unless told;
   * `orderedId` for bulk writes).
   */
  function* insertCaseMessages(
    items: readonly { caseId: string; messages: readonly NewMessage[] }[],
    at: string,
    newId?: () => string,
  ): Sql<MessageRecord[]> {
    const records = caseMessageRecords(items, at, newId);
    yield* insert.messages(records.messages.map(messageRow));
    yield* insert.outbox(records.emails.map(outboxRow));
    return records.messages;
  }

  return {
    query,
    insert,

    /** Inserts a determination for `caseId`/`applicationId`; program, version and hash come from its result. */
    *insertDetermination(input: NewDetermination, caseId: string | null, applicationId: string, at: string): Sql<DeterminationRecord> {
      const [record] = yield* insertDeterminations([{ input, caseId, applicationId }], at);
      return record;
    },

    /** Inserts a case event. */
    *insertEvent(event: Omit<CaseEventRecord, 'id'>): Sql<CaseEventRecord> {
      const record = eventRecord(event);
      yield* insert.events([eventRow(record)]);
      return record;
    },

    insertDeterminations,

    /**
     * Records notifications for a case; those with an `email` also go to the outbox, in the same transaction; the
     * records come back in the order given.
     */
    insertMessages: (caseId: string, messages: readonly NewMessage[], at: string) => insertCaseMessages([{ caseId, messages }], at),

    insertCaseMessages,

    /** Adds a pending email to the outbox, due now. */
    *insertOutbox(e: Omit<OutboxInsert, 'id'>, at: string): Sql<OutboxRecord> {
      const record = outboxRecord(e, at);
      yield* insert.outbox([outboxRow(record)]);
      return record;
    },

    /** Records requested documents for a case (by name, or by the program's document type). */
    *insertDocuments(caseId: string, requested: readonly (string | RequestedDocument)[], at: string): Sql<DocumentRecord[]> {
      const records = documentRecords(caseId, requested, at);
      yield* insert.documents(records.map(documentRow));
      return records;
    },
  };
}
