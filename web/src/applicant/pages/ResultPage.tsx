/**
 * The result of a submitted application: eligible / not eligible / more information needed, the benefit amount and
 * period, every reason with its legal reference, and what happens next (the workflow's next step and deadline).
 */
import { useFocusOnMount, useTitle } from '../../shared/components.tsx';
import { DeterminationView } from '../../shared/DeterminationView.tsx';
import { formatDate } from '../../shared/format.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { Link } from '../../shared/router.tsx';
import { loadResult } from '../drafts.ts';

/** Shows the stored result of a submission made on this device. */
export function ResultPage({ applicationId }: { applicationId: string }) {
  const { t, lang } = useI18n();
  useTitle(t('result.heading'), t('site.title'));
  const result = loadResult(applicationId);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  if (!result) {
    return (
      <>
        <h1>{t('result.heading')}</h1>
        <p>{t('result.notFound')}</p>
        <Link className="usa-link" href="/resume">
          {t('nav.resume')}
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
        {t('result.caseId', { caseId: result.caseId })}
      </p>
      <DeterminationView determination={result.determination} />
      {next && (
        <section aria-labelledby="next-heading">
          <h2 id="next-heading">{t('result.next')}</h2>
          <p data-testid="next-step">{t('result.nextStep', { state: next.title || next.state })}</p>
          {next.deadline && <p data-testid="next-deadline">{t('result.deadline', { date: formatDate(next.deadline.dueOn, lang) })}</p>}
        </section>
      )}
    </>
  );
}
