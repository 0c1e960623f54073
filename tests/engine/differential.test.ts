/**
 * Differential test: ≥ 10,000 seeded random households through three implementations of the same rules — the
 * batch path, the traced path and json-rules-engine — which must agree on every rule outcome. A second set with
 * missing and invalid answers checks that batch and traced agree on everything, unknowns included.
 */
import { describe, expect, it } from 'vitest';
import { evaluateBatch } from '../../engine/evaluate/batch.ts';
import { evaluate } from '../../engine/evaluate/index.ts';
import { jsonRulesEngineFacts, runWithJsonRulesEngine, toJsonRulesEngineRules } from '../../engine/tools/json-rules-engine.ts';
import { households } from '../../bench/households.ts';
import { loadBenchProgram } from '../../bench/program.ts';

const { program, compiled, asOf, source } = loadBenchProgram();

describe(`differential: batch vs traced vs json-rules-engine on ${source}`, () => {
  it('agrees on every rule outcome for 10,000 complete households', async () => {
    const inputs = households(10_000, 20251015);
    const batch = evaluateBatch(compiled, inputs, { asOf });
    const rules = toJsonRulesEngineRules(program);
    const seen = { eligible: 0, ineligible: 0, waived: 0 };
    for (let i = 0; i < inputs.length; i++) {
      const b = batch[i];
      // Complete answers: nothing may be unknown, or json-rules-engine (two-valued) could not be compared.
      expect(b.missing, `household ${i}`).toEqual([]);
      expect(b.invalid, `household ${i}`).toBe(false);
      const d = evaluate(compiled, inputs[i], { asOf });
      const traced = Object.fromEntries(d.reasons.map((r) => [r.rule, r.outcome]));
      expect(traced, `household ${i} traced vs batch`).toEqual(b.outcomes);
      expect(d.eligibility).toBe(b.eligibility);
      expect(Object.fromEntries(d.benefits.map((x) => [x.id, x.amount]))).toEqual(b.benefits);
      const jre = await runWithJsonRulesEngine(program, jsonRulesEngineFacts(compiled, compiled.input.prepare(inputs[i], false).data, asOf), rules);
      expect(jre, `household ${i} json-rules-engine vs batch`).toEqual(b.outcomes);
      if (b.eligibility === 'eligible') seen.eligible++;
      if (b.eligibility === 'ineligible') seen.ineligible++;
      if (Object.values(b.outcomes).includes('waived')) seen.waived++;
    }
    // The households must exercise both outcomes and the waivers, or the comparison proves little.
    expect(seen.eligible).toBeGreaterThan(500);
    expect(seen.ineligible).toBeGreaterThan(500);
    expect(seen.waived).toBeGreaterThan(100);
  }, 300_000);

  it('agrees between batch and traced on 5,000 households with missing and invalid answers', () => {
    const inputs = households(5_000, 7, { missingRate: 0.06, invalidRate: 0.02 });
    for (const partial of [false, true]) {
      const batch = evaluateBatch(compiled, inputs, { asOf, partial });
      let unknown = 0;
      for (let i = 0; i < inputs.length; i++) {
        const d = evaluate(compiled, inputs[i], { asOf, partial });
        const b = batch[i];
        expect(d.eligibility, `household ${i}`).toBe(b.eligibility);
        expect(Object.fromEntries(d.reasons.map((r) => [r.rule, r.outcome])), `household ${i}`).toEqual(b.outcomes);
        expect(Object.fromEntries(d.benefits.map((x) => [x.id, x.amount])), `household ${i}`).toEqual(b.benefits);
        expect(
          d.missing.map((m) => m.path),
          `household ${i}`,
        ).toEqual(b.missing);
        expect(d.inputErrors.length > 0, `household ${i}`).toBe(b.invalid);
        if (b.eligibility === 'needs-more-information') unknown++;
      }
      expect(unknown).toBeGreaterThan(200);
    }
  }, 300_000);
});
