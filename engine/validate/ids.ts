/**
 * Checks that rules and benefits have unique ids (pages, transitions and deadlines are checked with the form and
 * the workflow, test names with the tests).
 */
import type { CheckContext } from './context.ts';
import { pointer } from '../format/pointer.ts';

/** Adds a diagnostic for every rule or benefit id used a second time. */
export function checkIds(ctx: CheckContext): void {
  const lists = [
    { key: 'rules', items: ctx.program.rules, code: 'rule.duplicate-id' },
    { key: 'benefits', items: ctx.program.benefits, code: 'benefit.duplicate-id' },
  ] as const;
  for (const { key, items, code } of lists) {
    const first = new Map<string, number>();
    items.forEach((item, i) => {
      const seen = first.get(item.id);
      if (seen === undefined) first.set(item.id, i);
      else ctx.report(code, pointer(key, i, 'id'), { id: item.id, first: seen + 1, second: i + 1 });
    });
  }
}
