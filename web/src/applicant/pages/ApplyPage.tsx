/**
 * The application wizard for one program, over the program's `form.pages`: an intro that starts the application (and
 * shows the resume code), one step per shown page (`/apply/:programId/:pageId`), "Save and finish later", a review
 * step (`/apply/:programId/review`) and submission. Answers are kept on the device on every change and sent to the
 * server on every "Save and continue"; a failed save keeps the answers and says so.
 */
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { useEffect, useMemo, useState } from 'react';
import { visiblePages } from '../../forms/pages.ts';
import { useFormValidator } from '../../forms/validator.ts';
import { api, ApiError } from '../../shared/api.ts';
import { Alert, errorText, useTitle } from '../../shared/components.tsx';
import { LoadError } from '../../shared/DeterminationView.tsx';
import { useLoad } from '../../shared/hooks.ts';
import { useI18n } from '../../shared/i18n.tsx';
import { navigate } from '../../shared/router.tsx';
import type { StartedApplication, SubmitResult } from '../../shared/types.ts';
import { fetchCurrentVersion } from '../../shared/programs.ts';
import { clearDraft, clearShareSource, isSharedDevice, loadDraft, loadShareSource, saveDraft, saveResult, type LocalDraft } from '../drafts.ts';
import { SharedAnswersStep } from './SharedAnswersStep.tsx';
import { EarlierAnswers } from './EarlierAnswers.tsx';
import { SharedDeviceChoice } from '../SharedDevice.tsx';
import { ReviewStep } from './ReviewStep.tsx';
import { StepForm } from './StepForm.tsx';
import { answeredDateOfBirth, contactEmail, factorChoice, StatusFactorField, type FactorState } from './StatusFactor.tsx';

/** The header that proves the applicant holds the application's resume code. */
export function codeHeader(draft: LocalDraft): Record<string, string> {
  return { 'X-Resume-Code': draft.resumeCode };
}

/**
 * Sends the answers of a draft to the server, with `step`, the wizard page the applicant goes to (the program
 * dashboard shows where people leave); resolves true when they arrived.
 */
export async function syncDraft(draft: LocalDraft, lang: string, step?: string): Promise<boolean> {
  try {
    await api('PUT', `/api/applications/${encodeURIComponent(draft.id)}`, { answers: draft.answers, lang, step }, codeHeader(draft));
    saveDraft({ ...draft, unsynced: false });
    return true;
  } catch {
    return false;
  }
}

function ResumeCodeBox({ code }: { code: string }) {
  const { t } = useI18n();
  return (
    <section className="usa-summary-box margin-y-3" aria-labelledby="resume-code-heading">
      <div className="usa-summary-box__body">
        <h2 className="usa-summary-box__heading" id="resume-code-heading">
          {t('apply.resumeCode')}
        </h2>
        <p className="mandate-code margin-y-1" data-testid="resume-code">
          {code}
        </p>
        <p className="margin-0">{t('apply.resumeHint')}</p>
      </div>
    </section>
  );
}

/** The wizard page; `step` is a page id, `review`, `saved`, or absent for the intro. */
export function ApplyPage({ programId, step }: { programId: string; step?: string }) {
  const { t, lang } = useI18n();
  const version = useLoad(() => fetchCurrentVersion(programId, lang), [programId, lang]);
  const checker = useFormValidator(version.data?.validator);
  const [draft, setDraft] = useState<LocalDraft | null>(() => loadDraft(programId));
  const [offline, setOffline] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ message: string; details: string[] } | null>(null);
  const [forgotten, setForgotten] = useState(false);
  const [factor, setFactor] = useState<FactorState | null>(null);
  const doc = version.data?.doc;
  useTitle(doc?.title ?? '', t('site.title'));

  const schema = useMemo(() => (doc?.form.schema ?? {}) as RJSFSchema, [doc]);
  const uiSchema = useMemo(() => (doc?.form.uiSchema ?? {}) as UiSchema, [doc]);
  const answers = draft?.answers ?? {};
  const pages = useMemo(() => (doc ? visiblePages(doc.form.pages, answers) : []), [doc, answers]);

  useEffect(() => {
    // A step address without an application on this device goes back to the intro.
    if (step && !draft) navigate(`/apply/${encodeURIComponent(programId)}`, true);
  }, [step, draft, programId]);
  useEffect(() => {
    // The check step of shared answers without answers to check (used, or declined) goes to the first page.
    if (step === 'shared' && draft && doc && !loadShareSource(programId))
      navigate(`/apply/${encodeURIComponent(programId)}/${encodeURIComponent(visiblePages(doc.form.pages, draft.answers)[0]?.id ?? 'review')}`, true);
  }, [step, draft, doc, programId]);

  if (version.error !== undefined) return <LoadError message={errorText(version.error, t)} />;
  if (checker.error !== undefined) return <LoadError message={errorText(checker.error, t)} />;
  if (!doc) return <p>{t('common.loading')}</p>;
  const base = `/apply/${encodeURIComponent(programId)}`;

  const update = (next: Record<string, unknown>) => {
    if (!draft) return;
    const changed = { ...draft, answers: next, updatedAt: new Date().toISOString(), unsynced: true };
    saveDraft(changed);
    setDraft(changed);
  };

  const start = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const created = await api<StartedApplication>('POST', '/api/applications', { programId, lang });
      const fresh: LocalDraft = {
        id: created.id,
        programId,
        resumeCode: created.resumeCode,
        answers: created.answers,
        updatedAt: new Date().toISOString(),
      };
      saveDraft(fresh);
      setDraft(fresh);
      // With answers the person agreed to share from an earlier application, they check them first (issue 16).
      const first = visiblePages(doc.form.pages, fresh.answers)[0]?.id ?? 'review';
      navigate(`${base}/${encodeURIComponent(loadShareSource(programId) ? 'shared' : first)}`);
    } catch (error) {
      setFailure({ message: errorText(error, t), details: [] });
    } finally {
      setBusy(false);
    }
  };

  const saveAndGo = async (next: Record<string, unknown>, to: string, step: string) => {
    if (!draft) return;
    const changed = { ...draft, answers: next, updatedAt: new Date().toISOString(), unsynced: true };
    saveDraft(changed);
    setDraft(changed);
    setBusy(true);
    const ok = await syncDraft(changed, lang, step);
    setBusy(false);
    setOffline(!ok);
    navigate(to);
  };

  const email = contactEmail(doc, answers);
  const factorState: FactorState = factor ?? { kind: email ? 'email' : 'date-of-birth', dateOfBirth: answeredDateOfBirth(answers), error: false };
  const submit = async () => {
    if (!draft) return;
    const statusFactor = factorChoice(factorState.kind === 'email' && !email ? { ...factorState, kind: 'date-of-birth' } : factorState);
    if (!statusFactor) {
      setFactor({ ...factorState, kind: 'date-of-birth', error: true });
      document.getElementById('factor-dob-date')?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      if (!(await syncDraft(draft, lang))) throw new ApiError(0, 'network');
      const result = await api<SubmitResult>('POST', `/api/applications/${encodeURIComponent(draft.id)}/submit`, { statusFactor }, codeHeader(draft));
      saveResult(draft.id, { ...result, programId, resumeCode: draft.resumeCode });
      clearDraft(programId);
      navigate(`/result/${encodeURIComponent(draft.id)}`);
    } catch (error) {
      const details = (error as { diagnostics?: { message: string }[] }).diagnostics?.map((d) => d.message) ?? [];
      setFailure({ message: errorText(error, t), details });
      window.scrollTo(0, 0);
    } finally {
      setBusy(false);
    }
  };

  const failureAlert = failure && (
    <Alert type="error" heading={t('apply.submitError')} focus>
      <p>{failure.message}</p>
      {failure.details.length > 0 && (
        <ul className="usa-list">
          {failure.details.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      )}
    </Alert>
  );
  const offlineAlert = offline && (
    <Alert type="warning" slim>
      {t('apply.offline')}
    </Alert>
  );

  if (!step || !draft) {
    return (
      <>
        <h1>{t('apply.intro', { title: doc.title })}</h1>
        <p className="usa-intro">{doc.description}</p>
        <p>{t('apply.before')}</p>
        {failureAlert}
        {draft && <ResumeCodeBox code={draft.resumeCode} />}
        {!draft && !loadShareSource(programId) && <EarlierAnswers programId={programId} onShared={() => void start()} />}
        <SharedDeviceChoice />
        <button
          type="button"
          className="usa-button usa-button--big"
          disabled={busy}
          onClick={() => (draft ? navigate(`${base}/${encodeURIComponent(pages[0]?.id ?? 'review')}`) : void start())}
        >
          {draft ? t('resume.submit') : t('apply.start')}
        </button>
      </>
    );
  }

  if (step === 'saved') {
    const forget = () => {
      clearDraft(programId);
      setForgotten(true);
    };
    if (forgotten) {
      return (
        <>
          <h1>{t('apply.saved')}</h1>
          <Alert type="success" focus>
            {t('shared.forgotten')}
          </Alert>
        </>
      );
    }
    return (
      <>
        <h1>{t('apply.saved')}</h1>
        {offlineAlert}
        <p>{t('apply.savedText')}</p>
        <ResumeCodeBox code={draft.resumeCode} />
        {isSharedDevice() && <p>{t('shared.savedNote')}</p>}
        <button type="button" className="usa-button usa-button--outline" onClick={forget}>
          {t('shared.forget')}
        </button>
      </>
    );
  }

  if (step === 'shared') {
    const source = loadShareSource(programId);
    const firstPage = (next: Record<string, unknown>) => `${base}/${encodeURIComponent(visiblePages(doc.form.pages, next)[0]?.id ?? 'review')}`;
    if (!source) return <p>{t('common.loading')}</p>;
    return (
      <SharedAnswersStep
        applicationId={draft.id}
        resumeCode={draft.resumeCode}
        source={source}
        onDone={(saved) => {
          clearShareSource(programId);
          if (saved) {
            const changed = { ...draft, answers: saved, updatedAt: new Date().toISOString(), unsynced: false };
            saveDraft(changed);
            setDraft(changed);
          }
          navigate(firstPage(saved ?? answers));
        }}
      />
    );
  }

  if (step === 'review') {
    return (
      <>
        {offlineAlert}
        {failureAlert}
        <ReviewStep
          schema={schema}
          validator={checker.validator}
          uiSchema={uiSchema}
          pages={pages}
          answers={answers}
          changeHref={(pageId) => `${base}/${encodeURIComponent(pageId)}`}
          onBack={() => navigate(`${base}/${encodeURIComponent(pages[pages.length - 1]?.id ?? '')}`)}
          onSubmit={() => void submit()}
          busy={busy}
          extra={<StatusFactorField state={factorState} email={email} onChange={setFactor} />}
        />
      </>
    );
  }

  const index = pages.findIndex((p) => p.id === step);
  if (index < 0) {
    return (
      <Alert type="warning" heading={t('common.notFound')}>
        <p>
          <a className="usa-link" href={base}>
            {doc.title}
          </a>
        </p>
      </Alert>
    );
  }
  const page = pages[index];
  const nextStep = (next: Record<string, unknown>) => {
    const shown = visiblePages(doc.form.pages, next);
    const here = shown.findIndex((p) => p.id === page.id);
    return shown[here + 1]?.id ?? 'review';
  };
  return (
    <>
      {offlineAlert}
      <StepForm
        key={page.id}
        schema={schema}
        validator={checker.validator}
        uiSchema={uiSchema}
        page={page}
        answers={answers}
        stepNumber={index + 1}
        stepCount={pages.length + 1}
        busy={busy}
        onChange={update}
        onNext={(next) => {
          const step = nextStep(next);
          void saveAndGo(next, `${base}/${encodeURIComponent(step)}`, step);
        }}
        onBack={() => navigate(index > 0 ? `${base}/${encodeURIComponent(pages[index - 1].id)}` : base)}
      />
      <button
        type="button"
        className="usa-button usa-button--unstyled margin-top-3"
        onClick={() => void saveAndGo(answers, `${base}/saved`, page.id)}
      >
        {t('apply.saveLater')}
      </button>
      <ResumeCodeBox code={draft.resumeCode} />
    </>
  );
}
