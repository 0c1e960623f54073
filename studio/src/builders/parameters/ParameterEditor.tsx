/**
 * One parameter in the builder: its values by date (a column per date, "add a column from <date>" copying the last
 * one), rows of a table, its description, unit, row key and legal reference, the source of each dated value, and
 * deleting it after seeing where it is used (the engine's `parameterUses`, asked of the worker).
 */
import { useEffect, useRef, useState } from 'react';
import type { Diagnostic, LegalReference, Parameter } from '../../../../engine/index.ts';
import { useText } from '../../text.ts';
import { FieldProblems } from '../FieldProblems.tsx';
import { DeleteParameter } from './DeleteParameter.tsx';
import { TextField } from './fields.tsx';
import { ValuesTable } from './ValuesTable.tsx';
import {
  addColumn,
  addRow,
  cellPointer,
  columnDates,
  isLongForm,
  kindOf,
  newColumnProblem,
  nextYear,
  pointerOf,
  REFERENCE_FIELDS,
  removeColumn,
  removeParameter,
  removeRow,
  setCell,
  setDetail,
  setReference,
  tableRows,
} from './transforms.ts';

type Doc = Record<string, unknown>;

export interface ParameterEditorProps {
  name: string;
  parameter: Parameter;
  title: string;
  doc: Doc;
  setDoc: (next: Doc) => void;
  /** The diagnostics inside this parameter. */
  diagnostics: readonly Diagnostic[];
  /** Says something in the builder's live region. */
  announce: (message: string) => void;
  onDeleted: () => void;
}

/** Every pointer this editor shows diagnostics at; the others inside the parameter are listed at its top. */
function shownPointers(name: string, p: Parameter): Set<string> {
  const out = new Set([pointerOf(name), pointerOf(name, 'description'), pointerOf(name, 'unit'), pointerOf(name, 'key'), pointerOf(name, 'values')]);
  out.add(pointerOf(name, 'reference'));
  for (const f of REFERENCE_FIELDS) out.add(pointerOf(name, 'reference', f));
  for (const date of columnDates(p)) {
    out.add(pointerOf(name, 'values', date));
    out.add(pointerOf(name, 'values', date, 'value'));
    out.add(cellPointer(name, p, date, 'increment'));
    for (const row of tableRows(p)) out.add(cellPointer(name, p, date, { row }));
    for (const f of REFERENCE_FIELDS) out.add(pointerOf(name, 'values', date, 'reference', f));
  }
  return out;
}

/** The editor of one parameter. */
export function ParameterEditor({ name, parameter, title, doc, setDoc, diagnostics, announce, onDeleted }: ParameterEditorProps) {
  const s = useText();
  const id = `param-${name}`;
  const dates = columnDates(parameter);
  const last = dates.at(-1) ?? '';
  const kind = kindOf(parameter);
  const [newDate, setNewDate] = useState(() => (last ? nextYear(last) : ''));
  const [dateError, setDateError] = useState<string | null>(null);
  const rows = kind === 'table' ? tableRows(parameter) : [];
  const [rowKey, setRowKey] = useState(() => String(Number(rows.at(-1) ?? 0) + 1));
  const [rowError, setRowError] = useState<string | null>(null);
  // A control to focus once the next render has it (the first cell of a new column).
  const focusNext = useRef<string | null>(null);
  const root = useRef<HTMLElement>(null);
  useEffect(() => {
    const pointer = focusNext.current;
    if (!pointer || !root.current) return;
    focusNext.current = null;
    root.current.querySelector<HTMLElement>(`[data-pointer="${CSS.escape(pointer)}"]`)?.focus();
  });

  const keyName = parameter.key ?? s('parameters.rowHeader').toLowerCase();
  const shown = shownPointers(name, parameter);
  const others = diagnostics.filter((d) => !shown.has(d.path));

  const submitColumn = () => {
    const date = newDate.trim();
    const problem = newColumnProblem(parameter, date);
    if (problem) {
      setDateError(problem === 'invalid' ? s('parameters.columnInvalid', { date }) : s('parameters.columnNotAfter', { last }));
      return;
    }
    setDateError(null);
    const next = addColumn(doc, name, date);
    const first = kind === 'table' ? { row: rows[0] } : ('value' as const);
    const added = (next.parameters as Record<string, Parameter>)[name];
    focusNext.current = cellPointer(name, added, date, rows.length > 0 || kind !== 'table' ? first : 'increment');
    setDoc(next);
    setNewDate(nextYear(date));
    announce(s('parameters.columnAdded', { date, last }));
  };

  const submitRow = () => {
    const key = rowKey.trim();
    if (!/^-?\d+$/.test(key)) return setRowError(s('parameters.rowInvalid'));
    if (rows.includes(key)) return setRowError(s('parameters.rowExists', { row: key }));
    setRowError(null);
    setDoc(addRow(doc, name, key));
    setRowKey(String(Number(key) + 1));
    announce(s('parameters.rowAdded', { row: key }));
  };

  const ref = (reference: LegalReference | undefined, field: (typeof REFERENCE_FIELDS)[number]) => reference?.[field] ?? '';
  const refLabel = (field: (typeof REFERENCE_FIELDS)[number]) => s(`parameters.ref.${field}` as const);

  return (
    <section ref={root} className="mandate-param" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} className="margin-bottom-05" tabIndex={-1}>
        {title}
      </h3>
      <p className="margin-top-0">
        <code>{name}</code> · {s(`parameters.kind.${kind}` as const)}
      </p>
      <FieldProblems diagnostics={diagnostics} pointer={pointerOf(name)} />
      {others.length > 0 && (
        <div>
          <p className="text-bold margin-bottom-0">{s('parameters.otherProblems')}</p>
          {[...new Set(others.map((d) => d.path))].map((p) => (
            <FieldProblems key={p} diagnostics={others} pointer={p} />
          ))}
        </div>
      )}

      <h4>{s('parameters.values')}</h4>
      <div data-pointer={pointerOf(name, 'values')} tabIndex={-1}>
        <FieldProblems diagnostics={diagnostics} pointer={pointerOf(name, 'values')} />
      </div>
      <ValuesTable
        name={name}
        parameter={parameter}
        title={title}
        diagnostics={diagnostics}
        onCell={(date, cell, value) => setDoc(setCell(doc, name, date, cell, value))}
      />

      <form
        className="usa-form maxw-none mandate-param-inline"
        onSubmit={(e) => {
          e.preventDefault();
          submitColumn();
        }}
      >
        <div className={dateError ? 'usa-form-group usa-form-group--error' : 'usa-form-group'}>
          <label className="usa-label" htmlFor={`${id}-new-date`}>
            {s('parameters.addColumn')}
          </label>
          <span className="usa-hint" id={`${id}-new-date-hint`}>
            {s('parameters.addColumnHint', { last })}
          </span>
          {dateError && (
            <span className="usa-error-message" id={`${id}-new-date-error`} role="alert">
              {dateError}
            </span>
          )}
          <div className="mandate-param-inline__row">
            <input
              className={dateError ? 'usa-input usa-input--error mandate-param-date' : 'usa-input mandate-param-date'}
              id={`${id}-new-date`}
              type="text"
              inputMode="numeric"
              autoComplete="off"
              placeholder="YYYY-MM-DD"
              value={newDate}
              aria-invalid={dateError ? true : undefined}
              aria-describedby={[`${id}-new-date-hint`, dateError && `${id}-new-date-error`].filter(Boolean).join(' ')}
              onChange={(e) => setNewDate(e.target.value)}
            />
            <button type="submit" className="usa-button usa-button--outline">
              {s('parameters.addColumnButton')}
            </button>
          </div>
        </div>
      </form>

      {kind === 'table' && (
        <form
          className="usa-form maxw-none mandate-param-inline"
          onSubmit={(e) => {
            e.preventDefault();
            submitRow();
          }}
        >
          <div className={rowError ? 'usa-form-group usa-form-group--error' : 'usa-form-group'}>
            <label className="usa-label" htmlFor={`${id}-new-row`}>
              {s('parameters.addRow', { key: keyName })}
            </label>
            {rowError && (
              <span className="usa-error-message" id={`${id}-new-row-error`} role="alert">
                {rowError}
              </span>
            )}
            <div className="mandate-param-inline__row">
              <input
                className={rowError ? 'usa-input usa-input--error mandate-param-date' : 'usa-input mandate-param-date'}
                id={`${id}-new-row`}
                type="text"
                inputMode="numeric"
                autoComplete="off"
                value={rowKey}
                aria-invalid={rowError ? true : undefined}
                aria-describedby={rowError ? `${id}-new-row-error` : undefined}
                onChange={(e) => setRowKey(e.target.value)}
              />
              <button type="submit" className="usa-button usa-button--outline">
                {s('parameters.addRowButton')}
              </button>
            </div>
          </div>
          {rows.length > 1 && (
            <button
              type="button"
              className="usa-button usa-button--unstyled margin-top-1"
              onClick={() => {
                const row = rows.at(-1) as string;
                setDoc(removeRow(doc, name, row));
                setRowKey(row);
                announce(s('parameters.rowRemoved', { row }));
              }}
            >
              {s('parameters.removeRow', { row: rows.at(-1) })}
            </button>
          )}
        </form>
      )}

      <h4>{s('parameters.details')}</h4>
      <TextField
        id={`${id}-description`}
        label={s('parameters.description')}
        hint={s('parameters.descriptionHint')}
        value={parameter.description}
        pointer={pointerOf(name, 'description')}
        diagnostics={diagnostics}
        onChange={(text) => setDoc(setDetail(doc, name, 'description', text))}
        multiline
      />
      <TextField
        id={`${id}-unit`}
        label={s('parameters.unit')}
        hint={s('parameters.unitHint')}
        value={parameter.unit ?? ''}
        pointer={pointerOf(name, 'unit')}
        diagnostics={diagnostics}
        onChange={(text) => setDoc(setDetail(doc, name, 'unit', text))}
      />
      {kind === 'table' && (
        <TextField
          id={`${id}-key`}
          label={s('parameters.key')}
          hint={s('parameters.keyHint')}
          value={parameter.key ?? ''}
          pointer={pointerOf(name, 'key')}
          diagnostics={diagnostics}
          onChange={(text) => setDoc(setDetail(doc, name, 'key', text))}
        />
      )}
      <fieldset className="usa-fieldset mandate-param-source" data-pointer={pointerOf(name, 'reference')} tabIndex={-1}>
        <legend className="usa-legend">{s('parameters.source')}</legend>
        <span className="usa-hint">{s('parameters.sourceHint')}</span>
        <FieldProblems diagnostics={diagnostics} pointer={pointerOf(name, 'reference')} />
        {REFERENCE_FIELDS.map((field) => (
          <TextField
            key={field}
            id={`${id}-ref-${field}`}
            label={refLabel(field)}
            value={ref(parameter.reference, field)}
            pointer={pointerOf(name, 'reference', field)}
            diagnostics={diagnostics}
            type={field === 'url' ? 'url' : 'text'}
            onChange={(text) => setDoc(setReference(doc, name, null, field, text))}
          />
        ))}
      </fieldset>

      <h4>{s('parameters.valueSources')}</h4>
      {dates.map((date) => {
        const raw = parameter.values[date];
        const reference = raw !== undefined && isLongForm(raw) ? raw.reference : undefined;
        const mine = diagnostics.some((d) => d.path.startsWith(`${pointerOf(name, 'values', date, 'reference')}`));
        return (
          // The newest value's source is open (it is the one being written); older ones open on demand.
          <details key={date} className="mandate-param-details" open={date === last || mine}>
            <summary>{s('parameters.valueSource', { date })}</summary>
            <fieldset className="usa-fieldset mandate-param-source">
              <legend className="usa-sr-only">{s('parameters.valueSource', { date })}</legend>
              <span className="usa-hint">{s('parameters.valueSourceHint')}</span>
              <FieldProblems diagnostics={diagnostics} pointer={pointerOf(name, 'values', date, 'reference')} />
              {REFERENCE_FIELDS.map((field) => (
                <TextField
                  key={field}
                  id={`${id}-${date}-ref-${field}`}
                  label={refLabel(field)}
                  value={ref(reference, field)}
                  pointer={pointerOf(name, 'values', date, 'reference', field)}
                  diagnostics={diagnostics}
                  type={field === 'url' ? 'url' : 'text'}
                  onChange={(text) => setDoc(setReference(doc, name, date, field, text))}
                />
              ))}
              {dates.length > 1 && (
                <button
                  type="button"
                  className="usa-button usa-button--unstyled margin-top-1"
                  onClick={() => {
                    setDoc(removeColumn(doc, name, date));
                    announce(s('parameters.columnRemoved', { date }));
                  }}
                >
                  {s('parameters.removeColumn', { date })}
                </button>
              )}
            </fieldset>
          </details>
        );
      })}

      <DeleteParameter
        name={name}
        doc={doc}
        onDelete={() => {
          setDoc(removeParameter(doc, name));
          announce(s('parameters.deleted', { name }));
          onDeleted();
        }}
      />
    </section>
  );
}
