/**
 * The sample cases of an impact run, per kind of change (gains and losses first): for each household, both results
 * side by side (eligibility and each benefit's amount), the first rule outcome or value that differs in an analyst's
 * words, and on demand the household's answers and both full explanations (`Explanation.tsx`).
 */
import type { Determination, ImpactCategory, ImpactSample, ImpactSummary, Program } from '../../../engine/index.ts';
import { AnswerList } from '../../../web/src/shared/AnswerList.tsx';
import { describeAnswers } from '../../../web/src/forms/answers.ts';
import { formatMoney, formatNumber } from '../../../web/src/shared/format.ts';
import { useI18n } from '../../../web/src/shared/i18n.tsx';
import { ScrollTable } from '../../../web/src/shared/ScrollTable.tsx';
import { Explanation } from '../draft/Explanation.tsx';
import { useText, type StudioText } from '../text.ts';
import { differenceWords } from './difference.ts';

/** The order the samples are shown in: who gains, who loses, then the rest. */
const ORDER: ImpactCategory[] = [
  'newly-eligible',
  'amount-up',
  'newly-ineligible',
  'amount-down',
  'newly-needs-more-information',
  'newly-invalid',
  'unchanged',
];

function resultWords(d: Determination, s: StudioText): string {
  return d.inputErrors.length > 0 ? s('impact.status.invalid') : s(`eligibility.${d.eligibility}` as never);
}

function Sample({ sample, summary, doc }: { sample: ImpactSample; summary: ImpactSummary; doc: Program }) {
  const { t, lang } = useI18n();
  const s = useText();
  const { before, after } = sample;
  const ids = [...new Set([...after.benefits, ...before.benefits].map((b) => b.id))];
  const amount = (d: Determination, id: string) => {
    const b = d.benefits.find((x) => x.id === id);
    return b && d.eligibility === 'eligible' && d.inputErrors.length === 0 ? formatMoney(b.amount, lang) : '—';
  };
  const title = s('impact.sample', { number: formatNumber(sample.index + 1, lang) });
  const words = sample.difference ? differenceWords(sample.difference, before, after, doc, lang, s) : null;
  const answers = (sample.household && typeof sample.household === 'object' ? sample.household : {}) as Record<string, unknown>;
  const answerRows = doc.form.pages.flatMap((page) => describeAnswers(doc.form.schema, doc.form.uiSchema, page.fields, answers, t, lang));
  return (
    <article className="mandate-impact-sample" data-testid="impact-sample">
      <h5 className="margin-y-1">{title}</h5>
      <ScrollTable label={title}>
        <table className="usa-table usa-table--compact usa-table--borderless width-full">
          <caption className="usa-sr-only">{title}</caption>
          <thead>
            <tr>
              <td />
              <th scope="col">{s('impact.sampleVersion', { version: summary.before.version })}</th>
              <th scope="col">{s('impact.sampleDraft', { version: summary.after.version })}</th>
            </tr>
          </thead>
          <tbody>
            <tr className={resultWords(before, s) !== resultWords(after, s) ? 'mandate-row--changed' : undefined}>
              <th scope="row">{s('impact.sampleResult')}</th>
              <td>{resultWords(before, s)}</td>
              <td>{resultWords(after, s)}</td>
            </tr>
            {ids.map((id) => (
              <tr key={id} className={amount(before, id) !== amount(after, id) ? 'mandate-row--changed' : undefined}>
                <th scope="row">{after.benefits.find((b) => b.id === id)?.title ?? before.benefits.find((b) => b.id === id)?.title ?? id}</th>
                <td className="mandate-num">{amount(before, id)}</td>
                <td className="mandate-num">{amount(after, id)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
      <p className="margin-bottom-0">
        <strong>{s('impact.firstDifference')}:</strong>{' '}
        {words
          ? s('impact.diffLine', { subject: words.subject, before: words.before, after: words.after, beforeVersion: summary.before.version })
          : s('impact.diff.none')}
      </p>
      {words && words.conditions.length > 0 && (
        <ul className="usa-list margin-top-05">
          {words.conditions.map((c) => (
            <li key={c.text}>
              {c.text}
              {c.was && (
                <span className="display-block text-base-dark">{s('impact.diffWas', { version: summary.before.version, threshold: c.was })}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      <details className="margin-top-1">
        <summary>{s('impact.answers')}</summary>
        <AnswerList rows={answerRows} />
      </details>
      <details className="margin-top-1">
        <summary>{s('impact.explanations')}</summary>
        <div className="mandate-impact-sides">
          <div>
            <p className="text-bold">{s('impact.sampleVersion', { version: summary.before.version })}</p>
            <Explanation determination={before} doc={doc} headingLevel={4} />
          </div>
          <div>
            <p className="text-bold">{s('impact.sampleDraft', { version: summary.after.version })}</p>
            <Explanation determination={after} doc={doc} headingLevel={4} />
          </div>
        </div>
      </details>
    </article>
  );
}

/** The sample cases of `summary`, per category that has any. */
export function SampleCases({ summary, doc }: { summary: ImpactSummary; doc: Program }) {
  const { lang } = useI18n();
  const s = useText();
  const categories = ORDER.filter((c) => summary.samples[c].length > 0);
  if (categories.length === 0) return null;
  return (
    <section aria-labelledby="impact-samples" data-testid="impact-samples">
      <h3 id="impact-samples">{s('impact.samples')}</h3>
      <p className="text-base-dark">{s('impact.samplesIntro')}</p>
      {categories.map((c) => (
        <section key={c} aria-labelledby={`impact-samples-${c}`}>
          <h4 id={`impact-samples-${c}`}>
            {s(`impact.category.${c}` as never)} ({formatNumber(summary.categories[c], lang)})
          </h4>
          {summary.samples[c].map((sample) => (
            <Sample key={sample.index} sample={sample} summary={summary} doc={doc} />
          ))}
        </section>
      ))}
    </section>
  );
}
