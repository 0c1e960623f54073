/**
 * "New program": a guided start in three steps, no JSON. 1. what the program gives (the templates, as radio
 * cards); 2. its name, id (suggested from the name, editable, checked as you type), organisation, languages and
 * start date; 3. review, then `POST /api/programs/from-template` makes version 1 as a draft and the draft page opens.
 * The server's refusals are shown at the field they name (their pointers: `/id`, `/languages/1`, …).
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { PROGRAM_ID_PATTERN, suggestId, TEMPLATE_MESSAGES } from '../../../engine/browser.ts';
import { api, ApiError } from '../../../web/src/shared/api.ts';
import type { DraftResult, ProgramList, TemplateList } from '../../../web/src/shared/api-types.ts';
import { Alert, errorText, useTitle } from '../../../web/src/shared/components.tsx';
import { LoadError } from '../../../web/src/shared/DeterminationView.tsx';
import { formatDate } from '../../../web/src/shared/format.ts';
import { useLoad } from '../../../web/src/shared/hooks.ts';
import { useI18n } from '../../../web/src/shared/i18n.tsx';
import { navigate } from '../../../web/src/shared/router.tsx';
import { useText } from '../text.ts';
import type { StudioKey } from '../texts/en.ts';

type Template = TemplateList[number];
type Field = 'template' | 'title' | 'id' | 'owner' | 'languages' | 'titleEs' | 'ownerEs' | 'effectiveFrom';
type Problems = Partial<Record<Field, string>>;

const STEPS: StudioKey[] = ['new.step1', 'new.step2', 'new.step3'];
const FIELD_STEP: Record<Field, number> = { template: 0, title: 1, id: 1, owner: 1, languages: 1, titleEs: 1, ownerEs: 1, effectiveFrom: 1 };
/** The field of the form a server diagnostic's pointer (into the request body) names. */
const FIELD_OF: Record<string, Field> = {
  template: 'template',
  title: 'title',
  id: 'id',
  owner: 'owner',
  languages: 'languages',
  titleTranslations: 'titleEs',
  ownerTranslations: 'ownerEs',
  effectiveFrom: 'effectiveFrom',
};
const today = (): string => new Date().toISOString().slice(0, 10);

/** The USWDS step indicator, its heading focused when the step changes (so a screen reader hears where it is). */
function StepIndicator({ step, focus }: { step: number; focus: boolean }) {
  const s = useText();
  const heading = useRef<HTMLHeadingElement>(null);
  // Mounted anew for each step (keyed by it): after a move between steps, the new step's heading takes focus.
  useEffect(() => {
    if (focus) heading.current?.focus();
  }, [focus]);
  return (
    <section className="usa-step-indicator usa-step-indicator--counters-sm margin-y-3" aria-label={s('new.progress')}>
      <ol className="usa-step-indicator__segments">
        {STEPS.map((key, i) => (
          <li
            key={key}
            className={`usa-step-indicator__segment${i < step ? ' usa-step-indicator__segment--complete' : i === step ? ' usa-step-indicator__segment--current' : ''}`}
            aria-current={i === step ? 'step' : undefined}
          >
            <span className="usa-step-indicator__segment-label">
              {s(key)} {i < step && <span className="usa-sr-only">{s('new.completed')}</span>}
              {i > step && <span className="usa-sr-only">{s('new.notCompleted')}</span>}
            </span>
          </li>
        ))}
      </ol>
      <div className="usa-step-indicator__header">
        <h2 className="usa-step-indicator__heading" ref={heading} tabIndex={-1}>
          <span className="usa-step-indicator__heading-counter">
            <span className="usa-sr-only">{s('new.step')}</span>
            <span className="usa-step-indicator__current-step">{step + 1}</span>{' '}
            <span className="usa-step-indicator__total-steps">{s('new.ofTotal', { total: STEPS.length })}</span>
          </span>{' '}
          <span className="usa-step-indicator__heading-text">{s(STEPS[step])}</span>
        </h2>
      </div>
    </section>
  );
}

/** A labelled form group with its hint and error, wired with aria-describedby. */
function Group({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: (describedBy: string) => ReactNode;
}) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={`usa-form-group${error ? ' usa-form-group--error' : ''}`}>
      <label className={`usa-label${error ? ' usa-label--error' : ''}`} htmlFor={id}>
        {label}
      </label>
      {hint && (
        <span className="usa-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span className="usa-error-message" id={`${id}-error`} role="alert">
          {error}
        </span>
      )}
      {children(describedBy)}
    </div>
  );
}

/** The guided start. */
export function NewProgramPage() {
  const { t, lang } = useI18n();
  const s = useText();
  useTitle(s('new.heading'), s('site.title'));
  const templates = useLoad(() => api<TemplateList>('GET', '/api/templates'), []);
  const programs = useLoad(() => api<ProgramList>('GET', '/api/programs'), []);
  const [step, setStepNow] = useState(0);
  const [moved, setMoved] = useState(false);
  const setStep = (next: number) => {
    setMoved(true);
    setStepNow(next);
  };
  const [template, setTemplate] = useState<string>('');
  const [title, setTitle] = useState('');
  const [id, setId] = useState('');
  const [idEdited, setIdEdited] = useState(false);
  const [owner, setOwner] = useState('');
  const [spanish, setSpanish] = useState(true);
  const [titleEs, setTitleEs] = useState('');
  const [ownerEs, setOwnerEs] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen: Template | undefined = templates.data?.find((x) => x.name === template);
  const earliest = chosen?.earliestStart ?? '';
  const start = effectiveFrom || (earliest && earliest > today() ? earliest : today());
  const shownId = idEdited ? id : suggestId(title);
  const taken = new Set((programs.data ?? []).map((p) => p.id));

  /** Problems the page can see before asking the server (the server checks all of them again). */
  const checkStep = (at: number): Problems => {
    const found: Problems = {};
    if (at === 0 && !chosen) found.template = s('new.pickTemplate');
    if (at === 1) {
      if (title.trim() === '') found.title = s('new.titleRequired');
      if (!PROGRAM_ID_PATTERN.test(shownId))
        found.id = TEMPLATE_MESSAGES.render('template.id-pattern', { value: shownId, example: suggestId(title) || 'harbour-pantry' }, lang);
      else if (taken.has(shownId)) found.id = s('new.idTaken', { id: shownId });
      if (owner.trim() === '') found.owner = s('new.ownerRequired');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(start)) found.effectiveFrom = s('new.startRequired');
      else if (earliest && start < earliest)
        found.effectiveFrom = TEMPLATE_MESSAGES.render(
          'template.date-too-early',
          { value: start, earliest, template: chosen?.title[lang as 'en' | 'es'] ?? template },
          lang,
        );
    }
    return found;
  };

  const next = () => {
    const found = checkStep(step);
    setProblems(found);
    setFailure(null);
    if (Object.keys(found).length === 0) setStep(step + 1);
  };

  const create = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const result = await api<DraftResult>('POST', '/api/programs/from-template', {
        template,
        id: shownId,
        title: title.trim(),
        owner: owner.trim(),
        languages: spanish ? ['en', 'es'] : ['en'],
        effectiveFrom: start,
        ...(spanish && titleEs.trim() ? { titleTranslations: { es: titleEs.trim() } } : {}),
        ...(spanish && ownerEs.trim() ? { ownerTranslations: { es: ownerEs.trim() } } : {}),
      });
      navigate(`/studio/programs/${encodeURIComponent(result.draft.programId)}/draft`);
    } catch (error) {
      const found: Problems = {};
      if (error instanceof ApiError) {
        if (error.code === 'program-exists') found.id = error.message;
        for (const d of error.diagnostics) {
          const field = FIELD_OF[d.path.split('/')[1] ?? ''];
          if (field && !found[field]) found[field] = d.message;
        }
      }
      const fields = Object.keys(found) as Field[];
      setProblems(found);
      if (fields.length > 0) setStep(Math.min(...fields.map((f) => FIELD_STEP[f])));
      else setFailure(errorText(error, t));
    } finally {
      setBusy(false);
    }
  };

  const summary = Object.entries(problems).filter(([, m]) => m) as [Field, string][];
  const words = (x: Template, key: 'title' | 'description' | 'gives') => x[key][lang as 'en' | 'es'] ?? x[key].en;

  return (
    <>
      <h1>{s('new.heading')}</h1>
      <p className="usa-intro">{s('new.intro')}</p>
      {templates.error !== undefined && <LoadError message={errorText(templates.error, t)} />}
      {templates.loading && !templates.data && <p>{t('common.loading')}</p>}
      {templates.data && (
        <>
          <StepIndicator key={step} step={step} focus={moved} />
          {summary.length > 0 && (
            <Alert type="error" heading={s('new.errorsHeading')} focus>
              <ul className="usa-list">
                {summary.map(([field, message]) => (
                  <li key={field}>
                    <a className="usa-link" href={`#new-${field}`}>
                      {message}
                    </a>
                  </li>
                ))}
              </ul>
            </Alert>
          )}
          {failure && (
            <Alert type="error" heading={s('new.failed')} focus>
              <p>{failure}</p>
            </Alert>
          )}
          <form
            className="usa-form maxw-tablet-lg"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              if (step < 2) next();
              else void create();
            }}
          >
            {step === 0 && (
              <fieldset className={`usa-fieldset${problems.template ? ' usa-form-group--error' : ''}`} aria-describedby="new-template-hint">
                <legend className="usa-legend usa-legend--large">{s('new.gives')}</legend>
                <span className="usa-hint" id="new-template-hint">
                  {s('new.givesHint')}
                </span>
                {problems.template && (
                  <span className="usa-error-message" id="new-template-error" role="alert">
                    {problems.template}
                  </span>
                )}
                {templates.data.map((x, i) => (
                  <div className="usa-radio" key={x.name}>
                    <input
                      className="usa-radio__input usa-radio__input--tile"
                      type="radio"
                      id={i === 0 ? 'new-template' : `new-template-${x.name}`}
                      name="template"
                      value={x.name}
                      checked={template === x.name}
                      onChange={() => setTemplate(x.name)}
                      aria-describedby={problems.template ? 'new-template-error' : undefined}
                    />
                    <label className="usa-radio__label" htmlFor={i === 0 ? 'new-template' : `new-template-${x.name}`}>
                      {words(x, 'title')}
                      <span className="usa-checkbox__label-description">
                        {words(x, 'description')} <strong>{words(x, 'gives')}.</strong>
                      </span>
                    </label>
                  </div>
                ))}
              </fieldset>
            )}

            {step === 1 && (
              <>
                <Group id="new-title" label={s('new.title')} hint={s('new.titleHint')} error={problems.title}>
                  {(describedBy) => (
                    <input
                      className={`usa-input${problems.title ? ' usa-input--error' : ''}`}
                      id="new-title"
                      value={title}
                      maxLength={200}
                      onChange={(e) => setTitle(e.target.value)}
                      aria-describedby={describedBy}
                      aria-invalid={problems.title ? true : undefined}
                    />
                  )}
                </Group>
                <Group id="new-id" label={s('new.id')} hint={s('new.idHint')} error={problems.id}>
                  {(describedBy) => (
                    <input
                      className={`usa-input font-mono-sm${problems.id ? ' usa-input--error' : ''}`}
                      id="new-id"
                      value={shownId}
                      maxLength={64}
                      spellCheck={false}
                      autoCapitalize="none"
                      onChange={(e) => {
                        setIdEdited(true);
                        setId(e.target.value);
                      }}
                      aria-describedby={describedBy}
                      aria-invalid={problems.id ? true : undefined}
                    />
                  )}
                </Group>
                <Group id="new-owner" label={s('new.owner')} hint={s('new.ownerHint')} error={problems.owner}>
                  {(describedBy) => (
                    <input
                      className={`usa-input${problems.owner ? ' usa-input--error' : ''}`}
                      id="new-owner"
                      value={owner}
                      maxLength={200}
                      autoComplete="organization"
                      onChange={(e) => setOwner(e.target.value)}
                      aria-describedby={describedBy}
                      aria-invalid={problems.owner ? true : undefined}
                    />
                  )}
                </Group>
                <fieldset
                  className={`usa-fieldset margin-top-3${problems.languages ? ' usa-form-group--error' : ''}`}
                  aria-describedby="new-languages-hint"
                >
                  <legend className="usa-legend">{s('new.languages')}</legend>
                  <span className="usa-hint" id="new-languages-hint">
                    {s('new.languagesHint')}
                  </span>
                  {problems.languages && (
                    <span className="usa-error-message" id="new-languages-error" role="alert">
                      {problems.languages}
                    </span>
                  )}
                  <div className="usa-checkbox">
                    <input
                      className="usa-checkbox__input"
                      type="checkbox"
                      id="new-languages"
                      checked={spanish}
                      onChange={(e) => setSpanish(e.target.checked)}
                    />
                    <label className="usa-checkbox__label" htmlFor="new-languages">
                      {s('new.spanish')}
                      {chosen && !chosen.languages.includes('es') && <span className="usa-checkbox__label-description">{s('new.noTexts')}</span>}
                    </label>
                  </div>
                </fieldset>
                {spanish && (
                  <Group id="new-titleEs" label={s('new.titleEs')} hint={s('new.titleEsHint')} error={problems.titleEs}>
                    {(describedBy) => (
                      <input
                        className={`usa-input${problems.titleEs ? ' usa-input--error' : ''}`}
                        id="new-titleEs"
                        lang="es"
                        value={titleEs}
                        maxLength={200}
                        onChange={(e) => setTitleEs(e.target.value)}
                        aria-describedby={describedBy}
                      />
                    )}
                  </Group>
                )}
                {spanish && (
                  <Group id="new-ownerEs" label={s('new.ownerEs')} hint={s('new.titleEsHint')} error={problems.ownerEs}>
                    {(describedBy) => (
                      <input
                        className={`usa-input${problems.ownerEs ? ' usa-input--error' : ''}`}
                        id="new-ownerEs"
                        lang="es"
                        value={ownerEs}
                        maxLength={200}
                        onChange={(e) => setOwnerEs(e.target.value)}
                        aria-describedby={describedBy}
                      />
                    )}
                  </Group>
                )}
                <Group
                  id="new-effectiveFrom"
                  label={s('new.start')}
                  hint={earliest ? s('new.startHint', { date: formatDate(earliest, lang) }) : undefined}
                  error={problems.effectiveFrom}
                >
                  {(describedBy) => (
                    <input
                      className={`usa-input maxw-card-lg${problems.effectiveFrom ? ' usa-input--error' : ''}`}
                      id="new-effectiveFrom"
                      type="date"
                      min={earliest || undefined}
                      value={start}
                      onChange={(e) => setEffectiveFrom(e.target.value)}
                      aria-describedby={describedBy}
                      aria-invalid={problems.effectiveFrom ? true : undefined}
                    />
                  )}
                </Group>
              </>
            )}

            {step === 2 && chosen && (
              <>
                <p>{s('new.reviewIntro')}</p>
                <dl className="new-program-review">
                  {(
                    [
                      ['new.template', `${words(chosen, 'title')}: ${words(chosen, 'gives')}`, 0],
                      ['new.title', title.trim(), 1],
                      ...(spanish && titleEs.trim() ? ([['new.titleEs', titleEs.trim(), 1]] as const) : []),
                      ['new.id', shownId, 1],
                      ['new.owner', owner.trim(), 1],
                      ...(spanish && ownerEs.trim() ? ([['new.ownerEs', ownerEs.trim(), 1]] as const) : []),
                      ['new.languages', spanish ? s('new.englishAndSpanish') : s('new.englishOnly'), 1],
                      ['new.start', formatDate(start, lang), 1],
                    ] as const
                  ).map(([key, value, at]) => (
                    <div key={key} className="new-program-review__row">
                      <dt>{s(key)}</dt>
                      <dd>
                        {value}{' '}
                        <button type="button" className="usa-button usa-button--unstyled margin-left-1" onClick={() => setStep(at)}>
                          {s('new.change')}
                          <span className="usa-sr-only">: {s(key)}</span>
                        </button>
                      </dd>
                    </div>
                  ))}
                </dl>
              </>
            )}

            <div className="margin-top-4">
              {step > 0 && (
                <button type="button" className="usa-button usa-button--outline" onClick={() => setStep(step - 1)}>
                  {s('new.back')}
                </button>
              )}
              <button type="submit" className="usa-button" disabled={busy}>
                {step < 2 ? s('new.next') : busy ? s('new.creating') : s('new.create')}
              </button>
            </div>
          </form>
        </>
      )}
    </>
  );
}
