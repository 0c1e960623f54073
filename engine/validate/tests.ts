/**
 * Checks of the test cases: unique names, expectations that name rules, benefits and derived values the program
 * defines, and dates inside the version's effective period.
 */
import type { CheckContext } from './context.ts';
import { pointer } from '../format/pointer.ts';
import { suggest } from './suggest.ts';

/** Adds the diagnostics of the test cases. */
export function checkTests(ctx: CheckContext): void {
  const { program } = ctx;
  const names = new Map<string, number>();
  const known = {
    rule: program.rules.map((r) => r.id),
    benefit: program.benefits.map((b) => b.id),
    'derived value': Object.keys(program.derived),
  };
  program.tests.forEach((test, i) => {
    const first = names.get(test.name);
    if (first !== undefined) ctx.report('test.duplicate-name', pointer('tests', i, 'name'), { name: test.name, first: first + 1, second: i + 1 });
    else names.set(test.name, i);
    if (test.date < program.effectiveFrom) {
      ctx.report('test.date-out-of-range', pointer('tests', i, 'date'), {
        test: test.name,
        date: test.date,
        why: `before this version takes effect (${program.effectiveFrom})`,
      });
    } else if (program.effectiveTo && test.date > program.effectiveTo) {
      ctx.report('test.date-out-of-range', pointer('tests', i, 'date'), {
        test: test.name,
        date: test.date,
        why: `after this version ends (${program.effectiveTo})`,
      });
    }
    const groups = [
      { key: 'reasons', kind: 'rule' },
      { key: 'benefits', kind: 'benefit' },
      { key: 'values', kind: 'derived value' },
    ] as const;
    for (const { key, kind } of groups) {
      for (const name of Object.keys(test.expected[key] ?? {})) {
        if (!known[kind].includes(name)) {
          ctx.report('test.unknown-name', pointer('tests', i, 'expected', key, name), {
            test: test.name,
            kind,
            name,
            suggestion: suggest(name, known[kind]),
          });
        }
      }
    }
  });
}
