/**
 * One question in the form builder: title, id (renamed everywhere it is used), help text, required, the limits its
 * type has, the options of a choice, the condition under which it shows, a repeating group's own questions, and
 * deleting it. A question whose shape the builder does not edit links to its JSON instead. Every change is one
 * `setDoc` of the whole definition.
 */
import { useState } from 'react';
import type { Diagnostic } from '../../../../engine/index.ts';
import { Alert } from '../../../../web/src/shared/components.tsx';
import { useText } from '../../text.ts';
import { FieldProblems, problemsAt, problemsId } from '../FieldProblems.tsx';
import { ConditionEditor } from './ConditionEditor.tsx';
import { AddQuestion, UsesList } from './parts.tsx';
import {
  addMember,
  deleteQuestion,
  members,
  moveChoice,
  moveQuestion,
  questions,
  removeChoice,
  setQuestion,
  setQuestionCondition,
  setRequired,
  type QuestionView,
} from './model.ts';
import { renameQuestion, usesOf, type RenameRefusal, type Use } from './rename.ts';
import { choiceDisplay, choicesOf, limitsOf, MEMBER_KINDS, withChoices, withLimit, withYesNoWords, yesNoWordsOf, type Json } from './types.ts';

export interface QuestionEditorProps {
  doc: Json;
  setDoc: (next: Json) => void;
  q: QuestionView;
  /** The questions its condition may test. */
  sources: QuestionView[];
  diagnostics: Diagnostic[];
  showJson: (pointer: string) => void;
  /** After a rename, the question's new id (so the list keeps it open). */
  onRenamed: (id: string) => void;
  onDeleted: () => void;
}

/** The props a control editing `pointer` needs: its go-to target and its problems. */
function placed(diagnostics: Diagnostic[], pointer: string, hint?: string) {
  const ids = [hint, problemsAt(diagnostics, pointer).length ? problemsId(pointer) : undefined].filter(Boolean);
  return { 'data-pointer': pointer, 'aria-describedby': ids.length ? ids.join(' ') : undefined };
}

/** The editor of one question. */
export function QuestionEditor({ doc, setDoc, q, sources, diagnostics, showJson, onRenamed, onDeleted }: QuestionEditorProps) {
  const s = useText();
  const base = `fb-${q.group ? `${q.group}-` : ''}${q.id}`;
  const [id, setId] = useState(q.id);
  const [renameProblem, setRenameProblem] = useState<{ text: string; uses?: Use[] } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [inUse, setInUse] = useState<Use[] | null>(null);
  const title = typeof q.schema.title === 'string' ? q.schema.title : q.id;

  const rename = () => {
    const result = renameQuestion(doc, q, id.trim());
    if ('refused' in result) {
      const refusal = result as RenameRefusal;
      if (refusal.refused === 'invalid') setRenameProblem({ text: s('fb.idInvalid', { id }) });
      else if (refusal.refused === 'taken') setRenameProblem({ text: s('fb.idTaken', { id }) });
      else setRenameProblem({ text: s('fb.idFormulas'), uses: refusal.uses });
      return;
    }
    setRenameProblem(null);
    setDoc(result);
    onRenamed(id.trim());
  };

  const remove = () => {
    const group = q.group ? questions(doc).get(q.group) : undefined;
    const result = deleteQuestion<Use>(doc, q.id, usesOf, group);
    if ('refused' in result) {
      setInUse(result.refused as Use[]);
      setConfirmDelete(false);
      return;
    }
    setDoc(result);
    onDeleted();
  };

  const deleteBlock = (
    <div className="margin-top-3">
      {inUse && (
        <Alert type="warning" slim>
          {s('fb.inUse', { title })}
          <UsesList uses={inUse} showJson={showJson} />
        </Alert>
      )}
      {confirmDelete ? (
        <fieldset className="usa-fieldset mandate-fb-confirm">
          <legend className="margin-bottom-1">{s('fb.deleteQuestionConfirm', { title })}</legend>
          <button type="button" className="usa-button usa-button--secondary" onClick={remove}>
            {s('fb.deleteQuestionYes')}
          </button>
          <button type="button" className="usa-button usa-button--outline" onClick={() => setConfirmDelete(false)}>
            {s('fb.cancel')}
          </button>
        </fieldset>
      ) : (
        <button type="button" className="usa-button usa-button--outline usa-button--secondary" onClick={() => setConfirmDelete(true)}>
          {s('fb.deleteQuestion')}
        </button>
      )}
    </div>
  );

  if (!q.kind) {
    return (
      <div className="mandate-fb-question__editor">
        <p>{s('fb.unknown')}</p>
        <button type="button" className="usa-button usa-button--outline" data-pointer={q.pointer} onClick={() => showJson(q.pointer)}>
          {s('fb.openJson')}
        </button>
        <FieldProblems diagnostics={diagnostics} pointer={q.pointer} within />
        {deleteBlock}
      </div>
    );
  }
  const kind = q.kind;
  const put = (schema: Json, ui?: Json | null) => setDoc(setQuestion(doc, q, schema, ui));
  const text = (key: 'title' | 'description', value: string) =>
    put(key === 'description' && value === '' ? withLimit(q.schema, key, undefined) : withLimit(q.schema, key, value));
  const choices = choicesOf(kind, q.schema, q.ui);
  const choicesPointer = kind === 'multipleChoice' ? `${q.pointer}/items/oneOf` : `${q.pointer}/oneOf`;
  const setChoices = (next: typeof choices) => {
    const made = withChoices(kind, q.schema, q.ui, next);
    put(made.schema, made.ui ?? null);
  };
  const group = kind === 'group' ? members(doc, q) : [];

  return (
    <div className="mandate-fb-question__editor">
      <label className="usa-label" htmlFor={`${base}-title`}>
        {s('fb.title')}
      </label>
      <input
        className="usa-input"
        id={`${base}-title`}
        value={title}
        onChange={(e) => text('title', e.target.value)}
        {...placed(diagnostics, `${q.pointer}/title`)}
      />
      <FieldProblems diagnostics={diagnostics} pointer={`${q.pointer}/title`} />

      <label className="usa-label" htmlFor={`${base}-id`}>
        {s('fb.id')}
      </label>
      <div className="usa-hint" id={`${base}-id-hint`}>
        {s('fb.idHint')}
      </div>
      <div className="mandate-fb-inline">
        <input
          className="usa-input"
          id={`${base}-id`}
          value={id}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => setId(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              rename();
            }
          }}
          {...placed(diagnostics, q.pointer, `${base}-id-hint`)}
        />
        <button type="button" className="usa-button usa-button--outline" onClick={rename} disabled={id.trim() === q.id}>
          {s('fb.rename')}
        </button>
      </div>
      {renameProblem && (
        <Alert type="error" slim>
          {renameProblem.text}
          {renameProblem.uses && <UsesList uses={renameProblem.uses} showJson={showJson} />}
        </Alert>
      )}

      <label className="usa-label" htmlFor={`${base}-help`}>
        {s('fb.help')}
      </label>
      <div className="usa-hint" id={`${base}-help-hint`}>
        {s('fb.helpHint')}
      </div>
      <textarea
        className="usa-textarea mandate-fb-textarea"
        id={`${base}-help`}
        value={typeof q.schema.description === 'string' ? q.schema.description : ''}
        onChange={(e) => text('description', e.target.value)}
        {...placed(diagnostics, `${q.pointer}/description`, `${base}-help-hint`)}
      />
      <FieldProblems diagnostics={diagnostics} pointer={`${q.pointer}/description`} />

      {kind === 'yesNo' && (
        <fieldset className="usa-fieldset margin-top-2">
          <legend className="usa-legend">{s('fb.yesNoWords')}</legend>
          <div className="usa-hint" id={`${base}-yesno-hint`}>
            {s('fb.yesNoWordsHint')}
          </div>
          <div className="mandate-fb-limits">
            {(['yes', 'no'] as const).map((answer, i) => {
              const words = yesNoWordsOf(q.schema) ?? { yes: '', no: '' };
              return (
                <div key={answer}>
                  <label className="usa-label" htmlFor={`${base}-${answer}`}>
                    {s(answer === 'yes' ? 'fb.yesWords' : 'fb.noWords')}
                  </label>
                  <input
                    className="usa-input"
                    id={`${base}-${answer}`}
                    value={words[answer]}
                    onChange={(e) => put(withYesNoWords(q.schema, { ...words, [answer]: e.target.value }))}
                    {...placed(diagnostics, `${q.pointer}/oneOf/${i}/title`, `${base}-yesno-hint`)}
                  />
                  <FieldProblems diagnostics={diagnostics} pointer={`${q.pointer}/oneOf/${i}`} within />
                </div>
              );
            })}
          </div>
        </fieldset>
      )}

      <div className="usa-checkbox margin-top-2">
        <input
          className="usa-checkbox__input"
          type="checkbox"
          id={`${base}-required`}
          checked={q.required}
          onChange={(e) => setDoc(setRequired(doc, q, e.target.checked))}
          data-pointer={`${q.container}/required`}
        />
        <label className="usa-checkbox__label" htmlFor={`${base}-required`}>
          {s('fb.requiredLabel')}
        </label>
      </div>

      {limitsOf(kind).length > 0 && (
        <fieldset className="usa-fieldset margin-top-2">
          <legend className="usa-legend">{s('fb.limits')}</legend>
          <div className="mandate-fb-limits">
            {limitsOf(kind).map((limit) => {
              const pointer = `${q.pointer}/${limit}`;
              const value = q.schema[limit];
              return (
                <div key={limit} className={limit === 'pattern' ? 'mandate-fb-limits__wide' : undefined}>
                  <label className="usa-label" htmlFor={`${base}-${limit}`}>
                    {s(`fb.limit.${limit}`)}
                  </label>
                  <input
                    className="usa-input"
                    id={`${base}-${limit}`}
                    type={limit === 'pattern' ? 'text' : 'number'}
                    inputMode={limit === 'pattern' ? undefined : 'decimal'}
                    spellCheck={limit === 'pattern' ? false : undefined}
                    value={value === undefined ? '' : String(value)}
                    onChange={(e) => {
                      const raw = e.target.value;
                      put(withLimit(q.schema, limit, limit === 'pattern' ? raw : raw === '' ? undefined : Number(raw)));
                    }}
                    {...placed(diagnostics, pointer)}
                  />
                  <FieldProblems diagnostics={diagnostics} pointer={pointer} />
                </div>
              );
            })}
          </div>
        </fieldset>
      )}

      {kind === 'singleChoice' && (
        <fieldset className="usa-fieldset margin-top-2">
          <legend className="usa-legend">{s('fb.display')}</legend>
          {(['radio', 'select'] as const).map((d) => (
            <div className="usa-radio" key={d}>
              <input
                className="usa-radio__input"
                type="radio"
                id={`${base}-display-${d}`}
                name={`${base}-display`}
                checked={choiceDisplay(q.ui) === d}
                onChange={() => put(q.schema, { ...(q.ui ?? {}), 'ui:widget': d })}
              />
              <label className="usa-radio__label" htmlFor={`${base}-display-${d}`}>
                {s(`fb.display.${d}`)}
              </label>
            </div>
          ))}
        </fieldset>
      )}

      {(kind === 'singleChoice' || kind === 'multipleChoice') && (
        <fieldset className="usa-fieldset margin-top-2">
          <legend className="usa-legend">{s('fb.choices')}</legend>
          <ol className="usa-list usa-list--unstyled mandate-fb-choices">
            {choices.map((choice, i) => {
              const n = i + 1;
              const update = (patch: Partial<typeof choice>) => setChoices(choices.map((c, j) => (j === i ? { ...c, ...patch } : c)));
              return (
                <li key={i} className="mandate-fb-choice">
                  <div>
                    <label className="usa-label" htmlFor={`${base}-choice-${i}-label`}>
                      {s('fb.choiceLabel', { n })}
                    </label>
                    <input
                      className="usa-input"
                      id={`${base}-choice-${i}-label`}
                      value={choice.label}
                      onChange={(e) => update({ label: e.target.value })}
                      {...placed(diagnostics, `${choicesPointer}/${i}/title`)}
                    />
                  </div>
                  <div>
                    <label className="usa-label" htmlFor={`${base}-choice-${i}-value`}>
                      {s('fb.choiceValue', { n })}
                    </label>
                    <input
                      className="usa-input"
                      id={`${base}-choice-${i}-value`}
                      value={choice.value}
                      spellCheck={false}
                      onChange={(e) => update({ value: e.target.value })}
                      {...placed(diagnostics, `${choicesPointer}/${i}/const`)}
                    />
                  </div>
                  <div className="mandate-fb-row-actions">
                    <button
                      type="button"
                      className="usa-button usa-button--unstyled"
                      disabled={i === 0}
                      onClick={() => setDoc(moveChoice(doc, q, i, i - 1))}
                    >
                      {s('fb.moveChoiceUp', { n })}
                    </button>
                    <button
                      type="button"
                      className="usa-button usa-button--unstyled"
                      disabled={i === choices.length - 1}
                      onClick={() => setDoc(moveChoice(doc, q, i, i + 1))}
                    >
                      {s('fb.moveChoiceDown', { n })}
                    </button>
                    <button
                      type="button"
                      className="usa-button usa-button--unstyled"
                      disabled={choices.length <= 1}
                      onClick={() => setDoc(removeChoice(doc, q, i))}
                    >
                      {s('fb.removeChoice', { n })}
                    </button>
                  </div>
                  <FieldProblems diagnostics={diagnostics} pointer={`${choicesPointer}/${i}`} within />
                </li>
              );
            })}
          </ol>
          <button
            type="button"
            className="usa-button usa-button--outline"
            onClick={() => {
              let n = choices.length + 1;
              while (choices.some((c) => c.value === `option${n}`)) n++;
              setChoices([...choices, { value: `option${n}`, label: s('fb.option', { n }) }]);
            }}
          >
            {s('fb.addChoice')}
          </button>
        </fieldset>
      )}

      {!q.group && (
        <ConditionEditor
          idBase={`${base}-condition`}
          legend={s('fb.condition')}
          value={q.condition}
          sources={sources}
          pointer={q.branch ? `${q.branch}/if` : `${q.pointer}/if`}
          diagnostics={diagnostics}
          showJson={showJson}
          onChange={(c) => setDoc(setQuestionCondition(doc, q, c))}
        />
      )}

      {kind === 'group' && (
        <section className="margin-top-3 mandate-fb-members" aria-labelledby={`${base}-members`}>
          <h4 id={`${base}-members`} className="margin-bottom-1">
            {s('fb.members')}
          </h4>
          <QuestionList
            doc={doc}
            setDoc={setDoc}
            list={group}
            sources={[]}
            diagnostics={diagnostics}
            showJson={showJson}
            move={(m, from, to) => setDoc(moveQuestion(doc, m, from, to, -1))}
          />
          <AddQuestion
            idBase={`${base}-add`}
            legend={s('fb.addMember')}
            kinds={MEMBER_KINDS}
            onAdd={(k, t, w) => {
              const made = addMember(doc, q, k, t, w);
              setDoc(made.doc);
              return made.id;
            }}
          />
        </section>
      )}
      {deleteBlock}
    </div>
  );
}

export interface QuestionListProps {
  doc: Json;
  setDoc: (next: Json) => void;
  list: QuestionView[];
  sources: QuestionView[];
  diagnostics: Diagnostic[];
  showJson: (pointer: string) => void;
  move: (q: QuestionView, from: number, to: number) => void;
  /** The question to open (just added). */
  open?: string | null;
  setOpen?: (id: string | null) => void;
  /** Says a question was renamed (the builder announces it). */
  onRenamed?: (id: string) => void;
}

/** A list of questions, each with its summary, reorder buttons and its editor when open. */
export function QuestionList({
  doc,
  setDoc,
  list,
  sources,
  diagnostics,
  showJson,
  move,
  open: openProp,
  setOpen: setOpenProp,
  onRenamed,
}: QuestionListProps) {
  const s = useText();
  const [openLocal, setOpenLocal] = useState<string | null>(null);
  const open = openProp !== undefined ? openProp : openLocal;
  const setOpen = setOpenProp ?? setOpenLocal;
  if (list.length === 0) return <p className="usa-hint">{s('fb.noQuestions')}</p>;
  return (
    <ol className="usa-list usa-list--unstyled mandate-fb-questions">
      {list.map((q, i) => {
        const title = typeof q.schema.title === 'string' ? q.schema.title : q.id;
        const isOpen = open === q.id;
        const editorId = `fb-editor-${q.group ? `${q.group}-` : ''}${q.id}`;
        const mine = problemsAt(diagnostics, q.pointer, true);
        return (
          <li key={q.id} className="mandate-fb-question" data-testid={`fb-question-${q.id}`}>
            <div className="mandate-fb-question__head">
              <div>
                <span className="text-bold">{title}</span>{' '}
                <span className="mandate-fb-tag">{s(q.kind ? `fb.kind.${q.kind}` : 'fb.kind.unknown')}</span>{' '}
                <span className="mandate-fb-tag">{q.required ? s('fb.required') : s('fb.optional')}</span>
                {mine.length > 0 && (
                  <span className={`mandate-fb-tag mandate-fb-tag--${mine.some((d) => d.severity === 'error') ? 'error' : 'warning'}`}>
                    <span aria-hidden="true">{mine.length}</span>
                    <span className="usa-sr-only">{s('badge.problems', { count: mine.length })}</span>
                  </span>
                )}
                <div className="usa-hint">
                  <code>{q.id}</code>
                </div>
              </div>
              <div className="mandate-fb-row-actions">
                <button
                  type="button"
                  className="usa-button usa-button--outline usa-button--small"
                  aria-expanded={isOpen}
                  aria-controls={editorId}
                  data-pointer={q.pointer}
                  onClick={() => setOpen(isOpen ? null : q.id)}
                >
                  {isOpen ? s('fb.close') : s('fb.edit')}
                  <span className="usa-sr-only">: {title}</span>
                </button>
                <button type="button" className="usa-button usa-button--unstyled" disabled={i === 0} onClick={() => move(q, i, i - 1)}>
                  {s('fb.moveUp')}
                  <span className="usa-sr-only">: {title}</span>
                </button>
                <button type="button" className="usa-button usa-button--unstyled" disabled={i === list.length - 1} onClick={() => move(q, i, i + 1)}>
                  {s('fb.moveDown')}
                  <span className="usa-sr-only">: {title}</span>
                </button>
              </div>
            </div>
            {isOpen && (
              <div id={editorId}>
                <QuestionEditor
                  key={q.id}
                  doc={doc}
                  setDoc={setDoc}
                  q={q}
                  sources={sources.filter((x) => x.id !== q.id)}
                  diagnostics={diagnostics}
                  showJson={showJson}
                  onRenamed={(id) => {
                    setOpen(id);
                    onRenamed?.(id);
                  }}
                  onDeleted={() => setOpen(null)}
                />
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
