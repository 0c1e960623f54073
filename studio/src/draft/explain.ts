/**
 * Reading a determination as a policy analyst does: facts by their question or derived-value title, parameters by
 * their description, amounts as money, operators in words.
 */
import type { ConditionTrace, Program } from '../../../engine/index.ts';
import { formatDate, formatMoney } from '../../../web/src/shared/format.ts';
import type { StudioText } from '../text.ts';

interface Named {
  title: string;
  unit?: string;
}

/** Titles and units of every fact, derived value and parameter of a program. */
export function glossary(doc: Program): Map<string, Named> {
  const out = new Map<string, Named>();
  const properties = ((
    doc.form?.schema as { properties?: Record<string, { title?: string; items?: { properties?: Record<string, { title?: string }> } }> }
  )?.properties ?? {}) as Record<string, { title?: string; items?: { properties?: Record<string, { title?: string }> } }>;
  for (const [name, p] of Object.entries(properties)) {
    out.set(name, { title: p.title ?? name });
    for (const [inner, q] of Object.entries(p.items?.properties ?? {})) out.set(`${name}.${inner}`, { title: q.title ?? inner });
  }
  for (const [name, d] of Object.entries(doc.derived ?? {})) out.set(name, { title: d.title ?? name, unit: d.unit });
  // A parameter's description is its title (without the sentence's closing period, so "Title: value" reads well).
  for (const [name, p] of Object.entries(doc.parameters ?? {}))
    out.set(`param:${name}`, { title: (p.description ?? name).replace(/\.$/, ''), unit: p.unit });
  return out;
}

/** A value as the analyst reads it: money with its currency, dates long-form, lists joined. */
export function showValue(value: unknown, unit: string | undefined, lang: string, s: StudioText): string {
  if (value === undefined || value === null) return s('tester.unknownValue');
  if (typeof value === 'number' && unit?.startsWith('USD')) {
    const period = unit.split('/')[1];
    return `${formatMoney(value, lang)}${period ? ` ${s(period === 'month' ? 'unit.perMonth' : period === 'year' ? 'unit.perYear' : 'unit.perWeek')}` : ''}`;
  }
  if (typeof value === 'number') return `${value.toLocaleString(lang === 'es' ? 'es-US' : 'en-US')}${unit && unit !== 'ratio' ? ` ${unit}` : ''}`;
  if (typeof value === 'boolean') return value ? s('tester.yes') : s('tester.no');
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value, lang);
  if (Array.isArray(value)) return value.map((v) => showValue(v, unit, lang, s)).join(', ');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The words of an operator ("is at most"). */
export function operatorWords(operator: string, s: StudioText): string {
  const key = `op.${operator}` as Parameters<StudioText>[0];
  const words = s(key);
  return words === key ? operator : words;
}

/** A condition in words: "Gross monthly income ($2,000 per month) is at most Gross income limit ($2,608 per month)". */
export function conditionWords(
  c: ConditionTrace,
  names: Map<string, Named>,
  lang: string,
  s: StudioText,
): { subject: string; value: string; operator: string; threshold: string } {
  const fact = names.get(c.factPath ? `${c.fact}.${c.factPath.replace(/^[.[\]$*\d]+/, '')}` : c.fact) ?? names.get(c.fact);
  const thresholdName = c.thresholdFact ? (names.get(c.thresholdFact) ?? names.get(`param:${c.thresholdFact}`)) : undefined;
  const paramUnit = c.parameters?.[0] ? names.get(`param:${c.parameters[0].name}`)?.unit : undefined;
  return {
    subject: fact?.title ?? c.fact,
    value: showValue(c.value, fact?.unit, lang, s),
    operator: operatorWords(c.operator, s),
    threshold: `${thresholdName ? `${thresholdName.title}: ` : ''}${showValue(c.threshold, thresholdName?.unit ?? paramUnit ?? fact?.unit, lang, s)}`,
  };
}
