/** A table that may be wider than its column: a scrollable region that keyboard users can focus and scroll. */
import type { ReactNode } from 'react';

/** The region around a wide table; `label` names it (the table's caption, usually). */
export function ScrollTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to be scrolled by keyboard (WCAG 2.1.1).
    <div className="usa-table-container--scrollable" tabIndex={0} role="region" aria-label={label}>
      {children}
    </div>
  );
}
