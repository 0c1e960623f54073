/**
 * The diagnostics about one place of the definition, shown beside the control that edits it. Give the control
 * `aria-describedby={problemsId(pointer)}` so a screen reader reads them with it.
 */
import type { Diagnostic } from '../../../engine/index.ts';
import { useText } from '../text.ts';

/** The element id of the problems shown for `pointer`. */
export function problemsId(pointer: string): string {
  return `problems-${pointer.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`)}`;
}

/** The diagnostics at `pointer` (with `within`, also those at places inside it). */
export function problemsAt(diagnostics: readonly Diagnostic[], pointer: string, within = false): Diagnostic[] {
  return diagnostics.filter((d) => d.path === pointer || (within && d.path.startsWith(`${pointer}/`)));
}

/** The list of problems at `pointer`, or nothing when there are none. */
export function FieldProblems({ diagnostics, pointer, within = false }: { diagnostics: readonly Diagnostic[]; pointer: string; within?: boolean }) {
  const s = useText();
  const mine = problemsAt(diagnostics, pointer, within);
  if (mine.length === 0) return null;
  return (
    <ul id={problemsId(pointer)} className="usa-list usa-list--unstyled mandate-field-problems">
      {mine.map((d, i) => (
        <li
          key={`${d.code}-${i}`}
          className={d.severity === 'error' ? 'mandate-field-problem mandate-field-problem--error' : 'mandate-field-problem'}
        >
          <span className="text-bold">
            {d.severity === 'error' ? s('problems.error') : d.severity === 'warning' ? s('problems.warning') : s('problems.info')}
          </span>{' '}
          {d.message}
        </li>
      ))}
    </ul>
  );
}
