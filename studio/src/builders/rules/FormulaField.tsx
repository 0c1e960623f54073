/**
 * A labelled formula with its diagnostics and the value it gives for the chosen household (as the engine computed
 * it), announced politely as it changes.
 */
import type { Diagnostic } from '../../../../engine/index.ts';
import { FieldProblems, problemsAt, problemsId } from '../FieldProblems.tsx';
import { FormulaEditor } from './FormulaEditor.tsx';
import type { KnownName } from './names.ts';

/** Props: the formula and where it is, what it may name, and the value line to show under it. */
export interface FormulaFieldProps {
  id: string;
  label: string;
  hint: string;
  uri: string;
  value: string;
  onChange: (text: string) => void;
  pointer: string;
  names: KnownName[];
  diagnostics: Diagnostic[];
  /** The value for the household, in words ("$2,400 a year"), or why there is none. */
  result: string;
  resultLabel: string;
}

/** The formula field. */
export function FormulaField({ id, label, hint, uri, value, onChange, pointer, names, diagnostics, result, resultLabel }: FormulaFieldProps) {
  const mine = problemsAt(diagnostics, pointer);
  const describedBy = [`${id}-hint`, `${id}-value`, mine.length ? problemsId(pointer) : ''].filter(Boolean).join(' ');
  return (
    <div className="mandate-formula-field">
      <span className="usa-label" id={`${id}-label`}>
        {label}
      </span>
      <span className="usa-hint" id={`${id}-hint`}>
        {hint}
      </span>
      <FormulaEditor
        id={id}
        uri={uri}
        value={value}
        onChange={onChange}
        names={names}
        diagnostics={mine}
        labelledBy={`${id}-label`}
        describedBy={describedBy}
        pointer={pointer}
      />
      <FieldProblems diagnostics={diagnostics} pointer={pointer} />
      <p className="mandate-formula-field__value" id={`${id}-value`} aria-live="polite" data-testid={`value-${pointer}`}>
        <span className="text-bold">{resultLabel}</span> {result}
      </p>
    </div>
  );
}
