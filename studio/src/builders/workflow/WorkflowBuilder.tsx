/**
 * The workflow without JSON: the diagram drawn from the definition, then the states, the transitions (who may do
 * each, the conditions under which it is allowed, the actions that follow) and the deadlines as tables. Every change
 * is a transform of the one definition (transforms.ts) written through `setDoc`. A guard with conditions the builder
 * does not offer is shown in words and left to the JSON view; an action type the engine does not register likewise.
 */
import { useState } from 'react';
import { ACTION_TYPES, type Deadline, type Role, type Transition, type WorkflowAction } from '../../../../engine/index.ts';
import { Alert } from '../../../../web/src/shared/components.tsx';
import { useText, type StudioText } from '../../text.ts';
import { FieldProblems, problemsAt, problemsId } from '../FieldProblems.tsx';
import type { BuilderProps } from '../types.ts';
import { WorkflowDiagram } from './Diagram.tsx';
import {
  addDeadline,
  addState,
  addTransition,
  guardClauses,
  guardOf,
  moveTransition,
  newAction,
  removeDeadline,
  removeState,
  removeTransition,
  renameEvent,
  renameState,
  setInitial,
  STAFF_ROLES,
  stateReferences,
  updateDeadline,
  updateState,
  updateTransition,
  WorkflowEditError,
  workflowOf,
  type GuardClause,
} from './transforms.ts';

type Doc = Record<string, unknown>;

/** Runs a transform; a refusal becomes words for the page, anything else is a bug and is thrown. */
function attempt(s: StudioText, change: () => Doc, setDoc: (d: Doc) => void, setError: (e: string | null) => void): boolean {
  try {
    setDoc(change());
    setError(null);
    return true;
  } catch (err) {
    if (!(err instanceof WorkflowEditError)) throw err;
    setError(s(err.key, err.params));
    return false;
  }
}

export function WorkflowBuilder({ doc, setDoc, diagnostics, showJson }: BuilderProps) {
  const s = useText();
  const workflow = workflowOf(doc);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const run = (change: () => Doc) => attempt(s, change, setDoc, setError);
  const states = Object.entries(workflow.states);
  const stateTitle = (id: string) => workflow.states[id]?.title ?? id;
  const params = Object.entries((doc.parameters ?? {}) as Record<string, { title?: string; values?: unknown }>).map(([name, p]) => ({
    name,
    title: p.title ?? name,
  }));

  return (
    <div className="mandate-workflow">
      <h2 className="margin-top-0">{s('workflow.diagram.heading')}</h2>
      <WorkflowDiagram workflow={workflow} />
      {error && (
        <Alert type="error" slim focus>
          {error}
        </Alert>
      )}
      <FieldProblems diagnostics={diagnostics} pointer="/workflow" />
      <FieldProblems diagnostics={diagnostics} pointer="/workflow/initial" />

      <h2>{s('workflow.states.heading')}</h2>
      <p className="usa-hint">{s('workflow.states.intro')}</p>
      <table className="usa-table usa-table--stacked usa-table--borderless mandate-builder-table">
        <caption className="usa-sr-only">{s('workflow.states.heading')}</caption>
        <thead>
          <tr>
            <th scope="col">{s('workflow.states.title')}</th>
            <th scope="col">{s('workflow.states.id')}</th>
            <th scope="col">{s('workflow.states.start')}</th>
            <th scope="col">{s('workflow.states.closed')}</th>
            <th scope="col">
              <span className="usa-sr-only">{s('workflow.remove')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {states.map(([id, state]) => {
            const base = `/workflow/states/${id}`;
            return (
              <tr key={id}>
                <td data-label={s('workflow.states.title')}>
                  <label className="usa-sr-only" htmlFor={`state-title-${id}`}>
                    {s('workflow.states.titleOf', { id })}
                  </label>
                  <input
                    id={`state-title-${id}`}
                    className="usa-input margin-top-0"
                    value={state.title}
                    data-pointer={`${base}/title`}
                    aria-describedby={problemsAt(diagnostics, base, true).length ? problemsId(base) : undefined}
                    onChange={(e) => setDoc(updateState(doc, id, { title: e.target.value }))}
                  />
                  <label className="usa-sr-only" htmlFor={`state-description-${id}`}>
                    {s('workflow.states.descriptionOf', { title: state.title })}
                  </label>
                  <textarea
                    id={`state-description-${id}`}
                    className="usa-textarea mandate-textarea--short"
                    placeholder={s('workflow.states.descriptionPlaceholder')}
                    value={state.description ?? ''}
                    onChange={(e) => setDoc(updateState(doc, id, { description: e.target.value }))}
                  />
                  <FieldProblems diagnostics={diagnostics} pointer={base} within />
                </td>
                <td data-label={s('workflow.states.id')}>
                  <IdEditor
                    id={id}
                    label={s('workflow.states.idOf', { title: state.title })}
                    onRename={(next) => run(() => renameState(doc, id, next))}
                  />
                </td>
                <td data-label={s('workflow.states.start')}>
                  <div className="usa-radio">
                    <input
                      className="usa-radio__input"
                      type="radio"
                      id={`state-initial-${id}`}
                      name="workflow-initial"
                      checked={workflow.initial === id}
                      onChange={() => setDoc(setInitial(doc, id))}
                    />
                    <label className="usa-radio__label margin-top-0" htmlFor={`state-initial-${id}`}>
                      <span className="usa-sr-only">{s('workflow.states.startOf', { title: state.title })}</span>
                      <span aria-hidden="true">{s('workflow.states.startShort')}</span>
                    </label>
                  </div>
                </td>
                <td data-label={s('workflow.states.closed')}>
                  <div className="usa-checkbox">
                    <input
                      className="usa-checkbox__input"
                      type="checkbox"
                      id={`state-terminal-${id}`}
                      checked={!!state.terminal}
                      onChange={(e) => setDoc(updateState(doc, id, { terminal: e.target.checked }))}
                    />
                    <label className="usa-checkbox__label margin-top-0" htmlFor={`state-terminal-${id}`}>
                      <span className="usa-sr-only">{s('workflow.states.closedOf', { title: state.title })}</span>
                      <span aria-hidden="true">{s('workflow.states.closedShort')}</span>
                    </label>
                  </div>
                </td>
                <td>
                  <button
                    type="button"
                    className="usa-button usa-button--unstyled"
                    title={stateReferences(workflow, id).length > 1 ? s('workflow.states.usedHint') : undefined}
                    onClick={() => run(() => removeState(doc, id))}
                  >
                    {s('workflow.removeNamed', { name: state.title })}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <AddByTitle
        label={s('workflow.states.add')}
        button={s('workflow.states.addButton')}
        onAdd={(title) => run(() => addState(doc, title).doc)}
        idPrefix="new-state"
      />

      <h2>{s('workflow.transitions.heading')}</h2>
      <p className="usa-hint">{s('workflow.transitions.intro')}</p>
      <table className="usa-table usa-table--stacked usa-table--borderless mandate-builder-table">
        <caption className="usa-sr-only">{s('workflow.transitions.heading')}</caption>
        <thead>
          <tr>
            <th scope="col">{s('workflow.transitions.title')}</th>
            <th scope="col">{s('workflow.transitions.fromTo')}</th>
            <th scope="col">{s('workflow.transitions.who')}</th>
            <th scope="col">{s('workflow.transitions.when')}</th>
            <th scope="col">{s('workflow.transitions.then')}</th>
            <th scope="col">{s('workflow.transitions.order')}</th>
          </tr>
        </thead>
        <tbody>
          {workflow.transitions.flatMap((t, i) => {
            const base = `/workflow/transitions/${i}`;
            const mine = problemsAt(diagnostics, base, true);
            const rows = [
              <tr key={`${t.event}-${i}`} data-testid={`transition-${t.event}`}>
                <th scope="row" data-label={s('workflow.transitions.title')}>
                  <button
                    type="button"
                    className="usa-button usa-button--unstyled text-left"
                    aria-expanded={open === i}
                    aria-controls={`transition-editor-${i}`}
                    data-pointer={base}
                    onClick={() => setOpen(open === i ? null : i)}
                  >
                    {t.title}
                  </button>
                  {mine.length > 0 && (
                    <span className="mandate-badge mandate-badge--error margin-left-1">{s('badge.problems', { count: mine.length })}</span>
                  )}
                </th>
                <td data-label={s('workflow.transitions.fromTo')}>
                  {s('workflow.transitions.fromToText', { from: t.from.map(stateTitle).join(', '), to: stateTitle(t.to) })}
                </td>
                <td data-label={s('workflow.transitions.who')}>{t.roles.map((r) => s(`role.${r}` as never)).join(', ')}</td>
                <td data-label={s('workflow.transitions.when')}>{guardSummary(t, s, workflow)}</td>
                <td data-label={s('workflow.transitions.then')}>
                  {(t.actions ?? []).map((a) => actionSummary(a, s)).join('; ') || s('workflow.none')}
                </td>
                <td data-label={s('workflow.transitions.order')}>
                  <span className="mandate-order">
                    <button
                      type="button"
                      className="usa-button usa-button--outline usa-button--small"
                      disabled={i === 0}
                      aria-label={s('workflow.moveUp', { name: t.title })}
                      onClick={() => setDoc(moveTransition(doc, i, -1))}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className="usa-button usa-button--outline usa-button--small"
                      disabled={i === workflow.transitions.length - 1}
                      aria-label={s('workflow.moveDown', { name: t.title })}
                      onClick={() => setDoc(moveTransition(doc, i, 1))}
                    >
                      ↓
                    </button>
                  </span>
                </td>
              </tr>,
            ];
            if (open === i)
              rows.push(
                <tr key={`${t.event}-${i}-editor`} className="mandate-row-editor">
                  <td colSpan={6} id={`transition-editor-${i}`}>
                    <TransitionEditor
                      index={i}
                      transition={t}
                      states={states.map(([id, st]) => ({ id, title: st.title }))}
                      events={workflow.transitions.map((x) => ({ event: x.event, title: x.title }))}
                      diagnostics={diagnostics}
                      onChange={(change) => setDoc(updateTransition(doc, i, change))}
                      onRename={(event) => run(() => renameEvent(doc, i, event))}
                      onRemove={() => {
                        setOpen(null);
                        setDoc(removeTransition(doc, i));
                      }}
                      showJson={showJson}
                    />
                  </td>
                </tr>,
              );
            return rows;
          })}
        </tbody>
      </table>
      <NewTransition
        states={states.map(([id, st]) => ({ id, title: st.title }))}
        onAdd={(title, from, to) => {
          const added = addTransition(doc, title, from, to);
          setDoc(added.doc);
          setOpen(added.index);
        }}
      />

      <h2>{s('workflow.deadlines.heading')}</h2>
      <p className="usa-hint">{s('workflow.deadlines.intro')}</p>
      {(workflow.deadlines ?? []).length === 0 && <p>{s('workflow.deadlines.none')}</p>}
      {(workflow.deadlines ?? []).map((d, i) => (
        <DeadlineEditor
          key={`${d.id}-${i}`}
          index={i}
          deadline={d}
          states={states.map(([id, st]) => ({ id, title: st.title }))}
          params={params}
          diagnostics={diagnostics}
          onChange={(change) => setDoc(updateDeadline(doc, i, change))}
          onRemove={() => setDoc(removeDeadline(doc, i))}
        />
      ))}
      {states.length > 0 && (
        <button
          type="button"
          className="usa-button usa-button--outline"
          onClick={() => setDoc(addDeadline(doc, s('workflow.deadlines.newTitle'), workflow.initial, 30).doc)}
        >
          {s('workflow.deadlines.add')}
        </button>
      )}
    </div>
  );
}

function guardSummary(t: Transition, s: StudioText, workflow: { transitions: Transition[] }): string {
  if (!t.guard) return s('workflow.guard.always');
  const clauses = guardClauses(t.guard.conditions);
  if (!clauses) return s('workflow.guard.custom');
  return clauses.map((c) => clauseText(c, s, workflow)).join(s('workflow.guard.and'));
}

function clauseText(c: GuardClause, s: StudioText, workflow: { transitions: Transition[] }): string {
  if (c.kind === 'result') return s('workflow.guard.resultIs', { result: s(`workflow.result.${c.eligibility}` as never) });
  const title = workflow.transitions.find((t) => t.event === c.event)?.title ?? c.event;
  return s('workflow.guard.notSamePerson', { step: title });
}

function actionSummary(a: WorkflowAction, s: StudioText): string {
  return ACTION_TYPES.includes(a.type) ? s(`workflow.action.${a.type}` as never) : s('workflow.action.unknown', { type: a.type });
}

/** The id of a state or transition, shown as code, with a small form to change it. */
function IdEditor({ id, label, onRename }: { id: string; label: string; onRename: (next: string) => boolean }) {
  const s = useText();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(id);
  if (!editing)
    return (
      <span>
        <code>{id}</code>{' '}
        <button
          type="button"
          className="usa-button usa-button--unstyled"
          aria-label={s('workflow.id.changeOf', { label })}
          onClick={() => {
            setValue(id);
            setEditing(true);
          }}
        >
          {s('workflow.id.change')}
        </button>
      </span>
    );
  return (
    <form
      className="mandate-id-editor"
      onSubmit={(e) => {
        e.preventDefault();
        if (onRename(value.trim())) setEditing(false);
      }}
    >
      <label className="usa-label margin-top-0" htmlFor={`id-${id}`}>
        {label}
      </label>
      <span className="usa-hint">{s('workflow.id.hint')}</span>
      <input id={`id-${id}`} className="usa-input" value={value} onChange={(e) => setValue(e.target.value)} spellCheck={false} />
      <button type="submit" className="usa-button usa-button--small margin-top-1">
        {s('workflow.id.apply')}
      </button>
      <button type="button" className="usa-button usa-button--unstyled margin-top-1" onClick={() => setEditing(false)}>
        {s('workflow.cancel')}
      </button>
    </form>
  );
}

function AddByTitle({ label, button, onAdd, idPrefix }: { label: string; button: string; onAdd: (title: string) => boolean; idPrefix: string }) {
  const [title, setTitle] = useState('');
  return (
    <form
      className="mandate-add-row"
      onSubmit={(e) => {
        e.preventDefault();
        if (title.trim() && onAdd(title.trim())) setTitle('');
      }}
    >
      <label className="usa-label" htmlFor={`${idPrefix}-title`}>
        {label}
      </label>
      <input id={`${idPrefix}-title`} className="usa-input" value={title} onChange={(e) => setTitle(e.target.value)} />
      <button type="submit" className="usa-button usa-button--outline" disabled={!title.trim()}>
        {button}
      </button>
    </form>
  );
}

function NewTransition({ states, onAdd }: { states: { id: string; title: string }[]; onAdd: (title: string, from: string, to: string) => void }) {
  const s = useText();
  const [title, setTitle] = useState('');
  const [from, setFrom] = useState(states[0]?.id ?? '');
  const [to, setTo] = useState(states[1]?.id ?? states[0]?.id ?? '');
  if (states.length === 0) return null;
  const valid = (id: string) => states.some((st) => st.id === id);
  const fromId = valid(from) ? from : states[0].id;
  const toId = valid(to) ? to : states[0].id;
  return (
    <form
      className="mandate-add-transition"
      onSubmit={(e) => {
        e.preventDefault();
        if (!title.trim()) return;
        onAdd(title.trim(), fromId, toId);
        setTitle('');
      }}
    >
      <fieldset className="usa-fieldset">
        <legend className="usa-legend usa-legend--large">{s('workflow.transitions.add')}</legend>
        <label className="usa-label" htmlFor="new-transition-title">
          {s('workflow.transitions.titleLabel')}
        </label>
        <span className="usa-hint" id="new-transition-title-hint">
          {s('workflow.transitions.titleHint')}
        </span>
        <input
          id="new-transition-title"
          className="usa-input"
          aria-describedby="new-transition-title-hint"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
        <label className="usa-label" htmlFor="new-transition-from">
          {s('workflow.transitions.fromLabel')}
        </label>
        <select id="new-transition-from" className="usa-select" value={fromId} onChange={(e) => setFrom(e.target.value)}>
          {states.map((st) => (
            <option key={st.id} value={st.id}>
              {st.title}
            </option>
          ))}
        </select>
        <label className="usa-label" htmlFor="new-transition-to">
          {s('workflow.transitions.toLabel')}
        </label>
        <select id="new-transition-to" className="usa-select" value={toId} onChange={(e) => setTo(e.target.value)}>
          {states.map((st) => (
            <option key={st.id} value={st.id}>
              {st.title}
            </option>
          ))}
        </select>
        <button type="submit" className="usa-button usa-button--outline margin-top-2" disabled={!title.trim()}>
          {s('workflow.transitions.addButton')}
        </button>
      </fieldset>
    </form>
  );
}

function CheckboxGroup<T extends string>({
  legend,
  options,
  selected,
  onChange,
  idPrefix,
  pointer,
  diagnostics,
}: {
  legend: string;
  options: { value: T; label: string }[];
  selected: readonly T[];
  onChange: (next: T[]) => void;
  idPrefix: string;
  pointer: string;
  diagnostics: BuilderProps['diagnostics'];
}) {
  return (
    <fieldset className="usa-fieldset margin-top-2" data-pointer={pointer} tabIndex={-1}>
      <legend className="usa-legend">{legend}</legend>
      <div className="mandate-checkbox-row">
        {options.map((o) => (
          <div className="usa-checkbox" key={o.value}>
            <input
              className="usa-checkbox__input"
              type="checkbox"
              id={`${idPrefix}-${o.value}`}
              checked={selected.includes(o.value)}
              onChange={(e) => onChange(e.target.checked ? [...selected, o.value] : selected.filter((v) => v !== o.value))}
            />
            <label className="usa-checkbox__label" htmlFor={`${idPrefix}-${o.value}`}>
              {o.label}
            </label>
          </div>
        ))}
      </div>
      <FieldProblems diagnostics={diagnostics} pointer={pointer} within />
    </fieldset>
  );
}

function TransitionEditor({
  index,
  transition: t,
  states,
  events,
  diagnostics,
  onChange,
  onRename,
  onRemove,
  showJson,
}: {
  index: number;
  transition: Transition;
  states: { id: string; title: string }[];
  events: { event: string; title: string }[];
  diagnostics: BuilderProps['diagnostics'];
  onChange: (change: Partial<Transition>) => void;
  onRename: (event: string) => boolean;
  onRemove: () => void;
  showJson: (pointer: string) => void;
}) {
  const s = useText();
  const base = `/workflow/transitions/${index}`;
  const id = `transition-${index}`;
  const clauses = guardClauses(t.guard?.conditions);
  const setClauses = (next: GuardClause[]) => onChange({ guard: guardOf(next, t.guard?.message || s('workflow.guard.defaultMessage')) });
  const actions = t.actions ?? [];
  const setActions = (next: WorkflowAction[]) => onChange({ actions: next });
  return (
    <div className="mandate-transition-editor">
      <label className="usa-label margin-top-0" htmlFor={`${id}-title`}>
        {s('workflow.transitions.titleLabel')}
      </label>
      <input
        id={`${id}-title`}
        className="usa-input"
        value={t.title}
        data-pointer={`${base}/title`}
        onChange={(e) => onChange({ title: e.target.value })}
      />
      <FieldProblems diagnostics={diagnostics} pointer={`${base}/title`} />
      <p className="margin-bottom-0">
        {s('workflow.transitions.event')} <IdEditor id={t.event} label={s('workflow.transitions.eventOf', { title: t.title })} onRename={onRename} />
      </p>
      <FieldProblems diagnostics={diagnostics} pointer={`${base}/event`} />
      <CheckboxGroup
        legend={s('workflow.transitions.fromLabel')}
        options={states.map((st) => ({ value: st.id, label: st.title }))}
        selected={t.from}
        onChange={(from) => onChange({ from })}
        idPrefix={`${id}-from`}
        pointer={`${base}/from`}
        diagnostics={diagnostics}
      />
      <label className="usa-label" htmlFor={`${id}-to`}>
        {s('workflow.transitions.toLabel')}
      </label>
      <select id={`${id}-to`} className="usa-select" value={t.to} data-pointer={`${base}/to`} onChange={(e) => onChange({ to: e.target.value })}>
        {!states.some((st) => st.id === t.to) && <option value={t.to}>{t.to}</option>}
        {states.map((st) => (
          <option key={st.id} value={st.id}>
            {st.title}
          </option>
        ))}
      </select>
      <FieldProblems diagnostics={diagnostics} pointer={`${base}/to`} />
      <CheckboxGroup<Role>
        legend={s('workflow.transitions.rolesLabel')}
        options={STAFF_ROLES.map((r) => ({ value: r, label: s(`role.${r}` as never) }))}
        selected={t.roles}
        onChange={(roles) => onChange({ roles })}
        idPrefix={`${id}-roles`}
        pointer={`${base}/roles`}
        diagnostics={diagnostics}
      />

      <fieldset className="usa-fieldset margin-top-2" data-pointer={`${base}/guard`} tabIndex={-1}>
        <legend className="usa-legend">{s('workflow.guard.legend')}</legend>
        {clauses === null ? (
          <p>
            {s('workflow.guard.customText')}{' '}
            <button type="button" className="usa-button usa-button--unstyled" onClick={() => showJson(`${base}/guard`)}>
              {s('workflow.guard.editJson')}
            </button>
          </p>
        ) : (
          <>
            {clauses.length === 0 && <p className="margin-y-1">{s('workflow.guard.always')}</p>}
            {clauses.map((c, ci) => (
              <div className="mandate-clause" key={`${c.kind}-${ci}`}>
                {c.kind === 'result' ? (
                  <>
                    <label className="usa-label margin-top-0" htmlFor={`${id}-clause-${ci}`}>
                      {s('workflow.guard.resultLabel')}
                    </label>
                    <select
                      id={`${id}-clause-${ci}`}
                      className="usa-select"
                      value={c.eligibility}
                      onChange={(e) =>
                        setClauses(clauses.map((x, j) => (j === ci ? { kind: 'result', eligibility: e.target.value as typeof c.eligibility } : x)))
                      }
                    >
                      {(['eligible', 'ineligible', 'needs-more-information'] as const).map((r) => (
                        <option key={r} value={r}>
                          {s(`workflow.result.${r}` as never)}
                        </option>
                      ))}
                    </select>
                  </>
                ) : (
                  <>
                    <label className="usa-label margin-top-0" htmlFor={`${id}-clause-${ci}`}>
                      {s('workflow.guard.notSameLabel')}
                    </label>
                    <select
                      id={`${id}-clause-${ci}`}
                      className="usa-select"
                      value={c.event}
                      onChange={(e) => setClauses(clauses.map((x, j) => (j === ci ? { kind: 'not-same-person', event: e.target.value } : x)))}
                    >
                      {!events.some((ev) => ev.event === c.event) && <option value={c.event}>{c.event}</option>}
                      {events.map((ev) => (
                        <option key={ev.event} value={ev.event}>
                          {ev.title}
                        </option>
                      ))}
                    </select>
                  </>
                )}
                <button
                  type="button"
                  className="usa-button usa-button--unstyled margin-top-1"
                  onClick={() => setClauses(clauses.filter((_, j) => j !== ci))}
                >
                  {s('workflow.guard.removeClause')}
                </button>
              </div>
            ))}
            <div className="margin-top-1">
              <button
                type="button"
                className="usa-button usa-button--outline usa-button--small"
                onClick={() => setClauses([...clauses, { kind: 'result', eligibility: 'eligible' }])}
              >
                {s('workflow.guard.addResult')}
              </button>
              <button
                type="button"
                className="usa-button usa-button--outline usa-button--small"
                disabled={events.length < 2}
                onClick={() =>
                  setClauses([...clauses, { kind: 'not-same-person', event: events.find((ev) => ev.event !== t.event)?.event ?? t.event }])
                }
              >
                {s('workflow.guard.addNotSame')}
              </button>
            </div>
          </>
        )}
        {t.guard && (
          <>
            <label className="usa-label" htmlFor={`${id}-guard-message`}>
              {s('workflow.guard.message')}
            </label>
            <span className="usa-hint" id={`${id}-guard-message-hint`}>
              {s('workflow.guard.messageHint')}
            </span>
            <textarea
              id={`${id}-guard-message`}
              className="usa-textarea mandate-textarea--short"
              aria-describedby={`${id}-guard-message-hint`}
              value={t.guard.message}
              data-pointer={`${base}/guard/message`}
              onChange={(e) => onChange({ guard: { ...t.guard, conditions: t.guard?.conditions ?? { all: [] }, message: e.target.value } })}
            />
          </>
        )}
        <FieldProblems diagnostics={diagnostics} pointer={`${base}/guard`} within />
      </fieldset>

      <fieldset className="usa-fieldset margin-top-2" data-pointer={`${base}/actions`} tabIndex={-1}>
        <legend className="usa-legend">{s('workflow.actions.legend')}</legend>
        {actions.length === 0 && <p className="margin-y-1">{s('workflow.none')}</p>}
        {actions.map((a, ai) => (
          <ActionEditor
            key={`${a.type}-${ai}`}
            id={`${id}-action-${ai}`}
            pointer={`${base}/actions/${ai}`}
            action={a}
            diagnostics={diagnostics}
            onChange={(next) => setActions(actions.map((x, j) => (j === ai ? next : x)))}
            onRemove={() => setActions(actions.filter((_, j) => j !== ai))}
            showJson={showJson}
          />
        ))}
        <label className="usa-label" htmlFor={`${id}-new-action`}>
          {s('workflow.actions.add')}
        </label>
        <select
          id={`${id}-new-action`}
          className="usa-select"
          value=""
          onChange={(e) => {
            if (e.target.value) setActions([...actions, newAction(e.target.value)]);
          }}
        >
          <option value="">{s('workflow.actions.choose')}</option>
          {ACTION_TYPES.map((type) => (
            <option key={type} value={type}>
              {s(`workflow.action.${type}` as never)}
            </option>
          ))}
        </select>
      </fieldset>
      <button type="button" className="usa-button usa-button--secondary margin-top-3" onClick={onRemove}>
        {s('workflow.transitions.remove', { title: t.title })}
      </button>
    </div>
  );
}

const RECIPIENTS = ['applicant', 'assignee', 'role:caseworker', 'role:supervisor', 'role:administrator'] as const;
const ASSIGNEES = ['actor', 'none', 'role:caseworker', 'role:supervisor'] as const;

function ActionEditor({
  id,
  pointer,
  action,
  diagnostics,
  onChange,
  onRemove,
  showJson,
}: {
  id: string;
  pointer: string;
  action: WorkflowAction;
  diagnostics: BuilderProps['diagnostics'];
  onChange: (next: WorkflowAction) => void;
  onRemove: () => void;
  showJson: (pointer: string) => void;
}) {
  const s = useText();
  const a = action as WorkflowAction & { to?: string; template?: string; documents?: string[] };
  const who = (value: string) =>
    value.startsWith('role:')
      ? s('workflow.recipient.role', { role: s(`role.${value.slice(5)}` as never) })
      : s(`workflow.recipient.${value}` as never);
  return (
    <div className="mandate-action" data-pointer={pointer} tabIndex={-1}>
      <p className="text-bold margin-y-1">
        {ACTION_TYPES.includes(a.type) ? s(`workflow.action.${a.type}` as never) : s('workflow.action.unknown', { type: a.type })}
      </p>
      {a.type === 'notify' && (
        <>
          <label className="usa-label margin-top-0" htmlFor={`${id}-to`}>
            {s('workflow.actions.notifyTo')}
          </label>
          <select id={`${id}-to`} className="usa-select" value={a.to ?? 'applicant'} onChange={(e) => onChange({ ...a, to: e.target.value })}>
            {!RECIPIENTS.includes(a.to as never) && a.to && <option value={a.to}>{a.to}</option>}
            {RECIPIENTS.map((r) => (
              <option key={r} value={r}>
                {who(r)}
              </option>
            ))}
          </select>
          <label className="usa-label" htmlFor={`${id}-template`}>
            {s('workflow.actions.message')}
          </label>
          <textarea
            id={`${id}-template`}
            className="usa-textarea mandate-textarea--short"
            value={a.template ?? ''}
            data-pointer={`${pointer}/template`}
            onChange={(e) => onChange({ ...a, template: e.target.value })}
          />
        </>
      )}
      {a.type === 'assign' && (
        <>
          <label className="usa-label margin-top-0" htmlFor={`${id}-to`}>
            {s('workflow.actions.assignTo')}
          </label>
          <select id={`${id}-to`} className="usa-select" value={a.to ?? 'actor'} onChange={(e) => onChange({ ...a, to: e.target.value })}>
            {!ASSIGNEES.includes(a.to as never) && a.to && <option value={a.to}>{a.to}</option>}
            {ASSIGNEES.map((r) => (
              <option key={r} value={r}>
                {r.startsWith('role:')
                  ? s('workflow.assignee.role', { role: s(`role.${r.slice(5)}` as never) })
                  : s(`workflow.assignee.${r}` as never)}
              </option>
            ))}
          </select>
        </>
      )}
      {a.type === 'request-documents' && (
        <>
          <label className="usa-label margin-top-0" htmlFor={`${id}-documents`}>
            {s('workflow.actions.documents')}
          </label>
          <span className="usa-hint" id={`${id}-documents-hint`}>
            {s('workflow.actions.documentsHint')}
          </span>
          <textarea
            id={`${id}-documents`}
            className="usa-textarea mandate-textarea--short"
            aria-describedby={`${id}-documents-hint`}
            value={(a.documents ?? []).join('\n')}
            data-pointer={`${pointer}/documents`}
            onChange={(e) => onChange({ ...a, documents: e.target.value.split('\n') })}
          />
        </>
      )}
      {!ACTION_TYPES.includes(a.type) && (
        <button type="button" className="usa-button usa-button--unstyled" onClick={() => showJson(pointer)}>
          {s('workflow.guard.editJson')}
        </button>
      )}
      <FieldProblems diagnostics={diagnostics} pointer={pointer} within />
      <button type="button" className="usa-button usa-button--unstyled margin-top-1" onClick={onRemove}>
        {s('workflow.actions.remove')}
      </button>
    </div>
  );
}

function DeadlineEditor({
  index,
  deadline: d,
  states,
  params,
  diagnostics,
  onChange,
  onRemove,
}: {
  index: number;
  deadline: Deadline;
  states: { id: string; title: string }[];
  params: { name: string; title: string }[];
  diagnostics: BuilderProps['diagnostics'];
  onChange: (change: Partial<Deadline>) => void;
  onRemove: () => void;
}) {
  const s = useText();
  const base = `/workflow/deadlines/${index}`;
  const id = `deadline-${index}`;
  const byParam = typeof d.days === 'object' && d.days !== null;
  const paramName = byParam ? (d.days as { param: string }).param : '';
  return (
    <fieldset className="usa-fieldset mandate-deadline" data-pointer={base} tabIndex={-1}>
      <legend className="usa-legend usa-legend--large">{d.title}</legend>
      <label className="usa-label margin-top-0" htmlFor={`${id}-title`}>
        {s('workflow.deadlines.title')}
      </label>
      <input
        id={`${id}-title`}
        className="usa-input"
        value={d.title}
        data-pointer={`${base}/title`}
        onChange={(e) => onChange({ title: e.target.value })}
      />
      <label className="usa-label" htmlFor={`${id}-from`}>
        {s('workflow.deadlines.from')}
      </label>
      <select
        id={`${id}-from`}
        className="usa-select"
        value={d.from}
        data-pointer={`${base}/from`}
        onChange={(e) => onChange({ from: e.target.value })}
      >
        {!states.some((st) => st.id === d.from) && <option value={d.from}>{d.from}</option>}
        {states.map((st) => (
          <option key={st.id} value={st.id}>
            {st.title}
          </option>
        ))}
      </select>
      <fieldset className="usa-fieldset margin-top-2">
        <legend className="usa-legend">{s('workflow.deadlines.days')}</legend>
        <div className="usa-radio">
          <input
            className="usa-radio__input"
            type="radio"
            id={`${id}-fixed`}
            name={`${id}-days-kind`}
            checked={!byParam}
            onChange={() => onChange({ days: 30 })}
          />
          <label className="usa-radio__label" htmlFor={`${id}-fixed`}>
            {s('workflow.deadlines.fixed')}
          </label>
        </div>
        <div className="usa-radio">
          <input
            className="usa-radio__input"
            type="radio"
            id={`${id}-param`}
            name={`${id}-days-kind`}
            checked={byParam}
            disabled={params.length === 0}
            onChange={() => params[0] && onChange({ days: { param: params[0].name } })}
          />
          <label className="usa-radio__label" htmlFor={`${id}-param`}>
            {s('workflow.deadlines.byParam')}
          </label>
        </div>
        {byParam ? (
          <>
            <label className="usa-label" htmlFor={`${id}-days-param`}>
              {s('workflow.deadlines.param')}
            </label>
            <select
              id={`${id}-days-param`}
              className="usa-select"
              value={paramName}
              data-pointer={`${base}/days`}
              onChange={(e) => onChange({ days: { param: e.target.value } })}
            >
              {!params.some((p) => p.name === paramName) && <option value={paramName}>{paramName}</option>}
              {params.map((p) => (
                <option key={p.name} value={p.name}>
                  {p.title}
                </option>
              ))}
            </select>
          </>
        ) : (
          <>
            <label className="usa-label" htmlFor={`${id}-days`}>
              {s('workflow.deadlines.daysNumber')}
            </label>
            <input
              id={`${id}-days`}
              className="usa-input usa-input--xs"
              type="number"
              inputMode="numeric"
              min={0}
              step={1}
              value={String(d.days)}
              data-pointer={`${base}/days`}
              onChange={(e) => {
                const n = Number(e.target.value);
                if (e.target.value !== '' && Number.isInteger(n) && n >= 0) onChange({ days: n });
              }}
            />
          </>
        )}
      </fieldset>
      <CheckboxGroup
        legend={s('workflow.deadlines.until')}
        options={states.map((st) => ({ value: st.id, label: st.title }))}
        selected={d.until}
        onChange={(until) => onChange({ until })}
        idPrefix={`${id}-until`}
        pointer={`${base}/until`}
        diagnostics={diagnostics}
      />
      {['', '/id', '/title', '/from', '/days'].map((p) => (
        <FieldProblems key={p} diagnostics={diagnostics} pointer={`${base}${p}`} />
      ))}
      <button type="button" className="usa-button usa-button--unstyled margin-top-2" onClick={onRemove}>
        {s('workflow.deadlines.remove', { title: d.title })}
      </button>
    </fieldset>
  );
}
