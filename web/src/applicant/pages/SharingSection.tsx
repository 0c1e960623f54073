/**
 * On the status page (issue 16): who holds which of the person's answers (each consent given from this application:
 * the organisation and program, what, until when, how often shared), a button to withdraw each consent in force,
 * and the referrals made from the application with where they stand.
 */
import { useState } from 'react';
import { api } from '../../shared/api.ts';
import type { ReferralList, SharingConsent, SharingConsentList } from '../../shared/api-types.ts';
import { Alert, errorText } from '../../shared/components.tsx';
import { formatDate } from '../../shared/format.ts';
import { useLoad } from '../../shared/hooks.ts';
import { useI18n } from '../../shared/i18n.tsx';

/** The sharing and referrals of the status session `token`'s application. */
export function SharingSection({ token }: { token: string }) {
  const { t, lang } = useI18n();
  const headers = { 'X-Status-Token': token };
  const consents = useLoad(() => api<SharingConsentList>('GET', '/api/status/sharing', undefined, headers), [token, lang]);
  const referrals = useLoad(() => api<ReferralList>('GET', '/api/status/referrals', undefined, headers), [token, lang]);
  const [changed, setChanged] = useState<Record<string, SharingConsent>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const withdraw = async (id: string) => {
    setFailure(null);
    try {
      const next = await api<SharingConsent>('POST', `/api/status/sharing/${encodeURIComponent(id)}/withdraw`, undefined, headers);
      setChanged({ ...changed, [id]: next });
    } catch (error) {
      setFailure(errorText(error, t));
    }
  };
  const items = (consents.data?.items ?? []).map((c) => changed[c.id] ?? c);
  return (
    <>
      <section aria-labelledby="sharing-heading" className="mandate-no-print" data-testid="sharing">
        <h2 id="sharing-heading">{t('sharing.heading')}</h2>
        {failure && <Alert type="error">{failure}</Alert>}
        {consents.data && items.length === 0 && <p>{t('sharing.none')}</p>}
        <ul className="usa-list usa-list--unstyled">
          {items.map((c) => (
            <li key={c.id} className="margin-bottom-3" data-testid="sharing-item">
              <h3 className="margin-bottom-1">{t('sharing.item', { organisation: c.organisation, program: c.program })}</h3>
              <p className="margin-y-05">{t('sharing.what', { concepts: c.concepts.map((x) => x.label).join(', ') })}</p>
              <p className="margin-y-05">
                {c.state === 'withdrawn'
                  ? t('sharing.state.withdrawn', { date: formatDate(c.withdrawnAt ?? '', lang), organisation: c.organisation })
                  : c.state === 'ended'
                    ? t('sharing.state.ended')
                    : `${t('sharing.state.in-force')}. ${t('sharing.until', { date: formatDate(c.until, lang) })}.`}
              </p>
              <p className="margin-y-05 text-base-dark">{t('sharing.shares', { count: c.shares.length })}</p>
              {c.state === 'in-force' && (
                <button type="button" className="usa-button usa-button--secondary" onClick={() => void withdraw(c.id)}>
                  {t('sharing.withdraw', { organisation: c.organisation })}
                </button>
              )}
            </li>
          ))}
        </ul>
      </section>
      {(referrals.data?.items.length ?? 0) > 0 && (
        <section aria-labelledby="my-referrals-heading" className="mandate-no-print">
          <h2 id="my-referrals-heading">{t('sharing.referrals')}</h2>
          <ul className="usa-list">
            {referrals.data!.items.map((r) => (
              <li key={r.id} data-testid="my-referral">
                {r.to.title} ({r.to.organisation}): <strong>{t(`refer.status.${r.status}` as 'refer.status.pending')}</strong>
                {r.reason && ` (${t(`refer.reason.${r.reason}` as 'refer.reason.no-capacity')})`}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
