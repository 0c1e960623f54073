/**
 * The draft's test cases, run by the engine after each pause in typing: pass or fail, and for a failure what was
 * expected, what came out and the rules that explain it; the condition coverage of the test cases (which outcomes of
 * each rule and condition no test exercises).
 */
import type { Program, TestReport } from '../../../engine/index.ts';
import { formatDate } from '../../../web/src/shared/format.ts';
import { useI18n } from '../../../web/src/shared/i18n.tsx';
import { useText } from '../text.ts';

function show(value: unknown): string {
  if (value === undefined || value === null) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The tests panel; `onGo` moves the editor to a test case. */
export function TestsPanel({ report, doc, onGo }: { report?: TestReport; doc: Program | null; onGo: (pointer: string) => void }) {
  const { lang } = useI18n();
  const s = useText();
  if (!report) return <p>{s('tests.notRun')}</p>;
  const titles = new Map((doc?.rules ?? []).map((r) => [r.id, r.title]));
  return (
    <div>
      <p className={report.failed > 0 ? 'text-secondary-dark text-bold' : 'text-green text-bold'} data-testid="tests-summary">
        {report.total === 0 ? s('tests.none') : s('tests.summary', { passed: report.passed, total: report.total, failed: report.failed })}
      </p>
      <ul className="usa-list usa-list--unstyled">
        {report.results.map((r) => (
          <li key={r.index} className="border-bottom-1px border-base-lighter padding-y-1">
            <span className={`usa-tag ${r.ok ? 'bg-green' : 'bg-secondary-dark'}`}>{r.ok ? s('tests.pass') : s('tests.fail')}</span>{' '}
            <button type="button" className="usa-button usa-button--unstyled" onClick={() => onGo(r.path)}>
              {r.name}
            </button>{' '}
            <span className="text-base-dark">{formatDate(r.date, lang)}</span>
            {r.failures.length > 0 && (
              <table className="usa-table usa-table--compact width-full margin-top-1">
                <caption className="usa-sr-only">{s('tests.failuresOf', { name: r.name })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{s('tests.what')}</th>
                    <th scope="col">{s('tests.expected')}</th>
                    <th scope="col">{s('tests.actual')}</th>
                    <th scope="col">{s('tests.because')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.failures.map((f, i) => (
                    <tr key={i}>
                      <td>{f.what}</td>
                      <td>{show(f.expected)}</td>
                      <td>{show(f.actual)}</td>
                      <td>
                        {f.trace.map((t) => (
                          <span className="display-block" key={t.rule}>
                            {titles.get(t.rule) ?? t.rule}: {s(`outcome.${t.outcome}` as never)}
                          </span>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
