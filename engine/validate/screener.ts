/**
 * Checks of what the screener shows for a program: the questions it declares (`screener.questions`, names of form
 * fields) and the referral's texts, which reach applicants as written, so a template's placeholder ("Your state
 * agency", "replace with yours", "TODO", "<name>") is reported before it is published.
 */
import type { CheckContext } from './context.ts';
import { pointer } from '../format/pointer.ts';
import { suggest } from './suggest.ts';

/** Patterns of placeholder text, each with the words that name it in the warning. */
const PLACEHOLDERS: { pattern: RegExp; why: string; fields?: string[] }[] = [
  { pattern: /\breplace (it )?with\b/i, why: 'it says "replace with"' },
  { pattern: /\bexample (organi[sz]ation|agency|office)\b/i, why: 'it names an example organisation' },
  { pattern: /\b(TODO|TBD|FIXME|XXX)\b|lorem ipsum/i, why: 'it is a note to the author' },
  { pattern: /<[^<>]+>|\[[^[\]]+\]|\{[^{}]+\}/, why: 'it holds a blank to fill in' },
  // A name that says "your … agency" names no one (the instructions may well say "your state").
  { pattern: /^\s*(the )?your\b/i, why: 'it is not a name: it starts with "your"', fields: ['organisation'] },
];

/** Reports unknown screener questions and placeholder-looking referral texts. */
export function checkScreener(ctx: CheckContext): void {
  const questions = ctx.program.screener?.questions ?? [];
  questions.forEach((question, i) => {
    if (!ctx.fields.has(question))
      ctx.report('screener.unknown-question', pointer('screener', 'questions', i), { question, suggestion: suggest(question, ctx.fields.keys()) });
  });
  const referral = ctx.program.referral;
  if (!referral) return;
  for (const field of ['organisation', 'instructions', 'phone', 'url'] as const) {
    const text = referral[field];
    if (typeof text !== 'string') continue;
    const found = PLACEHOLDERS.find((p) => (!p.fields || p.fields.includes(field)) && p.pattern.test(text));
    if (found) ctx.report('referral.placeholder', pointer('referral', field), { field, text, why: found.why });
  }
}
