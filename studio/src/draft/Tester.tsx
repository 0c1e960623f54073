/**
 * The tester: a household (the answers typed in the preview, a test case's input, or pasted JSON) evaluated by the
 * draft as of any date, explained for an analyst; "Save as test case" adds it to the draft's tests with the expected
 * values the analyst confirms.
 */
import { useState } from 'react';
import type { Determination, Program, TestCase } from '../../../engine/index.ts';
import { Alert } from '../../../web/src/shared/components.tsx';
import { formatDate, formatMoney } from '../../../web/src/shared/format.ts';
import { useI18n } from '../../../web/src/shared/i18n.tsx';
import { engine } from '../engine/client.ts';
import { useText } from '../text.ts';
import { Explanation } from './Explanation.tsx';

/** Props: the draft text and its last valid document, the preview's answers, and a way to add a test case. */
export interface TesterProps {
  text: string;
  doc: Program;
  previewAnswers: Record<string, unknown>;
  onAddTest: (test: TestCase) => void;
}

const today = () => new Date().toISOString().slice(0, 10);

/** The tester panel. */
export function Tester({ text, doc, previewAnswers, onAddTest }: TesterProps) {
  const { lang } = useI18n();
  const s = useText();
  const [source, setSource] = useState<string>('preview');
  const [pasted, setPasted] = useState('{}');
  const [date, setDate] = useState(today());
  const [result, setResult] = useState<{ determination: Determination; answers: Record<string, unknown> } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [testName, setTestName] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const [keep, setKeep] = useState({ eligibility: true, benefits: true, reasons: false });
  const tests = doc.tests ?? [];

  const household = (): Record<string, unknown> => {
    if (source === 'preview') return previewAnswers;
    if (source === 'paste') {
      const parsed = JSON.parse(pasted) as unknown;
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(s('tester.pasteObject'));
      return parsed as Record<string, unknown>;
    }
    return tests[Number(source)]?.input ?? {};
  };

  const run = async () => {
    setProblem(null);
    setSaved(null);
    try {
      const answers = household();
      const out = await engine.evaluate(text, answers, date, doc.languages?.includes(lang) ? lang : undefined, source === 'preview');
      if (!out.determination) {
        setResult(null);
        setProblem(s('tester.notCompiled', { count: out.diagnostics.filter((d) => d.severity === 'error').length }));
        return;
      }
      setResult({ determination: out.determination, answers });
    } catch (error) {
      setProblem(s('tester.badHousehold', { detail: (error as Error).message }));
    }
  };

  const save = () => {
    if (!result) return;
    const name = testName.trim();
    if (!name) {
      setProblem(s('tester.nameRequired'));
      return;
    }
    if (tests.some((t) => t.name === name)) {
      setProblem(s('tester.nameTaken', { name }));
      return;
    }
    const d = result.determination;
    const expected: TestCase['expected'] = {};
    if (keep.eligibility) expected.eligibility = d.eligibility;
    if (keep.benefits && d.benefits.length > 0) expected.benefits = Object.fromEntries(d.benefits.map((b) => [b.id, b.amount]));
    if (keep.reasons) expected.reasons = Object.fromEntries(d.reasons.map((r) => [r.rule, r.outcome]));
    onAddTest({ name, date, input: result.answers, expected });
    setSaved(s('tester.saved', { name }));
    setTestName('');
  };

  return (
    <div>
      <form
        className="usa-form maxw-none"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <label className="usa-label margin-top-0" htmlFor="tester-source">
          {s('tester.household')}
        </label>
        <select
          className="usa-select"
          id="tester-source"
          value={source}
          onChange={(e) => {
            setSource(e.target.value);
            // A test case is evaluated as of its own date unless the analyst picks another.
            const test = tests[Number(e.target.value)];
            if (test?.date) setDate(test.date);
          }}
        >
          <option value="preview">{s('tester.fromPreview', { count: Object.keys(previewAnswers).length })}</option>
          {tests.map((t, i) => (
            <option key={t.name} value={String(i)}>
              {s('tester.fromTest', { name: t.name })}
            </option>
          ))}
          <option value="paste">{s('tester.paste')}</option>
        </select>
        {source === 'paste' && (
          <>
            <label className="usa-label" htmlFor="tester-json">
              {s('tester.pasteLabel')}
            </label>
            <textarea className="usa-textarea font-mono-2xs" id="tester-json" value={pasted} onChange={(e) => setPasted(e.target.value)} rows={6} />
          </>
        )}
        <label className="usa-label" htmlFor="tester-date">
          {s('tester.date')}
        </label>
        <input className="usa-input" type="date" id="tester-date" value={date} onChange={(e) => setDate(e.target.value || today())} />
        <button type="submit" className="usa-button margin-top-2">
          {s('tester.evaluate')}
        </button>
      </form>
      {problem && (
        <Alert type="error" slim>
          {problem}
        </Alert>
      )}
      {result && (
        <section aria-labelledby="tester-result" className="margin-top-3" data-testid="tester-result">
          <h3 id="tester-result">{s('tester.result', { date: formatDate(date, lang) })}</h3>
          <p className="usa-sr-only" aria-live="polite">
            {s(`eligibility.${result.determination.eligibility}` as never)}
            {result.determination.benefits.map((b) => ` ${b.title}: ${formatMoney(b.amount, lang)}`).join('')}
          </p>
          <Explanation determination={result.determination} doc={doc} headingLevel={4} />
          <form
            className="usa-form maxw-none margin-top-3 border-top border-base-lighter padding-top-2"
            onSubmit={(e) => {
              e.preventDefault();
              save();
            }}
          >
            <h4 className="margin-0">{s('tester.saveHeading')}</h4>
            <label className="usa-label" htmlFor="test-name">
              {s('tester.testName')}
            </label>
            <input className="usa-input" id="test-name" value={testName} onChange={(e) => setTestName(e.target.value)} />
            <fieldset className="usa-fieldset margin-top-2">
              <legend className="usa-legend">{s('tester.expect')}</legend>
              {(['eligibility', 'benefits', 'reasons'] as const).map((k) => (
                <div className="usa-checkbox" key={k}>
                  <input
                    className="usa-checkbox__input"
                    type="checkbox"
                    id={`expect-${k}`}
                    checked={keep[k]}
                    onChange={(e) => setKeep({ ...keep, [k]: e.target.checked })}
                  />
                  <label className="usa-checkbox__label" htmlFor={`expect-${k}`}>
                    {k === 'eligibility'
                      ? s('tester.expectEligibility', { value: s(`eligibility.${result.determination.eligibility}` as never) })
                      : k === 'benefits'
                        ? s('tester.expectBenefits', {
                            value: result.determination.benefits.map((b) => `${b.title} ${formatMoney(b.amount, lang)}`).join(', ') || '—',
                          })
                        : s('tester.expectReasons', { count: result.determination.reasons.length })}
                  </label>
                </div>
              ))}
            </fieldset>
            <button type="submit" className="usa-button usa-button--outline margin-top-2">
              {s('tester.save')}
            </button>
            {saved && (
              <Alert type="success" slim>
                {saved}
              </Alert>
            )}
          </form>
        </section>
      )}
    </div>
  );
}
