/**
 * Decimal rounding that behaves the way a person checking the arithmetic expects: binary floating-point noise
 * (1.005 × 100 = 100.49999…) is removed before rounding, and halves round away from zero.
 */

/** Snaps a float to 9 decimals (amounts below 10^6) or 15 significant digits, removing representation noise. */
function clean(x: number): number {
  if (x > -1e6 && x < 1e6) return Math.round(x * 1e9) / 1e9;
  return Number.isFinite(x) ? Number(x.toPrecision(15)) : x;
}

/** Rounds to `digits` decimals, halves away from zero. */
export function roundHalf(x: number, digits = 0): number {
  const f = 10 ** digits;
  const y = clean(Math.abs(x) * f);
  return (Math.sign(x) * Math.round(y)) / f || 0;
}

/** Rounds up (toward +∞) to `digits` decimals. */
export function roundUpTo(x: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.ceil(clean(x * f)) / f || 0;
}

/** Rounds down (toward −∞) to `digits` decimals. */
export function roundDownTo(x: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.floor(clean(x * f)) / f || 0;
}

/** Rounds to a multiple of `step` (`nearest`, `down` or `up`), as benefit `rounding` asks. */
export function roundToMultiple(x: number, step: number, mode: 'nearest' | 'down' | 'up'): number {
  const q = clean(x / step);
  const n = mode === 'up' ? Math.ceil(q) : mode === 'down' ? Math.floor(q) : Math.sign(q) * Math.round(Math.abs(q));
  return clean(n * step) || 0;
}
