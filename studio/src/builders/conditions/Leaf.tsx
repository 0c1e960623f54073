/**
 * One test of a condition: the fact (picked by its title), the operator in words (those the fact's kind allows),
 * and what it is compared with (a value, another fact or a parameter), or for a repeating group the member test.
 */
import type { ConditionValue, LeafCondition, MemberCondition } from '../../../../engine/index.ts';
import { operatorWords } from '../../draft/explain.ts';
import { FieldProblems, problemsAt, problemsId } from '../FieldProblems.tsx';
import type { Ctx } from './context.ts';
import { defaultOperator, defaultValue, memberOperatorsFor, operatorsFor, valueShape, type ChoiceOption, type Fact, type FactKind } from './facts.ts';
import { memberTestOf, pointerOf, updateAt, valueSourceOf, type TreePath } from './tree.ts';
import { FactPicker, ListValue, LiteralValue } from './values.tsx';

/** One leaf of the tree, at `path`. */
export function Leaf({ ctx, path, leaf }: { ctx: Ctx; path: TreePath; leaf: LeafCondition }) {
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
