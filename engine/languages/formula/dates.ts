/**
 * Calendar arithmetic on ISO `YYYY-MM-DD` dates, in UTC so that results never depend on the server's time zone.
 */

const DAY_MS = 86_400_000;

/** An error in a formula's input or arguments, reported with the derived value or rule that evaluated it. */
export class FormulaEvalError extends Error {}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digitsAt(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Parses an ISO date (a date-time is cut to its date) into [year, month 1-12, day]; throws on anything else. */
export function parseDate(value: unknown, what = 'date'): [number, number, number] {
  // Hand-written scan: dates are parsed per member per evaluation, so no regex match arrays or Date objects.
  if (
    typeof value === 'string' &&
    value.length >= 10 &&
    value.charCodeAt(4) === 45 &&
    value.charCodeAt(7) === 45 &&
    (value.length === 10 || value.charCodeAt(10) === 84)
  ) {
    const y = digitsAt(value, 0, 4);
    const mo = digitsAt(value, 5, 2);
    const d = digitsAt(value, 8, 2);
    if (y >= 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo)) return [y, mo, d];
    if (y >= 0 && mo >= 0 && d >= 0) throw new FormulaEvalError(`${JSON.stringify(value)} is not a calendar date`);
  }
  throw new FormulaEvalError(`expected a ${what} written YYYY-MM-DD but got ${JSON.stringify(value)}`);
}

/** Number of days in a month (month 1-12) of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2 && ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0)) return 29;
  return MONTH_DAYS[month - 1];
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

/** An ISO date as the number yyyymmdd (validated), so dates compare and subtract without allocation. */
export function dateKey(value: unknown, what = 'date'): number {
  if (
    typeof value === 'string' &&
    value.length >= 10 &&
    value.charCodeAt(4) === 45 &&
    value.charCodeAt(7) === 45 &&
    (value.length === 10 || value.charCodeAt(10) === 84)
  ) {
    const y = digitsAt(value, 0, 4);
    const mo = digitsAt(value, 5, 2);
    const d = digitsAt(value, 8, 2);
    if (y >= 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo)) return y * 10000 + mo * 100 + d;
  }
  parseDate(value, what); // throws the precise message
  return 0;
}

/**
 * The yyyymmdd key of a date written exactly YYYY-MM-DD that is a real calendar day, or NaN: the form's `date`
 * format (`formAjv`), scanned in place without throwing.
 */
export function isoDateKey(s: string): number {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NaN;
  const year = digitsAt(s, 0, 4);
  const month = digitsAt(s, 5, 2);
  const day = digitsAt(s, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  return year * 10000 + month * 100 + day;
}

/** Whole years between a birth date and a date (the person's age on that date). */
export function wholeYears(from: unknown, to: unknown): number {
  return Math.floor((dateKey(to) - dateKey(from, 'date of birth')) / 10000);
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

/** True when `value` is a date written exactly YYYY-MM-DD that is a real calendar day: the one date check of Mandate. */
export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(isoDateKey(value));
}
