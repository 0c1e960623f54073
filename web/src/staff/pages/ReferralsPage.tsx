/**
 * The staff's referral inbox (issue 16, `/staff/referrals`): referrals received by their organisation's programs,
 * to answer, and those their programs sent, with outcomes; stale ones flagged. Each received program's capacity
 * (open / waitlist / closed), which referrers see first, is set here.
 */
import { useState } from 'react';
import { api } from '../../shared/api.ts';
import type { Capacity, Referral, ReferralInbox } from '../../shared/api-types.ts';
import { Alert, errorText, useTitle } from '../../shared/components.tsx';
import { LoadError } from '../../shared/DeterminationView.tsx';
import { useLoad } from '../../shared/hooks.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { ReferralCard } from './ReferralCard.tsx';

/** The referral inbox page. */
export function ReferralsPage() {
  const { t, lang } = useI18n();
  useTitle(t('staffReferrals.heading'), t('site.staffTitle'));
  const inbox = useLoad(() => api<ReferralInbox>('GET', `/api/referrals?lang=${encodeURIComponent(lang)}`), [lang]);
  const [changed, setChanged] = useState<Record<string, Referral>>({});
  if (inbox.error !== undefined) return <LoadError message={errorText(inbox.error, t)} />;
  if (!inbox.data) return <p>{t('common.loading')}</p>;
  const fresh = (r: Referral) => changed[r.id] ?? r;
  const keep = (r: Referral) => setChanged({ ...changed, [r.id]: r });
  const received = inbox.data.received.map(fresh);
  const programs = [...new Map(received.map((r) => [r.toProgramId, r.to.title])).entries()];
  return (
    <>
      <h1>{t('staffReferrals.heading')}</h1>
      <section aria-labelledby="received-heading">
        <h2 id="received-heading">{t('staffReferrals.received')}</h2>
        {received.length === 0 && <p>{t('staffReferrals.none')}</p>}
        <ul className="usa-card-group" data-testid="received">
          {received.map((r) => (
            <ReferralCard key={r.id} referral={r} side="received" onChange={keep} />
          ))}
        </ul>
        {programs.map(([id, title]) => (
          <CapacityForm key={id} programId={id} title={title} />
        ))}
      </section>
      <section aria-labelledby="sent-heading">
        <h2 id="sent-heading">{t('staffReferrals.sent')}</h2>
        {inbox.data.sent.length === 0 && <p>{t('staffReferrals.none')}</p>}
        <ul className="usa-card-group" data-testid="sent">
          {inbox.data.sent.map(fresh).map((r) => (
            <ReferralCard key={r.id} referral={r} side="sent" onChange={keep} />
          ))}
        </ul>
      </section>
    </>
  );
}

function CapacityForm({ programId, title }: { programId: string; title: string }) {
  const { t } = useI18n();
  const current = useLoad(() => api<Capacity>('GET', `/api/programs/${encodeURIComponent(programId)}/capacity`), [programId]);
  const [choice, setChoice] = useState<string | null>(null);
  const [said, setSaid] = useState<string | null>(null);
  const value = choice ?? current.data?.capacity ?? 'open';
  const save = async () => {
    try {
      await api<Capacity>('PUT', `/api/programs/${encodeURIComponent(programId)}/capacity`, { capacity: value });
      setSaid(t('staffReferrals.capacitySaved'));
    } catch (error) {
      setSaid(errorText(error, t));
    }
  };
  return (
    <form
      className="usa-form margin-top-2"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <fieldset className="usa-fieldset">
        <legend className="usa-legend">{t('staffReferrals.capacity', { program: title })}</legend>
        {(['open', 'waitlist', 'closed'] as const).map((c) => (
          <div className="usa-radio" key={c}>
            <input
              className="usa-radio__input"
              id={`capacity-${programId}-${c}`}
              type="radio"
              name={`capacity-${programId}`}
              value={c}
              checked={value === c}
              onChange={() => setChoice(c)}
            />
            <label className="usa-radio__label" htmlFor={`capacity-${programId}-${c}`}>
              {t(`refer.capacity.${c}`)}
            </label>
          </div>
        ))}
      </fieldset>
      <button type="submit" className="usa-button usa-button--outline margin-top-1">
        {t('staffReferrals.capacitySave')}
      </button>
      {said && (
        <Alert type="info" slim>
          {said}
        </Alert>
      )}
    </form>
  );
}
