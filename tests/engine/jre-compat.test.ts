/**
 * json-rules-engine compatibility: named conditions, shared conditions (`{ "condition": name }`, resolved by
 * normalize), a rule's name / priority / event, and the `equal null` warning. The differential part runs rules
 * written in json-rules-engine's style through Mandate and, as written (shared conditions via `setCondition`),
 * through json-rules-engine, and compares the outcomes on complete households.
 */
import { describe, expect, it } from 'vitest';
import { compile, decideGuard, diff, evaluate, formatDiff, validate, type ConditionTree, type Diagnostic, type Program } from '../../engine/index.ts';
import { evaluateBatch } from '../../engine/evaluate/batch.ts';
import { jsonRulesEngineFacts, runWithJsonRulesEngine, toJsonRulesEngineRules } from '../../engine/tools/json-rules-engine.ts';
import { households } from '../../bench/households.ts';
import { loadBenchProgram } from '../../bench/program.ts';
import { baseProgram } from './base-program.ts';

const AS_OF = '2025-06-01';
const codes = (ds: Diagnostic[]) => ds.map((d) => `${d.severity} ${d.code} ${d.path}`);

/** The base program with its income test moved into a shared condition, named, and with a rule event. */
function sharedProgram(): Program {
  const p = baseProgram();
  p.conditions = {
    'income-within-limit': { name: 'income within the limit', ...(p.rules[0].conditions as { all: ConditionTree[] }).all[0] } as ConditionTree,
  };
  p.rules[0].conditions = { name: 'income test', all: [{ condition: 'income-within-limit' }] };
  p.rules[0].name = 'income';
  p.rules[0].priority = 10;
  p.rules[0].event = { type: 'income-ok', params: { checked: 'gross income' } };
  return p;
}

describe('shared and named conditions', () => {
  it('resolves a reference, keeps names, and points traces at the shared condition', () => {
    const doc = sharedProgram();
    const { program, compiled, diagnostics } = compile(doc);
    expect(codes(diagnostics).filter((c) => !c.startsWith('info'))).toEqual([]);
    expect(program!.rules[0].conditions).toMatchObject({ all: [{ name: 'income within the limit', fact: 'income' }] });
    expect(doc.rules[0].conditions).toEqual({ name: 'income test', all: [{ condition: 'income-within-limit' }] }); // the document is not changed
    const d = evaluate(compiled!, { members: [{ name: 'A', income: 500 }], rent: 0, county: 'North' }, { asOf: AS_OF });
    const trace = d.trace.find((t) => t.rule === 'income')!;
    expect(trace.outcome).toBe('pass');
    expect(trace.conditions).toEqual([
      expect.objectContaining({ path: '/conditions/income-within-limit', name: 'income within the limit', fact: 'income', outcome: 'true' }),
    ]);
    expect(d.reasons.find((r) => r.rule === 'income')!.event).toEqual({ type: 'income-ok', params: { checked: 'gross income' } });
  });

  it('names the enclosing group in the trace of an unnamed leaf, and the shared name when the shared tree has none', () => {
    const doc = sharedProgram();
    delete (doc.conditions!['income-within-limit'] as { name?: string }).name;
    const d = evaluate(compile(doc).compiled!, { members: [{ name: 'A', income: 5000 }], rent: 0, county: 'North' }, { asOf: AS_OF });
    expect(d.trace[0].conditions[0]).toMatchObject({ name: 'income-within-limit', outcome: 'false' });
    const county = baseProgram();
    county.rules[1].conditions = { name: 'county served', all: (county.rules[1].conditions as { all: ConditionTree[] }).all };
    const e = evaluate(compile(county).compiled!, { members: [{ name: 'A', income: 5000 }], rent: 0, county: 'North' }, { asOf: AS_OF });
    expect(e.trace[1].conditions[0]).toMatchObject({ name: 'county served', path: '/rules/1/conditions/all/0' });
  });

  it('reports an unknown shared condition with a suggestion', () => {
    const doc = sharedProgram();
    doc.rules[0].conditions = { all: [{ condition: 'income-within-limits' }] };
    const { diagnostics } = validate(doc);
    const d = diagnostics.find((x) => x.code === 'condition.unknown-shared')!;
    expect(d).toMatchObject({ severity: 'error', path: '/rules/0/conditions/all/0/condition' });
    expect(d.message).toContain('Did you mean "income-within-limit"?');
  });

  it('reports a cycle of shared conditions, naming it, and compiles nothing', () => {
    const doc = sharedProgram();
    doc.conditions!.a = { all: [{ condition: 'b' }] };
    doc.conditions!.b = { any: [{ condition: 'a' }] };
    doc.rules[1].conditions = { condition: 'a' };
    const result = compile(doc);
    expect(result.compiled).toBeUndefined();
    const cycle = result.diagnostics.filter((x) => x.code === 'condition.shared-cycle');
    expect(cycle).toHaveLength(1);
    expect(cycle[0].message).toContain('a → b → a');
  });

  it('names a named condition in the place a diagnostic describes', () => {
    const doc = sharedProgram();
    doc.conditions!['income-within-limit'] = {
      name: 'income within the limit',
      fact: 'income',
      operator: 'lessThanInclusiv',
      value: { fact: 'incomeLimit' },
    };
    const d = validate(doc).diagnostics.find((x) => x.code === 'condition.unknown-operator')!;
    expect(d.path).toBe('/conditions/income-within-limit/operator');
    expect(d.message).toContain('"income within the limit"');
    expect(d.message).toContain('Did you mean "lessThanInclusive"?');
  });

  it('warns about a shared condition nothing uses', () => {
    const doc = sharedProgram();
    doc.conditions!.spare = { fact: 'rent', operator: 'greaterThan', value: 0 };
    expect(codes(validate(doc).diagnostics)).toContain('warning condition.shared-unused /conditions/spare');
  });

  it('checks a shared condition where it is written, with the facts of where it is used', () => {
    const doc = sharedProgram();
    doc.conditions!['income-within-limit'] = { fact: 'incom', operator: 'lessThanInclusive', value: { fact: 'incomeLimit' } };
    expect(codes(validate(doc).diagnostics)).toContain('error reference.unknown-fact /conditions/income-within-limit/fact');
    // Used by a guard, the same shared condition may read the guard's facts only.
    const guarded = baseProgram();
    guarded.conditions = { 'not-self': guarded.workflow.transitions[1].guard!.conditions };
    guarded.workflow.transitions[1].guard!.conditions = { condition: 'not-self' };
    const result = compile(guarded);
    expect(codes(result.diagnostics).filter((c) => !c.startsWith('info'))).toEqual([]);
    const guard = result.program!.workflow.transitions[1].guard!.conditions;
    const actor = { id: 'w1', roles: ['supervisor' as const] };
    expect(decideGuard(guard, actor, { state: 'review', performedBy: { 'start-review': ['w1'] } }, () => undefined)).toBe('fail');
    expect(decideGuard(guard, actor, { state: 'review', performedBy: { 'start-review': ['w2'] } }, () => undefined)).toBe('pass');
  });

  it('resolves a shared showWhen for the pages', () => {
    const doc = baseProgram();
    doc.conditions = { renter: { fact: 'rent', operator: 'greaterThan', value: 0 } };
    doc.form.pages[doc.form.pages.length - 1].showWhen = { condition: 'renter' };
    const { program, diagnostics } = validate(doc);
    expect(codes(diagnostics).filter((c) => c.startsWith('error'))).toEqual([]);
    expect(program!.form.pages.at(-1)!.showWhen).toMatchObject({ fact: 'rent', operator: 'greaterThan', name: 'renter' });
  });
});

describe('version comparison', () => {
  it("lists shared conditions and a rule's name, priority and event among the rule changes", () => {
    const before = sharedProgram();
    const after = sharedProgram();
    after.conditions!['income-within-limit'] = { fact: 'income', operator: 'lessThan', value: { fact: 'incomeLimit' } };
    after.conditions!.renter = { fact: 'rent', operator: 'greaterThan', value: 0 };
    after.rules[0].priority = 5;
    const text = formatDiff(diff(before, after));
    expect(text).toContain('New shared condition "renter"');
    expect(text).toContain('Shared condition "income-within-limit"');
    expect(text).toMatch(/Rule "Income test" \(income\):.*priority changed/);
  });
});

describe('the runtime', () => {
  it('decides a guard written as a shared condition on the stored (not normalized) document', async () => {
    const { transition } = await import('../../runtime/services/engine-port.ts');
    const doc = baseProgram();
    doc.conditions = { 'not-self': doc.workflow.transitions[1].guard!.conditions };
    doc.workflow.transitions[1].guard!.conditions = { condition: 'not-self' };
    const actor = { id: 'w1', roles: ['supervisor' as const] };
    expect(transition(doc, 'review', 'approve', actor, { state: 'review', performedBy: { 'start-review': ['w1'] } }, AS_OF)).toMatchObject({
      ok: false,
      code: 'guard',
    });
    expect(transition(doc, 'review', 'approve', actor, { state: 'review', performedBy: { 'start-review': ['w2'] } }, AS_OF)).toMatchObject({
      ok: true,
      to: 'approved',
    });
  });
});

describe('equal null', () => {
  it('warns that null is missing and says what to write, for equal and notEqual, in leaves and member tests', () => {
    const doc = baseProgram();
    doc.rules[1].conditions = {
      all: [
        { fact: 'county', operator: 'equal', value: null },
        { fact: 'county', operator: 'notEqual', value: null },
      ],
    };
    doc.rules[0].waiver!.conditions = { fact: 'members', operator: 'anyMember', value: { field: 'receivesSSI', operator: 'equal', value: null } };
    const warnings = validate(doc).diagnostics.filter((d) => d.code === 'condition.null-value');
    expect(warnings.map((d) => d.path)).toEqual([
      '/rules/0/waiver/conditions/value/value',
      '/rules/1/conditions/all/0/value',
      '/rules/1/conditions/all/1/value',
    ]);
    expect(warnings[1].severity).toBe('warning');
    expect(warnings[1].message).toContain('isNotSet');
    expect(warnings[2].message).toContain('isSet');
  });

  it('does not warn about isSet with a null value', () => {
    const doc = baseProgram();
    doc.rules[1].conditions = { fact: 'county', operator: 'isSet', value: null };
    expect(validate(doc).diagnostics.filter((d) => d.code === 'condition.null-value')).toEqual([]);
  });
});

/**
 * The bench program rewritten the way a json-rules-engine user writes rules: each rule's conditions (and waiver)
 * moved into a named shared condition referred to by `{ condition }`, every leaf named, one shared condition built
 * from another, and each rule given a name, a priority and an event.
 */
function jreStyle(program: Program): Program {
  const p = structuredClone(program);
  let n = 0;
  const nameLeaves = (t: ConditionTree): ConditionTree => {
    if ('all' in t) return { ...t, all: t.all.map(nameLeaves) };
    if ('any' in t) return { ...t, any: t.any.map(nameLeaves) };
    if ('not' in t) return { ...t, not: nameLeaves(t.not) };
    return { ...t, name: `test ${++n}` };
  };
  p.conditions = {};
  p.rules = p.rules.map((rule, i) => {
    p.conditions![`${rule.id}-core`] = nameLeaves(rule.conditions);
    p.conditions![`${rule.id}-test`] = { name: `${rule.title} holds`, all: [{ condition: `${rule.id}-core` }] };
    const out = {
      ...rule,
      name: rule.title,
      priority: (i % 3) + 1,
      event: { type: 'rule-passed', params: { rule: rule.id } },
      conditions: { condition: `${rule.id}-test` },
    };
    if (rule.waiver) {
      p.conditions![`${rule.id}-waiver`] = nameLeaves(rule.waiver.conditions);
      out.waiver = { ...rule.waiver, conditions: { any: [{ condition: `${rule.id}-waiver` }] } };
    }
    return out;
  });
  return p;
}

describe('differential: json-rules-engine style rules through Mandate and through json-rules-engine', () => {
  const bench = loadBenchProgram();
  const doc = jreStyle(bench.program);
  const result = compile(doc);

  it('compiles the rewritten program without errors or warnings', () => {
    expect(codes(result.diagnostics).filter((c) => !c.startsWith('info'))).toEqual([]);
    expect(Object.keys(doc.conditions!).length).toBeGreaterThanOrEqual(2 * doc.rules.length);
  });

  it('agrees with json-rules-engine (given the rules as written) and with the original rules on 2,000 complete households', async () => {
    const compiled = result.compiled!;
    const inputs = households(2_000, 4242);
    const original = evaluateBatch(bench.compiled, inputs, { asOf: bench.asOf });
    const batch = evaluateBatch(compiled, inputs, { asOf: bench.asOf });
    const rules = toJsonRulesEngineRules(doc);
    expect(rules.filter((r) => !String(r.name).endsWith('#waiver')).map((r) => [r.name, r.priority, r.event.type])).toEqual(
      doc.rules.map((r) => [r.title, r.priority, 'rule-passed']),
    );
    const seen = new Set<string>();
    for (let i = 0; i < inputs.length; i++) {
      expect(batch[i].missing, `household ${i}`).toEqual([]);
      expect(batch[i].outcomes, `household ${i} vs the original rules`).toEqual(original[i].outcomes);
      const facts = jsonRulesEngineFacts(compiled, compiled.input.prepare(inputs[i], false).data, bench.asOf);
      expect(await runWithJsonRulesEngine(doc, facts, rules), `household ${i} json-rules-engine`).toEqual(batch[i].outcomes);
      seen.add(batch[i].eligibility);
      for (const o of Object.values(batch[i].outcomes)) seen.add(o);
    }
    expect([...seen].sort()).toEqual(['eligible', 'fail', 'ineligible', 'pass', 'waived']);
  }, 300_000);
});
