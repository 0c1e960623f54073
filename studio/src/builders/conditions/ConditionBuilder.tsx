/**
 * The condition builder: a condition tree edited as nested groups ("all of", "any of", "none of") of tests, each
 * test a fact picked by its title, an operator in words and what it is compared with (a value typed by the fact's
 * kind, another fact, or a parameter); references to shared conditions show by name with a link. Reorder by drag or
 * keyboard. Which facts are offered is the caller's (`facts`): rules offer questions, derived values and parameters;
 * page conditions only questions. The builder writes each change through `onChange`; it keeps no copy of the tree.
 */
import { useId, useState } from 'react';
import type { ConditionTree, ConditionValue, Diagnostic, LeafCondition, MemberCondition } from '../../../../engine/index.ts';
import { operatorWords } from '../../draft/explain.ts';
import { useText, type StudioText } from '../../text.ts';
import { FieldProblems, problemsAt, problemsId } from '../FieldProblems.tsx';
import {
  defaultOperator,
  defaultValue,
  memberOperatorsFor,
  operatorsFor,
  parseLiteral,
  valueShape,
  type ChoiceOption,
  type Fact,
  type FactKind,
  type ParamChoice,
} from './facts.ts';
import { ItemControls, Sortable, useItemIds } from './Sortable.tsx';
import {
  addChild,
  asRootGroup,
  childrenOf,
  isGroup,
  kindOf,
  memberTestOf,
  moveChild,
  nodeAt,
  pointerOf,
  removeAt,
  setGroupKind,
  updateAt,
  valueSourceOf,
  type GroupKind,
  type TreePath,
} from './tree.ts';

/** Props of the condition builder. */
export interface ConditionBuilderProps {
  /** The tree as the definition holds it (absent: an empty "all of" group). */
  value: ConditionTree | undefined;
  onChange: (next: ConditionTree) => void;
  /** The JSON Pointer of the tree in the definition, e.g. `/rules/0/conditions`. */
  pointer: string;
  facts: Fact[];
  /** Parameters a value may name. */
  params: ParamChoice[];
  /** Names of the shared conditions (`conditions`), and where each one is shown. */
  shared: string[];
  sharedHref?: (name: string) => string;
  diagnostics: Diagnostic[];
  /** The accessible name of the whole tree, e.g. "Conditions of Household income". */
  label: string;
}

interface Ctx extends Omit<ConditionBuilderProps, 'value' | 'onChange'> {
  tree: ConditionTree;
  set: (next: ConditionTree) => void;
  s: StudioText;
  uid: string;
}

/** The builder. */
export function ConditionBuilder(props: ConditionBuilderProps) {
  const s = useText();
  const uid = useId();
  const tree = asRootGroup(props.value);
  const ctx: Ctx = { ...props, tree, set: props.onChange, s, uid };
  return (
    <div className="mandate-conditions">
      <Group ctx={ctx} path={[]} />
    </div>
  );
}

const GROUP_KINDS: GroupKind[] = ['all', 'any', 'none'];

function Group({ ctx, path }: { ctx: Ctx; path: TreePath }) {
  const { s, tree, set } = ctx;
  const node = nodeAt(tree, path) ?? tree;
  const children = childrenOf(node);
  const items = useItemIds(children.length);
  const pointer = pointerOf(tree, ctx.pointer, path);
  const id = `${ctx.uid}-g${path.join('-')}`;
  const kind = kindOf(node) as GroupKind;
  const [sharedPick, setSharedPick] = useState('');
  const nameOf = (i: number) => s('cond.itemName', { n: i + 1 });
  const move = (from: number, to: number) => {
    items.moved(from, to);
    set(moveChild(tree, path, from, to));
  };
  const firstFact = ctx.facts[0];
  const addLeaf = () => {
    const fact = firstFact?.name ?? '';
    const operator = defaultOperator(firstFact?.kind ?? 'any');
    set(addChild(tree, path, { fact, operator, value: defaultValue(firstFact?.kind ?? 'any', operator, firstFact?.options) as ConditionValue }));
  };
  return (
    <fieldset className={path.length ? 'usa-fieldset mandate-cond-group mandate-cond-group--nested' : 'usa-fieldset mandate-cond-group'}>
      <legend className="usa-sr-only">{path.length ? s('cond.groupName', { path: path.map((i) => i + 1).join('.') }) : ctx.label}</legend>
      <div className="mandate-cond-group__head">
        <label className="usa-label margin-0" htmlFor={`${id}-kind`}>
          {s('cond.match')}
        </label>
        <select
          className="usa-select mandate-cond-group__kind"
          id={`${id}-kind`}
          data-pointer={pointer}
          tabIndex={0}
          value={kind}
          aria-describedby={problemsAt(ctx.diagnostics, pointer).length ? problemsId(pointer) : undefined}
          onChange={(e) => set(setGroupKind(tree, path, e.target.value as GroupKind))}
        >
          {GROUP_KINDS.map((k) => (
            <option key={k} value={k}>
              {s(`cond.kind.${k}` as never)}
            </option>
          ))}
        </select>
      </div>
      <FieldProblems diagnostics={ctx.diagnostics} pointer={pointer} />
      {children.length === 0 ? (
        <p className="mandate-cond-empty">{s(kind === 'any' ? 'cond.emptyAny' : 'cond.empty')}</p>
      ) : (
        <Sortable ids={items.ids} names={children.map((_, i) => nameOf(i))} onMove={move}>
          {(index, handle) => {
            const childPath = [...path, index];
            const child = children[index];
            return (
              <div className="mandate-cond-item">
                <ItemControls
                  handle={handle}
                  index={index}
                  count={children.length}
                  name={nameOf(index)}
                  onMove={move}
                  onRemove={() => {
                    items.removed(index);
                    set(removeAt(tree, childPath));
                  }}
                />
                <div className="mandate-cond-item__body">
                  {isGroup(child) ? (
                    <Group ctx={ctx} path={childPath} />
                  ) : 'condition' in child ? (
                    <SharedRef ctx={ctx} path={childPath} name={child.condition} />
                  ) : (
                    <Leaf ctx={ctx} path={childPath} leaf={child as LeafCondition} />
                  )}
                </div>
              </div>
            );
          }}
        </Sortable>
      )}
      <div className="mandate-cond-add">
        <button type="button" className="usa-button usa-button--outline usa-button--small" onClick={addLeaf}>
          {s('cond.addCondition')}
        </button>
        <button type="button" className="usa-button usa-button--outline usa-button--small" onClick={() => set(addChild(tree, path, { any: [] }))}>
          {s('cond.addGroup')}
        </button>
        {ctx.shared.length > 0 && (
          <span className="mandate-cond-add__shared">
            <label className="usa-sr-only" htmlFor={`${id}-shared`}>
              {s('cond.addShared')}
            </label>
            <select
              className="usa-select"
              id={`${id}-shared`}
              value={sharedPick}
              onChange={(e) => {
                setSharedPick('');
                if (e.target.value) set(addChild(tree, path, { condition: e.target.value }));
              }}
            >
              <option value="">{s('cond.addShared')}</option>
              {ctx.shared.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </span>
        )}
      </div>
    </fieldset>
  );
}

function SharedRef({ ctx, path, name }: { ctx: Ctx; path: TreePath; name: string }) {
  const { s } = ctx;
  const pointer = pointerOf(ctx.tree, ctx.pointer, path);
  const known = ctx.shared.includes(name);
  return (
    <div className="mandate-cond-ref" data-pointer={pointer} tabIndex={-1}>
      <span>{s('cond.sharedRef')}</span>{' '}
      {known && ctx.sharedHref ? (
        <a
          className="usa-link text-bold"
          href={ctx.sharedHref(name)}
          onClick={(e) => {
            // The shared condition's editor is on this page: move there and give it the focus.
            const target = document.getElementById(ctx.sharedHref?.(name).replace(/^#/, '') ?? '');
            if (!target) return;
            e.preventDefault();
            target.scrollIntoView({ block: 'start' });
            target.focus();
          }}
        >
          {name}
        </a>
      ) : (
        <strong>{name}</strong>
      )}
      <FieldProblems diagnostics={ctx.diagnostics} pointer={pointer} within />
    </div>
  );
}

function factLabel(f: Fact, s: StudioText): string {
  return `${f.title} (${s(`cond.source.${f.source}` as never)})`;
}

/** The fact picker: type words of a title, pick from the matching questions, derived values and parameters. */
function FactPicker({
  id,
  facts,
  value,
  onPick,
  pointer,
  describedBy,
  label,
}: {
  id: string;
  facts: Fact[];
  value: string;
  onPick: (fact: Fact) => void;
  pointer: string;
  describedBy?: string;
  label: string;
}) {
  const current = facts.find((f) => f.name === value);
  const [typed, setTyped] = useState<string | null>(null);
  const s = useText();
  const shown = typed ?? (current ? factLabel(current, s) : value);
  return (
    <>
      <label className="usa-label" htmlFor={id}>
        {label}
      </label>
      <input
        className="usa-input mandate-cond-fact"
        id={id}
        list={`${id}-list`}
        data-pointer={pointer}
        value={shown}
        autoComplete="off"
        aria-describedby={describedBy}
        onChange={(e) => {
          const text = e.target.value;
          const picked = facts.find((f) => factLabel(f, s) === text || f.title === text || f.name === text);
          if (picked) {
            setTyped(null);
            onPick(picked);
          } else setTyped(text);
        }}
        onBlur={() => setTyped(null)}
      />
      <datalist id={`${id}-list`}>
        {facts.map((f) => (
          <option key={f.name} value={factLabel(f, s)} />
        ))}
      </datalist>
    </>
  );
}

function Leaf({ ctx, path, leaf }: { ctx: Ctx; path: TreePath; leaf: LeafCondition }) {
  const { s, tree, set } = ctx;
  const pointer = pointerOf(tree, ctx.pointer, path);
  const id = `${ctx.uid}-l${path.join('-')}`;
  const fact = ctx.facts.find((f) => f.name === leaf.fact);
  const kind: FactKind = fact?.kind ?? 'any';
  const operators = operatorsFor(kind, leaf.operator);
  const shape = valueShape(leaf.operator);
  const write = (next: Partial<LeafCondition>) => set(updateAt(tree, path, (n) => ({ ...(n as LeafCondition), ...next })));
  const mine = problemsAt(ctx.diagnostics, pointer, true);
  const describedBy = mine.length ? problemsId(pointer) : undefined;
  return (
    <fieldset className="usa-fieldset mandate-cond-leaf" data-pointer={pointer} tabIndex={-1}>
      <legend className="usa-sr-only">{s('cond.leafName', { n: path[path.length - 1] + 1 })}</legend>
      <div className="mandate-cond-leaf__row">
        <div className="mandate-cond-leaf__cell mandate-cond-leaf__cell--fact">
          <FactPicker
            id={`${id}-fact`}
            facts={ctx.facts}
            value={leaf.fact}
            pointer={`${pointer}/fact`}
            describedBy={describedBy}
            label={s('cond.fact')}
            onPick={(f) => {
              const keep = operatorsFor(f.kind).includes(leaf.operator) && f.kind === kind;
              const operator = keep ? leaf.operator : defaultOperator(f.kind);
              write({ fact: f.name, operator, value: keep ? leaf.value : (defaultValue(f.kind, operator, f.options) as ConditionValue) });
            }}
          />
        </div>
        <div className="mandate-cond-leaf__cell">
          <label className="usa-label" htmlFor={`${id}-op`}>
            {s('cond.operator')}
          </label>
          <select
            className="usa-select"
            id={`${id}-op`}
            data-pointer={`${pointer}/operator`}
            value={leaf.operator}
            aria-describedby={describedBy}
            onChange={(e) => {
              const operator = e.target.value;
              const sameShape = valueShape(operator) === shape;
              write({
                operator,
                value: sameShape ? leaf.value : (defaultValue(kind, operator, fact?.options) as ConditionValue),
              });
            }}
          >
            {operators.map((op) => (
              <option key={op} value={op}>
                {operatorWords(op, s)}
              </option>
            ))}
          </select>
        </div>
        {shape !== 'none' && shape !== 'members' && (
          <CompareWith
            ctx={ctx}
            id={id}
            pointer={`${pointer}/value`}
            kind={kind}
            options={fact?.options}
            list={shape === 'list'}
            value={leaf.value}
            describedBy={describedBy}
            onValue={(value) => write({ value })}
            allowFact={shape === 'single'}
          />
        )}
      </div>
      {shape === 'members' && (
        <MemberTest
          ctx={ctx}
          id={id}
          pointer={`${pointer}/value`}
          members={fact?.members ?? []}
          test={memberTestOf(leaf, fact?.members?.[0]?.name ?? '')}
          describedBy={describedBy}
          onTest={(value) => write({ value })}
        />
      )}
      {leaf.path && <p className="margin-y-05 font-mono-2xs">{s('cond.path', { path: leaf.path })}</p>}
      <FieldProblems diagnostics={ctx.diagnostics} pointer={pointer} within />
    </fieldset>
  );
}

function CompareWith({
  ctx,
  id,
  pointer,
  kind,
  options,
  list,
  value,
  onValue,
  describedBy,
  allowFact,
}: {
  ctx: Ctx;
  id: string;
  pointer: string;
  kind: FactKind;
  options?: ChoiceOption[];
  list: boolean;
  value: ConditionValue;
  onValue: (v: ConditionValue) => void;
  describedBy?: string;
  allowFact: boolean;
}) {
  const { s } = ctx;
  const source = valueSourceOf(value);
  const params = ctx.params.filter((p) => (list ? p.type === 'list' : p.type === 'scalar'));
  const sources = ['value', ...(allowFact ? ['fact'] : []), ...(params.length || source === 'param' ? ['param'] : [])];
  return (
    <>
      <div className="mandate-cond-leaf__cell">
        <label className="usa-label" htmlFor={`${id}-source`}>
          {s('cond.compareWith')}
        </label>
        <select
          className="usa-select"
          id={`${id}-source`}
          value={source}
          onChange={(e) => {
            const next = e.target.value;
            if (next === 'fact') onValue({ fact: ctx.facts.find((f) => !f.name.startsWith('param:'))?.name ?? '' });
            else if (next === 'param') onValue({ param: params[0]?.name ?? '' });
            else onValue((list ? [] : defaultValue(kind, 'equal', options)) as ConditionValue);
          }}
        >
          {sources.map((src) => (
            <option key={src} value={src}>
              {s(`cond.with.${src}` as never)}
            </option>
          ))}
        </select>
      </div>
      <div className="mandate-cond-leaf__cell mandate-cond-leaf__cell--value">
        {source === 'fact' ? (
          <FactPicker
            id={`${id}-other`}
            facts={ctx.facts.filter((f) => !f.name.startsWith('param:'))}
            value={(value as { fact: string }).fact}
            pointer={pointer}
            describedBy={describedBy}
            label={s('cond.otherFact')}
            onPick={(f) => onValue({ fact: f.name })}
          />
        ) : source === 'param' ? (
          <>
            <label className="usa-label" htmlFor={`${id}-param`}>
              {s('cond.parameter')}
            </label>
            <select
              className="usa-select"
              id={`${id}-param`}
              data-pointer={pointer}
              aria-describedby={describedBy}
              value={(value as { param: string }).param}
              onChange={(e) => onValue({ param: e.target.value })}
            >
              {!params.some((p) => p.name === (value as { param: string }).param) && (
                <option value={(value as { param: string }).param}>{(value as { param: string }).param}</option>
              )}
              {params.map((p) => (
                <option key={p.name} value={p.name}>
                  {p.title}
                </option>
              ))}
            </select>
          </>
        ) : list ? (
          <ListValue
            id={`${id}-value`}
            kind={kind}
            options={options}
            value={Array.isArray(value) ? value : []}
            onValue={onValue}
            pointer={pointer}
            describedBy={describedBy}
          />
        ) : (
          <LiteralValue
            id={`${id}-value`}
            kind={kind}
            options={options}
            value={value}
            onValue={onValue}
            pointer={pointer}
            describedBy={describedBy}
            label={s('cond.value')}
          />
        )}
      </div>
    </>
  );
}

/** One literal, with the input its kind calls for. */
export function LiteralValue({
  id,
  kind,
  options,
  value,
  onValue,
  pointer,
  describedBy,
  label,
}: {
  id: string;
  kind: FactKind;
  options?: ChoiceOption[];
  value: unknown;
  onValue: (v: ConditionValue) => void;
  pointer: string;
  describedBy?: string;
  label: string;
}) {
  const s = useText();
  const [typed, setTyped] = useState<string | null>(null);
  const common = { id, 'data-pointer': pointer, 'aria-describedby': describedBy };
  const labelEl = (
    <label className="usa-label" htmlFor={id}>
      {label}
    </label>
  );
  if (kind === 'boolean')
    return (
      <>
        {labelEl}
        <select className="usa-select" {...common} value={String(value === true)} onChange={(e) => onValue(e.target.value === 'true')}>
          <option value="true">{s('tester.yes')}</option>
          <option value="false">{s('tester.no')}</option>
        </select>
      </>
    );
  if (options && options.length > 0)
    return (
      <>
        {labelEl}
        <select className="usa-select" {...common} value={String(value)} onChange={(e) => onValue(parseLiteral(kind, e.target.value, options))}>
          {!options.some((o) => String(o.value) === String(value)) && <option value={String(value)}>{String(value)}</option>}
          {options.map((o) => (
            <option key={String(o.value)} value={String(o.value)}>
              {o.label}
            </option>
          ))}
        </select>
      </>
    );
  if (kind === 'date')
    return (
      <>
        {labelEl}
        <input
          className="usa-input"
          type="date"
          {...common}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onValue(e.target.value)}
        />
      </>
    );
  // Numbers keep what is being typed ("1." or "") while the definition holds the number it reads as.
  const written = value === null || value === undefined ? '' : String(value);
  const shown = typed !== null && parseLiteral(kind, typed) === value ? typed : written;
  const input = (
    <input
      className="usa-input"
      {...common}
      inputMode={kind === 'number' || kind === 'money' ? 'decimal' : undefined}
      value={shown}
      onChange={(e) => {
        setTyped(e.target.value);
        onValue(parseLiteral(kind, e.target.value, options));
      }}
      onBlur={() => setTyped(null)}
    />
  );
  return (
    <>
      {labelEl}
      {kind === 'money' ? (
        <div className="usa-input-group">
          <div className="usa-input-prefix" aria-hidden="true">
            $
          </div>
          {input}
        </div>
      ) : (
        input
      )}
    </>
  );
}

function ListValue({
  id,
  kind,
  options,
  value,
  onValue,
  pointer,
  describedBy,
}: {
  id: string;
  kind: FactKind;
  options?: ChoiceOption[];
  value: unknown[];
  onValue: (v: ConditionValue) => void;
  pointer: string;
  describedBy?: string;
}) {
  const s = useText();
  const [typed, setTyped] = useState<string | null>(null);
  if (options && options.length > 0)
    return (
      <fieldset className="usa-fieldset" data-pointer={pointer} tabIndex={-1} aria-describedby={describedBy}>
        <legend className="usa-legend usa-label">{s('cond.values')}</legend>
        {options.map((o, i) => (
          <div className="usa-checkbox" key={String(o.value)}>
            <input
              className="usa-checkbox__input"
              type="checkbox"
              id={`${id}-${i}`}
              checked={value.includes(o.value)}
              onChange={(e) => onValue((e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value)) as ConditionValue)}
            />
            <label className="usa-checkbox__label" htmlFor={`${id}-${i}`}>
              {o.label}
            </label>
          </div>
        ))}
      </fieldset>
    );
  const written = value.join(', ');
  return (
    <>
      <label className="usa-label" htmlFor={id}>
        {s('cond.values')}
      </label>
      <span className="usa-hint" id={`${id}-hint`}>
        {s('cond.valuesHint')}
      </span>
      <input
        className="usa-input"
        id={id}
        data-pointer={pointer}
        aria-describedby={[`${id}-hint`, describedBy].filter(Boolean).join(' ')}
        value={typed ?? written}
        onChange={(e) => {
          setTyped(e.target.value);
          const items = e.target.value
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean)
            .map((t) => parseLiteral(kind, t));
          onValue(items as ConditionValue);
        }}
        onBlur={() => setTyped(null)}
      />
    </>
  );
}

function MemberTest({
  ctx,
  id,
  pointer,
  members,
  test,
  onTest,
  describedBy,
}: {
  ctx: Ctx;
  id: string;
  pointer: string;
  members: Fact[];
  test: MemberCondition;
  onTest: (t: MemberCondition) => void;
  describedBy?: string;
}) {
  const { s } = ctx;
  const member = members.find((m) => m.name === test.field);
  const kind = member?.kind ?? 'any';
  const shape = valueShape(test.operator);
  const params = ctx.params.filter((p) => p.type === (shape === 'list' ? 'list' : 'scalar'));
  const byParam = test.value !== null && typeof test.value === 'object' && !Array.isArray(test.value);
  return (
    <div className="mandate-cond-leaf__row mandate-cond-member">
      <div className="mandate-cond-leaf__cell">
        <label className="usa-label" htmlFor={`${id}-mfield`}>
          {s('cond.memberField')}
        </label>
        <select
          className="usa-select"
          id={`${id}-mfield`}
          data-pointer={`${pointer}/field`}
          aria-describedby={describedBy}
          value={test.field}
          onChange={(e) => {
            const m = members.find((x) => x.name === e.target.value);
            const operator = defaultOperator(m?.kind ?? 'any');
            onTest({ field: e.target.value, operator, value: defaultValue(m?.kind ?? 'any', operator, m?.options) as MemberCondition['value'] });
          }}
        >
          {!member && <option value={test.field}>{test.field}</option>}
          {members.map((m) => (
            <option key={m.name} value={m.name}>
              {m.title}
            </option>
          ))}
        </select>
      </div>
      <div className="mandate-cond-leaf__cell">
        <label className="usa-label" htmlFor={`${id}-mop`}>
          {s('cond.operator')}
        </label>
        <select
          className="usa-select"
          id={`${id}-mop`}
          data-pointer={`${pointer}/operator`}
          value={test.operator}
          onChange={(e) => {
            const operator = e.target.value;
            onTest({
              ...test,
              operator,
              value: (valueShape(operator) === shape ? test.value : defaultValue(kind, operator, member?.options)) as MemberCondition['value'],
            });
          }}
        >
          {memberOperatorsFor(kind, test.operator).map((op) => (
            <option key={op} value={op}>
              {operatorWords(op, s)}
            </option>
          ))}
        </select>
      </div>
      {shape !== 'none' && (
        <div className="mandate-cond-leaf__cell mandate-cond-leaf__cell--value">
          {byParam || (params.length > 0 && shape === 'list') ? (
            <>
              <label className="usa-label" htmlFor={`${id}-mparam`}>
                {s('cond.parameter')}
              </label>
              <select
                className="usa-select"
                id={`${id}-mparam`}
                data-pointer={`${pointer}/value`}
                value={byParam ? (test.value as { param: string }).param : ''}
                onChange={(e) =>
                  onTest({
                    ...test,
                    value: e.target.value
                      ? { param: e.target.value }
                      : (defaultValue(kind, test.operator, member?.options) as MemberCondition['value']),
                  })
                }
              >
                <option value="">{s('cond.with.value')}</option>
                {params.map((p) => (
                  <option key={p.name} value={p.name}>
                    {p.title}
                  </option>
                ))}
              </select>
            </>
          ) : shape === 'list' ? (
            <ListValue
              id={`${id}-mvalue`}
              kind={kind}
              options={member?.options}
              value={Array.isArray(test.value) ? test.value : []}
              onValue={(v) => onTest({ ...test, value: v as MemberCondition['value'] })}
              pointer={`${pointer}/value`}
            />
          ) : (
            <LiteralValue
              id={`${id}-mvalue`}
              kind={kind}
              options={member?.options}
              value={test.value}
              onValue={(v) => onTest({ ...test, value: v as MemberCondition['value'] })}
              pointer={`${pointer}/value`}
              label={s('cond.value')}
            />
          )}
        </div>
      )}
    </div>
  );
}
