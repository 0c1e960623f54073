/**
 * A case's notes (issue 16: each with who reads it) and the form to add one: staff of the program's organisation
 * choose the visibility (their organisation, the case's team, or the person too, on the status page); a team member
 * from another organisation writes for the team.
 */
import { useState, type FormEvent } from 'react';
import { api } from '../../shared/api.ts';
import { errorText } from '../../shared/components.tsx';
import { formatDateTime } from '../../shared/format.ts';
import { useI18n } from '../../shared/i18n.tsx';
import type { CaseDetail } from '../types.ts';

type Visibility = CaseDetail['notes'][number]['visibility'];
const VISIBILITIES: Visibility[] = ['organisation', 'team', 'person'];

/** The notes section of the case page. */
export function CaseNotes({
  data,
  person,
  onChange,
  onError,
}: {
  data: CaseDetail;
  person: (id: string) => string;
  onChange: () => void;
  onError: (text: string) => void;
}) {
  const { t, lang } = useI18n();
  const [note, setNote] = useState('');
  const [visibility, setVisibility] = useState<Visibility>('organisation');
  const [busy, setBusy] = useState(false);
  const staff = data.access === 'organisation';
  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!note.trim()) return;
    setBusy(true);
    try {
      await api('POST', `/api/cases/${encodeURIComponent(data.case.id)}/notes`, staff ? { text: note.trim(), visibility } : { text: note.trim() });
      setNote('');
      onChange();
    } catch (error) {
      onError(errorText(error, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="notes-heading">
      <h2 id="notes-heading">{t('staff.notes')}</h2>
      {data.notes.length === 0 && <p>{t('staff.noNotes')}</p>}
      <ul className="usa-list usa-list--unstyled" data-testid="notes">
        {data.notes.map((n) => (
          <li key={n.id} className="margin-bottom-1">
            <span className="text-base-dark">
              {formatDateTime(n.at, lang)} {t('staff.by', { actor: person(n.authorId) })}
            </span>{' '}
            <span className="usa-tag bg-base-lighter text-ink" data-testid="note-visibility">
              {t(`note.visibility.${n.visibility}`)}
            </span>
            <p className="margin-0">{n.text}</p>
          </li>
        ))}
      </ul>
      <form className="usa-form" onSubmit={(e) => void add(e)}>
        <label className="usa-label" htmlFor="note-text">
          {t('staff.addNote')}
        </label>
        <textarea className="usa-textarea" id="note-text" value={note} onChange={(e) => setNote(e.target.value)} />
        {staff ? (
          <fieldset className="usa-fieldset">
            <legend className="usa-legend">{t('note.visibility')}</legend>
            {VISIBILITIES.map((v) => (
              <div className="usa-radio" key={v}>
                <input
                  className="usa-radio__input"
                  id={`note-visibility-${v}`}
                  type="radio"
                  name="note-visibility"
                  value={v}
                  checked={visibility === v}
                  onChange={() => setVisibility(v)}
                />
                <label className="usa-radio__label" htmlFor={`note-visibility-${v}`}>
                  {t(`note.visibility.${v}`)}
                </label>
              </div>
            ))}
          </fieldset>
        ) : (
          <p className="usa-hint">{t('note.teamOnly')}</p>
        )}
        <button type="submit" className="usa-button" disabled={busy || !note.trim()}>
          {t('staff.saveNote')}
        </button>
      </form>
    </section>
  );
}
