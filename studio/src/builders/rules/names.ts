/**
 * The names the rules, derived-value and benefit editors work with, read from the definition: ids made from titles,
 * the names a message's `{placeholders}` and a formula may use (each with its title), and a message split into its
 * text and placeholders for inline highlighting. The engine's validation stays the judge (its diagnostics are shown
 * at each place); these lists are what the editors offer and highlight as the analyst types.
 */
import { FUNCTION_SIGNATURES, FUNCTIONS } from '../../../../engine/index.ts';
import { factsOf, parameterTitle } from '../conditions/facts.ts';

/** A name an editor can offer, with what it is. */
export interface KnownName {
  name: string;
  title: string;
  source: 'question' | 'derived' | 'parameter' | 'function';
  /** For functions: how it is called. */
  signature?: string;
}

function fold(title: string): string[] {
  return title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function unique(base: string, taken: Iterable<string>, join: string): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}${join}${n}`)) return `${base}${join}${n}`;
}

/** A rule or benefit id from its title ("Household size limit" → `household-size-limit`), unique among `taken`. */
export function slugFrom(title: string, taken: Iterable<string>, fallback = 'rule'): string {
  const words = fold(title);
  return unique(words.length ? words.join('-').slice(0, 60).replace(/-+$/, '') : fallback, taken, '-');
}

/** A derived value's name from its title ("Yearly income" → `yearlyIncome`), unique among `taken`. */
export function identifierFrom(title: string, taken: Iterable<string>, fallback = 'value'): string {
  const words = fold(title);
  let base = words.map((w, i) => (i === 0 ? w : w[0].toUpperCase() + w.slice(1))).join('') || fallback;
  if (/^\d/.test(base)) base = `v${base}`;
  return unique(base.slice(0, 60), taken, '');
}

/** The names a message's placeholders may use: questions, derived values and `param:<name>` for each parameter. */
export function templateNames(doc: Record<string, unknown>): KnownName[] {
  const facts = factsOf(doc, { parameters: false }).map((f) => ({ name: f.name, title: f.title, source: f.source }));
  const params = Object.entries((doc.parameters ?? {}) as Record<string, { description?: string }>).map(([name, p]) => ({
    name: `param:${name}`,
    title: parameterTitle(name, p),
    source: 'parameter' as const,
  }));
  return [...facts, ...params];
}

/** One piece of a message: literal text, or a placeholder with whether its name exists. */
export type TemplatePiece = { text: string } | { name: string; known: boolean };

/** A message split into text and `{placeholders}` (the engine's placeholder syntax), each marked known or not. */
export function templatePieces(template: string, known: ReadonlySet<string>): TemplatePiece[] {
  const out: TemplatePiece[] = [];
  let last = 0;
  for (const match of template.matchAll(/\{([^{}]+)\}/g)) {
    if (match.index > last) out.push({ text: template.slice(last, match.index) });
    const name = match[1].trim();
    out.push({ name, known: known.has(name) });
    last = match.index + match[0].length;
  }
  if (last < template.length) out.push({ text: template.slice(last) });
  return out;
}

/** The text with `{name}` inserted at `at` (a caret position), and the caret after it. */
export function insertPlaceholder(text: string, at: number, name: string): { text: string; caret: number } {
  const inserted = `{${name}}`;
  const i = Math.max(0, Math.min(text.length, at));
  return { text: text.slice(0, i) + inserted + text.slice(i), caret: i + inserted.length };
}

/**
 * What a formula can name: questions, derived values (except `self`, which may not refer to itself), parameters
 * (called as `param('name')`) and the language's functions with their signatures.
 */
export function formulaNames(doc: Record<string, unknown>, self?: string): KnownName[] {
  const facts = factsOf(doc, { parameters: false })
    .filter((f) => f.name !== self)
    .map((f) => ({ name: f.name, title: f.title, source: f.source }));
  const params = Object.entries((doc.parameters ?? {}) as Record<string, { description?: string }>).map(([name, p]) => ({
    name,
    title: parameterTitle(name, p),
    source: 'parameter' as const,
  }));
  const functions = FUNCTIONS.map((name) => ({
    name,
    title: FUNCTION_SIGNATURES[name as keyof typeof FUNCTION_SIGNATURES],
    source: 'function' as const,
    signature: FUNCTION_SIGNATURES[name as keyof typeof FUNCTION_SIGNATURES],
  }));
  return [...facts, ...params, ...functions];
}

/**
 * True when anything in the definition besides its own entry names the derived value `name` (a formula, a
 * condition, a message, a test case): renaming it then would break that use.
 */
export function isReferenced(doc: Record<string, unknown>, name: string): boolean {
  const { [name]: _own, ...others } = (doc.derived ?? {}) as Record<string, unknown>;
  const text = JSON.stringify({ ...doc, derived: others });
  return new RegExp(`(?<![\\w:'-])${name.replace(/[$]/g, '\\$')}(?![\\w'-])`).test(text);
}
