/**
 * Calendar arithmetic on ISO `YYYY-MM-DD` dates, in UTC so that results never depend on the server's time zone.
 */

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/;

/** An error in a formula's input or arguments, reported with the derived value or rule that evaluated it. */
export class FormulaEvalError extends Error {}

/** Parses an ISO date (a date-time is cut to its date) into [year, month 1-12, day]; throws on anything else. */
export function parseDate(value: unknown, what = 'date'): [number, number, number] {
  const m = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (!m) throw new FormulaEvalError(`expected a ${what} written YYYY-MM-DD but got ${JSON.stringify(value)}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) {
    throw new FormulaEvalError(`${JSON.stringify(value)} is not a calendar date`);
  }
  return [y, mo, d];
}

/** Number of days in a month (month 1-12) of a year. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Days since 1970-01-01 of an ISO date. */
export function toDayNumber(value: unknown): number {
  const [y, m, d] = parseDate(value);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** The ISO date of a day number. */
export function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Whole years between a birth date and a date (the person's age on that date). */
export function wholeYears(from: unknown, to: unknown): number {
  const [y1, m1, d1] = parseDate(from, 'date of birth');
  const [y2, m2, d2] = parseDate(to);
  let years = y2 - y1;
  if (m2 < m1 || (m2 === m1 && d2 < d1)) years -= 1;
  return years;
}

/** The date `months` calendar months after `date`; a day past the target month's end becomes its last day. */
export function addMonthsTo(date: unknown, months: number): string {
  const [y, m, d] = parseDate(date);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = index - ty * 12 + 1;
  const td = Math.min(d, daysInMonth(ty, tm));
  return `${String(ty).padStart(4, '0')}-${String(tm).padStart(2, '0')}-${String(td).padStart(2, '0')}`;
}
