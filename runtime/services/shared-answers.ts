/**
 * Answers given once (issue 16). A person consents to share the answers of one application, under the shared
 * concepts both programs mark (`form.concepts`), with the organisation of another program; a new application to
 * that program is then offered those answers to check and confirm (never filled silently), and the person sees on
 * their status page who holds which answers and may withdraw consent, after which nothing more is shared.
 *
 *   source application ──consent (what, with whom, why, until)──▶ prefill proposal ──confirmed by the person──▶ answers
 */
import { randomUUID } from 'node:crypto';
import { conceptLabel, prefill, shareable, type Program } from '../../engine/index.ts';
import type { AuthUser } from '../auth/context.ts';
import { conflict, notFound, unprocessable, words } from '../http/errors.ts';
import type { ApplicationRecord, ProgramVersionRecord, SharingConsent, SharingPurpose } from '../store/types.ts';
import { loadApplicationFor } from './access.ts';
import { saveAnswers } from './applications.ts';
import { sharingStatement } from './consent.ts';
import { today, type ServiceContext } from './context.ts';
import { localize } from './engine-port.ts';
import { organisationName, programOrganisation } from './organisations-port.ts';
import { inLanguage } from './programs.ts';
import { versionsInForce } from './screening.ts';

/** Days a consent lasts when the person does not say. */
const DEFAULT_DAYS = 90;
/** The longest a consent may last. */
const MAX_DAYS = 365;

const addDays = (isoDate: string, days: number) => new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The program version an application was started under. */
export async function versionOf(ctx: ServiceContext, app: ApplicationRecord): Promise<ProgramVersionRecord> {
  const version = await ctx.store.getProgramVersion(app.programId, app.version);
  if (!version) throw notFound('program version', `${app.programId}@${app.version}`);
  return version;
}

/** The version of `programId` in force today; 404 when there is none. */
export async function targetInForce(ctx: ServiceContext, programId: string): Promise<ProgramVersionRecord> {
  const target = (await versionsInForce(ctx, today(ctx))).find((v) => v.programId === programId);
  if (!target) throw notFound('program', programId);
  return target;
}

/** The concepts an application's answers hold that `target` asks too. */
export function offeredConcepts(source: Program, answers: Record<string, unknown>, target: Program): string[] {
  const values = shareable(source.form.concepts ?? {}, answers);
  const asked = new Set(Object.values(target.form.concepts ?? {}));
  return Object.keys(values).filter((c) => asked.has(c));
}

/** A consent is in force: not withdrawn and not past its last day. */
export const inForce = (c: SharingConsent, date: string) => !c.withdrawnAt && c.until >= date;

/** What the person is asked to agree to: the organisation, the concepts (with labels) and the statement. */
export async function sharingOffer(
  ctx: ServiceContext,
  source: ApplicationRecord,
  targetProgramId: string,
  purpose: SharingPurpose,
  lang: string,
  until?: string,
) {
  const [from, target] = [await versionOf(ctx, source), await targetInForce(ctx, targetProgramId)];
  const concepts = offeredConcepts(from.doc, source.answers, target.doc);
  const last = until ?? addDays(today(ctx), DEFAULT_DAYS);
  const organisation = organisationName(inLanguage(target.doc, lang).doc);
  const shown = sharingStatement(from.doc, target.doc, organisation, concepts, purpose, last, lang);
  return {
    programId: targetProgramId,
    title: inLanguage(target.doc, lang).doc.title,
    source: { programId: source.programId, title: inLanguage(from.doc, lang).doc.title },
    organisation: { id: await programOrganisation(ctx, targetProgramId), name: organisation },
    concepts: concepts.map((id) => ({ id, label: conceptLabel(id, shown.lang) })),
    until: last,
    purpose,
    ...shown,
  };
}

/** The sharing offer of an application for the page (its holder: resume code or creator). */
export async function sharingOfferFor(
  ctx: ServiceContext,
  user: AuthUser | null,
  id: string,
  code: string | undefined,
  query: { program?: string; purpose?: string; lang?: string },
  client?: string,
) {
  const app = await loadApplicationFor(ctx, user, id, code, client);
  const purpose: SharingPurpose = query.purpose === 'application' ? 'application' : 'referral';
  return sharingOffer(ctx, app, query.program ?? '', purpose, query.lang ?? app.lang);
}

/** The input of a consent: which concepts (default: all offered), until when, and the confirmation. */
export interface SharingInput {
  concepts?: string[];
  until?: string;
  consent?: { confirmed: true };
  lang?: string;
}

/** The last day of a consent: `input.until` (422 at `/until` unless a date from today to a year ahead) or 90 days. */
export function consentUntil(ctx: ServiceContext, input: SharingInput, lang: string): string {
  const date = today(ctx);
  const max = addDays(date, MAX_DAYS);
  const until = input.until ?? addDays(date, DEFAULT_DAYS);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(until) || until < date || until > max) {
    const params = { value: until, today: date, max };
    throw unprocessable(words('sharing.until', params), [{ code: 'sharing.until', severity: 'error', path: '/until', message: '', params }]).toldIn(
      lang,
    );
  }
  return until;
}

/**
 * The concepts a consent covers: `input.concepts` (default: every one `offered`; 422 at `/concepts/i` for one not
 * offered), once the person confirmed (422 at `/consent` otherwise).
 */
export function consentConcepts(input: SharingInput, offered: readonly string[], program: string, organisation: string, lang: string): string[] {
  const concepts = input.concepts ?? [...offered];
  concepts.forEach((value, i) => {
    if (offered.includes(value)) return;
    const params = { value, path: `/concepts/${i}`, program, allowed: offered };
    throw unprocessable(words('sharing.concept', params), [
      { code: 'sharing.concept', severity: 'error', path: `/concepts/${i}`, message: '', params },
    ]).toldIn(lang);
  });
  if (input.consent?.confirmed !== true) {
    const params = { organisation };
    throw unprocessable(words('sharing.consent-required', params), [
      { code: 'sharing.consent-required', severity: 'error', path: '/consent', message: '', params },
    ]).toldIn(lang);
  }
  return concepts;
}

/**
 * Records a person's consent to share `source`'s answers with the organisation of `targetProgramId`: 422 when not
 * confirmed (`/consent`), when a concept is not offered (`/concepts/i`), when nothing can be shared, or when `until`
 * is not a date within a year. `confirmedBy`: the person (`applicant`) or the caseworker who recorded it.
 */
export async function giveConsent(
  ctx: ServiceContext,
  source: ApplicationRecord,
  targetProgramId: string,
  input: SharingInput,
  purpose: SharingPurpose,
  by: { method: SharingConsent['method']; userId: string | null },
): Promise<SharingConsent> {
  const lang = input.lang ?? source.lang;
  const until = consentUntil(ctx, input, lang);
  const offer = await sharingOffer(ctx, source, targetProgramId, purpose, lang, until);
  const offered = offer.concepts.map((c) => c.id);
  if (offered.length === 0) {
    const from = await versionOf(ctx, source);
    throw unprocessable(words('sharing.nothing-to-share', { program: offer.title, source: localize(from.doc, lang).title })).toldIn(lang);
  }
  const concepts = consentConcepts(input, offered, offer.title, offer.organisation.name, lang);
  const from = await versionOf(ctx, source);
  const target = await targetInForce(ctx, targetProgramId);
  const shown = sharingStatement(from.doc, target.doc, offer.organisation.name, concepts, purpose, until, lang);
  const consent: SharingConsent = {
    id: randomUUID(),
    ...shown,
    method: by.method,
    confirmedBy: by.userId ?? 'applicant',
    confirmedAt: ctx.now().toISOString(),
    sourceApplicationId: source.id,
    programId: targetProgramId,
    organisationId: offer.organisation.id,
    concepts,
    purpose,
    until,
    withdrawnAt: null,
    withdrawnBy: null,
    shares: [],
  };
  return ctx.store.createSharingConsent(consent, {
    actorId: by.userId,
    action: 'consent.give',
    entity: 'consent',
    entityId: consent.id,
    details: {
      applicationId: source.id,
      programId: targetProgramId,
      organisationId: consent.organisationId,
      concepts,
      purpose,
      until,
      method: by.method,
    },
  });
}

/** The person gives consent from their application (resume code or creator) to share with `toProgramId`'s organisation. */
export async function consentFromApplication(
  ctx: ServiceContext,
  user: AuthUser | null,
  id: string,
  code: string | undefined,
  body: SharingInput & { toProgramId: string },
  client?: string,
) {
  const app = await loadApplicationFor(ctx, user, id, code, client);
  return consentView(
    ctx,
    await giveConsent(ctx, app, body.toProgramId, body, 'application', { method: 'checkbox', userId: user?.id ?? null }),
    body.lang ?? app.lang,
  );
}

/** Where prefilled answers come from: the earlier application and its resume code. */
export interface PrefillSource {
  applicationId: string;
  resumeCode: string;
}

/** The proposal for `target`: the answers the consents in force from `source` allow, with their questions' titles. */
async function proposal(ctx: ServiceContext, source: ApplicationRecord, target: ApplicationRecord, lang: string) {
  const consents = (await ctx.store.listSharingConsents(source.id)).filter((c) => c.programId === target.programId && inForce(c, today(ctx)));
  const targetVersion = await versionOf(ctx, target);
  if (consents.length === 0) {
    throw conflict(
      words('sharing.no-consent', { source: source.id, organisation: organisationName(inLanguage(targetVersion.doc, lang).doc) }),
      'no-consent',
    ).toldIn(lang);
  }
  const from = await versionOf(ctx, source);
  const allowed = [...new Set(consents.flatMap((c) => c.concepts))];
  const values = shareable(from.doc.form.concepts ?? {}, source.answers);
  const shown = inLanguage(targetVersion.doc, lang);
  const properties = (shown.doc.form.schema.properties ?? {}) as Record<string, { title?: string }>;
  const fields = prefill(targetVersion.doc.form.concepts ?? {}, values, allowed).map((f) => ({
    ...f,
    title: properties[f.field]?.title ?? f.field,
    conceptLabel: conceptLabel(f.concept, shown.lang),
  }));
  return {
    consents,
    fields,
    source: {
      applicationId: source.id,
      programId: source.programId,
      title: inLanguage(from.doc, lang).doc.title,
      organisation: organisationName(inLanguage(from.doc, lang).doc),
    },
  };
}

/**
 * The answers an earlier application (its id and resume code) may fill in a draft, under the consents in force,
 * for the person to check: nothing is saved. 409 `no-consent` when none is in force.
 */
export async function prefillFor(
  ctx: ServiceContext,
  user: AuthUser | null,
  id: string,
  code: string | undefined,
  body: { from: PrefillSource; lang?: string },
  client?: string,
) {
  const target = await loadApplicationFor(ctx, user, id, code, client);
  const source = await loadApplicationFor(ctx, null, body.from.applicationId, body.from.resumeCode, client);
  const { fields, source: from } = await proposal(ctx, source, target, body.lang ?? target.lang);
  return { source: from, fields };
}

/**
 * The person confirms (possibly corrected) prefilled answers: each must be one the proposal holds (422 at
 * `/answers/<field>`); the share is recorded under the consents (refused once withdrawn) and the answers saved.
 */
export async function confirmPrefill(
  ctx: ServiceContext,
  user: AuthUser | null,
  id: string,
  code: string | undefined,
  body: { from: PrefillSource; answers: Record<string, unknown>; revision?: number; lang?: string },
  client?: string,
) {
  const target = await loadApplicationFor(ctx, user, id, code, client);
  const lang = body.lang ?? target.lang;
  if (target.status === 'submitted') throw conflict(words('already-submitted'), 'already-submitted').toldIn(lang);
  const source = await loadApplicationFor(ctx, null, body.from.applicationId, body.from.resumeCode, client);
  const { consents, fields } = await proposal(ctx, source, target, lang);
  const allowed = fields.map((f) => f.field);
  for (const field of Object.keys(body.answers)) {
    if (allowed.includes(field)) continue;
    const params = { field, allowed };
    throw unprocessable(words('sharing.field', params), [
      { code: 'sharing.field', severity: 'error', path: `/answers/${field}`, message: '', params },
    ]).toldIn(lang);
  }
  const confirmed = fields.filter((f) => Object.hasOwn(body.answers, f.field));
  for (const consent of consents) {
    const concepts = confirmed.map((f) => f.concept).filter((c) => consent.concepts.includes(c));
    if (concepts.length === 0) continue;
    await ctx.store.recordConsentShare(
      consent.id,
      { applicationId: target.id, referralId: null, concepts, at: ctx.now().toISOString() },
      {
        actorId: user?.id ?? null,
        action: 'consent.share',
        entity: 'consent',
        entityId: consent.id,
        details: { from: source.id, to: target.id, concepts, fields: confirmed.map((f) => f.field) },
      },
    );
  }
  return saveAnswers(
    ctx,
    user,
    target.id,
    code,
    { answers: { ...target.answers, ...body.answers }, revision: body.revision, lang: body.lang },
    client,
  );
}

/** A consent as the person sees it: with whom, what (labels), why, until when, in force or withdrawn, each share. */
export async function consentView(ctx: ServiceContext, c: SharingConsent, lang: string) {
  const target = await ctx.store.listProgramVersions({ programId: c.programId, status: 'published' });
  const doc = target.at(-1)?.doc;
  const state = c.withdrawnAt ? 'withdrawn' : c.until < today(ctx) ? 'ended' : 'in-force';
  return {
    id: c.id,
    programId: c.programId,
    program: doc ? inLanguage(doc, lang).doc.title : c.programId,
    organisation: doc ? organisationName(inLanguage(doc, lang).doc) : c.organisationId,
    concepts: c.concepts.map((id) => ({ id, label: conceptLabel(id, lang) })),
    purpose: c.purpose,
    statement: c.statement,
    confirmedAt: c.confirmedAt,
    until: c.until,
    state,
    withdrawnAt: c.withdrawnAt,
    shares: c.shares,
  };
}

/** Who holds which answers of the status session's application: every consent given from it. */
export async function sharingOf(ctx: ServiceContext, app: ApplicationRecord, lang: string) {
  const consents = await ctx.store.listSharingConsents(app.id);
  return { items: await Promise.all(consents.map((c) => consentView(ctx, c, lang))) };
}

/** Withdraws one consent of the status session's application (404 for another's); nothing more is shared under it. */
export async function withdrawConsent(ctx: ServiceContext, app: ApplicationRecord, consentId: string, lang: string) {
  const consent = await ctx.store.getSharingConsent(consentId).catch(() => null);
  if (!consent || consent.sourceApplicationId !== app.id) throw notFound('consent', consentId);
  if (consent.withdrawnAt) throw conflict(words('sharing.withdrawn', { withdrawnAt: consent.withdrawnAt }), 'consent-withdrawn').toldIn(lang);
  const withdrawn = await ctx.store.withdrawSharingConsent(consentId, 'applicant', {
    actorId: null,
    action: 'consent.withdraw',
    entity: 'consent',
    entityId: consentId,
    details: { applicationId: app.id, programId: consent.programId, organisationId: consent.organisationId },
  });
  return consentView(ctx, withdrawn, lang);
}
