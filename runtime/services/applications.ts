/**
 * Applications: start (with a resume code; no account needed), save partial answers, resume, and submit.
 *
 * Submission: validate the answers → evaluate them with the version in force on the submission date (or the one
 * started under, when the newer version says `inFlight: "keep"`) → store the determination compactly (decision and
 * hashes; `determinations.ts`)
 * → open a case in the workflow's initial state (moved through its `submit` transition when the workflow has one
 * leaving the initial state; its notify actions are recorded), all in one store call.
 */
import { randomUUID } from 'node:crypto';
import { answerBoundProblems, answerBytesBound, titleAt, type Determination, type NoticeKind, type Program } from '../../engine/index.ts';
import { applicantMessage, fillNotice, noticeEmail, referencePrefix, shownReference } from './program-notices.ts';
import type { AuthUser } from '../auth/context.ts';
import { digest, newResumeCode, normalizeResumeCode } from '../auth/tokens.ts';
import { conflict, HttpError, notFound, unprocessable, words } from '../http/errors.ts';
import { HTTP_MESSAGES } from '../http/messages.ts';
import type { ApplicationRecord, ProgramVersionRecord, StatusFactor } from '../store/types.ts';
import { hasRole, loadApplicationFor } from './access.ts';
import { today, type ServiceContext } from './context.ts';
import { compiledFor, deadlines, evaluate, localize, normalized } from './engine-port.ts';
import { limitsOf } from './limits.ts';
import { compactDetermination, fullResult } from './determinations.ts';
import { withJsonText } from './json-text.ts';
import { versionInForce } from './versions.ts';
import { kickOutbox } from './mailer.ts';
import { applicantNotices } from './recipients.ts';
import { consentFor, consentStatement } from './consent.ts';

/** The applicant's view of an application; once submitted, with its case id and the determination it stands on. */
export function applicationView(app: ApplicationRecord, caseId: string | null = null, determination: Determination | null = null) {
  return {
    id: app.id,
    programId: app.programId,
    version: app.version,
    status: app.status,
    lang: app.lang,
    answers: app.answers,
    onBehalfOf: app.onBehalfOf,
    consent: app.consent,
    revision: app.revision,
    createdAt: app.createdAt,
    updatedAt: app.updatedAt,
    submittedAt: app.submittedAt,
    caseId,
    determination,
  };
}

/** The view with case id and applied determination filled in for a submitted application. */
async function fullView(ctx: ServiceContext, app: ApplicationRecord) {
  if (app.status !== 'submitted') return applicationView(app);
  const kase = await ctx.store.getCaseByApplication(app.id);
  if (!kase) return applicationView(app);
  const applied = (await ctx.store.listDeterminations(kase.id)).filter((d) => d.applied).at(-1);
  // A compact determination is evaluated again for the applicant's result page (a mismatch with its stored hash is
  // logged, and shown to staff on the case page).
  return applicationView(app, kase.id, applied ? (await fullResult(ctx, applied.result, app.answers)).result : null);
}

/**
 * Starts an application under the version in force today; returns the resume code once (only its hash is kept).
 * An intermediary applying for a client names them (`onBehalfOf`) and confirms the client's consent (`consent`): the
 * statement they confirmed is stored with the application and audited (`consent.ts`).
 */
export async function startApplication(
  ctx: ServiceContext,
  user: AuthUser | null,
  input: { programId: string; lang?: string; onBehalfOf?: string; consent?: { confirmed: true } },
) {
  const versions = await ctx.store.listProgramVersions({ programId: input.programId, status: 'published' });
  if (versions.length === 0) throw notFound('program', input.programId);
  const version = versionInForce(versions, today(ctx));
  if (!version) throw conflict(words('not-in-force', { programId: input.programId }), 'not-in-force');
  const lang = input.lang && version.doc.languages.includes(input.lang) ? input.lang : (version.doc.languages[0] ?? 'en');
  const onBehalfOf = hasRole(user, ['intermediary']) ? input.onBehalfOf?.trim() || null : null;
  const consent = consentFor(ctx, user, version.doc, lang, onBehalfOf, input.consent);
  const resumeCode = newResumeCode();
  const id = randomUUID();
  const app = await ctx.store.createApplication(
    {
      id,
      programId: input.programId,
      version: version.version,
      resumeCodeHash: digest(resumeCode),
      lang,
      createdBy: user?.id ?? null,
      onBehalfOf,
      consent,
    },
    [
      {
        actorId: user?.id ?? null,
        action: 'application.start',
        entity: 'application',
        entityId: id,
        details: { programId: input.programId, version: version.version, onBehalfOf },
      },
      ...(consent
        ? [
            {
              actorId: user?.id ?? null,
              action: 'application.consent',
              entity: 'application',
              entityId: id,
              details: { onBehalfOf, method: consent.method, lang: consent.lang, statement: consent.statement, confirmedAt: consent.confirmedAt },
            },
          ]
        : []),
    ],
  );
  return { ...applicationView(app), resumeCode };
}

/** The consent statement for `client` and program `programId` in `lang` (400 without a program or a client's name). */
export async function consentStatementFor(ctx: ServiceContext, user: AuthUser, programId?: string, client?: string, lang?: string) {
  if (!programId) throw new HttpError(400, 'bad-query', words('bad-query.required', { name: 'program' }));
  if (!client?.trim()) throw new HttpError(400, 'bad-query', words('bad-query.required', { name: 'client' }));
  const version = versionInForce(await ctx.store.listProgramVersions({ programId, status: 'published' }), today(ctx));
  if (!version) throw notFound('program', programId);
  const shown = lang && version.doc.languages.includes(lang) ? lang : (version.doc.languages[0] ?? 'en');
  return consentStatement(version.doc, shown, client.trim(), user.name);
}

/** The application, for its owner (resume code or creator) or staff. */
export async function getApplication(ctx: ServiceContext, user: AuthUser | null, id: string, code?: string, client?: string) {
  return fullView(ctx, await loadApplicationFor(ctx, user, id, code, client));
}

/** Finds an application by its resume code (404 when unknown; unknown codes are throttled per `client`). */
export async function resumeApplication(ctx: ServiceContext, resumeCode: string, client?: string) {
  await ctx.resumeThrottle?.check(client);
  const app = await ctx.store.getApplicationByResumeCodeHash(digest(normalizeResumeCode(resumeCode)));
  if (!app) {
    await ctx.resumeThrottle?.fail(client);
    throw new HttpError(404, 'not-found', words('not-found.resume-code'));
  }
  return fullView(ctx, app);
}

/**
 * Applications created by the signed-in user (intermediaries' and signed-in applicants' own list), newest first,
 * each submitted one with its case id and where the case stands (`caseState`, in the application's language).
 */
export async function listOwnApplications(ctx: ServiceContext, user: AuthUser) {
  const page = await ctx.store.listApplications({ createdBy: user.id }, { limit: 500 });
  const items = [];
  for (const a of page.items) {
    const kase = a.status === 'submitted' ? await ctx.store.getCaseByApplication(a.id) : null;
    if (!kase) {
      items.push({ ...applicationView(a), caseState: null });
      continue;
    }
    const version = await ctx.store.getProgramVersion(kase.programId, kase.version);
    const doc = version ? (version.doc.languages.includes(a.lang) ? localize(version.doc, a.lang) : version.doc) : null;
    const state = doc?.workflow.states[kase.state];
    items.push({ ...applicationView(a, kase.id), caseState: { state: kase.state, title: state?.title ?? kase.state, terminal: !!state?.terminal } });
  }
  return { items, total: page.total };
}

/**
 * Refuses answers beyond what the application's form asks for (issue 14): 422 naming each undeclared answer, and
 * each text or list over its limit (its `maxLength` / `maxItems`, else the configured defaults), by JSON Pointer and
 * field title; 413 when their JSON is larger than the bound the form implies.
 */
async function checkAnswerBounds(ctx: ServiceContext, app: ApplicationRecord, answers: Record<string, unknown>): Promise<void> {
  const version = await ctx.store.getProgramVersion(app.programId, app.version);
  if (!version) throw notFound('program version', `${app.programId}@${app.version}`);
  const schema = normalized(version.doc).form.schema;
  const limits = limitsOf(ctx);
  const answerLimits = { text: limits.answerText, items: limits.answerItems };
  const problems = answerBoundProblems(schema, answers, { limits: answerLimits, lang: app.lang, title: (p) => titleAt(schema, p) });
  if (problems.length > 0) throw unprocessable(words('invalid-answers'), problems, 'invalid-answers').toldIn(app.lang);
  const key = `${version.hash}:${answerLimits.text}:${answerLimits.items}`;
  let bound = bounds.get(key);
  if (bound === undefined) bounds.set(key, (bound = answerBytesBound(schema, answerLimits)));
  const size = JSON.stringify(answers).length;
  if (size > bound) throw new HttpError(413, 'answers-too-large', words('answers-too-large', { size, limit: bound })).toldIn(app.lang);
}

const bounds = new Map<string, number>();

/**
 * The JSON Pointers of the answers that differ between `before` and `after` (added, removed or changed leaves; a
 * list compared item by item), sorted. Names only: the audit log records which fields changed, never their values.
 */
export function changedFields(before: unknown, after: unknown, at = ''): string[] {
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object';
  if (isObject(before) && isObject(after) && Array.isArray(before) === Array.isArray(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    const out: string[] = [];
    for (const k of keys) out.push(...changedFields(before[k], after[k], `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`));
    return out.sort();
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [at || '/'];
}

/** At most this many changed field names in one audit entry (the count says how many there were). */
const AUDITED_FIELDS = 200;

/**
 * Saves partial answers (audited: who, and the names of the fields that changed); 409 after submission or when
 * `revision` is stale; 422/413 beyond the form's bounds.
 */
export async function saveAnswers(
  ctx: ServiceContext,
  user: AuthUser | null,
  id: string,
  code: string | undefined,
  input: { answers: Record<string, unknown>; revision?: number; lang?: string; step?: string },
  client?: string,
) {
  const app = await loadApplicationFor(ctx, user, id, code, client);
  if (app.status === 'submitted') throw conflict(words('already-submitted'), 'already-submitted').toldIn(app.lang);
  await checkAnswerBounds(ctx, app, input.answers);
  if (input.step !== undefined) {
    const version = await ctx.store.getProgramVersion(app.programId, app.version);
    const steps = [...(version?.doc.form.pages.map((p) => p.id) ?? []), 'review'];
    if (!steps.includes(input.step)) {
      const params = { value: input.step, allowed: steps };
      throw unprocessable(words('application.step', params), [
        { code: 'application.step', severity: 'error', path: '/step', message: '', params },
      ]).toldIn(app.lang);
    }
  }
  const fields = changedFields(app.answers, input.answers);
  const saved = await ctx.store.saveAnswers(
    { applicationId: app.id, expectedRevision: input.revision, answers: input.answers, lang: input.lang, step: input.step },
    {
      actorId: user?.id ?? null,
      action: 'application.save',
      entity: 'application',
      entityId: app.id,
      details: {
        fields: fields.slice(0, AUDITED_FIELDS),
        changed: fields.length,
        revision: app.revision + 1,
        ...(input.lang && input.lang !== app.lang ? { lang: input.lang } : {}),
        ...(input.step !== undefined ? { step: input.step } : {}),
      },
    },
  );
  return applicationView(saved);
}

/** The version a submission is decided under: the one in force today, unless it says `keep` for pending ones. */
export async function versionForSubmission(ctx: ServiceContext, app: ApplicationRecord): Promise<ProgramVersionRecord> {
  const started = await ctx.store.getProgramVersion(app.programId, app.version);
  if (!started) throw notFound('program version', `${app.programId}@${app.version}`);
  const versions = await ctx.store.listProgramVersions({ programId: app.programId, status: 'published' });
  const inForce = versionInForce(versions, today(ctx));
  if (!inForce || inForce.version === started.version) return started;
  return inForce.inFlight === 'keep' && inForce.version > started.version ? started : inForce;
}

/** A label for case lists: the applicant's name when the form asks for one, else the application id. */
export function caseLabel(app: ApplicationRecord): string {
  const a = app.answers as Record<string, any>;
  const member = Array.isArray(a.members) ? a.members[0] : undefined;
  const candidates = [
    a.applicantName,
    a.fullName,
    a.name,
    [a.firstName, a.lastName].filter(Boolean).join(' '),
    member?.name,
    [member?.firstName, member?.lastName].filter(Boolean).join(' '),
    app.onBehalfOf,
  ];
  const name = candidates.find((c) => typeof c === 'string' && c.trim() !== '');
  return typeof name === 'string' ? name.trim().slice(0, 120) : `Application ${app.id.slice(0, 8)}`;
}

/** The deadlines still running for a history (a deadline that stopped late is over, not running). */
export function runningDeadlines(program: Program, history: { state: string; at: string }[], asOf: string) {
  return deadlines(program, history, asOf)
    .filter((d) => !d.met && !(d.overdue && d.daysLeft === 0))
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn));
}

/** The earliest due date among running deadlines, or null. */
export function earliestDue(program: Program, history: { state: string; at: string }[], asOf: string): string | null {
  return runningDeadlines(program, history, asOf)[0]?.dueOn ?? null;
}

/** How the applicant will prove it is them on the status page (the body of a submission). */
export type StatusFactorChoice = { kind: 'date-of-birth'; dateOfBirth: string } | { kind: 'email' };

/** The salted hash a date of birth is kept as. */
export function dateOfBirthHash(applicationId: string, dateOfBirth: string): string {
  return digest(`${applicationId}:${dateOfBirth.trim()}`);
}

/** The stored second factor of a choice; 422 naming the field when it cannot be used. */
function statusFactorOf(doc: Program, app: ApplicationRecord, choice: StatusFactorChoice | undefined): StatusFactor | null {
  if (!choice) return null;
  if (choice.kind === 'date-of-birth') {
    const d = choice.dateOfBirth;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(d)) || new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) !== d)
      throw unprocessable(words('status.date-of-birth'), [
        {
          code: 'status.date-of-birth',
          severity: 'error',
          path: '/statusFactor/dateOfBirth',
          message: HTTP_MESSAGES.render('status.date-of-birth'),
          params: {},
        },
      ]).toldIn(app.lang);
    return { kind: 'date-of-birth', hash: dateOfBirthHash(app.id, d) };
  }
  const email = noticeEmail(doc, app);
  if (!email)
    throw unprocessable(words('status.email-needed'), [
      {
        code: 'status.email-needed',
        severity: 'error',
        path: '/statusFactor/kind',
        message: HTTP_MESSAGES.render('status.email-needed'),
        params: {},
      },
    ]).toldIn(app.lang);
  return { kind: 'email', email };
}

/**
 * Submits: 422 with field diagnostics when answers are invalid, else 201-ready `{ caseId, reference, determination,
 * nextStep }`. `statusFactor` is the applicant's choice of second factor for the status page.
 */
export async function submitApplication(
  ctx: ServiceContext,
  user: AuthUser | null,
  id: string,
  code?: string,
  body: { statusFactor?: StatusFactorChoice } = {},
  client?: string,
) {
  const app = await loadApplicationFor(ctx, user, id, code, client);
  if (app.status === 'submitted') {
    const kase = await ctx.store.getCaseByApplication(app.id);
    throw conflict(words('already-submitted'), 'already-submitted', { caseId: kase?.id ?? null }).toldIn(app.lang);
  }
  const version = await versionForSubmission(ctx, app);
  const asOf = today(ctx);
  const determination: Determination = evaluate(compiledFor(version.doc, version.hash), app.answers, { asOf, partial: false, lang: app.lang });
  const inputErrors = determination.inputErrors.filter((d) => d.severity === 'error');
  if (inputErrors.length > 0) {
    // The answers' errors are worded in the application's language (with its field titles); so is the answer.
    throw unprocessable(words('invalid-answers'), inputErrors, 'invalid-answers').toldIn(app.lang);
  }
  const workflow = version.doc.workflow;
  const at = ctx.now().toISOString();
  // A workflow that models the application itself (initial state "draft" with a "submit" transition) is moved
  // through that transition now; otherwise the case opens in the initial state.
  const submit = workflow.transitions.find((t) => t.event === 'submit' && t.from.includes(workflow.initial));
  const state = submit ? submit.to : workflow.initial;
  const history = submit
    ? [
        { state: workflow.initial, at },
        { state, at },
      ]
    : [{ state, at }];
  const actions = submit?.actions ?? [];
  const statusFactor = statusFactorOf(version.doc, app, body.statusFactor);
  // The determination's JSON is made once: hashed for the stored record, and sent as the answer's `determination`.
  const determinationText = JSON.stringify(determination);
  const reference = await ctx.store.allocateCaseReference(app.programId, referencePrefix(version.doc), Number(at.slice(0, 4)));
  const notifies = actions.filter((a) => a.type === 'notify');
  const running = runningDeadlines(version.doc, history, asOf);
  const actorId = user?.id ?? null;
  const result = await ctx.store.submitApplication({
    applicationId: app.id,
    expectedRevision: app.revision,
    at,
    case: { state, dueOn: running[0]?.dueOn ?? null, label: caseLabel(app), reference },
    determination: {
      asOf,
      kind: 'initial',
      applied: true,
      result: compactDetermination(determination, app.answers, determinationText),
      createdBy: actorId,
    },
    event: { event: 'submit', actorId, actions },
    statusFactor,
    messages: notifies.flatMap((a) => {
      const values = { caseRef: reference, programId: app.programId, state, applicationId: app.id };
      if (String(a.to ?? 'applicant') !== 'applicant') return [{ to: String(a.to), text: fillNotice(String(a.template ?? ''), values) }];
      const message = applicantMessage(version.doc, version.hash, app, {
        kind: (a.notice as NoticeKind | undefined) ?? null,
        template: String(a.template ?? ''),
        values,
      });
      // A notice to the applicant also goes to the intermediary who applied for them (in the staff pages, not by email).
      return applicantNotices(message, app);
    }),
    audit: [
      {
        actorId,
        action: 'application.submit',
        entity: 'application',
        entityId: app.id,
        details: { programId: app.programId, version: version.version, hash: version.hash, state },
      },
      {
        actorId,
        action: 'determination.initial',
        entity: 'application',
        entityId: app.id,
        details: { eligibility: determination.eligibility, version: version.version, hash: version.hash },
      },
    ],
  });
  kickOutbox(ctx);
  const next = running[0];
  const shown = version.doc.languages.includes(app.lang) && app.lang !== version.doc.languages[0] ? localize(version.doc, app.lang) : version.doc;
  return {
    caseId: result.case.id,
    reference: shownReference(result.case),
    applicationId: app.id,
    determination: withJsonText(determination, determinationText),
    // In the applicant's language: the state as they read it; the deadline's title is staff wording ("Decide within
    // 30 days"), kept for API clients; the applicant pages say the date in their own words.
    nextStep: {
      state,
      title: shown.workflow.states[state]?.title ?? state,
      deadline: next ? { id: next.id, title: shown.workflow.deadlines?.find((d) => d.id === next.id)?.title ?? next.title, dueOn: next.dueOn } : null,
    },
  };
}
