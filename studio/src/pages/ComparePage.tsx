/**
 * Comparing two versions of a program (by default the version in force against the draft): the engine's changes in
 * plain words, the two definitions side by side (monaco's diff editor), and what changes for each test case.
 */
import { ScrollTable } from '../../../web/src/shared/ScrollTable.tsx';
import { useEffect, useState } from 'react';
import { api } from '../../../web/src/shared/api.ts';
import { errorText, useTitle } from '../../../web/src/shared/components.tsx';
import { LoadError } from '../../../web/src/shared/DeterminationView.tsx';
import { formatMoney } from '../../../web/src/shared/format.ts';
import { useLoad } from '../../../web/src/shared/hooks.ts';
import { useI18n } from '../../../web/src/shared/i18n.tsx';
import { Link, navigate, useLocation } from '../../../web/src/shared/router.tsx';
import { textOf } from '../draft/useDraft.ts';
import { DiffEditor } from '../editor/CodeEditor.tsx';
import { engine } from '../engine/client.ts';
import type { TestComparison } from '../engine/protocol.ts';
import { useText, type StudioText } from '../text.ts';
import type { DiffResult, DraftRecord, ProgramDetail } from '../types.ts';
import { stateLabel } from './ProgramPage.tsx';

function outcome(o: TestComparison['before'], lang: string, s: StudioText): string {
  if (!o) return '—';
  const amounts = Object.entries(o.benefits).map(([id, amount]) => `${id} ${formatMoney(amount, lang)}`);
  return [s(`eligibility.${o.eligibility}` as never), ...amounts].join(', ');
}

/** The compare page. */
export function ComparePage({ programId }: { programId: string }) {
  const { t, lang } = useI18n();
  const s = useText();
  const { search } = useLocation();
  const base = `/api/programs/${encodeURIComponent(programId)}`;
  const program = useLoad(() => api<ProgramDetail>('GET', base), [programId]);
  const versions = program.data?.versions ?? [];
  const draft = versions.find((v) => v.status === 'draft');
  const defaultFrom = program.data?.current?.version ?? versions.filter((v) => v.status === 'published').at(-1)?.version;
  const defaultTo = draft?.version ?? versions.at(-1)?.version;
  const from = search.get('from') ?? (defaultFrom !== undefined ? String(defaultFrom) : '');
  const to = search.get('to') ?? (defaultTo !== undefined ? String(defaultTo) : '');
  useTitle(s('compare.heading'), s('site.title'));
  const docOf = (v: string) => api<DraftRecord>('GET', `${base}/versions/${encodeURIComponent(v)}`);
  const result = useLoad(async () => {
    if (!from || !to) return null;
    const [diff, a, b] = await Promise.all([api<DiffResult>('GET', `${base}/diff?from=${from}&to=${to}`), docOf(from), docOf(to)]);
    return { diff, a: textOf(a.doc), b: textOf(b.doc) };
  }, [programId, from, to]);
  const [cases, setCases] = useState<TestComparison[] | null>(null);
  useEffect(() => {
    setCases(null);
    if (!result.data) return;
    let live = true;
    engine.testAgainst(result.data.b, result.data.a).then(
      (r) => live && setCases(r.comparisons),
      () => live && setCases([]),
    );
    return () => {
      live = false;
    };
  }, [result.data]);

  if (program.error !== undefined) return <LoadError message={errorText(program.error, t)} />;
  const choose = (which: 'from' | 'to', value: string) => {
    const next = new URLSearchParams({ from, to, [which]: value });
    navigate(`/studio/programs/${encodeURIComponent(programId)}/compare?${next.toString()}`, true);
  };
  const picker = (which: 'from' | 'to', value: string) => (
    <div>
      <label className="usa-label" htmlFor={`compare-${which}`}>
        {s(which === 'from' ? 'compare.from' : 'compare.to')}
      </label>
      <select className="usa-select" id={`compare-${which}`} value={value} onChange={(e) => choose(which, e.target.value)}>
        {versions.map((v) => (
          <option key={v.version} value={String(v.version)}>
            {s('programs.version', { version: v.version })} ({stateLabel(v, s)})
          </option>
        ))}
      </select>
    </div>
  );
  const changed = (cases ?? []).filter((c) => c.changed);
  return (
    <>
      <p className="margin-0">
        <Link className="usa-link" href={`/studio/programs/${encodeURIComponent(programId)}`}>
          {program.data?.title ?? programId}
        </Link>
      </p>
      <h1 className="margin-y-1">{s('compare.heading')}</h1>
      <div className="mandate-toolbar">
        {picker('from', from)}
        {picker('to', to)}
      </div>
      {result.error !== undefined && <LoadError message={errorText(result.error, t)} />}
      {result.loading && <p>{t('common.loading')}</p>}
      {result.data && (
        <>
          <section aria-labelledby="changes-heading">
            <h2 id="changes-heading">{s('compare.changes')}</h2>
            {result.data.diff.changes.length === 0 ? (
              <p>{s('compare.noChanges')}</p>
            ) : (
              <ul className="usa-list" data-testid="diff-words">
                {result.data.diff.changes.map((c, i) => (
                  <li key={`${c.path}-${i}`}>
                    <span className="usa-tag margin-right-1">{s(`change.${c.kind}` as never)}</span>
                    {c.text}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="cases-heading">
            <h2 id="cases-heading">{s('compare.cases')}</h2>
            {cases === null ? (
              <p>{t('common.loading')}</p>
            ) : cases.length === 0 ? (
              <p>{s('tests.none')}</p>
            ) : (
              <>
                <p>{s('compare.casesSummary', { changed: changed.length, total: cases.length })}</p>
                <ScrollTable label={s('compare.cases')}>
                  <table className="usa-table usa-table--compact width-full">
                    <thead>
                      <tr>
                        <th scope="col">{s('compare.case')}</th>
                        <th scope="col">{s('programs.version', { version: from })}</th>
                        <th scope="col">{s('programs.version', { version: to })}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {cases.map((c) => (
                        <tr key={c.name} className={c.changed ? 'mandate-row--changed' : undefined}>
                          <th scope="row">
                            {c.name}
                            {c.changed && <span className="usa-tag margin-left-1">{s('compare.changed')}</span>}
                          </th>
                          <td>{outcome(c.before, lang, s)}</td>
                          <td>{outcome(c.after, lang, s)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </ScrollTable>
              </>
            )}
          </section>
          <section aria-labelledby="json-heading">
            <h2 id="json-heading">{s('compare.json')}</h2>
            <DiffEditor
              original={result.data.a}
              modified={result.data.b}
              label={s('compare.jsonLabel', { from, to })}
              originalLabel={s('programs.version', { version: from })}
              modifiedLabel={s('programs.version', { version: to })}
              uri={`mandate://compare/${programId}/${from}-${to}`}
            />
          </section>
        </>
      )}
    </>
  );
}
