/**
 * Deterministic synthetic SNAP-shaped households for the benchmark and the differential test (same seed, same
 * households on every machine). Field names follow programs/us-snap and the eval fixtures.
 */

/** A small, fast, seeded PRNG (mulberry32): returns numbers in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Options: `missingRate` is the chance that each optional-to-answer field is left out (0 = complete answers). */
export interface HouseholdOptions {
  missingRate?: number;
  /** Chance that a numeric answer is invalid (negative), to exercise input errors. */
  invalidRate?: number;
}

/** Generates `count` households from `seed`. */
export function households(count: number, seed: number, options: HouseholdOptions = {}): Record<string, unknown>[] {
  const rnd = prng(seed);
  const missing = options.missingRate ?? 0;
  const invalid = options.invalidRate ?? 0;
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const money = (hi: number, zeroChance: number) => (rnd() < zeroChance ? 0 : Math.round(rnd() * hi * 100) / 100);
  const maybe = (obj: Record<string, unknown>, key: string, value: unknown) => {
    if (missing > 0 && rnd() < missing) return;
    obj[key] = invalid > 0 && typeof value === 'number' && rnd() < invalid ? -value - 1 : value;
  };
  const out: Record<string, unknown>[] = [];
  for (let n = 0; n < count; n++) {
    const size = rnd() < 0.9 ? int(1, 6) : int(7, 11);
    const members: Record<string, unknown>[] = [];
    for (let i = 0; i < size; i++) {
      const m: Record<string, unknown> = {
        name: `Person ${i + 1}`,
        dateOfBirth: `${int(1930, 2024)}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`,
        disabled: rnd() < 0.08,
      };
      maybe(m, 'earnedIncome', money(i < 2 ? 4500 : 800, 0.45));
      maybe(m, 'unearnedIncome', money(1500, 0.7));
      members.push(m);
    }
    const h: Record<string, unknown> = { members };
    maybe(h, 'rent', money(2500, 0.1));
    maybe(h, 'utilities', money(500, 0.1));
    maybe(h, 'dependentCare', money(600, 0.8));
    maybe(h, 'childSupportPaid', money(500, 0.9));
    const medical = rnd() < 0.2;
    maybe(h, 'hasMedicalCosts', medical);
    if (medical) maybe(h, 'medicalCosts', money(400, 0.1));
    else if (rnd() < 0.05) h.medicalCosts = money(400, 0); // a stale hidden answer that pruning must remove
    maybe(h, 'assets', money(rnd() < 0.8 ? 4000 : 20000, 0.2));
    maybe(h, 'receivesTanfOrSsi', rnd() < 0.1);
    out.push(h);
  }
  return out;
}

/** A CSV cell: numbers and booleans as written, lists and objects as JSON, quoted when it holds a comma, quote or newline. */
function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Households as a CSV population file (the convention of `POST /api/programs/:id/impact/population` and `mandate
 * impact --population file.csv`): a header row of the top-level field ids in `columns`, then one row per household;
 * an absent answer is an empty cell, a list or object (the household members) is JSON in its cell.
 */
export function householdsCsv(list: Record<string, unknown>[], columns: string[]): string {
  const rows = [columns.join(',')];
  for (const h of list) rows.push(columns.map((c) => csvCell(h[c])).join(','));
  return `${rows.join('\n')}\n`;
}
