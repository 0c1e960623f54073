import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileProgram } from '../../engine/compile/index.ts';
import { normalize } from '../../engine/normalize/index.ts';
import { evaluate } from '../../engine/evaluate/index.ts';
import { evaluateBatch, type PreparedCache } from '../../engine/evaluate/batch.ts';
import { households } from '../../bench/households.ts';
import { compile } from '../../engine/index.ts';
import { loadProgramFolder } from '../../runtime/fs/program-folder.ts';
import type { Program } from '../../engine/format/types.ts';

const program = JSON.parse(fs.readFileSync(new URL('./fixtures/eval-mini-snap.json', import.meta.url), 'utf8')) as Program;
const compiled = compileProgram(normalize(program).program, 'sha256-fixture');

/** Fixture-shaped households: the generator's SNAP households plus the fixture's own fields. */
function fixtureHouseholds(count: number, seed: number, missingRate: number) {
  const statuses = ['citizen', 'permanent-resident', 'refugee', 'other'];
  const states = ['NM', 'AZ', 'CO', 'TX'];
  return households(count, seed, { missingRate, invalidRate: 0.02 }).map((h, i) => {
    const members = (h.members as Record<string, unknown>[]).map((m, j) => ({ ...m, citizenshipStatus: statuses[(i + j) % 4] }));
    const out: Record<string, unknown> = { ...h, members, receivesSsi: h.receivesTanfOrSsi, address: { state: states[i % 4] } };
    if (i % 37 === 0) delete out.address;
    return out;
  });
}

describe('evaluateBatch', () => {
  it('gives the same eligibility, outcomes, benefits, missing and validity as evaluate', () => {
    const inputs = fixtureHouseholds(3000, 42, 0.05);
    for (const asOf of ['2025-09-30', '2025-10-01']) {
      const batch = evaluateBatch(compiled, inputs, { asOf });
      const kinds = new Set<string>();
      inputs.forEach((input, i) => {
        const d = evaluate(compiled, input, { asOf });
        const b = batch[i];
        kinds.add(b.eligibility);
        expect(b.eligibility, `input ${i}`).toBe(d.eligibility);
        expect(b.outcomes, `input ${i}`).toEqual(Object.fromEntries(d.reasons.map((r) => [r.rule, r.outcome])));
        expect(b.benefits, `input ${i}`).toEqual(Object.fromEntries(d.benefits.map((x) => [x.id, x.amount])));
        expect(b.missing, `input ${i}`).toEqual(d.missing.map((m) => m.path));
        expect(b.invalid, `input ${i}`).toBe(d.inputErrors.length > 0);
      });
      expect([...kinds].sort()).toEqual(['eligible', 'ineligible', 'needs-more-information']);
    }
  });
  it("hands back a derived value equal to evaluate's for every household where it is a number or true/false, on both paths", () => {
    const snap = compile(loadProgramFolder(new URL('../../programs/us-snap/fy2026', import.meta.url).pathname).versions[0].doc).compiled!;
    const inputs = households(2000, 7, { missingRate: 0.02, invalidRate: 0.01 });
    const asOf = '2025-10-15';
    for (const name of ['householdSize', 'netIncome', 'hasElderlyOrDisabledMember']) {
      const values: unknown[] = new Array(inputs.length).fill('untouched');
      const stats = { columnar: 0, scalar: 0 };
      evaluateBatch(snap, inputs, { asOf, stats, derived: { slot: snap.derivedIndex.get(name)!.slot, values } });
      const handed = values.filter((v) => v !== 'untouched').length;
      // Every household decided by columns, and those of the scalar path where the value is known.
      expect(handed).toBeGreaterThan(stats.columnar);
      expect(stats.scalar).toBeGreaterThan(0);
      expect(stats.columnar).toBeGreaterThan(1000);
      inputs.forEach((input, i) => {
        if (values[i] !== 'untouched') expect(values[i], `input ${i}`).toEqual(evaluate(snap, input, { asOf }).values[name]);
      });
    }
  });

  it('gives the same results with submissions another batch prepared (same form), preparing none again', () => {
    const load = (dir: string) =>
      compile(loadProgramFolder(new URL(`../../programs/us-snap/${dir}`, import.meta.url).pathname).versions[0].doc).compiled!;
    const [fy2025, fy2026] = [load('fy2025'), load('fy2026')];
    const inputs = [...households(1500, 11, { missingRate: 0.05, invalidRate: 0.02 }), 'not an object', null];
    const asOf = '2025-10-15';
    const prepared: PreparedCache = new Array(inputs.length);
    expect(evaluateBatch(fy2025, inputs, { asOf, prepared })).toEqual(evaluateBatch(fy2025, inputs, { asOf }));
    const filled = prepared.filter(Boolean).length;
    expect(filled).toBeGreaterThan(100);
    expect(evaluateBatch(fy2026, inputs, { asOf, prepared })).toEqual(evaluateBatch(fy2026, inputs, { asOf }));
    expect(prepared.filter(Boolean).length).toBe(filled);
  });

  it('with skipInvalid, marks exactly the submissions with input errors invalid without evaluating them, and gives the others the same results', () => {
    const inputs = [...fixtureHouseholds(2000, 5, 0.05), 'not an object', null];
    const asOf = '2025-10-15';
    for (const partial of [false, true]) {
      const full = evaluateBatch(compiled, inputs, { asOf, partial });
      const values: unknown[] = new Array(inputs.length).fill('untouched');
      const skipping = evaluateBatch(compiled, inputs, {
        asOf,
        partial,
        skipInvalid: true,
        derived: { slot: compiled.derivedIndex.get('householdSize')!.slot, values },
      });
      let skipped = 0;
      inputs.forEach((input, i) => {
        expect(skipping[i].invalid, `input ${i}`).toBe(full[i].invalid);
        const errors = compiled.input.prepare(input, partial).errors.length > 0;
        if (!errors) expect(skipping[i], `input ${i}`).toEqual(full[i]);
        else {
          skipped++;
          expect(skipping[i]).toMatchObject({ invalid: true, benefits: {}, missing: [] });
          expect(new Set(Object.values(skipping[i].outcomes))).toEqual(new Set(['unknown']));
          // Not evaluated: no derived value is handed back for it (not the one of the household before).
          expect(values[i], `input ${i}`).toBe('untouched');
        }
      });
      // Without partial, a missing answer is an input error too.
      expect(skipped).toBeGreaterThan(partial ? 20 : 200);
    }
  });

  it('reports a non-object submission as invalid', () => {
    const [r] = evaluateBatch(compiled, ['nope'], { asOf: '2025-10-15' });
    expect(r.invalid).toBe(true);
    expect(r.eligibility).toBe('needs-more-information');
  });
  it('rejects a bad as-of date', () => {
    expect(() => evaluateBatch(compiled, [], { asOf: '2025-13-01x' })).toThrow(/YYYY-MM-DD/);
  });
});
