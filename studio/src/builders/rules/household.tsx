/**
 * The household whose values the derived-value and benefit editors show as the analyst types: the tester's
 * household (the answers typed in the preview) or one of the draft's test cases. The draft is evaluated by the
 * engine worker (the one interpreter; the studio computes nothing itself) each time the definition changes.
 */
import { useEffect, useRef, useState } from 'react';
import type { Determination, TestCase } from '../../../../engine/index.ts';
import { useI18n } from '../../../../web/src/shared/i18n.tsx';
import { textOf } from '../../draft/useDraft.ts';
import { engine } from '../../engine/client.ts';
import { useText } from '../../text.ts';

const today = () => new Date().toISOString().slice(0, 10);

/** Which household: `preview` (the tester's answers) or a test case's index. */
export type HouseholdSource = 'preview' | number;

/** The evaluation of the draft for the chosen household, and the choice itself. */
export interface HouseholdValues {
  source: HouseholdSource;
  setSource: (source: HouseholdSource) => void;
  /** The draft's determination for the household; undefined while the draft does not compile or is being evaluated. */
  determination?: Determination;
  /** True when the draft has errors and so gives no values. */
  notCompiled: boolean;
}

/** Evaluates `doc` for the chosen household after every change of either. */
export function useHouseholdValues(doc: Record<string, unknown>, household: Record<string, unknown> | undefined): HouseholdValues {
  const { lang } = useI18n();
  const tests = (doc.tests ?? []) as TestCase[];
  const answers = household ?? {};
  const [chosen, setSource] = useState<HouseholdSource | null>(null);
  // Until the analyst picks one: the tester's household when it has answers, else the first test case.
  const source: HouseholdSource = chosen ?? (Object.keys(answers).length === 0 && tests.length > 0 ? 0 : 'preview');
  const test = typeof source === 'number' ? tests[source] : undefined;
  const [result, setResult] = useState<{ determination?: Determination; notCompiled: boolean }>({ notCompiled: false });
  const seq = useRef(0);
  const text = textOf(doc);
  const input = test ? test.input : answers;
  const inputKey = JSON.stringify(input);
  const languages = (doc.languages ?? []) as string[];
  // biome-ignore lint/correctness/useExhaustiveDependencies: `inputKey` stands for `input` (a new object each render).
  useEffect(() => {
    const mine = ++seq.current;
    engine.evaluate(text, input, test?.date ?? today(), languages.includes(lang) ? lang : undefined, !test).then(
      (out) => {
        if (mine === seq.current) setResult({ determination: out.determination, notCompiled: !out.determination });
      },
      () => undefined,
    );
  }, [text, inputKey, test?.date, lang]);
  return { source, setSource, ...result };
}

/** The picker of the household whose values are shown. */
export function HouseholdPicker({
  id,
  values,
  doc,
  household,
}: {
  id: string;
  values: HouseholdValues;
  doc: Record<string, unknown>;
  household?: Record<string, unknown>;
}) {
  const s = useText();
  const tests = (doc.tests ?? []) as TestCase[];
  return (
    <div className="mandate-household">
      <label className="usa-label margin-top-0" htmlFor={id}>
        {s('values.household')}
      </label>
      <select
        className="usa-select"
        id={id}
        value={String(values.source)}
        onChange={(e) => values.setSource(e.target.value === 'preview' ? 'preview' : Number(e.target.value))}
      >
        <option value="preview">{s('tester.fromPreview', { count: Object.keys(household ?? {}).length })}</option>
        {tests.map((t, i) => (
          <option key={t.name} value={String(i)}>
            {s('tester.fromTest', { name: t.name })}
          </option>
        ))}
      </select>
      {values.notCompiled && <p className="usa-hint margin-top-05">{s('values.notCompiled')}</p>}
    </div>
  );
}
