/**
 * The condition builder: a condition tree edited as nested groups ("all of", "any of", "none of") of tests, each
 * test a fact picked by its title, an operator in words and what it is compared with (a value typed by the fact's
 * kind, another fact, or a parameter); references to shared conditions show by name with a link. Reorder by drag or
 * keyboard. Which facts are offered is the caller's (`facts`): rules offer questions, derived values and parameters;
 * page conditions only questions. The builder writes each change through `onChange`; it keeps no copy of the tree.
 */
import { useId, useState } from 'react';
import type { ConditionValue, LeafCondition } from '../../../../engine/index.ts';
import { useText } from '../../text.ts';
import { FieldProblems, problemsAt, problemsId } from '../FieldProblems.tsx';
import type { ConditionBuilderProps, Ctx } from './context.ts';
import { defaultOperator, defaultValue } from './facts.ts';
import { Leaf } from './Leaf.tsx';
import { ItemControls, Sortable, useItemIds } from './Sortable.tsx';
import {
  addChild,
  asRootGroup,
  childrenOf,
  isGroup,
  kindOf,
  moveChild,
  nodeAt,
  pointerOf,
  removeAt,
  setGroupKind,
  type GroupKind,
  type TreePath,
} from './tree.ts';

export type { ConditionBuilderProps } from './context.ts';

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
