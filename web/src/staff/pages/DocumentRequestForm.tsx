/**
 * "Ask for documents" (issue 15): the caseworker picks the kinds of document to ask for from the program's
 * `documents` list (at least one; the workflow's own list is checked to start with), optionally a due date (the
 * server allows a day after today and no later than the workflow's deadline, and says so when refused) and a note
 * the applicant reads with the notice. Nothing is sent until the caseworker confirms.
 */
import { useState, type FormEvent } from 'react';
import { useFocusOnMount } from '../../shared/components.tsx';
import { useI18n } from '../../shared/i18n.tsx';

/** A document type as the page lists it, in the staff's language. */
export interface DocumentTypeChoice {
  id: string;
  title: string;
  description?: string;
}

/** What the caseworker chose, as the transition request sends it. */
export interface DocumentRequestChoice {
  documents: string[];
  dueOn?: string;
  note?: string;
}

/** The form for `event` titled `title`. */
export function DocumentRequestForm({
  title,
  types,
  initial,
  busy,
  onConfirm,
  onCancel,
}: {
  title: string;
  types: DocumentTypeChoice[];
  initial: string[];
  busy: boolean;
  onConfirm: (choice: DocumentRequestChoice) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [chosen, setChosen] = useState<string[]>(initial.filter((id) => types.some((d) => d.id === id)));
  const [dueOn, setDueOn] = useState('');
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const toggle = (id: string) => {
    setMissing(false);
    setChosen((list) => (list.includes(id) ? list.filter((x) => x !== id) : types.map((d) => d.id).filter((x) => x === id || list.includes(x))));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen.length === 0) {
      setMissing(true);
      return;
    }
    onConfirm({ documents: chosen, ...(dueOn ? { dueOn } : {}), ...(note.trim() ? { note: note.trim() } : {}) });
  };
  return (
    <section className="usa-summary-box margin-y-2" aria-labelledby="request-documents-heading" data-testid="document-request">
      <form className="usa-summary-box__body" onSubmit={submit} noValidate>
        <h3 className="usa-summary-box__heading" id="request-documents-heading" tabIndex={-1} ref={heading}>
          {title}
        </h3>
        <div className={missing ? 'usa-form-group usa-form-group--error' : 'usa-form-group'}>
          <fieldset className="usa-fieldset" aria-describedby={missing ? 'request-documents-error' : undefined}>
            <legend className="usa-legend">{t('staff.requestDocumentsLegend')}</legend>
            {missing && (
              <span className="usa-error-message" id="request-documents-error" role="alert">
                {t('staff.requestDocumentsNone')}
              </span>
            )}
            {types.map((d) => (
              <div className="usa-checkbox" key={d.id}>
                <input
                  className="usa-checkbox__input"
                  id={`request-${d.id}`}
                  type="checkbox"
                  name="documents"
                  value={d.id}
                  checked={chosen.includes(d.id)}
                  onChange={() => toggle(d.id)}
                />
                <label className="usa-checkbox__label" htmlFor={`request-${d.id}`}>
                  {d.title}
                  {d.description && <span className="usa-checkbox__label-description">{d.description}</span>}
                </label>
              </div>
            ))}
          </fieldset>
        </div>
        <label className="usa-label" htmlFor="request-due-on">
          {t('staff.requestDueOn')}
        </label>
        <span className="usa-hint text-base-darker" id="request-due-on-hint">
          {t('staff.requestDueOnHint')}
        </span>
        <input
          className="usa-input"
          id="request-due-on"
          type="date"
          aria-describedby="request-due-on-hint"
          value={dueOn}
          onChange={(e) => setDueOn(e.target.value)}
        />
        <label className="usa-label" htmlFor="request-note">
          {t('staff.requestNote')}
        </label>
        <span className="usa-hint text-base-darker" id="request-note-hint">
          {t('staff.requestNoteHint')}
        </span>
        <textarea
          className="usa-textarea"
          id="request-note"
          aria-describedby="request-note-hint"
          maxLength={1000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        <div className="mandate-actions margin-top-2">
          <button type="submit" className="usa-button" disabled={busy}>
            {t('staff.requestSend')}
          </button>
          <button type="button" className="usa-button usa-button--unstyled" onClick={onCancel}>
            {t('staff.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
