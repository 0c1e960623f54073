/**
 * One question in USWDS markup: `usa-form-group` with `usa-label` (or a fieldset + `usa-legend` for radio and
 * checkbox groups), "(optional)" on optional questions, `usa-hint` for descriptions and help, `usa-error-message`
 * for errors. Objects and arrays pass through: their own templates draw the fieldset.
 */
import type { FieldTemplateProps } from '@rjsf/utils';
import { descriptionId, errorId, helpId } from '@rjsf/utils';
import { formContextOf } from './context.ts';

/** True when the widget draws a group of options that needs a fieldset and legend. */
export function isChoiceGroup(schema: Record<string, unknown>, uiSchema: Record<string, unknown> | undefined): boolean {
  const widget = uiSchema?.['ui:widget'];
  if (schema.type === 'boolean') return widget !== 'checkbox';
  if (widget === 'radio' || widget === 'checkboxes' || widget === 'alt-date') return true;
  const items = schema.items as Record<string, unknown> | undefined;
  return schema.type === 'array' && !!items && (Array.isArray(items.enum) || Array.isArray(items.oneOf));
}

/** The Mandate theme's `FieldTemplate`. */
export function FieldTemplate(props: FieldTemplateProps) {
  const { id, label, children, rawErrors, rawHelp, rawDescription, hidden, required, schema, uiSchema, registry } = props;
  const { t } = formContextOf(registry);
  if (hidden) return <div hidden>{children}</div>;
  const isArrayOfObjects = schema.type === 'array' && !isChoiceGroup(schema as Record<string, unknown>, uiSchema as Record<string, unknown>);
  if (schema.type === 'object' || isArrayOfObjects) return children;

  const errors = (rawErrors ?? []).filter(Boolean);
  const hasError = errors.length > 0;
  const description = rawDescription || (typeof schema.description === 'string' ? schema.description : '');
  const optional = !required ? <span className="mandate-optional"> {t('common.optional')}</span> : null;
  const hint = (
    <>
      {description && (
        <div className="usa-hint" id={descriptionId(id)}>
          {description}
        </div>
      )}
      {rawHelp && (
        <div className="usa-hint" id={helpId(id)}>
          {rawHelp}
        </div>
      )}
      {hasError && (
        <span className="usa-error-message" id={errorId(id)}>
          {errors.join(' ')}
        </span>
      )}
    </>
  );
  const groupClass = `usa-form-group${hasError ? ' usa-form-group--error' : ''}`;
  const single = schema.type === 'boolean' && (uiSchema as Record<string, unknown> | undefined)?.['ui:widget'] === 'checkbox';
  if (single) {
    return (
      <div className={groupClass}>
        {hint}
        {children}
      </div>
    );
  }
  if (isChoiceGroup(schema as Record<string, unknown>, uiSchema as Record<string, unknown>)) {
    return (
      <div className={groupClass}>
        <fieldset className="usa-fieldset" id={`${id}__fieldset`}>
          <legend className="usa-legend">
            {label}
            {optional}
          </legend>
          {hint}
          {children}
        </fieldset>
      </div>
    );
  }
  return (
    <div className={groupClass}>
      <label className={`usa-label${hasError ? ' usa-label--error' : ''}`} htmlFor={id}>
        {label}
        {optional}
      </label>
      {hint}
      {children}
    </div>
  );
}

/** Ids of the hint and error elements that exist for a field, for `aria-describedby`. */
export function describedBy(id: string, hasErrors: boolean, hasDescription: boolean, hasHelp: boolean): string | undefined {
  const ids = [hasErrors ? errorId(id) : '', hasDescription ? descriptionId(id) : '', hasHelp ? helpId(id) : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}
