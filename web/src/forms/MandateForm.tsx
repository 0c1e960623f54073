/**
 * RJSF's `Form` with Mandate's fixed choices applied once: the USWDS theme (templates and widgets), the CSP-safe
 * validator, the default-state behaviour that leaves unanswered yes/no questions unanswered, our own error summary
 * instead of RJSF's list, and no HTML5 validation bubbles. Pages pass only what differs.
 */
import Form from '@rjsf/core';
import type { ComponentProps, Ref } from 'react';
import { defaultFormStateBehavior, templates, widgets } from './theme/index.ts';
import { validator } from './validator.ts';

type FixedProps = 'validator' | 'templates' | 'widgets' | 'experimental_defaultFormStateBehavior' | 'showErrorList' | 'noHtml5Validate';

/** Props of `MandateForm`: RJSF's, less the ones fixed here; `formRef` reaches the underlying `Form`. */
export type MandateFormProps = Omit<ComponentProps<typeof Form>, FixedProps> & { formRef?: Ref<Form> };

/** Renders an RJSF form in the Mandate theme. */
export function MandateForm({ formRef, ...props }: MandateFormProps) {
  return (
    <Form
      {...props}
      ref={formRef}
      validator={validator}
      templates={templates}
      widgets={widgets}
      experimental_defaultFormStateBehavior={defaultFormStateBehavior}
      showErrorList={false}
      noHtml5Validate
    />
  );
}
