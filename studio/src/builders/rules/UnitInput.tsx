/**
 * The unit of a derived value or benefit, typed or picked from the usual ones ("USD/month" shows as money a month).
 */
import { useText } from '../../text.ts';

const UNITS = ['USD/month', 'USD/year', 'USD/week', 'USD', 'people', 'percent', 'days', 'kg', 'kg/week'];

/** The unit field. */
export function UnitInput({ id, pointer, value, onChange }: { id: string; pointer: string; value: string; onChange: (unit: string) => void }) {
  const s = useText();
  return (
    <div>
      <label className="usa-label" htmlFor={id}>
        {s('derived.unit')} <span className="usa-hint">{s('message.optional')}</span>
      </label>
      <span className="usa-hint" id={`${id}-hint`}>
        {s('derived.unitHint')}
      </span>
      <input
        className="usa-input"
        id={id}
        list={`${id}-list`}
        data-pointer={pointer}
        aria-describedby={`${id}-hint`}
        value={value}
        autoComplete="off"
        onChange={(e) => onChange(e.target.value)}
      />
      <datalist id={`${id}-list`}>
        {UNITS.map((u) => (
          <option key={u} value={u} />
        ))}
      </datalist>
    </div>
  );
}
