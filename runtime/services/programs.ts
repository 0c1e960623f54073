/**
 * Programs and their versions: listing, the version in force (localized for intake pages), drafts with optimistic
 * concurrency, checking a draft (validate, test, evaluate), diffs, publication (a frozen version with hash), and
 * import/export of one JSON document. Every definition change and publication is audited through the store.
 */
import type { IsoDate, Program } from '../../engine/types.ts';
import type { AuthUser } from '../auth/context.ts';
import { conflict, HttpError, notFound, unprocessable, words } from '../http/errors.ts';
import { REQUEST_MESSAGES } from '../openapi/request-messages.ts';
import type { ProgramVersionRecord } from '../store/types.ts';
import { today, type ServiceContext } from './context.ts';
import { compiledFor, compileDocument, contentHash, diffPrograms, evaluate, hasErrors, localize, normalized, runTests } from './engine-port.ts';
import { versionInForce, versionSummary } from './versions.ts';
import { redeterminePending } from './cases.ts';
import { validatorModule } from './form-validators.ts';

const EDITORS = ['analyst', 'administrator'];

function canSeeDrafts(user: AuthUser | null): boolean {
  return !!user && user.roles.some((r) => EDITORS.includes(r));
}

/** Every program with its version in force today (texts in `lang` when translated) and, for editors, its draft. */
export async function listPrograms(ctx: ServiceContext, user: AuthUser | null, lang?: string) {
  const all = await ctx.store.listProgramVersions();
  const byId = new Map<string, ProgramVersionRecord[]>();
  for (const v of all) byId.set(v.programId, [...(byId.get(v.programId) ?? []), v]);
  const date = today(ctx);
  const out = [];
  for (const [id, versions] of byId) {
    const current = versionInForce(versions, date);
    const draft = versions.find((v) => v.status === 'draft');
    const latest = current ?? versions.filter((v) => v.status === 'published').at(-1);
    if (!latest && !canSeeDrafts(user)) continue;
    const record = latest ?? draft!;
    const shown = lang && lang !== record.doc.languages[0] && record.doc.languages.includes(lang) ? localize(record.doc, lang) : record.doc;
    out.push({
      id,
      title: shown.title,
      description: shown.description,
      owner: shown.owner,
      languages: shown.languages,
      current: current ? { version: current.version, effectiveFrom: current.effectiveFrom, hash: current.hash } : null,
      upcoming: versions.filter((v) => v.status === 'published' && v.effectiveFrom > date).map((v) => ({ version: v.version, effectiveFrom: v.effectiveFrom, hash: v.hash })),
      ...(draft && canSeeDrafts(user) ? { draft: { version: draft.version, revision: draft.revision } } : {}),
    });
  }
  return out;
}

async function versionsOf(ctx: ServiceContext, programId: string): Promise<ProgramVersionRecord[]> {
  const versions = await ctx.store.listProgramVersions({ programId });
  if (versions.length === 0) throw notFound('program', programId);
  return versions;
}

/** One program with its version list (drafts only for editors). */
export async function getProgram(ctx: ServiceContext, user: AuthUser | null, programId: string) {
  const versions = (await versionsOf(ctx, programId)).filter((v) => v.status === 'published' || canSeeDrafts(user));
  if (versions.length === 0) throw notFound('program', programId);
  const current = versionInForce(versions, today(ctx));
  const shown = current ?? versions.at(-1)!;
  return { id: programId, title: shown.doc.title, description: shown.doc.description, languages: shown.doc.languages, current: current ? versionSummary(current) : null, versions: versions.map(versionSummary) };
}

/** One version's record with its document; drafts only for editors. */
export async function getVersion(ctx: ServiceContext, user: AuthUser | null, programId: string, version: number) {
  const v = await ctx.store.getProgramVersion(programId, version);
  if (!v || (v.status === 'draft' && !canSeeDrafts(user))) throw notFound('program version', `${programId}@${version}`);
  return { ...versionSummary(v), programId, doc: v.doc };
}

/** The published version in force on `date`, or 404 naming the date. */
export async function versionOnDate(ctx: ServiceContext, programId: string, date: IsoDate): Promise<ProgramVersionRecord> {
  const v = versionInForce(await versionsOf(ctx, programId), date);
  if (!v) throw new HttpError(404, 'not-in-force', words('not-in-force', { programId, date }));
  return v;
}

/** The program in the language asked for when it has it (else its first language): `{ lang, doc }`. */
export function inLanguage(doc: Program, lang: string | undefined): { lang: string; doc: Program } {
  const language = lang && doc.languages.includes(lang) ? lang : doc.languages[0] ?? 'en';
  return { lang: language, doc: language === doc.languages[0] ? doc : localize(doc, language) };
}

/**
 * The version in force on `date` (default today), its texts in `lang` when translated, with `validator`: the URL of
 * its form's validator module for the pages (built from the schema in this answer; translations change only titles
 * and descriptions, which no check reads).
 */
export async function currentVersion(ctx: ServiceContext, programId: string, date?: IsoDate, lang?: string) {
  const v = await versionOnDate(ctx, programId, date ?? today(ctx));
  const shown = inLanguage(v.doc, lang);
  // Normalized: the applicant's pages decide `showWhen` on trees with their shared conditions resolved.
  const doc = normalized(shown.doc);
  const validator = (await validatorModule(doc.form.schema)).url;
  return { ...versionSummary(v), programId, lang: shown.lang, doc, validator };
}

function metaOf(doc: Program) {
  return {
    effectiveFrom: typeof doc.effectiveFrom === 'string' ? doc.effectiveFrom : '',
    title: typeof doc.title === 'string' ? doc.title : doc.id,
    changelog: typeof doc.changelog === 'string' ? doc.changelog : '',
    inFlight: doc.inFlight === 'keep' ? ('keep' as const) : ('reevaluate' as const),
  };
}

/**
 * Creates the program's draft from a document (a new program, or the next version of an existing one). The draft
 * is stored even when it has errors, so work is never lost; the diagnostics come back with it. 409 when the
 * program already has a draft.
 */
export async function createDraft(ctx: ServiceContext, actor: AuthUser, doc: Program, action = 'program.draft.create') {
  const version = (await ctx.store.maxVersion(doc.id)) + 1;
  const stored = { ...doc, version };
  const { diagnostics } = compileDocument(stored);
  const hash = contentHash(stored);
  const record = await ctx.store.createDraft(
    { programId: doc.id, version, doc: stored, hash, createdBy: actor.id, ...metaOf(stored) },
    { actorId: actor.id, action, entity: 'program', entityId: doc.id, details: { version, hash } },
  );
  return { draft: { ...versionSummary(record), programId: record.programId, doc: record.doc }, diagnostics };
}

/** Replaces the draft's document; 409 `stale-revision` when `revision` is not the stored one. */
export async function updateDraft(ctx: ServiceContext, actor: AuthUser, programId: string, revision: number, doc: Program) {
  if (doc.id !== programId) {
    throw unprocessable(words('id-mismatch', { docId: doc.id, programId }), [
      { code: 'request.program-id', severity: 'error', path: '/id', message: REQUEST_MESSAGES.render('request.program-id', { programId }), params: { programId } },
    ]);
  }
  const draft = await ctx.store.getDraft(programId);
  if (!draft) {
    const published = await ctx.store.listProgramVersions({ programId });
    if (published.length === 0) throw notFound('program', programId);
    throw conflict(words('not-a-draft', { programId }), 'not-a-draft');
  }
  const stored = { ...doc, version: draft.version };
  const { diagnostics } = compileDocument(stored);
  const hash = contentHash(stored);
  const record = await ctx.store.saveDraft(
    { programId, expectedRevision: revision, doc: stored, hash, ...metaOf(stored) },
    { actorId: actor.id, action: 'program.draft.update', entity: 'program', entityId: programId, details: { version: draft.version, revision, hash } },
  );
  return { draft: { ...versionSummary(record), programId, doc: record.doc }, diagnostics };
}

/** The draft record or 404. */
export async function requireDraft(ctx: ServiceContext, programId: string): Promise<ProgramVersionRecord> {
  const draft = await ctx.store.getDraft(programId);
  if (!draft) throw new HttpError(404, 'no-draft', words('no-draft', { programId }));
  return draft;
}

/** The draft with its document (editors). */
export async function getDraft(ctx: ServiceContext, programId: string) {
  const draft = await requireDraft(ctx, programId);
  return { ...versionSummary(draft), programId, doc: draft.doc };
}

/** Validates and compiles the draft: `{ valid, diagnostics }` (errors and warnings). */
export async function validateDraft(ctx: ServiceContext, programId: string) {
  const draft = await requireDraft(ctx, programId);
  const { diagnostics, compiled } = compileDocument(draft.doc);
  return { valid: !!compiled && !hasErrors(diagnostics), diagnostics };
}

function compileOr422(doc: Program) {
  const outcome = compileDocument(doc);
  if (!outcome.compiled) throw unprocessable(words('draft-invalid'), outcome.diagnostics.filter((d) => d.severity === 'error'), 'draft-invalid');
  return outcome.compiled;
}

/** Runs the draft's test cases (422 when it does not compile). */
export async function testDraft(ctx: ServiceContext, programId: string) {
  return runTests(compileOr422((await requireDraft(ctx, programId)).doc));
}

/** Evaluates answers against the draft (a preview; nothing is stored). */
export async function evaluateDraft(ctx: ServiceContext, programId: string, input: { answers: Record<string, unknown>; date?: IsoDate; partial?: boolean; lang?: string }) {
  const compiled = compileOr422((await requireDraft(ctx, programId)).doc);
  return evaluate(compiled, input.answers, { asOf: input.date ?? today(ctx), partial: input.partial ?? false, lang: input.lang });
}

async function versionOrDraft(ctx: ServiceContext, programId: string, which: string): Promise<ProgramVersionRecord> {
  if (which === 'draft') return requireDraft(ctx, programId);
  if (which === 'current') return versionOnDate(ctx, programId, today(ctx));
  if (!/^\d+$/.test(which)) throw new HttpError(400, 'bad-version', words('bad-version', { value: which }));
  const v = await ctx.store.getProgramVersion(programId, Number(which));
  if (!v) throw notFound('program version', `${programId}@${which}`);
  return v;
}

/** The changes between two versions (`from` default: in force today; `to` default: the draft). */
export async function diffVersions(ctx: ServiceContext, programId: string, from = 'current', to = 'draft') {
  const a = await versionOrDraft(ctx, programId, from);
  const b = await versionOrDraft(ctx, programId, to);
  return { programId, from: a.version, to: b.version, ...diffPrograms(a.doc, b.doc) };
}

/** What an administrator supplies when publishing. */
export interface PublishInput {
  changelog: string;
  effectiveFrom: IsoDate;
  inFlight: 'reevaluate' | 'keep';
  revision?: number;
}

/**
 * Freezes the draft as a published version with its hash, publisher, changelog, effective date and in-flight
 * policy. 422 when the draft has errors; 409 when `revision` is stale.
 */
export async function publishDraft(ctx: ServiceContext, actor: AuthUser, programId: string, input: PublishInput) {
  const draft = await requireDraft(ctx, programId);
  const doc: Program = { ...draft.doc, changelog: input.changelog, effectiveFrom: input.effectiveFrom, inFlight: input.inFlight };
  compileOr422(doc);
  const hash = contentHash(doc);
  const record = await ctx.store.publishDraft(
    { programId, expectedRevision: input.revision, publishedBy: actor.id, content: { doc, hash, ...metaOf(doc) } },
    { actorId: actor.id, action: 'program.publish', entity: 'program', entityId: programId, details: { version: draft.version, hash, effectiveFrom: input.effectiveFrom, inFlight: input.inFlight, changelog: input.changelog } },
  );
  compiledFor(record.doc, record.hash);
  // A version already in force that re-evaluates in-flight work moves pending cases now; a future one waits for
  // POST /api/programs/:id/versions/:v/redetermine-pending on its effective date.
  const redetermined = input.inFlight === 'reevaluate' && input.effectiveFrom <= today(ctx) ? await redeterminePending(ctx, actor, programId, record.version) : null;
  return { ...versionSummary(record), programId, redetermined };
}

/** One version as a standalone JSON document (default: the version in force today, else the latest published). */
export async function exportVersion(ctx: ServiceContext, user: AuthUser | null, programId: string, version?: string) {
  if (version) return (await getVersion(ctx, user, programId, Number(version))).doc;
  const versions = (await versionsOf(ctx, programId)).filter((v) => v.status === 'published');
  const v = versionInForce(versions, today(ctx)) ?? versions.at(-1);
  if (!v) throw notFound('published version of program', programId);
  return v.doc;
}

/** Imports an exported document as the program's new draft (same checks as `createDraft`). */
export async function importDocument(ctx: ServiceContext, actor: AuthUser, doc: Program) {
  return createDraft(ctx, actor, doc, 'program.import');
}

/** Publishes a shipped definition at start-up unless a version with the same hash exists. */
export async function publishShipped(ctx: ServiceContext, doc: Program): Promise<'published' | 'known' | 'skipped'> {
  const hash = contentHash(doc);
  if (await ctx.store.findVersionByHash(doc.id, hash)) return 'known';
  if (await ctx.store.getProgramVersion(doc.id, doc.version)) {
    ctx.log.warn({ program: doc.id, version: doc.version }, 'a different document is already stored under this version number; the shipped one was not published');
    return 'skipped';
  }
  const outcome = compileDocument(doc);
  if (!outcome.compiled) {
    ctx.log.error({ program: doc.id, version: doc.version, diagnostics: outcome.diagnostics.filter((d) => d.severity === 'error').slice(0, 5) }, 'shipped program has errors; not published');
    return 'skipped';
  }
  await ctx.store.publishVersion(
    { programId: doc.id, version: doc.version, doc, hash, createdBy: null, publishedBy: null, ...metaOf(doc) },
    { actorId: null, action: 'program.publish-shipped', entity: 'program', entityId: doc.id, details: { version: doc.version, hash } },
  );
  return 'published';
}
