/**
 * Closed-loop referrals (issue 16). From a submitted application (the person, on their result page) or its case (a
 * caseworker), a referral goes to another organisation's program with the person's recorded consent, carrying the
 * consented answers (the receiver's copy). The receiving organisation's staff see it in their inbox and move it
 * along; the outcome flows back to the referrer's case and the person's status page.
 *
 *   pending ─▶ accepted ─▶ in-progress ─▶ got-help          (receiver)
 *      │  └──▶ needs-client-action ◀──┘                      (receiver)
 *      └──▶ declined (with a reason)                         (receiver, from any open status)
 *      └──▶ cancelled                                        (referrer, from any open status)
 *
 * An open referral unchanged for `referralStaleDays` (settings, default 14) is flagged stale. Each program states
 * its capacity (open / waitlist / closed), shown to the referrer before the programs' names.
 */
import { randomUUID } from 'node:crypto';
import { conceptLabel, shareable } from '../../engine/index.ts';
import type { AuthUser } from '../auth/context.ts';
import { conflict, forbidden, notFound, unprocessable, words } from '../http/errors.ts';
import type {
  ApplicationRecord,
  CapacityRecord,
  DeclineReason,
  ProgramVersionRecord,
  ReferralContact,
  ReferralRecord,
  ReferralStatus,
  SharingConsent,
} from '../store/types.ts';
import { loadApplicationFor } from './access.ts';
import { requireCase } from './cases.ts';
import { today, type ServiceContext } from './context.ts';
import { organisationName, programOrganisation, staffPrograms } from './organisations-port.ts';
import { inLanguage } from './programs.ts';
import { versionsInForce } from './screening.ts';
import { giveConsent, targetInForce, versionOf, type SharingInput } from './shared-answers.ts';

/** The reasons a receiver may decline with (findhelp's). */
export const DECLINE_REASONS: readonly DeclineReason[] = [
  'could-not-contact',
  'not-eligible',
  'no-capacity',
  'no-longer-interested',
  'referred-elsewhere',
];

/** The statuses a receiver may move a referral to, from each status. */
const RECEIVER_STEPS: Record<ReferralStatus, readonly ReferralStatus[]> = {
  pending: ['accepted', 'needs-client-action', 'declined'],
  accepted: ['in-progress', 'needs-client-action', 'got-help', 'declined'],
  'needs-client-action': ['accepted', 'in-progress', 'declined'],
  'in-progress': ['needs-client-action', 'got-help', 'declined'],
  'got-help': [],
  declined: [],
  cancelled: [],
};
/** Statuses a referral is still open in (the referrer may cancel; staleness counts). */
const OPEN: readonly ReferralStatus[] = ['pending', 'accepted', 'needs-client-action', 'in-progress'];
const CAPACITY_ORDER = { open: 0, waitlist: 1, closed: 2 } as const;

const daysBetween = (from: string, to: Date) => Math.floor((to.getTime() - Date.parse(from)) / 86_400_000);

/** Every program in the store (published), for the staff's scope. */
async function allProgramIds(ctx: ServiceContext): Promise<string[]> {
  return [...new Set((await ctx.store.listProgramVersions({ status: 'published' })).map((v) => v.programId))];
}

/**
 * The programs a referral from `fromProgramId` may go to (not it, nor its layers; every program in force when there
 * is none: a referral from the screener), with capacity first, open ones first.
 */
export async function referralTargets(ctx: ServiceContext, fromProgramId: string | undefined, lang?: string) {
  // A layer of the referring program (a state's SNAP over the federal one) is the same program, not another one.
  const versions = (await versionsInForce(ctx, today(ctx))).filter(
    (v) => fromProgramId === undefined || (v.programId !== fromProgramId && v.doc.extends?.program !== fromProgramId),
  );
  const items = await Promise.all(
    versions.map(async (v) => {
      const capacity = await ctx.store.getCapacity(v.programId);
      const shown = inLanguage(v.doc, lang);
      return {
        capacity: capacity.capacity,
        capacityNote: capacity.note,
        programId: v.programId,
        title: shown.doc.title,
        description: shown.doc.description,
        organisation: { id: await programOrganisation(ctx, v.programId), name: organisationName(shown.doc) },
        concepts: [...new Set(Object.values(v.doc.form.concepts ?? {}))].map((id) => ({ id, label: conceptLabel(id, shown.lang) })),
      };
    }),
  );
  items.sort((a, b) => CAPACITY_ORDER[a.capacity] - CAPACITY_ORDER[b.capacity] || a.title.localeCompare(b.title));
  return { items };
}

/** The body of a new referral. */
export interface ReferralInput extends SharingInput {
  toProgramId: string;
  note?: string;
}

/**
 * 409 `capacity-closed` unless `target` takes new people (open or waitlist): every route that creates a referral
 * asks this first, so a closed program is refused by the API, not only hidden in the pages.
 */
export async function assertTakesReferrals(ctx: ServiceContext, target: ProgramVersionRecord, lang: string): Promise<void> {
  const capacity = await ctx.store.getCapacity(target.programId);
  if (capacity.capacity !== 'closed') return;
  const doc = inLanguage(target.doc, lang).doc;
  const params = {
    program: doc.title,
    programId: target.programId,
    capacity: capacity.capacity,
    note: capacity.note ?? '',
    organisation: organisationName(doc),
  };
  throw conflict(words('referral.capacity-closed', params), 'capacity-closed', {
    programId: target.programId,
    capacity: capacity.capacity,
    capacityNote: capacity.note,
  }).toldIn(lang);
}

/**
 * Stores a new pending referral carrying `shared` under `consent`, and the share under the consent, each audited.
 * `from`: the referring application and case, or nulls for a referral from the screener.
 */
export async function storeReferral(
  ctx: ServiceContext,
  input: {
    from: { programId: string | null; applicationId: string | null; caseId: string | null };
    target: ProgramVersionRecord;
    consent: SharingConsent;
    shared: Record<string, unknown>;
    personName: string;
    note: string | null;
    by: string | null;
    contact?: ReferralContact;
    followCodeHash?: string;
  },
): Promise<ReferralRecord> {
  const at = ctx.now().toISOString();
  const { from, consent, shared } = input;
  const referral: ReferralRecord = {
    id: randomUUID(),
    fromProgramId: from.programId,
    fromApplicationId: from.applicationId,
    fromCaseId: from.caseId,
    toProgramId: input.target.programId,
    toOrganisationId: await programOrganisation(ctx, input.target.programId),
    consentId: consent.id,
    status: 'pending',
    reason: null,
    personName: input.personName,
    shared,
    note: input.note,
    referredBy: input.by,
    targetApplicationId: null,
    ...(input.contact ? { contact: input.contact, followCodeHash: input.followCodeHash ?? null } : {}),
    history: [{ at, status: 'pending', reason: null, note: input.note, by: input.by }],
    revision: 1,
    createdAt: at,
    updatedAt: at,
  };
  await ctx.store.createReferral(referral, {
    actorId: input.by,
    action: 'referral.create',
    entity: 'referral',
    entityId: referral.id,
    details: {
      from: from.programId ?? 'screener',
      to: referral.toProgramId,
      applicationId: from.applicationId,
      caseId: from.caseId,
      consentId: consent.id,
      concepts: consent.concepts,
    },
  });
  await ctx.store.recordConsentShare(
    consent.id,
    { applicationId: null, referralId: referral.id, concepts: Object.keys(shared), at },
    {
      actorId: input.by,
      action: 'consent.share',
      entity: 'consent',
      entityId: consent.id,
      details: { referralId: referral.id, concepts: Object.keys(shared) },
    },
  );
  return referral;
}

/** Makes the referral (and its consent) from a submitted application. */
async function refer(
  ctx: ServiceContext,
  app: ApplicationRecord,
  caseId: string | null,
  body: ReferralInput,
  by: { method: SharingConsent['method']; userId: string | null },
) {
  const lang = body.lang ?? app.lang;
  if (app.status !== 'submitted') throw conflict(words('referral.not-submitted'), 'not-submitted').toldIn(lang);
  if (body.toProgramId === app.programId) {
    throw unprocessable(words('referral.same-program'), [
      { code: 'referral.same-program', severity: 'error', path: '/toProgramId', message: '', params: {} },
    ]).toldIn(lang);
  }
  const target = await targetInForce(ctx, body.toProgramId);
  await assertTakesReferrals(ctx, target, lang);
  const consent = await giveConsent(ctx, app, body.toProgramId, body, 'referral', by);
  const from = await versionOf(ctx, app);
  const values = shareable(from.doc.form.concepts ?? {}, app.answers);
  const shared = Object.fromEntries(consent.concepts.filter((c) => values[c] !== undefined).map((c) => [c, values[c]]));
  const referral = await storeReferral(ctx, {
    from: { programId: app.programId, applicationId: app.id, caseId },
    target,
    consent,
    shared,
    personName: String(values['person.name'] ?? app.onBehalfOf ?? ''),
    note: body.note ?? null,
    by: by.userId,
  });
  return referralView(ctx, referral, lang);
}

/** The person refers themselves from their submitted application (resume code or creator). */
export async function referFromApplication(
  ctx: ServiceContext,
  user: AuthUser | null,
  id: string,
  code: string | undefined,
  body: ReferralInput,
  client?: string,
) {
  const app = await loadApplicationFor(ctx, user, id, code, client);
  const kase = await ctx.store.getCaseByApplication(app.id);
  return refer(ctx, app, kase?.id ?? null, body, { method: 'checkbox', userId: user?.id ?? null });
}

/** A caseworker refers the person of a case, recording the consent the person gave them. */
export async function referFromCase(ctx: ServiceContext, user: AuthUser, caseId: string, body: ReferralInput) {
  const kase = await requireCase(ctx, caseId);
  if ((await staffPrograms(ctx, user, [kase.programId])).length === 0) throw notFound('case', caseId);
  const app = await ctx.store.getApplication(kase.applicationId);
  if (!app) throw notFound('application', kase.applicationId);
  return refer(ctx, app, kase.id, body, { method: 'staff-recorded', userId: user.id });
}

/** Days after which an open referral to `organisationId`'s programs is stale: that organisation's settings. */
export async function staleDaysOf(ctx: ServiceContext, organisationId: string): Promise<number> {
  return (await ctx.store.getSettings(organisationId)).referralStaleDays ?? 14;
}

/**
 * A referral as its parties see it: the program titles (`from` null for a referral from the screener), the status,
 * whether it is stale (by the receiving organisation's settings), the shared answers and contact; never the hash of
 * the person's follow code.
 */
export async function referralView(ctx: ServiceContext, r: ReferralRecord, lang: string, staleDays?: number) {
  const days = staleDays ?? (await staleDaysOf(ctx, r.toOrganisationId));
  const titles = new Map<string, { title: string; organisation: string }>();
  for (const id of [r.fromProgramId, r.toProgramId]) {
    if (id === null) continue;
    const doc = (await ctx.store.listProgramVersions({ programId: id, status: 'published' })).at(-1)?.doc;
    titles.set(
      id,
      doc ? { title: inLanguage(doc, lang).doc.title, organisation: organisationName(inLanguage(doc, lang).doc) } : { title: id, organisation: id },
    );
  }
  const idle = daysBetween(r.updatedAt, ctx.now());
  const { followCodeHash: _secret, ...record } = r;
  return {
    ...record,
    source: r.fromApplicationId === null ? ('screening' as const) : ('application' as const),
    contact: r.contact ?? null,
    from: r.fromProgramId === null ? null : titles.get(r.fromProgramId)!,
    to: titles.get(r.toProgramId)!,
    capacity: (await ctx.store.getCapacity(r.toProgramId)).capacity,
    stale: OPEN.includes(r.status) && idle >= days,
    idleDays: idle,
    sharedAnswers: Object.entries(r.shared).map(([concept, value]) => ({ concept, label: conceptLabel(concept, lang), value })),
  };
}

/**
 * The staff inbox: referrals received by the programs of the user's organisations, and those they sent; `staleDays`
 * is the user's first organisation's (each referral is flagged by its receiving organisation's).
 */
export async function referralInbox(ctx: ServiceContext, user: AuthUser, lang = 'en') {
  const mine = await staffPrograms(ctx, user, await allProgramIds(ctx));
  const [received, sent] = await Promise.all([ctx.store.listReferrals({ toProgramIds: mine }), ctx.store.listReferrals({ fromProgramIds: mine })]);
  const days = new Map<string, number>();
  const view = async (r: ReferralRecord) => {
    if (!days.has(r.toOrganisationId)) days.set(r.toOrganisationId, await staleDaysOf(ctx, r.toOrganisationId));
    return referralView(ctx, r, lang, days.get(r.toOrganisationId));
  };
  const home = (await ctx.store.membershipsOf(user.id))[0]?.organisationId ?? 'default';
  return { received: await Promise.all(received.map(view)), sent: await Promise.all(sent.map(view)), staleDays: await staleDaysOf(ctx, home) };
}

/** The referrals made from a case's application (the referrer's view of their outcome). */
export async function caseReferrals(ctx: ServiceContext, user: AuthUser, caseId: string, lang = 'en') {
  const kase = await requireCase(ctx, caseId);
  if ((await staffPrograms(ctx, user, [kase.programId])).length === 0) throw notFound('case', caseId);
  const items = await ctx.store.listReferrals({ fromApplicationId: kase.applicationId });
  return { items: await Promise.all(items.map((r) => referralView(ctx, r, lang))) };
}

/** The referrals made from the status session's application. */
export async function applicationReferrals(ctx: ServiceContext, app: ApplicationRecord, lang: string) {
  const items = await ctx.store.listReferrals({ fromApplicationId: app.id });
  return { items: await Promise.all(items.map((r) => referralView(ctx, r, lang))) };
}

/**
 * Moves a referral: the receiving programs' staff along `RECEIVER_STEPS` (a decline names one of
 * `DECLINE_REASONS`), the referring programs' staff to `cancelled`. 403 for anyone else; 409 on a stale revision.
 */
export async function updateReferral(
  ctx: ServiceContext,
  user: AuthUser,
  id: string,
  body: { status: ReferralStatus; reason?: DeclineReason; note?: string; revision: number; lang?: string },
) {
  const lang = body.lang ?? 'en';
  const r = await ctx.store.getReferral(id);
  const receiver = (await staffPrograms(ctx, user, [r.toProgramId])).length > 0;
  const sender = r.fromProgramId !== null && (await staffPrograms(ctx, user, [r.fromProgramId])).length > 0;
  const allowed = [...(receiver ? RECEIVER_STEPS[r.status] : []), ...(sender && OPEN.includes(r.status) ? (['cancelled'] as const) : [])];
  if (!receiver && !sender) {
    const doc = (await ctx.store.listProgramVersions({ programId: r.toProgramId, status: 'published' })).at(-1)?.doc;
    throw forbidden(
      words('referral.not-receiver', { organisation: doc ? organisationName(doc) : r.toOrganisationId, program: doc?.title ?? r.toProgramId }),
      'not-receiver',
    ).toldIn(lang);
  }
  if (!allowed.includes(body.status)) {
    const params = { from: r.status, to: body.status, allowed };
    throw unprocessable(words('referral.step', params), [{ code: 'referral.step', severity: 'error', path: '/status', message: '', params }]).toldIn(
      lang,
    );
  }
  if (body.status === 'declined' && !body.reason) {
    const params = { allowed: DECLINE_REASONS };
    throw unprocessable(words('referral.reason-required', params), [
      { code: 'referral.reason-required', severity: 'error', path: '/reason', message: '', params },
    ]).toldIn(lang);
  }
  const at = ctx.now().toISOString();
  const reason = body.status === 'declined' ? (body.reason ?? null) : null;
  const next: ReferralRecord = {
    ...r,
    status: body.status,
    reason,
    updatedAt: at,
    history: [...r.history, { at, status: body.status, reason, note: body.note ?? null, by: user.id }],
  };
  const saved = await ctx.store.saveReferral(next, body.revision, {
    actorId: user.id,
    action: 'referral.update',
    entity: 'referral',
    entityId: r.id,
    details: { from: r.status, to: body.status, reason },
  });
  return referralView(ctx, saved, lang);
}

/** A program's capacity (anyone: the referrer sees it first). */
export async function capacityOf(ctx: ServiceContext, programId: string): Promise<CapacityRecord> {
  await targetInForce(ctx, programId);
  return ctx.store.getCapacity(programId);
}

/** Sets a program's capacity: staff of its organisation only (403 otherwise). */
export async function setCapacity(
  ctx: ServiceContext,
  user: AuthUser,
  programId: string,
  body: { capacity: CapacityRecord['capacity']; note?: string },
) {
  await targetInForce(ctx, programId);
  if ((await staffPrograms(ctx, user, [programId])).length === 0) {
    const doc = (await targetInForce(ctx, programId)).doc;
    throw forbidden(words('referral.not-receiver', { organisation: organisationName(doc), program: doc.title }), 'not-receiver');
  }
  const before = await ctx.store.getCapacity(programId);
  const record: CapacityRecord = {
    programId,
    capacity: body.capacity,
    note: body.note ?? null,
    updatedAt: ctx.now().toISOString(),
    updatedBy: user.id,
  };
  return ctx.store.setCapacity(record, {
    actorId: user.id,
    action: 'program.capacity',
    entity: 'program',
    entityId: programId,
    details: { from: before.capacity, to: body.capacity },
  });
}
