/**
 * Deadline reminders (issue 15): a workflow deadline the applicant is shown (`applicantTitle`) may name
 * `reminderDays`, e.g. `[3]`: that many days before its due date the scheduler sends the program's
 * "deadline-reminder" notice to the applicant (on the status page, by email when they gave an address and consent)
 * and its copy to an intermediary who applied for them.
 *
 * Each reminder is sent once: its key is `<caseId>:<deadlineId>:<day the clock started>:<days>`, recorded by
 * `Store.recordReminder` in the same atomic unit as its messages and outbox emails, so a second run, a restart or a
 * second server finds the key and writes nothing. Of several offsets already due (a scheduler that was down), only
 * the nearest is sent: "3 days left" and "7 days left" on the same morning would say two things at once. A clock
 * that starts again (the case re-enters the deadline's `from` state) is a new deadline with its own reminders.
 * The due date is the deadline's, or, for a deadline a document request starts, the earliest due date the
 * caseworker chose for the documents still awaited (`documentsDue`).
 */
import { formatDate, speak, type DeadlineStatus, type Program } from '../../engine/index.ts';
import type { CaseRecord, DocumentRecord } from '../store/types.ts';
import { today, type ServiceContext } from './context.ts';
import { deadlines } from './engine-port.ts';
import { kickOutbox } from './mailer.ts';
import { applicantMessage, programIn, shownReference } from './program-notices.ts';
import { applicantNotices } from './recipients.ts';

/** Cases read per store call. */
const PAGE = 200;

/** The documents still awaited from the applicant. */
export function awaitedDocuments(documents: DocumentRecord[]): DocumentRecord[] {
  return documents.filter((d) => d.status === 'requested' || d.status === 'rejected');
}

/**
 * The deadlines of a case the applicant is shown, still running or missed (not met), each with its due date: a
 * deadline started by the state a document request leads to is due on the earliest date the caseworker chose for
 * the documents requested since it started (when earlier than the workflow's).
 */
export function applicantDeadlines(
  doc: Program,
  history: { state: string; at: string }[],
  documents: DocumentRecord[],
  asOf: string,
): (DeadlineStatus & { applicantTitle: string; reminderDays: number[] })[] {
  const out = [];
  for (const status of deadlines(doc, history, asOf)) {
    const def = (doc.workflow.deadlines ?? []).find((d) => d.id === status.id);
    if (!def?.applicantTitle || status.met) continue;
    const chosen = awaitedDocuments(documents)
      .filter((d) => d.dueOn && d.requestedAt.slice(0, 10) >= status.startedAt)
      .map((d) => d.dueOn as string)
      .sort()[0];
    const dueOn = chosen && chosen < status.dueOn ? chosen : status.dueOn;
    const daysLeft = status.daysLeft - dayDiff(status.dueOn, dueOn);
    out.push({ ...status, dueOn, daysLeft, overdue: daysLeft < 0, applicantTitle: def.applicantTitle, reminderDays: def.reminderDays ?? [] });
  }
  return out;
}

function dayDiff(later: string, earlier: string): number {
  return Math.round((Date.parse(`${later}T00:00:00Z`) - Date.parse(`${earlier}T00:00:00Z`)) / 86_400_000);
}

/** The offset of the reminder due with `daysLeft` days to go: the nearest of `reminderDays` not under it, or null. */
export function dueReminder(reminderDays: number[], daysLeft: number): number | null {
  if (daysLeft < 0) return null;
  const due = reminderDays.filter((d) => d >= daysLeft).sort((a, b) => a - b);
  return due[0] ?? null;
}

/** Sends the reminders of one case that are due today; returns how many were recorded now. */
async function remindCase(ctx: ServiceContext, kase: CaseRecord, version: { doc: Program; hash: string }): Promise<number> {
  const [events, documents] = await Promise.all([ctx.store.listCaseEvents(kase.id), ctx.store.listDocuments(kase.id)]);
  const history = events.map((e) => ({ state: e.to, at: e.at }));
  let sent = 0;
  for (const d of applicantDeadlines(version.doc, history, documents, today(ctx))) {
    const days = dueReminder(d.reminderDays, d.daysLeft);
    if (days === null) continue;
    const application = await ctx.store.getApplication(kase.applicationId);
    if (!application) continue;
    const program = programIn(version.doc, version.hash, application.lang);
    const titles = awaitedDocuments(documents).map((doc) => {
      const index = (version.doc.documents ?? []).findIndex((t) => t.id === doc.typeId);
      return `- ${(index >= 0 ? program.documents?.[index]?.title : undefined) ?? doc.name}`;
    });
    const message = applicantMessage(version.doc, version.hash, application, {
      kind: 'deadline-reminder',
      values: {
        caseId: kase.id,
        caseRef: shownReference(kase),
        programId: kase.programId,
        state: kase.state,
        applicationId: application.id,
        dueOn: formatDate(d.dueOn, speak(application.lang)),
        documents: titles.join('\n'),
      },
    });
    const recorded = await ctx.store.recordReminder({
      key: `${kase.id}:${d.id}:${d.startedAt}:${days}`,
      caseId: kase.id,
      messages: applicantNotices(message, application),
      audit: { actorId: null, action: 'case.remind', entity: 'case', entityId: kase.id, details: { deadline: d.id, dueOn: d.dueOn, days } },
    });
    if (recorded) sent++;
  }
  return sent;
}

/**
 * Sends every deadline reminder due today, once (see the module comment): the open cases of each program version
 * whose workflow has a deadline with `reminderDays` and a "deadline-reminder" notice. Returns how many were sent.
 */
export async function sendDueReminders(ctx: ServiceContext): Promise<number> {
  const versions = (await ctx.store.listProgramVersions({ status: 'published' })).filter(
    (v) => v.doc.notices?.['deadline-reminder'] && (v.doc.workflow.deadlines ?? []).some((d) => d.reminderDays?.length && d.applicantTitle),
  );
  const byProgram = new Map<string, Map<number, (typeof versions)[number]>>();
  for (const v of versions) byProgram.set(v.programId, (byProgram.get(v.programId) ?? new Map()).set(v.version, v));
  let sent = 0;
  for (const [programId, byVersion] of byProgram) {
    const open = [
      ...new Set(
        [...byVersion.values()].flatMap((v) =>
          Object.entries(v.doc.workflow.states)
            .filter(([, s]) => !s.terminal)
            .map(([id]) => id),
        ),
      ),
    ];
    for (let offset = 0; ; offset += PAGE) {
      const page = await ctx.store.listCases({ programId, state: open }, { limit: PAGE, offset });
      for (const kase of page.items) {
        const version = byVersion.get(kase.version);
        if (version) sent += await remindCase(ctx, kase, version);
      }
      if (page.items.length < PAGE) break;
    }
  }
  if (sent > 0) {
    ctx.log.info({ sent }, 'deadline reminders sent');
    kickOutbox(ctx);
  }
  return sent;
}
