/**
 * `validate(doc)`: the door every program definition passes before it is compiled.
 *
 *   document ──▶ format schema (ajv strict, allErrors) ──▶ normalize + semantic checks ──▶ { program?, diagnostics }
 *
 * The format check comes first; when it fails, its diagnostics are returned alone (the semantic checks need a
 * document of the right shape). The semantic checks are split by concern under `engine/validate/`: form, uiSchema
 * (widgets, keys), patterns (catastrophic backtracking), parameters, references (formulas, conditions, message and
 * notice placeholders, derived cycles), optional questions the decision needs, the screener's questions and the
 * referral's texts, ids, workflow, translations, tests.
 */
import { diagnostic } from '../messages/definition.ts';
import { normalize, type NormalizedProgram } from '../normalize/index.ts';
import { withDefaults } from '../normalize/defaults.ts';
import type { Diagnostic, Program } from '../format/types.ts';
import { createContext } from './context.ts';
import { checkForm } from './form.ts';
import { validateFormat } from './format.ts';
import { checkIds } from './ids.ts';
import { checkParameters } from './parameters.ts';
import { checkReferences } from './references.ts';
import { checkTests } from './tests.ts';
import { checkTranslations } from './translations.ts';
import { checkWorkflow } from './workflow.ts';
import { checkAfterSubmission } from './notices.ts';
import { checkOptionalNeeded } from './needed.ts';
import { checkPatterns } from './patterns.ts';
import { checkUiSchema } from './ui-schema.ts';
import { checkScreener } from './screener.ts';
import { pointer } from '../format/pointer.ts';

/** What `validate` returns: the typed program when nothing blocks compiling it, and every diagnostic found. */
export interface ValidationResult {
  /** Set when there is no diagnostic of severity `error`. */
  program?: NormalizedProgram;
  diagnostics: Diagnostic[];
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** True when any diagnostic has severity `error`. */
export function hasErrors(diagnostics: Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/**
 * Checks a program document against the format schema and then for meaning: unknown names, unreachable workflow
 * states, missing parameter values, translations, and so on. Diagnostics are sorted errors first, then by path.
 * Never throws on bad input.
 */
export function validate(doc: unknown): ValidationResult {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    const actual = doc === null ? 'null' : Array.isArray(doc) ? 'a list' : typeof doc;
    return { diagnostics: [diagnostic('document.not-object', '', { actual })] };
  }
  const written = doc as Record<string, unknown>;
  if (written.extends !== null && typeof written.extends === 'object' && !('layer' in written)) {
    const base = written.extends as { program?: unknown; version?: unknown };
    return { diagnostics: [diagnostic('extends.unresolved', '/extends', { base: String(base.program), version: String(base.version) })] };
  }
  const formatDiagnostics = validateFormat(doc);
  if (formatDiagnostics.length > 0) return { diagnostics: sortDiagnostics(formatDiagnostics) };

  // Semantic checks read the document as written, its defaults written in (their pointers land where the author
  // wrote each part); the program handed on is the normalized one (shared conditions resolved).
  const program = withDefaults(doc as Program);
  const normalized = normalize(program);
  const ctx = createContext(program);
  ctx.diagnostics.push(...normalized.diagnostics);
  checkForm(ctx);
  checkUiSchema(ctx);
  checkPatterns(ctx);
  checkParameters(ctx);
  checkIds(ctx);
  checkReferences(ctx);
  checkOptionalNeeded(ctx, normalized.program);
  checkScreener(ctx);
  checkWorkflow(ctx);
  checkAfterSubmission(ctx);
  checkTranslations(ctx);
  checkTests(ctx);
  for (const name of Object.keys(program.parameters)) {
    if (!ctx.parameterUses.has(name)) ctx.report('parameter.unused', pointer('parameters', name), { name });
  }
  const diagnostics = sortDiagnostics(ctx.diagnostics);
  return hasErrors(diagnostics) ? { diagnostics } : { program: normalized.program, diagnostics };
}

/** One place of a definition that names a parameter. */
export interface ParameterUseSite {
  /** JSON Pointer of the formula, condition, message, benefit limit or deadline. */
  path: string;
  /** The place in words, as diagnostics name it (e.g. `rule "gross-income" › conditions.all[0]`). */
  where: string;
}

/**
 * Where each parameter of a definition is used, found by the same walk as the reference checks of `validate`: a
 * parameter no place names is absent. `undefined` when the document does not fit the format (nothing can be walked).
 */
export function parameterUses(doc: unknown): Record<string, ParameterUseSite[]> | undefined {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc) || validateFormat(doc).length > 0) return undefined;
  const ctx = createContext(withDefaults(doc as Program));
  checkReferences(ctx);
  return Object.fromEntries([...ctx.parameterUses].map(([name, paths]) => [name, paths.map((path) => ({ path, where: ctx.where(path) }))]));
}

/** Sorts diagnostics errors first, then warnings, then infos; within a severity by path (stable). */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
