/** A labelled text field of the parameter builder that edits one place of the definition, its problems beside it. */
import type { Diagnostic } from '../../../../engine/index.ts';
import { FieldProblems } from '../FieldProblems.tsx';
import { describedBy } from './cells.tsx';

export interface TextFieldProps {
  id: string;
  label: string;
  hint?: string;
  value: string;
  pointer: string;
  diagnostics: readonly Diagnostic[];
  onChange: (text: string) => void;
  multiline?: boolean;
  type?: 'text' | 'url';
}

/** A USWDS label, hint, input (or textarea) and the diagnostics at `pointer`. */
export function TextField({ id, label, hint, value, pointer, diagnostics, onChange, multiline = false, type = 'text' }: TextFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const common = {
    id,
    value,
    'data-pointer': pointer,
    'aria-describedby': describedBy(diagnostics, pointer, hintId),
  };
  return (
    <div className="usa-form-group mandate-param-field">
      <label className="usa-label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <span className="usa-hint" id={hintId}>
          {hint}
        </span>
      )}
      {multiline ? (
        <textarea className="usa-textarea mandate-param-field__text" rows={2} {...common} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input className="usa-input" type={type} {...common} onChange={(e) => onChange(e.target.value)} />
      )}
      <FieldProblems diagnostics={diagnostics} pointer={pointer} />
    </div>
  );
}
