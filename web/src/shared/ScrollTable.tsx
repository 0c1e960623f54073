/** A table that may be wider than its column: a scrollable region that keyboard users can focus and scroll. */
import type { ReactNode } from 'react';

/** The region around a wide table; `label` names it (the table's caption, usually). */
export function ScrollTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    // A scrollable region must be focusable to be scrolled from the keyboard (WCAG 2.1.1; axe scrollable-region-focusable).
    <section className="usa-table-container--scrollable" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
