/**
 * The columns of the program dashboard's CSV export, for administrators (issue 15): a checkbox per column the server
 * offers (`GET /api/settings` → `exportColumnChoices`), the answers of a chosen program's questions as
 * `answer:<question>` columns, and the masking rule (names and answers show as *** to roles that may not see
 * applications). Saved through `PUT /api/settings` with the revision read; the server's refusals are shown as it
 * words them.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../shared/api.ts';
import type { Settings } from '../../shared/api-types.ts';
import { Alert, errorText, useTitle } from '../../shared/components.tsx';
import { LoadError } from '../../shared/DeterminationView.tsx';
import { useLoad } from '../../shared/hooks.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { Link } from '../../shared/router.tsx';
import type { ProgramSummary, VersionWithDocument } from '../../shared/types.ts';

const ANSWER = 'answer:';

/** The export settings page. */
export function ExportSettingsPage() {
  const { t, lang } = useI18n();
  useTitle(t('export.heading'), t('site.staffTitle'));
  const settings = useLoad(() => api<Settings>('GET', '/api/settings'), []);
  const programs = useLoad(() => api<ProgramSummary[]>('GET', `/api/programs?lang=${lang}`), [lang]);
  const [programId, setProgramId] = useState('');
  const questions = useLoad(async () => {
    if (!programId) return [];
    const version = await api<VersionWithDocument>('GET', `/api/programs/${encodeURIComponent(programId)}/current?lang=${lang}`);
    const properties = (version.doc.form.schema.properties ?? {}) as Record<string, { title?: string }>;
    return Object.entries(properties).map(([name, schema]) => ({ name, title: schema.title ?? name }));
  }, [programId, lang]);
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [message, setMessage] = useState<{ type: 'error' | 'success'; heading: string; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (settings.data && chosen === null) setChosen(settings.data.exportColumns ?? settings.data.exportColumnChoices?.defaults ?? []);
  }, [settings.data, chosen]);
  useEffect(() => {
    if (!programId && programs.data?.[0]) setProgramId(programs.data[0].id);
  }, [programs.data, programId]);

  if (settings.error !== undefined) return <LoadError message={errorText(settings.error, t)} />;
  if (!settings.data || chosen === null) return <p>{t('common.loading')}</p>;
  const s = settings.data;
  const columns = s.exportColumnChoices?.columns ?? [];
  const toggle = (column: string) => {
    setMessage(null);
    setChosen((list) => ((list ?? []).includes(column) ? (list ?? []).filter((c) => c !== column) : [...(list ?? []), column]));
  };
  // The fixed columns in the server's order, then the answers in the order they were chosen.
  const ordered = [...columns.filter((c) => chosen.includes(c)), ...chosen.filter((c) => c.startsWith(ANSWER))];
  const shownQuestions = questions.data ?? [];
  const otherAnswers = chosen.filter((c) => c.startsWith(ANSWER) && !shownQuestions.some((q) => `${ANSWER}${q.name}` === c));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (ordered.length === 0) {
      setMessage({ type: 'error', heading: t('export.refused'), text: t('export.none') });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      await api('PUT', '/api/settings', { makerChecker: s.makerChecker, exportColumns: ordered, revision: s.revision });
      setMessage({ type: 'success', heading: t('export.saved'), text: '' });
      setChosen(null);
      settings.reload();
    } catch (error) {
      setMessage({ type: 'error', heading: t('export.refused'), text: errorText(error, t) });
    } finally {
      setBusy(false);
    }
  };

  const box = (column: string, label: string, description?: string) => (
    <div className="usa-checkbox" key={column}>
      <input
        className="usa-checkbox__input"
        id={`column-${column.replace(':', '-')}`}
        type="checkbox"
        name="columns"
        value={column}
        checked={chosen.includes(column)}
        onChange={() => toggle(column)}
      />
      <label className="usa-checkbox__label" htmlFor={`column-${column.replace(':', '-')}`}>
        {label}
        {description && <span className="usa-checkbox__label-description">{description}</span>}
      </label>
    </div>
  );

  return (
    <>
      <p>
        <Link className="usa-link" href="/staff/dashboard">
          {t('export.back')}
        </Link>
      </p>
      <h1>{t('export.heading')}</h1>
      <p data-testid="settings-organisation">
        {t('settings.of', { organisation: s.organisationName ?? s.organisationId })}
        {s.inherited && ` ${t('settings.inherited')}`}
      </p>
      <p>{t('export.intro')}</p>
      <div className="usa-summary-box margin-y-2" data-testid="masking-rule">
        <div className="usa-summary-box__body">
          <h2 className="usa-summary-box__heading">{t('export.maskHeading')}</h2>
          <p className="margin-bottom-0">{t('export.maskRule')}</p>
        </div>
      </div>
      {message && (
        <Alert type={message.type} heading={message.heading} focus>
          {message.text && <p data-testid="export-message">{message.text}</p>}
        </Alert>
      )}
      <form className="usa-form maxw-none" onSubmit={save} noValidate>
        <fieldset className="usa-fieldset">
          <legend className="usa-legend usa-legend--large">{t('export.columns')}</legend>
          {columns.map((c) => box(c, t(`export.column.${c}` as Parameters<typeof t>[0]), c === 'applicant' ? t('export.masked') : undefined))}
        </fieldset>
        <fieldset className="usa-fieldset margin-top-3">
          <legend className="usa-legend usa-legend--large">{t('export.answers')}</legend>
          <p className="usa-hint">{t('export.answersHint')}</p>
          <label className="usa-label" htmlFor="export-program">
            {t('dashboard.program')}
          </label>
          <select className="usa-select" id="export-program" value={programId} onChange={(e) => setProgramId(e.target.value)}>
            {(programs.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
          {questions.error !== undefined && <p className="usa-error-message">{errorText(questions.error, t)}</p>}
          {shownQuestions.map((q) => box(`${ANSWER}${q.name}`, q.title, `${t('export.masked')} (${ANSWER}${q.name})`))}
          {otherAnswers.map((c) => box(c, c, t('export.masked')))}
        </fieldset>
        <button type="submit" className="usa-button margin-top-3" disabled={busy}>
          {t('export.save')}
        </button>
      </form>
    </>
  );
}
