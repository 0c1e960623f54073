/**
 * Formatting of values in plain-language messages: `{name}` placeholders filled with currency (`$1,234.50`, or
 * `$1,234` when whole) for USD units, long-form dates, joined lists, yes/no for booleans.
 */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function locale(lang: string): string {
  return lang === 'en' ? 'en-US' : lang === 'es' ? 'es-US' : lang;
}

function dateFormat(lang: string): Intl.DateTimeFormat {
  let f = dateFormats.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(locale(lang), { dateStyle: 'long', timeZone: 'UTC' });
    dateFormats.set(lang, f);
  }
  return f;
}

function numberFormat(lang: string, fraction: number): Intl.NumberFormat {
  const key = `${lang}:${fraction}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale(lang), { minimumFractionDigits: fraction, maximumFractionDigits: fraction === 0 ? 2 : fraction });
    numberFormats.set(key, f);
  }
  return f;
}

/** Three digits of a group, zero-padded: 7 → "007". */
function threeDigits(n: number): string {
  return n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`;
}

/** Groups the digits of a non-negative whole number by thousands: 1234567 → "1,234,567" (arithmetic, no slicing). */
function group(whole: number): string {
  if (whole < 1000 || !Number.isSafeInteger(whole)) return String(whole);
  let rest = Math.floor(whole / 1000);
  let out = threeDigits(whole - rest * 1000);
  while (rest >= 1000) {
    const next = Math.floor(rest / 1000);
    out = `${threeDigits(rest - next * 1000)},${out}`;
    rest = next;
  }
  return `${rest},${out}`;
}

/** Formats dollars: `$1,234.50`, or `$1,234` when the amount is whole; negative amounts as `-$12`. */
export function formatUsd(amount: number, _lang = 'en'): string {
  const cents = Math.round(Math.abs(amount) * 100);
  const whole = Math.floor(cents / 100);
  const rest = cents % 100;
  const sign = amount < 0 && cents > 0 ? '-' : '';
  return `${sign}$${group(whole)}${rest === 0 ? '' : rest < 10 ? `.0${rest}` : `.${rest}`}`;
}

/** Formats an ISO date long-form, e.g. "October 1, 2025" (in UTC, so the day never shifts). */
export function formatDate(iso: string, lang = 'en'): string {
  return dateFormat(lang).format(new Date(`${iso}T00:00:00Z`));
}

/** Formats one value for a message, using its unit (`USD…` → currency). Unknown values read "not known". */
export function formatValue(value: unknown, unit: string | undefined, lang = 'en'): string {
  if (value === undefined || value === null) return lang === 'es' ? 'no se sabe' : 'not known';
  if (typeof value === 'number') {
    if (unit && unit.startsWith('USD')) return formatUsd(value, lang);
    return numberFormat(lang, 0).format(value);
  }
  if (typeof value === 'boolean') return value ? (lang === 'es' ? 'sí' : 'yes') : 'no';
  if (typeof value === 'string') return ISO_DATE.test(value) ? formatDate(value, lang) : value;
  if (Array.isArray(value)) {
    const items = value.map((v) => formatValue(v, unit, lang));
    if (items.length <= 1) return items.join('');
    const and = lang === 'es' ? 'y' : 'and';
    return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
  }
  return JSON.stringify(value);
}

/** A template split once into literal text and placeholder names: [text, name, text, name, …, text]. */
const compiledTemplates = new Map<string, string[]>();

function splitTemplate(template: string): string[] {
  let parts = compiledTemplates.get(template);
  if (!parts) {
    parts = template.split(/\{([A-Za-z_][\w:.-]*)\}/);
    if (compiledTemplates.size > 10_000) compiledTemplates.clear();
    compiledTemplates.set(template, parts);
  }
  return parts;
}

/**
 * Fills `{name}` placeholders; `lookup(name)` returns `{ value, unit }` for a known name, or undefined to leave the
 * placeholder as written (validation reports unknown names).
 */
export function fillTemplate(template: string, lookup: (name: string) => { value: unknown; unit?: string } | undefined, lang = 'en'): string {
  const parts = splitTemplate(template);
  if (parts.length === 1) return template;
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const found = lookup(parts[i]);
    out += found ? formatValue(found.value, found.unit, lang) : `{${parts[i]}}`;
    out += parts[i + 1];
  }
  return out;
}
