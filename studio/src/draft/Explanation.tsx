/**
 * A determination for a policy analyst: the outcome and amounts (the pages' own view), then every rule with each
 * condition in words, the values compared, and each parameter with its effective date and legal reference.
 */
import type { Determination, Program } from '../../../engine/index.ts';
import { DeterminationView } from '../../../web/src/shared/DeterminationView.tsx';
import { formatDate } from '../../../web/src/shared/format.ts';
import { useI18n } from '../../../web/src/shared/i18n.tsx';
import { ScrollTable } from '../../../web/src/shared/ScrollTable.tsx';
import { useText } from '../text.ts';
import { conditionWords, glossary, showValue } from './explain.ts';

/** The explanation of one determination under `doc`. */
export function Explanation({ determination, doc, headingLevel = 3 }: { determination: Determination; doc: Program; headingLevel?: 3 | 4 }) {
  const { lang } = useI18n();
  const s = useText();
  const names = glossary(doc);
  const titles = new Map(determination.reasons.map((r) => [r.rule, r.title]));
  const H = `h${headingLevel}` as 'h3';
  return (
    <div className="mandate-explanation">
      <DeterminationView determination={determination} headingLevel={3} staff />
      {determination.inputErrors.length > 0 && (
        <>
          <H>{s('tester.inputErrors')}</H>
          <ul className="usa-list">
            {determination.inputErrors.map((e, i) => (
              <li key={i}>{e.message}</li>
            ))}
          </ul>
        </>
      )}
      <H>{s('tester.rules')}</H>
      {determination.trace.map((rule) => (
        <ScrollTable key={rule.rule} label={`${titles.get(rule.rule) ?? rule.rule}: ${s(`outcome.${rule.outcome}` as never)}`}>
          <table className="usa-table usa-table--compact usa-table--borderless width-full">
            <caption>
              {titles.get(rule.rule) ?? rule.rule}: {s(`outcome.${rule.outcome}` as never)}
            </caption>
            <thead>
              <tr>
                <th scope="col">{s('tester.condition')}</th>
                <th scope="col">{s('tester.value')}</th>
                <th scope="col">{s('tester.compared')}</th>
                <th scope="col">{s('tester.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {[...rule.conditions, ...(rule.waiver ?? [])].map((c) => {
                const words = conditionWords(c, names, lang, s);
                return (
                  <tr key={c.path}>
                    <th scope="row">
                      {words.subject}
                      <span className="display-block font-mono-3xs text-base">{c.path}</span>
                    </th>
                    <td>{words.value}</td>
                    <td>
                      {words.operator} {words.threshold}
                      {(c.parameters ?? []).map((p) => (
                        <span className="display-block text-base-dark font-body-3xs" key={`${p.name}-${String(p.key ?? '')}`}>
                          {s('tester.parameter', {
                            title: names.get(`param:${p.name}`)?.title ?? p.name,
                            value: showValue(p.value, names.get(`param:${p.name}`)?.unit, lang, s),
                            date: formatDate(p.effectiveFrom, lang),
                          })}
                          {p.reference?.citation ? ` (${p.reference.citation})` : ''}
                        </span>
                      ))}
                    </td>
                    <td>{s(`condition.${c.outcome}` as never)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollTable>
      ))}
      {determination.parameters.length > 0 && (
        <>
          <H>{s('tester.parameters')}</H>
          <ul className="usa-list">
            {determination.parameters.map((p) => (
              <li key={`${p.name}-${String(p.key ?? '')}`}>
                {names.get(`param:${p.name}`)?.title ?? p.name}
                {p.key !== undefined ? ` [${String(p.key)}]` : ''}: {showValue(p.value, names.get(`param:${p.name}`)?.unit, lang, s)} —{' '}
                {s('tester.inForceFrom', { date: formatDate(p.effectiveFrom, lang) })}
                {p.reference?.citation && (
                  <>
                    {' '}
                    (
                    {p.reference.url ? (
                      <a className="usa-link" href={p.reference.url}>
                        {p.reference.citation}
                      </a>
                    ) : (
                      p.reference.citation
                    )}
                    )
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
