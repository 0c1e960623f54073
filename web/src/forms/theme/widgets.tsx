/**
 * Inputs in USWDS markup: text/number/date/email inputs (`usa-input`, with a `$` prefix for USD amounts), `usa-select`,
 * `usa-textarea`, `usa-radio` groups, yes/no radios for booleans (a single `usa-checkbox` when the uiSchema asks for
 * `checkbox`), and `usa-checkbox` groups for multiple choice. Every input says which hint and error describe it.
 */
import type { BaseInputTemplateProps, WidgetProps } from '@rjsf/utils';
import { enumOptionsDeselectValue, enumOptionsIsSelected, enumOptionsSelectValue, getInputProps, optionId } from '@rjsf/utils';
import { useEffect, useState, type ChangeEvent, type FocusEvent } from 'react';
import { formContextOf } from './context.ts';
import { describedBy } from './FieldTemplate.tsx';

function describe(props: WidgetProps): string | undefined {
  const ui = (props.uiSchema ?? {}) as Record<string, unknown>;
  const hasDescription = typeof props.schema.description === 'string' || typeof ui['ui:description'] === 'string';
  const hasHelp = typeof ui['ui:help'] === 'string';
  return describedBy(props.id, (props.rawErrors ?? []).length > 0, hasDescription, hasHelp);
}

function unitOf(props: WidgetProps): string | undefined {
  const unit = (props.options as Record<string, unknown>).unit;
  return typeof unit === 'string' ? unit : undefined;
}

/** `usa-input` for text, numbers, dates and emails; money amounts get a `$` prefix. */
export function BaseInputTemplate(props: BaseInputTemplateProps) {
  const {
    id,
    htmlName,
    value,
    readonly,
    disabled,
    autofocus,
    onBlur,
    onFocus,
    onChange,
    onChangeOverride,
    options,
    schema,
    type,
    rawErrors,
    required,
  } = props;
  const inputProps = getInputProps(schema, type, options);
  const numeric = inputProps.type === 'number' || inputProps.type === 'integer';
  const inputValue = numeric ? (value || value === 0 ? value : '') : value == null ? '' : value;
  const hasError = (rawErrors ?? []).length > 0;
  const unit = unitOf(props);
  const money = !!unit && unit.startsWith('USD');
  const input = (
    <input
      id={id}
      name={htmlName || id}
      className={`usa-input${hasError ? ' usa-input--error' : ''}${numeric && !money ? ' usa-input--md' : ''}`}
      readOnly={readonly}
      disabled={disabled}
      // biome-ignore lint/a11y/noAutofocus: only when the definition asks for it (`ui:autofocus`), as RJSF passes it on.
      autoFocus={autofocus}
      value={inputValue}
      {...inputProps}
      inputMode={numeric ? 'decimal' : undefined}
      aria-required={required || undefined}
      aria-invalid={hasError || undefined}
      aria-describedby={describe(props)}
      onChange={onChangeOverride || ((e: ChangeEvent<HTMLInputElement>) => onChange(e.target.value === '' ? options.emptyValue : e.target.value))}
      onBlur={(e: FocusEvent<HTMLInputElement>) => onBlur(id, e.target.value)}
      onFocus={(e: FocusEvent<HTMLInputElement>) => onFocus(id, e.target.value)}
    />
  );
  if (!money) return input;
  return (
    <div className={`usa-input-group usa-input-group--md${hasError ? ' usa-input--error' : ''}`}>
      <div className="usa-input-prefix" aria-hidden="true">
        $
      </div>
      {input}
    </div>
  );
}

/** `usa-select` with a "- Select -" first option; a multiple choice (RJSF's default `<select multiple>`) as checkboxes. */
export function SelectWidget(props: WidgetProps) {
  const { id, htmlName, options, value, required, disabled, readonly, onChange, onBlur, onFocus, rawErrors, registry, multiple } = props;
  // A multi-select box has no label of its own inside the question's fieldset, and is hard to use by keyboard.
  if (multiple) return <CheckboxesWidget {...props} />;
  const { t } = formContextOf(registry);
  const enumOptions = options.enumOptions ?? [];
  const index = enumOptions.findIndex((o) => o.value === value);
  const toValue = (raw: string) => (raw === '' ? options.emptyValue : enumOptions[Number(raw)]?.value);
  return (
    <select
      id={id}
      name={htmlName || id}
      className={`usa-select${(rawErrors ?? []).length ? ' usa-input--error' : ''}`}
      value={index >= 0 ? String(index) : ''}
      multiple={multiple}
      required={required}
      disabled={disabled || readonly}
      aria-describedby={describe(props)}
      onChange={(e) => onChange(toValue(e.target.value))}
      onBlur={(e) => onBlur(id, toValue(e.target.value))}
      onFocus={(e) => onFocus(id, toValue(e.target.value))}
    >
      <option value="">{t('common.select')}</option>
      {enumOptions.map((option, i) => (
        <option key={String(option.value)} value={String(i)}>
          {option.label}
        </option>
      ))}
    </select>
  );
}

/** `usa-textarea`. */
export function TextareaWidget(props: WidgetProps) {
  const { id, htmlName, value, required, disabled, readonly, onChange, onBlur, onFocus, options, rawErrors } = props;
  return (
    <textarea
      id={id}
      name={htmlName || id}
      className={`usa-textarea${(rawErrors ?? []).length ? ' usa-input--error' : ''}`}
      value={value ?? ''}
      required={required}
      disabled={disabled}
      readOnly={readonly}
      aria-describedby={describe(props)}
      onChange={(e) => onChange(e.target.value === '' ? options.emptyValue : e.target.value)}
      onBlur={(e) => onBlur(id, e.target.value)}
      onFocus={(e) => onFocus(id, e.target.value)}
    />
  );
}

function RadioList({ props, choices }: { props: WidgetProps; choices: { label: string; value: unknown }[] }) {
  const { id, htmlName, value, disabled, readonly, onChange, onBlur, onFocus, autofocus } = props;
  const described = describe(props);
  return (
    <div className="mandate-choices" id={id}>
      {choices.map((choice, i) => (
        <div className="usa-radio" key={String(choice.value)}>
          <input
            className="usa-radio__input"
            type="radio"
            id={optionId(id, i)}
            name={htmlName || id}
            value={String(i)}
            checked={value === choice.value}
            disabled={disabled || readonly}
            // biome-ignore lint/a11y/noAutofocus: only when the definition asks for it (`ui:autofocus`), as RJSF passes it on.
            autoFocus={autofocus && i === 0}
            aria-describedby={described}
            onChange={() => onChange(choice.value)}
            onBlur={() => onBlur(id, value)}
            onFocus={() => onFocus(id, value)}
          />
          <label className="usa-radio__label" htmlFor={optionId(id, i)}>
            {choice.label}
          </label>
        </div>
      ))}
    </div>
  );
}

/**
 * A yes/no question as a `usa-radio` pair: with the schema's own words when it has them (`oneOf` const/title, or
 * `ui:enumNames`, as RJSF reads them into the options), else "Yes" and "No" in the page's language.
 */
function YesNoRadios({ props }: { props: WidgetProps }) {
  const { t } = formContextOf(props.registry);
  const ui = (props.uiSchema ?? {}) as Record<string, unknown>;
  const own = Array.isArray(props.schema.oneOf) || Array.isArray(ui['ui:enumNames']);
  const options = (props.options.enumOptions ?? []).filter((o) => typeof o.value === 'boolean');
  return (
    <RadioList
      props={props}
      choices={
        own && options.length === 2
          ? options.map((o) => ({ label: o.label, value: o.value }))
          : [
              { label: t('common.yes'), value: true },
              { label: t('common.no'), value: false },
            ]
      }
    />
  );
}

/** `usa-radio` group over the enum options. */
export function RadioWidget(props: WidgetProps) {
  if (props.schema.type === 'boolean') {
    return <YesNoRadios props={props} />;
  }
  return <RadioList props={props} choices={(props.options.enumOptions ?? []).map((o) => ({ label: o.label, value: o.value }))} />;
}

/** Yes/No radios for a boolean; a single `usa-checkbox` when `ui:widget` is `checkbox`. */
export function CheckboxWidget(props: WidgetProps) {
  const { id, htmlName, value, disabled, readonly, onChange, onBlur, onFocus, label, registry, uiSchema, required } = props;
  const { t } = formContextOf(registry);
  if ((uiSchema as Record<string, unknown> | undefined)?.['ui:widget'] !== 'checkbox') {
    return <YesNoRadios props={props} />;
  }
  return (
    <div className="usa-checkbox">
      <input
        className="usa-checkbox__input"
        type="checkbox"
        id={id}
        name={htmlName || id}
        checked={value === true}
        disabled={disabled || readonly}
        aria-describedby={describe(props)}
        onChange={(e) => onChange(e.target.checked)}
        onBlur={() => onBlur(id, value)}
        onFocus={() => onFocus(id, value)}
      />
      <label className="usa-checkbox__label" htmlFor={id}>
        {label}
        {!required && <span className="mandate-optional"> {t('common.optional')}</span>}
      </label>
    </div>
  );
}

/** `usa-checkbox` group for a multiple-choice array. */
export function CheckboxesWidget(props: WidgetProps) {
  const { id, htmlName, value, disabled, readonly, onChange, onBlur, onFocus, options } = props;
  const enumOptions = options.enumOptions ?? [];
  const selected = Array.isArray(value) ? value : [];
  const described = describe(props);
  return (
    <div className="mandate-choices" id={id}>
      {enumOptions.map((option, i) => (
        <div className="usa-checkbox" key={String(option.value)}>
          <input
            className="usa-checkbox__input"
            type="checkbox"
            id={optionId(id, i)}
            name={htmlName || id}
            checked={enumOptionsIsSelected(option.value, selected)}
            disabled={disabled || readonly}
            aria-describedby={described}
            onChange={(e) =>
              onChange(e.target.checked ? enumOptionsSelectValue(i, selected, enumOptions) : enumOptionsDeselectValue(i, selected, enumOptions))
            }
            onBlur={() => onBlur(id, value)}
            onFocus={() => onFocus(id, value)}
          />
          <label className="usa-checkbox__label" htmlFor={optionId(id, i)}>
            {option.label}
          </label>
        </div>
      ))}
    </div>
  );
}

/** Parts of a `YYYY-MM-DD` value (empty strings for a missing or malformed value). */
function dateParts(value: unknown): { month: string; day: string; year: string } {
  const m = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  return m ? { year: m[1], month: String(Number(m[2])), day: String(Number(m[3])) } : { month: '', day: '', year: '' };
}

/**
 * A date as three labelled fields (the USWDS memorable date: month, day, year), for `ui:widget: alt-date`; the
 * question's fieldset and legend come from `FieldTemplate`. The value is `YYYY-MM-DD` once all three are filled.
 */
export function AltDateWidget(props: WidgetProps) {
  const { id, value, disabled, readonly, onChange, onBlur, onFocus, rawErrors, registry, required } = props;
  const { t } = formContextOf(registry);
  const [parts, setParts] = useState(() => dateParts(value));
  useEffect(() => {
    // A value set from outside (resume, review, undo) replaces what is typed; a partial date typed here stays.
    if (typeof value === 'string' || value === undefined) {
      setParts((mine) => {
        const asValue = toDate(mine);
        return asValue === value || (value === undefined && asValue === undefined) ? mine : dateParts(value);
      });
    }
  }, [value]);
  const hasError = (rawErrors ?? []).length > 0;
  const described = describe(props);
  const update = (key: 'month' | 'day' | 'year', text: string) => {
    const next = { ...parts, [key]: text.replace(/\D/g, '') };
    setParts(next);
    onChange(toDate(next));
  };
  const field = (key: 'month' | 'day' | 'year', max: number) => (
    <div className={`usa-form-group usa-form-group--${key}`}>
      <label className="usa-label" htmlFor={`${id}_${key}`}>
        {t(`date.${key}`)}
      </label>
      <input
        className={`usa-input${hasError ? ' usa-input--error' : ''}`}
        id={`${id}_${key}`}
        name={`${id}_${key}`}
        inputMode="numeric"
        maxLength={max}
        pattern="[0-9]*"
        value={parts[key]}
        disabled={disabled}
        readOnly={readonly}
        aria-required={required || undefined}
        aria-invalid={hasError || undefined}
        aria-describedby={described}
        onChange={(e) => update(key, e.target.value)}
        onBlur={() => onBlur(id, value)}
        onFocus={() => onFocus(id, value)}
      />
    </div>
  );
  return (
    <div className="usa-memorable-date" id={id}>
      {field('month', 2)}
      {field('day', 2)}
      {field('year', 4)}
    </div>
  );
}

function toDate(parts: { month: string; day: string; year: string }): string | undefined {
  if (!parts.month || !parts.day || parts.year.length !== 4) return undefined;
  return `${parts.year}-${parts.month.padStart(2, '0')}-${parts.day.padStart(2, '0')}`;
}
