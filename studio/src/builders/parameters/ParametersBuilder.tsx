/**
 * The parameters builder: the program's parameters as a searchable list (title, unit, newest value at a glance, its
 * problems), adding one of a kind, and the chosen parameter's editor (ParameterEditor: its values by date as a table,
 * a new column from a date, its words and sources, deleting it). Every edit is one of the pure transforms of
 * `transforms.ts` applied to the whole document and handed to `setDoc`, so the JSON tab, undo and the engine's
 * checks follow each one.
 */
import { useEffect, useRef, useState } from 'react';
import { parameterTitle } from '../../../../engine/index.ts';
import { useI18n } from '../../../../web/src/shared/i18n.tsx';
import { ScrollTable } from '../../../../web/src/shared/ScrollTable.tsx';
import { useText } from '../../text.ts';
import { FieldProblems } from '../FieldProblems.tsx';
import type { BuilderProps } from '../types.ts';
import { AddParameter } from './AddParameter.tsx';
import { glance } from './glance.ts';
import { ParameterEditor } from './ParameterEditor.tsx';
import { isEditable, parametersOf, pointerOf } from './transforms.ts';

/** The builder of the `parameters` part. */
export function ParametersBuilder({ doc, setDoc, diagnostics, showJson }: BuilderProps) {
  const { lang } = useI18n();
  const s = useText();
  const parameters = parametersOf(doc);
  const names = Object.keys(parameters);
  const [chosen, setChosen] = useState<string | null>(null);
  const selected = chosen !== null && Object.hasOwn(parameters, chosen) ? chosen : (names[0] ?? null);
  const [query, setQuery] = useState('');
  const [adding, setAdding] = useState(false);
  const [status, setStatus] = useState('');
  // A heading to focus after the next render (the parameter just opened, added or the list after a delete).
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });

  const titleOf = (name: string) => (isEditable(parameters[name]) ? parameterTitle(name, parameters[name]) : name);
  const q = query.trim().toLowerCase();
  const shown = names.filter((name) => {
    if (!q) return true;
    const p = parameters[name];
    const words = isEditable(p) ? [p.description, p.unit ?? '', p.key ?? ''] : [];
    return [name, titleOf(name), ...words].some((text) => String(text).toLowerCase().includes(q));
  });
  const problemsOf = (name: string) => diagnostics.filter((d) => d.path === pointerOf(name) || d.path.startsWith(`${pointerOf(name)}/`));

  const open = (name: string) => {
    setChosen(name);
    focusNext.current = `param-${name}-heading`;
  };

  return (
    <div className="mandate-params">
      <h2 id="parameters-heading" className="margin-top-0" tabIndex={-1}>
        {s('parameters.heading')}
      </h2>
      <p className="margin-top-0">{s('parameters.intro')}</p>
      <div className="mandate-param-status" role="status" aria-live="polite" data-testid="parameters-status">
        {status}
      </div>
      <div className="mandate-params__tools">
        <div className="usa-form-group margin-top-0">
          <label className="usa-label margin-top-0" htmlFor="parameters-search">
            {s('parameters.search')}
          </label>
          <span className="usa-hint" id="parameters-search-hint">
            {s('parameters.searchHint')}
          </span>
          <input
            className="usa-input"
            id="parameters-search"
            type="search"
            autoComplete="off"
            value={query}
            aria-describedby="parameters-search-hint parameters-matches"
            onChange={(e) => setQuery(e.target.value)}
          />
        </div>
        {!adding && (
          <button
            type="button"
            className="usa-button usa-button--outline"
            onClick={() => {
              setAdding(true);
              focusNext.current = 'new-param-heading';
            }}
          >
            {s('parameters.add')}
          </button>
        )}
      </div>
      <p id="parameters-matches" className="usa-hint">
        {names.length === 0 ? s('parameters.none') : s('parameters.matches', { shown: shown.length, total: names.length })}
      </p>
      {adding && (
        <AddParameter
          doc={doc}
          setDoc={setDoc}
          onAdded={(name) => {
            setAdding(false);
            setQuery('');
            setStatus(s('parameters.added', { name }));
            open(name);
          }}
          onCancel={() => setAdding(false)}
        />
      )}
      {q && shown.length === 0 ? (
        <p>{s('parameters.noMatch', { query })}</p>
      ) : (
        names.length > 0 && (
          <div className="mandate-param-list-box">
            <ScrollTable label={s('parameters.listCaption')}>
              <table className="usa-table usa-table--compact usa-table--borderless width-full mandate-param-list">
                <caption className="usa-sr-only">{s('parameters.listCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{s('parameters.colParameter')}</th>
                    <th scope="col">{s('parameters.colUnit')}</th>
                    <th scope="col">{s('parameters.colValue')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((name) => {
                    const p = parameters[name];
                    const mine = problemsOf(name);
                    const at = glance(p, lang, s);
                    const current = name === selected;
                    return (
                      <tr key={name} className={current ? 'mandate-param-list__current' : undefined}>
                        <th scope="row">
                          <button
                            type="button"
                            className="usa-button usa-button--unstyled text-left"
                            data-pointer={pointerOf(name)}
                            aria-current={current ? 'true' : undefined}
                            onClick={() => open(name)}
                          >
                            {titleOf(name)}
                          </button>
                          <br />
                          <code className="font-mono-3xs">{name}</code>
                          {current && <span className="usa-tag margin-left-1">{s('parameters.editing')}</span>}
                          {mine.length > 0 && (
                            <span
                              className={`mandate-badge margin-left-1 ${mine.some((d) => d.severity === 'error') ? 'mandate-badge--error' : 'mandate-badge--warning'}`}
                            >
                              {s('parameters.problems', { count: mine.length })}
                            </span>
                          )}
                        </th>
                        <td>{p.unit ?? '—'}</td>
                        <td>
                          {at.text}
                          <br />
                          <span className="text-base-dark">{s('parameters.glanceFrom', { date: at.date })}</span>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </ScrollTable>
          </div>
        )
      )}
      {selected && !isEditable(parameters[selected]) && (
        <section className="mandate-param" aria-labelledby={`param-${selected}-heading`}>
          <h3 id={`param-${selected}-heading`} tabIndex={-1}>
            <code>{selected}</code>
          </h3>
          <p>{s('parameters.notEditableText')}</p>
          <FieldProblems diagnostics={diagnostics} pointer={pointerOf(selected)} within />
          <button type="button" className="usa-button usa-button--outline" onClick={() => showJson(pointerOf(selected))}>
            {s('parameters.openJson')}
          </button>
        </section>
      )}
      {selected && isEditable(parameters[selected]) && (
        <ParameterEditor
          key={selected}
          name={selected}
          parameter={parameters[selected]}
          title={titleOf(selected)}
          doc={doc}
          setDoc={setDoc}
          diagnostics={problemsOf(selected)}
          announce={setStatus}
          onDeleted={() => {
            setChosen(null);
            focusNext.current = 'parameters-heading';
          }}
        />
      )}
    </div>
  );
}
