/**
 * Continue an application with its resume code: asks the server for the application, keeps whichever copy of the
 * answers is newer (this device's or the server's), and opens the first unfinished step (or the result if submitted).
 */
import { useState, type FormEvent } from 'react';
import { visiblePages } from '../../forms/pages.ts';
import { api, ApiError } from '../../shared/api.ts';
import { Alert, errorText, useTitle } from '../../shared/components.tsx';
import { useI18n } from '../../shared/i18n.tsx';
import { navigate } from '../../shared/router.tsx';
import type { Application } from '../../shared/types.ts';
import { loadDraft, loadResult, saveDraft } from '../drafts.ts';
import { fetchCurrentProgram } from '../../shared/programs.ts';
import { SharedDeviceChoice } from '../SharedDevice.tsx';

/** The resume form. */
export function ResumePage() {
  const { t, lang } = useI18n();
  useTitle(t('resume.heading'), t('site.title'));
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const resumeCode = code.trim();
    if (!resumeCode) {
      setProblem(t('resume.empty'));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const app = await api<Application>('POST', '/api/applications/resume', { resumeCode });
      if (app.status === 'submitted') {
        // A submitted application is followed on the status page (the result is kept only on the device that sent it).
        navigate(loadResult(app.id) ? `/result/${encodeURIComponent(app.id)}` : '/status');
        return;
      }
      const local = loadDraft(app.programId);
      const localIsNewer = local && local.id === app.id && (!app.updatedAt || local.updatedAt > app.updatedAt);
      const answers = localIsNewer ? local.answers : app.answers;
      saveDraft({
        id: app.id,
        programId: app.programId,
        resumeCode,
        answers,
        updatedAt: app.updatedAt ?? new Date().toISOString(),
      });
      const program = await fetchCurrentProgram(app.programId, lang);
      const first = visiblePages(program.form.pages, answers)[0];
      navigate(`/apply/${encodeURIComponent(app.programId)}/${encodeURIComponent(first?.id ?? 'review')}`);
    } catch (error) {
      setProblem(error instanceof ApiError && (error.status === 404 || error.status === 401) ? t('resume.notFound') : errorText(error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>{t('resume.heading')}</h1>
      <p className="usa-intro">{t('resume.intro')}</p>
      {problem && (
        <Alert type="error" heading={t('errors.heading')} focus>
          <p>
            {/* biome-ignore lint/a11y/useValidAnchor: the error summary's link to its field (GOV.UK pattern): a real in-page href, and the click moves focus to the input. */}
            <a className="usa-link" href="#resume-code" onClick={(e) => (e.preventDefault(), document.getElementById('resume-code')?.focus())}>
              {problem}
            </a>
          </p>
        </Alert>
      )}
      <form className="usa-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className={`usa-form-group${problem ? ' usa-form-group--error' : ''}`}>
          <label className="usa-label" htmlFor="resume-code">
            {t('resume.code')}
          </label>
          {problem && (
            <span className="usa-error-message" id="resume-code-error">
              {problem}
            </span>
          )}
          <input
            className={`usa-input${problem ? ' usa-input--error' : ''}`}
            id="resume-code"
            name="resumeCode"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            value={code}
            aria-describedby={problem ? 'resume-code-error' : undefined}
            onChange={(e) => setCode(e.target.value)}
          />
        </div>
        <SharedDeviceChoice />
        <button type="submit" className="usa-button" disabled={busy}>
          {t('resume.submit')}
        </button>
      </form>
    </>
  );
}
