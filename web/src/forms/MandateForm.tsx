/**
 * RJSF's `Form` with Mandate's fixed choices applied once: the USWDS theme (templates and widgets), the default-state
 * behaviour that leaves unanswered yes/no questions unanswered, our own error summary instead of RJSF's list, and no
 * HTML5 validation bubbles. Pages pass only what differs, and the form's `validator` (web/src/forms/validator.ts)
 * once it has loaded: until then the form renders with `loadingValidator`, and a submission waits for the real one.
 */
import Form from '@rjsf/core';
import type { ValidatorType } from '@rjsf/utils';
import { useCallback, useEffect, useRef, type ComponentProps, type Ref } from 'react';
import { defaultFormStateBehavior, templates, widgets } from './theme/index.ts';
import { loadingValidator } from './validator.ts';

type FixedProps = 'validator' | 'templates' | 'widgets' | 'experimental_defaultFormStateBehavior' | 'showErrorList' | 'noHtml5Validate';

/**
 * Props of `MandateForm`: RJSF's, less the ones fixed here; `formRef` reaches the underlying `Form`; `validator` is
 * the form's validator, undefined while it loads.
 */
export type MandateFormProps = Omit<ComponentProps<typeof Form>, FixedProps> & {
  formRef?: Ref<Form>;
  validator: ValidatorType | undefined;
};

/** Renders an RJSF form in the Mandate theme. */
export function MandateForm({ formRef, validator, ...props }: MandateFormProps) {
  const form = useRef<Form | null>(null);
  const waiting = useRef(false);
  const setForm = useCallback(
    (instance: Form | null) => {
      form.current = instance;
      if (typeof formRef === 'function') formRef(instance);
      else if (formRef) formRef.current = instance;
    },
    [formRef],
  );
  useEffect(() => {
    // A submission made while the validator loaded runs now, with the real verdict.
    if (validator && waiting.current) {
      waiting.current = false;
      form.current?.submit();
    }
  }, [validator]);
  return (
    <div
      onSubmitCapture={(event) => {
        if (validator) return;
        // Before RJSF sees it: no verdict yet, so no errors and no submission; it is replayed on arrival.
        event.preventDefault();
        event.stopPropagation();
        waiting.current = true;
      }}
    >
      <Form
        {...props}
        ref={setForm}
        validator={validator ?? loadingValidator}
        templates={templates}
        widgets={widgets}
        experimental_defaultFormStateBehavior={defaultFormStateBehavior}
        showErrorList={false}
        noHtml5Validate
      />
    </div>
  );
}
