/**
 * On the case page (issue 16): the referrals made for the case's person (by them or by staff), with where each
 * stands, so the referrer sees the outcome.
 */
import { useState } from 'react';
import { api } from '../../shared/api.ts';
import type { Referral, ReferralList } from '../../shared/api-types.ts';
import { useLoad } from '../../shared/hooks.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { ReferralCard } from './ReferralCard.tsx';

/** The referrals section of case `caseId`. */
export function CaseReferrals({ caseId }: { caseId: string }) {
  const { t, lang } = useI18n();
  const list = useLoad(
    () => api<ReferralList>('GET', `/api/cases/${encodeURIComponent(caseId)}/referrals?lang=${encodeURIComponent(lang)}`),
    [caseId, lang],
  );
  const [changed, setChanged] = useState<Record<string, Referral>>({});
  const items = (list.data?.items ?? []).map((r) => changed[r.id] ?? r);
  return (
    <section aria-labelledby="referrals-heading" data-testid="case-referrals">
      <h2 id="referrals-heading">{t('caseReferrals.heading')}</h2>
      {list.data && items.length === 0 && <p>{t('caseReferrals.none')}</p>}
      <ul className="usa-card-group">
        {items.map((r) => (
          <ReferralCard key={r.id} referral={r} side="case" onChange={(next) => setChanged({ ...changed, [next.id]: next })} />
        ))}
      </ul>
    </section>
  );
}
