/**
 * The draft's intake exactly as applicants will see it: the applicant pages' own step and review components
 * (web/src/applicant/pages), in any of the program's languages, at phone or desktop width, following the draft as it
 * changes. The answers typed here are the tester's household.
 */
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { useMemo, useState } from 'react';
import { localize, type Program } from '../../../engine/index.ts';
import { ReviewStep } from '../../../web/src/applicant/pages/ReviewStep.tsx';
import { StepForm } from '../../../web/src/applicant/pages/StepForm.tsx';
import { visiblePages } from '../../../web/src/forms/pages.ts';
import { LangScope, LANGUAGES, type Lang } from '../../../web/src/shared/i18n.tsx';
import { useText } from '../text.ts';
import { draftFormValidator } from './formValidation.ts';

/** A language's own name ("Español" for es), or its code when the browser does not know it. */
function languageName(code: string): string {
  try {
    const name = new Intl.DisplayNames([code], { type: 'language' }).of(code);
    return name ? name.charAt(0).toUpperCase() + name.slice(1) : code;
  } catch {
    return code;
  }
}

/** Props: the last valid draft document and the preview's answers (kept by the draft page). */
export interface PreviewProps {
  doc: Program;
  answers: Record<string, unknown>;
  onAnswers: (answers: Record<string, unknown>) => void;
  onUseInTester: () => void;
}

/** The preview panel. */
export function Preview({ doc, answers, onAnswers, onUseInTester }: PreviewProps) {
  const s = useText();
  const languages = doc.languages?.length ? doc.languages : ['en'];
  const [lang, setLang] = useState(languages[0]);
  const [width, setWidth] = useState<'phone' | 'desktop'>('phone');
  const [step, setStep] = useState<string | null>(null);
  const shownLang = languages.includes(lang) ? lang : languages[0];
  const localized = useMemo(() => {
    try {
      return shownLang === languages[0] ? doc : localize(doc, shownLang);
    } catch {
      return doc;
    }
  }, [doc, shownLang, languages]);
  // The form keeps its identity while other parts of the draft change (RJSF re-renders, and the validator is
  // compiled again, only when the form itself changed).
  const schemaText = JSON.stringify(localized.form?.schema ?? {});
  const uiSchemaText = JSON.stringify(localized.form?.uiSchema ?? {});
  const schema = useMemo(() => JSON.parse(schemaText) as RJSFSchema, [schemaText]);
  const uiSchema = useMemo(() => JSON.parse(uiSchemaText) as UiSchema, [uiSchemaText]);
  const validator = useMemo(() => draftFormValidator(schema), [schema]);
  const pages = useMemo(() => visiblePages(localized.form?.pages ?? [], answers), [localized, answers]);
  const index =
    step === 'review'
      ? pages.length
      : Math.max(
          0,
          pages.findIndex((p) => p.id === step),
        );
  const page = pages[index];
  const chromeLang: Lang = (LANGUAGES as readonly string[]).includes(shownLang) ? (shownLang as Lang) : 'en';
  const go = (next: Record<string, unknown>) => {
    const shown = visiblePages(localized.form?.pages ?? [], next);
    const here = shown.findIndex((p) => p.id === page?.id);
    setStep(shown[here + 1]?.id ?? 'review');
  };
  return (
    <div>
      <div className="mandate-toolbar">
        <div>
          <label className="usa-label margin-top-0" htmlFor="preview-lang">
            {s('preview.language')}
          </label>
          <select className="usa-select" id="preview-lang" value={shownLang} onChange={(e) => setLang(e.target.value)}>
            {languages.map((l) => (
              <option key={l} value={l}>
                {languageName(l)}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="usa-fieldset">
          <legend className="usa-legend margin-top-0">{s('preview.width')}</legend>
          {(['phone', 'desktop'] as const).map((w) => (
            <div className="usa-radio display-inline-block margin-right-2" key={w}>
              <input
                className="usa-radio__input"
                type="radio"
                id={`preview-width-${w}`}
                name="preview-width"
                checked={width === w}
                onChange={() => setWidth(w)}
              />
              <label className="usa-radio__label margin-top-1" htmlFor={`preview-width-${w}`}>
                {s(w === 'phone' ? 'preview.phone' : 'preview.desktop')}
              </label>
            </div>
          ))}
        </fieldset>
        <div className="mandate-toolbar__actions">
          <button
            type="button"
            className="usa-button usa-button--outline usa-button--small"
            onClick={() => {
              onAnswers({});
              setStep(null);
            }}
          >
            {s('preview.restart')}
          </button>
          <button type="button" className="usa-button usa-button--small" onClick={onUseInTester}>
            {s('preview.useInTester')}
          </button>
        </div>
      </div>
      <div className={`mandate-preview mandate-preview--${width}`} lang={shownLang} data-testid="preview">
        <LangScope lang={chromeLang}>
          {pages.length === 0 && <p>{s('preview.noPages')}</p>}
          {page && (
            <StepForm
              key={`${page.id}-${shownLang}`}
              schema={schema}
              validator={validator}
              uiSchema={uiSchema}
              page={page}
              answers={answers}
              stepNumber={index + 1}
              stepCount={pages.length + 1}
              onChange={onAnswers}
              onNext={(next) => {
                onAnswers(next);
                go(next);
              }}
              onBack={index > 0 ? () => setStep(pages[index - 1].id) : undefined}
            />
          )}
          {!page && pages.length > 0 && (
            <ReviewStep
              schema={schema}
              validator={validator}
              uiSchema={uiSchema}
              pages={pages}
              answers={answers}
              changeHref={() => '#'}
              onChangePage={(id) => setStep(id)}
              onBack={() => setStep(pages[pages.length - 1].id)}
              onSubmit={onUseInTester}
              busy={false}
            />
          )}
        </LangScope>
      </div>
    </div>
  );
}
