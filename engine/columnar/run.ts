/**
 * The columnar batch runner: submissions are prepared (pruned and validated by the program's own compiled input),
 * the clean ones (no input errors, nothing required missing, a member list) are laid out in chunks of columns and
 * evaluated by the plan's kernels; every household with a bad lane in a value it depends on, and every household
 * that was not clean, is evaluated by the scalar evaluator. Results come back in input order, equal to the scalar
 * ones; rule-outcome objects and empty benefit objects are shared and frozen (results are read-only).
 */
import type { BatchResult, RuleOutcome } from '../types.ts';
import type { CompiledProgram } from '../compile.ts';
import type { PreparedInput } from '../input.ts';
import { dateKey } from '../formula/dates.ts';
import { roundToMultiple } from '../formula/rounding.ts';
import { ColBuffer, type Chunk, type Col, type Kind } from './columns.ts';
import type { ColumnarPlan } from './plan.ts';
import { NO_MISSING, type ScalarEvaluator } from './scalar.ts';

/** Households per chunk. */
export const CHUNK = 4096;

const NO_BENEFITS: Record<string, number> = Object.freeze({}) as Record<string, number>;
const NAMES: readonly RuleOutcome[] = ['fail', 'pass', 'unknown', 'waived'];

interface Shared {
  outcomes: Record<string, RuleOutcome>;
  eligible: boolean;
}

/** Evaluates `inputs` through the plan (clean households) and `scalar` (the rest); results in input order. */
export function runColumnar(
  compiled: CompiledProgram, plan: ColumnarPlan, inputs: readonly unknown[], partial: boolean, scalar: ScalarEvaluator,
  stats?: { columnar: number; scalar: number },
): BatchResult[] {
  let fallbacks = 0;
  const results: BatchResult[] = new Array(inputs.length);
  const ids = compiled.rules.map((r) => r.rule.id);
  const byCodes = new Map<number, Shared>();
  const cacheable = ids.length <= 24;
  const inputNames = [...plan.inputs.keys()];
  const inputKinds = inputNames.map((n) => plan.inputs.get(n) as Kind);
  const fieldNames = [...plan.fields.keys()];
  const fieldKinds = fieldNames.map((n) => plan.fields.get(n) as Kind);
  const houseBufs = inputNames.map(() => new ColBuffer());
  const memberBufs = fieldNames.map(() => new ColBuffer());
  const listName = plan.list;
  let owner = new Int32Array(CHUNK * 4);
  const chunk: Chunk = {
    n: 0, m: 0, offsets: new Int32Array(CHUNK + 1), owner, house: new Map(), member: new Map(), derived: new Array(plan.derived.length),
  };
  const pending: PreparedInput[] = new Array(CHUNK);
  const where = new Int32Array(CHUNK);
  const rowBad = new Uint8Array(CHUNK);
  const codes = new Int8Array(ids.length);
  const amounts = new Float64Array(plan.benefits.length);
  let count = 0;

  const shared = (): Shared => {
    let key = 0;
    if (cacheable) {
      for (let r = 0; r < codes.length; r++) key = key * 4 + codes[r];
      const hit = byCodes.get(key);
      if (hit) return hit;
    }
    const outcomes: Record<string, RuleOutcome> = {};
    let eligible = true;
    for (let r = 0; r < codes.length; r++) {
      outcomes[ids[r]] = NAMES[codes[r]];
      if (codes[r] === 0) eligible = false;
    }
    const s = { outcomes: Object.freeze(outcomes) as Record<string, RuleOutcome>, eligible };
    if (cacheable) byCodes.set(key, s);
    return s;
  };

  const flush = (): void => {
    const n = count;
    chunk.n = n;
    // Members: offsets per household, then each field's column over the flattened members.
    let m = 0;
    for (let i = 0; i < n; i++) {
      chunk.offsets[i] = m;
      rowBad[i] = 0;
      if (listName !== null) {
        const list = pending[i].data[listName];
        if (Array.isArray(list)) m += list.length;
        else rowBad[i] = 1;
      }
    }
    chunk.offsets[n] = m;
    chunk.m = m;
    if (owner.length < m) chunk.owner = owner = new Int32Array(Math.max(m, owner.length * 2));
    for (let i = 0; i < n; i++) for (let j = chunk.offsets[i]; j < chunk.offsets[i + 1]; j++) owner[j] = i;
    for (let f = 0; f < fieldNames.length; f++) {
      const col = memberBufs[f].at(m);
      const name = fieldNames[f];
      const kind = fieldKinds[f];
      for (let i = 0; i < n; i++) {
        const list = rowBad[i] ? null : (pending[i].data[listName as string] as unknown[]);
        if (!list) continue;
        const base = chunk.offsets[i];
        for (let j = 0; j < list.length; j++) {
          const item = list[j];
          const v = item !== null && typeof item === 'object' ? (item as Record<string, unknown>)[name] : undefined;
          read(col, base + j, v, kind);
        }
      }
      chunk.member.set(name, col);
    }
    for (let k = 0; k < inputNames.length; k++) {
      const col = houseBufs[k].at(n);
      const name = inputNames[k];
      const kind = inputKinds[k];
      for (let i = 0; i < n; i++) read(col, i, pending[i].data[name], kind);
      chunk.house.set(name, col);
    }
    for (let d = 0; d < plan.derived.length; d++) {
      const col = plan.derived[d].run(chunk);
      chunk.derived[d] = col;
      for (let i = 0; i < n; i++) rowBad[i] |= col.bad[i];
    }
    const ruleCols = plan.rules.map((r) => ({ c: r.conditions.run(chunk), w: r.waiver ? r.waiver.run(chunk) : null }));
    const benefitCols = plan.benefits.map((b) => ({ a: b.amount.run(chunk), when: b.minimumWhen ? b.minimumWhen.run(chunk) : null }));
    for (let i = 0; i < n; i++) {
      const idx = where[i];
      if (rowBad[i]) {
        results[idx] = scalar(pending[i]);
        fallbacks++;
        continue;
      }
      let bad = false;
      for (let r = 0; r < ruleCols.length; r++) {
        const { c, w } = ruleCols[r];
        if (w && w.bad[i]) bad = true;
        else if (w && w.v[i] === 1) codes[r] = 3;
        else if (c.bad[i]) bad = true;
        else codes[r] = c.v[i] === 1 ? 1 : 0;
      }
      if (bad) {
        results[idx] = scalar(pending[i]);
        fallbacks++;
        continue;
      }
      const s = shared();
      let benefits = NO_BENEFITS;
      if (s.eligible && plan.benefits.length > 0) {
        for (let b = 0; b < plan.benefits.length; b++) {
          const bp = plan.benefits[b];
          const { a, when } = benefitCols[b];
          let amount = a.v[i];
          if (a.bad[i] || !Number.isFinite(amount)) { bad = true; break; }
          if (bp.rounding) amount = roundToMultiple(amount, bp.rounding.to, bp.rounding.mode);
          if (bp.minimum !== undefined) {
            if (when && when.bad[i]) { bad = true; break; }
            if ((!when || when.v[i] === 1) && amount < bp.minimum) amount = bp.minimum;
          }
          if (bp.maximum !== undefined && amount > bp.maximum) amount = bp.maximum;
          amounts[b] = amount;
        }
        if (bad) {
          results[idx] = scalar(pending[i]);
        fallbacks++;
          continue;
        }
        benefits = {};
        for (let b = 0; b < plan.benefits.length; b++) benefits[plan.benefits[b].id] = amounts[b];
      }
      results[idx] = { eligibility: s.eligible ? 'eligible' : 'ineligible', outcomes: s.outcomes, benefits, missing: NO_MISSING, invalid: false };
    }
    count = 0;
  };

  for (let k = 0; k < inputs.length; k++) {
    const prepared = compiled.input.prepare(inputs[k], partial);
    if (prepared.errors.length > 0 || prepared.missing.length > 0) {
      results[k] = scalar(prepared);
      fallbacks++;
      continue;
    }
    pending[count] = prepared;
    where[count] = k;
    count++;
    if (count === CHUNK) flush();
  }
  if (count > 0) flush();
  if (stats) {
    stats.scalar = fallbacks;
    stats.columnar = inputs.length - fallbacks;
  }
  return results;
}

/** Stores an input value in lane `i` of `col`, or marks the lane bad when it is absent or of another type. */
function read(col: Col, i: number, v: unknown, kind: Kind): void {
  if (kind === 'n') {
    if (typeof v === 'number') {
      col.v[i] = v;
      col.bad[i] = 0;
      return;
    }
  } else if (kind === 'b') {
    if (typeof v === 'boolean') {
      col.v[i] = v ? 1 : 0;
      col.bad[i] = 0;
      return;
    }
  } else if (typeof v === 'string') {
    try {
      col.v[i] = dateKey(v, 'date of birth');
      col.bad[i] = 0;
      return;
    } catch {
      // An invalid date is an evaluation error on the scalar path: the lane is bad.
    }
  }
  col.v[i] = 0;
  col.bad[i] = 1;
}
