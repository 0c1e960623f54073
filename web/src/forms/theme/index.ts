/**
 * The Mandate RJSF theme: USWDS templates and widgets, with titles, hints and errors drawn by `FieldTemplate` (so the
 * default title, description, help and error templates draw nothing) and the error summary drawn by the page.
 */
import type { RegistryWidgetsType, TemplatesType } from '@rjsf/utils';
import { ArrayFieldItemTemplate, ArrayFieldTemplate } from './ArrayTemplates.tsx';
import { FieldTemplate } from './FieldTemplate.tsx';
import { ObjectFieldTemplate } from './ObjectFieldTemplate.tsx';
import { AltDateWidget, BaseInputTemplate, CheckboxesWidget, CheckboxWidget, RadioWidget, SelectWidget, TextareaWidget } from './widgets.tsx';

const Nothing = () => null;

/** Templates to pass as `templates` to an RJSF `Form`. */
export const templates: Partial<TemplatesType> = {
  FieldTemplate,
  ObjectFieldTemplate,
  ArrayFieldTemplate,
  ArrayFieldItemTemplate,
  BaseInputTemplate,
  ErrorListTemplate: Nothing,
  FieldErrorTemplate: Nothing,
  FieldHelpTemplate: Nothing,
  DescriptionFieldTemplate: Nothing,
  TitleFieldTemplate: Nothing,
  ArrayFieldTitleTemplate: Nothing,
  ArrayFieldDescriptionTemplate: Nothing,
};

/**
 * Default-state behaviour for every Mandate form: an unanswered question stays unanswered. RJSF would otherwise fill
 * a required boolean with `false` (answering "No" for the person) and a `oneOf` choice with its first option's
 * `const` (a yes/no or single choice pre-selected although the schema has no `default`); a `default` still applies.
 */
export const defaultFormStateBehavior = { requiredBooleanDefault: 'skip', constAsDefaults: 'never' } as const;

/** Widgets to pass as `widgets` to an RJSF `Form`. */
export const widgets: RegistryWidgetsType = {
  SelectWidget,
  TextareaWidget,
  RadioWidget,
  CheckboxWidget,
  CheckboxesWidget,
  AltDateWidget,
};
