/**
 * On the review step: how the applicant will open their application later on another device (with the resume
 * code): their date of birth (filled in from the answers when the form asked for it) or a code sent to the email
 * address they gave, when they gave one and agreed to be contacted.
 */
import type { Program } from '../../../../engine/browser.ts';
import { useI18n } from '../../shared/i18n.tsx';

/** The choice as the submission sends it. */
export type FactorChoice = { kind: 'date-of-birth'; dateOfBirth: string } | { kind: 'email' };

/** The state of the choice on the page. */
export interface FactorState {
  kind: 'date-of-birth' | 'email';
  dateOfBirth: string;
  error: boolean;
}

/** The email address the notices and codes would go to, or null (none given, or no consent). */
export function contactEmail(doc: Program, answers: Record<string, unknown>): string | null {
  const contact = doc.contact;
  const email = contact?.email ? answers[contact.email] : undefined;
  if (typeof email !== 'string' || !email.includes('@')) return null;
  return contact?.consent && answers[contact.consent] !== true ? null : email;
}

/** A date of birth the answers already hold (the first household member's), for the default. */
export function answeredDateOfBirth(answers: Record<string, unknown>): string {
  const members = answers.members;
  const first = Array.isArray(members) ? (members[0] as Record<string, unknown> | undefined) : undefined;
  const dob = first?.dateOfBirth ?? answers.dateOfBirth;
  return typeof dob === 'string' ? dob : '';
}

/** The submission's choice, or null when the date is missing (the page then shows the error). */
export function factorChoice(state: FactorState): FactorChoice | null {
  if (state.kind === 'email') return { kind: 'email' };
  return /^\d{4}-\d{2}-\d{2}$/.test(state.dateOfBirth) ? { kind: 'date-of-birth', dateOfBirth: state.dateOfBirth } : null;
}

/** The fieldset. */
export function StatusFactorField({ state, email, onChange }: { state: FactorState; email: string | null; onChange: (s: FactorState) => void }) {
  const { t } = useI18n();
  return (
    <section className="border-top border-base-lighter padding-top-2 margin-top-3" aria-labelledby="factor-heading">
      <h2 className="margin-0" id="factor-heading">
        {t('review.factor')}
      </h2>
      <p>{t('review.factorHint')}</p>
      <fieldset className="usa-fieldset">
        <legend className="usa-sr-only">{t('review.factor')}</legend>
        <div className="usa-radio">
          <input
            className="usa-radio__input"
            id="factor-dob"
            type="radio"
            name="status-factor"
            checked={state.kind === 'date-of-birth'}
            onChange={() => onChange({ ...state, kind: 'date-of-birth' })}
          />
          <label className="usa-radio__label" htmlFor="factor-dob">
            {t('review.factorDob')}
          </label>
        </div>
        <div className="usa-radio">
          <input
            className="usa-radio__input"
            id="factor-email"
            type="radio"
            name="status-factor"
            disabled={!email}
            aria-describedby={email ? undefined : 'factor-email-hint'}
            checked={state.kind === 'email'}
            onChange={() => onChange({ ...state, kind: 'email', error: false })}
          />
          <label className="usa-radio__label" htmlFor="factor-email">
            {t('review.factorEmail')}
            {email && <span className="usa-checkbox__label-description">{email}</span>}
          </label>
          {!email && (
            <span className="usa-hint display-block margin-left-4" id="factor-email-hint">
              {t('review.factorEmailNone')}
            </span>
          )}
        </div>
      </fieldset>
      {state.kind === 'date-of-birth' && (
        <div className={`usa-form-group${state.error ? ' usa-form-group--error' : ''}`}>
          <label className="usa-label" htmlFor="factor-dob-date">
            {t('review.dob')}
          </label>
          {state.error && (
            <span className="usa-error-message" id="factor-dob-error">
              {t('review.dobError')}
            </span>
          )}
          <input
            className={`usa-input${state.error ? ' usa-input--error' : ''}`}
            id="factor-dob-date"
            type="date"
            autoComplete="bday"
            value={state.dateOfBirth}
            aria-describedby={state.error ? 'factor-dob-error' : undefined}
            onChange={(e) => onChange({ ...state, dateOfBirth: e.target.value, error: false })}
          />
        </div>
      )}
    </section>
  );
}
