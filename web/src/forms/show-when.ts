/**
 * Decides a page's `showWhen` in the browser with the engine's one condition interpreter (`decideCondition`, the
 * same meaning rules and guards have), over the top-level answers. An empty text answer counts as unanswered.
 * Parameters are not available in the browser and count as unknown. A page whose condition is unknown is shown
 * (it may hold the answers the condition needs); only a failing condition hides it. Unknown operators are refused
 * when the program is validated, so they never reach this point; should one arrive, the interpreter throws rather
 * than hiding the page silently.
 */
// The browser entry, not engine/index.ts: the public entry also exports the type generator, whose dependencies
// (json-schema-to-typescript, prettier) must not reach the applicant bundle.
import { decideCondition, type ConditionTree } from '../../../engine/browser.ts';

/** True when a page with this `showWhen` is shown for these answers (no condition: always shown). */
export function pageShown(showWhen: ConditionTree | undefined, answers: Record<string, unknown>): boolean {
  if (!showWhen) return true;
  const facts: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(answers)) if (value !== '') facts[key] = value;
  return decideCondition(showWhen, { facts }) !== 'fail';
}
