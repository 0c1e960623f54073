/**
 * The first step of an application the person may fill from an earlier one (issue 16): "We filled these from your
 * earlier application — check them". It asks the server which answers the consent in force allows (nothing is
 * saved), shows each with its question, editable (a list, such as the household's members, is shown person by person,
 * to change on the form's pages), and saves only what the person confirms; or they skip it.
 */
import { useState } from 'react';
import { describePrefilledList } from '../../forms/answers.ts';
import { AnswerList } from '../../shared/AnswerList.tsx';
import { api } from '../../shared/api.ts';
import type { Application, Prefill } from '../../shared/api-types.ts';
import { Alert, errorText, useFocusOnMount } from '../../shared/components.tsx';
import { useLoad } from '../../shared/hooks.ts';
import { useI18n } from '../../shared/i18n.tsx';
import type { ShareSource } from '../drafts.ts';

type Field = Prefill['fields'][number];

/** The value typed in an input, back in the type of the prefilled value. */
function typed(original: unknown, text: string): unknown {
  if (typeof original === 'number') {
    const n = Number(text);
    return text.trim() === '' || Number.isNaN(n) ? text : n;
  }
  return text;
}

/** The check-and-confirm step; `onDone(answers)` with the saved application's answers, or null when skipped. */
export function SharedAnswersStep(props: {
  applicationId: string;
  resumeCode: string;
  source: ShareSource;
  onDone: (answers: Record<string, unknown> | null) => void;
}) {
  const { t, lang } = useI18n();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const headers = { 'X-Resume-Code': props.resumeCode };
  const from = { applicationId: props.source.applicationId, resumeCode: props.source.resumeCode };
  const proposal = useLoad(
    () => api<Prefill>('POST', `/api/applications/${encodeURIComponent(props.applicationId)}/prefill`, { from, lang }, headers),
    [props.applicationId, lang],
  );
  const [values, setValues] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  if (proposal.error !== undefined) {
    return (
      <>
        <h1 ref={heading} tabIndex={-1}>
          {t('prefill.heading')}
        </h1>
        <Alert type="warning">{errorText(proposal.error, t)}</Alert>
        <button type="button" className="usa-button" onClick={() => props.onDone(null)}>
          {t('prefill.skip')}
        </button>
      </>
    );
  }
  if (!proposal.data) return <p>{t('common.loading')}</p>;
  const { fields, source } = proposal.data;
  const shown = (f: Field) => values[f.field] ?? (Array.isArray(f.value) ? '' : String(f.value));
  const editable = fields.filter((f) => !Array.isArray(f.value));
  const lists = fields.filter((f) => Array.isArray(f.value));
  const confirm = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const answers = Object.fromEntries(fields.map((f) => [f.field, Array.isArray(f.value) ? f.value : typed(f.value, shown(f))]));
      const saved = await api<Application>(
        'POST',
        `/api/applications/${encodeURIComponent(props.applicationId)}/prefill/confirm`,
        { from, answers, lang },
        headers,
      );
      props.onDone(saved.answers);
    } catch (error) {
      setFailure(errorText(error, t));
      setBusy(false);
    }
  };
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {t('prefill.heading')}
      </h1>
      <p className="usa-intro">{t('prefill.intro', { program: source.title, organisation: source.organisation })}</p>
      {failure && <Alert type="error">{failure}</Alert>}
      {fields.length === 0 ? (
        <p>{t('prefill.none')}</p>
      ) : (
        <form
          className="usa-form usa-form--large"
          onSubmit={(e) => {
            e.preventDefault();
            void confirm();
          }}
        >
          {editable.map((f) => (
            <div className="usa-form-group" key={f.field}>
              <label className="usa-label" htmlFor={`prefill-${f.field}`}>
                {f.title}
              </label>
              <span className="usa-hint" id={`prefill-${f.field}-hint`}>
                {t('prefill.from', { concept: f.conceptLabel })}
              </span>
              <input
                className="usa-input"
                id={`prefill-${f.field}`}
                aria-describedby={`prefill-${f.field}-hint`}
                inputMode={typeof f.value === 'number' ? 'decimal' : undefined}
                value={shown(f)}
                onChange={(e) => setValues({ ...values, [f.field]: e.target.value })}
              />
            </div>
          ))}
          {lists.map((f) => {
            // Person by person (names, dates of birth, money formatted), or one line for a list of plain values.
            const described = describePrefilledList({ concept: f.concept, label: f.title, value: f.value }, t, lang);
            return (
              <section className="margin-top-3" key={f.field} aria-labelledby={`prefill-${f.field}`} data-testid={`prefill-${f.field}`}>
                <h2 className="font-sans-sm margin-bottom-05" id={`prefill-${f.field}`}>
                  {f.title}
                </h2>
                <p className="usa-hint margin-top-0">{t('prefill.list', { concept: f.conceptLabel })}</p>
                {described.rows ? <AnswerList rows={described.rows} /> : <p>{described.value}</p>}
              </section>
            );
          })}
          <button type="submit" className="usa-button margin-top-3" disabled={busy}>
            {t('prefill.use')}
          </button>
        </form>
      )}
      <button type="button" className="usa-button usa-button--unstyled margin-top-3" onClick={() => props.onDone(null)}>
        {t('prefill.skip')}
      </button>
    </>
  );
}
