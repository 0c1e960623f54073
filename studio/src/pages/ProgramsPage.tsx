/**
 * The studio's start: every program with what is in force, what is scheduled and whether a draft is open, a
 * "New program" button (the guided start from a template), and importing a program (one JSON document, or a program folder as a .zip) as a new draft.
 */
import { ScrollTable } from '../../../web/src/shared/ScrollTable.tsx';
import { useRef, useState } from 'react';
import { api } from '../../../web/src/shared/api.ts';
import { Alert, errorText, useTitle } from '../../../web/src/shared/components.tsx';
import { LoadError } from '../../../web/src/shared/DeterminationView.tsx';
import { formatDate } from '../../../web/src/shared/format.ts';
import { useLoad } from '../../../web/src/shared/hooks.ts';
import { useI18n } from '../../../web/src/shared/i18n.tsx';
import { Link, navigate } from '../../../web/src/shared/router.tsx';
import { DiagnosticList } from '../components/DiagnosticList.tsx';
import { useText } from '../text.ts';
import type { Diagnostic, DraftResult, EditorProgramSummary } from '../types.ts';

/** Reads a chosen file as the body of `POST /api/programs/import`: a .zip as it is, JSON as JSON. */
async function importBody(file: File): Promise<Blob | unknown> {
  if (/\.zip$/i.test(file.name) || file.type === 'application/zip') return new Blob([await file.arrayBuffer()], { type: 'application/zip' });
  const text = await file.text();
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${file.name}: ${(error as Error).message}`);
  }
}

function ImportForm() {
  const { t } = useI18n();
  const s = useText();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ message: string; diagnostics: Diagnostic[] } | null>(null);
  const submit = async () => {
    const file = input.current?.files?.[0];
    if (!file) {
      setProblem({ message: s('import.choose'), diagnostics: [] });
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const result = await api<DraftResult>('POST', '/api/programs/import', await importBody(file));
      navigate(`/studio/programs/${encodeURIComponent(result.draft.programId)}/draft`);
    } catch (error) {
      const diagnostics = ((error as { diagnostics?: Diagnostic[] }).diagnostics ?? []) as Diagnostic[];
      setProblem({ message: errorText(error, t), diagnostics });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="import-heading" className="margin-top-5">
      <h2 id="import-heading">{s('import.heading')}</h2>
      <p>{s('import.intro')}</p>
      {problem && (
        <Alert type="error" heading={s('import.failed')} focus>
          <p>{problem.message}</p>
          <DiagnosticList diagnostics={problem.diagnostics} />
        </Alert>
      )}
      <form
        className="usa-form maxw-none"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="usa-label" htmlFor="import-file">
          {s('import.file')}
        </label>
        <span className="usa-hint" id="import-file-hint">
          {s('import.fileHint')}
        </span>
        <input
          className="usa-file-input"
          id="import-file"
          type="file"
          accept=".json,.zip,application/json,application/zip"
          ref={input}
          aria-describedby="import-file-hint"
        />
        <button type="submit" className="usa-button margin-top-2" disabled={busy}>
          {busy ? t('common.loading') : s('import.submit')}
        </button>
      </form>
    </section>
  );
}

/** The program list. */
export function ProgramsPage() {
  const { t, lang } = useI18n();
  const s = useText();
  useTitle(s('programs.heading'), s('site.title'));
  const programs = useLoad(() => api<EditorProgramSummary[]>('GET', `/api/programs?lang=${lang}`), [lang]);
  return (
    <>
      <h1>{s('programs.heading')}</h1>
      <p className="usa-intro">{s('programs.intro')}</p>
      <p>
        <Link className="usa-button" href="/studio/new">
          {s('new.button')}
        </Link>
      </p>
      {programs.loading && !programs.data && <p>{t('common.loading')}</p>}
      {programs.error !== undefined && <LoadError message={errorText(programs.error, t)} />}
      {programs.data && (
        <ScrollTable label={s('programs.heading')}>
          <table className="usa-table usa-table--borderless width-full">
            <thead>
              <tr>
                <th scope="col">{s('programs.program')}</th>
                <th scope="col">{s('programs.inForce')}</th>
                <th scope="col">{s('programs.scheduled')}</th>
                <th scope="col">{s('programs.draft')}</th>
              </tr>
            </thead>
            <tbody>
              {programs.data.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link className="usa-link" href={`/studio/programs/${encodeURIComponent(p.id)}`}>
                      {p.title}
                    </Link>
                    <span className="display-block font-mono-3xs text-base">{p.id}</span>
                  </th>
                  <td>
                    {p.current
                      ? s('programs.versionSince', { version: p.current.version, date: formatDate(p.current.effectiveFrom, lang) })
                      : s('programs.none')}
                  </td>
                  <td>
                    {(p.upcoming ?? []).length === 0
                      ? s('programs.none')
                      : (p.upcoming ?? []).map((u) => (
                          <span className="display-block" key={u.version}>
                            {s('programs.versionFrom', { version: u.version, date: formatDate(u.effectiveFrom, lang) })}
                          </span>
                        ))}
                  </td>
                  <td>
                    {p.draft ? (
                      <Link className="usa-link" href={`/studio/programs/${encodeURIComponent(p.id)}/draft`}>
                        {s('programs.openDraft', { version: p.draft.version })}
                      </Link>
                    ) : (
                      s('programs.none')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      <ImportForm />
    </>
  );
}
