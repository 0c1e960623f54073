/**
 * The rules editor (the `rules` part): the list of eligibility rules (add, reorder by drag or keyboard, delete),
 * each with its title, id (made from the title), description, conditions in the condition builder, an optional
 * waiver, and its plain-language messages with their `{placeholders}` checked. Below: the shared conditions the
 * rules refer to by name, each in the condition builder too.
 */
import { useId, useState } from 'react';
import type { ConditionTree, Rule, TestCase } from '../../../../engine/index.ts';
import { useText } from '../../text.ts';
import { ConditionBuilder } from '../conditions/ConditionBuilder.tsx';
import { factsOf, paramChoices } from '../conditions/facts.ts';
import { sharedRefs } from '../conditions/tree.ts';
import { ItemControls, Sortable, useItemIds } from '../conditions/Sortable.tsx';
import { FieldProblems, problemsAt, problemsId } from '../FieldProblems.tsx';
import type { BuilderProps } from '../types.ts';
import { MessageField } from './MessageField.tsx';
import { slugFrom, templateNames } from './names.ts';

/** The anchor of a shared condition's editor. */
export const sharedAnchor = (name: string) => `shared-condition-${name}`;

/** The rules builder. */
export function RulesBuilder({ doc, setDoc, diagnostics }: BuilderProps) {
  const s = useText();
  const uid = useId();
  const rules = (Array.isArray(doc.rules) ? doc.rules : []) as Rule[];
  const items = useItemIds(rules.length);
  const facts = factsOf(doc);
  const params = paramChoices(doc);
  const shared = (doc.conditions ?? {}) as Record<string, ConditionTree>;
  const sharedNames = Object.keys(shared);
  const names = templateNames(doc);
  const tests = (doc.tests ?? []) as TestCase[];
  const [newShared, setNewShared] = useState('');
  // A shared condition something refers to cannot be removed here (the reference would name nothing).
  const usedShared = new Set(
    [
      ...rules.flatMap((r) => [...sharedRefs(r.conditions), ...sharedRefs(r.waiver?.conditions)]),
      ...Object.values(shared).flatMap((tree) => sharedRefs(tree)),
    ].concat(
      JSON.stringify({ form: doc.form, workflow: doc.workflow })
        .match(/"condition":"[^"]+"/g)
        ?.map((m) => m.slice(13, -1)) ?? [],
    ),
  );

  const write = (next: Rule[]) => setDoc({ ...doc, rules: next });
  const update = (i: number, fn: (r: Rule) => Rule) => write(rules.map((r, j) => (j === i ? fn(r) : r)));
  const move = (from: number, to: number) => {
    items.moved(from, to);
    const next = [...rules];
    const [r] = next.splice(from, 1);
    next.splice(to, 0, r);
    write(next);
  };
  const add = () => {
    const title = s('rules.newTitle');
    const id = slugFrom(
      title,
      rules.map((r) => r.id),
    );
    write([...rules, { id, title, conditions: { all: [] }, messages: { pass: s('rules.newPass'), fail: s('rules.newFail') } }]);
    requestAnimationFrame(() => document.getElementById(`${uid}-${rules.length}-title`)?.focus());
  };
  // A test case that expects a rule's outcome names it by id: such an id does not follow its title.
  const idInTests = (id: string) => tests.some((t) => t.expected?.reasons && id in t.expected.reasons);

  return (
    <div className="mandate-rb">
      <h2 className="margin-top-0">{s('rules.heading')}</h2>
      <p className="usa-intro mandate-rb__intro">{s('rules.intro')}</p>
      {rules.length === 0 && <p>{s('rules.none')}</p>}
      <Sortable ids={items.ids} names={rules.map((r) => r.title)} onMove={move}>
        {(i, handle) => {
          const rule = rules[i];
          const at = `/rules/${i}`;
          const id = `${uid}-${i}`;
          const titleProblems = problemsAt(diagnostics, `${at}/title`).length > 0;
          return (
            <section className="mandate-rb__card" aria-labelledby={`${id}-heading`}>
              <div className="mandate-rb__card-head">
                <h3 className="margin-0" id={`${id}-heading`}>
                  {rule.title || s('rules.untitled')}
                </h3>
                <ItemControls
                  handle={handle}
                  index={i}
                  count={rules.length}
                  name={rule.title}
                  onMove={move}
                  onRemove={() => {
                    items.removed(i);
                    write(rules.filter((_, j) => j !== i));
                  }}
                />
              </div>
              <FieldProblems diagnostics={diagnostics} pointer={at} />
              <div className="mandate-rb__pair">
                <div>
                  <label className="usa-label" htmlFor={`${id}-title`}>
                    {s('rules.title')}
                  </label>
                  <input
                    className="usa-input"
                    id={`${id}-title`}
                    data-pointer={`${at}/title`}
                    aria-describedby={titleProblems ? problemsId(`${at}/title`) : undefined}
                    value={rule.title}
                    onChange={(e) => {
                      const title = e.target.value;
                      const others = rules.filter((_, j) => j !== i).map((r) => r.id);
                      // The id follows the title while it is still the one made from it (and no test names it).
                      const follows = rule.id === slugFrom(rule.title, others) && !idInTests(rule.id);
                      update(i, (r) => ({ ...r, title, ...(follows ? { id: slugFrom(title, others) } : {}) }));
                    }}
                  />
                  <FieldProblems diagnostics={diagnostics} pointer={`${at}/title`} />
                </div>
                <div>
                  <label className="usa-label" htmlFor={`${id}-id`}>
                    {s('rules.id')}
                  </label>
                  <span className="usa-hint" id={`${id}-id-hint`}>
                    {s('rules.idHint')}
                  </span>
                  <input
                    className="usa-input font-mono-xs"
                    id={`${id}-id`}
                    data-pointer={`${at}/id`}
                    aria-describedby={[`${id}-id-hint`, problemsAt(diagnostics, `${at}/id`).length ? problemsId(`${at}/id`) : '']
                      .filter(Boolean)
                      .join(' ')}
                    value={rule.id}
                    onChange={(e) => update(i, (r) => ({ ...r, id: e.target.value }))}
                  />
                  <FieldProblems diagnostics={diagnostics} pointer={`${at}/id`} />
                </div>
              </div>
              <label className="usa-label" htmlFor={`${id}-description`}>
                {s('rules.description')} <span className="usa-hint">{s('message.optional')}</span>
              </label>
              <textarea
                className="usa-textarea mandate-rb__description"
                id={`${id}-description`}
                rows={2}
                data-pointer={`${at}/description`}
                value={rule.description ?? ''}
                onChange={(e) =>
                  update(i, (r) => {
                    const { description: _old, ...rest } = r;
                    return e.target.value ? { ...rest, description: e.target.value } : (rest as Rule);
                  })
                }
              />
              <h4 className="mandate-rb__sub">{s('rules.conditions')}</h4>
              <ConditionBuilder
                value={rule.conditions}
                onChange={(conditions) => update(i, (r) => ({ ...r, conditions }))}
                pointer={`${at}/conditions`}
                facts={facts}
                params={params}
                shared={sharedNames}
                sharedHref={(name) => `#${sharedAnchor(name)}`}
                diagnostics={diagnostics}
                label={s('rules.conditionsOf', { title: rule.title })}
              />
              <h4 className="mandate-rb__sub">{s('rules.waiver')}</h4>
              <div className="usa-checkbox">
                <input
                  className="usa-checkbox__input"
                  type="checkbox"
                  id={`${id}-waivable`}
                  data-pointer={`${at}/waiver`}
                  checked={Boolean(rule.waiver)}
                  onChange={(e) =>
                    update(i, (r) => {
                      const { waiver: _old, ...rest } = r;
                      return e.target.checked ? { ...rest, waiver: { conditions: { all: [] }, message: s('rules.newWaiver') } } : (rest as Rule);
                    })
                  }
                />
                <label className="usa-checkbox__label" htmlFor={`${id}-waivable`}>
                  {s('rules.waivable')}
                </label>
              </div>
              {rule.waiver && (
                <div className="mandate-rb__waiver">
                  <ConditionBuilder
                    value={rule.waiver.conditions}
                    onChange={(conditions) => update(i, (r) => ({ ...r, waiver: { ...(r.waiver as NonNullable<Rule['waiver']>), conditions } }))}
                    pointer={`${at}/waiver/conditions`}
                    facts={facts}
                    params={params}
                    shared={sharedNames}
                    sharedHref={(name) => `#${sharedAnchor(name)}`}
                    diagnostics={diagnostics}
                    label={s('rules.waiverOf', { title: rule.title })}
                  />
                  <MessageField
                    id={`${id}-waiver-message`}
                    label={s('rules.waiverMessage')}
                    value={rule.waiver.message}
                    onChange={(message) => update(i, (r) => ({ ...r, waiver: { ...(r.waiver as NonNullable<Rule['waiver']>), message } }))}
                    pointer={`${at}/waiver/message`}
                    names={names}
                    diagnostics={diagnostics}
                    required
                  />
                </div>
              )}
              <h4 className="mandate-rb__sub">{s('rules.messages')}</h4>
              {(['pass', 'fail', 'unknown'] as const).map((outcome) => (
                <MessageField
                  key={outcome}
                  id={`${id}-${outcome}`}
                  label={s(`rules.message.${outcome}` as never)}
                  value={rule.messages?.[outcome] ?? ''}
                  onChange={(text) =>
                    update(i, (r) => {
                      const messages = { ...r.messages };
                      if (text || outcome !== 'unknown') messages[outcome] = text;
                      else delete messages.unknown;
                      return { ...r, messages };
                    })
                  }
                  pointer={`${at}/messages/${outcome}`}
                  names={names}
                  diagnostics={diagnostics}
                  required={outcome !== 'unknown'}
                />
              ))}
            </section>
          );
        }}
      </Sortable>
      <button type="button" className="usa-button margin-top-2" onClick={add}>
        {s('rules.add')}
      </button>
      <section className="margin-top-4" aria-labelledby={`${uid}-shared`}>
        <h3 id={`${uid}-shared`}>{s('rules.shared')}</h3>
        <p>{s('rules.sharedIntro')}</p>
        {sharedNames.map((name) => (
          <section key={name} id={sharedAnchor(name)} className="mandate-rb__card" aria-labelledby={`${uid}-shared-${name}`} tabIndex={-1}>
            <div className="mandate-rb__card-head">
              <h4 className="margin-0 font-mono-sm" id={`${uid}-shared-${name}`}>
                {name}
              </h4>
              {!usedShared.has(name) && (
                <button
                  type="button"
                  className="usa-button usa-button--secondary usa-button--small"
                  aria-label={s('sort.remove', { name })}
                  onClick={() => {
                    const { [name]: _gone, ...rest } = shared;
                    const { conditions: _all, ...others } = doc;
                    setDoc(Object.keys(rest).length ? { ...doc, conditions: rest } : others);
                  }}
                >
                  <span aria-hidden="true">✕</span>
                </button>
              )}
            </div>
            <ConditionBuilder
              value={shared[name]}
              onChange={(tree) => setDoc({ ...doc, conditions: { ...shared, [name]: tree } })}
              pointer={`/conditions/${name}`}
              facts={facts}
              params={params}
              shared={sharedNames.filter((n) => n !== name)}
              sharedHref={(other) => `#${sharedAnchor(other)}`}
              diagnostics={diagnostics}
              label={s('rules.sharedOf', { name })}
            />
          </section>
        ))}
        <form
          className="usa-form maxw-none mandate-rb__new-shared"
          onSubmit={(e) => {
            e.preventDefault();
            const name = slugFrom(newShared, sharedNames, 'condition');
            setDoc({ ...doc, conditions: { ...shared, [name]: { all: [] } } });
            setNewShared('');
            requestAnimationFrame(() => document.getElementById(sharedAnchor(name))?.focus());
          }}
        >
          <label className="usa-label" htmlFor={`${uid}-new-shared`}>
            {s('rules.sharedName')}
          </label>
          <span className="usa-hint" id={`${uid}-new-shared-hint`}>
            {s('rules.sharedNameHint')}
          </span>
          <div className="mandate-rb__inline">
            <input
              className="usa-input"
              id={`${uid}-new-shared`}
              aria-describedby={`${uid}-new-shared-hint`}
              value={newShared}
              onChange={(e) => setNewShared(e.target.value)}
            />
            <button type="submit" className="usa-button usa-button--outline">
              {s('rules.sharedAdd')}
            </button>
          </div>
        </form>
      </section>
    </div>
  );
}
