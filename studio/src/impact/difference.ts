/**
 * The first difference between a sample case's two determinations (the engine's `ImpactDifference`, from
 * `firstDifference`) in an analyst's words: what differs (a rule by its title, a derived value or benefit by its
 * title, or the result), how it reads under each version, and for a rule the conditions behind the change, each in
 * words with the value seen and what it was compared with under each version (`explain.ts`).
 */
import type { ConditionTrace, Determination, ImpactDifference, Program } from '../../../engine/index.ts';
import type { StudioText } from '../text.ts';
import { conditionWords, glossary, showValue } from '../draft/explain.ts';

/** A difference in words: `subject` reads `before` under the earlier version and `after` under the later one. */
export interface DifferenceWords {
  subject: string;
  before: string;
  after: string;
  /** For a rule: each condition whose outcome, value or threshold changed, in words under the later version, with the earlier threshold. */
  conditions: { text: string; was: string | null }[];
}

function statusWords(status: string, s: StudioText): string {
  return status === 'invalid' ? s('impact.status.invalid') : s(`eligibility.${status}` as never);
}

function ruleTitle(rule: string, a: Determination, b: Determination): string {
  return b.reasons.find((r) => r.rule === rule)?.title ?? a.reasons.find((r) => r.rule === rule)?.title ?? rule;
}

function conditionsOf(d: Determination, rule: string): ConditionTrace[] {
  const trace = d.trace.find((t) => t.rule === rule);
  return trace ? [...trace.conditions, ...(trace.waiver ?? [])] : [];
}

/**
 * `difference` in words. `doc` is the later version (the draft): its titles name the facts and values; the earlier
 * determination's own values are shown as they were.
 */
export function differenceWords(
  difference: ImpactDifference,
  before: Determination,
  after: Determination,
  doc: Program,
  lang: string,
  s: StudioText,
): DifferenceWords {
  const names = glossary(doc);
  switch (difference.kind) {
    case 'rule': {
      const earlier = new Map(conditionsOf(before, difference.rule).map((c) => [c.path, c]));
      const conditions = conditionsOf(after, difference.rule)
        .filter((c) => {
          const e = earlier.get(c.path);
          return (
            !e ||
            e.outcome !== c.outcome ||
            JSON.stringify(e.value) !== JSON.stringify(c.value) ||
            JSON.stringify(e.threshold) !== JSON.stringify(c.threshold)
          );
        })
        .map((c) => {
          const words = conditionWords(c, names, lang, s);
          const e = earlier.get(c.path);
          const was = e && JSON.stringify(e.threshold) !== JSON.stringify(c.threshold) ? conditionWords(e, names, lang, s).threshold : null;
          return {
            text: `${words.subject} (${words.value}) ${words.operator} ${words.threshold}: ${s(`condition.${c.outcome}` as never)}`,
            was,
          };
        });
      const outcome = (o: string | null) => (o === null ? s('impact.diff.absent') : s(`outcome.${o}` as never));
      return { subject: ruleTitle(difference.rule, before, after), before: outcome(difference.before), after: outcome(difference.after), conditions };
    }
    case 'value': {
      const named = names.get(difference.name);
      return {
        subject: named?.title ?? difference.name,
        before: showValue(difference.before, named?.unit, lang, s),
        after: showValue(difference.after, named?.unit, lang, s),
        conditions: [],
      };
    }
    case 'benefit': {
      const title = after.benefits.find((b) => b.id === difference.benefit)?.title ?? before.benefits.find((b) => b.id === difference.benefit)?.title;
      const amount = (n: number | null) => (n === null ? s('impact.diff.noAmount') : showValue(n, 'USD', lang, s));
      return { subject: title ?? difference.benefit, before: amount(difference.before), after: amount(difference.after), conditions: [] };
    }
    case 'status':
      return { subject: s('impact.diff.result'), before: statusWords(difference.before, s), after: statusWords(difference.after, s), conditions: [] };
  }
}
