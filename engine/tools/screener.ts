/**
 * The screener's questionnaire, built from the published programs with no program-specific code: the top-level
 * questions that two or more programs ask (the shared facts of a household: its members, income, rent…), all
 * optional. When they share fewer than three, each program's first page is asked too. Conflicting definitions of
 * the same question: the first program's wins (programs are listed in a stable order). The server builds it
 * (`GET /api/screen/form`) with its validator module; the screener page renders what it gets.
 */
import type { Program } from '../format/types.ts';

type Schema = Record<string, unknown>;

const MIN_SHARED = 3;

/** A copy of a schema with nothing required at any depth (no `required`, no `minItems`): screening takes any subset. */
export function relaxed(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(relaxed);
  if (!node || typeof node !== 'object') return node;
  const out: Schema = {};
  for (const [key, value] of Object.entries(node as Schema)) {
    if (key === 'required' || key === 'minItems') continue;
    // `enum` and `const` hold data, not schemas.
    out[key] = key === 'enum' || key === 'const' || key === 'default' ? value : relaxed(value);
  }
  return out;
}

/** The screener form: a JSON Schema with every question optional, its uiSchema, and the field order. */
export interface ScreenerForm {
  schema: Schema;
  uiSchema: Record<string, unknown>;
  fields: string[];
}

/** Builds the screener form from the programs' forms. */
export function screenerForm(documents: Program[]): ScreenerForm {
  const counts = new Map<string, number>();
  // Only the forms are read (with their one default, an empty uiSchema): a document need not be complete otherwise.
  const programs = documents.map((d) => ({ form: { ...d.form, uiSchema: d.form.uiSchema ?? {} } }));
  // Contact questions (issue 15) decide nothing and are never screened for.
  const contact = new Set(documents.flatMap((d) => Object.values(d.contact ?? {})));
  for (const program of programs) {
    for (const name of Object.keys((program.form.schema.properties ?? {}) as Schema))
      if (!contact.has(name)) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  let chosen = [...counts.entries()].filter(([, n]) => n >= 2).map(([name]) => name);
  if (chosen.length < MIN_SHARED || programs.length === 1) {
    chosen = [...new Set([...chosen, ...programs.flatMap((p) => p.form.pages[0]?.fields ?? [])])];
  }
  const properties: Schema = {};
  const definitions: Schema = {};
  const uiSchema: Record<string, unknown> = {};
  // Keep the order in which the first program asks its questions.
  const ordered: string[] = [];
  for (const program of programs) {
    const props = (program.form.schema.properties ?? {}) as Schema;
    Object.assign(definitions, { ...((program.form.schema.definitions ?? {}) as Schema), ...definitions });
    for (const page of program.form.pages) {
      for (const name of page.fields) {
        if (!chosen.includes(name) || contact.has(name) || name in properties || !props[name]) continue;
        properties[name] = relaxed(props[name]);
        const ui = program.form.uiSchema[name];
        if (ui !== undefined) uiSchema[name] = ui;
        ordered.push(name);
      }
    }
  }
  const schema: Schema = { type: 'object', properties };
  if (Object.keys(definitions).length) schema.definitions = relaxed(definitions);
  return { schema, uiSchema, fields: ordered };
}
