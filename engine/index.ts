/**
 * Mandate's engine: the public entry. `runtime/` and `studio/` import the engine only through this file (or, in
 * the browser, through `browser.ts`, which this file re-exports); `tests/engine/public-entry.test.ts` holds them to it.
 * Each phase is a folder:
 *
 *   load/ ─────────▶ validate/ ───▶ normalize/ ──────▶ compile/ ──────────▶ evaluate/ (evaluate, evaluateBatch) ──▶ Determination
 *   files → doc      doc → doc      defaults written,  NormalizedProgram →  + answers, date → outcome, reasons, trace
 *   + file map       + diagnostics  shared conditions  CompiledProgram
 *                                   resolved (validate calls it; `program` is its result)
 *
 * Under them: format/ (the schema, its types, pointers, hashes), languages/ (conditions and formulas), messages/.
 * Beside the pipeline: the workflow state machine (workflow/: `transition`, `availableTransitions`, `deadlines`),
 * and in tools/ version comparison (`diff`, `formatDiff`), the impact of a change over many households (`impact`), generated answer types (`types`), translations
 * (`localize`; `translationOf` reads either written form; `translationStatus` and `stampTranslations` tell and record
 * what each translation translated), new programs from templates (`instantiate`), the test runner (`runTests`) and
 * coverage. Everything here is pure: no disk, network, clock or
 * database; the date is always an argument.
 */
import { compileProgram, ProgramCompileError, type CompiledProgram } from './compile/index.ts';
import { contentHash } from './format/hash.ts';
import { diagnostic } from './messages/definition.ts';
import type { Diagnostic, Program } from './format/types.ts';
import { hasErrors, validate } from './validate/index.ts';

export * from './browser.ts';

export { validate, hasErrors, sortDiagnostics, parameterUses, type ValidationResult, type ParameterUseSite } from './validate/index.ts';
export { isCalendarDate, plainValue } from './validate/parameters.ts';
export { MESSAGES, DEFINITION_MESSAGES, diagnostic, type MessageCode } from './messages/definition.ts';
export {
  catalogue,
  list,
  orList,
  q,
  renderFrom,
  speak,
  SPOKEN,
  type AnyCatalogue,
  type Catalogue,
  type Entry,
  type Lang,
  type Params,
  type Texts,
} from './messages/catalogue.ts';
export { SUBMISSION_MESSAGES, type SubmissionCode } from './messages/submission.ts';
export { formatDate, formatUsd } from './messages/values.ts';
export { WORKFLOW_MESSAGES, type WorkflowRefusalCode } from './messages/workflow.ts';
export { programSchema } from './format/schema.ts';
export { normalize, resolveConditions, type NormalizeResult, type NormalizedProgram } from './normalize/index.ts';
export { withDefaults, type ProgramWithDefaults } from './normalize/defaults.ts';
export { contentHash, canonicalJson } from './format/hash.ts';
export { escapeSegment, parsePointer, pointer } from './format/pointer.ts';
export {
  assembleFolder,
  folderFiles,
  folderDiagnostics,
  locate,
  withFiles,
  KEYED_FILES,
  type FolderFiles,
  type FileMapEntry,
  type AssembledFolder,
  type AssembledVersion,
} from './load/folder.ts';
export {
  resolveLayer,
  layerOf,
  isLayer,
  baseHash,
  toLayer,
  toResolved,
  LAYER_METADATA,
  type LayerOrigin,
  type ResolveResult,
} from './extend/resolve.ts';
export { checkVersionSet, type VersionSource, type CheckedSource } from './extend/set.ts';
export { behindReport, formatBehind, layerChanges } from './extend/report.ts';
export { compileProgram, type CompiledProgram } from './compile/index.ts';
export { evaluate } from './evaluate/index.ts';
export {
  evaluateBatch,
  evaluateBatchColumns,
  ELIGIBILITY_NAMES,
  OUTCOME_CODES,
  type BatchColumns,
  type BatchOptions,
  type BatchStats,
  type DerivedCapture,
  type PreparedCache,
} from './evaluate/batch.ts';
export { analyzeFormula, FUNCTIONS, FUNCTION_SIGNATURES, type FormulaAnalysis } from './languages/formula/index.ts';
export { isIsoDate } from './languages/formula/dates.ts';
export {
  transition,
  availableTransitions,
  deadlines,
  analyzeWorkflow,
  decisionReasonsFor,
  evaluateGuard,
  decideGuard,
  parameterValueOn,
  type AvailableTransition,
  type ParamsLookup,
  type WorkflowAnalysis,
} from './workflow/machine.ts';
export {
  ACTIONS,
  ACTION_TYPES,
  checkAction,
  NOTICE_KINDS,
  NOTICE_PLACEHOLDERS,
  type ActionType,
  type NoticeKind,
  type NoticePlaceholder,
} from './workflow/actions.ts';
export { WIDGETS_BY_TYPE, WIDGET_COMPONENTS, widgetsFor } from './format/widgets.ts';
export { programsIn, statesWithPrograms, type PlacedProgram } from './format/jurisdictions.ts';
export { diff, formatDiff, parameterTitle, type Change, type ChangeArea, type ChangeList, type DiffOptions } from './tools/diff.ts';
export {
  impact,
  mergeImpact,
  firstDifference,
  groupKey,
  compareGroupKeys,
  ImpactError,
  IMPACT_CATEGORIES,
  type ImpactSummary,
  type ImpactTally,
  type ImpactOptions,
  type ImpactSample,
  type ImpactCategory,
  type ImpactStatus,
  type ImpactDifference,
  type ImpactVersion,
  type BenefitImpact,
  type HistogramBin,
} from './tools/impact.ts';
export { types, typeName } from './tools/answer-types.ts';
export {
  localize,
  translatableTexts,
  translationOf,
  recordedTranslation,
  translationStatus,
  stampTranslations,
  type TranslatableText,
  type TranslationEntry,
  type TranslationTable,
  type TranslationState,
  type TranslationStatus,
  type StampCount,
} from './tools/translations.ts';
export { instantiate, checkChoices, templateProblem, type TemplateChoices, type InstantiateResult } from './tools/template.ts';
export { formAjv, FORM_OPTIONS } from './validate/ajv.ts';
export { linearPattern, linearRegExp, type LinearPattern } from './validate/linear-regexp.ts';
export { answerBoundProblems, answerBytesBound, DEFAULT_ANSWER_LIMITS, type AnswerLimits } from './validate/answer-bounds.ts';
export { titleAt } from './compile/input.ts';
export { screenerForm, screenerQuestions, stillNeeded, type ScreenerForm } from './tools/screener.ts';
export { neededQuestions } from './validate/needed.ts';
export {
  runTests,
  formatTestReport,
  formatTrace,
  type TestReport,
  type TestResult,
  type TestFailure,
  type TestOptions,
} from './tools/test-runner.ts';
export {
  conditionCoverage,
  formatCoverage,
  type ConditionCoverage,
  type CoverageNode,
  type CoverageTotals,
  type RuleCoverage,
  type PageCoverage,
  type OutcomeCases,
} from './tools/coverage.ts';

/** What `compile` returns: the validated program, its compiled form when nothing blocks it, and all diagnostics. */
export interface CompileResult {
  program?: Program;
  compiled?: CompiledProgram;
  diagnostics: Diagnostic[];
}

/**
 * Validates a document and, when it has no errors, compiles it, stamped with its content hash. Warnings do not
 * block compiling. A compiler failure on a program that passed validation becomes a `compile.failed` diagnostic.
 */
export function compile(doc: unknown): CompileResult {
  const { program, diagnostics } = validate(doc);
  if (!program || hasErrors(diagnostics)) return { diagnostics };
  try {
    // The hash is the document's as written (the runtime stores and hashes that), not the normalized program's.
    return { program, compiled: compileProgram(program, contentHash(doc as Program)), diagnostics };
  } catch (err) {
    const path = err instanceof ProgramCompileError ? err.path : '';
    const detail = err instanceof ProgramCompileError ? err.message.slice(err.path.length + 2) : (err as Error).message;
    return { program, diagnostics: [...diagnostics, diagnostic('compile.failed', path, { detail })] };
  }
}
