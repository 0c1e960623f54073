/** The form that adds a parameter of a kind (amount, number, rate, yes/no, list, table by a key), checked before it is added. */
import { useState } from 'react';
import { isCalendarDate } from '../../../../engine/index.ts';
import { useText } from '../../text.ts';
import { addParameter, DEFAULT_UNITS, newNameProblem, PARAMETER_KINDS, type ParameterKind } from './transforms.ts';

type Doc = Record<string, unknown>;

export interface AddParameterProps {
  doc: Doc;
  setDoc: (next: Doc) => void;
  onAdded: (name: string) => void;
  onCancel: () => void;
}

/** The new-parameter form; on success the parameter is added last and `onAdded` gets its name. */
export function AddParameter({ doc, setDoc, onAdded, onCancel }: AddParameterProps) {
  const s = useText();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<ParameterKind>('amount');
  const [description, setDescription] = useState('');
  const [unit, setUnit] = useState(DEFAULT_UNITS.amount);
  const [key, setKey] = useState('household size');
  const [date, setDate] = useState(typeof doc.effectiveFrom === 'string' ? doc.effectiveFrom : '');
  const [errors, setErrors] = useState<Partial<Record<'name' | 'description' | 'date', string>>>({});

  const submit = () => {
    const nameProblem = newNameProblem(doc, name.trim());
    const found = {
      name:
        nameProblem === 'invalid'
          ? s('parameters.nameInvalid')
          : nameProblem === 'taken'
            ? s('parameters.nameTaken', { name: name.trim() })
            : undefined,
      description: description.trim() === '' ? s('parameters.descriptionRequired') : undefined,
      date: isCalendarDate(date.trim()) ? undefined : s('parameters.columnInvalid', { date: date.trim() }),
    };
    setErrors(found);
    const first = (['name', 'description', 'date'] as const).find((f) => found[f]);
    if (first) {
      document.getElementById(`new-param-${first}`)?.focus();
      return;
    }
    setDoc(addParameter(doc, { name: name.trim(), kind, description: description.trim(), unit, key, date: date.trim() }));
    onAdded(name.trim());
  };

  const group = (field: 'name' | 'description' | 'date') => (errors[field] ? 'usa-form-group usa-form-group--error' : 'usa-form-group');
  const error = (field: 'name' | 'description' | 'date') =>
    errors[field] && (
      <span className="usa-error-message" id={`new-param-${field}-error`}>
        {errors[field]}
      </span>
    );
  const describe = (field: 'name' | 'description' | 'date', hint?: string) =>
    [hint, errors[field] && `new-param-${field}-error`].filter(Boolean).join(' ') || undefined;

  return (
    <form
      className="usa-form maxw-none mandate-param-add"
      aria-labelledby="new-param-heading"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h3 id="new-param-heading" tabIndex={-1}>
        {s('parameters.addHeading')}
      </h3>
      <div className={group('name')}>
        <label className="usa-label" htmlFor="new-param-name">
          {s('parameters.name')}
        </label>
        <span className="usa-hint" id="new-param-name-hint">
          {s('parameters.nameHint')}
        </span>
        {error('name')}
        <input
          className="usa-input"
          id="new-param-name"
          autoComplete="off"
          spellCheck={false}
          value={name}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={describe('name', 'new-param-name-hint')}
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <label className="usa-label" htmlFor="new-param-kind">
        {s('parameters.kind')}
      </label>
      <select
        className="usa-select"
        id="new-param-kind"
        value={kind}
        onChange={(e) => {
          const next = e.target.value as ParameterKind;
          // The unit follows the kind unless the analyst typed one of their own.
          if (unit === DEFAULT_UNITS[kind]) setUnit(DEFAULT_UNITS[next]);
          setKind(next);
        }}
      >
        {PARAMETER_KINDS.map((k) => (
          <option key={k} value={k}>
            {s(`parameters.kind.${k}` as const)}
          </option>
        ))}
      </select>
      <div className={group('description')}>
        <label className="usa-label" htmlFor="new-param-description">
          {s('parameters.description')}
        </label>
        <span className="usa-hint" id="new-param-description-hint">
          {s('parameters.descriptionHint')}
        </span>
        {error('description')}
        <textarea
          className="usa-textarea"
          id="new-param-description"
          rows={2}
          value={description}
          aria-invalid={errors.description ? true : undefined}
          aria-describedby={describe('description', 'new-param-description-hint')}
          onChange={(e) => setDescription(e.target.value)}
        />
      </div>
      {kind !== 'yesno' && kind !== 'list' && (
        <>
          <label className="usa-label" htmlFor="new-param-unit">
            {s('parameters.unit')}
          </label>
          <span className="usa-hint" id="new-param-unit-hint">
            {s('parameters.unitHint')}
          </span>
          <input
            className="usa-input"
            id="new-param-unit"
            autoComplete="off"
            value={unit}
            aria-describedby="new-param-unit-hint"
            onChange={(e) => setUnit(e.target.value)}
          />
        </>
      )}
      {kind === 'table' && (
        <>
          <label className="usa-label" htmlFor="new-param-key">
            {s('parameters.key')}
          </label>
          <input className="usa-input" id="new-param-key" autoComplete="off" value={key} onChange={(e) => setKey(e.target.value)} />
        </>
      )}
      <div className={group('date')}>
        <label className="usa-label" htmlFor="new-param-date">
          {s('parameters.firstDate')}
        </label>
        <span className="usa-hint" id="new-param-date-hint">
          {s('parameters.dateHint')}
        </span>
        {error('date')}
        <input
          className="usa-input mandate-param-date"
          id="new-param-date"
          inputMode="numeric"
          autoComplete="off"
          placeholder="YYYY-MM-DD"
          value={date}
          aria-invalid={errors.date ? true : undefined}
          aria-describedby={describe('date', 'new-param-date-hint')}
          onChange={(e) => setDate(e.target.value)}
        />
      </div>
      <ul className="usa-button-group margin-top-2">
        <li className="usa-button-group__item">
          <button type="submit" className="usa-button">
            {s('parameters.create')}
          </button>
        </li>
        <li className="usa-button-group__item">
          <button type="button" className="usa-button usa-button--outline" onClick={onCancel}>
            {s('parameters.cancel')}
          </button>
        </li>
      </ul>
    </form>
  );
}
