/** Diagnostics as a list a person reads: severity, where (the JSON Pointer) and the message; optionally a "go to" link. */
import { useText } from '../text.ts';
import type { Diagnostic } from '../types.ts';

/** The list; `onGo` makes each entry a button that moves the editor to its place. */
export function DiagnosticList({
  diagnostics,
  onGo,
}: {
  diagnostics: { path?: string; message: string; severity?: string; code?: string }[] | Diagnostic[];
  onGo?: (path: string) => void;
}) {
  const s = useText();
  if (diagnostics.length === 0) return null;
  return (
    <ul className="usa-list mandate-problems">
      {diagnostics.map((d, i) => (
        <li
          key={`${d.path}-${i}`}
          className={d.severity === 'warning' ? 'mandate-problem mandate-problem--warning' : 'mandate-problem mandate-problem--error'}
        >
          <span className="mandate-problem__severity">
            {d.severity === 'warning' ? s('problems.warning') : d.severity === 'info' ? s('problems.info') : s('problems.error')}
          </span>{' '}
          {onGo && d.path !== undefined ? (
            <button type="button" className="usa-button usa-button--unstyled mandate-problem__where" onClick={() => onGo(d.path ?? '')}>
              {d.path || '/'}
            </button>
          ) : (
            d.path !== undefined && <code className="mandate-problem__where">{d.path || '/'}</code>
          )}
          <span className="display-block">{d.message}</span>
        </li>
      ))}
    </ul>
  );
}
