/**
 * The same eligibility rules run through json-rules-engine: the naive baseline for the benchmark and the second
 * opinion of the differential test. One `new Engine` per evaluation, Mandate's operators registered with
 * `addOperator`, facts = answers + derived values + `param:<name>` values. json-rules-engine has no "unknown",
 * so compare only on submissions with no missing answers.
 */
import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import type { ConditionTree, IsoDate, Program, Rule, RuleOutcome } from '../format/types.ts';
import { MEMBER_OPERATORS, OPERATORS, type ResolvedMemberCondition } from '../languages/conditions/operators.ts';
import type { CompiledProgram } from '../compile/index.ts';
import { withDefaults } from '../normalize/defaults.ts';
import { createContext } from '../languages/formula/context.ts';
import { bindInput, computeDerived } from '../evaluate/steps.ts';
import { externalValue } from '../languages/formula/unknown.ts';

const BUILT_IN = new Set([
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
]);
const WAIVER_SUFFIX = '#waiver';

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Rewrites `{ param: name }` values to json-rules-engine fact references `{ fact: "param:name" }`; everything else
 * (names, `{ condition: name }` references to shared conditions) is json-rules-engine's own format and kept.
 */
function convert(tree: ConditionTree): Record<string, unknown> {
  const named = tree.name !== undefined ? { name: tree.name } : {};
  if ('all' in tree) return { ...named, all: tree.all.map(convert) };
  if ('any' in tree) return { ...named, any: tree.any.map(convert) };
  if ('not' in tree) return { ...named, not: convert(tree.not) };
  if ('condition' in tree) return { ...named, condition: tree.condition };
  const out: Record<string, unknown> = { ...named, fact: tree.fact, operator: tree.operator, value: tree.value };
  if (tree.path !== undefined) out.path = tree.path;
  const value = tree.value as unknown;
  if (isObject(value) && typeof value.param === 'string') out.value = { fact: `param:${value.param}` };
  return out;
}

/** The name json-rules-engine reports a rule's result under: its `name` when it has one, else its id. */
function jreName(rule: Rule): string {
  return rule.name ?? rule.id;
}

/**
 * The program's rules as json-rules-engine rules, with their `name`, `priority` and `event` as written (a rule
 * without an event gets `{ type: <id> }`); a waiver becomes a separate rule named `<id>#waiver`.
 */
export function toJsonRulesEngineRules(program: Program): RuleProperties[] {
  const out: RuleProperties[] = [];
  for (const rule of program.rules) {
    const event = (rule.event ?? { type: rule.id }) as RuleProperties['event'];
    out.push({
      name: jreName(rule),
      conditions: convert(rule.conditions) as unknown as TopLevelCondition,
      event,
      ...(rule.priority !== undefined ? { priority: rule.priority } : {}),
    });
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

/** The program's shared `conditions` as json-rules-engine conditions, for `engine.setCondition(name, condition)`. */
export function toJsonRulesEngineConditions(program: Program): Record<string, TopLevelCondition> {
  return Object.fromEntries(
    Object.entries(withDefaults(program).conditions).map(([name, tree]) => [name, convert(tree) as unknown as TopLevelCondition]),
  );
}

/**
 * Runs the rules once through a fresh json-rules-engine `Engine`, the program's shared conditions registered with
 * `setCondition`; returns each rule's outcome. Give it the program as written (not normalized): json-rules-engine
 * resolves the `{ condition: name }` references itself.
 */
export async function runWithJsonRulesEngine(
  program: Program,
  facts: Record<string, unknown>,
  rules = toJsonRulesEngineRules(program),
): Promise<Record<string, RuleOutcome>> {
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const [name, condition] of Object.entries(toJsonRulesEngineConditions(program))) engine.setCondition(name, condition);
  for (const rule of rules) engine.addRule(rule);
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
    else outcomes[rule.id] = passed.has(jreName(rule)) ? 'pass' : 'fail';
  }
  return outcomes;
}
