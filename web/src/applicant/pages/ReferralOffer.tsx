/**
 * On the result page (issue 16): other organisations' programs the person may ask for help, capacity first; for the
 * one chosen, the answers that can be shared (each can be left out), the consent statement to agree to, and "Send
 * my request", which refers them with their consent. Then a link to apply to that program with the shared answers
 * (shown to check on the new application's first step, never filled silently).
 */
import { useState } from 'react';
import { api } from '../../shared/api.ts';
import type { Referral, ReferralTargets, SharingOffer } from '../../shared/api-types.ts';
import { AgreementCheckbox, Alert, errorText } from '../../shared/components.tsx';
import { useLoad } from '../../shared/hooks.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { Link } from '../../shared/router.tsx';
import { saveShareSource } from '../drafts.ts';

type Target = ReferralTargets['items'][number];

/** The referral offer of one submitted application (its id and resume code). */
export function ReferralOffer({ applicationId, resumeCode, programId }: { applicationId: string; resumeCode: string; programId: string }) {
  const { t, lang } = useI18n();
  const targets = useLoad(
    () => api<ReferralTargets>('GET', `/api/referral-targets?from=${encodeURIComponent(programId)}&lang=${encodeURIComponent(lang)}`),
    [programId, lang],
  );
  const [chosen, setChosen] = useState<Target | null>(null);
  const items = (targets.data?.items ?? []).filter((p) => p.concepts.length > 0);
  return (
    <section aria-labelledby="refer-heading" className="margin-top-4">
      <h2 id="refer-heading">{t('refer.heading')}</h2>
      <p>{t('refer.intro')}</p>
      {targets.data && items.length === 0 && <p>{t('refer.none')}</p>}
      <ul className="usa-list usa-list--unstyled">
        {items.map((p) => (
          <li key={p.programId} className="margin-bottom-2">
            <span className={`usa-tag ${p.capacity === 'open' ? 'bg-green' : p.capacity === 'waitlist' ? 'bg-gold text-ink' : 'bg-base-dark'}`}>
              {t(`refer.capacity.${p.capacity}` as 'refer.capacity.open')}
            </span>{' '}
            <strong>{p.title}</strong> <span className="text-base-dark">({p.organisation.name})</span>
            {p.capacity !== 'closed' && chosen?.programId !== p.programId && (
              <div>
                <button type="button" className="usa-button usa-button--outline margin-top-1" onClick={() => setChosen(p)}>
                  {t('refer.choose', { organisation: p.organisation.name })}
                </button>
              </div>
            )}
            {chosen?.programId === p.programId && <ReferralForm applicationId={applicationId} resumeCode={resumeCode} target={p} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ReferralForm({ applicationId, resumeCode, target }: { applicationId: string; resumeCode: string; target: Target }) {
  const { t, lang } = useI18n();
  const headers = { 'X-Resume-Code': resumeCode };
  const offer = useLoad(
    () =>
      api<SharingOffer>(
        'GET',
        `/api/applications/${encodeURIComponent(applicationId)}/sharing-offer?program=${encodeURIComponent(target.programId)}&lang=${encodeURIComponent(lang)}`,
        undefined,
        headers,
      ),
    [applicationId, target.programId, lang],
  );
  const [left, setLeft] = useState<string[]>([]);
  const [agreed, setAgreed] = useState(false);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [sent, setSent] = useState<Referral | null>(null);
  if (offer.error !== undefined) return <Alert type="error">{errorText(offer.error, t)}</Alert>;
  if (!offer.data) return <p>{t('common.loading')}</p>;
  const o = offer.data;
  if (sent) {
    return (
      <Alert type="success" focus>
        <p>{t('refer.sent', { organisation: o.organisation.name })}</p>
        <p>
          <Link
            className="usa-link"
            href={`/apply/${encodeURIComponent(target.programId)}`}
            onClick={() => saveShareSource(target.programId, { applicationId, resumeCode })}
          >
            {t('refer.applyNow', { program: o.title })}
          </Link>
        </p>
      </Alert>
    );
  }
  const concepts = o.concepts.filter((c) => !left.includes(c.id));
  const send = async () => {
    if (!agreed) {
      setMissing(true);
      document.getElementById(`refer-consent-${target.programId}`)?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      const referral = await api<Referral>(
        'POST',
        `/api/applications/${encodeURIComponent(applicationId)}/referrals`,
        { toProgramId: target.programId, concepts: concepts.map((c) => c.id), consent: { confirmed: true }, lang },
        headers,
      );
      setSent(referral);
    } catch (error) {
      setFailure(errorText(error, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="usa-form usa-form--large margin-top-2"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      {failure && <Alert type="error">{failure}</Alert>}
      <fieldset className="usa-fieldset">
        <legend className="usa-legend">{t('refer.share', { organisation: o.organisation.name })}</legend>
        {o.concepts.map((c) => (
          <div className="usa-checkbox" key={c.id}>
            <input
              className="usa-checkbox__input"
              id={`share-${target.programId}-${c.id}`}
              type="checkbox"
              checked={!left.includes(c.id)}
              onChange={(e) => setLeft(e.target.checked ? left.filter((x) => x !== c.id) : [...left, c.id])}
            />
            <label className="usa-checkbox__label" htmlFor={`share-${target.programId}-${c.id}`}>
              {c.label}
            </label>
          </div>
        ))}
      </fieldset>
      <p className="margin-top-2" data-testid="consent-statement">
        {o.statement}
      </p>
      <AgreementCheckbox
        id={`refer-consent-${target.programId}`}
        label={t('refer.consent')}
        error={t('refer.consentNeeded')}
        missing={missing}
        checked={agreed}
        onChange={setAgreed}
      />
      <button type="submit" className="usa-button margin-top-2" disabled={busy || concepts.length === 0}>
        {t('refer.send')}
      </button>
    </form>
  );
}
