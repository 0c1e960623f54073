/**
 * The benefits editor (the `benefits` part): each benefit's title, id (made from the title), period, unit and
 * formula, with the amount it gives for the tester's household (or a test case's) as the engine computes it, and
 * the explanation of the amount with its placeholders checked; add, reorder by drag or keyboard, delete. Rounding,
 * minimum and maximum stay as written (the JSON tab edits them).
 */
import { useId } from 'react';
import type { Benefit, TestCase } from '../../../../engine/index.ts';
import { useI18n } from '../../../../web/src/shared/i18n.tsx';
import { showValue } from '../../draft/explain.ts';
import { useText } from '../../text.ts';
import { ItemControls, Sortable, useItemIds } from '../conditions/Sortable.tsx';
import { FieldProblems, problemsAt, problemsId } from '../FieldProblems.tsx';
import type { BuilderProps } from '../types.ts';
import { FormulaField } from './FormulaField.tsx';
import { HouseholdPicker, useHouseholdValues } from './household.tsx';
import { MessageField } from './MessageField.tsx';
import { formulaNames, slugFrom, templateNames } from './names.ts';
import { UnitInput } from './UnitInput.tsx';

const PERIODS = ['month', 'week', 'year', 'once'] as const;

/** The benefits builder. */
export function BenefitsBuilder({ doc, setDoc, diagnostics, household }: BuilderProps) {
  const s = useText();
  const { lang } = useI18n();
  const uid = useId();
  const benefits = (Array.isArray(doc.benefits) ? doc.benefits : []) as Benefit[];
  const items = useItemIds(benefits.length);
  const values = useHouseholdValues(doc, household);
  const tests = (doc.tests ?? []) as TestCase[];
  const programId = String(doc.id ?? 'draft');
  const names = formulaNames(doc);
  const messageNames = templateNames(doc);

  const write = (next: Benefit[]) => setDoc({ ...doc, benefits: next });
  const update = (i: number, fn: (b: Benefit) => Benefit) => write(benefits.map((b, j) => (j === i ? fn(b) : b)));
  const move = (from: number, to: number) => {
    items.moved(from, to);
    const next = [...benefits];
    const [b] = next.splice(from, 1);
    next.splice(to, 0, b);
    write(next);
  };
  const add = () => {
    const title = s('benefits.newTitle');
    write([
      ...benefits,
      {
        id: slugFrom(
          title,
          benefits.map((b) => b.id),
          'benefit',
        ),
        title,
        period: 'month',
        formula: '0',
      },
    ]);
    requestAnimationFrame(() => document.getElementById(`${uid}-${benefits.length}-title`)?.focus());
  };
  const idInTests = (id: string) => tests.some((t) => t.expected?.benefits && id in t.expected.benefits);

  const resultOf = (b: Benefit): string => {
    if (values.notCompiled) return s('values.noValue');
    const d = values.determination;
    if (!d) return s('values.computing');
    const found = d.benefits.find((x) => x.id === b.id);
    if (found) return showValue(found.amount, b.unit ?? (b.period === 'once' ? 'USD' : `USD/${b.period}`), lang, s);
    return s('values.notEligible', { eligibility: s(`eligibility.${d.eligibility}` as never) });
  };

  return (
    <div className="mandate-rb">
      <h2 className="margin-top-0">{s('benefits.heading')}</h2>
      <p className="usa-intro mandate-rb__intro">{s('benefits.intro')}</p>
      <HouseholdPicker id={`${uid}-household`} values={values} doc={doc} household={household} />
      {benefits.length === 0 && <p>{s('benefits.none')}</p>}
      <Sortable ids={items.ids} names={benefits.map((b) => b.title)} onMove={move}>
        {(i, handle) => {
          const b = benefits[i];
          const at = `/benefits/${i}`;
          const id = `${uid}-${i}`;
          const others = benefits.filter((_, j) => j !== i).map((x) => x.id);
          return (
            <section className="mandate-rb__card" aria-labelledby={`${id}-heading`}>
              <div className="mandate-rb__card-head">
                <h3 className="margin-0" id={`${id}-heading`}>
                  {b.title || b.id}
                </h3>
                <ItemControls
                  handle={handle}
                  index={i}
                  count={benefits.length}
                  name={b.title}
                  onMove={move}
                  onRemove={() => {
                    items.removed(i);
                    write(benefits.filter((_, j) => j !== i));
                  }}
                />
              </div>
              <FieldProblems diagnostics={diagnostics} pointer={at} />
              <div className="mandate-rb__pair">
                <div>
                  <label className="usa-label" htmlFor={`${id}-title`}>
                    {s('benefits.title')}
                  </label>
                  <input
                    className="usa-input"
                    id={`${id}-title`}
                    data-pointer={`${at}/title`}
                    aria-describedby={problemsAt(diagnostics, `${at}/title`).length ? problemsId(`${at}/title`) : undefined}
                    value={b.title}
                    onChange={(e) => {
                      const title = e.target.value;
                      const follows = b.id === slugFrom(b.title, others, 'benefit') && !idInTests(b.id);
                      update(i, (x) => ({ ...x, title, ...(follows ? { id: slugFrom(title, others, 'benefit') } : {}) }));
                    }}
                  />
                  <FieldProblems diagnostics={diagnostics} pointer={`${at}/title`} />
                </div>
                <div>
                  <label className="usa-label" htmlFor={`${id}-id`}>
                    {s('rules.id')}
                  </label>
                  <input
                    className="usa-input font-mono-xs"
                    id={`${id}-id`}
                    data-pointer={`${at}/id`}
                    aria-describedby={problemsAt(diagnostics, `${at}/id`).length ? problemsId(`${at}/id`) : undefined}
                    value={b.id}
                    onChange={(e) => update(i, (x) => ({ ...x, id: e.target.value }))}
                  />
                  <FieldProblems diagnostics={diagnostics} pointer={`${at}/id`} />
                </div>
              </div>
              <div className="mandate-rb__pair">
                <div>
                  <label className="usa-label" htmlFor={`${id}-period`}>
                    {s('benefits.period')}
                  </label>
                  <select
                    className="usa-select"
                    id={`${id}-period`}
                    data-pointer={`${at}/period`}
                    value={b.period}
                    onChange={(e) => update(i, (x) => ({ ...x, period: e.target.value as Benefit['period'] }))}
                  >
                    {PERIODS.map((p) => (
                      <option key={p} value={p}>
                        {s(`benefits.period.${p}` as never)}
                      </option>
                    ))}
                  </select>
                </div>
                <UnitInput
                  id={`${id}-unit`}
                  pointer={`${at}/unit`}
                  value={b.unit ?? ''}
                  onChange={(unit) =>
                    update(i, (x) => {
                      const { unit: _old, ...rest } = x;
                      return unit ? { ...rest, unit } : (rest as Benefit);
                    })
                  }
                />
              </div>
              <FormulaField
                id={`${id}-formula`}
                label={s('benefits.formula')}
                hint={s('benefits.formulaHint')}
                uri={`mandate://formula/${programId}/benefits/${i}.formula`}
                value={b.formula}
                onChange={(formula) => update(i, (x) => ({ ...x, formula }))}
                pointer={`${at}/formula`}
                names={names}
                diagnostics={diagnostics}
                resultLabel={s('values.for')}
                result={resultOf(b)}
              />
              <MessageField
                id={`${id}-explanation`}
                label={s('benefits.explanation')}
                value={b.messages?.explanation ?? ''}
                onChange={(explanation) =>
                  update(i, (x) => {
                    const { messages: _old, ...rest } = x;
                    return explanation ? { ...rest, messages: { ...x.messages, explanation } } : (rest as Benefit);
                  })
                }
                pointer={`${at}/messages/explanation`}
                names={messageNames}
                diagnostics={diagnostics}
              />
            </section>
          );
        }}
      </Sortable>
      <button type="button" className="usa-button margin-top-2" onClick={add}>
        {s('benefits.add')}
      </button>
    </div>
  );
}
