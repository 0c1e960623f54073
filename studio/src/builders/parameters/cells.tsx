/**
 * The inputs of a parameter's dated table: a number (typed as plain text, `inputmode="decimal"`, so the page never
 * reformats what the analyst is typing), yes/no, text, and a list (one item per line). Each commits to the document
 * as soon as what is typed is a value of its kind, and keeps a half-typed or wrong text on screen with a message
 * until it is one. Up and down arrows (and Enter) move to the same column's next or previous row, as in a spreadsheet.
 */
import { type KeyboardEvent, useEffect, useState } from 'react';
import type { Diagnostic, ListValue, ScalarValue } from '../../../../engine/index.ts';
import { useText } from '../../text.ts';
import { FieldProblems, problemsAt, problemsId } from '../FieldProblems.tsx';
import { parseNumber } from './transforms.ts';

/** What every cell gets: where it writes, its accessible name, its diagnostics, its place in the grid. */
export interface CellProps {
  pointer: string;
  label: string;
  diagnostics: readonly Diagnostic[];
  /** Row and column index in the grid, for arrow-key moves (`data-cell="row:col"`). */
  at: [number, number];
}

/** The ids an input is described by: its problems beside it and its own message (only those shown). */
export function describedBy(diagnostics: readonly Diagnostic[], pointer: string, ...own: (string | false | undefined)[]): string | undefined {
  const ids = [problemsAt(diagnostics, pointer).length > 0 ? problemsId(pointer) : undefined, ...own].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** Moves focus to the cell above or below on ArrowUp / ArrowDown / Enter (Shift+Enter: up). */
function moveInColumn(event: KeyboardEvent<HTMLElement>, [row, col]: [number, number]): void {
  const down = event.key === 'ArrowDown' || (event.key === 'Enter' && !event.shiftKey);
  const up = event.key === 'ArrowUp' || (event.key === 'Enter' && event.shiftKey);
  if (!down && !up) return;
  const grid = event.currentTarget.closest('table');
  const next = grid?.querySelector<HTMLElement>(`[data-cell="${row + (down ? 1 : -1)}:${col}"]`);
  if (!next) return;
  event.preventDefault();
  next.focus();
  if (next instanceof HTMLInputElement) next.select();
}

/**
 * A number cell. `optional`: an empty cell is a value (`undefined`: the increment removed); otherwise emptying it
 * keeps the document as it was and says a number is needed.
 */
export function NumberCell({
  pointer,
  label,
  diagnostics,
  at,
  value,
  optional = false,
  format,
  onChange,
}: CellProps & {
  value: number | undefined;
  optional?: boolean;
  /** The value as the page shows it (money in the page's language), under the plain number being edited. */
  format?: (value: number) => string;
  onChange: (next: number | undefined) => void;
}) {
  const s = useText();
  // What is typed, while it differs from the document's value; null shows the document's value.
  const [typed, setTyped] = useState<string | null>(null);
  useEffect(() => {
    // The document changed elsewhere (undo, the JSON tab): show it, unless a wrong text is waiting to be fixed.
    setTyped((t) => (t === null || parseNumber(t) === undefined ? t : parseNumber(t) === value ? t : null));
  }, [value]);
  const text = typed ?? (value === undefined ? '' : String(value));
  const empty = text.trim() === '';
  const wrong = empty ? !optional : parseNumber(text) === undefined;
  const messageId = `${problemsId(pointer)}-typed`;
  return (
    <>
      <input
        className={`usa-input mandate-param-cell${wrong ? ' usa-input--error' : ''}`}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        value={text}
        aria-label={label}
        aria-invalid={wrong || problemsAt(diagnostics, pointer).some((d) => d.severity === 'error') || undefined}
        aria-describedby={describedBy(diagnostics, pointer, wrong && messageId)}
        data-pointer={pointer}
        data-cell={`${at[0]}:${at[1]}`}
        onChange={(e) => {
          const next = e.target.value;
          setTyped(next);
          const number = parseNumber(next);
          if (number !== undefined && number !== value) onChange(number);
          else if (next.trim() === '' && optional && value !== undefined) onChange(undefined);
        }}
        onBlur={() => setTyped((t) => (t !== null && (parseNumber(t) !== undefined || (optional && t.trim() === '')) ? null : t))}
        onKeyDown={(e) => moveInColumn(e, at)}
      />
      {format && value !== undefined && !wrong && (
        // A visual check of the amount typed; the input's own value is what a screen reader reads.
        <span className="mandate-param-cell__shown" aria-hidden="true">
          {format(value)}
        </span>
      )}
      {wrong && (
        <span className="usa-error-message mandate-param-cell__error" id={messageId}>
          {empty ? s('parameters.needsNumber') : s('parameters.notNumber')}
        </span>
      )}
      <FieldProblems diagnostics={diagnostics} pointer={pointer} />
    </>
  );
}

/** A yes/no cell. */
export function YesNoCell({ pointer, label, diagnostics, at, value, onChange }: CellProps & { value: boolean; onChange: (next: boolean) => void }) {
  const s = useText();
  return (
    <>
      <select
        className="usa-select mandate-param-cell"
        value={value ? 'yes' : 'no'}
        aria-label={label}
        aria-describedby={describedBy(diagnostics, pointer)}
        data-pointer={pointer}
        data-cell={`${at[0]}:${at[1]}`}
        onChange={(e) => onChange(e.target.value === 'yes')}
      >
        <option value="yes">{s('parameters.yes')}</option>
        <option value="no">{s('parameters.no')}</option>
      </select>
      <FieldProblems diagnostics={diagnostics} pointer={pointer} />
    </>
  );
}

/** A text cell (a scalar written as text). */
export function TextCell({ pointer, label, diagnostics, at, value, onChange }: CellProps & { value: string; onChange: (next: string) => void }) {
  return (
    <>
      <input
        className="usa-input mandate-param-cell"
        type="text"
        value={value}
        aria-label={label}
        aria-describedby={describedBy(diagnostics, pointer)}
        data-pointer={pointer}
        data-cell={`${at[0]}:${at[1]}`}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => moveInColumn(e, at)}
      />
      <FieldProblems diagnostics={diagnostics} pointer={pointer} />
    </>
  );
}

/** The items of a list as text, one per line. */
function listText(value: ListValue): string {
  return value.map(String).join('\n');
}

/** Lines to list items: trimmed, blank lines dropped, numbers when the list holds numbers. */
function parseList(text: string, numeric: boolean): ListValue {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((item): ScalarValue => (numeric ? (parseNumber(item) ?? item) : item));
}

/**
 * A list cell: one item per line, blank lines dropped. Items are numbers when every item of the list was a number
 * (and what is typed reads as one), otherwise text, so "02903" stays a ZIP code.
 */
export function ListCell({
  pointer,
  label,
  diagnostics,
  at,
  value,
  onChange,
}: CellProps & { value: ListValue; onChange: (next: ListValue) => void }) {
  const [typed, setTyped] = useState<string | null>(null);
  const numeric = value.length > 0 && value.every((v) => typeof v === 'number');
  useEffect(() => {
    // The document changed elsewhere: show it, unless what is typed reads as the same list.
    setTyped((t) => (t !== null && listText(parseList(t, numeric)) === listText(value) ? t : null));
  }, [value, numeric]);
  return (
    <>
      <textarea
        className="usa-textarea mandate-param-cell mandate-param-cell--list"
        rows={Math.min(8, Math.max(3, value.length + 1))}
        value={typed ?? listText(value)}
        aria-label={label}
        aria-describedby={describedBy(diagnostics, pointer)}
        data-pointer={pointer}
        data-cell={`${at[0]}:${at[1]}`}
        onChange={(e) => {
          setTyped(e.target.value);
          const next = parseList(e.target.value, numeric);
          if (listText(next) !== listText(value) || next.length !== value.length) onChange(next);
        }}
        onBlur={() => setTyped(null)}
      />
      <FieldProblems diagnostics={diagnostics} pointer={pointer} />
    </>
  );
}
