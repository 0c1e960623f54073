/**
 * Applications: start (with a resume code; no account needed), save partial answers, resume, and submit.
 *
 * Submission: validate the answers → evaluate them with the version in force on the submission date (or the one
 * started under, when the newer version says `inFlight: "keep"`) → store the determination compactly (decision and
 * hashes; `determinations.ts`)
 * → open a case in the workflow's initial state (moved through its `submit` transition when the workflow has one
 * leaving the initial state; its notify actions are recorded), all in one store call.
 */
import type { Determination, Program } from '../../engine/index.ts';
import type { AuthUser } from '../auth/context.ts';
import { digest, newResumeCode, normalizeResumeCode } from '../auth/tokens.ts';
import { conflict, HttpError, notFound, unprocessable, words } from '../http/errors.ts';
import type { ApplicationRecord, ProgramVersionRecord } from '../store/types.ts';
import { hasRole, loadApplicationFor } from './access.ts';
import { today, type ServiceContext } from './context.ts';
import { compiledFor, deadlines, evaluate } from './engine-port.ts';
import { compactDetermination, fullResult } from './determinations.ts';
import { versionInForce } from './versions.ts';

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

/** Starts an application under the version in force today; returns the resume code once (only its hash is kept). */
export async function startApplication(ctx: ServiceContext, user: AuthUser | null, input: { programId: string; lang?: string; onBehalfOf?: string }) {
  const versions = await ctx.store.listProgramVersions({ programId: input.programId, status: 'published' });
  if (versions.length === 0) throw notFound('program', input.programId);
  const version = versionInForce(versions, today(ctx));
  if (!version) throw conflict(words('not-in-force', { programId: input.programId }), 'not-in-force');
  const lang = input.lang && version.doc.languages.includes(input.lang) ? input.lang : (version.doc.languages[0] ?? 'en');
  const onBehalfOf = hasRole(user, ['intermediary']) ? input.onBehalfOf?.trim() || null : null;
  const resumeCode = newResumeCode();
  const app = await ctx.store.createApplication(
    { programId: input.programId, version: version.version, resumeCodeHash: digest(resumeCode), lang, createdBy: user?.id ?? null, onBehalfOf },
    {
      actorId: user?.id ?? null,
      action: 'application.start',
      entity: 'application',
      entityId: input.programId,
      details: { programId: input.programId, version: version.version, onBehalfOf },
    },
  );
  return { ...applicationView(app), resumeCode };
}

/** The application, for its owner (resume code or creator) or staff. */
export async function getApplication(ctx: ServiceContext, user: AuthUser | null, id: string, code?: string) {
  return fullView(ctx, await loadApplicationFor(ctx, user, id, code));
}

/** Finds an application by its resume code (404 when unknown). */
export async function resumeApplication(ctx: ServiceContext, resumeCode: string) {
  const app = await ctx.store.getApplicationByResumeCodeHash(digest(normalizeResumeCode(resumeCode)));
  if (!app) throw new HttpError(404, 'not-found', words('not-found.resume-code'));
  return fullView(ctx, app);
}

/** Applications created by the signed-in user (intermediaries' and signed-in applicants' own list). */
export async function listOwnApplications(ctx: ServiceContext, user: AuthUser) {
  const page = await ctx.store.listApplications({ createdBy: user.id }, { limit: 500 });
  return { items: page.items.map((a) => applicationView(a)), total: page.total };
}

/** Saves partial answers; 409 after submission or when `revision` is stale. */
export async function saveAnswers(
  ctx: ServiceContext,
  user: AuthUser | null,
  id: string,
  code: string | undefined,
  input: { answers: Record<string, unknown>; revision?: number; lang?: string; step?: string },
) {
  const app = await loadApplicationFor(ctx, user, id, code);
  if (app.status === 'submitted') throw conflict(words('already-submitted'), 'already-submitted').toldIn(app.lang);
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
  const saved = await ctx.store.saveAnswers({
    applicationId: app.id,
    expectedRevision: input.revision,
    answers: input.answers,
    lang: input.lang,
    step: input.step,
  });
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

/** Submits: 422 with field diagnostics when answers are invalid, else 201-ready `{ caseId, determination, nextStep }`. */
export async function submitApplication(ctx: ServiceContext, user: AuthUser | null, id: string, code?: string) {
  const app = await loadApplicationFor(ctx, user, id, code);
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
  const messages = actions.filter((a) => a.type === 'notify').map((a) => ({ to: String(a.to ?? 'applicant'), text: String(a.template ?? '') }));
  const running = runningDeadlines(version.doc, history, asOf);
  const actorId = user?.id ?? null;
  const result = await ctx.store.submitApplication({
    applicationId: app.id,
    expectedRevision: app.revision,
    at,
    case: { state, dueOn: running[0]?.dueOn ?? null, label: caseLabel(app) },
    determination: { asOf, kind: 'initial', applied: true, result: compactDetermination(determination, app.answers), createdBy: actorId },
    event: { event: 'submit', actorId, actions },
    messages,
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
  const next = running[0];
  return {
    caseId: result.case.id,
    applicationId: app.id,
    determination,
    nextStep: { state, title: workflow.states[state]?.title ?? state, deadline: next ? { id: next.id, title: next.title, dueOn: next.dueOn } : null },
  };
}
