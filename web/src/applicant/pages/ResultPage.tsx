/**
 * The result of a submitted application: eligible / not eligible / more information needed, the benefit amount and
 * period, every reason with its legal reference, and what happens next (the workflow's next step and deadline).
 */
import { useState } from 'react';
import { Alert, useFocusOnMount, useTitle } from '../../shared/components.tsx';
import { DeterminationView } from '../../shared/DeterminationView.tsx';
import { formatDate } from '../../shared/format.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { Link } from '../../shared/router.tsx';
import { clearResult, isSharedDevice, loadResult } from '../drafts.ts';
import { ReferralOffer } from './ReferralOffer.tsx';

/** Shows the stored result of a submission made on this device. */
export function ResultPage({ applicationId }: { applicationId: string }) {
  const { t, lang } = useI18n();
  useTitle(t('result.heading'), t('site.title'));
  const [cleared, setCleared] = useState(false);
  const result = cleared ? null : loadResult(applicationId);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  if (cleared) {
    return (
      <>
        <h1>{t('result.heading')}</h1>
        <Alert type="success" focus>
          {t('result.cleared')}
        </Alert>
      </>
    );
  }
  if (!result) {
    return (
      <>
        <h1>{t('result.heading')}</h1>
        <p>{t('result.notFound')}</p>
        <Link className="usa-button" href="/status">
          {t('nav.status')}
        </Link>
      </>
    );
  }
  const next = result.nextStep;
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {t('result.submitted')}
      </h1>
      <p className="usa-intro" data-testid="case-id">
        {t('result.caseId', { caseId: result.reference ?? result.caseId })}
      </p>
      <p>
        <Link className="usa-link" href="/status">
          {t('result.statusLink')}
        </Link>
      </p>
      <DeterminationView determination={result.determination} />
      {next && (
        <section aria-labelledby="next-heading">
          <h2 id="next-heading">{t('result.next')}</h2>
          <p data-testid="next-step">{t('result.nextStep', { state: next.title || next.state })}</p>
          {next.deadline && <p data-testid="next-deadline">{t('result.deadline', { date: formatDate(next.deadline.dueOn, lang) })}</p>}
        </section>
      )}
      {result.resumeCode && <ReferralOffer applicationId={applicationId} resumeCode={result.resumeCode} programId={result.programId} />}
      <section className="margin-top-4">
        {isSharedDevice() && <p>{t('result.sharedNote')}</p>}
        <button
          type="button"
          className="usa-button usa-button--outline"
          onClick={() => {
            clearResult(applicationId);
            setCleared(true);
          }}
        >
          {t('result.clear')}
        </button>
      </section>
    </>
  );
}
