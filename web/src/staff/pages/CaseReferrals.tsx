/**
 * On the case page (issue 16): the referrals made for the case's person (by them or by staff), with where each
 * stands, so the referrer sees the outcome; and the form to refer them (`CaseReferForm`).
 */
import { useState } from 'react';
import { api } from '../../shared/api.ts';
import type { Referral, ReferralList } from '../../shared/api-types.ts';
import { useLoad } from '../../shared/hooks.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { CaseReferForm } from './CaseReferForm.tsx';
import { ReferralCard } from './ReferralCard.tsx';

/** The referrals section of case `caseId` (its application and program, to refer from it). */
export function CaseReferrals({ caseId, applicationId, programId }: { caseId: string; applicationId: string; programId: string }) {
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
      <CaseReferForm caseId={caseId} applicationId={applicationId} programId={programId} onSent={() => list.reload()} />
    </section>
  );
}
