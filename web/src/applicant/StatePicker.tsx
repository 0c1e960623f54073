/**
 * The applicant's state, asked where some program has state layers (a state's SNAP on the federal one): `usePlace`
 * keeps the choice on the device for the program list and the screener alike, `StatePicker` asks for it, and
 * `offeredIn` keeps the programs that apply there (the engine's `programsIn`: a state's layer replaces the program it
 * extends; with no state chosen, the programs tied to no state).
 */
import { useCallback, useState } from 'react';
import { jurisdictionName, programsIn, statesWithPrograms, type PlacedProgram } from '../../../engine/browser.ts';
import { useI18n } from '../shared/i18n.tsx';

const STORAGE_KEY = 'mandate.place';
/** The choice "Another state": the programs tied to no state. */
const OTHER = 'other';

/** The chosen state (an ISO 3166-2 code, e.g. "US-WA", or "other"), or undefined; remembered on the device. */
export function usePlace(): [string | undefined, (place: string | undefined) => void] {
  const [place, setPlace] = useState<string | undefined>(() => window.localStorage.getItem(STORAGE_KEY) ?? undefined);
  const choose = useCallback((next: string | undefined) => {
    if (next) window.localStorage.setItem(STORAGE_KEY, next);
    else window.localStorage.removeItem(STORAGE_KEY);
    setPlace(next);
  }, []);
  return [place, choose];
}

/** The states the programs are tied to, and the items offered in `place` (a chosen state no program knows counts as none). */
export function offeredIn<T>(items: T[], place: string | undefined, placed: (item: T) => PlacedProgram): { states: string[]; offered: T[] } {
  const states = statesWithPrograms(items.map((item) => placed(item).jurisdiction));
  return { states, offered: programsIn(items, place && states.includes(place) ? place : undefined, placed) };
}

/** A labelled select of `states` (by name in the page's language) and "Another state"; nothing when there are none. */
export function StatePicker({
  states,
  value,
  onChange,
}: {
  states: string[];
  value: string | undefined;
  onChange: (place: string | undefined) => void;
}) {
  const { t, lang } = useI18n();
  if (states.length === 0) return null;
  const names = states.map((code) => ({ code, name: jurisdictionName(code, lang) ?? code })).sort((a, b) => a.name.localeCompare(b.name, lang));
  return (
    <div className="usa-form-group margin-bottom-3" data-testid="state-picker">
      <label className="usa-label" htmlFor="applicant-state">
        {t('place.label')}
      </label>
      <div className="usa-hint" id="applicant-state-hint">
        {t('place.hint')}
      </div>
      <select
        className="usa-select"
        id="applicant-state"
        aria-describedby="applicant-state-hint"
        value={value && (states.includes(value) || value === OTHER) ? value : ''}
        onChange={(e) => onChange(e.target.value || undefined)}
      >
        <option value="">{t('common.select')}</option>
        {names.map(({ code, name }) => (
          <option key={code} value={code}>
            {name}
          </option>
        ))}
        <option value={OTHER}>{t('place.other')}</option>
      </select>
    </div>
  );
}
