/**
 * The same eligibility rules run through json-rules-engine: the naive baseline for the benchmark and the second
 * opinion of the differential test. One `new Engine` per evaluation, Mandate's operators registered with
 * `addOperator`, facts = answers + derived values + `param:<name>` values. json-rules-engine has no "unknown",
 * so compare only on submissions with no missing answers.
 */
import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import type { ConditionTree, IsoDate, Program, RuleOutcome } from './types.ts';
import { MEMBER_OPERATORS, OPERATORS, type ResolvedMemberCondition } from './operators.ts';
import type { CompiledProgram } from './compile.ts';
import { createContext } from './formula/context.ts';
import { bindInput, computeDerived } from './conditions/run.ts';
import { externalValue } from './formula/unknown.ts';

const BUILT_IN = new Set(['equal', 'notEqual', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive', 'in', 'notIn', 'contains', 'doesNotContain']);
const WAIVER_SUFFIX = '#waiver';

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Rewrites `{ param: name }` values to json-rules-engine fact references `{ fact: "param:name" }`. */
function convert(tree: ConditionTree): Record<string, unknown> {
  if ('all' in tree) return { all: tree.all.map(convert) };
  if ('any' in tree) return { any: tree.any.map(convert) };
  if ('not' in tree) return { not: convert(tree.not) };
  const out: Record<string, unknown> = { fact: tree.fact, operator: tree.operator, value: tree.value };
  if (tree.path !== undefined) out.path = tree.path;
  const value = tree.value as unknown;
  if (isObject(value) && typeof value.param === 'string') out.value = { fact: `param:${value.param}` };
  return out;
}

/** The program's rules as json-rules-engine rules; a waiver becomes a separate rule named `<id>#waiver`. */
export function toJsonRulesEngineRules(program: Program): RuleProperties[] {
  const out: RuleProperties[] = [];
  for (const rule of program.rules) {
    out.push({ name: rule.id, conditions: convert(rule.conditions) as unknown as TopLevelCondition, event: { type: rule.id } });
    if (rule.waiver) {
      const name = `${rule.id}${WAIVER_SUFFIX}`;
      out.push({ name, conditions: convert(rule.waiver.conditions) as unknown as TopLevelCondition, event: { type: name } });
    }
  }
  return out;
}

/**
 * The facts json-rules-engine needs for one submission: the answers, every derived value (computed by Mandate's
 * formulas) and every non-table parameter in force on `asOf` as `param:<name>`.
 */
export function jsonRulesEngineFacts(compiled: CompiledProgram, input: Record<string, unknown>, asOf: IsoDate): Record<string, unknown> {
  const ctx = createContext(compiled.derived.length, compiled.localCount, false);
  bindInput(compiled, ctx, input, asOf);
  computeDerived(compiled, ctx, null);
  const facts: Record<string, unknown> = { ...input };
  for (const d of compiled.derived) facts[d.name] = externalValue(ctx.derived[d.slot]);
  compiled.paramNames.forEach((name, i) => {
    const p = ctx.params[i];
    if (p && p.type !== 'table') facts[`param:${name}`] = p.value;
  });
  return facts;
}

/** Runs the rules once through a fresh json-rules-engine `Engine`; returns each rule's outcome. */
export async function runWithJsonRulesEngine(program: Program, facts: Record<string, unknown>, rules = toJsonRulesEngineRules(program)): Promise<Record<string, RuleOutcome>> {
  const engine = new Engine(rules, { allowUndefinedFacts: true });
  for (const name of Object.keys(OPERATORS)) {
    if (BUILT_IN.has(name)) continue;
    const op = OPERATORS[name];
    if (MEMBER_OPERATORS.includes(name)) {
      engine.addOperator(name, (factValue: unknown, jsonValue: unknown) => {
        const cond = jsonValue as ResolvedMemberCondition;
        const value = isObject(cond.value) && typeof cond.value.param === 'string' ? facts[`param:${cond.value.param}`] : cond.value;
        return op(factValue, { field: cond.field, operator: cond.operator, value });
      });
    } else {
      engine.addOperator(name, (a: unknown, b: unknown) => op(a, b));
    }
  }
  const result = await engine.run(facts);
  const passed = new Set<string>(result.results.map((r) => r.name as string));
  const outcomes: Record<string, RuleOutcome> = {};
  for (const rule of program.rules) {
    if (rule.waiver && passed.has(`${rule.id}${WAIVER_SUFFIX}`)) outcomes[rule.id] = 'waived';
    else outcomes[rule.id] = passed.has(rule.id) ? 'pass' : 'fail';
  }
  return outcomes;
}
