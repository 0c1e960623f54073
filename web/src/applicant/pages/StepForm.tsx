/**
 * One step of the application: the RJSF form (Mandate USWDS theme) showing only this page's questions, validated on
 * "Save and continue" and, after that first attempt, when a question is left; an error summary on top whose links
 * move focus to the question; Back and Next.
 */
import type Form from '@rjsf/core';
import type { IChangeEvent } from '@rjsf/core';
import type { RJSFSchema, RJSFValidationError, UiSchema, ValidatorType } from '@rjsf/utils';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { FormPage } from '../../../../engine/browser.ts';
import { makeTransformErrors } from '../../forms/errors.ts';
import { ErrorSummary } from '../../forms/ErrorSummary.tsx';
import { MandateForm } from '../../forms/MandateForm.tsx';
import type { MandateFormContext } from '../../forms/theme/context.ts';
import { useFocusOnMount } from '../../shared/components.tsx';
import { useI18n } from '../../shared/i18n.tsx';

/** Props of one step. */
export interface StepFormProps {
  schema: RJSFSchema;
  /** The form's validator; undefined while it loads (the step renders, and checks nothing until it is there). */
  validator: ValidatorType | undefined;
  uiSchema: UiSchema;
  page: FormPage;
  answers: Record<string, unknown>;
  stepNumber: number;
  stepCount: number;
  onChange: (answers: Record<string, unknown>) => void;
  onNext: (answers: Record<string, unknown>) => void;
  onBack?: () => void;
  busy?: boolean;
}

/** Renders the step; `onNext` runs only when this page's answers are valid. */
export function StepForm({ schema, validator, uiSchema, page, answers, stepNumber, stepCount, onChange, onNext, onBack, busy }: StepFormProps) {
  const { t, lang } = useI18n();
  const touched = useRef(new Set<string>());
  const submitted = useRef(false);
  const [errors, setErrors] = useState<RJSFValidationError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const form = useRef<Form>(null);
  const blurValidating = useRef(false);
  // Validation when a question is left runs after the event that moved focus, so a click that both leaves one
  // question and answers another (a radio button) is applied first; RJSF's own onBlur validation would report the
  // data from before that click.
  const ready = useRef(false);
  ready.current = validator !== undefined;
  const validateSoon = () =>
    window.setTimeout(() => {
      // Without the validator there is no verdict yet; the questions left so far are checked when it arrives.
      if (!form.current || !ready.current) return;
      blurValidating.current = true;
      const valid = form.current.validateForm();
      blurValidating.current = false;
      if (valid && submitted.current) setErrors([]);
    }, 0);
  const transformErrors = useMemo(
    () =>
      makeTransformErrors(schema as Record<string, unknown>, t, () => ({
        pageFields: page.fields,
        touched: touched.current,
        submitted: submitted.current,
      })),
    [schema, t, page.fields],
  );
  const formContext = useMemo<MandateFormContext>(() => ({ pageFields: page.fields, t, lang }), [page.fields, t, lang]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the validator's arrival matters: the questions left before it are checked then (validateSoon reads the latest form).
  useEffect(() => {
    if (validator && touched.current.size > 0) validateSoon();
  }, [validator]);

  return (
    <>
      <span className="usa-hint display-block margin-top-4" data-testid="step-progress">
        {t('apply.step', { n: stepNumber, total: stepCount })}
      </span>
      <h1 className="margin-top-1" ref={heading} tabIndex={-1}>
        {page.title}
      </h1>
      {page.description && <p className="usa-intro">{page.description}</p>}
      <ErrorSummary errors={errors} focusKey={attempt} />
      <MandateForm
        className="usa-form usa-form--large mandate-form"
        schema={schema}
        validator={validator}
        uiSchema={uiSchema}
        formData={answers}
        formContext={formContext}
        transformErrors={transformErrors}
        formRef={form}
        focusOnFirstError={false}
        onBlur={(id: string) => {
          touched.current.add(id);
          validateSoon();
        }}
        onChange={(event: IChangeEvent) => onChange((event.formData ?? {}) as Record<string, unknown>)}
        onError={(list) => {
          // The summary appears (and takes focus) on "Save and continue"; leaving a question updates it quietly.
          if (blurValidating.current) {
            if (submitted.current) setErrors(list);
            return;
          }
          setErrors(list);
          setAttempt((n) => n + 1);
        }}
        onSubmit={(event: IChangeEvent) => {
          setErrors([]);
          onNext((event.formData ?? {}) as Record<string, unknown>);
        }}
      >
        <div className="mandate-actions">
          {onBack && (
            <button type="button" className="usa-button usa-button--outline" onClick={onBack}>
              {t('common.back')}
            </button>
          )}
          <button type="submit" className="usa-button" disabled={busy} onClick={() => (submitted.current = true)}>
            {t('common.next')}
          </button>
        </div>
      </MandateForm>
    </>
  );
}
