/**
 * The confirmation of a decision that needs a reason (a denial, a closure): the program's reasons to choose from,
 * and a preview of what the applicant will be told, in their language (`POST …/transitions/preview`: the state their
 * application will show, what the determination found, the notice with the chosen reason). Nothing is sent until the
 * caseworker confirms; then the transition is taken with the reason.
 */
import { useState } from 'react';
import { api } from '../../shared/api.ts';
import { errorText, useFocusOnMount } from '../../shared/components.tsx';
import { useLoad } from '../../shared/hooks.ts';
import { useI18n } from '../../shared/i18n.tsx';
import type { TransitionPreview } from '../../shared/api-types.ts';

/** A reason the program lists for the event, in the page's language. */
export interface ReasonChoice {
  id: string;
  title: string;
  reference: { title?: string; citation?: string; url?: string } | null;
}

/** The confirmation panel for `event` on case `caseId`. */
export function DecisionConfirm({
  caseId,
  event,
  title,
  choices,
  busy,
  onConfirm,
  onCancel,
}: {
  caseId: string;
  event: string;
  title: string;
  choices: ReasonChoice[];
  busy: boolean;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const preview = useLoad(
    () =>
      reason
        ? api<TransitionPreview>('POST', `/api/cases/${encodeURIComponent(caseId)}/transitions/preview`, { event, reason })
        : Promise.resolve(null),
    [caseId, event, reason],
  );
  const p = preview.data;
  const recipient = (to: string) => (to === 'applicant' ? t('staff.previewApplicant') : to);
  return (
    <section className="usa-summary-box margin-y-2" aria-labelledby="confirm-heading" data-testid="decision-confirm">
      <div className="usa-summary-box__body">
        <h3 className="usa-summary-box__heading" id="confirm-heading" tabIndex={-1} ref={heading}>
          {t('staff.confirmTitle', { title })}
        </h3>
        <p>{t('staff.confirmIntro')}</p>
        <fieldset className="usa-fieldset">
          <legend className="usa-legend">{t('staff.reasonLegend')}</legend>
          {choices.map((c) => (
            <div className="usa-radio" key={c.id}>
              <input
                className="usa-radio__input"
                id={`reason-${c.id}`}
                type="radio"
                name="decision-reason"
                value={c.id}
                checked={reason === c.id}
                onChange={() => setReason(c.id)}
              />
              <label className="usa-radio__label" htmlFor={`reason-${c.id}`}>
                {c.title}
                {c.reference?.citation && <span className="usa-checkbox__label-description">{c.reference.citation}</span>}
              </label>
            </div>
          ))}
        </fieldset>
        {reason && (
          <div className="margin-top-2" data-testid="decision-preview" lang={p?.lang}>
            <h4 className="margin-bottom-1">{t('staff.previewHeading')}</h4>
            {preview.loading && !p && <p>{t('staff.previewLoading')}</p>}
            {preview.error !== undefined && (
              <p className="text-secondary-dark" role="alert">
                {errorText(preview.error, t)}
              </p>
            )}
            {p && (
              <>
                <p className="margin-top-0">{t('staff.previewState', { state: p.stateTitle })}</p>
                {p.reasons.length > 0 && (
                  <>
                    <p className="text-bold margin-bottom-0">{t('staff.previewReasons')}</p>
                    <ul className="usa-list margin-top-05">
                      {p.reasons.map((r) => (
                        <li key={r.rule}>{r.text}</li>
                      ))}
                    </ul>
                  </>
                )}
                <p className="text-bold margin-bottom-0">{t('staff.previewNotice')}</p>
                {p.messages.length === 0 && <p>{t('staff.previewNoNotice')}</p>}
                {p.messages.map((m, i) => (
                  <blockquote
                    key={`${m.to}-${i}`}
                    className="margin-x-0 margin-y-1 padding-left-2 border-left-05 border-base-light"
                    data-testid="preview-notice"
                  >
                    <p className="margin-0 text-base-dark font-body-3xs">{t('staff.previewTo', { to: recipient(m.to) })}</p>
                    <p className="margin-0">{m.text}</p>
                  </blockquote>
                ))}
              </>
            )}
          </div>
        )}
        <div className="mandate-actions margin-top-2">
          <button type="button" className="usa-button usa-button--secondary" disabled={busy || !reason || !p} onClick={() => onConfirm(reason)}>
            {t('staff.confirmSend', { title })}
          </button>
          <button type="button" className="usa-button usa-button--unstyled" onClick={onCancel}>
            {t('staff.cancel')}
          </button>
        </div>
      </div>
    </section>
  );
}
