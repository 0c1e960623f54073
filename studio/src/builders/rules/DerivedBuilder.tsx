/**
 * The derived-values editor (the `derived` part): each named formula with its title, unit, description and
 * formula, and the value it gives for the tester's household (or a test case's), recomputed by the engine as the
 * analyst types. Add and delete; a new value's name is made from its title and follows it until something uses it.
 */
import { useId } from 'react';
import { useI18n } from '../../../../web/src/shared/i18n.tsx';
import { showValue } from '../../draft/explain.ts';
import { useText } from '../../text.ts';
import { FieldProblems, problemsAt, problemsId } from '../FieldProblems.tsx';
import type { BuilderProps } from '../types.ts';
import { FormulaField } from './FormulaField.tsx';
import { HouseholdPicker, useHouseholdValues } from './household.tsx';
import { formulaNames, identifierFrom, isReferenced } from './names.ts';
import { UnitInput } from './UnitInput.tsx';

type Derived = { title: string; formula: string; unit?: string; description?: string };

/** The derived-values builder. */
export function DerivedBuilder({ doc, setDoc, diagnostics, household }: BuilderProps) {
  const s = useText();
  const { lang } = useI18n();
  const uid = useId();
  const derived = (doc.derived ?? {}) as Record<string, Derived>;
  const entries = Object.entries(derived);
  const values = useHouseholdValues(doc, household);
  const programId = String(doc.id ?? 'draft');

  const write = (next: Record<string, Derived>) => setDoc({ ...doc, derived: next });
  const update = (name: string, fn: (d: Derived) => Derived, rename?: string) =>
    write(Object.fromEntries(entries.map(([n, d]) => (n === name ? [rename ?? n, fn(d)] : [n, d]))));
  const optional = (d: Derived, key: 'unit' | 'description', text: string): Derived => {
    const { [key]: _old, ...rest } = d;
    return text ? { ...rest, [key]: text } : rest;
  };
  const add = () => {
    const title = s('derived.newTitle');
    const name = identifierFrom(title, Object.keys(derived));
    write({ ...derived, [name]: { title, formula: '0' } });
    requestAnimationFrame(() => document.getElementById(`${uid}-${entries.length}-title`)?.focus());
  };

  const resultOf = (name: string, unit?: string): string => {
    if (values.notCompiled) return s('values.noValue');
    if (!values.determination) return s('values.computing');
    if (!(name in values.determination.values)) return s('values.noValue');
    const v = values.determination.values[name];
    return v === null || v === undefined ? s('values.unknown') : showValue(v, unit, lang, s);
  };

  return (
    <div className="mandate-rb">
      <h2 className="margin-top-0">{s('derived.heading')}</h2>
      <p className="usa-intro mandate-rb__intro">{s('derived.intro')}</p>
      <HouseholdPicker id={`${uid}-household`} values={values} doc={doc} household={household} />
      {entries.length === 0 && <p>{s('derived.none')}</p>}
      <ol className="usa-list usa-list--unstyled">
        {entries.map(([name, d], i) => {
          const at = `/derived/${name}`;
          const id = `${uid}-${i}`;
          const others = entries.filter(([n]) => n !== name).map(([n]) => n);
          return (
            <li key={i}>
              <section className="mandate-rb__card" aria-labelledby={`${id}-heading`} data-pointer={at} tabIndex={-1}>
                <div className="mandate-rb__card-head">
                  <h3 className="margin-0" id={`${id}-heading`}>
                    {d.title || name}
                  </h3>
                  <button
                    type="button"
                    className="usa-button usa-button--secondary usa-button--small"
                    aria-label={s('sort.remove', { name: d.title || name })}
                    onClick={() => write(Object.fromEntries(entries.filter(([n]) => n !== name)))}
                  >
                    <span aria-hidden="true">✕</span>
                  </button>
                </div>
                <p className="margin-y-05">
                  {s('derived.name')} <code>{name}</code>
                </p>
                <FieldProblems diagnostics={diagnostics} pointer={at} />
                <div className="mandate-rb__pair">
                  <div>
                    <label className="usa-label" htmlFor={`${id}-title`}>
                      {s('derived.title')}
                    </label>
                    <input
                      className="usa-input"
                      id={`${id}-title`}
                      data-pointer={`${at}/title`}
                      aria-describedby={problemsAt(diagnostics, `${at}/title`).length ? problemsId(`${at}/title`) : undefined}
                      value={d.title}
                      onChange={(e) => {
                        const title = e.target.value;
                        // The name follows the title while it is the one made from it and nothing uses it yet.
                        const follows = name === identifierFrom(d.title, others) && !isReferenced(doc, name);
                        update(name, (x) => ({ ...x, title }), follows ? identifierFrom(title, others) : undefined);
                      }}
                    />
                    <FieldProblems diagnostics={diagnostics} pointer={`${at}/title`} />
                  </div>
                  <UnitInput
                    id={`${id}-unit`}
                    pointer={`${at}/unit`}
                    value={d.unit ?? ''}
                    onChange={(unit) => update(name, (x) => optional(x, 'unit', unit))}
                  />
                </div>
                <FormulaField
                  id={`${id}-formula`}
                  label={s('derived.formula')}
                  hint={s('derived.formulaHint')}
                  uri={`mandate://formula/${programId}/derived/${name}.formula`}
                  value={d.formula}
                  onChange={(formula) => update(name, (x) => ({ ...x, formula }))}
                  pointer={`${at}/formula`}
                  names={formulaNames(doc, name)}
                  diagnostics={diagnostics}
                  resultLabel={s('values.for')}
                  result={resultOf(name, d.unit)}
                />
                <label className="usa-label" htmlFor={`${id}-description`}>
                  {s('rules.description')} <span className="usa-hint">{s('message.optional')}</span>
                </label>
                <textarea
                  className="usa-textarea mandate-rb__description"
                  id={`${id}-description`}
                  rows={2}
                  data-pointer={`${at}/description`}
                  value={d.description ?? ''}
                  onChange={(e) => update(name, (x) => optional(x, 'description', e.target.value))}
                />
              </section>
            </li>
          );
        })}
      </ol>
      <button type="button" className="usa-button margin-top-2" onClick={add}>
        {s('derived.add')}
      </button>
    </div>
  );
}
