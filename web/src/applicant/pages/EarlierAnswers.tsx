/**
 * On an application's start page (issue 16): when this device holds an earlier submitted application to another
 * program whose answers this program asks too, the person may agree to share them (the consent statement: what,
 * with whom, why, until when) and start with them to check, on the shared-answers step; or just start without.
 */
import { useState } from 'react';
import { api } from '../../shared/api.ts';
import type { SharingOffer } from '../../shared/api-types.ts';
import { AgreementCheckbox, Alert, errorText } from '../../shared/components.tsx';
import { useLoad } from '../../shared/hooks.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { listResults, saveShareSource } from '../drafts.ts';

/** The offer to share an earlier application's answers with `programId`; `onShared` starts the application. */
export function EarlierAnswers({ programId, onShared }: { programId: string; onShared: () => void }) {
  const { t, lang } = useI18n();
  const earlier = listResults().find((r) => r.programId !== programId && r.resumeCode);
  const offer = useLoad(
    () =>
      earlier
        ? api<SharingOffer>(
            'GET',
            `/api/applications/${encodeURIComponent(earlier.applicationId)}/sharing-offer?program=${encodeURIComponent(programId)}&purpose=application&lang=${encodeURIComponent(lang)}`,
            undefined,
            { 'X-Resume-Code': earlier.resumeCode ?? '' },
          ).catch(() => null)
        : Promise.resolve(null),
    [earlier?.applicationId, programId, lang],
  );
  const [agreed, setAgreed] = useState(false);
  const [missing, setMissing] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  if (!earlier || !offer.data || offer.data.concepts.length === 0) return null;
  const share = async () => {
    if (!agreed) {
      setMissing(true);
      return;
    }
    try {
      await api(
        'POST',
        `/api/applications/${encodeURIComponent(earlier.applicationId)}/sharing-consents`,
        { toProgramId: programId, consent: { confirmed: true }, lang },
        { 'X-Resume-Code': earlier.resumeCode ?? '' },
      );
      saveShareSource(programId, { applicationId: earlier.applicationId, resumeCode: earlier.resumeCode ?? '' });
      onShared();
    } catch (error) {
      setFailure(errorText(error, t));
    }
  };
  return (
    <section className="usa-summary-box margin-y-3" aria-labelledby="earlier-heading">
      <div className="usa-summary-box__body">
        <h2 className="usa-summary-box__heading" id="earlier-heading">
          {t('earlier.heading')}
        </h2>
        <p>{t('earlier.intro', { program: offer.data.source.title })}</p>
        <p data-testid="earlier-statement">{offer.data.statement}</p>
        {failure && <Alert type="error">{failure}</Alert>}
        <AgreementCheckbox
          id="earlier-agree"
          label={t('earlier.agree')}
          error={t('earlier.agreeNeeded')}
          missing={missing}
          checked={agreed}
          onChange={setAgreed}
          boxClass="bg-transparent"
        />
        <button type="button" className="usa-button margin-top-2" onClick={() => void share()}>
          {t('earlier.use')}
        </button>
      </div>
    </section>
  );
}
