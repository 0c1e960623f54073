/**
 * The screener: one questionnaire (what the screeners of the programs offered in the applicant's state ask,
 * `GET /api/screen/form?state=`, with its validator module), sent to `POST /api/screen`; per program "likely eligible, about $X a month / probably not
 * eligible / we need more information" with what is still needed, the reasons in plain words, and a link to apply
 * here or to the organisation that runs it (referral); for a program that takes referrals, "Ask … to contact me"
 * refers the person straight from the result, with their consent (`ScreeningReferral.tsx`). Only the answers to the
 * questions asked now are sent (not those of a state chosen before, nor those a changed answer hid).
 */
import type { IChangeEvent } from '@rjsf/core';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { useMemo, useState } from 'react';
import { MandateForm } from '../../forms/MandateForm.tsx';
import { askedAnswers } from '../../forms/pages.ts';
import { useFormValidator } from '../../forms/validator.ts';
import type { MandateFormContext } from '../../forms/theme/context.ts';
import { makeTransformErrors } from '../../forms/errors.ts';
import { ErrorSummary } from '../../forms/ErrorSummary.tsx';
import type { RJSFValidationError } from '@rjsf/utils';
import { api } from '../../shared/api.ts';
import { Alert, errorText, useTitle } from '../../shared/components.tsx';
import { LoadError } from '../../shared/DeterminationView.tsx';
import { formatAmount } from '../../shared/format.ts';
import { useLoad } from '../../shared/hooks.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { Link } from '../../shared/router.tsx';
import type { ReferralTargets } from '../../shared/api-types.ts';
import type { ProgramSummary, ScreenerForm, ScreenLine, ScreenResult } from '../../shared/types.ts';
import { ScreeningReferral } from './ScreeningReferral.tsx';
import { offeredIn, StatePicker, usePlace } from '../StatePicker.tsx';

const TAG = {
  eligible: 'bg-green',
  ineligible: 'bg-secondary-dark',
  'needs-more-information': 'bg-gold text-ink',
} as const;

/** The screener page. */
export function ScreenPage() {
  const { t, lang } = useI18n();
  useTitle(t('screen.heading'), t('site.title'));
  // The state, asked when some program has state layers: the questions and the results are those of the programs
  // offered there (a state no program is tied to, or none chosen yet: the programs tied to no state).
  const programs = useLoad(() => api<ProgramSummary[]>('GET', `/api/programs?lang=${lang}`), [lang]);
  const [place, setPlace] = usePlace();
  const { states } = offeredIn(programs.data ?? [], place, (p) => p);
  const state = place && states.includes(place) ? place : 'other';
  const loaded = useLoad(() => api<ScreenerForm>('GET', `/api/screen/form?lang=${lang}&state=${encodeURIComponent(state)}`), [lang, state]);
  const form = useMemo(() => loaded.data ?? { schema: {}, uiSchema: {}, fields: [], validator: '' }, [loaded.data]);
  const checker = useFormValidator(loaded.data?.validator);
  const [answers, setAnswers] = useState<Record<string, unknown>>({});
  const [results, setResults] = useState<ScreenLine[] | null>(null);
  const [screened, setScreened] = useState<Record<string, unknown>>({});
  // Programs that take referrals (capacity first): the person may ask one to contact them, from the result.
  const targets = useLoad(() => api<ReferralTargets>('GET', `/api/referral-targets?lang=${encodeURIComponent(lang)}`), [lang]);
  const referable = new Map((targets.data?.items ?? []).filter((p) => p.concepts.length > 0).map((p) => [p.programId, p]));
  const shown = results && offeredIn(results, place, (r) => ({ ...r, id: r.programId })).offered;
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<RJSFValidationError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const formContext = useMemo<MandateFormContext>(() => ({ t, lang }), [t, lang]);
  const transformErrors = useMemo(() => makeTransformErrors(form.schema, t, () => ({ touched: new Set(), submitted: true })), [form.schema, t]);

  const screen = async (data: Record<string, unknown>) => {
    setBusy(true);
    setProblem(null);
    try {
      const response = await api<ScreenResult>('POST', '/api/screen', { answers: data, lang });
      setResults(response.results);
      setScreened(data);
      requestAnimationFrame(() => document.getElementById('screen-results')?.focus());
    } catch (error) {
      setProblem(errorText(error, t));
    } finally {
      setBusy(false);
    }
  };

  if (loaded.error !== undefined) return <LoadError message={errorText(loaded.error, t)} />;
  if (checker.error !== undefined) return <LoadError message={errorText(checker.error, t)} />;
  if (!loaded.data) return <p>{t('common.loading')}</p>;

  return (
    <>
      <h1>{t('screen.heading')}</h1>
      <p className="usa-intro">{t('screen.intro')}</p>
      {problem && (
        <Alert type="error" heading={t('common.error')} focus>
          {problem}
        </Alert>
      )}
      <ErrorSummary errors={errors} focusKey={attempt} />
      {results && (
        <section aria-labelledby="screen-results" className="margin-bottom-4">
          <h2 id="screen-results" tabIndex={-1}>
            {t('screen.results')}
          </h2>
          <p>{t('screen.disclaimer')}</p>
          <ul className="usa-list usa-list--unstyled">
            {(shown ?? []).map((r) => (
              <li key={r.programId} className="border border-base-lighter radius-md padding-2 margin-bottom-2" data-testid={`screen-${r.programId}`}>
                <h3 className="margin-top-0">{r.title}</h3>
                <p>
                  <span className={`usa-tag ${TAG[r.eligibility]}`}>{t(`screen.${r.eligibility}`)}</span>
                </p>
                {r.eligibility === 'eligible' &&
                  r.benefits.map((benefit) => (
                    <p key={benefit.id} className="text-bold" data-testid={`screen-${r.programId}-${benefit.id}`}>
                      {benefit.title}:{' '}
                      {t('screen.estimate', {
                        amount: t(`result.period.${benefit.period}`, { amount: formatAmount(benefit.amount, benefit.unit, lang) }),
                      })}
                    </p>
                  ))}
                <ul className="usa-list">
                  {(r.reasons ?? [])
                    .filter((reason) => r.eligibility === 'eligible' || reason.outcome !== 'pass')
                    .map((reason) => (
                      <li key={reason.rule}>{reason.text}</li>
                    ))}
                </ul>
                {r.eligibility === 'needs-more-information' && r.missing.length > 0 && (
                  <>
                    <p className="margin-bottom-05">{t('screen.stillNeeded')}</p>
                    <ul className="usa-list margin-top-0" data-testid={`screen-${r.programId}-missing`}>
                      {r.missing.map((m) => (
                        <li key={m.path}>{m.title}</li>
                      ))}
                    </ul>
                  </>
                )}
                {r.referral ? (
                  <p>
                    {t('screen.referral', { organisation: r.referral.organisation })}{' '}
                    {r.referral.url && (
                      <a className="usa-link" href={r.referral.url} rel="noreferrer">
                        {t('screen.referralLink', { organisation: r.referral.organisation })}
                      </a>
                    )}
                    {r.referral.phone && <span className="display-block">{t('screen.phone', { phone: r.referral.phone })}</span>}
                    {r.referral.instructions && <span className="display-block">{r.referral.instructions}</span>}
                  </p>
                ) : (
                  r.eligibility !== 'ineligible' && (
                    <Link className="usa-button" href={r.applyUrl ?? `/apply/${encodeURIComponent(r.programId)}`}>
                      {t('screen.apply', { title: r.title })}
                    </Link>
                  )
                )}
                {r.eligibility !== 'ineligible' && referable.has(r.programId) && (
                  <ScreeningReferral key={JSON.stringify(screened)} target={referable.get(r.programId)!} answers={screened} />
                )}
              </li>
            ))}
          </ul>
          <h2>{t('screen.again')}</h2>
        </section>
      )}
      <StatePicker states={states} value={place} onChange={setPlace} />
      <MandateForm
        className="usa-form usa-form--large"
        schema={form.schema as RJSFSchema}
        validator={checker.validator}
        uiSchema={form.uiSchema as UiSchema}
        formData={answers}
        formContext={formContext}
        transformErrors={transformErrors}
        onChange={(e: IChangeEvent) => setAnswers((e.formData ?? {}) as Record<string, unknown>)}
        onError={(list) => {
          setErrors(list);
          setAttempt((n) => n + 1);
        }}
        onSubmit={(e: IChangeEvent) => {
          setErrors([]);
          // The answers kept from another questionnaire (the state changed) are not this one's: only those asked now.
          const data = (e.formData ?? {}) as Record<string, unknown>;
          void screen(checker.validator ? askedAnswers(checker.validator, form.schema as RJSFSchema, data) : data);
        }}
      >
        <div className="mandate-actions">
          <button type="submit" className="usa-button" disabled={busy}>
            {t('screen.submit')}
          </button>
        </div>
      </MandateForm>
    </>
  );
}
