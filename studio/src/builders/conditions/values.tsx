/**
 * The inputs of a condition's parts: the fact picker (facts by their titles), one literal typed by the fact's kind
 * (number, money, yes/no, a choice's options, date, text), and a list of literals (choices as checkboxes).
 */
import { useState } from 'react';
import type { ConditionValue } from '../../../../engine/index.ts';
import { useText, type StudioText } from '../../text.ts';
import { parseLiteral, type ChoiceOption, type Fact, type FactKind } from './facts.ts';

/** A fact as the picker lists it: its title and what it is. */
export function factLabel(f: Fact, s: StudioText): string {
  return `${f.title} (${s(`cond.source.${f.source}` as never)})`;
}

/** The fact picker: type words of a title, pick from the matching questions, derived values and parameters. */
export function FactPicker({
  id,
  facts,
  value,
  onPick,
  pointer,
  describedBy,
  label,
}: {
  id: string;
  facts: Fact[];
  value: string;
  onPick: (fact: Fact) => void;
  pointer: string;
  describedBy?: string;
  label: string;
}) {
  const current = facts.find((f) => f.name === value);
  const [typed, setTyped] = useState<string | null>(null);
  const s = useText();
  const shown = typed ?? (current ? factLabel(current, s) : value);
  return (
    <>
      <label className="usa-label" htmlFor={id}>
        {label}
      </label>
      <input
        className="usa-input mandate-cond-fact"
        id={id}
        list={`${id}-list`}
        data-pointer={pointer}
        value={shown}
        autoComplete="off"
        aria-describedby={describedBy}
        onChange={(e) => {
          const text = e.target.value;
          const picked = facts.find((f) => factLabel(f, s) === text || f.title === text || f.name === text);
          if (picked) {
            setTyped(null);
            onPick(picked);
          } else setTyped(text);
        }}
        onBlur={() => setTyped(null)}
      />
      <datalist id={`${id}-list`}>
        {facts.map((f) => (
          <option key={f.name} value={factLabel(f, s)} />
        ))}
      </datalist>
    </>
  );
}

/** One literal, with the input its kind calls for. */
export function LiteralValue({
  id,
  kind,
  options,
  value,
  onValue,
  pointer,
  describedBy,
  label,
}: {
  id: string;
  kind: FactKind;
  options?: ChoiceOption[];
  value: unknown;
  onValue: (v: ConditionValue) => void;
  pointer: string;
  describedBy?: string;
  label: string;
}) {
  const s = useText();
  const [typed, setTyped] = useState<string | null>(null);
  const common = { id, 'data-pointer': pointer, 'aria-describedby': describedBy };
  const labelEl = (
    <label className="usa-label" htmlFor={id}>
      {label}
    </label>
  );
  if (kind === 'boolean')
    return (
      <>
        {labelEl}
        <select className="usa-select" {...common} value={String(value === true)} onChange={(e) => onValue(e.target.value === 'true')}>
          <option value="true">{s('tester.yes')}</option>
          <option value="false">{s('tester.no')}</option>
        </select>
      </>
    );
  if (options && options.length > 0)
    return (
      <>
        {labelEl}
        <select className="usa-select" {...common} value={String(value)} onChange={(e) => onValue(parseLiteral(kind, e.target.value, options))}>
          {!options.some((o) => String(o.value) === String(value)) && <option value={String(value)}>{String(value)}</option>}
          {options.map((o) => (
            <option key={String(o.value)} value={String(o.value)}>
              {o.label}
            </option>
          ))}
        </select>
      </>
    );
  if (kind === 'date')
    return (
      <>
        {labelEl}
        <input
          className="usa-input"
          type="date"
          {...common}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onValue(e.target.value)}
        />
      </>
    );
  // Numbers keep what is being typed ("1." or "") while the definition holds the number it reads as.
  const written = value === null || value === undefined ? '' : String(value);
  const shown = typed !== null && parseLiteral(kind, typed) === value ? typed : written;
  const input = (
    <input
      className="usa-input"
      {...common}
      inputMode={kind === 'number' || kind === 'money' ? 'decimal' : undefined}
      value={shown}
      onChange={(e) => {
        setTyped(e.target.value);
        onValue(parseLiteral(kind, e.target.value, options));
      }}
      onBlur={() => setTyped(null)}
    />
  );
  return (
    <>
      {labelEl}
      {kind === 'money' ? (
        <div className="usa-input-group">
          <div className="usa-input-prefix" aria-hidden="true">
            $
          </div>
          {input}
        </div>
      ) : (
        input
      )}
    </>
  );
}

/** A list of literals: checkboxes for a choice's options, else values separated by commas. */
export function ListValue({
  id,
  kind,
  options,
  value,
  onValue,
  pointer,
  describedBy,
}: {
  id: string;
  kind: FactKind;
  options?: ChoiceOption[];
  value: unknown[];
  onValue: (v: ConditionValue) => void;
  pointer: string;
  describedBy?: string;
}) {
  const s = useText();
  const [typed, setTyped] = useState<string | null>(null);
  if (options && options.length > 0)
    return (
      <fieldset className="usa-fieldset" data-pointer={pointer} tabIndex={-1} aria-describedby={describedBy}>
        <legend className="usa-legend usa-label">{s('cond.values')}</legend>
        {options.map((o, i) => (
          <div className="usa-checkbox" key={String(o.value)}>
            <input
              className="usa-checkbox__input"
              type="checkbox"
              id={`${id}-${i}`}
              checked={value.includes(o.value)}
              onChange={(e) => onValue((e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value)) as ConditionValue)}
            />
            <label className="usa-checkbox__label" htmlFor={`${id}-${i}`}>
              {o.label}
            </label>
          </div>
        ))}
      </fieldset>
    );
  const written = value.join(', ');
  return (
    <>
      <label className="usa-label" htmlFor={id}>
        {s('cond.values')}
      </label>
      <span className="usa-hint" id={`${id}-hint`}>
        {s('cond.valuesHint')}
      </span>
      <input
        className="usa-input"
        id={id}
        data-pointer={pointer}
        aria-describedby={[`${id}-hint`, describedBy].filter(Boolean).join(' ')}
        value={typed ?? written}
        onChange={(e) => {
          setTyped(e.target.value);
          const items = e.target.value
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean)
            .map((t) => parseLiteral(kind, t));
          onValue(items as ConditionValue);
        }}
        onBlur={() => setTyped(null)}
      />
    </>
  );
}
