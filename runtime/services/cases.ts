/**
 * Casework: the queue with filters and counts, case detail (application, determinations, history, notes,
 * documents, deadlines, the transitions this user may take), notes, workflow transitions with their actions, and
 * re-determination under another version (dry run or applied; earlier results are kept).
 */
import { formatDate, speak, type Actor, type Determination, type GuardContext, type IsoDate, type Program } from '../../engine/index.ts';
import type { AuthUser } from '../auth/context.ts';
import { performActions } from '../actions/index.ts';
import { dateQuery, integerQuery } from '../http/params.ts';
import { conflict, forbidden, HttpError, notFound, unprocessable, words } from '../http/errors.ts';
import type {
  CaseFilter,
  NoteVisibility,
  CaseRecord,
  CorrectionRecord,
  DeterminationRecord,
  NewDetermination,
  ProgramVersionRecord,
} from '../store/types.ts';
import { today, type ServiceContext } from './context.ts';
import { compiledFor, deadlines, evaluate, localize, transition } from './engine-port.ts';
import { applicationView, earliestDue, runningDeadlines } from './applications.ts';
import { shownReference } from './program-notices.ts';
import { versionInForce } from './versions.ts';
import { kickOutbox } from './mailer.ts';
import { peopleById } from './users.ts';
import { accessRefusal, assertMayAct, partiesOf, personallyRefused } from './case-access.ts';
import { decidedStates, redeterminationRefusal } from './redetermination-rule.ts';
import { withPerformer } from '../store/common.ts';
import { compactDetermination, decisionOf, fullResult, inputsHash, isCompact, showDeterminations } from './determinations.ts';
import { chooseDocuments } from './document-requests.ts';
import { chooseReason, reasonChoices } from './decisions.ts';
import { staffScope, worksOnProgram } from './organisations.ts';
import { teamOf } from './case-team.ts';

/** Query of `GET /api/cases`. */
export interface CaseQuery {
  program?: string;
  state?: string;
  /** A user id, `me`, or `none` (unassigned). */
  assignee?: string;
  /** `true`: only cases past their earliest deadline today. */
  overdue?: string;
  /** Only cases due before this date. */
  dueBefore?: IsoDate;
  q?: string;
  limit?: string;
  offset?: string;
}

/** The program in `lang` when it is offered in it; else as written. */
export function shownIn(doc: Program, lang: string): Program {
  return lang !== doc.languages[0] && doc.languages.includes(lang) ? localize(doc, lang) : doc;
}

export async function programOf(ctx: ServiceContext, kase: CaseRecord): Promise<ProgramVersionRecord> {
  const v = await ctx.store.getProgramVersion(kase.programId, kase.version);
  if (!v) throw new Error(`Case ${kase.id} refers to missing program version ${kase.programId}@${kase.version}.`);
  return v;
}

/** The case queue for `user`, newest first, with counts by state. */
export async function listCases(ctx: ServiceContext, user: AuthUser, query: CaseQuery) {
  const filter: CaseFilter = {};
  if (query.program) filter.programId = query.program;
  if (query.state) filter.state = query.state.includes(',') ? query.state.split(',') : query.state;
  if (query.assignee === 'me') filter.assignee = user.id;
  else if (query.assignee === 'none') filter.assignee = null;
  else if (query.assignee) filter.assignee = query.assignee;
  if (query.overdue === 'true') filter.overdueBefore = today(ctx);
  else if (query.overdue && query.overdue !== 'false')
    throw new HttpError(400, 'bad-query', words('bad-query.boolean', { name: 'overdue', value: query.overdue }));
  if (query.dueBefore) {
    filter.overdueBefore = dateQuery(query.dueBefore, 'dueBefore');
  }
  if (query.q) filter.text = query.q;
  filter.scope = await staffScope(ctx, user);
  const list = await ctx.store.listCases(filter, {
    limit: integerQuery(query.limit, 'limit', { fallback: 50, min: 1, max: 500 })!,
    offset: integerQuery(query.offset, 'offset', { fallback: 0 })!,
  });
  const date = today(ctx);
  const people = await peopleById(
    ctx,
    list.items.map((c) => c.assignee),
  );
  return {
    ...list,
    items: list.items.map((c) => ({ ...caseSummary(c, people), overdue: !!c.dueOn && c.dueOn < date })),
  };
}

/** Names of users by id, as `peopleById` gives them. */
type People = Record<string, { name: string }>;

/** The list entry of a case; the assignee with their name from `people` (their id when unknown). */
export function caseSummary(c: CaseRecord, people: People = {}) {
  return {
    id: c.id,
    applicationId: c.applicationId,
    programId: c.programId,
    version: c.version,
    hash: c.hash,
    state: c.state,
    assignee: c.assignee ? { id: c.assignee, name: people[c.assignee]?.name ?? c.assignee } : null,
    label: c.label,
    reference: shownReference(c),
    dueOn: c.dueOn,
    stateEnteredAt: c.stateEnteredAt,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    revision: c.revision,
  };
}

/**
 * The case with this id or short reference (`SNAP-26-004217`): the API takes either wherever it takes a case id.
 * With `user` (staff), only a case in their scope is found (issue 16: their organisations' programs, and the cases
 * whose team they are on; 404 otherwise), and unless `need` is `team`, a team member from another organisation is
 * refused (403: they read the team view and write team notes only).
 */
export async function requireCase(
  ctx: ServiceContext,
  id: string,
  user?: Pick<AuthUser, 'id'> | null,
  need: 'organisation' | 'team' = 'organisation',
): Promise<CaseRecord> {
  const scope = user ? await staffScope(ctx, user) : undefined;
  const kase = (await ctx.store.getCase(id, scope)) ?? (REFERENCE.test(id) ? await ctx.store.getCaseByReference(id, scope) : null);
  if (!kase) throw notFound('case', id);
  if (user && need === 'organisation' && !(await worksOnProgram(ctx, user, kase.programId)))
    throw forbidden(words('team.read-only', { caseId: kase.id, organisationId: await ctx.store.programOrganisation(kase.programId) }), 'team-only');
  return kase;
}
const REFERENCE = /^[A-Za-z]{2,8}-\d{2}-\d{6,}$/;

export function appliedDetermination(list: DeterminationRecord[]): DeterminationRecord | undefined {
  return [...list].reverse().find((d) => d.applied);
}

function guardContext(kase: CaseRecord, determination: DeterminationRecord | undefined, answers: Record<string, unknown>): GuardContext {
  return {
    state: kase.state,
    assignee: kase.assignee,
    performedBy: kase.performedBy,
    determination: determination ? { eligibility: determination.result.eligibility, benefits: decisionOf(determination.result).benefits } : null,
    data: answers,
  };
}

function actorOf(user: AuthUser): Actor {
  return { id: user.id, roles: user.roles };
}

/**
 * The transitions out of the case's state, each allowed or refused for `user`: by the engine (with its reason), or
 * by the runtime's access rules (`case-access.ts`: own case, not the assignee), worded in `lang`.
 */
function transitionsFor(
  program: Program,
  kase: CaseRecord,
  user: AuthUser,
  context: GuardContext,
  asOf: IsoDate,
  parties: ReadonlySet<string>,
  lang: string | undefined,
) {
  return program.workflow.transitions
    .filter((t) => t.from.includes(kase.state))
    .map((t) => {
      const r = transition(program, kase.state, t.event, actorOf(user), context, asOf);
      const access = r.ok ? accessRefusal(user, kase, program, parties, t.roles) : null;
      if (access) {
        const refusal = forbidden(words(`case-access.${access.code}`, access.params), access.code);
        return {
          event: t.event,
          title: t.title,
          to: t.to,
          roles: t.roles,
          allowed: false,
          reason: refusal.messageIn(speak(lang ?? 'en')),
          code: access.code,
        };
      }
      return { event: t.event, title: t.title, to: t.to, roles: t.roles, allowed: r.ok, reason: r.ok ? null : r.reason, code: r.ok ? null : r.code };
    });
}

function historyOf(events: { to: string; at: string }[]) {
  return events.map((e) => ({ state: e.to, at: e.at }));
}

/** The list entry of a case, with its assignee's name looked up. */
export async function summaryOf(ctx: ServiceContext, c: CaseRecord) {
  return caseSummary(c, await peopleById(ctx, [c.assignee]));
}

/**
 * The answers a stored determination was made from: the current ones, or, after a correction, the answers before it
 * whose hash the compact determination recorded (so it recomputes to the same result).
 */
function answersOf(record: DeterminationRecord, current: Record<string, unknown>, corrections: CorrectionRecord[]): Record<string, unknown> {
  if (!isCompact(record.result) || corrections.length === 0) return current;
  const wanted = record.result.inputsHash;
  if (inputsHash(current) === wanted) return current;
  return corrections.find((c) => inputsHash(c.previousAnswers) === wanted)?.previousAnswers ?? current;
}

/** Everything a caseworker needs about one case; workflow titles and refusals in `lang`. */
export async function caseDetail(ctx: ServiceContext, user: AuthUser, id: string, lang = 'en') {
  const kase = await requireCase(ctx, id, user, 'team');
  if (!(await worksOnProgram(ctx, user, kase.programId))) return teamView(ctx, kase, lang);
  const [application, determinations, events, notes, documents, messages, version, corrections] = await Promise.all([
    ctx.store.getApplication(kase.applicationId),
    ctx.store.listDeterminations(kase.id),
    ctx.store.listCaseEvents(kase.id),
    ctx.store.listNotes(kase.id),
    ctx.store.listDocuments(kase.id),
    ctx.store.listMessages(kase.id),
    programOf(ctx, kase),
    ctx.store.listCorrections(kase.id),
  ]);
  const answers = application?.answers ?? {};
  const doc = shownIn(version.doc, lang);
  const people = await peopleById(ctx, [
    kase.assignee,
    ...events.map((e) => e.actorId),
    ...notes.map((n) => n.authorId),
    ...determinations.map((d) => d.createdBy),
    ...corrections.map((c) => c.authorId),
  ]);
  const context = guardContext(kase, appliedDetermination(determinations), answers);
  const transitions = transitionsFor(doc, kase, user, context, today(ctx), await partiesOf(ctx, kase), lang);
  const shown = [];
  // Worded in the reader's language (a Spanish caseworker reads an English applicant's reasons in Spanish).
  for (const d of determinations) shown.push(...(await showDeterminations(ctx, [d], answersOf(d, answers, corrections), lang)));
  return {
    case: {
      ...caseSummary(kase, people),
      performedBy: kase.performedBy,
      stateTitle: doc.workflow.states[kase.state]?.title ?? kase.state,
      terminal: !!doc.workflow.states[kase.state]?.terminal,
      decision: kase.decision,
    },
    program: { id: version.programId, version: version.version, title: doc.title, hash: version.hash },
    application: application ? applicationView(application) : null,
    /** Each with its full determination: stored in full (older rows) or recomputed and checked against its hashes. */
    determinations: shown,
    history: events,
    notes,
    documents,
    messages,
    corrections: corrections.map(({ previousAnswers: _, ...c }) => c),
    decisionReasons: reasonChoices(version.doc, lang),
    deadlines: deadlines(doc, historyOf(events), today(ctx)),
    availableTransitions: transitions.filter((t) => t.allowed).map(({ event, title, to }) => ({ event, title, to })),
    transitions,
    /** Names of the users the case mentions (assignee, actors, note authors), by id. */
    people,
    team: await teamOf(ctx, kase.id),
    access: 'organisation' as const,
  };
}

/**
 * What a team member from another organisation sees of a case (issue 16): its summary, state and status history,
 * its deadlines and team, and the notes shared with the team or the person, but not the application's answers,
 * determinations, documents, messages or corrections, and no transitions (until the person's consent widens it).
 */
async function teamView(ctx: ServiceContext, kase: CaseRecord, lang: string) {
  const [events, notes, version, team] = await Promise.all([
    ctx.store.listCaseEvents(kase.id),
    ctx.store.listNotes(kase.id, ['team', 'person']),
    programOf(ctx, kase),
    teamOf(ctx, kase.id),
  ]);
  const doc = shownIn(version.doc, lang);
  const people = await peopleById(ctx, [kase.assignee, ...notes.map((n) => n.authorId)]);
  return {
    case: {
      ...caseSummary(kase, people),
      performedBy: {},
      stateTitle: doc.workflow.states[kase.state]?.title ?? kase.state,
      terminal: !!doc.workflow.states[kase.state]?.terminal,
      decision: null,
    },
    program: { id: version.programId, version: version.version, title: doc.title, hash: version.hash },
    application: null,
    determinations: [],
    history: events.map((e) => ({ ...e, actorId: null, actions: [], reason: null })),
    notes,
    documents: [],
    messages: [],
    corrections: [],
    decisionReasons: {},
    deadlines: deadlines(doc, historyOf(events), today(ctx)),
    availableTransitions: [],
    transitions: [],
    people,
    team,
    access: 'team' as const,
  };
}

/** The failed rules' own texts of the determination `record` (recomputed where compact), one per line, for notices. */
async function failedReasons(ctx: ServiceContext, record: DeterminationRecord | undefined, answers: Record<string, unknown>): Promise<string> {
  if (!record) return '';
  const { result } = await fullResult(ctx, record.result, answers);
  return result.reasons
    .filter((r) => r.outcome === 'fail')
    .map((r) => `- ${r.text}${r.reference?.citation ? ` (${r.reference.citation})` : ''}`)
    .join('\n');
}

/**
 * Adds a note to a case, read by the program's organisation (default), the case's team too, or the person too. A
 * team member from another organisation writes `team` notes only (422 for another visibility).
 */
export async function addNote(ctx: ServiceContext, user: AuthUser, id: string, text: string, visibility?: NoteVisibility) {
  const kase = await requireCase(ctx, id, user, 'team');
  const staff = await worksOnProgram(ctx, user, kase.programId);
  if (!staff && visibility !== undefined && visibility !== 'team') throw unprocessable(words('team.note-visibility'), [], 'team-only');
  if (staff) await assertMayAct(ctx, user, kase, (await programOf(ctx, kase)).doc);
  const shown = visibility ?? (staff ? 'organisation' : 'team');
  return ctx.store.addNote({
    caseId: kase.id,
    authorId: user.id,
    text,
    visibility: shown,
    audit: { actorId: user.id, action: 'case.note', entity: 'case', entityId: kase.id, details: { length: text.length, visibility: shown } },
  });
}

/**
 * A case's application (or its `corrected` answers) evaluated under `version` today: the full determination, and the
 * compact one to store.
 */
export async function evaluateCase(
  ctx: ServiceContext,
  user: AuthUser | null,
  kase: CaseRecord,
  version: ProgramVersionRecord,
  kind: NewDetermination['kind'],
  applied: boolean,
  corrected?: Record<string, unknown>,
): Promise<{ full: Determination; determination: NewDetermination }> {
  const application = await ctx.store.getApplication(kase.applicationId);
  if (!application) throw new Error(`Case ${kase.id} has no application ${kase.applicationId}.`);
  const answers = corrected ?? application.answers;
  const asOf = today(ctx);
  const full = evaluate(compiledFor(version.doc, version.hash), answers, { asOf, partial: false, lang: application.lang });
  return { full, determination: { asOf, kind, applied, result: compactDetermination(full, answers), createdBy: user?.id ?? null } };
}

/** A transition request: the event, the case revision the caller saw, and the decision reason when it takes one. */
export interface TransitionInput {
  event: string;
  revision?: number;
  reason?: string;
  /** For a transition that asks for documents: what the caseworker chose (`document-requests.ts`). */
  documents?: string[];
  dueOn?: string;
  note?: string;
}

/**
 * Everything a transition would do, computed without writing: the engine's result (refused with 403 role, 409
 * wrong state / terminal / stale, 422 guard or unknown event), the decision reason checked (422, `decisions.ts`) and
 * the effects of its actions. Refusals are worded with the workflow's titles in `lang`.
 */
async function prepareTransition(ctx: ServiceContext, user: AuthUser, id: string, input: TransitionInput, lang: string) {
  const kase = await requireCase(ctx, id, user);
  if (input.revision !== undefined && input.revision !== kase.revision) {
    throw conflict(words('stale-revision', { expectedRevision: input.revision, currentRevision: kase.revision }), 'stale-revision', {
      currentRevision: kase.revision,
    });
  }
  const version = await programOf(ctx, kase);
  const [application, determinations, parties] = await Promise.all([
    ctx.store.getApplication(kase.applicationId),
    ctx.store.listDeterminations(kase.id),
    partiesOf(ctx, kase),
  ]);
  if (!application) throw new Error(`Case ${kase.id} has no application ${kase.applicationId}.`);
  const doc = shownIn(version.doc, lang);
  const context = guardContext(kase, appliedDetermination(determinations), application.answers);
  const result = transition(doc, kase.state, input.event, actorOf(user), context, today(ctx));
  if (!result.ok) {
    const refusal = words(`transition.${result.code}`, result.params);
    if (result.code === 'role') throw forbidden(refusal, 'role');
    if (result.code === 'wrong-state' || result.code === 'terminal') throw conflict(refusal, result.code, { currentState: kase.state });
    throw unprocessable(
      refusal,
      [{ code: `transition.${result.code}`, severity: 'error', path: '/event', message: result.reason, params: result.params }],
      result.code,
    );
  }
  // The runtime's access rules come after the engine's (a wrong state or role says so first).
  const chosen = version.doc.workflow.transitions.find((t) => t.event === result.event && t.from.includes(kase.state) && t.to === result.to);
  await assertMayAct(ctx, user, kase, version.doc, chosen?.roles, parties);
  const after: GuardContext = { ...context, state: result.to, performedBy: withPerformer(kase.performedBy, result.event, user.id) };
  const redetermined: { version: number; eligibility: string }[] = [];
  const at = ctx.now().toISOString();
  const events = await ctx.store.listCaseEvents(kase.id);
  const nextHistory = [...historyOf(events), { state: result.to, at }];
  const shownDeadline = runningDeadlines(version.doc, nextHistory, today(ctx)).find(
    (d) => (version.doc.workflow.deadlines ?? []).find((w) => w.id === d.id)?.applicantTitle,
  );
  const title = doc.workflow.transitions.find((t) => t.event === result.event && t.from.includes(kase.state))?.title ?? result.event;
  const decision = chooseReason(version.doc, result.event, title, input.reason, application.lang);
  const documentChoice = chooseDocuments(version.doc, result.actions, title, input, nextHistory, result.to, today(ctx));
  const effects = await performActions(result.actions, {
    ctx,
    actor: user,
    kase,
    application,
    to: result.to,
    mayHandle: (candidate) => !personallyRefused(version.doc, candidate, parties, after, today(ctx)),
    version: { doc: version.doc, hash: version.hash },
    decisionReason: decision?.reason.text ?? null,
    reasons: async () => failedReasons(ctx, appliedDetermination(determinations), application.answers),
    dueOn: documentChoice?.dueOn
      ? formatDate(documentChoice.dueOn, speak(application.lang))
      : shownDeadline
        ? formatDate(shownDeadline.dueOn, speak(application.lang))
        : '',
    documentChoice,
    redetermine: async () => {
      const published = await ctx.store.listProgramVersions({ programId: kase.programId, status: 'published' });
      const inForce = versionInForce(published, today(ctx)) ?? version;
      const refusal = redeterminationRefusal({
        kase,
        caseProgram: version.doc,
        decided: decidedStates(published.map((v) => v.doc)),
        targetVersion: inForce.version,
        path: 'transition',
      });
      if (refusal) throw conflict(words(`redetermine.${refusal.code}`, refusal.params), refusal.code, { currentState: kase.state });
      const { determination } = await evaluateCase(ctx, user, kase, inForce, 'redetermination', true);
      redetermined.push({ version: inForce.version, eligibility: determination.result.eligibility });
      return determination;
    },
  });
  return { kase, version, application, determinations, result, title, decision, effects, redetermined };
}

/**
 * Fires workflow event `event` on a case: refused with 403 (role), 409 (wrong state / terminal / stale) or 422
 * (guard, unknown event, a missing or unknown decision reason), else performs the transition's actions and records
 * it atomically, with the decision reason on the event, on the case (`decision`) and in the audit entry.
 */
export async function fireTransition(ctx: ServiceContext, user: AuthUser, id: string, input: TransitionInput, lang = 'en') {
  const { kase, version, result, decision, effects, redetermined } = await prepareTransition(ctx, user, id, input, lang);
  const at = ctx.now().toISOString();
  const events = await ctx.store.listCaseEvents(kase.id);
  const dueOn = earliestDue(version.doc, [...historyOf(events), { state: result.to, at }], today(ctx));
  const applied = await ctx.store.applyTransition({
    caseId: kase.id,
    expectedRevision: kase.revision,
    event: result.event,
    from: result.from,
    to: result.to,
    actorId: user.id,
    actions: result.actions,
    dueOn,
    at,
    ...effects,
    decision,
    audit: {
      actorId: user.id,
      action: 'case.transition',
      entity: 'case',
      entityId: kase.id,
      details: {
        event: result.event,
        from: result.from,
        to: result.to,
        actions: result.actions.map((a) => a.type),
        ...(redetermined.length > 0 ? { redetermined } : {}),
        ...(effects.assignee !== undefined ? { assignee: effects.assignee } : {}),
        ...(decision ? { reason: decision.reason.id, reasonTitle: decision.reason.title } : {}),
      },
    },
  });
  kickOutbox(ctx);
  return { case: await summaryOf(ctx, applied.case), event: applied.event, documents: applied.documents, messages: applied.messages };
}

/**
 * What taking `event` (with `reason`) would do, without doing it: the state it leads to, the decision reason and the
 * determination's reasons in the applicant's language, and the notices the applicant (and an intermediary) would
 * receive. Refused exactly as `fireTransition` would refuse, except that a missing reason is allowed (the page asks
 * for the preview before one is chosen) and listed in `reasonChoices`.
 */
export async function previewTransition(ctx: ServiceContext, user: AuthUser, id: string, input: TransitionInput, lang = 'en') {
  const kase = await requireCase(ctx, id, user);
  const version = await programOf(ctx, kase);
  const application = await ctx.store.getApplication(kase.applicationId);
  if (!application) throw new Error(`Case ${kase.id} has no application ${kase.applicationId}.`);
  const choices = reasonChoices(version.doc, application.lang)[input.event] ?? [];
  const reason = input.reason ?? (choices.length > 0 ? choices[0].id : undefined);
  const prepared = await prepareTransition(ctx, user, id, { ...input, reason }, lang);
  const applied = appliedDetermination(prepared.determinations);
  const full = applied ? (await fullResult(ctx, applied.result, application.answers)).result : null;
  const toApplicant = shownIn(version.doc, application.lang);
  return {
    event: prepared.result.event,
    title: prepared.title,
    to: prepared.result.to,
    stateTitle: toApplicant.workflow.states[prepared.result.to]?.title ?? prepared.result.to,
    lang: application.lang,
    decisionReason:
      input.reason && prepared.decision
        ? { id: prepared.decision.reason.id, text: prepared.decision.reason.text, reference: prepared.decision.reason.reference }
        : null,
    reasons: (full?.reasons ?? []).filter((r) => r.outcome === 'fail' || r.outcome === 'unknown'),
    messages: (prepared.effects.messages ?? []).filter((m) => !m.to.startsWith('role:') && !m.to.startsWith('assignee')),
    reasonChoices: choices,
  };
}

/**
 * Re-evaluates a case's application under `version` (default: in force today). With `apply`, the case moves to
 * that version; otherwise the result is stored as a dry run. Returns the determination the case stood on before
 * and the new one, both worded in `lang` (the reader's; default the applicant's).
 */
export async function redetermineCase(
  ctx: ServiceContext,
  user: AuthUser | null,
  id: string,
  input: { version?: number; apply: boolean },
  lang?: string,
) {
  const kase = await requireCase(ctx, id, user);
  const published = await ctx.store.listProgramVersions({ programId: kase.programId, status: 'published' });
  let version: ProgramVersionRecord | null;
  if (input.version !== undefined) {
    version = await ctx.store.getProgramVersion(kase.programId, input.version);
    if (!version || version.status !== 'published') throw notFound('published program version', `${kase.programId}@${input.version}`);
  } else {
    version = versionInForce(published, today(ctx));
    if (!version) throw conflict(words('not-in-force', { programId: kase.programId }), 'not-in-force');
  }
  if (input.apply) {
    const current = await programOf(ctx, kase);
    if (user) await assertMayAct(ctx, user, kase, current.doc);
    const refusal = redeterminationRefusal({
      kase,
      caseProgram: current.doc,
      decided: decidedStates([current.doc, ...published.map((v) => v.doc)]),
      targetVersion: version.version,
      path: 'request',
    });
    if (refusal) throw conflict(words(`redetermine.${refusal.code}`, refusal.params), refusal.code, { currentState: kase.state });
  }
  const [application, list] = await Promise.all([ctx.store.getApplication(kase.applicationId), ctx.store.listDeterminations(kase.id)]);
  const applied = appliedDetermination(list);
  const [before] = applied ? await showDeterminations(ctx, [applied], application?.answers ?? {}, lang) : [null];
  const { full, determination } = await evaluateCase(ctx, user, kase, version, input.apply ? 'redetermination' : 'dry-run', input.apply);
  // Stored in the applicant's language; shown in the reader's (the same decision: only the words differ).
  const shown =
    lang && lang !== full.lang && application
      ? evaluate(compiledFor(version.doc, version.hash), application.answers, { asOf: full.asOf, partial: false, lang })
      : full;
  const stored = await ctx.store.recordDetermination({
    caseId: kase.id,
    determination,
    expectedRevision: input.apply ? kase.revision : undefined,
    audit: {
      actorId: user?.id ?? null,
      action: input.apply ? 'determination.redetermine' : 'determination.dry-run',
      entity: 'case',
      entityId: kase.id,
      details: {
        version: version.version,
        hash: version.hash,
        eligibility: full.eligibility,
        previous: before ? { version: before.version, eligibility: before.result.eligibility } : null,
      },
    },
  });
  return {
    previous: before,
    determination: { ...stored.determination, result: shown, source: 'evaluated' as const, check: null },
    case: await summaryOf(ctx, stored.case),
  };
}

/**
 * The case-by-case path: every pending case of the program re-determined under `version` with `redetermineCase`
 * (a traced evaluation and one transaction per case), cases listed by OFFSET pages. The runtime uses the
 * re-determination job instead (`redetermination.ts`); this stays as the baseline the benchmarks measure it against
 * (bench/redetermine.ts, bench/impact-store.ts). Returns how many cases moved and their ids.
 */
export async function redeterminePending(ctx: ServiceContext, user: AuthUser | null, programId: string, versionNumber: number) {
  const version = await ctx.store.getProgramVersion(programId, versionNumber);
  if (!version || version.status !== 'published') throw notFound('published program version', `${programId}@${versionNumber}`);
  const caseIds: string[] = [];
  for (const c of await pendingCases(ctx, programId, versionNumber)) {
    await redetermineCase(ctx, user, c.id, { version: versionNumber, apply: true });
    caseIds.push(c.id);
  }
  return { programId, version: versionNumber, count: caseIds.length, caseIds };
}

/**
 * The program's pending cases a re-determination under `versionNumber` would move: those not decided (a terminal
 * state of any published version's workflow, or of `extra` workflows such as a draft's), not already under it, and
 * not under a newer version their workflow keeps them on (`redeterminationRefusal`, the rule every path shares).
 */
export async function pendingCases(ctx: ServiceContext, programId: string, versionNumber: number, extra: Program[] = []): Promise<CaseRecord[]> {
  const published = await ctx.store.listProgramVersions({ programId, status: 'published' });
  const decided = decidedStates([...published.map((v) => v.doc), ...extra]);
  const docs = new Map(published.map((v) => [v.version, v.doc]));
  const out: CaseRecord[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await ctx.store.listCases({ programId }, { limit: 500, offset });
    for (const c of page.items) {
      if (c.version === versionNumber) continue;
      const doc = docs.get(c.version);
      const refused = doc
        ? redeterminationRefusal({ kase: c, caseProgram: doc, decided, targetVersion: versionNumber, path: 'job' })
        : decided.has(c.state);
      if (!refused) out.push(c);
    }
    if (page.items.length === 0 || offset + page.items.length >= page.total) break;
  }
  return out;
}
