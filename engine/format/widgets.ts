/**
 * The widgets the applicant and staff pages can draw, as a `ui:widget` may name them: by the schema type of the
 * question, the short names react-jsonschema-form resolves for that type (its widget map), and, for any type, the
 * names of the widget components in the pages' registry. `tests/engine/widgets.test.ts` holds this list to what
 * RJSF and the pages' theme actually resolve, both ways.
 */

/** `ui:widget` short names by the question's schema type. */
export const WIDGETS_BY_TYPE: Readonly<Record<string, readonly string[]>> = {
  boolean: ['checkbox', 'radio', 'select', 'hidden'],
  string: [
    'text',
    'password',
    'email',
    'hostname',
    'ipv4',
    'ipv6',
    'uri',
    'data-url',
    'radio',
    'select',
    'textarea',
    'hidden',
    'date',
    'datetime',
    'date-time',
    'alt-date',
    'alt-datetime',
    'time',
    'color',
    'file',
  ],
  number: ['text', 'select', 'updown', 'range', 'radio', 'hidden'],
  integer: ['text', 'select', 'updown', 'range', 'radio', 'hidden'],
  array: ['select', 'checkboxes', 'files', 'hidden'],
};

/** Widget component names in the pages' registry (RJSF's defaults, some drawn by the pages' USWDS theme). */
export const WIDGET_COMPONENTS: readonly string[] = [
  'AltDateTimeWidget',
  'AltDateWidget',
  'CheckboxWidget',
  'CheckboxesWidget',
  'ColorWidget',
  'DateTimeWidget',
  'DateWidget',
  'EmailWidget',
  'FileWidget',
  'HiddenWidget',
  'PasswordWidget',
  'RadioWidget',
  'RangeWidget',
  'RatingWidget',
  'SelectWidget',
  'TextWidget',
  'TextareaWidget',
  'TimeWidget',
  'URLWidget',
  'UpDownWidget',
];

/** The `ui:widget` names a question of schema type `type` may use (every type's names when the type is not one). */
export function widgetsFor(type: unknown): string[] {
  const short = typeof type === 'string' ? (WIDGETS_BY_TYPE[type] ?? []) : [...new Set(Object.values(WIDGETS_BY_TYPE).flat())];
  return [...short, ...WIDGET_COMPONENTS];
}
