/**
 * A determination in plain words, for applicants and staff: the outcome, each benefit with its amount and period,
 * each reason with its outcome and legal reference, and what information is still missing.
 */
import type { Determination } from '../../../engine/browser.ts';
import { Alert } from './components.tsx';
import { formatAmount, formatDate } from './format.ts';
import { useI18n } from './i18n.tsx';

const ALERT = { eligible: 'success', ineligible: 'error', 'needs-more-information': 'warning' } as const;
const TAG = {
  pass: 'bg-green',
  fail: 'bg-secondary-dark',
  unknown: 'bg-gold text-ink',
  waived: 'bg-base-dark',
} as const;

/** Renders one determination; `headingLevel` sets the level of its section headings. */
export function DeterminationView({
  determination,
  headingLevel = 2,
  staff = false,
}: {
  determination: Determination;
  headingLevel?: 2 | 3;
  /** Staff read "Eligible"; applicants read "You are eligible". */
  staff?: boolean;
}) {
  const { t, lang } = useI18n();
  const H = `h${headingLevel}` as 'h2';
  const outcome = determination.eligibility;
  return (
    <div className="mandate-determination">
      <div role="status">
        <div className={`usa-alert usa-alert--${ALERT[outcome]} margin-bottom-3`}>
          <div className="usa-alert__body">
            <H className="usa-alert__heading" data-testid="eligibility">
              {t(staff ? `staff.outcome.${outcome}` : `result.${outcome}`)}
            </H>
            {determination.benefits.map((benefit) => (
              <p className="usa-alert__text" key={benefit.id}>
                <strong>{benefit.title}: </strong>
                <span className="mandate-amount" data-testid={`benefit-${benefit.id}`}>
                  {t(`result.period.${benefit.period}`, { amount: formatAmount(benefit.amount, benefit.unit, lang) })}
                </span>
                {benefit.explanation && <span className="display-block">{benefit.explanation}</span>}
              </p>
            ))}
          </div>
        </div>
      </div>
      {determination.reasons.length > 0 && (
        <>
          <H>{t('result.reasons')}</H>
          <ul className="usa-list usa-list--unstyled mandate-reasons">
            {determination.reasons.map((reason) => (
              <li key={reason.rule} className="margin-bottom-2 border-left-05 border-base-lighter padding-left-2">
                <span className={`usa-tag ${TAG[reason.outcome]}`}>{t(`outcome.${reason.outcome}`)}</span> <strong>{reason.title}</strong>
                <p className="margin-y-05">{reason.text}</p>
                {reason.reference && (reason.reference.citation || reason.reference.url) && (
                  <p className="margin-0 font-body-2xs text-base-dark">
                    {t('result.reference')}:{' '}
                    {reason.reference.url ? (
                      <a className="usa-link" href={reason.reference.url} rel="noreferrer" target="_blank">
                        {reason.reference.citation ?? reason.reference.title ?? reason.reference.url}
                      </a>
                    ) : (
                      reason.reference.citation
                    )}
                  </p>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {determination.missing.length > 0 && (
        <>
          <H>{t('result.missing')}</H>
          <ul className="usa-list">
            {determination.missing.map((m) => (
              <li key={m.path}>{m.title}</li>
            ))}
          </ul>
        </>
      )}
      <p className="font-body-2xs text-base-dark">
        {t('result.decidedUnder', { version: determination.version, date: formatDate(determination.asOf, lang) })}
      </p>
    </div>
  );
}

/** Shown when an alert-worthy error stops a page. */
export function LoadError({ message }: { message: string }) {
  const { t } = useI18n();
  return (
    <Alert type="error" heading={t('common.error')}>
      <p>{message}</p>
    </Alert>
  );
}
