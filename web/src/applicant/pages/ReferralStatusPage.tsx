/**
 * `/referral` (issue 16): the person follows a request they sent from the screener with its referral code (sent in
 * the X-Referral-Code header, never in the URL): where it stands and since when, what they shared with whom (each
 * answer formatted as the person reads it), their consent as agreed (with a note when it was agreed in another
 * language than the page's) and until when; "Cancel my request and stop sharing" cancels it and withdraws the consent.
 */
import { useState } from 'react';
import { describeShared } from '../../forms/answers.ts';
import { AnswerList } from '../../shared/AnswerList.tsx';
import { api } from '../../shared/api.ts';
import type { FollowedReferral } from '../../shared/api-types.ts';
import { Alert, errorText, useTitle } from '../../shared/components.tsx';
import { formatDate } from '../../shared/format.ts';
import { useI18n } from '../../shared/i18n.tsx';

/** The referral status page. */
export function ReferralStatusPage() {
  const { t, lang } = useI18n();
  useTitle(t('followReferral.heading'), t('site.title'));
  const [code, setCode] = useState('');
  const [referral, setReferral] = useState<FollowedReferral | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const call = async (method: 'GET' | 'POST', path: string) => {
    setBusy(true);
    setFailure(null);
    try {
      setReferral(await api<FollowedReferral>(method, `${path}?lang=${encodeURIComponent(lang)}`, undefined, { 'X-Referral-Code': code }));
    } catch (error) {
      setFailure(errorText(error, t));
    } finally {
      setBusy(false);
    }
  };
  const r = referral;
  const open = r && ['pending', 'accepted', 'needs-client-action', 'in-progress'].includes(r.status);
  return (
    <>
      <h1>{t('followReferral.heading')}</h1>
      {failure && (
        <Alert type="error" heading={t('common.error')} focus>
          {failure}
        </Alert>
      )}
      {!r && (
        <form
          className="usa-form"
          onSubmit={(e) => {
            e.preventDefault();
            void call('GET', '/api/referral-status');
          }}
        >
          <p>{t('followReferral.intro')}</p>
          <label className="usa-label" htmlFor="referral-code">
            {t('followReferral.code')}
          </label>
          <input
            className="usa-input"
            id="referral-code"
            autoComplete="off"
            spellCheck={false}
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
          <button type="submit" className="usa-button margin-top-2" disabled={busy || !code.trim()}>
            {t('followReferral.show')}
          </button>
        </form>
      )}
      {r && (
        <section aria-labelledby="followed-heading" data-testid="followed-referral" data-status={r.status}>
          <h2 id="followed-heading">
            {r.to.title} ({r.to.organisation})
          </h2>
          <p className="font-body-lg text-bold">{t(`refer.status.${r.status}` as 'refer.status.pending')}</p>
          {r.reason && <p>{t(`refer.reason.${r.reason}` as 'refer.reason.no-capacity')}</p>}
          <ol className="usa-list">
            {r.history.map((e) => (
              <li key={`${e.at}-${e.status}`}>
                {formatDate(e.at.slice(0, 10), lang)}: {t(`refer.status.${e.status}` as 'refer.status.pending')}
              </li>
            ))}
          </ol>
          <h3>{t('followReferral.shared', { organisation: r.to.organisation })}</h3>
          <AnswerList rows={describeShared(r.sharedAnswers, t, lang)} />
          <h3>{t('followReferral.consent')}</h3>
          {/* The statement is the record: shown as agreed, in its language, and said so when that is not the page's. */}
          {r.consent.lang !== lang && (
            <p data-testid="consent-language-note">{t(`followReferral.statementIn.${r.consent.lang}` as 'followReferral.statementIn.en')}</p>
          )}
          <p lang={r.consent.lang} data-testid="followed-consent-statement">
            {r.consent.statement}
          </p>
          <p className="text-bold">
            {r.consent.state === 'in-force' ? t('followReferral.until', { date: formatDate(r.consent.until, lang) }) : t('followReferral.withdrawn')}
          </p>
          {(open || r.consent.state === 'in-force') && (
            <button
              type="button"
              className="usa-button usa-button--secondary"
              disabled={busy}
              onClick={() => void call('POST', '/api/referral-status/cancel')}
            >
              {t('followReferral.cancel')}
            </button>
          )}
          <p className="text-base-dark">{t('followReferral.after')}</p>
        </section>
      )}
    </>
  );
}
