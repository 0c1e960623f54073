/**
 * The applicant's status page on any device (issue 15): the resume code plus the second factor chosen at submission
 * (the date of birth, or a one-time code emailed to the address the answers hold) opens a session of 30 minutes
 * (`X-Status-Token`), which shows where the case is in plain words, the decision with its reasons, every message sent
 * to the applicant, the documents requested (with upload) and the deadlines that concern them.
 *
 * Wrong attempts are throttled per client address (`statusRateLimit` per 15 minutes, default 10) and per resume code
 * (5 per 15 minutes): then 429 with Retry-After. Sessions, email codes and the failure counts live in the store
 * (`putSharedValue`, `hitCounter`), so every runtime process on one database honours them; only hashes are kept.
 */
import { randomInt } from 'node:crypto';
import { speak } from '../../engine/index.ts';
import { digest, newToken, normalizeResumeCode, sameSecret } from '../auth/tokens.ts';
import { HttpError, notFound, words } from '../http/errors.ts';
import type { ApplicationRecord, CaseRecord } from '../store/types.ts';
import { dateOfBirthHash } from './applications.ts';
import { today, type ServiceContext } from './context.ts';
import { fullResult } from './determinations.ts';
import { typeOf } from './documents.ts';
import { applicantDeadlines } from './reminders.ts';
import { kickOutbox } from './mailer.ts';
import { countFailure, slidingFailures } from './resume-throttle.ts';
import { LETTER_WORDS, noticeEmail, programIn, shownReference } from './program-notices.ts';

const WINDOW_MS = 15 * 60_000;
const SESSION_MS = 30 * 60_000;
const CODE_MS = 15 * 60_000;
const PER_CODE_LIMIT = 5;

/** Throws 429 (Retry-After set on `setRetryAfter`) when `key` had `limit` failures in the window. */
async function checkThrottle(ctx: ServiceContext, key: string, limit: number, lang: string, setRetryAfter: (seconds: number) => void): Promise<void> {
  const seconds = await slidingFailures(ctx.store, key, limit, WINDOW_MS, ctx.now().getTime());
  if (seconds === 0) return;
  setRetryAfter(seconds);
  throw new HttpError(429, 'too-many-attempts', words('status.too-many', { minutes: Math.ceil(seconds / 60) })).toldIn(lang);
}

async function recordFailure(ctx: ServiceContext, ...keys: string[]): Promise<void> {
  const now = ctx.now().getTime();
  await Promise.all(keys.map((key) => countFailure(ctx.store, key, WINDOW_MS, now)));
}

/** The shared-value keys of a status session (by its token's hash) and of an application's emailed code. */
const sessionKey = (tokenHash: string) => `status-session:${tokenHash}`;
const emailCodeKey = (applicationId: string) => `status-email-code:${applicationId}`;

/** Who is asking (for the throttle), what they sent, and how to set Retry-After. */
export interface StatusAttempt {
  client: string;
  lang: string;
  setRetryAfter: (seconds: number) => void;
}

async function submittedApplication(ctx: ServiceContext, resumeCode: string): Promise<ApplicationRecord | null> {
  const app = await ctx.store.getApplicationByResumeCodeHash(digest(normalizeResumeCode(resumeCode)));
  return app && app.status === 'submitted' ? app : null;
}

/** Opens a status session: 401 on a wrong code or factor (counted), 429 when throttled, 409 before submission. */
export async function openStatus(
  ctx: ServiceContext,
  attempt: StatusAttempt,
  input: { resumeCode: string; dateOfBirth?: string; emailCode?: string },
) {
  const codeKey = `status-code:${digest(normalizeResumeCode(input.resumeCode))}`;
  const clientKey = `status-client:${attempt.client}`;
  await checkThrottle(ctx, clientKey, ctx.statusRateLimit ?? 10, attempt.lang, attempt.setRetryAfter);
  await checkThrottle(ctx, codeKey, PER_CODE_LIMIT, attempt.lang, attempt.setRetryAfter);
  const wrong = async () => {
    await recordFailure(ctx, clientKey, codeKey);
    return new HttpError(401, 'wrong-status-factor', words('status.wrong-factor')).toldIn(attempt.lang);
  };
  const app = await submittedApplication(ctx, input.resumeCode);
  if (!app) throw await wrong();
  const factor = app.statusFactor;
  if (!factor) throw new HttpError(409, 'no-status-factor', words('status.no-factor')).toldIn(app.lang);
  if (factor.kind === 'date-of-birth') {
    if (!input.dateOfBirth) throw new HttpError(400, 'factor-missing', words('status.factor-missing', { kind: factor.kind })).toldIn(app.lang);
    if (!sameSecret(dateOfBirthHash(app.id, input.dateOfBirth), factor.hash)) throw await wrong();
  } else {
    if (!input.emailCode) throw new HttpError(400, 'factor-missing', words('status.factor-missing', { kind: factor.kind })).toldIn(app.lang);
    // Taken (read and deleted at once): a code opens one session, even when two processes are asked together.
    const sent = await ctx.store.getSharedValue(emailCodeKey(app.id), ctx.now().getTime(), true);
    if (!sent || !sameSecret(digest(`${app.id}:${input.emailCode.trim()}`), sent)) throw await wrong();
  }
  await ctx.store.resetCounter(codeKey);
  const token = newToken();
  const expiresAt = ctx.now().getTime() + SESSION_MS;
  await ctx.store.putSharedValue(sessionKey(digest(token)), app.id, expiresAt);
  return { token, expiresAt: new Date(expiresAt).toISOString(), status: await statusView(ctx, app, attempt.lang) };
}

/** Emails a one-time code to an application whose second factor is email (202); counts as an attempt when the code is wrong. */
export async function sendEmailCode(ctx: ServiceContext, attempt: StatusAttempt, input: { resumeCode: string }) {
  const clientKey = `status-client:${attempt.client}`;
  await checkThrottle(ctx, clientKey, ctx.statusRateLimit ?? 10, attempt.lang, attempt.setRetryAfter);
  const app = await submittedApplication(ctx, input.resumeCode);
  if (!app) {
    await recordFailure(ctx, clientKey);
    throw new HttpError(401, 'wrong-status-factor', words('status.wrong-factor')).toldIn(attempt.lang);
  }
  if (app.statusFactor?.kind !== 'email')
    throw new HttpError(409, 'factor-missing', words('status.factor-missing', { kind: 'date-of-birth' })).toldIn(app.lang);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await ctx.store.putSharedValue(emailCodeKey(app.id), digest(`${app.id}:${code}`), ctx.now().getTime() + CODE_MS);
  const kase = await ctx.store.getCaseByApplication(app.id);
  await ctx.store.enqueueEmail({
    toAddress: app.statusFactor.email,
    subject: LETTER_WORDS.render('letter.code-subject', {}, app.lang),
    text: LETTER_WORDS.render('letter.code-body', { code }, app.lang),
    caseId: kase?.id ?? null,
  });
  kickOutbox(ctx);
  const [user, domain] = app.statusFactor.email.split('@');
  return { sentTo: `${user.slice(0, 1)}***@${domain}` };
}

/** The application of a status session token: 401 when it is unknown or expired. */
export async function sessionApplication(ctx: ServiceContext, token: string | undefined, lang: string): Promise<ApplicationRecord> {
  const applicationId = token && token.length <= 200 ? await ctx.store.getSharedValue(sessionKey(digest(token)), ctx.now().getTime()) : null;
  if (!applicationId) throw new HttpError(401, 'status-session', words('status.session')).toldIn(lang);
  const app = await ctx.store.getApplication(applicationId);
  if (!app) throw notFound('application', applicationId);
  return app;
}

/** The case of a submitted application. */
export async function caseOf(ctx: ServiceContext, app: ApplicationRecord): Promise<CaseRecord> {
  const kase = await ctx.store.getCaseByApplication(app.id);
  if (!kase) throw notFound('case', app.id);
  return kase;
}

/**
 * Everything the status page shows: in `asked` (the page's language) when the program speaks it, else in the
 * application's. Notices and messages stay in the language they were sent in.
 */
export async function statusView(ctx: ServiceContext, app: ApplicationRecord, asked?: string) {
  const kase = await caseOf(ctx, app);
  const [version, determinations, events, messages, documents, notes] = await Promise.all([
    ctx.store.getProgramVersion(kase.programId, kase.version),
    ctx.store.listDeterminations(kase.id),
    ctx.store.listCaseEvents(kase.id),
    ctx.store.listMessages(kase.id),
    ctx.store.listDocuments(kase.id),
    // Issue 16: the notes staff and the case's team wrote for the person too.
    ctx.store.listNotes(kase.id, ['person']),
  ]);
  if (!version) throw new Error(`Case ${kase.id} refers to missing program version ${kase.programId}@${kase.version}.`);
  const shownLang = asked && version.doc.languages.includes(asked) ? asked : app.lang;
  const program = programIn(version.doc, version.hash, shownLang);
  const state = program.workflow.states[kase.state];
  const applied = [...determinations].reverse().find((d) => d.applied);
  const lang = speak(shownLang);
  // The deadlines the applicant is shown (a document request's due date is the one the caseworker chose).
  const shownDeadlines = applicantDeadlines(
    version.doc,
    events.map((e) => ({ state: e.to, at: e.at })),
    documents,
    today(ctx),
  ).flatMap((d) => {
    const index = (version.doc.workflow.deadlines ?? []).findIndex((w) => w.id === d.id);
    const title = program.workflow.deadlines?.[index]?.applicantTitle ?? d.applicantTitle;
    return [{ id: d.id, title, dueOn: d.dueOn, daysLeft: d.daysLeft, overdue: d.overdue }];
  });
  return {
    reference: shownReference(kase),
    programId: kase.programId,
    programTitle: program.title,
    lang,
    submittedAt: app.submittedAt,
    state: { id: kase.state, title: state?.applicantTitle ?? null, description: state?.applicantDescription ?? null, terminal: !!state?.terminal },
    determination: applied ? (await fullResult(ctx, applied.result, app.answers, shownLang)).result : null,
    messages: messages.filter((m) => m.to === 'applicant').map((m) => ({ id: m.id, at: m.at, subject: m.subject, text: m.text, notice: m.notice })),
    documents: documents.map((d) => {
      const type = typeOf(version.doc, d);
      const index = (version.doc.documents ?? []).findIndex((t) => t.id === d.typeId);
      const localized = index >= 0 ? program.documents?.[index] : undefined;
      return {
        id: d.id,
        typeId: d.typeId,
        title: localized?.title ?? d.name,
        description: localized?.description ?? null,
        accept: type.accept,
        maxBytes: type.maxBytes,
        status: d.status,
        reason: d.reason,
        requestedAt: d.requestedAt,
        dueOn: d.dueOn,
        note: d.note,
        receivedAt: d.receivedAt,
        file: d.file,
      };
    }),
    deadlines: shownDeadlines,
    emailed: !!noticeEmail(version.doc, app),
    notes: notes.map((n) => ({ id: n.id, at: n.at, text: n.text })),
  };
}
