/**
 * Programs and their versions: listing (each version with its state on today's date), the version in force
 * (localized for intake pages), the program's history from the audit log, drafts with optimistic concurrency (new,
 * from any version, deleted), checking a draft (validate, test, evaluate), diffs, and import/export of one JSON
 * document. Publication is `publication.ts`. Every definition change is audited through the store.
 */
import type { IsoDate, Program } from '../../engine/index.ts';
import type { AuthUser } from '../auth/context.ts';
import { conflict, HttpError, notFound, unprocessable, words } from '../http/errors.ts';
import { REQUEST_MESSAGES } from '../openapi/request-messages.ts';
import type { ProgramVersionRecord } from '../store/types.ts';
import { today, type ServiceContext } from './context.ts';
import { checkDefinitionSize, definitionDiagnostics } from './definition-checks.ts';
import { compiledFor, compileDocument, contentHash, diffPrograms, evaluate, hasErrors, localize, normalized, runTests } from './engine-port.ts';
import { versionInForce, versionState, versionSummary } from './versions.ts';
import { validatorModule } from './form-validators.ts';
import { peopleById } from './users.ts';
import { layerReport, rebasedLayer, storedDocument } from './layers.ts';
import { organisationForNewDraft } from './organisations.ts';

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
      jurisdiction: record.doc.jurisdiction ?? null,
      extends: record.doc.extends?.program ?? null,
      upcoming: versions
        .filter((v) => v.status === 'published' && v.effectiveFrom > date)
        .map((v) => ({ version: v.version, effectiveFrom: v.effectiveFrom, hash: v.hash })),
      ...(draft && canSeeDrafts(user) ? { draft: { version: draft.version, revision: draft.revision } } : {}),
      ...(canSeeDrafts(user)
        ? { versions: versions.map((v) => ({ version: v.version, state: versionState(v, versions, date), effectiveFrom: v.effectiveFrom })) }
        : {}),
    });
  }
  return out;
}

async function versionsOf(ctx: ServiceContext, programId: string): Promise<ProgramVersionRecord[]> {
  const versions = await ctx.store.listProgramVersions({ programId });
  if (versions.length === 0) throw notFound('program', programId);
  return versions;
}

/** One program with its version list, each version with its state today (drafts only for editors). */
export async function getProgram(ctx: ServiceContext, user: AuthUser | null, programId: string) {
  const versions = (await versionsOf(ctx, programId)).filter((v) => v.status === 'published' || canSeeDrafts(user));
  if (versions.length === 0) throw notFound('program', programId);
  const date = today(ctx);
  const current = versionInForce(versions, date);
  const shown = current ?? versions.at(-1)!;
  const summary = (v: ProgramVersionRecord) => ({ ...versionSummary(v), state: versionState(v, versions, date) });
  return {
    id: programId,
    title: shown.doc.title,
    description: shown.doc.description,
    languages: shown.doc.languages,
    current: current ? summary(current) : null,
    versions: versions.map(summary),
    extends: shown.doc.extends ? { program: shown.doc.extends.program, version: shown.doc.extends.version } : null,
  };
}

/**
 * The program's history, newest first: every audit entry about it (drafts, imports, publication requests,
 * publications, in-flight re-determinations) with the actor's name resolved. `actor` is null for the runtime itself
 * (shipped versions published at start-up, the scheduler).
 */
export async function programHistory(ctx: ServiceContext, programId: string) {
  await versionsOf(ctx, programId);
  const entries = [];
  for (let afterSeq = 0; ; ) {
    const page = await ctx.store.listAudit({ entity: 'program', entityId: programId, afterSeq, limit: 1000 });
    entries.push(...page);
    if (page.length < 1000) break;
    afterSeq = page.at(-1)!.seq;
  }
  const people = await peopleById(
    ctx,
    entries.map((e) => e.actorId),
  );
  return entries.reverse().map((e) => ({
    at: e.at,
    actor: e.actorId ? { id: e.actorId, name: people[e.actorId]?.name ?? e.actorId, email: people[e.actorId]?.email ?? null } : null,
    action: e.action,
    version: typeof e.details.version === 'number' ? e.details.version : null,
    selfPublished: e.details.selfPublished === true,
    details: e.details,
  }));
}

/** One version's record with its document; drafts only for editors. */
export async function getVersion(ctx: ServiceContext, user: AuthUser | null, programId: string, version: number, lang?: string) {
  const v = await ctx.store.getProgramVersion(programId, version);
  if (!v || (v.status === 'draft' && !canSeeDrafts(user))) throw notFound('program version', `${programId}@${version}`);
  // With `lang`, the texts in that language when the program has it (the staff pages); without, as written (the studio).
  return { ...versionSummary(v), programId, doc: lang === undefined ? v.doc : inLanguage(v.doc, lang).doc };
}

/** The published version in force on `date`, or 404 naming the date. */
export async function versionOnDate(ctx: ServiceContext, programId: string, date: IsoDate): Promise<ProgramVersionRecord> {
  const v = versionInForce(await versionsOf(ctx, programId), date);
  if (!v) throw new HttpError(404, 'not-in-force', words('not-in-force', { programId, date }));
  return v;
}

/** The program in the language asked for when it has it (else its first language): `{ lang, doc }`. */
export function inLanguage(doc: Program, lang: string | undefined): { lang: string; doc: Program } {
  const language = lang && doc.languages.includes(lang) ? lang : (doc.languages[0] ?? 'en');
  if (language === doc.languages[0]) return { lang: language, doc };
  // One translated copy per stored document and language (the store hands out one object per published version), so
  // what is derived from it later (normalized trees, the validator module) is computed once, not per request.
  let copies = translatedDocs.get(doc);
  if (!copies) translatedDocs.set(doc, (copies = new Map()));
  let translated = copies.get(language);
  if (!translated) copies.set(language, (translated = localize(doc, language)));
  return { lang: language, doc: translated };
}

const translatedDocs = new WeakMap<Program, Map<string, Program>>();

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

/** The version record's fields taken from its document. */
export function metaOf(doc: Program) {
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
export async function createDraft(
  ctx: ServiceContext,
  actor: AuthUser,
  doc: Program,
  action = 'program.draft.create',
  details: Record<string, unknown> = {},
) {
  checkDefinitionSize(ctx, doc);
  // Issue 16: an existing program's draft only by its organisation's members; a new program joins the creator's.
  const organisation = await organisationForNewDraft(ctx, actor, doc.id);
  const version = (await ctx.store.maxVersion(doc.id)) + 1;
  const { doc: stored, diagnostics: layerDiagnostics } = await storedDocument(ctx, { ...doc, version });
  const diagnostics = layerDiagnostics ?? (await definitionDiagnostics(ctx, stored));
  const hash = contentHash(stored);
  const record = await ctx.store.createDraft(
    { programId: doc.id, version, doc: stored, hash, createdBy: actor.id, ...metaOf(stored) },
    { actorId: actor.id, action, entity: 'program', entityId: doc.id, details: { version, hash, ...details } },
  );
  if (organisation)
    await ctx.store.setProgramOrganisation(doc.id, organisation, {
      actorId: actor.id,
      action: 'program.organisation',
      entity: 'program',
      entityId: doc.id,
      details: { from: null, to: organisation },
    });
  return { draft: { ...versionSummary(record), programId: record.programId, doc: record.doc }, diagnostics };
}

/** Replaces the draft's document; 409 `stale-revision` when `revision` is not the stored one. */
export async function updateDraft(ctx: ServiceContext, actor: AuthUser, programId: string, revision: number, doc: Program) {
  if (doc.id !== programId) {
    throw unprocessable(words('id-mismatch', { docId: doc.id, programId }), [
      {
        code: 'request.program-id',
        severity: 'error',
        path: '/id',
        message: REQUEST_MESSAGES.render('request.program-id', { programId }),
        params: { programId },
      },
    ]);
  }
  const draft = await ctx.store.getDraft(programId);
  if (!draft) {
    const published = await ctx.store.listProgramVersions({ programId });
    if (published.length === 0) throw notFound('program', programId);
    throw conflict(words('not-a-draft', { programId }), 'not-a-draft');
  }
  checkDefinitionSize(ctx, doc);
  const { doc: stored, diagnostics: layerDiagnostics } = await storedDocument(ctx, { ...doc, version: draft.version }, draft.doc);
  const diagnostics = layerDiagnostics ?? (await definitionDiagnostics(ctx, stored));
  const hash = contentHash(stored);
  const record = await ctx.store.saveDraft(
    { programId, expectedRevision: revision, doc: stored, hash, ...metaOf(stored) },
    {
      actorId: actor.id,
      action: 'program.draft.update',
      entity: 'program',
      entityId: programId,
      details: { version: draft.version, revision, hash },
    },
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

/**
 * Starts the program's draft as a copy of `version` (published or not): "revert" is a new draft from an older
 * version. 409 `draft-exists` when the program has a draft, saying how to go on.
 */
export async function draftFromVersion(ctx: ServiceContext, actor: AuthUser, programId: string, version: number) {
  const source = await ctx.store.getProgramVersion(programId, version);
  if (!source) throw notFound('program version', `${programId}@${version}`);
  const existing = await ctx.store.getDraft(programId);
  if (existing) {
    const said = words('draft-exists', { programId, draftVersion: existing.version, draftRevision: existing.revision, from: version });
    throw conflict(said, 'draft-exists', { draftVersion: existing.version });
  }
  return createDraft(ctx, actor, structuredClone(source.doc), 'program.draft.from-version', { from: version });
}

/** Deletes the program's draft (and its publication request); published versions are never deleted. */
export async function deleteDraft(ctx: ServiceContext, actor: AuthUser, programId: string) {
  const draft = await requireDraft(ctx, programId);
  await ctx.store.deleteDraft(programId, {
    actorId: actor.id,
    action: 'program.draft.delete',
    entity: 'program',
    entityId: programId,
    details: { version: draft.version, revision: draft.revision, hash: draft.hash },
  });
}

/** Validates and compiles the draft: `{ valid, diagnostics }` (errors and warnings). */
export async function validateDraft(ctx: ServiceContext, programId: string) {
  const draft = await requireDraft(ctx, programId);
  const diagnostics = await definitionDiagnostics(ctx, draft.doc);
  return { valid: !hasErrors(diagnostics), diagnostics };
}

/** The compiled draft, or 422 `draft-invalid` with its errors. */
export function compileOr422(doc: Program) {
  const outcome = compileDocument(doc);
  if (!outcome.compiled)
    throw unprocessable(
      words('draft-invalid'),
      outcome.diagnostics.filter((d) => d.severity === 'error'),
      'draft-invalid',
    );
  return outcome.compiled;
}

/** Runs the draft's test cases (422 when it does not compile). */
export async function testDraft(ctx: ServiceContext, programId: string) {
  return runTests(compileOr422((await requireDraft(ctx, programId)).doc));
}

/** Evaluates answers against the draft (a preview; nothing is stored). */
export async function evaluateDraft(
  ctx: ServiceContext,
  programId: string,
  input: { answers: Record<string, unknown>; date?: IsoDate; partial?: boolean; lang?: string },
) {
  const compiled = compileOr422((await requireDraft(ctx, programId)).doc);
  return evaluate(compiled, input.answers, { asOf: input.date ?? today(ctx), partial: input.partial ?? false, lang: input.lang });
}

/** A version by number, `current` (in force today) or `draft`. */
export async function versionOrDraft(ctx: ServiceContext, programId: string, which: string): Promise<ProgramVersionRecord> {
  if (which === 'draft') return requireDraft(ctx, programId);
  if (which === 'current') return versionOnDate(ctx, programId, today(ctx));
  // At most 9 digits, as a version in a path (`versionParam`): every store can hold it.
  if (!/^\d{1,9}$/.test(which)) throw new HttpError(400, 'bad-version', words('bad-version', { value: which }));
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

/**
 * Publishes one shipped version at start (no maker-checker: it ships with the code) unless it is already stored,
 * its version number holds another document, it has validation errors, or one of its test cases fails: a shipped
 * version is held to what publication requires of a draft. A refusal is logged as one line naming `source` (the
 * folder) and the first problem; the caller goes on with the other programs.
 */
export async function publishShipped(ctx: ServiceContext, doc: Program, source = doc.id): Promise<'published' | 'known' | 'skipped'> {
  const hash = contentHash(doc);
  if (await ctx.store.findVersionByHash(doc.id, hash)) return 'known';
  if (await ctx.store.getProgramVersion(doc.id, doc.version)) {
    ctx.log.warn(
      { program: doc.id, version: doc.version, source },
      `shipped program ${source} not published: a different document is already stored as ${doc.id} version ${doc.version}`,
    );
    return 'skipped';
  }
  if (doc.extends) {
    // A layer resolved on disk: its base must be published here, with the very content it was resolved on.
    const base = await ctx.store.getProgramVersion(doc.extends.program, doc.extends.version);
    if (!base || base.status !== 'published' || base.hash !== doc.extends.hash) {
      ctx.log.error(
        { program: doc.id, version: doc.version, source, base: doc.extends },
        `shipped program ${source} not published: its base ${doc.extends.program} version ${doc.extends.version} is ${base ? 'published with other content' : 'not published'}`,
      );
      return 'skipped';
    }
  }
  const outcome = compileDocument(doc);
  if (!outcome.compiled) {
    const errors = outcome.diagnostics.filter((d) => d.severity === 'error');
    ctx.log.error(
      { program: doc.id, version: doc.version, source, diagnostics: errors.slice(0, 5) },
      `shipped program ${source} not published: ${errors.length} validation error${errors.length === 1 ? '' : 's'}, the first at ${errors[0]?.path || '/'}: ${errors[0]?.message}`,
    );
    return 'skipped';
  }
  const report = runTests(outcome.compiled);
  const failing = report.results.filter((r) => !r.ok);
  if (failing.length > 0) {
    const first = failing[0].failures[0];
    const why = first ? `${first.what} expected ${JSON.stringify(first.expected)}, got ${JSON.stringify(first.actual)}` : 'it failed';
    ctx.log.error(
      { program: doc.id, version: doc.version, source, failing: failing.map((r) => r.name) },
      `shipped program ${source} not published: ${failing.length} of ${report.total} test cases fail, the first "${failing[0].name}" (${why})`,
    );
    return 'skipped';
  }
  await ctx.store.publishVersion(
    { programId: doc.id, version: doc.version, doc, hash, createdBy: null, publishedBy: null, ...metaOf(doc) },
    { actorId: null, action: 'program.publish-shipped', entity: 'program', entityId: doc.id, details: { version: doc.version, hash } },
  );
  return 'published';
}

/** The layer report of a version (number, `current` or `draft`): its changes against its base and whether it is behind. */
export async function versionLayerReport(ctx: ServiceContext, programId: string, which = 'current', lang?: string) {
  return layerReport(ctx, await versionOrDraft(ctx, programId, which), lang);
}

/**
 * Re-bases a layer: a new draft holding the layer of `from` (default: the version in force, else the newest) on
 * `version` of its base (default: the base's newest published version). Never automatic; 409 while a draft exists,
 * 422 when the layer does not resolve on that base (naming each override or add it refuses).
 */
export async function rebaseDraft(ctx: ServiceContext, actor: AuthUser, programId: string, body: { from?: number; version?: number }) {
  const versions = await versionsOf(ctx, programId);
  const existing = versions.find((v) => v.status === 'draft');
  const source =
    body.from !== undefined
      ? versions.find((v) => v.version === body.from)
      : (versionInForce(versions, today(ctx)) ?? versions.filter((v) => v.status === 'published').at(-1));
  if (!source) throw notFound('program version', `${programId}@${body.from ?? 'current'}`);
  if (existing) {
    const said = words('draft-exists', { programId, draftVersion: existing.version, draftRevision: existing.revision, from: source.version });
    throw conflict(said, 'draft-exists', { draftVersion: existing.version });
  }
  const doc = await rebasedLayer(ctx, source, body.version);
  const base = (doc as unknown as { extends: { program: string; version: number } }).extends;
  return createDraft(ctx, actor, doc, 'program.draft.rebase', { from: source.version, baseProgram: base.program, baseVersion: base.version });
}
