/**
 * Repeating groups (household members): a fieldset per array with its title as legend, one fieldset per item named
 * "Household member 2", and buttons with full accessible names ("Add a household member", "Remove household member 2").
 */
import type { ArrayFieldItemTemplateProps, ArrayFieldTemplateProps } from '@rjsf/utils';
import { errorId } from '@rjsf/utils';
import { createContext, useContext } from 'react';
import { formContextOf } from './context.ts';

/** The enclosing array's size limits, so an item offers "Remove" only when the group may shrink. */
const ArrayLimits = createContext<{ minItems: number; count: number }>({ minItems: 0, count: 0 });

function itemTitle(schema: Record<string, unknown>, fallback: string): string {
  const items = schema.items as Record<string, unknown> | undefined;
  const title = items && typeof items.title === 'string' ? items.title : fallback;
  return title;
}

function lower(text: string): string {
  return /^[A-ZÁÉÍÓÚÑ][a-záéíóúñ]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/** The Mandate theme's `ArrayFieldTemplate`. */
export function ArrayFieldTemplate(props: ArrayFieldTemplateProps) {
  const { items, canAdd, onAddClick, title, schema, registry, fieldPathId, rawErrors, required, disabled, readonly } = props;
  const { t } = formContextOf(registry);
  const item = itemTitle(schema as Record<string, unknown>, t('array.item'));
  const errors = (rawErrors ?? []).filter(Boolean);
  return (
    <div className={`usa-form-group${errors.length ? ' usa-form-group--error' : ''}`}>
      <fieldset className="usa-fieldset" id={`${fieldPathId.$id}__fieldset`}>
        <legend className="usa-legend usa-legend--large">
          {title}
          {!required && <span className="mandate-optional"> {t('common.optional')}</span>}
        </legend>
        {typeof schema.description === 'string' && <div className="usa-hint">{schema.description}</div>}
        {errors.length > 0 && (
          <span className="usa-error-message" id={errorId(fieldPathId.$id)}>
            {errors.join(' ')}
          </span>
        )}
        <ArrayLimits.Provider value={{ minItems: typeof schema.minItems === 'number' ? schema.minItems : 0, count: items.length }}>
          {items}
        </ArrayLimits.Provider>
        {canAdd && !disabled && !readonly && (
          <button type="button" className="usa-button usa-button--outline margin-top-2" id={`${fieldPathId.$id}__add`} onClick={onAddClick}>
            {t('array.add', { item: lower(item) })}
          </button>
        )}
      </fieldset>
    </div>
  );
}

/** The Mandate theme's `ArrayFieldItemTemplate`. */
export function ArrayFieldItemTemplate(props: ArrayFieldItemTemplateProps) {
  const { children, index, buttonsProps, registry, disabled, readonly, schema } = props;
  const { t } = formContextOf(registry);
  const title = typeof schema.title === 'string' ? schema.title : t('array.item');
  const n = index + 1;
  const limits = useContext(ArrayLimits);
  const removable = buttonsProps.hasRemove && limits.count > limits.minItems;
  return (
    <fieldset className="usa-fieldset mandate-array-item" id={`${buttonsProps.fieldPathId.$id}__item`}>
      <legend className="usa-legend">{t('apply.member', { item: title, n })}</legend>
      {children}
      {removable && !disabled && !readonly && (
        <button type="button" className="usa-button usa-button--unstyled mandate-remove" onClick={buttonsProps.onRemoveItem}>
          {t('array.remove', { item: lower(title), n })}
        </button>
      )}
    </fieldset>
  );
}
