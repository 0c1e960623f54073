/**
 * The screener's questionnaire, built from the published programs with no program-specific code: for each program,
 * the questions it declares (`screener.questions`) or, when it declares none, the top-level questions its rules and
 * benefits need (`neededQuestions`), so that a complete set of answers lets every program answer "likely eligible"
 * or "probably not". A question of the same name is asked once for all programs (the first program's definition of
 * it wins; programs are listed in a stable order), in the order the programs' pages ask them; all are optional. A
 * question the form shows only under a condition (an `if`/`then` of its schema) keeps that condition. The server
 * builds it (`GET /api/screen/form`) with its validator module; the screener page renders what it gets.
 */
import type { MissingInput, Program } from '../format/types.ts';
import { parsePointer } from '../format/pointer.ts';
import { neededQuestions } from '../validate/needed.ts';

type Schema = Record<string, unknown>;

/**
 * A copy of a schema with nothing required at any depth (no `required`, no `minItems`): screening takes any subset.
 * The tests of a condition (`if`) keep their `required`: that is what makes them true only when the answer is given.
 */
export function relaxed(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(relaxed);
  if (!node || typeof node !== 'object') return node;
  const out: Schema = {};
  for (const [key, value] of Object.entries(node as Schema)) {
    if (key === 'required' || key === 'minItems') continue;
    // `enum` and `const` hold data, not schemas; a condition's test is kept as written.
    out[key] = key === 'enum' || key === 'const' || key === 'default' || key === 'if' ? value : relaxed(value);
  }
  return out;
}

/** The screener form: a JSON Schema with every question optional, its uiSchema, and the field order. */
export interface ScreenerForm {
  schema: Schema;
  uiSchema: Record<string, unknown>;
  fields: string[];
}

/** The questions the screener asks for one program: those it declares, else those its rules and benefits need. */
export function screenerQuestions(document: Program): string[] {
  return document.screener?.questions ?? neededQuestions(document);
}

const neededOf = new WeakMap<Program, Set<string>>();

/**
 * Of a partial determination's missing answers, those the program's rules and benefits need to decide: what the
 * screener's result names as still needed (an application's other required questions, such as a name, are not).
 */
export function stillNeeded(document: Program, missing: MissingInput[]): MissingInput[] {
  let needed = neededOf.get(document);
  if (!needed) neededOf.set(document, (needed = new Set(neededQuestions(document))));
  return missing.filter((m) => needed.has(parsePointer(m.path)[0] ?? ''));
}

/** Builds the screener form from the programs' forms (documents that passed `validate`). */
export function screenerForm(documents: Program[]): ScreenerForm {
  // Contact questions (issue 15) decide nothing and are never screened for.
  const contact = new Set(documents.flatMap((d) => Object.values(d.contact ?? {})));
  const properties: Schema = {};
  const definitions: Schema = {};
  const uiSchema: Record<string, unknown> = {};
  const conditionals: Schema[] = [];
  const ordered: string[] = [];
  for (const document of documents) {
    const form = document.form;
    const chosen = screenerQuestions(document);
    const props = (form.schema.properties ?? {}) as Schema;
    Object.assign(definitions, { ...((form.schema.definitions ?? {}) as Schema), ...definitions });
    // The pages' order first, then any chosen question no page lists.
    const inOrder = [...new Set([...form.pages.flatMap((page) => page.fields).filter((name) => chosen.includes(name)), ...chosen])];
    let conditional = false;
    for (const name of inOrder) {
      if (ordered.includes(name) || contact.has(name)) continue;
      if (props[name]) properties[name] = relaxed(props[name]);
      else conditional = true; // declared in a branch of the schema: asked under the form's own condition
      const ui = form.uiSchema?.[name];
      if (ui !== undefined) uiSchema[name] = ui;
      ordered.push(name);
    }
    if (conditional) {
      const { if: test, then, else: otherwise } = form.schema as Schema;
      if (test) conditionals.push(relaxed({ if: test, then, else: otherwise }) as Schema);
    }
  }
  const schema: Schema = { type: 'object', properties };
  if (conditionals.length) schema.allOf = conditionals;
  if (Object.keys(definitions).length) schema.definitions = relaxed(definitions);
  uiSchema['ui:order'] = [...ordered, '*'];
  return { schema, uiSchema, fields: ordered };
}
