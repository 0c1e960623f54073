/**
 * Tabs in the WAI-ARIA pattern: a tablist of buttons (arrow keys, Home and End move between them; the selected tab
 * is the one in the tab order) and one tabpanel labelled by the selected tab.
 */
import { useRef, type KeyboardEvent, type ReactNode } from 'react';

/** One tab: id, visible label and an optional count badge (e.g. problems in that part). */
export interface TabItem<T extends string> {
  id: T;
  label: string;
  badge?: { text: string; tone: 'error' | 'warning' | 'ok' | 'neutral'; label: string };
}

/** The tabs with their panel. */
export function Tabs<T extends string>({
  label,
  idPrefix,
  tabs,
  selected,
  onSelect,
  children,
}: {
  label: string;
  idPrefix: string;
  tabs: TabItem<T>[];
  selected: T;
  onSelect: (id: T) => void;
  children: ReactNode;
}) {
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const move = (event: KeyboardEvent, index: number) => {
    const last = tabs.length - 1;
    const to =
      event.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : -1;
    if (to < 0) return;
    event.preventDefault();
    onSelect(tabs[to].id);
    buttons.current[to]?.focus();
  };
  return (
    <div className="mandate-tabs">
      <div role="tablist" aria-label={label} className="mandate-tabs__list">
        {tabs.map((tab, i) => (
          <button
            key={tab.id}
            ref={(el) => {
              buttons.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${idPrefix}-tab-${tab.id}`}
            aria-selected={tab.id === selected}
            aria-controls={`${idPrefix}-panel`}
            tabIndex={tab.id === selected ? 0 : -1}
            className={`mandate-tabs__tab${tab.id === selected ? ' mandate-tabs__tab--selected' : ''}`}
            onClick={() => onSelect(tab.id)}
            onKeyDown={(e) => move(e, i)}
          >
            {tab.label}
            {tab.badge && (
              <span className={`mandate-badge mandate-badge--${tab.badge.tone}`}>
                <span aria-hidden="true">{tab.badge.text}</span>
                <span className="usa-sr-only">{tab.badge.label}</span>
              </span>
            )}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${idPrefix}-panel`} aria-labelledby={`${idPrefix}-tab-${selected}`} className="mandate-tabs__panel" tabIndex={0}>
        {children}
      </div>
    </div>
  );
}
