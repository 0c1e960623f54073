/**
 * The translations grid: every translatable text of the program, grouped by part, the English beside one column
 * per other language (one language at a time on a phone), each cell an editable text with its state — missing,
 * stale (with the English it was translated from and the English now, and "Mark as still correct"), not checked,
 * up to date — and the engine's diagnostics of that place beside it. Filters show every text, or only the missing
 * or stale ones; "Add a language" adds a column. Every edit writes `translations` with the current English recorded
 * as the translation's source.
 */
import { type CSSProperties, type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../../../../web/src/shared/i18n.tsx';
import { useText, type StudioText } from '../../text.ts';
import { FieldProblems, problemsAt, problemsId } from '../FieldProblems.tsx';
import type { BuilderProps } from '../types.ts';
import {
  countsOf,
  GROUPS,
  gridOf,
  languageProblem,
  markCurrent,
  rowShown,
  translationPointer,
  withLanguage,
  withoutTranslation,
  withSourcesRecorded,
  withTranslation,
  type Filter,
  type Grid,
  type GridRow,
} from './grid.ts';

/** The name of a language in the page's language, with its code: "Spanish (es)". */
function useLanguageName(): (code: string) => string {
  const { lang } = useI18n();
  return useMemo(() => {
    let names: Intl.DisplayNames | undefined;
    try {
      names = new Intl.DisplayNames([lang], { type: 'language' });
    } catch {
      names = undefined;
    }
    return (code: string) => {
      const name = names?.of(code);
      return name && name !== code ? `${name} (${code})` : code;
    };
  }, [lang]);
}

/** The phone layout's width (studio.css shows one language at a time below it). */
const PHONE_QUERY = '(max-width: 40em)';

/** True while the page is as narrow as a phone. */
function usePhone(): boolean {
  const [phone, setPhone] = useState(() => typeof window !== 'undefined' && window.matchMedia(PHONE_QUERY).matches);
  useEffect(() => {
    const query = window.matchMedia(PHONE_QUERY);
    const update = () => setPhone(query.matches);
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);
  return phone;
}

/** Rows for a textarea holding `text` in a column about 40 characters wide. */
function rowsFor(text: string): number {
  const lines = text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / 40)), 0);
  return Math.min(12, Math.max(2, lines));
}

function kindLabel(row: GridRow, s: StudioText): string {
  return row.kind === 'option' ? s('translations.kind.option', { n: row.option }) : s(`translations.kind.${row.kind}` as never);
}

const cellId = (lang: string, pointer: string) => `tcell-${problemsId(translationPointer(lang, pointer))}`;

function Cell({
  row,
  lang,
  language,
  diagnostics,
  offPhone,
  onText,
  onMark,
}: {
  row: GridRow;
  /** Hidden on a phone, where one language is shown at a time. */
  offPhone: boolean;
  lang: string;
  language: string;
  diagnostics: BuilderProps['diagnostics'];
  onText: (text: string) => void;
  onMark: () => void;
}) {
  const s = useText();
  const cell = row.cells[lang];
  const at = translationPointer(lang, row.pointer);
  const id = cellId(lang, row.pointer);
  const stateId = `${id}-state`;
  const described = [stateId, problemsAt(diagnostics, at).length > 0 ? problemsId(at) : ''].filter(Boolean).join(' ');
  const text = cell.text ?? '';
  return (
    <div
      className={`mandate-tcell mandate-tcell--${cell.state}${offPhone ? ' mandate-tcell--offphone' : ''}`}
      data-lang={lang}
      data-testid="translation-cell"
      data-state={cell.state}
    >
      <label className="usa-sr-only" htmlFor={id}>
        {s('translations.cellLabel', { language, text: row.english })}
      </label>
      <span className="mandate-tcell__lang" aria-hidden="true">
        {language}
      </span>
      <textarea
        id={id}
        className="usa-textarea mandate-tcell__input"
        lang={lang}
        rows={rowsFor(text || row.english)}
        value={text}
        data-pointer={at}
        aria-describedby={described}
        onChange={(e) => onText(e.target.value)}
      />
      <div id={stateId} className="mandate-tcell__state">
        <span className={`usa-tag mandate-tstate mandate-tstate--${cell.state}`}>{s(`translations.state.${cell.state}`)}</span>
        {cell.state === 'stale' && (
          <dl className="mandate-tstale">
            <dt>{s('translations.staleWas')}</dt>
            <dd lang="en">
              <del>{cell.source}</del>
            </dd>
            <dt>{s('translations.staleNow')}</dt>
            <dd lang="en">
              <ins>{row.english}</ins>
            </dd>
          </dl>
        )}
        {cell.state === 'unchecked' && <p className="mandate-tcell__note">{s('translations.uncheckedText')}</p>}
      </div>
      {(cell.state === 'stale' || cell.state === 'unchecked') && (
        <button type="button" className="usa-button usa-button--outline usa-button--small mandate-tcell__mark" onClick={onMark}>
          {s('translations.markCurrent')}
        </button>
      )}
      <FieldProblems diagnostics={diagnostics} pointer={at} />
    </div>
  );
}

function AddLanguage({
  doc,
  setDoc,
  name,
  onAdded,
}: Pick<BuilderProps, 'doc' | 'setDoc'> & { name: (code: string) => string; onAdded: (code: string) => void }) {
  const s = useText();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const wanted = code.trim();
    const problem = languageProblem(doc, wanted);
    if (problem) {
      setError(
        problem === 'format'
          ? s('translations.add.format')
          : problem === 'english'
            ? s('translations.add.english')
            : s('translations.add.present', { language: name(wanted) }),
      );
      return;
    }
    setError(null);
    setCode('');
    setDoc(withLanguage(doc, wanted));
    onAdded(wanted);
  };
  return (
    <form className="mandate-tadd" onSubmit={submit} noValidate data-pointer="/languages">
      <h2 className="margin-top-0">{s('translations.add.heading')}</h2>
      <div className={error ? 'usa-form-group usa-form-group--error' : 'usa-form-group'}>
        <label className="usa-label" htmlFor="translations-add-code">
          {s('translations.add.code')}
        </label>
        <div className="usa-hint" id="translations-add-hint">
          {s('translations.add.hint')}
        </div>
        {error && (
          <span className="usa-error-message" id="translations-add-error" role="alert">
            {error}
          </span>
        )}
        <div className="mandate-tadd__row">
          <input
            id="translations-add-code"
            className={error ? 'usa-input usa-input--error usa-input--small' : 'usa-input usa-input--small'}
            value={code}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'translations-add-hint translations-add-error' : 'translations-add-hint'}
            onChange={(e) => setCode(e.target.value)}
          />
          <button type="submit" className="usa-button usa-button--outline">
            {s('translations.add.button')}
          </button>
        </div>
      </div>
    </form>
  );
}

function readGrid(doc: BuilderProps['doc']): { grid: Grid } | { error: string } {
  try {
    return { grid: gridOf(doc) };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/** The translations builder (part `translations`). */
export function TranslationsBuilder({ doc, setDoc, diagnostics }: BuilderProps) {
  const s = useText();
  const name = useLanguageName();
  const [filter, setFilter] = useState<Filter>('all');
  const [shown, setShown] = useState<string | null>(null);
  const [said, setSaid] = useState('');
  const phone = usePhone();
  // A cell to focus once the document has re-rendered (after "Mark as still correct" removes its button).
  const focusNext = useRef<string | null>(null);
  const read = useMemo(() => readGrid(doc), [doc]);

  useEffect(() => {
    const id = focusNext.current;
    if (!id) return;
    focusNext.current = null;
    document.getElementById(id)?.focus();
  });

  if ('error' in read) {
    return (
      <div className="usa-alert usa-alert--warning usa-alert--slim">
        <div className="usa-alert__body">
          <p className="usa-alert__text">{s('translations.unreadable', { detail: read.error })}</p>
        </div>
      </div>
    );
  }
  const { grid } = read;
  const languages = grid.languages;
  const phoneLang = shown && languages.includes(shown) ? shown : languages[0];
  const counts = Object.fromEntries(languages.map((lang) => [lang, countsOf(grid, lang)]));
  // The filters look at the languages on screen: all of them, or on a phone the one shown.
  const onScreen = phone && phoneLang ? [phoneLang] : languages;
  const total = (state: 'missing' | 'stale') => grid.rows.filter((row) => rowShown(row, state, onScreen)).length;
  const visible = grid.rows.filter((row) => rowShown(row, filter, onScreen));
  const style = { '--mandate-tlangs': String(Math.max(1, languages.length)) } as CSSProperties;

  const mark = (row: GridRow, lang: string) => {
    setDoc(markCurrent(doc, lang, row));
    setSaid(s('translations.marked', { language: name(lang), text: row.english }));
    focusNext.current = cellId(lang, row.pointer);
  };

  return (
    <div className="mandate-translations" data-testid="translations-grid">
      <p className="margin-top-0">{s('translations.intro')}</p>
      <p className="usa-sr-only" role="status" aria-live="polite">
        {said}
      </p>
      {languages.length === 0 ? (
        <p data-testid="english-only">{s('translations.englishOnly')}</p>
      ) : (
        <>
          <h2 className="margin-bottom-1">{s('translations.languages')}</h2>
          <ul className="usa-list usa-list--unstyled mandate-tlangs">
            {languages.map((lang) => (
              <li key={lang} data-testid={`translation-counts-${lang}`}>
                <span className="text-bold" tabIndex={-1} data-pointer={`/translations/${lang}`}>
                  {name(lang)}
                </span>
                : {s('translations.counts', counts[lang])}
                {counts[lang].unchecked > 0 && (
                  <>
                    {' '}
                    <button
                      type="button"
                      className="usa-button usa-button--outline usa-button--small"
                      onClick={() => {
                        setDoc(withSourcesRecorded(doc, lang));
                        setSaid(s('translations.markedAll', { language: name(lang), count: counts[lang].unchecked }));
                      }}
                    >
                      {s('translations.markAll', { count: counts[lang].unchecked })}
                    </button>
                  </>
                )}
                <FieldProblems diagnostics={diagnostics} pointer={`/translations/${lang}`} />
              </li>
            ))}
          </ul>
          <div className="mandate-tcontrols">
            <fieldset className="usa-fieldset mandate-mode">
              <legend className="mandate-tcontrols__legend">{s('translations.filter')}</legend>
              {(['all', 'missing', 'stale'] as const).map((f) => (
                <button
                  key={f}
                  type="button"
                  className={filter === f ? 'usa-button usa-button--small' : 'usa-button usa-button--outline usa-button--small'}
                  aria-pressed={filter === f}
                  onClick={() => setFilter(f)}
                >
                  {s(`translations.filter.${f}`, { count: f === 'all' ? grid.rows.length : total(f) })}
                </button>
              ))}
            </fieldset>
            {languages.length > 1 && (
              <div className="mandate-tcontrols__phone">
                <label className="usa-label margin-top-0" htmlFor="translations-shown">
                  {s('translations.showLanguage')}
                </label>
                <select id="translations-shown" className="usa-select" value={phoneLang} onChange={(e) => setShown(e.target.value)}>
                  {languages.map((lang) => (
                    <option key={lang} value={lang}>
                      {name(lang)}
                    </option>
                  ))}
                </select>
              </div>
            )}
          </div>
          {visible.length === 0 && filter !== 'all' && (
            <p data-testid="translations-none">{s(filter === 'missing' ? 'translations.noneMissing' : 'translations.noneStale')}</p>
          )}
          {GROUPS.map((group) => {
            const rows = visible.filter((row) => row.group === group);
            if (rows.length === 0) return null;
            return (
              <section key={group} className="mandate-tgroup" aria-labelledby={`tgroup-${group}`}>
                <h2 id={`tgroup-${group}`}>{s(`translations.group.${group}`)}</h2>
                <div className="mandate-tgrid" style={style}>
                  <div className="mandate-tgrid__head" aria-hidden="true">
                    <span>{s('translations.english')}</span>
                    {languages.map((lang) => (
                      <span key={lang} data-lang={lang} className="mandate-tgrid__headlang">
                        {name(lang)}
                      </span>
                    ))}
                  </div>
                  {rows.map((row) => (
                    <div key={row.pointer} className="mandate-tgrid__row" data-testid="translation-row" data-text-pointer={row.pointer}>
                      <div className="mandate-tsource">
                        <span className="mandate-tsource__where">
                          {kindLabel(row, s)} ·{' '}
                          {row.owner ? <code>{row.owner}</code> : s(row.group === 'program' ? 'translations.ofProgram' : 'translations.ofForm')}
                        </span>
                        <p className="mandate-tsource__text" lang="en">
                          {row.english}
                        </p>
                      </div>
                      {languages.map((lang) => (
                        <Cell
                          key={lang}
                          row={row}
                          lang={lang}
                          language={name(lang)}
                          offPhone={lang !== phoneLang}
                          diagnostics={diagnostics}
                          onText={(text) => setDoc(withTranslation(doc, lang, row.pointer, text, row.english))}
                          onMark={() => mark(row, lang)}
                        />
                      ))}
                    </div>
                  ))}
                </div>
              </section>
            );
          })}
          {grid.strays.length > 0 && (
            <section className="mandate-tgroup" aria-labelledby="tgroup-strays">
              <h2 id="tgroup-strays">{s('translations.strays.heading')}</h2>
              <ul className="usa-list usa-list--unstyled">
                {grid.strays.map(({ lang, pointer }) => {
                  const at = translationPointer(lang, pointer);
                  return (
                    <li key={at} className="margin-bottom-1">
                      <code>{pointer}</code> ({name(lang)}){' '}
                      <button
                        type="button"
                        className="usa-button usa-button--unstyled"
                        data-pointer={at}
                        aria-label={s('translations.strays.removeLabel', { language: name(lang), pointer })}
                        aria-describedby={problemsAt(diagnostics, at).length > 0 ? problemsId(at) : undefined}
                        onClick={() => setDoc(withoutTranslation(doc, lang, pointer))}
                      >
                        {s('translations.strays.remove')}
                      </button>
                      <FieldProblems diagnostics={diagnostics} pointer={at} />
                    </li>
                  );
                })}
              </ul>
            </section>
          )}
        </>
      )}
      <AddLanguage doc={doc} setDoc={setDoc} name={name} onAdded={(code) => setSaid(s('translations.add.added', { language: name(code) }))} />
    </div>
  );
}
