/**
 * On the case page (issue 16): a caseworker refers the case's person to another organisation's program. The
 * programs come capacity first; for the one chosen, the statement to read to the person (what is shared, with whom,
 * why, until when), and a box the caseworker ticks when the person agreed. Nothing is sent without it.
 */
import { useState } from 'react';
import { api } from '../../shared/api.ts';
import type { Referral, ReferralTargets, SharingOffer } from '../../shared/api-types.ts';
import { AgreementCheckbox, Alert, errorText } from '../../shared/components.tsx';
import { useLoad } from '../../shared/hooks.ts';
import { useI18n } from '../../shared/i18n.tsx';

/** The refer form of case `caseId` (its application `applicationId`, of program `programId`). */
export function CaseReferForm(props: { caseId: string; applicationId: string; programId: string; onSent: (r: Referral) => void }) {
  const { t, lang } = useI18n();
  const targets = useLoad(
    () => api<ReferralTargets>('GET', `/api/referral-targets?from=${encodeURIComponent(props.programId)}&lang=${encodeURIComponent(lang)}`),
    [props.programId, lang],
  );
  const [chosen, setChosen] = useState('');
  const [agreed, setAgreed] = useState(false);
  const [missing, setMissing] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const offer = useLoad(
    () =>
      chosen
        ? api<SharingOffer>(
            'GET',
            `/api/applications/${encodeURIComponent(props.applicationId)}/sharing-offer?program=${encodeURIComponent(chosen)}&lang=${encodeURIComponent(lang)}`,
          )
        : Promise.resolve(null),
    [chosen, lang],
  );
  const open = (targets.data?.items ?? []).filter((p) => p.capacity !== 'closed' && p.concepts.length > 0);
  const send = async () => {
    if (!agreed) {
      setMissing(true);
      return;
    }
    setFailure(null);
    try {
      const referral = await api<Referral>('POST', `/api/cases/${encodeURIComponent(props.caseId)}/referrals`, {
        toProgramId: chosen,
        consent: { confirmed: true },
        lang,
      });
      setChosen('');
      setAgreed(false);
      props.onSent(referral);
    } catch (error) {
      setFailure(errorText(error, t));
    }
  };
  if (open.length === 0) return null;
  return (
    <form
      className="usa-form usa-form--large"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <h3>{t('caseReferrals.refer')}</h3>
      {failure && <Alert type="error">{failure}</Alert>}
      <label className="usa-label" htmlFor="refer-program">
        {t('caseReferrals.program')}
      </label>
      <select className="usa-select" id="refer-program" value={chosen} onChange={(e) => setChosen(e.target.value)}>
        <option value="">{t('common.select')}</option>
        {open.map((p) => (
          <option key={p.programId} value={p.programId}>
            {t(`refer.capacity.${p.capacity}`)}: {p.title} ({p.organisation.name})
          </option>
        ))}
      </select>
      {offer.data && (
        <>
          <p className="margin-top-2 margin-bottom-05 text-bold">{t('caseReferrals.statement')}</p>
          <p className="margin-top-0" data-testid="case-consent-statement">
            {offer.data.statement}
          </p>
          <AgreementCheckbox
            id="case-agreed"
            label={t('caseReferrals.agreed')}
            error={t('caseReferrals.agreedNeeded')}
            missing={missing}
            checked={agreed}
            onChange={setAgreed}
          />
          <button type="submit" className="usa-button margin-top-2">
            {t('caseReferrals.send')}
          </button>
        </>
      )}
    </form>
  );
}
