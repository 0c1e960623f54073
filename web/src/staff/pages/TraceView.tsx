/** A determination's trace for caseworkers: per rule, each condition's value, operator, threshold and parameter. */
import type { Determination } from '../../../../engine/browser.ts';
import { formatDate } from '../../shared/format.ts';
import { useI18n } from '../../shared/i18n.tsx';

function show(value: unknown): string {
  if (value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Renders the trace as one table per rule. */
export function TraceView({ determination }: { determination: Determination }) {
  const { t, lang } = useI18n();
  const titles = new Map(determination.reasons.map((r) => [r.rule, r.title]));
  return (
    <details className="margin-top-2">
      <summary className="text-bold">{t('staff.trace')}</summary>
      {determination.trace.map((rule) => (
        <table className="usa-table usa-table--compact width-full" key={rule.rule}>
          <caption>
            {titles.get(rule.rule) ?? rule.rule}: {t(`outcome.${rule.outcome}`)}
          </caption>
          <thead>
            <tr>
              <th scope="col">Fact</th>
              <th scope="col">{t('staff.traceValue')}</th>
              <th scope="col">Operator</th>
              <th scope="col">{t('staff.traceThreshold')}</th>
              <th scope="col">Outcome</th>
            </tr>
          </thead>
          <tbody>
            {rule.conditions.map((c) => (
              <tr key={c.path}>
                <td>
                  {c.fact}
                  {c.factPath ?? ''}
                </td>
                <td>{show(c.value)}</td>
                <td>{c.operator}</td>
                <td>
                  {show(c.threshold)}
                  {c.thresholdFact && <span className="display-block text-base-dark">{c.thresholdFact}</span>}
                  {(c.parameters ?? []).map((p) => (
                    <span className="display-block text-base-dark font-body-3xs" key={`${p.name}-${p.key ?? ''}`}>
                      {t('staff.traceParam', { name: p.name, date: formatDate(p.effectiveFrom, lang) })}
                      {p.reference?.citation ? ` (${p.reference.citation})` : ''}
                    </span>
                  ))}
                </td>
                <td>{c.outcome}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </details>
  );
}
