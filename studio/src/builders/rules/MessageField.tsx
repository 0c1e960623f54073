/**
 * A plain-language message with `{placeholders}`: the text, a way to insert any name that exists (questions,
 * derived values, parameters, by their titles), the message as it reads with each placeholder marked (an unknown
 * name stands out, with its reason in words), and the engine's diagnostics about the message beside it.
 */
import { useRef } from 'react';
import type { Diagnostic } from '../../../../engine/index.ts';
import { useText } from '../../text.ts';
import { FieldProblems, problemsAt, problemsId } from '../FieldProblems.tsx';
import { insertPlaceholder, templatePieces, type KnownName } from './names.ts';

/** Props: the message, where it is, and the names it may use. */
export interface MessageFieldProps {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (text: string) => void;
  pointer: string;
  names: KnownName[];
  diagnostics: Diagnostic[];
  required?: boolean;
}

/** The message field. */
export function MessageField({ id, label, hint, value, onChange, pointer, names, diagnostics, required }: MessageFieldProps) {
  const s = useText();
  const area = useRef<HTMLTextAreaElement>(null);
  const known = new Set(names.map((n) => n.name));
  const titles = new Map(names.map((n) => [n.name, n.title]));
  const pieces = templatePieces(value, known);
  const unknown = pieces.filter((p) => 'name' in p && !p.known);
  const hasProblems = problemsAt(diagnostics, pointer).length > 0;
  const describedBy = [hint ? `${id}-hint` : '', value ? `${id}-reads` : '', hasProblems ? problemsId(pointer) : ''].filter(Boolean).join(' ');
  return (
    <div className="mandate-message">
      <label className="usa-label" htmlFor={id}>
        {label}
        {!required && <span className="usa-hint"> {s('message.optional')}</span>}
      </label>
      {hint && (
        <span className="usa-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      <textarea
        ref={area}
        className={unknown.length ? 'usa-textarea mandate-message__text usa-input--error' : 'usa-textarea mandate-message__text'}
        id={id}
        rows={2}
        data-pointer={pointer}
        aria-describedby={describedBy}
        aria-invalid={unknown.length > 0 || undefined}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      <div className="mandate-message__insert">
        <label className="usa-sr-only" htmlFor={`${id}-insert`}>
          {s('message.insertIn', { field: label })}
        </label>
        <select
          className="usa-select"
          id={`${id}-insert`}
          value=""
          onChange={(e) => {
            const name = e.target.value;
            if (!name) return;
            const at = area.current?.selectionStart ?? value.length;
            const next = insertPlaceholder(value, at, name);
            onChange(next.text);
            requestAnimationFrame(() => {
              area.current?.focus();
              area.current?.setSelectionRange(next.caret, next.caret);
            });
          }}
        >
          <option value="">{s('message.insert')}</option>
          {names.map((n) => (
            <option key={n.name} value={n.name}>
              {n.title} — {`{${n.name}}`}
            </option>
          ))}
        </select>
      </div>
      {value && (
        <p className="mandate-message__reads" id={`${id}-reads`} data-testid={`reads-${pointer}`}>
          <span className="usa-sr-only">{s('message.reads')} </span>
          {pieces.map((p, i) =>
            'text' in p ? (
              <span key={i}>{p.text}</span>
            ) : p.known ? (
              <span key={i} className="mandate-placeholder" title={titles.get(p.name)}>
                {titles.get(p.name) ?? p.name}
              </span>
            ) : (
              <mark key={i} className="mandate-placeholder mandate-placeholder--unknown" data-unknown={p.name}>
                {`{${p.name}}`} <span className="mandate-placeholder__why">{s('message.unknownName')}</span>
              </mark>
            ),
          )}
        </p>
      )}
      <FieldProblems diagnostics={diagnostics} pointer={pointer} />
    </div>
  );
}
