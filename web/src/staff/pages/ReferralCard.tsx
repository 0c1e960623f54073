/**
 * One referral as staff see it (issue 16): where it comes from (a program, or the screener) and goes to, the
 * contact details a person who referred themselves from the screener chose to share, its status (stale flagged), the answers
 * the person agreed to share, its history; for the receiving organisation's staff the next steps (accept, in
 * progress, needs the person, got help, decline with a reason), for the referrer's a cancel button.
 */
import { useState } from 'react';
import { describeShared } from '../../forms/answers.ts';
import { AnswerList } from '../../shared/AnswerList.tsx';
import { api } from '../../shared/api.ts';
import type { Referral } from '../../shared/api-types.ts';
import { Alert, errorText } from '../../shared/components.tsx';
import { formatDate } from '../../shared/format.ts';
import { useI18n } from '../../shared/i18n.tsx';

const REASONS = ['could-not-contact', 'not-eligible', 'no-capacity', 'no-longer-interested', 'referred-elsewhere'] as const;
const NEXT: Record<string, string[]> = {
  pending: ['accepted', 'needs-client-action'],
  accepted: ['in-progress', 'needs-client-action', 'got-help'],
  'needs-client-action': ['accepted', 'in-progress'],
  'in-progress': ['needs-client-action', 'got-help'],
};
const LABEL: Record<string, 'staffReferrals.accept' | 'staffReferrals.progress' | 'staffReferrals.needsClient' | 'staffReferrals.gotHelp'> = {
  accepted: 'staffReferrals.accept',
  'in-progress': 'staffReferrals.progress',
  'needs-client-action': 'staffReferrals.needsClient',
  'got-help': 'staffReferrals.gotHelp',
};

/** A referral; `side` says whether the viewer receives it (answers it) or sent it (may cancel it). */
export function ReferralCard({
  referral,
  side,
  onChange,
}: {
  referral: Referral;
  side: 'received' | 'sent' | 'case';
  onChange: (r: Referral) => void;
}) {
  const { t, lang } = useI18n();
  const r = referral;
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const move = async (status: string, why?: string) => {
    setBusy(true);
    setFailure(null);
    try {
      onChange(
        await api<Referral>('POST', `/api/referrals/${encodeURIComponent(r.id)}/status`, {
          status,
          revision: r.revision,
          lang,
          ...(why ? { reason: why } : {}),
        }),
      );
    } catch (error) {
      setFailure(errorText(error, t));
    } finally {
      setBusy(false);
    }
  };
  const open = r.status in NEXT;
  return (
    <li className="usa-card margin-bottom-2" data-testid="referral" data-status={r.status}>
      <div className="usa-card__container">
        <div className="usa-card__header">
          <h3 className="usa-card__heading">
            {r.personName || '—'}: {t(`refer.status.${r.status}` as 'refer.status.pending')}
            {r.reason && ` (${t(`refer.reason.${r.reason}` as 'refer.reason.no-capacity')})`}
          </h3>
        </div>
        <div className="usa-card__body">
          {r.stale && <span className="usa-tag bg-secondary-dark">{t('staffReferrals.stale', { days: r.idleDays ?? 0 })}</span>}
          <p className="margin-y-05">
            {r.from ? t('staffReferrals.from', { program: r.from.title, organisation: r.from.organisation }) : t('staffReferrals.fromScreener')}
          </p>
          <p className="margin-y-05">{t('staffReferrals.to', { program: r.to.title, organisation: r.to.organisation })}</p>
          {r.note && <p className="margin-y-05">{r.note}</p>}
          {side === 'received' && r.contact && (
            <p className="margin-y-05" data-testid="referral-contact">
              {t('staffReferrals.contact', { name: r.contact.name })}
              {r.contact.email && <span className="display-block">{r.contact.email}</span>}
              {r.contact.phone && <span className="display-block">{r.contact.phone}</span>}
              <span className="display-block">{t('staffReferrals.prefers', { way: t(`screenRefer.way.${r.contact.preferred}`) })}</span>
              {r.contact.note && <span className="display-block">{r.contact.note}</span>}
            </p>
          )}
          {side === 'received' && r.sharedAnswers.length > 0 && (
            <>
              <h4 className="margin-bottom-05">{t('staffReferrals.shared')}</h4>
              <AnswerList rows={describeShared(r.sharedAnswers, t, lang)} />
            </>
          )}
          <ol className="usa-list text-base-dark">
            {r.history.map((e) => (
              <li key={`${e.at}-${e.status}`}>
                {formatDate(e.at.slice(0, 10), lang)}: {t(`refer.status.${e.status}` as 'refer.status.pending')}
              </li>
            ))}
          </ol>
          {failure && <Alert type="error">{failure}</Alert>}
          {side === 'received' && open && (
            <div className="margin-top-1">
              {NEXT[r.status].map((s) => (
                <button key={s} type="button" className="usa-button margin-bottom-1" disabled={busy} onClick={() => void move(s)}>
                  {t(LABEL[s])}
                </button>
              ))}
              <div className="usa-form-group">
                <label className="usa-label" htmlFor={`reason-${r.id}`}>
                  {t('staffReferrals.reason')}
                </label>
                <select className="usa-select" id={`reason-${r.id}`} value={reason} onChange={(e) => setReason(e.target.value)}>
                  <option value="">{t('common.select')}</option>
                  {REASONS.map((x) => (
                    <option key={x} value={x}>
                      {t(`refer.reason.${x}`)}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  className="usa-button usa-button--secondary margin-top-1"
                  disabled={busy || !reason}
                  onClick={() => void move('declined', reason)}
                >
                  {t('staffReferrals.decline')}
                </button>
              </div>
            </div>
          )}
          {side !== 'received' && open && (
            <button type="button" className="usa-button usa-button--outline" disabled={busy} onClick={() => void move('cancelled')}>
              {t('staffReferrals.cancel')}
            </button>
          )}
        </div>
      </div>
    </li>
  );
}
