/**
 * The results of an impact run, big numbers first: who gains, who loses, who newly needs more information and what it
 * costs per year; then the cost per benefit, the distribution of monthly changes and the breakdown, each chart with
 * its data table (the table is the accessible form; the chart is hidden from screen readers); then sample cases with
 * both results side by side; and the whole as a CSV built in the browser.
 */
import { lazy, Suspense, useMemo } from 'react';
import { localize, type HistogramBin, type ImpactSummary, type Program } from '../../../engine/index.ts';
import { formatDate, formatDateTime, formatMoney, formatNumber } from '../../../web/src/shared/format.ts';
import { useI18n } from '../../../web/src/shared/i18n.tsx';
import { ScrollTable } from '../../../web/src/shared/ScrollTable.tsx';
import { glossary } from '../draft/explain.ts';
import { useText, type StudioText } from '../text.ts';
import type { ImpactJob } from '../types.ts';
import { SampleCases } from './SampleCases.tsx';
import {
  benefitRows,
  bigNumbers,
  binShape,
  breakdownRows,
  impactCsv,
  shownBins,
  type BenefitRow,
  type BigNumbers,
  type CsvWords,
} from './summary.ts';

const ImpactChart = lazy(() => import('./ImpactChart.tsx'));

/** `+$1,234` / `−$1,234` / `$0`: a change of money, signed. */
export function signedMoney(amount: number, lang: string): string {
  if (amount > 0) return `+${formatMoney(amount, lang)}`;
  if (amount < 0) return `−${formatMoney(-amount, lang)}`;
  return formatMoney(0, lang);
}

/** A histogram bin's range in words, e.g. "+$10 to +$25", "Less than −$500", "No change". */
export function binLabel(bin: HistogramBin, lang: string, s: StudioText): string {
  const shape = binShape(bin);
  switch (shape.kind) {
    case 'zero':
      return s('impact.bin.zero');
    case 'below':
      return s('impact.bin.below', { limit: signedMoney(shape.limit, lang) });
    case 'above':
      return s('impact.bin.above', { limit: signedMoney(shape.limit, lang) });
    default:
      return s('impact.bin.range', { from: signedMoney(shape.from, lang), to: signedMoney(shape.to, lang) });
  }
}

/** A breakdown group's key in words: "Not answered" for `(none)`, yes/no for booleans, numbers as the page writes them. */
export function groupLabel(key: string, lang: string, s: StudioText): string {
  if (key === '(none)') return s('impact.noneGroup');
  if (key === 'true') return s('tester.yes');
  if (key === 'false') return s('tester.no');
  return /^\d+$/.test(key) ? formatNumber(Number(key), lang) : key;
}

const FIGURES: (keyof BigNumbers)[] = [
  'households',
  'gains',
  'newlyEligible',
  'amountUp',
  'losses',
  'newlyIneligible',
  'amountDown',
  'newlyNeedsInformation',
  'newlyInvalid',
  'unchanged',
  'annualChange',
  'monthlyChange',
];

/** The CSV's words in the page's language. */
function csvWords(summary: ImpactSummary, s: StudioText, byTitle: string): CsvWords {
  return {
    overview: s('impact.csv.overview', { after: summary.after.version, before: summary.before.version, date: summary.asOf }),
    figure: s('impact.csv.figure'),
    value: s('impact.csv.value'),
    figures: Object.fromEntries(FIGURES.map((k) => [k, s(`impact.fig.${k}` as never)])) as CsvWords['figures'],
    benefits: s('impact.benefits'),
    benefitHeadings: [
      s('impact.col.benefit'),
      s('impact.col.recipientsBefore', { version: summary.before.version }),
      s('impact.col.recipientsAfter'),
      s('impact.col.yearlyBefore', { version: summary.before.version }),
      s('impact.col.yearlyAfter'),
      s('impact.col.annualChange'),
      s('impact.col.averageChange'),
    ],
    histogram: (benefit) => s('impact.histogram', { benefit }),
    histogramHeadings: [s('impact.csv.min'), s('impact.csv.max'), s('impact.col.households')],
    breakdown: s('impact.breakdown', { field: byTitle }),
    breakdownHeadings: ['households', 'gains', 'losses', 'newlyNeedsInformation', 'annualChange'],
    group: byTitle,
  };
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started from the object URL; free it once the click's task is over.
  window.setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The big numbers of a run: who gains, who loses, who newly needs more information, the cost per year, and the rest. */
export function ImpactNumbers({ summary }: { summary: ImpactSummary }) {
  const { lang } = useI18n();
  const s = useText();
  const big = bigNumbers(summary);
  const n = (x: number) => formatNumber(x, lang);
  const cost =
    big.annualChange > 0
      ? s('impact.costMore', { amount: formatMoney(big.annualChange, lang) })
      : big.annualChange < 0
        ? s('impact.costLess', { amount: formatMoney(-big.annualChange, lang) })
        : s('impact.costSame');
  return (
    <>
      <ul className="mandate-impact-numbers" data-testid="impact-numbers">
        <li className="mandate-impact-number mandate-impact-number--gain" data-testid="impact-gains">
          <span className="mandate-impact-number__value">{s('impact.gains', { count: n(big.gains) })}</span>
          <span className="mandate-impact-number__detail">{s('impact.gainsDetail', { eligible: n(big.newlyEligible), up: n(big.amountUp) })}</span>
        </li>
        <li className="mandate-impact-number mandate-impact-number--loss" data-testid="impact-losses">
          <span className="mandate-impact-number__value">{s('impact.losses', { count: n(big.losses) })}</span>
          <span className="mandate-impact-number__detail">
            {s('impact.lossesDetail', { ineligible: n(big.newlyIneligible), down: n(big.amountDown) })}
          </span>
        </li>
        <li className="mandate-impact-number" data-testid="impact-needs-info">
          <span className="mandate-impact-number__value">{s('impact.needsInfo', { count: n(big.newlyNeedsInformation) })}</span>
          <span className="mandate-impact-number__detail">{s('impact.needsInfoDetail')}</span>
        </li>
        <li className="mandate-impact-number mandate-impact-number--cost" data-testid="impact-cost">
          <span className="mandate-impact-number__value">{cost}</span>
          <span className="mandate-impact-number__detail">{s('impact.costDetail', { monthly: signedMoney(big.monthlyChange, lang) })}</span>
        </li>
      </ul>
      <p>{s('impact.rest', { unchanged: n(big.unchanged), households: n(big.households) })}</p>
      {big.newlyInvalid > 0 && <p>{s('impact.invalid', { count: n(big.newlyInvalid) })}</p>}
    </>
  );
}

/** The results of a finished job. */
export function ImpactResults({ job, summary, doc }: { job: ImpactJob; summary: ImpactSummary; doc: Program }) {
  const { lang } = useI18n();
  const s = useText();
  const n = (x: number) => formatNumber(x, lang);
  // The draft's titles in the page's language (the summary carries the program's own language).
  const shown = useMemo(() => localize(doc, lang), [doc, lang]);
  const names = glossary(shown);
  const titleOf = (id: string, fallback: string) => shown.benefits?.find((b) => b.id === id)?.title ?? fallback;
  const byTitle = summary.by ? (names.get(summary.by)?.title ?? summary.by) : '';
  const benefits = benefitRows(summary);
  const groups = breakdownRows(summary);
  const exportCsv = () =>
    download(
      `impact-${summary.after.programId}-v${summary.after.version}-vs-v${summary.before.version}-${summary.asOf}.csv`,
      impactCsv(summary, csvWords(summary, s, byTitle)),
    );

  return (
    <div className="mandate-impact-results" data-testid="impact-results">
      <p className="margin-top-0" data-testid="impact-ran">
        {s('impact.ranOn', {
          after: summary.after.version,
          before: summary.before.version,
          date: formatDate(summary.asOf, lang),
          count: n(summary.households),
          when: formatDateTime(job.finishedAt ?? job.startedAt, lang),
        })}
      </p>
      <h3>{s('impact.bigNumbers')}</h3>
      <ImpactNumbers summary={summary} />
      <button type="button" className="usa-button usa-button--outline" onClick={exportCsv}>
        {s('impact.export')}
      </button>

      {benefits.length > 0 && (
        <>
          <h3>{s('impact.benefits')}</h3>
          <ScrollTable label={s('impact.benefits')}>
            <table className="usa-table usa-table--compact usa-table--borderless width-full" data-testid="impact-benefits">
              <caption className="usa-sr-only">{s('impact.benefits')}</caption>
              <thead>
                <tr>
                  <td />
                  {benefits.map((b) => (
                    <th scope="col" key={b.id} className="mandate-num">
                      {titleOf(b.id, b.title)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {(
                  [
                    [s('impact.col.recipientsBefore', { version: summary.before.version }), (b) => n(b.recipientsBefore)],
                    [s('impact.col.recipientsAfter'), (b) => n(b.recipientsAfter)],
                    [s('impact.col.yearlyBefore', { version: summary.before.version }), (b) => formatMoney(b.yearlyBefore, lang)],
                    [s('impact.col.yearlyAfter'), (b) => formatMoney(b.yearlyAfter, lang)],
                    [s('impact.col.annualChange'), (b) => signedMoney(b.annualChange, lang)],
                    [s('impact.col.averageChange'), (b) => signedMoney(Math.round(b.averageMonthlyChange * 100) / 100, lang)],
                  ] as [string, (b: BenefitRow) => string][]
                ).map(([label, value]) => (
                  <tr key={label}>
                    <th scope="row">{label}</th>
                    {benefits.map((b) => (
                      <td key={b.id} className="mandate-num">
                        {value(b)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        </>
      )}

      {Object.entries(summary.histogram).map(([id, bins]) => {
        const title = s('impact.histogram', { benefit: titleOf(id, summary.benefits[id]?.title ?? id) });
        const rows = shownBins(bins).map((bin) => ({
          label: binLabel(bin, lang, s),
          count: bin.count,
          tone: bin.min === null || bin.min < 0 ? ('loss' as const) : bin.max === 0 ? ('same' as const) : ('gain' as const),
        }));
        return (
          <section key={id} className="mandate-impact-chart" aria-labelledby={`impact-histogram-${id}`} data-testid="impact-histogram">
            <h3 id={`impact-histogram-${id}`}>{title}</h3>
            <p className="text-base-dark">{s('impact.histogramDescription')}</p>
            <Suspense fallback={null}>
              <ImpactChart kind="histogram" rows={rows} lang={lang} />
            </Suspense>
            <ScrollTable label={title}>
              <table className="usa-table usa-table--compact usa-table--borderless width-full">
                <caption className="usa-sr-only">{title}</caption>
                <thead>
                  <tr>
                    <th scope="col">{s('impact.col.change')}</th>
                    <th scope="col" className="mandate-num">
                      {s('impact.col.households')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.label}>
                      <th scope="row">{r.label}</th>
                      <td className="mandate-num">{n(r.count)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
          </section>
        );
      })}

      {summary.by !== null && groups.length > 0 && (
        <section className="mandate-impact-chart" aria-labelledby="impact-breakdown" data-testid="impact-breakdown">
          <h3 id="impact-breakdown">{s('impact.breakdown', { field: byTitle })}</h3>
          <p className="text-base-dark">{s('impact.breakdownDescription')}</p>
          <Suspense fallback={null}>
            <ImpactChart
              kind="breakdown"
              rows={groups.map((g) => ({ label: groupLabel(g.key, lang, s), gains: g.gains, losses: g.losses }))}
              names={{ gains: s('impact.chartGains'), losses: s('impact.chartLosses') }}
              lang={lang}
            />
          </Suspense>
          <ScrollTable label={s('impact.breakdown', { field: byTitle })}>
            <table className="usa-table usa-table--compact usa-table--borderless width-full">
              <caption className="usa-sr-only">{s('impact.breakdown', { field: byTitle })}</caption>
              <thead>
                <tr>
                  <th scope="col">{byTitle}</th>
                  <th scope="col" className="mandate-num">
                    {s('impact.col.households')}
                  </th>
                  <th scope="col" className="mandate-num">
                    {s('impact.col.gains')}
                  </th>
                  <th scope="col" className="mandate-num">
                    {s('impact.col.losses')}
                  </th>
                  <th scope="col" className="mandate-num">
                    {s('impact.col.needsInfo')}
                  </th>
                  <th scope="col" className="mandate-num">
                    {s('impact.col.annualChange')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {groups.map((g) => (
                  <tr key={g.key}>
                    <th scope="row">{groupLabel(g.key, lang, s)}</th>
                    <td className="mandate-num">{n(g.households)}</td>
                    <td className="mandate-num">{n(g.gains)}</td>
                    <td className="mandate-num">{n(g.losses)}</td>
                    <td className="mandate-num">{n(g.newlyNeedsInformation)}</td>
                    <td className="mandate-num">{signedMoney(g.annualChange, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        </section>
      )}

      <SampleCases summary={summary} doc={shown} />
    </div>
  );
}
