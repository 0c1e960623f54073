/**
 * Referrals straight from a screening result (issue 16): a person who screened, with no application anywhere, asks
 * another organisation's program for help. They choose the contact details to share and how they want to be
 * contacted, untick any screening answer they keep to themselves, read the consent statement (what, with whom,
 * why, until when, how to withdraw) and send it. The receiving organisation's staff see it in their inbox with the
 * same statuses as every referral; the person follows it, and may cancel it (which withdraws the consent), with the
 * referral code they are given once (only its sha256 is stored).
 *
 *   screening answers + contact ──offer──▶ statement ──consent──▶ pending referral + code ──▶ the person follows it
 */
import { conceptById, conceptLabel, shareable } from '../../engine/index.ts';
import { randomUUID } from 'node:crypto';
import { digest, newResumeCode, normalizeResumeCode } from '../auth/tokens.ts';
import { HttpError, notFound, unprocessable, words } from '../http/errors.ts';
import type { ReferralContact, ReferralRecord, SharingConsent } from '../store/types.ts';
import { screeningStatement } from './consent.ts';
import { today, type ServiceContext } from './context.ts';
import { organisationName, programOrganisation } from './organisations-port.ts';
import { inLanguage } from './programs.ts';
import { assertTakesReferrals, referralView, storeReferral } from './referrals.ts';
import { versionsInForce } from './screening.ts';
import { consentConcepts, consentUntil, targetInForce, type SharingInput } from './shared-answers.ts';

/** The concepts that come from the contact details, never from the screening answers. */
const CONTACT_CONCEPTS = ['person.name', 'contact.email', 'contact.phone'] as const;
/** Throttle key of follow-code attempts (per client address, like resume codes). */
const FOLLOW_KEY = 'referral-code';

/** The body of a referral from a screening result. */
export interface ScreeningReferralInput extends SharingInput {
  toProgramId: string;
  answers: Record<string, unknown>;
  contact?: { name: string; email?: string; phone?: string; preferred: ReferralContact['preferred']; note?: string };
  note?: string;
}

const refused = (
  key: 'referral.answer-type' | 'referral.contact-way' | 'referral.contact-preferred',
  path: string,
  params: Record<string, unknown>,
  lang: string,
) => unprocessable(words(key, params as never), [{ code: key, severity: 'error', path, message: '', params: params as never }]).toldIn(lang);

/** Whether `value` has the shape a concept of `type` holds (the screener's answers arrive unchecked). */
function fits(type: string, value: unknown): boolean {
  if (type === 'string') return typeof value === 'string' && value.length <= 500;
  if (type === 'date') return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
  if (type === 'integer') return Number.isInteger(value);
  if (type === 'number') return typeof value === 'number' && Number.isFinite(value);
  return Array.isArray(value) && value.length <= 50;
}

/**
 * The concept values the screening answers hold (each program in force names its questions' concepts; the screener
 * asks each question once), contact concepts left out: 422 at `/answers/<question>` for an answer of the wrong shape.
 */
async function screeningValues(ctx: ServiceContext, answers: Record<string, unknown>, lang: string): Promise<Record<string, unknown>> {
  const values: Record<string, unknown> = {};
  for (const version of await versionsInForce(ctx, today(ctx))) {
    const concepts = version.doc.form.concepts ?? {};
    for (const [field, id] of Object.entries(concepts)) {
      if ((CONTACT_CONCEPTS as readonly string[]).includes(id) || answers[field] === undefined || answers[field] === null) continue;
      const type = conceptById(id)?.type;
      if (type && !fits(type, answers[field])) throw refused('referral.answer-type', `/answers/${field}`, { field, concept: id, type }, lang);
    }
    for (const [id, value] of Object.entries(shareable(concepts, answers))) {
      if (!(CONTACT_CONCEPTS as readonly string[]).includes(id) && values[id] === undefined) values[id] = value;
    }
  }
  return values;
}

/** What referring from these screening answers to `toProgramId` would share, and the statement to agree to. */
export async function screeningReferralOffer(
  ctx: ServiceContext,
  body: { toProgramId: string; answers: Record<string, unknown>; preferred?: ReferralContact['preferred']; until?: string; lang?: string },
) {
  const lang = body.lang ?? 'en';
  const target = await targetInForce(ctx, body.toProgramId);
  const until = consentUntil(ctx, body, lang);
  const asked = new Set(Object.values(target.doc.form.concepts ?? {}));
  const values = await screeningValues(ctx, body.answers, lang);
  const concepts = Object.keys(values).filter((c) => asked.has(c));
  const shown = inLanguage(target.doc, lang);
  const organisation = organisationName(shown.doc);
  const capacity = await ctx.store.getCapacity(target.programId);
  const statement = screeningStatement(target.doc, organisation, [...CONTACT_CONCEPTS, ...concepts], body.preferred ?? 'email', until, lang);
  return {
    programId: target.programId,
    title: shown.doc.title,
    organisation: { id: await programOrganisation(ctx, target.programId), name: organisation },
    capacity: capacity.capacity,
    capacityNote: capacity.note,
    concepts: concepts.map((id) => ({ id, label: conceptLabel(id, statement.lang), value: values[id] })),
    until,
    purpose: 'referral' as const,
    ...statement,
  };
}

/** The contact details as shared: 422 unless there is a way to reach the person and it is the way they prefer. */
function contactOf(body: ScreeningReferralInput, lang: string): ReferralContact {
  const c = body.contact!;
  const email = c.email?.trim() || null;
  const phone = c.phone?.trim() || null;
  if (!email && !phone) throw refused('referral.contact-way', '/contact', {}, lang);
  if (c.preferred === 'email' ? !email : !phone) {
    throw refused(
      'referral.contact-preferred',
      '/contact/preferred',
      { preferred: c.preferred, missing: c.preferred === 'email' ? 'email' : 'phone' },
      lang,
    );
  }
  return { name: c.name.trim(), email, phone, preferred: c.preferred, note: c.note?.trim() || null };
}

/**
 * Refers the person from their screening answers: the target must be in force and take new people (409
 * `capacity-closed`), the contact details must reach them (422 at `/contact`), the concepts must be offered and
 * the consent confirmed (422). Answers the referral and, once, the code the person follows it with.
 */
export async function referFromScreening(ctx: ServiceContext, body: ScreeningReferralInput) {
  const lang = body.lang ?? 'en';
  const target = await targetInForce(ctx, body.toProgramId);
  await assertTakesReferrals(ctx, target, lang);
  const contact = contactOf(body, lang);
  const offer = await screeningReferralOffer(ctx, { ...body, preferred: contact.preferred });
  const concepts = consentConcepts(
    body,
    offer.concepts.map((c) => c.id),
    offer.title,
    offer.organisation.name,
    lang,
  );
  const values = await screeningValues(ctx, body.answers, lang);
  const contactValues: Record<string, unknown> = {
    'person.name': contact.name,
    ...(contact.email ? { 'contact.email': contact.email } : {}),
    ...(contact.phone ? { 'contact.phone': contact.phone } : {}),
  };
  const covered = [...Object.keys(contactValues), ...concepts];
  const shown = screeningStatement(target.doc, offer.organisation.name, covered, contact.preferred, offer.until, lang);
  const consent: SharingConsent = {
    id: randomUUID(),
    ...shown,
    method: 'checkbox',
    confirmedBy: 'applicant',
    confirmedAt: ctx.now().toISOString(),
    sourceApplicationId: null,
    programId: target.programId,
    organisationId: offer.organisation.id,
    concepts: covered,
    purpose: 'referral',
    until: offer.until,
    withdrawnAt: null,
    withdrawnBy: null,
    shares: [],
  };
  await ctx.store.createSharingConsent(consent, {
    actorId: null,
    action: 'consent.give',
    entity: 'consent',
    entityId: consent.id,
    details: {
      source: 'screener',
      programId: target.programId,
      organisationId: consent.organisationId,
      concepts: covered,
      purpose: 'referral',
      until: consent.until,
      method: 'checkbox',
    },
  });
  const code = newResumeCode();
  const referral = await storeReferral(ctx, {
    from: { programId: null, applicationId: null, caseId: null },
    target,
    consent,
    shared: { ...contactValues, ...Object.fromEntries(concepts.map((c) => [c, values[c]])) },
    personName: contact.name,
    note: body.note?.trim() || null,
    by: null,
    contact,
    followCodeHash: digest(normalizeResumeCode(code)),
  });
  return { ...(await followView(ctx, referral, lang)), referralCode: code };
}

/** The referral a follow code opens; 404 (throttled per client like resume codes) for a wrong one. */
async function byCode(ctx: ServiceContext, code: string | undefined, client: string | undefined): Promise<ReferralRecord> {
  if (!code) throw new HttpError(400, 'referral-code-required', words('referral.code-required'));
  await ctx.resumeThrottle?.check(client, FOLLOW_KEY);
  const referral = await ctx.store.getReferralByFollowCode(digest(normalizeResumeCode(code)));
  if (referral) return referral;
  await ctx.resumeThrottle?.fail(client, FOLLOW_KEY);
  throw notFound('referral', 'with this code');
}

/** What the person sees of their referral: where it stands, its history, what they shared and their consent. */
async function followView(ctx: ServiceContext, r: ReferralRecord, lang: string) {
  const view = await referralView(ctx, r, lang);
  const consent = await ctx.store.getSharingConsent(r.consentId);
  const state = consent.withdrawnAt ? 'withdrawn' : consent.until < today(ctx) ? 'ended' : 'in-force';
  const history = view.history.map(({ by: _staff, ...event }) => event);
  return {
    ...view,
    history,
    referredBy: null,
    consent: { id: consent.id, statement: consent.statement, lang: consent.lang, until: consent.until, state, withdrawnAt: consent.withdrawnAt },
  };
}

/** The person follows their referral from the screener with its code. */
export async function followReferral(ctx: ServiceContext, code: string | undefined, lang: string, client?: string) {
  return followView(ctx, await byCode(ctx, code, client), lang);
}

/**
 * The person cancels their referral from the screener (while it is open) and withdraws its consent: nothing more is
 * shared; what was shared stays with the organisation. A closed referral keeps its status; the consent is withdrawn.
 */
export async function cancelFollowedReferral(ctx: ServiceContext, code: string | undefined, lang: string, client?: string) {
  const r = await byCode(ctx, code, client);
  const consent = await ctx.store.getSharingConsent(r.consentId);
  if (!consent.withdrawnAt) {
    await ctx.store.withdrawSharingConsent(consent.id, 'applicant', {
      actorId: null,
      action: 'consent.withdraw',
      entity: 'consent',
      entityId: consent.id,
      details: { referralId: r.id, programId: consent.programId, organisationId: consent.organisationId },
    });
  }
  let current = r;
  if (['pending', 'accepted', 'needs-client-action', 'in-progress'].includes(r.status)) {
    const at = ctx.now().toISOString();
    current = await ctx.store.saveReferral(
      {
        ...r,
        status: 'cancelled',
        reason: null,
        updatedAt: at,
        history: [...r.history, { at, status: 'cancelled', reason: null, note: null, by: null }],
      },
      r.revision,
      {
        actorId: null,
        action: 'referral.update',
        entity: 'referral',
        entityId: r.id,
        details: { from: r.status, to: 'cancelled', reason: null, by: 'person' },
      },
    );
  }
  return followView(ctx, current, lang);
}
