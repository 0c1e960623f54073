/**
 * The runtime's limits against abuse (issue 14), in one place: what anyone may send to the public endpoints, how big
 * an application's answers and a definition may be, and how long an abandoned draft is kept. Each has a default and
 * an environment variable (runtime/config.ts, README "Security"); tests set them through `startServer`'s `limits`.
 */
import type { ServiceContext } from './context.ts';

/** Every limit; `limitsOf` fills the ones a context leaves out with `DEFAULT_LIMITS`. */
export interface Limits {
  /** Applications one client address may start per hour (MANDATE_START_RATE_LIMIT). */
  startsPerHour: number;
  /** Requests that write (save, submit, resume, screen) one client address may send to the public endpoints per minute (MANDATE_PUBLIC_RATE_LIMIT). */
  publicWritesPerMinute: number;
  /** Characters of a text answer whose question sets no `maxLength` (MANDATE_ANSWER_TEXT_LIMIT). */
  answerText: number;
  /** Entries of a list answer whose question sets no `maxItems` (MANDATE_ANSWER_ITEMS_LIMIT). */
  answerItems: number;
  /** Days a draft application is kept after its last save before the scheduler deletes it; 0 keeps drafts forever (MANDATE_DRAFT_DAYS). */
  draftDays: number;
  /** Bytes of a definition (its JSON) accepted by import and save (MANDATE_DEFINITION_BYTES). */
  definitionBytes: number;
  /** Questions (form properties, at any depth) of a definition (MANDATE_DEFINITION_QUESTIONS). */
  definitionQuestions: number;
  /** Derived values of a definition (MANDATE_DEFINITION_DERIVED). */
  definitionDerived: number;
  /** Rules of a definition (MANDATE_DEFINITION_RULES). */
  definitionRules: number;
}

/** The defaults. */
export const DEFAULT_LIMITS: Limits = {
  startsPerHour: 30,
  publicWritesPerMinute: 300,
  answerText: 10_000,
  answerItems: 200,
  draftDays: 90,
  definitionBytes: 2 * 1024 * 1024,
  definitionQuestions: 2000,
  definitionDerived: 5000,
  definitionRules: 2000,
};

/** The context's limits, defaults filled in. */
export function limitsOf(ctx: Pick<ServiceContext, 'limits'>): Limits {
  return { ...DEFAULT_LIMITS, ...ctx.limits };
}
