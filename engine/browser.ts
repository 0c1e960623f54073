/**
 * The engine's browser-safe entry: the parts the applicant and staff pages (`web/`) run in the browser, with
 * nothing that would pull ajv's compiler, json-schema-to-typescript or prettier into their bundle. `engine/index.ts`
 * re-exports all of it, so a name means the same through either entry.
 *
 * Here: the types of the format and of what the engine returns (an impact summary included), the format's id and
 * roles, the operator table, and the one interpreter of the condition format (the pages decide a page's `showWhen`
 * with it, as the server does).
 */
export type * from './format/types.ts';
export { FORMAT_SCHEMA_ID, ROLES } from './format/types.ts';
export { OPERATORS, MEMBER_OPERATORS } from './languages/conditions/operators.ts';
export {
  decideCondition,
  checkCondition,
  foldCondition,
  type ConditionOutcome,
  type ConditionFacts,
  type ConditionProblem,
} from './languages/conditions/interpret.ts';
// The guided start's id suggestion and check, and the words of its problems (the studio checks as you type).
export { suggestId, PROGRAM_ID_PATTERN } from './format/program-id.ts';
export { JURISDICTION_NAMES, jurisdictionName, appliesIn, programsIn, statesWithPrograms, type PlacedProgram } from './format/jurisdictions.ts';
export { TEMPLATE_MESSAGES, type TemplateCode } from './messages/template.ts';
export type { BehindReport } from './extend/report.ts';
export type {
  ImpactSummary,
  ImpactTally,
  ImpactSample,
  ImpactCategory,
  ImpactStatus,
  ImpactDifference,
  ImpactVersion,
  BenefitImpact,
  HistogramBin,
} from './tools/impact.ts';
// The shared vocabulary of question concepts (issue 16): the consent and confirm steps show their labels.
export {
  CONCEPTS,
  conceptById,
  conceptLabel,
  conceptSchema,
  conceptTypeProblem,
  shareable,
  prefill,
  type Concept,
  type ConceptType,
  type PrefilledAnswer,
  type SharedMember,
} from './format/concepts.ts';
