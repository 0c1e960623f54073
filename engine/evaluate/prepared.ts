/**
 * What the traced path (`evaluate`) prepares once per compiled program and reuses for every evaluation: its
 * context, its parameter-use table, the pointers of rule texts, the derived closures, the layout of `values` and
 * the units of answers. One lookup per evaluation finds it all. `evaluate` is synchronous and never re-entered,
 * so the mutable parts (context, use table) are safe to share between its calls.
 */
import type { ParameterUse } from '../format/types.ts';
import type { CompiledProgram } from '../compile/index.ts';
import { createContext, type EvalContext, type ParamUseRecord } from '../languages/formula/context.ts';
import { parameterUse } from './parameters.ts';

/**
 * The `ParameterUse`s of one evaluation, one per (parameter, key): the first lookup makes it, later ones get the
 * same object. Flat arrays scanned linearly (a program has a few dozen lookups at most); reused between evaluations.
 */
export class UseTable {
  // Entries 0..count-1 are this evaluation's; the arrays keep their capacity between evaluations (setting an
  // array's length to 0 would drop its storage and regrow it every time).
  private count = 0;
  private readonly ps: ParamUseRecord['p'][] = [];
  private readonly keys: unknown[] = [];
  private readonly uses: ParameterUse[] = [];

  /** Forgets the previous evaluation's uses (its objects stay referenced here until overwritten). */
  clear(): void {
    this.count = 0;
  }

  /** The use of `p` at `key`, made from `value` on first sight. */
  useOf(p: ParamUseRecord['p'], key: unknown, value: unknown): ParameterUse {
    const ps = this.ps;
    for (let i = 0; i < this.count; i++) if (ps[i] === p && this.keys[i] === key) return this.uses[i];
    const use = parameterUse(p, key, value);
    const i = this.count++;
    ps[i] = p;
    this.keys[i] = key;
    this.uses[i] = use;
    return use;
  }
}

/** Translation pointers of each rule's texts (no string building per evaluation). */
export interface RulePointers {
  title: string;
  waiver: string;
  pass: string;
  fail: string;
  unknown: string;
}

/**
 * Derived names in program order with their slots, so `values` lists them as the program does, and a template
 * with those keys to copy. The template comes from `JSON.parse` (of names, not definition text) because V8 then
 * gives it a compact in-object layout that spread copies share; an object grown key by key past a dozen keys is
 * a much larger hash table.
 */
export interface ValueOrder {
  names: string[];
  slots: number[];
  template: Record<string, unknown>;
}

/** Everything the traced path reuses for one compiled program. */
export interface TracedPlan {
  ctx: EvalContext;
  uses: UseTable;
  rulePointers: RulePointers[];
  /** The closure (slots read) of the derived value in `slot` (built on first use). */
  closureOf: (slot: number) => number[];
  values: ValueOrder;
  /** Units of top-level answers, from the uiSchema's `ui:options.unit`. */
  answerUnits: Map<string, string | undefined>;
}

const plans = new WeakMap<CompiledProgram, TracedPlan>();

/** The plan of `compiled`, built on first use. */
export function tracedPlan(compiled: CompiledProgram): TracedPlan {
  let plan = plans.get(compiled);
  if (!plan) {
    plan = buildPlan(compiled);
    plans.set(compiled, plan);
  }
  return plan;
}

function buildPlan(compiled: CompiledProgram): TracedPlan {
  const names = Object.keys(compiled.program.derived);
  const template = JSON.parse(JSON.stringify(Object.fromEntries(names.map((n) => [n, null])))) as Record<string, unknown>;
  const ui = compiled.program.form.uiSchema as Record<string, { 'ui:options'?: { unit?: string } } | undefined>;
  const answerUnits = new Map<string, string | undefined>();
  for (const name of Object.keys(ui)) answerUnits.set(name, ui[name]?.['ui:options']?.unit);
  return {
    ctx: createContext(compiled.derived.length, compiled.localCount, true),
    uses: new UseTable(),
    rulePointers: compiled.rules.map(({ pointer: p }) => ({
      title: `${p}/title`,
      waiver: `${p}/waiver/message`,
      pass: `${p}/messages/pass`,
      fail: `${p}/messages/fail`,
      unknown: `${p}/messages/unknown`,
    })),
    closureOf: (slot) => compiled.derived[slot].closure,
    values: { names, slots: names.map((n) => (compiled.derivedIndex.get(n) as { slot: number }).slot), template },
    answerUnits,
  };
}
