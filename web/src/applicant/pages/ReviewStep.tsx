/** The review step: every shown page's answers with a "Change" link to that page, then Submit. */
import type { RJSFSchema, UiSchema, ValidatorType } from '@rjsf/utils';
import type { ReactNode } from 'react';
import type { FormPage } from '../../../../engine/browser.ts';
import { describeAnswers } from '../../forms/answers.ts';
import { resolvedSchema } from '../../forms/pages.ts';
import { AnswerList } from '../../shared/AnswerList.tsx';
import { useFocusOnMount } from '../../shared/components.tsx';
import { useI18n } from '../../shared/i18n.tsx';
import { Link } from '../../shared/router.tsx';

/**
 * Lists the answers page by page; `changeHref(pageId)` is where each "Change" link goes. The conditional questions
 * are resolved by the form's `validator`, so the step waits for it.
 */
export function ReviewStep(props: {
  schema: RJSFSchema;
  validator: ValidatorType | undefined;
  uiSchema: UiSchema;
  pages: FormPage[];
  answers: Record<string, unknown>;
  changeHref: (pageId: string) => string;
  /** Where "Change" goes without leaving the page (the studio's preview); links to `changeHref` when absent. */
  onChangePage?: (pageId: string) => void;
  onBack: () => void;
  onSubmit: () => void;
  busy: boolean;
  /** Shown after the answers, before the buttons (the applicant pages: the status page's second factor). */
  extra?: ReactNode;
}) {
  const { t, lang } = useI18n();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const validator = props.validator;
  const schema = validator && (resolvedSchema(validator, props.schema, props.answers) as Record<string, unknown>);
  return (
    <>
      <span className="usa-hint display-block margin-top-4" data-testid="step-progress">
        {t('apply.step', { n: props.pages.length + 1, total: props.pages.length + 1 })}
      </span>
      <h1 className="margin-top-1" ref={heading} tabIndex={-1}>
        {t('apply.review')}
      </h1>
      <p className="usa-intro">{t('apply.reviewIntro')}</p>
      {!schema && <p>{t('common.loading')}</p>}
      {schema &&
        props.pages.map((page) => (
          <section key={page.id} className="border-top border-base-lighter padding-top-2 margin-top-3" aria-labelledby={`review-${page.id}`}>
            <div className="display-flex flex-justify flex-align-center">
              <h2 className="margin-0" id={`review-${page.id}`}>
                {page.title}
              </h2>
              {props.onChangePage ? (
                <button type="button" className="usa-button usa-button--unstyled" onClick={() => props.onChangePage?.(page.id)}>
                  {t('apply.change')}
                  <span className="usa-sr-only"> {page.title}</span>
                </button>
              ) : (
                <Link className="usa-link" href={props.changeHref(page.id)}>
                  {t('apply.change')}
                  <span className="usa-sr-only"> {page.title}</span>
                </Link>
              )}
            </div>
            <AnswerList rows={describeAnswers(schema, props.uiSchema as Record<string, unknown>, page.fields, props.answers, t, lang)} />
          </section>
        ))}
      {props.extra}
      <div className="mandate-actions">
        <button type="button" className="usa-button usa-button--outline" onClick={props.onBack}>
          {t('common.back')}
        </button>
        <button type="button" className="usa-button usa-button--big" disabled={props.busy || !schema} onClick={props.onSubmit}>
          {props.busy ? t('apply.submitting') : t('apply.submit')}
        </button>
      </div>
    </>
  );
}
