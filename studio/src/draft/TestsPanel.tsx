/**
 * The draft's test cases, run by the engine after each pause in typing: pass or fail, and for a failure what was
 * expected, what came out and the rules that explain it; the condition coverage of the test cases (which outcomes of
 * each rule and condition no test exercises).
 */
import type { ConditionCoverage, CoverageNode, Program, TestReport } from '../../../engine/index.ts';
import { formatDate } from '../../../web/src/shared/format.ts';
import { useI18n } from '../../../web/src/shared/i18n.tsx';
import { ScrollTable } from '../../../web/src/shared/ScrollTable.tsx';
import { useState } from 'react';
import { useText } from '../text.ts';
import { type MissingAnswer, missingAnswers, withTestAnswer } from './test-answers.ts';

function show(value: unknown): string {
  if (value === undefined || value === null) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const OUTCOMES = ['pass', 'fail', 'unknown'] as const;

function Cell({ cases, names }: { cases: number[] | undefined; names: Map<number, string> }) {
  const s = useText();
  if (!cases || cases.length === 0) return <td className="mandate-gap">{s('coverage.gap')}</td>;
  return (
    <td title={cases.map((i) => names.get(i) ?? String(i)).join('\n')}>
      <span aria-hidden="true">✓ </span>
      {s('coverage.cases', { count: cases.length })}
    </td>
  );
}

function NodeRows({ nodes, names, onGo }: { nodes: CoverageNode[]; names: Map<number, string>; onGo: (pointer: string) => void }) {
  return (
    <>
      {nodes.map((n) => (
        <tr key={n.pointer}>
          <th scope="row" style={{ paddingLeft: `${0.5 + n.depth}rem` }}>
            <button type="button" className="usa-button usa-button--unstyled text-left" onClick={() => onGo(n.pointer)}>
              {n.label}
            </button>
          </th>
          {OUTCOMES.map((o) => (
            <Cell key={o} cases={n.outcomes[o]} names={names} />
          ))}
        </tr>
      ))}
    </>
  );
}

/** Which outcomes of each rule's conditions (and each page's `showWhen`) the test cases exercise. */
export function CoverageView({ coverage, onGo }: { coverage: ConditionCoverage; onGo: (pointer: string) => void }) {
  const s = useText();
  const names = new Map(coverage.cases.map((c) => [c.index, c.name]));
  const percent = coverage.possible ? Math.round((100 * coverage.covered) / coverage.possible) : 100;
  const head = (
    <thead>
      <tr>
        <th scope="col">{s('coverage.condition')}</th>
        {OUTCOMES.map((o) => (
          <th scope="col" key={o}>
            {s(`coverage.${o}` as never)}
          </th>
        ))}
      </tr>
    </thead>
  );
  return (
    <section aria-labelledby="coverage-heading" className="margin-top-4" data-testid="coverage">
      <h3 id="coverage-heading">{s('coverage.heading')}</h3>
      <p>{s('coverage.summary', { covered: coverage.covered, possible: coverage.possible, percent })}</p>
      <p className="text-base-dark">{s('coverage.explain')}</p>
      {coverage.rules.map((rule) => (
        <ScrollTable key={rule.rule} label={s('coverage.rule', { title: rule.title, covered: rule.covered, possible: rule.possible })}>
          <table className="usa-table usa-table--compact usa-table--borderless width-full">
            <caption>{s('coverage.rule', { title: rule.title, covered: rule.covered, possible: rule.possible })}</caption>
            {head}
            <tbody>
              <NodeRows nodes={rule.conditions} names={names} onGo={onGo} />
              {rule.waiver && rule.waiver.length > 0 && (
                <>
                  <tr>
                    <th scope="rowgroup" colSpan={4} className="text-italic">
                      {s('coverage.waiver')}
                    </th>
                  </tr>
                  <NodeRows nodes={rule.waiver} names={names} onGo={onGo} />
                </>
              )}
            </tbody>
          </table>
        </ScrollTable>
      ))}
      {coverage.pages.map((page) => (
        <ScrollTable key={page.page} label={s('coverage.page', { title: page.title, covered: page.covered, possible: page.possible })}>
          <table className="usa-table usa-table--compact usa-table--borderless width-full">
            <caption>{s('coverage.page', { title: page.title, covered: page.covered, possible: page.possible })}</caption>
            {head}
            <tbody>
              <NodeRows nodes={page.nodes} names={names} onGo={onGo} />
            </tbody>
          </table>
        </ScrollTable>
      ))}
    </section>
  );
}

/** A required question a failing test case does not answer, with a field to give the case its answer. */
function AddAnswer({ index, missing, onAnswer }: { index: number; missing: MissingAnswer; onAnswer: (value: unknown) => void }) {
  const s = useText();
  const [value, setValue] = useState(missing.kind === 'boolean' ? 'true' : '');
  const id = `test-${index}-answer-${missing.name}`;
  const label = s('tests.answerLabel', { title: missing.title });
  const answer = missing.kind === 'boolean' ? value === 'true' : missing.kind === 'number' ? Number(value) : value;
  const ready = missing.kind !== 'number' || (value.trim() !== '' && Number.isFinite(Number(value)));
  return (
    <div className="margin-top-1">
      <p className="margin-y-05">{s('tests.missingAnswer', { title: missing.title })}</p>
      <label className="usa-label margin-top-0" htmlFor={id}>
        {label}
      </label>
      <div className="display-flex flex-align-end">
        {missing.kind === 'boolean' ? (
          <select className="usa-select maxw-card" id={id} value={value} onChange={(e) => setValue(e.target.value)}>
            <option value="true">{s('tester.yes')}</option>
            <option value="false">{s('tester.no')}</option>
          </select>
        ) : (
          <input
            className="usa-input maxw-card"
            id={id}
            type={missing.kind === 'number' ? 'number' : 'text'}
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
        )}
        <button type="button" className="usa-button usa-button--outline margin-left-1" disabled={!ready} onClick={() => onAnswer(answer)}>
          {s('tests.addAnswer')}
        </button>
      </div>
    </div>
  );
}

/**
 * The tests panel; `onGo` moves the editor to a test case or a condition; with `onSetDoc`, a failing case that does
 * not answer a required question offers to add its answer.
 */
export function TestsPanel({
  report,
  coverage,
  doc,
  onGo,
  onSetDoc,
}: {
  report?: TestReport;
  coverage?: ConditionCoverage;
  doc: Program | null;
  onGo: (pointer: string) => void;
  onSetDoc?: (next: Record<string, unknown>) => void;
}) {
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
              // A long expected or actual value (a list of answers as JSON) scrolls inside the panel, not the page.
              <ScrollTable label={s('tests.failuresOf', { name: r.name })}>
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
              </ScrollTable>
            )}
            {!r.ok &&
              doc &&
              onSetDoc &&
              missingAnswers(doc as unknown as Record<string, unknown>, r.index).map((m) => (
                <AddAnswer
                  key={m.name}
                  index={r.index}
                  missing={m}
                  onAnswer={(value) => onSetDoc(withTestAnswer(doc as unknown as Record<string, unknown>, r.index, m.name, value))}
                />
              ))}
          </li>
        ))}
      </ul>
      {coverage && <CoverageView coverage={coverage} onGo={onGo} />}
    </div>
  );
}
