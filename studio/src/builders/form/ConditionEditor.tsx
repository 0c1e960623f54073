/**
 * "Show when <question> <is / is not / is at least / is at most> <value>": the simple condition the form builder
 * edits, over the form's other top-level questions. The caller writes it into the format (a page's `showWhen`, a
 * question's branch `if`); a condition beyond this shape is shown as kept, with a link to its JSON.
 */
import type { StudioText } from '../../text.ts';
import { useText } from '../../text.ts';
import { FieldProblems, problemsId, problemsAt } from '../FieldProblems.tsx';
import type { Diagnostic } from '../../../../engine/index.ts';
import type { QuestionView, SimpleCondition } from './model.ts';
import { choicesOf } from './types.ts';

const OPS: SimpleCondition['op'][] = ['is', 'isNot', 'atLeast', 'atMost'];

/**
 * The engine operator each simple condition means, so that its words are the one table of operator words (`op.*`,
 * also the condition builder's).
 */
const ENGINE_OP: Record<SimpleCondition['op'], string> = {
  is: 'equal',
  isNot: 'notEqual',
  atLeast: 'greaterThanInclusive',
  atMost: 'lessThanInclusive',
};

function numeric(q: QuestionView | undefined): boolean {
  return q?.kind === 'number' || q?.kind === 'money';
}

/** The starting value of a condition on `q`: its first option, yes, or 0 / ''. */
function firstValue(q: QuestionView): SimpleCondition['value'] {
  if (q.kind === 'yesNo') return true;
  if (q.kind === 'singleChoice') return choicesOf('singleChoice', q.schema, q.ui)[0]?.value ?? '';
  return numeric(q) ? 0 : '';
}

/** A condition in words, for the question list ("Household size is at least 3"). */
export function conditionWords(c: SimpleCondition, sources: QuestionView[], s: StudioText): string {
  const q = sources.find((x) => x.id === c.question);
  const title = typeof q?.schema.title === 'string' ? q.schema.title : c.question;
  const label = (() => {
    if (typeof c.value === 'boolean') return c.value ? s('fb.yes') : s('fb.no');
    if (q?.kind === 'singleChoice') return choicesOf('singleChoice', q.schema, q.ui).find((o) => o.value === c.value)?.label ?? String(c.value);
    return String(c.value);
  })();
  return `${title} ${s(`op.${ENGINE_OP[c.op]}` as never)} ${label}`;
}

export interface ConditionEditorProps {
  /** Prefix of the element ids (unique on the page). */
  idBase: string;
  legend: string;
  value: SimpleCondition | 'complex' | undefined;
  /** The questions a condition may test (the form's other top-level questions). */
  sources: QuestionView[];
  onChange: (next: SimpleCondition | undefined) => void;
  /** JSON Pointer of the condition in the definition (for go-to and its problems). */
  pointer: string;
  diagnostics: Diagnostic[];
  showJson: (pointer: string) => void;
}

/** The condition editor: "always" or "only when …". */
export function ConditionEditor({ idBase, legend, value, sources, onChange, pointer, diagnostics, showJson }: ConditionEditorProps) {
  const s = useText();
  const usable = sources.filter((q) => q.kind && q.kind !== 'group' && q.kind !== 'multipleChoice');
  const described = problemsAt(diagnostics, pointer, true).length ? problemsId(pointer) : undefined;
  if (value === 'complex') {
    return (
      <fieldset className="usa-fieldset margin-top-2">
        <legend className="usa-legend">{legend}</legend>
        <p className="margin-y-1">{s('fb.conditionComplex')}</p>
        <button type="button" className="usa-button usa-button--unstyled" data-pointer={pointer} onClick={() => showJson(pointer)}>
          {s('fb.openJson')}
        </button>
        <FieldProblems diagnostics={diagnostics} pointer={pointer} within />
      </fieldset>
    );
  }
  const source = value ? usable.find((q) => q.id === value.question) : undefined;
  const set = (patch: Partial<SimpleCondition>) => value && onChange({ ...value, ...patch });
  return (
    <fieldset className="usa-fieldset margin-top-2 mandate-fb-condition">
      <legend className="usa-legend">{legend}</legend>
      {(['always', 'when'] as const).map((mode) => (
        <div className="usa-radio" key={mode}>
          <input
            className="usa-radio__input"
            type="radio"
            id={`${idBase}-${mode}`}
            name={`${idBase}-mode`}
            checked={mode === 'when' ? !!value : !value}
            disabled={mode === 'when' && usable.length === 0}
            data-pointer={mode === 'when' ? pointer : undefined}
            aria-describedby={described}
            onChange={() => {
              if (mode === 'always') onChange(undefined);
              else if (usable[0]) onChange({ question: usable[0].id, op: 'is', value: firstValue(usable[0]) });
            }}
          />
          <label className="usa-radio__label" htmlFor={`${idBase}-${mode}`}>
            {mode === 'always' ? s('fb.conditionAlways') : s('fb.conditionWhen')}
          </label>
        </div>
      ))}
      {usable.length === 0 && <p className="usa-hint margin-y-1">{s('fb.conditionNoQuestions')}</p>}
      {value && (
        <div className="mandate-fb-condition__row">
          <div>
            <label className="usa-label" htmlFor={`${idBase}-question`}>
              {s('fb.conditionQuestion')}
            </label>
            <select
              className="usa-select"
              id={`${idBase}-question`}
              value={value.question}
              onChange={(e) => {
                const q = usable.find((x) => x.id === e.target.value);
                if (q) onChange({ question: q.id, op: numeric(q) ? value.op : value.op === 'isNot' ? 'isNot' : 'is', value: firstValue(q) });
              }}
            >
              {!source && <option value={value.question}>{value.question}</option>}
              {usable.map((q) => (
                <option key={q.id} value={q.id}>
                  {typeof q.schema.title === 'string' ? q.schema.title : q.id}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label className="usa-label" htmlFor={`${idBase}-op`}>
              {s('fb.conditionOp')}
            </label>
            <select
              className="usa-select"
              id={`${idBase}-op`}
              value={value.op}
              onChange={(e) => set({ op: e.target.value as SimpleCondition['op'] })}
            >
              {OPS.filter((op) => numeric(source) || op === 'is' || op === 'isNot' || op === value.op).map((op) => (
                <option key={op} value={op}>
                  {s(`op.${ENGINE_OP[op]}` as never)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label className="usa-label" htmlFor={`${idBase}-value`}>
              {s('fb.conditionValue')}
            </label>
            {source?.kind === 'yesNo' ? (
              <select
                className="usa-select"
                id={`${idBase}-value`}
                value={String(value.value)}
                onChange={(e) => set({ value: e.target.value === 'true' })}
              >
                <option value="true">{s('fb.yes')}</option>
                <option value="false">{s('fb.no')}</option>
              </select>
            ) : source?.kind === 'singleChoice' ? (
              <select className="usa-select" id={`${idBase}-value`} value={String(value.value)} onChange={(e) => set({ value: e.target.value })}>
                {choicesOf('singleChoice', source.schema, source.ui).map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                className="usa-input"
                id={`${idBase}-value`}
                type={numeric(source) ? 'number' : 'text'}
                inputMode={numeric(source) ? 'decimal' : undefined}
                value={String(value.value)}
                onChange={(e) => set({ value: numeric(source) ? (e.target.value === '' ? 0 : Number(e.target.value)) : e.target.value })}
              />
            )}
          </div>
        </div>
      )}
      <FieldProblems diagnostics={diagnostics} pointer={pointer} within />
    </fieldset>
  );
}
