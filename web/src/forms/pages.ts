/**
 * The step layer above RJSF: which of a form's pages are shown for the current answers (their `showWhen`), and the
 * questions that exist for the current answers (conditional `if/then/else` and `dependencies` resolved by RJSF's
 * schema utilities) for the review page, and the answers to those questions only (what a page sends).
 */
import { createSchemaUtils, type RJSFSchema, type ValidatorType } from '@rjsf/utils';
import type { FormPage } from '../../../engine/browser.ts';
import { pageShown } from './show-when.ts';

/** The pages shown for these answers, in order. */
export function visiblePages(pages: FormPage[], answers: Record<string, unknown>): FormPage[] {
  return pages.filter((page) => pageShown(page.showWhen, answers));
}

/** The form schema with conditional branches resolved for these answers (by the form's `validator`). */
export function resolvedSchema(validator: ValidatorType, schema: RJSFSchema, answers: Record<string, unknown>): RJSFSchema {
  return createSchemaUtils(validator, schema).retrieveSchema(schema, answers);
}

/**
 * Of `answers`, those to the questions `schema` asks for them: its top-level properties once its conditional branches
 * are resolved. An answer to a question no longer asked (its condition changed, or the questionnaire did) is left out.
 */
export function askedAnswers(validator: ValidatorType, schema: RJSFSchema, answers: Record<string, unknown>): Record<string, unknown> {
  const asked = new Set(Object.keys(resolvedSchema(validator, schema, answers).properties ?? {}));
  return Object.fromEntries(Object.entries(answers).filter(([name]) => asked.has(name)));
}
