/**
 * Compiles a validated program into closures the evaluator runs: parameters → derived values (topologically
 * ordered formulas) → rule conditions and waivers → benefits, plus the form's validator and pruner.
 *
 *   Program ──compileProgram──▶ CompiledProgram ──evaluate / evaluateBatch──▶ Determination / BatchResult
 *
 * It trusts a program that passed `validate` (E2's checks) and is normalized (shared conditions resolved: the program
 * `validate` returns is); a definition error that still reaches it throws a
 * `ProgramCompileError` naming the JSON Pointer of the offending part.
 */
import type { Benefit, IsoDate, Rule } from '../format/types.ts';
import type { NormalizedProgram } from '../normalize/index.ts';
import { analyzeFormula } from '../languages/formula/analyze.ts';
import { compileFormula } from '../languages/formula/compile.ts';
import { FormulaCompileError, type FormulaEnv } from '../languages/formula/compiled.ts';
import type { EvalContext } from '../languages/formula/context.ts';
import { compileConditions, ConditionCompileError, type CompiledTree } from '../languages/conditions/compile.ts';
import { compileInput, type CompiledInput } from './input.ts';
import { parametersInForce, type ParameterInForce } from '../evaluate/parameters.ts';

/** A compiled derived value. */
export interface CompiledDerived {
  name: string;
  title: string;
  unit?: string;
  slot: number;
  pointer: string;
  ev: (ctx: EvalContext) => unknown;
  /** Slots of this value and of every derived value its formula reads, directly or indirectly (built on first read). */
  readonly closure: number[];
}

/** A compiled rule; `index` is its position in `program.rules`. */
export interface CompiledRule {
  rule: Rule;
  index: number;
  pointer: string;
  conditions: CompiledTree;
  waiver?: CompiledTree;
}

/** A compiled benefit. */
export interface CompiledBenefit {
  benefit: Benefit;
  pointer: string;
  ev: (ctx: EvalContext) => unknown;
  when?: (ctx: EvalContext) => unknown;
  minimumSlot?: number;
  maximumSlot?: number;
}

/** Everything `evaluate` and `evaluateBatch` need, built once per program version. */
export interface CompiledProgram {
  program: NormalizedProgram;
  hash: string;
  paramNames: string[];
  paramIndex: Map<string, number>;
  /** Derived values in evaluation order (dependencies first); `slot` indexes `ctx.derived`. */
  derived: CompiledDerived[];
  derivedIndex: Map<string, CompiledDerived>;
  localCount: number;
  rules: CompiledRule[];
  benefits: CompiledBenefit[];
  input: CompiledInput;
  /** Parameters in force per as-of date (memoized; the values are pure functions of the date). */
  paramsOn(asOf: IsoDate): (ParameterInForce | undefined)[];
}

/** A definition problem found while compiling; `path` is a JSON Pointer into the program document. */
export class ProgramCompileError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(`${path}: ${message}`);
  }
}

/**
 * Orders derived values so each comes after the derived values its formula reads; throws on a cycle. Returns the
 * order with each value's direct dependencies. Linear in the number of values and references: an explicit stack
 * (a chain of 16,000 values would overflow the call stack), and the path to a cycle is read off that stack only
 * when there is one.
 */
function topoOrder(program: NormalizedProgram): { order: string[]; deps: Map<string, string[]> } {
  const derived = program.derived;
  const names = Object.keys(derived);
  const deps = new Map(
    names.map((n) => [n, [...new Set(analyzeFormula(derived[n].formula).identifiers)].filter((id) => Object.hasOwn(derived, id) && id !== n)]),
  );
  const order: string[] = [];
  const state = new Map<string, 1 | 2>();
  for (const root of names) {
    if (state.has(root)) continue;
    const stack: { name: string; next: number }[] = [{ name: root, next: 0 }];
    state.set(root, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const children = deps.get(top.name) as string[];
      if (top.next < children.length) {
        const d = children[top.next++];
        const s = state.get(d);
        if (s === 2) continue;
        if (s === 1) {
          const chain = stack.slice(stack.findIndex((f) => f.name === d)).map((f) => f.name);
          throw new ProgramCompileError(
            `derived values depend on each other in a cycle: ${[...chain, d].join(' → ')}; break the cycle`,
            `/derived/${d}/formula`,
          );
        }
        state.set(d, 1);
        stack.push({ name: d, next: 0 });
      } else {
        state.set(top.name, 2);
        order.push(top.name);
        stack.pop();
      }
    }
  }
  return { order, deps };
}

/** Compiles a program that passed validation. `hash` is its content hash (stamped on every determination). */
export function compileProgram(program: NormalizedProgram, hash: string): CompiledProgram {
  const paramNames = Object.keys(program.parameters);
  const paramIndex = new Map(paramNames.map((n, i) => [n, i]));
  const { order, deps } = topoOrder(program);
  const slotOf = new Map(order.map((n, i) => [n, i]));
  let localCount = 0;
  const env: FormulaEnv = {
    derivedSlot: (name) => slotOf.get(name),
    paramSlot: (name) => paramIndex.get(name),
    nextLocal: () => localCount++,
  };
  const formula = (text: string, pointer: string) => {
    try {
      return compileFormula(text, env).ev;
    } catch (e) {
      if (e instanceof FormulaCompileError) throw new ProgramCompileError(`${e.message} (at character ${e.index})`, pointer);
      throw e;
    }
  };
  const conditions = (tree: Rule['conditions'], pointer: string) => {
    try {
      return compileConditions(tree, pointer, env);
    } catch (e) {
      if (e instanceof ConditionCompileError) throw new ProgramCompileError(e.message, e.pointer);
      throw e;
    }
  };

  const derivedDefs = program.derived;
  // Closures are built on first use (only a rule whose threshold is a derived value reads one): built for every value
  // up front, a chain of n values would cost n²/2.
  const depSlots = order.map((name) => (deps.get(name) as string[]).map((d) => slotOf.get(d) as number));
  const closures = new Map<number, number[]>();
  const closureOf = (slot: number): number[] => {
    let hit = closures.get(slot);
    if (hit) return hit;
    const seen = new Set<number>([slot]);
    const stack = [slot];
    while (stack.length > 0) for (const d of depSlots[stack.pop() as number]) if (!seen.has(d)) seen.add(d), stack.push(d);
    hit = [...seen].sort((a, b) => a - b);
    closures.set(slot, hit);
    return hit;
  };
  const derived: CompiledDerived[] = order.map((name, slot) => {
    const d = derivedDefs[name];
    const pointer = `/derived/${name}/formula`;
    const out = { name, title: d.title, slot, pointer, ev: formula(d.formula, pointer) } as CompiledDerived;
    Object.defineProperty(out, 'closure', { get: () => closureOf(slot), enumerable: true });
    if (d.unit !== undefined) out.unit = d.unit;
    return out;
  });

  const rules: CompiledRule[] = program.rules.map((rule, index) => {
    const pointer = `/rules/${index}`;
    const out: CompiledRule = { rule, index, pointer, conditions: conditions(rule.conditions, `${pointer}/conditions`) };
    if (rule.waiver) out.waiver = conditions(rule.waiver.conditions, `${pointer}/waiver/conditions`);
    return out;
  });

  const benefits: CompiledBenefit[] = program.benefits.map((benefit, i) => {
    const pointer = `/benefits/${i}`;
    const out: CompiledBenefit = { benefit, pointer, ev: formula(benefit.formula, `${pointer}/formula`) };
    if (benefit.minimum) {
      out.minimumSlot = paramIndex.get(benefit.minimum.param);
      if (out.minimumSlot === undefined) throw new ProgramCompileError(`unknown parameter "${benefit.minimum.param}"`, `${pointer}/minimum/param`);
      if (benefit.minimum.when) out.when = formula(benefit.minimum.when, `${pointer}/minimum/when`);
    }
    if (benefit.maximum) {
      out.maximumSlot = paramIndex.get(benefit.maximum.param);
      if (out.maximumSlot === undefined) throw new ProgramCompileError(`unknown parameter "${benefit.maximum.param}"`, `${pointer}/maximum/param`);
    }
    return out;
  });

  const cache = new Map<IsoDate, (ParameterInForce | undefined)[]>();
  const paramsOn = (asOf: IsoDate) => {
    let params = cache.get(asOf);
    if (!params) {
      const inForce = parametersInForce(program.parameters, asOf);
      params = paramNames.map((n) => inForce.get(n));
      if (cache.size > 256) cache.clear();
      cache.set(asOf, params);
    }
    return params;
  };

  return {
    program,
    hash,
    paramNames,
    paramIndex,
    derived,
    derivedIndex: new Map(derived.map((d) => [d.name, d])),
    localCount,
    rules,
    benefits,
    input: compileInput(program.form.schema),
    paramsOn,
  };
}
