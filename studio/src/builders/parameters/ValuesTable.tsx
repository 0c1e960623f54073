/**
 * One parameter's values as a table: a column per effective date (oldest → newest), a row per table row (e.g.
 * household size 1…8) and the "each additional" increment row, or a single row for a scalar or a list. Every cell
 * writes its own JSON Pointer and shows the diagnostics about it beside it; a column's own diagnostics (a date that
 * is not a date, a value of the wrong shape) show under its header.
 */
import { useEffect, useRef } from 'react';
import type { Diagnostic, ListValue, Parameter, ParameterValue } from '../../../../engine/index.ts';
import { plainValue } from '../../../../engine/index.ts';
import { ScrollTable } from '../../../../web/src/shared/ScrollTable.tsx';
import { useI18n } from '../../../../web/src/shared/i18n.tsx';
import { useText } from '../../text.ts';
import { formatValue } from './glance.ts';
import { FieldProblems } from '../FieldProblems.tsx';
import { ListCell, NumberCell, TextCell, YesNoCell } from './cells.tsx';
import { type Cell, cellPointer, columnDates, isTable, kindOf, pointerOf, tableRows } from './transforms.ts';

export interface ValuesTableProps {
  name: string;
  parameter: Parameter;
  title: string;
  diagnostics: readonly Diagnostic[];
  onCell: (date: string, cell: Cell, value: ListValue | number | string | boolean | undefined) => void;
}

/** The parameter's dated values as an editable table inside a scrollable region. */
export function ValuesTable({ name, parameter, title, diagnostics, onCell }: ValuesTableProps) {
  const s = useText();
  const { lang } = useI18n();
  const dates = columnDates(parameter);
  const unit = parameter.unit;
  // Money and rates are shown formatted under the plain number being typed; other numbers read as typed.
  const format =
    unit && (unit.startsWith('USD') || unit === 'percent' || unit === 'ratio') ? (v: number) => formatValue(v, unit, lang, s) : undefined;
  // The newest column is the one being written: on a narrow screen, scroll the table to show it.
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const region = box.current?.querySelector('.usa-table-container--scrollable');
    if (region && dates.length > 0) region.scrollLeft = region.scrollWidth;
  }, [dates.length]);
  const kind = kindOf(parameter);
  const plain = (date: string) => plainValue(parameter.values[date] as ParameterValue);
  const keyName = parameter.key ?? s('parameters.rowHeader').toLowerCase();
  const rows = kind === 'table' ? tableRows(parameter) : [];
  const last = rows.at(-1) ?? '';
  const caption = s('parameters.tableCaption', { title });

  const cell = (date: string, col: number, row: number, which: Cell) => {
    const pointer = cellPointer(name, parameter, date, which);
    const value = plain(date);
    const common = { pointer, diagnostics, at: [row, col] as [number, number] };
    if (which === 'value') {
      const label = s(kind === 'list' ? 'parameters.listCell' : 'parameters.cellValue', { title, date });
      if (Array.isArray(value)) return <ListCell {...common} label={label} value={value} onChange={(v) => onCell(date, 'value', v)} />;
      if (typeof value === 'boolean') return <YesNoCell {...common} label={label} value={value} onChange={(v) => onCell(date, 'value', v)} />;
      if (typeof value === 'string') return <TextCell {...common} label={label} value={value} onChange={(v) => onCell(date, 'value', v)} />;
      return <NumberCell {...common} label={label} value={value as number} format={format} onChange={(v) => onCell(date, 'value', v)} />;
    }
    if (!isTable(value)) return <FieldProblems diagnostics={diagnostics} pointer={pointer} />;
    if (which === 'increment') {
      const label = s('parameters.cellIncrement', { title, key: keyName, last, date });
      return <NumberCell {...common} label={label} value={value.increment} optional format={format} onChange={(v) => onCell(date, 'increment', v)} />;
    }
    const label = s('parameters.cellRow', { title, key: keyName, row: which.row, date });
    return <NumberCell {...common} label={label} value={value.rows[which.row]} format={format} onChange={(v) => onCell(date, which, v)} />;
  };

  const bodyRows: { id: string; header: string; cell: Cell; hint?: string }[] =
    kind === 'table'
      ? [
          ...rows.map((row) => ({ id: row, header: s('parameters.row', { key: keyName, row }), cell: { row } as Cell })),
          {
            id: 'increment',
            header: s('parameters.increment', { key: keyName, last }),
            cell: 'increment' as const,
            hint: s('parameters.incrementHint'),
          },
        ]
      : [
          {
            id: 'value',
            header: parameter.unit ? `${s('parameters.valueRow')} (${parameter.unit})` : s('parameters.valueRow'),
            cell: 'value',
            hint: kind === 'list' ? s('parameters.listHint') : undefined,
          },
        ];

  return (
    <div ref={box}>
      <ScrollTable label={caption}>
        <table className="usa-table usa-table--compact mandate-param-table">
          <caption className="usa-sr-only">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">
                {kind === 'table' ? (
                  s('parameters.row', { key: keyName, row: '' }).trim()
                ) : (
                  <span className="usa-sr-only">{s('parameters.rowHeader')}</span>
                )}
              </th>
              {dates.map((date) => {
                const at = pointerOf(name, 'values', date);
                return (
                  <th key={date} scope="col" data-pointer={at} tabIndex={-1}>
                    {s('parameters.column', { date })}
                    <FieldProblems diagnostics={diagnostics} pointer={at} />
                    {at !== cellPointer(name, parameter, date, 'value') && <FieldProblems diagnostics={diagnostics} pointer={`${at}/value`} />}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {bodyRows.map((r, row) => (
              <tr key={r.id}>
                <th scope="row">
                  {r.header}
                  {r.hint && <span className="usa-hint mandate-param-table__hint">{r.hint}</span>}
                </th>
                {dates.map((date, col) => (
                  <td key={date}>{cell(date, col, row, r.cell)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </div>
  );
}
