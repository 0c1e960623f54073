/**
 * The step layer above RJSF: which of a form's pages are shown for the current answers (their `showWhen`), and the
 * questions that exist for the current answers (conditional `if/then/else` and `dependencies` resolved by RJSF's
 * schema utilities) for the review page.
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
