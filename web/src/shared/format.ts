/** Formatting of money, dates and answers for display, per language. */

/** `$1,234.50` (or `1.234,50 US$`-style per locale), whole dollars without cents. */
export function formatMoney(amount: number, lang: string): string {
  return new Intl.NumberFormat(lang === 'es' ? 'es-US' : 'en-US', {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: Number.isInteger(amount) ? 0 : 2,
  }).format(amount);
}

/** A benefit's amount in its unit: money for USD units or none (`$215`), else the number and the unit (`12 kg`). */
export function formatAmount(amount: number, unit: string | undefined, lang: string): string {
  return !unit || unit.startsWith('USD') ? formatMoney(amount, lang) : `${formatNumber(amount, lang)} ${unit}`;
}

/** A long-form date (`October 15, 2025`) from an ISO date or timestamp; the input itself when it is not a date. */
export function formatDate(value: string | undefined | null, lang: string): string {
  if (!value) return '';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(lang === 'es' ? 'es-US' : 'en-US', {
    dateStyle: 'long',
    timeZone: /^\d{4}-\d{2}-\d{2}$/.test(value) ? 'UTC' : undefined,
  }).format(date);
}

/** A date and time for history lists. */
export function formatDateTime(value: string | undefined | null, lang: string): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(lang === 'es' ? 'es-US' : 'en-US', { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A length of time in words, rounded to what a person waits by: `12 seconds`, `3 minutes`, `1 hour` (or `12 segundos`). */
export function formatDuration(seconds: number, lang: string): string {
  const locale = lang === 'es' ? 'es-US' : 'en-US';
  const [value, unit] =
    seconds < 90
      ? [Math.max(1, Math.round(seconds)), 'second']
      : seconds < 5400
        ? [Math.round(seconds / 60), 'minute']
        : [Math.round(seconds / 3600), 'hour'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/** A count or other number as the page's language writes it (`1,234` / `1234`-style per locale). */
export function formatNumber(value: number, lang: string): string {
  return value.toLocaleString(lang === 'es' ? 'es-US' : 'en-US');
}
