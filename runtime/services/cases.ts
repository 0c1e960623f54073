/**
 * Casework: the queue with filters and counts, case detail (application, determinations, history, notes,
 * documents, deadlines, the transitions this user may take), notes, workflow transitions with their actions, and
 * re-determination under another version (dry run or applied; earlier results are kept).
 */
import type { Actor, Determination, GuardContext, IsoDate, Program } from '../../engine/index.ts';
import type { AuthUser } from '../auth/context.ts';
import { performActions } from '../actions/index.ts';
import { conflict, forbidden, HttpError, notFound, unprocessable, words } from '../http/errors.ts';
import type { CaseFilter, CaseRecord, CorrectionRecord, DeterminationRecord, NewDetermination, ProgramVersionRecord } from '../store/types.ts';
import { today, type ServiceContext } from './context.ts';
import { compiledFor, deadlines, evaluate, localize, transition } from './engine-port.ts';
import { applicationView, earliestDue } from './applications.ts';
import { versionInForce } from './versions.ts';
import { peopleById } from './users.ts';
import { compactDetermination, decisionOf, fullResult, inputsHash, isCompact, showDeterminations } from './determinations.ts';
import { chooseReason, reasonChoices } from './decisions.ts';

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

function pageNumber(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value)) throw new HttpError(400, 'bad-query', words('bad-query.integer', { name, value }));
  return Number(value);
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
    if (!/^\d{4}-\d{2}-\d{2}$/.test(query.dueBefore))
      throw new HttpError(400, 'bad-query', words('bad-query.date', { name: 'dueBefore', value: query.dueBefore }));
    filter.overdueBefore = query.dueBefore;
  }
  if (query.q) filter.text = query.q;
  const list = await ctx.store.listCases(filter, { limit: pageNumber(query.limit, 'limit', 50), offset: pageNumber(query.offset, 'offset', 0) });
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
    dueOn: c.dueOn,
    stateEnteredAt: c.stateEnteredAt,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    revision: c.revision,
  };
}

export async function requireCase(ctx: ServiceContext, id: string): Promise<CaseRecord> {
  const kase = await ctx.store.getCase(id);
  if (!kase) throw notFound('case', id);
  return kase;
}

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

/** The transitions out of the case's state, each allowed or refused (with the engine's reason) for `user`. */
function transitionsFor(program: Program, kase: CaseRecord, user: AuthUser, context: GuardContext, asOf: IsoDate) {
  return program.workflow.transitions
    .filter((t) => t.from.includes(kase.state))
    .map((t) => {
      const r = transition(program, kase.state, t.event, actorOf(user), context, asOf);
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
  const kase = await requireCase(ctx, id);
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
  const transitions = transitionsFor(doc, kase, user, context, today(ctx));
  const shown = [];
  for (const d of determinations) shown.push(...(await showDeterminations(ctx, [d], answersOf(d, answers, corrections))));
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
  };
}

/** Adds a note to a case. */
export async function addNote(ctx: ServiceContext, user: AuthUser, id: string, text: string) {
  await requireCase(ctx, id);
  return ctx.store.addNote({
    caseId: id,
    authorId: user.id,
    text,
    audit: { actorId: user.id, action: 'case.note', entity: 'case', entityId: id, details: { length: text.length } },
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
}

/**
 * Everything a transition would do, computed without writing: the engine's result (refused with 403 role, 409
 * wrong state / terminal / stale, 422 guard or unknown event), the decision reason checked (422, `decisions.ts`) and
 * the effects of its actions. Refusals are worded with the workflow's titles in `lang`.
 */
async function prepareTransition(ctx: ServiceContext, user: AuthUser, id: string, input: TransitionInput, lang: string) {
  const kase = await requireCase(ctx, id);
  if (input.revision !== undefined && input.revision !== kase.revision) {
    throw conflict(words('stale-revision', { expectedRevision: input.revision, currentRevision: kase.revision }), 'stale-revision', {
      currentRevision: kase.revision,
    });
  }
  const version = await programOf(ctx, kase);
  const [application, determinations] = await Promise.all([ctx.store.getApplication(kase.applicationId), ctx.store.listDeterminations(kase.id)]);
  if (!application) throw new Error(`Case ${kase.id} has no application ${kase.applicationId}.`);
  const doc = shownIn(version.doc, lang);
  const result = transition(
    doc,
    kase.state,
    input.event,
    actorOf(user),
    guardContext(kase, appliedDetermination(determinations), application.answers),
    today(ctx),
  );
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
  const title = doc.workflow.transitions.find((t) => t.event === result.event && t.from.includes(kase.state))?.title ?? result.event;
  const decision = chooseReason(version.doc, result.event, title, input.reason, application.lang);
  const effects = await performActions(result.actions, {
    ctx,
    actor: user,
    kase,
    application,
    to: result.to,
    decisionReason: decision?.reason.text,
    redetermine: async () => {
      const inForce = versionInForce(await ctx.store.listProgramVersions({ programId: kase.programId, status: 'published' }), today(ctx)) ?? version;
      return (await evaluateCase(ctx, user, kase, inForce, 'redetermination', true)).determination;
    },
  });
  return { kase, version, application, determinations, result, title, decision, effects };
}

/**
 * Fires workflow event `event` on a case: refused with 403 (role), 409 (wrong state / terminal / stale) or 422
 * (guard, unknown event, a missing or unknown decision reason), else performs the transition's actions and records
 * it atomically, with the decision reason on the event, on the case (`decision`) and in the audit entry.
 */
export async function fireTransition(ctx: ServiceContext, user: AuthUser, id: string, input: TransitionInput, lang = 'en') {
  const { kase, version, result, decision, effects } = await prepareTransition(ctx, user, id, input, lang);
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
        ...(decision ? { reason: decision.reason.id, reasonTitle: decision.reason.title } : {}),
      },
    },
  });
  ctx.feed?.publish({ kind: 'moved', caseId: kase.id, programId: kase.programId, state: applied.case.state, at });
  return { case: await summaryOf(ctx, applied.case), event: applied.event, documents: applied.documents, messages: applied.messages };
}

/**
 * What taking `event` (with `reason`) would do, without doing it: the state it leads to, the decision reason and the
 * determination's reasons in the applicant's language, and the notices the applicant (and an intermediary) would
 * receive. Refused exactly as `fireTransition` would refuse, except that a missing reason is allowed (the page asks
 * for the preview before one is chosen) and listed in `reasonChoices`.
 */
export async function previewTransition(ctx: ServiceContext, user: AuthUser, id: string, input: TransitionInput, lang = 'en') {
  const kase = await requireCase(ctx, id);
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
 * and the new one.
 */
export async function redetermineCase(ctx: ServiceContext, user: AuthUser | null, id: string, input: { version?: number; apply: boolean }) {
  const kase = await requireCase(ctx, id);
  let version: ProgramVersionRecord | null;
  if (input.version !== undefined) {
    version = await ctx.store.getProgramVersion(kase.programId, input.version);
    if (!version || version.status !== 'published') throw notFound('published program version', `${kase.programId}@${input.version}`);
  } else {
    version = versionInForce(await ctx.store.listProgramVersions({ programId: kase.programId, status: 'published' }), today(ctx));
    if (!version) throw conflict(words('not-in-force', { programId: kase.programId }), 'not-in-force');
  }
  const [application, list] = await Promise.all([ctx.store.getApplication(kase.applicationId), ctx.store.listDeterminations(kase.id)]);
  const applied = appliedDetermination(list);
  const [before] = applied ? await showDeterminations(ctx, [applied], application?.answers ?? {}) : [null];
  const { full, determination } = await evaluateCase(ctx, user, kase, version, input.apply ? 'redetermination' : 'dry-run', input.apply);
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
    determination: { ...stored.determination, result: full, source: 'evaluated' as const, check: null },
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
 * The program's pending cases a re-determination under `versionNumber` would move: those not in a terminal state
 * (of any published version's workflow, or of `extra` workflows such as a draft's) and not already decided under it.
 */
export async function pendingCases(ctx: ServiceContext, programId: string, versionNumber: number, extra: Program[] = []): Promise<CaseRecord[]> {
  const all = [...(await ctx.store.listProgramVersions({ programId, status: 'published' })).map((v) => v.doc), ...extra];
  const terminal = new Set(
    all.flatMap((doc) =>
      Object.entries(doc.workflow.states)
        .filter(([, s]) => s.terminal)
        .map(([name]) => name),
    ),
  );
  const out: CaseRecord[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await ctx.store.listCases({ programId }, { limit: 500, offset });
    out.push(...page.items.filter((c) => !terminal.has(c.state) && c.version !== versionNumber));
    if (page.items.length === 0 || offset + page.items.length >= page.total) break;
  }
  return out;
}
