/**
 * On a screening result (issue 16): "Ask {organisation} to contact me", with no application. The person gives the
 * contact details they choose (name, email and/or phone, how they prefer to be contacted, when), unticks any
 * screening answer they keep to themselves, reads the consent statement (what, with whom, why, until when, how to
 * withdraw) and sends it (`POST /api/screen/referrals`). The answer shows the referral code, once, to follow the
 * request on `/referral` (or cancel it there, which stops the sharing).
 */
import { useState } from 'react';
import { answerText, describeShared } from '../../forms/answers.ts';
import { api } from '../../shared/api.ts';
import type { FollowedReferral, ReferralTargets, ScreeningReferralOffer } from '../../shared/api-types.ts';
import { AgreementCheckbox, Alert, errorText } from '../../shared/components.tsx';
import { useLoad } from '../../shared/hooks.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { Link } from '../../shared/router.tsx';

type Target = ReferralTargets['items'][number];
const WAYS = ['email', 'phone', 'text'] as const;

/** The button and, once pressed, the form of a referral from the screener to `target`. */
export function ScreeningReferral({ target, answers }: { target: Target; answers: Record<string, unknown> }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  if (target.capacity === 'closed') return <p className="text-base-dark">{t('refer.capacity.closed')}</p>;
  if (!open) {
    return (
      <button type="button" className="usa-button usa-button--outline margin-top-1" onClick={() => setOpen(true)}>
        {t('screenRefer.open', { organisation: target.organisation.name })}
      </button>
    );
  }
  return <ScreeningReferralForm target={target} answers={answers} />;
}

function ScreeningReferralForm({ target, answers }: { target: Target; answers: Record<string, unknown> }) {
  const { t, lang } = useI18n();
  const [contact, setContact] = useState({ name: '', email: '', phone: '', preferred: 'email' as (typeof WAYS)[number], note: '' });
  const offer = useLoad(
    () =>
      api<ScreeningReferralOffer>('POST', '/api/screen/referral-offer', {
        toProgramId: target.programId,
        answers,
        preferred: contact.preferred,
        lang,
      }),
    [target.programId, lang, contact.preferred],
  );
  const [left, setLeft] = useState<string[]>([]);
  const [agreed, setAgreed] = useState(false);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [sent, setSent] = useState<FollowedReferral | null>(null);
  const id = (field: string) => `screen-refer-${target.programId}-${field}`;
  if (sent) {
    return (
      <Alert type="success" focus>
        <p>{t('screenRefer.sent', { organisation: target.organisation.name })}</p>
        <p>
          {t('screenRefer.code')} <strong data-testid="referral-code">{sent.referralCode}</strong>
        </p>
        <p>{t('screenRefer.keep')}</p>
        <p>
          <Link className="usa-link" href="/referral">
            {t('screenRefer.follow')}
          </Link>
        </p>
      </Alert>
    );
  }
  if (offer.error !== undefined) return <Alert type="error">{errorText(offer.error, t)}</Alert>;
  if (!offer.data) return <p>{t('common.loading')}</p>;
  const o = offer.data;
  const concepts = o.concepts.filter((c) => !left.includes(c.id));
  const field = (name: 'name' | 'email' | 'phone' | 'note', type: string, autoComplete: string) => (
    <div className="usa-form-group">
      <label className="usa-label" htmlFor={id(name)}>
        {t(`screenRefer.${name}`)}
      </label>
      <input
        className="usa-input"
        id={id(name)}
        type={type}
        autoComplete={autoComplete}
        value={contact[name]}
        onChange={(e) => setContact({ ...contact, [name]: e.target.value })}
      />
    </div>
  );
  const send = async () => {
    if (!agreed) {
      setMissing(true);
      document.getElementById(id('consent'))?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      const { email, phone, note, ...rest } = contact;
      const body = {
        toProgramId: target.programId,
        answers,
        contact: { ...rest, ...(email ? { email } : {}), ...(phone ? { phone } : {}), ...(note ? { note } : {}) },
        concepts: concepts.map((c) => c.id),
        consent: { confirmed: true },
        lang,
      };
      setSent(await api<FollowedReferral>('POST', '/api/screen/referrals', body));
    } catch (error) {
      setFailure(errorText(error, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="usa-form usa-form--large margin-top-2"
      data-testid={`screen-refer-${target.programId}`}
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      {failure && <Alert type="error">{failure}</Alert>}
      <fieldset className="usa-fieldset">
        <legend className="usa-legend">{t('screenRefer.contact', { organisation: o.organisation.name })}</legend>
        {field('name', 'text', 'name')}
        {field('email', 'email', 'email')}
        {field('phone', 'tel', 'tel')}
      </fieldset>
      <fieldset className="usa-fieldset margin-top-2">
        <legend className="usa-legend">{t('screenRefer.preferred')}</legend>
        {WAYS.map((way) => (
          <div className="usa-radio" key={way}>
            <input
              className="usa-radio__input"
              id={id(`way-${way}`)}
              type="radio"
              name={id('way')}
              checked={contact.preferred === way}
              onChange={() => setContact({ ...contact, preferred: way })}
            />
            <label className="usa-radio__label" htmlFor={id(`way-${way}`)}>
              {t(`screenRefer.way.${way}`)}
            </label>
          </div>
        ))}
      </fieldset>
      {field('note', 'text', 'off')}
      {o.concepts.length > 0 && (
        <fieldset className="usa-fieldset margin-top-2">
          <legend className="usa-legend">{t('refer.share', { organisation: o.organisation.name })}</legend>
          {o.concepts.map((c) => (
            <div className="usa-checkbox" key={c.id}>
              <input
                className="usa-checkbox__input"
                id={id(`share-${c.id}`)}
                type="checkbox"
                checked={!left.includes(c.id)}
                onChange={(e) => setLeft(e.target.checked ? left.filter((x) => x !== c.id) : [...left, c.id])}
              />
              <label className="usa-checkbox__label" htmlFor={id(`share-${c.id}`)}>
                {c.label}: {answerText(describeShared([{ concept: c.id, label: c.label, value: c.value }], t, lang)[0])}
              </label>
            </div>
          ))}
        </fieldset>
      )}
      <p className="margin-top-2" data-testid="screen-consent-statement">
        {o.statement}
      </p>
      <AgreementCheckbox
        id={id('consent')}
        label={t('refer.consent')}
        error={t('refer.consentNeeded')}
        missing={missing}
        checked={agreed}
        onChange={setAgreed}
      />
      <button type="submit" className="usa-button margin-top-2" disabled={busy}>
        {t('refer.send')}
      </button>
    </form>
  );
}
