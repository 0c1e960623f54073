/**
 * The runtime's one door to the engine (`engine/index.ts`): every engine call the services make goes through here,
 * and compiled programs are cached by content hash so a published version is compiled once per process.
 */
import * as engine from '../../engine/index.ts';
import type {
  Actor,
  BatchResult,
  DeadlineStatus,
  DecisionReason,
  Determination,
  Diagnostic,
  GuardContext,
  IsoDate,
  Program,
  TransitionResult,
} from '../../engine/index.ts';

/** The engine's compiled form of a program (opaque to the runtime). */
export type Compiled = NonNullable<ReturnType<typeof engine.compile>['compiled']>;

/** A validated and compiled program, or the diagnostics that stopped it. */
export interface CompileOutcome {
  program?: Program;
  compiled?: Compiled;
  diagnostics: Diagnostic[];
}

const cache = new Map<string, { program: Program; compiled: Compiled }>();

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Validates then compiles an untrusted document; `compiled` is present only when there are no errors. */
export function compileDocument(doc: unknown): CompileOutcome {
  const result = engine.compile(doc);
  if (!result.compiled || hasErrors(result.diagnostics)) return { program: result.program, diagnostics: result.diagnostics };
  return result;
}

/** The compiled form of a stored (already valid) version, from the cache when its hash was seen before. */
export function compiledFor(doc: Program, hash: string): Compiled {
  const hit = cache.get(hash);
  if (hit) return hit.compiled;
  const outcome = compileDocument(doc);
  if (!outcome.compiled) {
    const first = outcome.diagnostics.find((d) => d.severity === 'error');
    throw new Error(`Stored program ${doc.id} v${doc.version} no longer compiles: ${first?.path} ${first?.message}`);
  }
  cache.set(hash, { program: outcome.program!, compiled: outcome.compiled });
  return outcome.compiled;
}

/** Evaluates answers against a compiled program on `asOf`. */
export function evaluate(compiled: Compiled, input: unknown, options: { asOf: IsoDate; partial?: boolean; lang?: string }): Determination {
  return engine.evaluate(compiled, input, options);
}

/** Evaluates many answers on `asOf` on the engine's batch path: the decisions of `evaluate`, without explanations. */
export function evaluateBatch(compiled: Compiled, inputs: readonly unknown[], options: { asOf: IsoDate }): BatchResult[] {
  return engine.evaluateBatch(compiled, inputs, options);
}

const normalizedDocs = new WeakMap<Program, Program>();

/**
 * The stored document with its shared conditions resolved (`engine.normalize`): what guards and the applicant's
 * pages evaluate. Computed once per document object.
 */
export function normalized(doc: Program): Program {
  let out = normalizedDocs.get(doc);
  if (!out) {
    out = engine.normalize(doc).program;
    normalizedDocs.set(doc, out);
  }
  return out;
}

/** Asks the engine whether `actor` may fire `event` from `state`; guard `{param}` values are those in force on `asOf`. */
export function transition(program: Program, state: string, event: string, actor: Actor, context: GuardContext, asOf: IsoDate): TransitionResult {
  return engine.transition(normalized(program).workflow, state, event, actor, context, (name: string) =>
    engine.parameterValueOn(program.parameters, name, asOf),
  );
}

/** The decision reasons the program lists for `event` (one is required to take it when there are any). */
export function decisionReasonsFor(program: Program, event: string): DecisionReason[] {
  return engine.decisionReasonsFor(program.workflow, event);
}

/** A parameter's value in force on `asOf` (undefined when the program has no such parameter). */
export function parameterValue(program: Program, name: string, asOf: IsoDate): unknown {
  return engine.parameterValueOn(program.parameters, name, asOf);
}

/** The engine's deadline status of a case history on `asOf`. */
export function deadlines(program: Program, history: { state: string; at: string }[], asOf: IsoDate): DeadlineStatus[] {
  return engine.deadlines(program.workflow, history, program.parameters, asOf);
}

/** The program with its texts in `lang` (unchanged when `lang` is the source language or untranslated). */
export function localize(program: Program, lang: string): Program {
  return engine.localize(program, lang);
}

/** The ajv of form submissions (strict, all errors, Mandate's formats); `options` add ajv options. */
export function formAjv(options: Parameters<typeof engine.formAjv>[0] = {}) {
  return engine.formAjv(options);
}

/** The linear-time engine every definition pattern runs on (ajv's `code.regExp`). */
export const linearRegExp = engine.linearRegExp;

/** The canonical JSON of a value (sorted keys): equal texts for equal values. */
export function canonicalJson(value: unknown): string {
  return engine.canonicalJson(value);
}

/** The screener's questionnaire built from these programs' forms. */
export function screenerForm(programs: Program[]): engine.ScreenerForm {
  return engine.screenerForm(programs);
}

/** Of a screening's missing answers, those the program's rules and benefits need. */
export function stillNeeded(program: Program, missing: engine.MissingInput[]): engine.MissingInput[] {
  return engine.stillNeeded(program, missing);
}

/** sha256 of the canonical JSON of a document. */
export function contentHash(doc: unknown): string {
  return engine.contentHash(doc as Program);
}

/** The changes from `a` to `b`, as data and as words for a policy analyst. */
export function diffPrograms(a: Program, b: Program): { changes: engine.Change[]; text: string } {
  const changes = engine.diff(a, b);
  return { changes, text: engine.formatDiff(changes) };
}

/** Runs a program's own test cases. */
export function runTests(compiled: Compiled) {
  return engine.runTests(compiled);
}

/** The engine's impact summary (plain JSON). */
export type ImpactSummary = engine.ImpactSummary;

/**
 * The breakdown `impact` would use for `by` between two compiled versions (undefined: the engine's default), or
 * `{ error }` when `by` names neither a derived value nor a form field; runs `impact` over no households.
 */
export function impactBreakdown(before: Compiled, after: Compiled, by: string | undefined, asOf: IsoDate): { by: string | null } | { error: string } {
  try {
    return { by: engine.impact(before, after, [], { asOf, by, sampleSize: 0 }).by };
  } catch (err) {
    if (err instanceof engine.ImpactError) return { error: err.message };
    throw err;
  }
}
