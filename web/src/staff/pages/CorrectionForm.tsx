/**
 * Corrections on the case page: the answers corrected so far (question, before → after, who, when), and a form to
 * correct one answer with the note that explains it (`POST /api/cases/:id/corrections`), after which the case is
 * decided again. Every answer the application holds can be picked, by its question's title (members' answers as
 * "Household member 1: Income"); the typed value is read as the question's type (number, yes/no, text).
 */
import { useState, type FormEvent } from 'react';
import { api } from '../../shared/api.ts';
import { errorText } from '../../shared/components.tsx';
import { formatDateTime } from '../../shared/format.ts';
import { useI18n } from '../../shared/i18n.tsx';
import type { CorrectionResult } from '../../shared/api-types.ts';
import type { CaseDetail } from '../types.ts';

type Schema = Record<string, unknown>;

/** One answer that can be corrected: its JSON Pointer, its question's words, its schema and its current value. */
interface Field {
  path: string;
  title: string;
  schema: Schema;
  value: unknown;
}

/** Every scalar answer in `answers`, with the titles of `schema` (items of lists numbered from 1). */
function fieldsOf(schema: Schema, answers: unknown, path = '', title = ''): Field[] {
  if (Array.isArray(answers)) {
    const items = (schema.items ?? {}) as Schema;
    return answers.flatMap((item, i) => fieldsOf(items, item, `${path}/${i}`, `${title || String(items.title ?? '')} ${i + 1}`.trim()));
  }
  if (answers !== null && typeof answers === 'object') {
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    return Object.entries(answers as Record<string, unknown>)
      .filter(([key]) => Object.hasOwn(properties, key))
      .flatMap(([key, value]) => {
        const own = String(properties[key].title ?? key);
        return fieldsOf(properties[key], value, `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, title ? `${title}: ${own}` : own);
      });
  }
  return [{ path, title, schema, value: answers }];
}

/** The typed value of `text` for a question of `schema`: numbers and yes/no as such, else the text. */
function typed(schema: Schema, text: string): unknown {
  const type = schema.type;
  if ((type === 'number' || type === 'integer') && text.trim() !== '' && !Number.isNaN(Number(text))) return Number(text);
  if (type === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

const shown = (value: unknown) => (value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value));

/** The corrections section of case `data`; `onDone` reloads the case after a correction. */
export function CorrectionForm({
  data,
  schema,
  person,
  onDone,
}: {
  data: CaseDetail;
  schema: Schema;
  person: (id: string) => string;
  onDone: (message: string) => void;
}) {
  const { t, lang } = useI18n();
  const fields = fieldsOf(schema, data.application?.answers ?? {});
  const [path, setPath] = useState('');
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const field = fields.find((f) => f.path === path);
  const titleOf = (p: string) => fields.find((f) => f.path === p)?.title ?? p;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!field) return;
    setBusy(true);
    setError(null);
    try {
      const result = await api<CorrectionResult>('POST', `/api/cases/${encodeURIComponent(data.case.id)}/corrections`, {
        path,
        value: typed(field.schema, value),
        note: note.trim(),
        revision: data.case.revision,
      });
      setPath('');
      setValue('');
      setNote('');
      onDone(t('staff.corrected', { outcome: t(`staff.outcome.${result.determination.result.eligibility}`) }));
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="corrections-heading">
      <h2 id="corrections-heading">{t('staff.corrections')}</h2>
      {(data.corrections ?? []).length === 0 ? (
        <p>{t('staff.noCorrections')}</p>
      ) : (
        <ul className="usa-list" data-testid="corrections">
          {(data.corrections ?? []).map((c) => (
            <li key={c.id}>
              {c.changes
                .map((ch) => t('staff.correctionEntry', { field: titleOf(ch.path), before: shown(ch.before), after: shown(ch.after) }))
                .join('; ')}{' '}
              <span className="text-base-dark">
                {formatDateTime(c.at, lang)} {t('staff.by', { actor: person(c.authorId) })}
              </span>
            </li>
          ))}
        </ul>
      )}
      {data.case.terminal ? (
        <p>{t('staff.correctionsClosed')}</p>
      ) : (
        <form className="usa-form maxw-tablet" onSubmit={(e) => void submit(e)} data-testid="correction-form">
          <p>{t('staff.correctIntro')}</p>
          <label className="usa-label" htmlFor="correct-field">
            {t('staff.correctField')}
          </label>
          <select className="usa-select" id="correct-field" value={path} onChange={(e) => setPath(e.target.value)}>
            <option value="">{t('common.select')}</option>
            {fields.map((f) => (
              <option key={f.path} value={f.path}>
                {f.title}
              </option>
            ))}
          </select>
          {field && <p className="margin-y-05 text-base-dark">{t('staff.correctCurrent', { value: shown(field.value) })}</p>}
          <label className="usa-label" htmlFor="correct-value">
            {t('staff.correctValue')}
          </label>
          <span className="usa-hint" id="correct-value-hint">
            {t('staff.correctValueHint')}
          </span>
          <input
            className="usa-input"
            id="correct-value"
            aria-describedby="correct-value-hint"
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
          <label className="usa-label" htmlFor="correct-note">
            {t('staff.correctNote')}
          </label>
          <textarea className="usa-textarea" id="correct-note" value={note} onChange={(e) => setNote(e.target.value)} />
          {error && (
            <p className="usa-error-message" role="alert" data-testid="correction-error">
              {error}
            </p>
          )}
          <button type="submit" className="usa-button" disabled={busy || !field || !note.trim()}>
            {t('staff.correctSave')}
          </button>
        </form>
      )}
    </section>
  );
}
