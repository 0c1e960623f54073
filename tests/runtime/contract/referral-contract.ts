/**
 * The storage contract of networks of care (part of `describeStoreContract`): sharing consents (withdrawn once,
 * no share after withdrawal), referrals (filters, optimistic revision) and program capacity.
 */
import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../../../runtime/store/errors.ts';
import type { ReferralRecord, SharingConsent } from '../../../runtime/store/types.ts';
import { auditOf } from './fixtures.ts';
import type { StoreHolder } from './store-contract.ts';

const consentOf = (id: string, source = 'app-1'): SharingConsent => ({
  id,
  statement: 'Ana agrees to share her name with the food bank.',
  lang: 'en',
  method: 'checkbox',
  confirmedBy: 'applicant',
  confirmedAt: `2026-01-0${id.length % 9}T10:00:00.000Z`,
  sourceApplicationId: source,
  programId: 'food-bank',
  organisationId: 'default',
  concepts: ['person.name'],
  purpose: 'referral',
  until: '2026-12-31',
  withdrawnAt: null,
  withdrawnBy: null,
  shares: [],
});

const referralOf = (id: string, over: Partial<ReferralRecord> = {}): ReferralRecord => ({
  id,
  fromProgramId: 'snap',
  fromApplicationId: 'app-1',
  fromCaseId: null,
  toProgramId: 'food-bank',
  toOrganisationId: 'default',
  consentId: 'c-1',
  status: 'pending',
  reason: null,
  personName: 'Ana Ruiz',
  shared: { 'person.name': 'Ana Ruiz' },
  note: null,
  referredBy: null,
  targetApplicationId: null,
  history: [{ at: '2026-01-01T10:00:00.000Z', status: 'pending', reason: null, note: null, by: null }],
  revision: 1,
  createdAt: '2026-01-01T10:00:00.000Z',
  updatedAt: '2026-01-01T10:00:00.000Z',
  ...over,
});

export function describeReferralContract(h: StoreHolder): void {
  describe('sharing consents, referrals and capacity', () => {
    it('keeps a consent, records shares under it and refuses any share after it is withdrawn', async () => {
      await h.store.createSharingConsent(consentOf('c-1'), auditOf('consent.give', 'c-1'));
      await h.store.createSharingConsent(consentOf('c-22', 'app-2'));
      expect((await h.store.listSharingConsents('app-1')).map((c) => c.id)).toEqual(['c-1']);
      const shared = await h.store.recordConsentShare('c-1', {
        applicationId: 'app-9',
        referralId: null,
        concepts: ['person.name'],
        at: '2026-01-02T00:00:00.000Z',
      });
      expect(shared.shares).toHaveLength(1);
      const withdrawn = await h.store.withdrawSharingConsent('c-1', 'applicant', auditOf('consent.withdraw', 'c-1'));
      expect(withdrawn.withdrawnAt).toBeTruthy();
      expect(await h.store.getSharingConsent('c-1')).toMatchObject({ withdrawnBy: 'applicant', shares: [{ applicationId: 'app-9' }] });
      await expect(h.store.withdrawSharingConsent('c-1', 'applicant')).rejects.toMatchObject({ code: 'wrong-state' });
      const late = await h.store
        .recordConsentShare('c-1', { applicationId: 'app-10', referralId: null, concepts: [], at: '2026-01-03T00:00:00.000Z' })
        .catch((e) => e);
      expect(late).toBeInstanceOf(ConflictError);
      await expect(h.store.getSharingConsent('nope')).rejects.toBeInstanceOf(NotFoundError);
      const actions = (await h.store.listAudit({ entity: 'consent' })).map((a) => a.action);
      expect(actions).toEqual(['consent.give', 'consent.withdraw']);
    });

    it('lists referrals by receiving program, source application and case, and refuses a stale revision', async () => {
      await h.store.createReferral(referralOf('r-1'), auditOf('referral.create', 'r-1'));
      await h.store.createReferral(referralOf('r-2', { toProgramId: 'rental', fromCaseId: 'case-1', createdAt: '2026-01-02T10:00:00.000Z' }));
      expect((await h.store.listReferrals({ toProgramIds: ['food-bank'] })).map((r) => r.id)).toEqual(['r-1']);
      expect((await h.store.listReferrals({ toProgramIds: [] })).map((r) => r.id)).toEqual([]);
      expect((await h.store.listReferrals({ fromApplicationId: 'app-1' })).map((r) => r.id)).toEqual(['r-2', 'r-1']);
      expect((await h.store.listReferrals({ fromCaseId: 'case-1' })).map((r) => r.id)).toEqual(['r-2']);
      const r1 = await h.store.getReferral('r-1');
      const accepted = await h.store.saveReferral({ ...r1, status: 'accepted' }, r1.revision, auditOf('referral.accept', 'r-1'));
      expect(accepted).toMatchObject({ status: 'accepted', revision: 2 });
      expect(await h.store.getReferral('r-1')).toMatchObject({ status: 'accepted', revision: 2 });
      await expect(h.store.saveReferral({ ...r1, status: 'declined' }, r1.revision)).rejects.toMatchObject({ code: 'stale-revision' });
      await expect(h.store.getReferral('r-3')).rejects.toBeInstanceOf(NotFoundError);
    });

    it('keeps a referral from the screener (no program, application or consent source) and finds it by its follow code only', async () => {
      await h.store.createSharingConsent({ ...consentOf('c-s'), sourceApplicationId: null });
      const contact = { name: 'Ana Ruiz', email: null, phone: '401-555-0134', preferred: 'phone' as const, note: null };
      const fromScreener = referralOf('r-s', { fromProgramId: null, fromApplicationId: null, consentId: 'c-s', contact, followCodeHash: 'hash-1' });
      await h.store.createReferral(fromScreener);
      await h.store.createReferral(referralOf('r-t', { fromProgramId: null, fromApplicationId: null, contact, followCodeHash: 'hash-2' }));
      expect(await h.store.getReferralByFollowCode('hash-1')).toEqual(fromScreener);
      expect(await h.store.getReferralByFollowCode('hash-3')).toBeNull();
      expect((await h.store.listReferrals({ toProgramIds: ['food-bank'], fromProgramIds: ['snap'] })).map((r) => r.id)).not.toContain('r-s');
      expect((await h.store.listReferrals({ toProgramIds: ['food-bank'] })).map((r) => r.id)).toContain('r-s');
      expect(await h.store.getSharingConsent('c-s')).toMatchObject({ sourceApplicationId: null });
      const saved = await h.store.saveReferral({ ...fromScreener, status: 'cancelled' }, 1);
      expect(await h.store.getReferralByFollowCode('hash-1')).toEqual(saved);
    });

    it('reads a program as open until its capacity is set, then the capacity set last', async () => {
      expect(await h.store.getCapacity('food-bank')).toMatchObject({ capacity: 'open', updatedAt: null });
      const at = '2026-01-01T10:00:00.000Z';
      await h.store.setCapacity({ programId: 'food-bank', capacity: 'waitlist', note: 'Two weeks', updatedAt: at, updatedBy: 'u-1' });
      await h.store.setCapacity({ programId: 'food-bank', capacity: 'closed', note: null, updatedAt: at, updatedBy: 'u-1' });
      expect(await h.store.getCapacity('food-bank')).toEqual({
        programId: 'food-bank',
        capacity: 'closed',
        note: null,
        updatedAt: at,
        updatedBy: 'u-1',
      });
    });
  });
}
