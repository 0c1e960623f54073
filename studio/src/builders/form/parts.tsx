/** Small pieces of the form builder: adding a question, and the list of places that use a question. */
import { useState } from 'react';
import { useText } from '../../text.ts';
import type { NewWords } from './model.ts';
import type { Use } from './rename.ts';
import type { QuestionKind } from './types.ts';

export interface AddQuestionProps {
  idBase: string;
  legend: string;
  kinds: readonly QuestionKind[];
  /** Adds the question; returns its id. */
  onAdd: (kind: QuestionKind, title: string, words: NewWords) => string;
  /** Called with the new question's id. */
  onAdded?: (id: string) => void;
}

/** "Add a question": its type and its title. */
export function AddQuestion({ idBase, legend, kinds, onAdd, onAdded }: AddQuestionProps) {
  const s = useText();
  const [kind, setKind] = useState<QuestionKind>(kinds[0]);
  const [title, setTitle] = useState('');
  const [missing, setMissing] = useState(false);
  const add = () => {
    if (!title.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    const id = onAdd(kind, title.trim(), { option: (n) => s('fb.option', { n }), member: s('fb.member') });
    setTitle('');
    onAdded?.(id);
  };
  return (
    <fieldset className="usa-fieldset mandate-fb-add">
      <legend className="usa-legend text-bold">{legend}</legend>
      <label className="usa-label" htmlFor={`${idBase}-kind`}>
        {s('fb.kind')}
      </label>
      <select className="usa-select" id={`${idBase}-kind`} value={kind} onChange={(e) => setKind(e.target.value as QuestionKind)}>
        {kinds.map((k) => (
          <option key={k} value={k}>
            {s(`fb.kind.${k}`)}
          </option>
        ))}
      </select>
      <div className={missing ? 'usa-form-group usa-form-group--error margin-top-0' : undefined}>
        <label className="usa-label" htmlFor={`${idBase}-title`}>
          {s('fb.questionTitle')}
        </label>
        <div className="usa-hint" id={`${idBase}-title-hint`}>
          {s('fb.questionTitleHint')}
        </div>
        {missing && (
          <span className="usa-error-message" id={`${idBase}-title-error`}>
            {s('fb.questionTitleHint')}
          </span>
        )}
        <input
          className={`usa-input${missing ? ' usa-input--error' : ''}`}
          id={`${idBase}-title`}
          value={title}
          aria-describedby={`${idBase}-title-hint${missing ? ` ${idBase}-title-error` : ''}`}
          aria-invalid={missing || undefined}
          onChange={(e) => setTitle(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        />
      </div>
      <button type="button" className="usa-button margin-top-2" onClick={add}>
        {s('fb.add')}
      </button>
    </fieldset>
  );
}

/** The places that use a question, each a link to its JSON. */
export function UsesList({ uses, showJson }: { uses: Use[]; showJson: (pointer: string) => void }) {
  const s = useText();
  return (
    <ul className="usa-list margin-y-1">
      {uses.map((u) => (
        <li key={u.pointer}>
          <button type="button" className="usa-button usa-button--unstyled" onClick={() => showJson(u.pointer)}>
            {s(`fb.use.${u.kind}`)} <code>{u.pointer}</code>
          </button>
        </li>
      ))}
    </ul>
  );
}
