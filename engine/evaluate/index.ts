/**
 * Traced evaluation of one submission (docs/design.md §3): the determination with reasons, missing inputs by
 * title, benefits, derived values, the parameters used and, for every condition, what was compared with what.
 *
 *   input ─prune─▶ ─validate─▶ derived values ─▶ rules (three-valued, waivers) ─▶ eligibility ─▶ benefits
 */
import type {
  BenefitResult,
  ConditionTrace,
  Determination,
  Diagnostic,
  IsoDate,
  MissingInput,
  ParameterUse,
  Reason,
  RuleOutcome,
  RuleTrace,
} from '../format/types.ts';
import type { CompiledProgram, CompiledRule } from '../compile/index.ts';
import type { EvalContext, ParamUseRecord } from '../languages/formula/context.ts';
import { tracedPlan, type UseTable } from './prepared.ts';
import { externalValue, UNKNOWN, type Truth } from '../languages/formula/unknown.ts';
import type { CompiledLeaf } from '../languages/conditions/compile.ts';
import {
  bindInput,
  combine,
  computeBenefit,
  computeDerived,
  eligibilityOf,
  missingPaths,
  OUTCOME_NAMES,
  UNDECIDED,
  WAIVED,
  type EvalError,
  type OutcomeCode,
} from './steps.ts';
import { FormulaEvalError } from '../languages/formula/dates.ts';
import { fillTemplate } from '../messages/values.ts';
import { titleAt } from '../compile/input.ts';
import { SUBMISSION_MESSAGES } from '../messages/submission.ts';
import { translationOf } from '../tools/translations.ts';

/** Options of `evaluate`: the as-of date decides which parameters are in force. */
export interface EvaluateOptions {
  asOf: IsoDate;
  /** A partial submission (saved as you go): required answers not yet given are not input errors. */
  partial?: boolean;
  /** Language of the texts (from the program's translations) and of formatted values. Default "en". */
  lang?: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Throws a TypeError unless `asOf` is an ISO date. */
export function checkAsOf(asOf: unknown): asserts asOf is IsoDate {
  if (typeof asOf !== 'string' || !ISO_DATE.test(asOf)) {
    throw new TypeError(`asOf must be an ISO date written YYYY-MM-DD, e.g. "2025-10-15"; got ${JSON.stringify(asOf)}`);
  }
}

const untranslated = (_pointer: string, text: string): string => text;

/** A function giving the translated text of a program pointer, or the English text when there is none. */
export function translator(compiled: CompiledProgram, lang: string): (pointer: string, text: string) => string {
  const map = compiled.program.translations?.[lang];
  return map ? (pointer, text) => translationOf(map, pointer)?.text ?? text : untranslated;
}

/** Appends `use` unless the list already has it; creates the list on the first use. */
function addUse(list: ParameterUse[] | undefined, use: ParameterUse): ParameterUse[] {
  if (!list) return [use];
  if (!list.includes(use)) list.push(use);
  return list;
}

/** Turns lookup records into `ParameterUse`s, once per (parameter, key), in first-seen order. */
function dedupeUses(records: readonly ParamUseRecord[], made: UseTable): ParameterUse[] {
  let out: ParameterUse[] | undefined;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    out = addUse(out, made.useOf(r.p, r.key, r.value));
  }
  return out ?? [];
}

function leafTrace(leaf: CompiledLeaf, truth: Truth, ctx: EvalContext, made: UseTable, closure: (slot: number) => number[]): ConditionTrace {
  const threshold = ctx.lastThreshold;
  const t: ConditionTrace = {
    path: leaf.pointer,
    fact: leaf.fact,
    value: externalValue(ctx.lastFact),
    operator: leaf.operator,
    threshold: threshold !== null && typeof threshold === 'object' && !Array.isArray(threshold) ? { ...threshold } : externalValue(threshold),
    outcome: truth === 1 ? 'true' : truth === 0 ? 'false' : 'unknown',
  };
  if (leaf.name !== undefined) t.name = leaf.name;
  if (leaf.factPath !== undefined) t.factPath = leaf.factPath;
  if (leaf.thresholdFact !== undefined) t.thresholdFact = leaf.thresholdFact;
  let parameters: ParameterUse[] | undefined;
  if (leaf.thresholdDerivedSlot !== undefined) {
    // The threshold's parameters: those of its formula and of every derived value it reads (compile-time closure).
    const slots = closure(leaf.thresholdDerivedSlot);
    const uses = ctx.uses;
    for (let s = 0; s < slots.length; s++) {
      const to = ctx.derivedUseTo[slots[s]];
      for (let i = ctx.derivedUseFrom[slots[s]]; i < to; i++) parameters = addUse(parameters, made.useOf(uses[i].p, uses[i].key, uses[i].value));
    }
  }
  for (let s = 0; s < leaf.paramSlots.length; s++) {
    const p = ctx.params[leaf.paramSlots[s]];
    if (p && p.type !== 'table') parameters = addUse(parameters, made.useOf(p, undefined, p.value));
  }
  if (parameters) t.parameters = parameters;
  return t;
}

/** Where leaf traces go while one rule runs: one visitor per evaluation, pointed at the current list. */
interface TraceSink {
  into: ConditionTrace[];
  /** How many entries of `into` are filled. */
  n: number;
  visit: (leaf: CompiledLeaf, truth: Truth) => void;
}

function traceSink(ctx: EvalContext, made: UseTable, closure: (slot: number) => number[]): TraceSink {
  const sink = { into: [], n: 0 } as unknown as TraceSink;
  sink.visit = visitorOf(sink, ctx, made, closure);
  return sink;
}

/** The sink's visitor (returned unnamed: tsx's keepNames would rename a named closure on every evaluation). */
function visitorOf(sink: TraceSink, ctx: EvalContext, made: UseTable, closure: (slot: number) => number[]): TraceSink['visit'] {
  return (leaf, truth) => {
    sink.into[sink.n++] = leafTrace(leaf, truth, ctx, made, closure);
  };
}

/** Runs one rule with its full trace; the outcome equals `decideRule`'s (see conditions/run.ts). */
function traceRule(r: CompiledRule, ctx: EvalContext, errors: EvalError[], sink: TraceSink): { outcome: OutcomeCode | -1; trace: RuleTrace } {
  // Sized for every leaf (a full run visits each once); cut back below if an error stopped a run early.
  const conditions: ConditionTrace[] = new Array(r.conditions.leaves.length);
  const waiver: ConditionTrace[] = new Array(r.waiver ? r.waiver.leaves.length : 0);
  let filled = 0;
  const start = ctx.missing.length;
  let outcome: OutcomeCode | -1;
  try {
    sink.into = waiver;
    sink.n = 0;
    const w: Truth | -1 = r.waiver ? r.waiver.full(ctx, sink.visit) : -1;
    filled = sink.n;
    sink.into = conditions;
    sink.n = 0;
    if (w === 1) {
      try {
        r.conditions.full(ctx, sink.visit);
      } catch (e) {
        if (!(e instanceof FormulaEvalError)) throw e;
      }
      outcome = WAIVED;
    } else {
      outcome = combine(r.conditions.full(ctx, sink.visit), w);
    }
  } catch (e) {
    if (!(e instanceof FormulaEvalError)) throw e;
    errors.push({ path: r.pointer, message: e.message });
    outcome = -1;
  }
  const waiverFilled = sink.into === waiver ? sink.n : filled;
  const conditionsFilled = sink.into === conditions ? sink.n : 0;
  if (waiverFilled < waiver.length) waiver.length = waiverFilled;
  if (conditionsFilled < conditions.length) conditions.length = conditionsFilled;
  if (outcome !== UNDECIDED) ctx.missing.length = start;
  const name: RuleOutcome = outcome === -1 ? 'unknown' : OUTCOME_NAMES[outcome];
  const trace: RuleTrace = { rule: r.rule.id, outcome: name, conditions };
  if (r.waiver) trace.waiver = waiver;
  return { outcome, trace };
}

/** Evaluates one submission on `asOf` with explanations. Never throws for bad input; see `inputErrors`. */
export function evaluate(compiled: CompiledProgram, input: unknown, options: EvaluateOptions): Determination {
  checkAsOf(options.asOf);
  const lang = options.lang ?? 'en';
  const partial = options.partial ?? false;
  const program = compiled.program;
  const t = translator(compiled, lang);
  const prepared = compiled.input.prepare(input, partial, t, lang);
  const plan = tracedPlan(compiled);
  const ctx = plan.ctx;
  bindInput(compiled, ctx, prepared.data, options.asOf);
  const errors: EvalError[] = [];
  computeDerived(compiled, ctx, errors);

  const made = plan.uses;
  made.clear();
  const sink = traceSink(ctx, made, plan.closureOf);
  const codes: number[] = [];
  const trace: RuleTrace[] = [];
  for (const r of compiled.rules) {
    const result = traceRule(r, ctx, errors, sink);
    codes.push(result.outcome);
    trace.push(result.trace);
  }
  const eligibility = eligibilityOf(codes);

  const lookup = names(compiled, plan.answerUnits, ctx, prepared.data);
  const benefits: BenefitResult[] = [];
  if (eligibility === 'eligible') {
    for (const b of compiled.benefits) {
      const amount = computeBenefit(b, ctx, errors);
      if (amount === undefined) continue;
      const def = b.benefit;
      const unit = def.unit ?? 'USD';
      // Passed as it is written, not named: tsx's keepNames would rename a named closure on every evaluation.
      const explanation = def.messages?.explanation
        ? fillTemplate(
            t(`${b.pointer}/messages/explanation`, def.messages.explanation),
            (n: string) => (n === def.id ? { value: amount, unit } : lookup(n)),
            lang,
          )
        : '';
      const result: BenefitResult = { id: def.id, title: t(`${b.pointer}/title`, def.title), amount, period: def.period, explanation };
      if (def.unit) result.unit = def.unit;
      if (def.reference) result.reference = def.reference;
      benefits.push(result);
    }
  }

  const missing: MissingInput[] = missingPaths(prepared.missing, ctx).map((path) => ({
    path,
    title: prepared.missing.find((m) => m.path === path)?.title ?? titleAt(program.form.schema, path, t, lang),
  }));

  const pointers = plan.rulePointers;
  const reasons: Reason[] = compiled.rules.map((r, i) => {
    const outcome = trace[i].outcome;
    const p = pointers[i];
    let text: string;
    if (outcome === 'waived') text = t(p.waiver, r.rule.waiver?.message ?? '');
    else if (outcome === 'unknown') {
      text =
        r.rule.messages.unknown !== undefined
          ? t(p.unknown, r.rule.messages.unknown)
          : SUBMISSION_MESSAGES.render('evaluation.needs-information', { titles: missing.map((m) => m.title) }, lang);
    } else text = t(outcome === 'pass' ? p.pass : p.fail, r.rule.messages[outcome]);
    const reason: Reason = { rule: r.rule.id, title: t(p.title, r.rule.title), outcome, text: fillTemplate(text, lookup, lang) };
    if (r.rule.reference) reason.reference = r.rule.reference;
    if (r.rule.event) reason.event = r.rule.event;
    return reason;
  });

  const order = plan.values;
  const values: Record<string, unknown> = { ...order.template };
  for (let i = 0; i < order.names.length; i++) values[order.names[i]] = externalValue(ctx.derived[order.slots[i]]);

  const inputErrors: Diagnostic[] = [...prepared.errors];
  for (const e of errors) {
    const params = { path: e.path, detail: e.message };
    inputErrors.push({
      code: 'evaluation.error',
      severity: 'error',
      path: e.path,
      message: SUBMISSION_MESSAGES.render('evaluation.error', params, lang),
      params,
    });
  }

  return {
    programId: program.id,
    version: program.version,
    hash: compiled.hash,
    asOf: options.asOf,
    lang,
    eligibility,
    benefits,
    reasons,
    missing,
    inputErrors,
    values,
    parameters: dedupeUses(ctx.uses, made),
    trace,
  };
}

/** What a template name resolves to; one object per evaluation, refilled by each lookup (read at once). */
interface Named {
  value: unknown;
  unit?: string;
}

/**
 * Resolves template names: derived values, top-level answers (unit from the uiSchema) and `param:` names. The
 * returned object is reused by the next lookup: `fillTemplate` reads it before looking up another name.
 */
function names(compiled: CompiledProgram, units: Map<string, string | undefined>, ctx: EvalContext, data: Record<string, unknown>) {
  const properties = compiled.program.form.schema.properties as object | undefined;
  const found: Named = { value: undefined, unit: undefined };
  return (name: string): Named | undefined => {
    const d = compiled.derivedIndex.get(name);
    if (d) {
      found.value = externalValue(ctx.derived[d.slot]);
      found.unit = d.unit;
      return found;
    }
    if (name.startsWith('param:')) {
      const paramName = name.slice(6);
      const slot = compiled.paramIndex.get(paramName);
      const p = slot === undefined ? undefined : ctx.params[slot];
      if (!p || p.type === 'table') return undefined;
      found.value = p.value;
      found.unit = compiled.program.parameters[paramName].unit;
      return found;
    }
    if (name in data || (properties && name in properties)) {
      const v = data[name];
      found.value = v === UNKNOWN ? null : v;
      found.unit = units.get(name);
      return found;
    }
    return undefined;
  };
}
