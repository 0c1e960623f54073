/**
 * The form part of a definition as the form builder sees it, and its question edits, as pure functions from the
 * whole definition to the next one (never mutating it): add, change, require, reorder, condition, delete (the page
 * edits are in pages.ts, the JSON and translation helpers in json.ts). Questions live in `form.schema.properties`; a conditional
 * question lives in a branch of its own, `form.schema.allOf[i] = { if, then: { properties: { id } } }` — the schema's
 * own `if`/`then`, which RJSF shows and the engine prunes (`pruneHidden`); the root `if`/`then` (us-snap's medical
 * costs) is read the same way. Translations are
 * keyed by JSON Pointer, so an edit that moves a text (reordering pages or options, moving a question into a branch)
 * moves its translations with it.
 */
import { at, edit, isObject, moved, moveTranslations, ptr, put, reorderTranslations } from './json.ts';
import { kindOf, newQuestion, type Json, type QuestionKind } from './types.ts';

export { at, isObject, ptr };

/** "show when <question> <is / is not / is at least / is at most> <value>". */
export interface SimpleCondition {
  question: string;
  op: 'is' | 'isNot' | 'atLeast' | 'atMost';
  value: string | number | boolean;
}

/** A question of the form, where it lives and what the builder makes of it. */
export interface QuestionView {
  id: string;
  /** Its type, or undefined when the builder does not edit its shape (edited in JSON). */
  kind: QuestionKind | undefined;
  schema: Json;
  ui: Json | undefined;
  required: boolean;
  /** JSON Pointer of its schema. */
  pointer: string;
  /** JSON Pointer of its uiSchema entry (which may not exist yet). */
  uiPointer: string;
  /** JSON Pointer of the object whose `properties` and `required` hold it. */
  container: string;
  /** The branch (object with `if`/`then`) that holds it, when conditional. */
  branch?: string;
  /** The condition under which it shows: simple, or 'complex' (edited in JSON); undefined when always shown. */
  condition?: SimpleCondition | 'complex';
  /** For a repeating group's own question: the group's id. */
  group?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

export function formOf(doc: Json): Json {
  return isObject(doc.form) ? doc.form : {};
}

export function pagesOf(doc: Json): Json[] {
  const pages = formOf(doc).pages;
  return Array.isArray(pages) ? (pages.filter(isObject) as Json[]) : [];
}

function schemaOf(doc: Json): Json {
  const schema = formOf(doc).schema;
  return isObject(schema) ? schema : {};
}

/** Reads a branch's `if` as a simple condition when it is one. */
export function simpleConditionOf(branch: Json): SimpleCondition | 'complex' {
  const test = branch.if;
  if (!isObject(test) || 'else' in branch || !isObject(test.properties)) return 'complex';
  const keys = Object.keys(test.properties);
  const extra = Object.keys(test).filter((k) => k !== 'properties' && k !== 'required');
  if (keys.length !== 1 || extra.length) return 'complex';
  const question = keys[0];
  if (test.required !== undefined && !(Array.isArray(test.required) && test.required.length === 1 && test.required[0] === question)) return 'complex';
  const p = test.properties[question];
  if (!isObject(p)) return 'complex';
  const ks = Object.keys(p)
    .filter((k) => k !== 'type')
    .sort()
    .join(',');
  const literal = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
  if (ks === 'const' && literal(p.const)) return { question, op: 'is', value: p.const as SimpleCondition['value'] };
  if (ks === 'not' && isObject(p.not) && Object.keys(p.not).join() === 'const' && literal(p.not.const))
    return { question, op: 'isNot', value: p.not.const as SimpleCondition['value'] };
  if (ks === 'minimum' && typeof p.minimum === 'number') return { question, op: 'atLeast', value: p.minimum };
  if (ks === 'maximum' && typeof p.maximum === 'number') return { question, op: 'atMost', value: p.maximum };
  return 'complex';
}

/** The schema `if` of a simple condition: the question answered and its answer passing the test. */
export function ifOf(condition: SimpleCondition): Json {
  const { question, op, value } = condition;
  const type = typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'string';
  const test: Json =
    op === 'is'
      ? { const: value }
      : op === 'isNot'
        ? { not: { const: value } }
        : op === 'atLeast'
          ? { type: 'number', minimum: Number(value) }
          : { type: 'number', maximum: Number(value) };
  if (op === 'is' || op === 'isNot') test.type = type;
  return { properties: { [question]: test }, required: [question] };
}

function viewAt(doc: Json, id: string, container: string, branch: string | undefined, group: string | undefined, uiPointer: string): QuestionView {
  const holder = at(doc, container) as Json;
  const schema = (holder.properties as Json)[id] as Json;
  const ui = at(doc, uiPointer);
  const uiEntry = isObject(ui) ? ui : undefined;
  const branchValue = branch ? (at(doc, branch) as Json) : undefined;
  let condition: QuestionView['condition'];
  if (branchValue) {
    const sole = Object.keys(((branchValue.then as Json).properties as Json) ?? {}).length === 1;
    condition = sole ? simpleConditionOf(branchValue) : 'complex';
  }
  return {
    id,
    kind: kindOf(schema, uiEntry),
    schema,
    ui: uiEntry,
    required: Array.isArray(holder.required) && holder.required.includes(id),
    pointer: `${container}/properties/${ptr(id).slice(1)}`,
    uiPointer,
    container,
    branch,
    condition,
    group,
  };
}

/** The branches of the form schema that hold questions: the root `if`/`then` and each `allOf` entry's. */
function branchesOf(doc: Json): string[] {
  const schema = schemaOf(doc);
  const out: string[] = [];
  if (isObject(schema.then) && isObject(schema.then.properties)) out.push('/form/schema');
  if (Array.isArray(schema.allOf))
    schema.allOf.forEach((b, i) => {
      if (isObject(b) && isObject(b.then) && isObject(b.then.properties)) out.push(`/form/schema/allOf/${i}`);
    });
  return out;
}

/** Every top-level question, always shown or conditional, by id. */
export function questions(doc: Json): Map<string, QuestionView> {
  const out = new Map<string, QuestionView>();
  const schema = schemaOf(doc);
  if (isObject(schema.properties))
    for (const id of Object.keys(schema.properties)) out.set(id, viewAt(doc, id, '/form/schema', undefined, undefined, `/form/uiSchema${ptr(id)}`));
  for (const branch of branchesOf(doc)) {
    const container = `${branch}/then`;
    for (const id of Object.keys((at(doc, container) as Json).properties as Json))
      if (!out.has(id)) out.set(id, viewAt(doc, id, container, branch, undefined, `/form/uiSchema${ptr(id)}`));
  }
  return out;
}

/** The questions of a repeating group, in their order. */
export function members(doc: Json, group: QuestionView): QuestionView[] {
  const container = `${group.pointer}/items`;
  const items = at(doc, container);
  if (!isObject(items) || !isObject(items.properties)) return [];
  const ids = Object.keys(items.properties);
  const order = at(doc, `${group.uiPointer}/items/ui:order`);
  if (Array.isArray(order)) ids.sort((a, b) => rank(order, a) - rank(order, b));
  return ids.map((id) => viewAt(doc, id, container, undefined, group.id, `${group.uiPointer}/items${ptr(id)}`));
}

function rank(order: unknown[], id: string): number {
  const i = order.indexOf(id);
  const star = order.indexOf('*');
  return i >= 0 ? i : star >= 0 ? star : order.length;
}

// ---------------------------------------------------------------------------------------------------------------
// Ids

export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const SLUG = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** The first words of a title, without accents (for ids). */
export function words(title: string): string[] {
  return title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .slice(0, 5);
}

/** An id from a title (camelCase identifier), unique among `taken`. */
export function idFromTitle(title: string, taken: Set<string>, fallback = 'question'): string {
  const w = words(title);
  let base = w.map((x, i) => (i === 0 ? x.toLowerCase() : x.charAt(0).toUpperCase() + x.slice(1).toLowerCase())).join('') || fallback;
  if (/^[0-9]/.test(base)) base = `q${base}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}${n}`;
  return id;
}

/** Every id in use at the top level of the form (properties, conditional ones, derived values), for uniqueness. */
export function takenIds(doc: Json): Set<string> {
  const out = new Set(questions(doc).keys());
  if (isObject(doc.derived)) for (const k of Object.keys(doc.derived)) out.add(k);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Questions

/** Words the new-question templates use (option labels, a group's item title), in the studio's language. */
export interface NewWords {
  option: (n: number) => string;
  member: string;
}

/** Adds a question of `kind` at the end of a page; returns the definition and its id. */
export function addQuestion(doc: Json, pageIndex: number, kind: QuestionKind, title: string, w: NewWords): { doc: Json; id: string } {
  const id = idFromTitle(title, takenIds(doc));
  const made = newQuestion(kind, title, w);
  const page = pagesOf(doc)[pageIndex];
  const pageFields = Array.isArray(page?.fields) ? (page.fields as string[]) : [];
  const next = edit(doc, (d) => {
    put(d, `/form/schema/properties${ptr(id)}`, made.schema);
    if (made.ui) put(d, `/form/uiSchema${ptr(id)}`, made.ui);
    const order = at(d, '/form/uiSchema/ui:order');
    if (Array.isArray(order)) {
      const last = Math.max(-1, ...pageFields.map((f) => order.indexOf(f)));
      const star = order.indexOf('*');
      order.splice(last >= 0 ? last + 1 : star >= 0 ? star : order.length, 0, id);
    }
    put(d, `/form/pages/${pageIndex}/fields/${pageFields.length}`, id);
  });
  return { doc: next, id };
}

/** Adds a question to a repeating group; returns the definition and its id. */
export function addMember(doc: Json, group: QuestionView, kind: QuestionKind, title: string, w: NewWords): { doc: Json; id: string } {
  const taken = new Set(members(doc, group).map((m) => m.id));
  const id = idFromTitle(title, taken);
  const made = newQuestion(kind, title, w);
  const next = edit(doc, (d) => {
    put(d, `${group.pointer}/items/properties${ptr(id)}`, made.schema);
    if (made.ui) put(d, `${group.uiPointer}/items${ptr(id)}`, made.ui);
    const order = at(d, `${group.uiPointer}/items/ui:order`);
    if (Array.isArray(order)) {
      const star = order.indexOf('*');
      order.splice(star >= 0 ? star : order.length, 0, id);
    }
  });
  return { doc: next, id };
}

/** Replaces a question's schema (and with `ui`, its uiSchema entry; null removes it). */
export function setQuestion(doc: Json, q: QuestionView, schema: Json, ui?: Json | null): Json {
  return edit(doc, (d) => {
    put(d, q.pointer, schema);
    if (ui !== undefined) put(d, q.uiPointer, ui === null || Object.keys(ui).length === 0 ? undefined : ui);
  });
}

/** Makes a question required or optional. */
export function setRequired(doc: Json, q: QuestionView, required: boolean): Json {
  return edit(doc, (d) => {
    const holder = at(d, q.container) as Json;
    const list = Array.isArray(holder.required) ? (holder.required as string[]).filter((x) => x !== q.id) : [];
    if (required) list.push(q.id);
    if (list.length) holder.required = list;
    else delete holder.required;
  });
}

/** Moves a question within its page (top level) or its group, keeping `ui:order` in step. */
export function moveQuestion(doc: Json, q: QuestionView, from: number, to: number, pageIndex: number): Json {
  if (q.group) {
    const group = questions(doc).get(q.group) as QuestionView;
    const ids = members(doc, group).map((m) => m.id);
    if (to < 0 || to >= ids.length) return doc;
    const { list } = moved(ids, from, to);
    return edit(doc, (d) => {
      const items = at(d, `${group.pointer}/items`) as Json;
      const props = items.properties as Json;
      items.properties = Object.fromEntries(list.map((id) => [id, props[id]]));
      const order = at(d, `${group.uiPointer}/items/ui:order`);
      if (Array.isArray(order)) put(d, `${group.uiPointer}/items/ui:order`, reordered(order as string[], list));
    });
  }
  const fields = (pagesOf(doc)[pageIndex]?.fields as string[]) ?? [];
  if (to < 0 || to >= fields.length) return doc;
  const { list } = moved(fields, from, to);
  return edit(doc, (d) => {
    put(d, `/form/pages/${pageIndex}/fields`, list);
    const order = at(d, '/form/uiSchema/ui:order');
    if (Array.isArray(order)) put(d, '/form/uiSchema/ui:order', reordered(order as string[], list));
  });
}

/** `order` with the ids of `list` put, in `list`'s order, in the places they held. */
function reordered(order: string[], list: string[]): string[] {
  const mine = new Set(list);
  const queue = [...list].filter((id) => order.includes(id));
  return order.map((id) => (mine.has(id) ? (queue.shift() as string) : id));
}

/** Removes a now-empty branch, shifting the translations of the branches after it. */
function dropEmptyBranch(d: Json, branch: string): void {
  const b = at(d, branch) as Json;
  const then = b.then as Json;
  const empty = !isObject(then.properties) || Object.keys(then.properties).length === 0;
  const bare = Object.keys(then).every((k) => k === 'properties' || k === 'required') && !b.else;
  if (!empty || !bare) return;
  if (branch === '/form/schema') {
    delete b.if;
    delete b.then;
    moveTranslations(d, '/form/schema/if', null);
    moveTranslations(d, '/form/schema/then', null);
    return;
  }
  const schema = (d.form as Json).schema as Json;
  const all = schema.allOf as unknown[];
  const index = Number(branch.slice(branch.lastIndexOf('/') + 1));
  all.splice(index, 1);
  reorderTranslations(
    d,
    '/form/schema/allOf',
    all.map((_, i) => (i < index ? i : i + 1)),
  );
  if (all.length === 0) delete schema.allOf;
}

/** Where a moving question's translations wait (no definition text has this pointer). */
const MOVING = '/\u0000moving';

/** Takes a top-level question out of where it lives (base or branch); returns its schema and whether it was required. */
function detach(d: Json, q: QuestionView): { schema: Json; required: boolean } {
  const holder = at(d, q.container) as Json;
  const schema = (holder.properties as Json)[q.id] as Json;
  delete (holder.properties as Json)[q.id];
  const required = Array.isArray(holder.required) && holder.required.includes(q.id);
  if (required) {
    holder.required = (holder.required as string[]).filter((x) => x !== q.id);
    if ((holder.required as string[]).length === 0) delete holder.required;
  }
  return { schema, required };
}

/**
 * Sets or removes (undefined) the condition under which a top-level question shows. A question alone in its branch
 * gets the branch's `if` replaced; otherwise it moves into a new branch (or back to the form's properties), with its
 * translations.
 */
export function setQuestionCondition(doc: Json, q: QuestionView, condition: SimpleCondition | undefined): Json {
  if (q.group) return doc;
  return edit(doc, (d) => {
    const branch = q.branch ? (at(d, q.branch) as Json) : undefined;
    const sole = branch && Object.keys((branch.then as Json).properties as Json).length === 1 && !branch.else;
    if (condition && branch && sole) {
      branch.if = ifOf(condition);
      return;
    }
    if (!condition && !q.branch) return;
    const { schema, required } = detach(d, q);
    // Its translations wait aside while the branches shift.
    moveTranslations(d, q.pointer, MOVING);
    if (q.branch) dropEmptyBranch(d, q.branch);
    let to: string;
    if (condition) {
      const root = (d.form as Json).schema as Json;
      const all = Array.isArray(root.allOf) ? (root.allOf as unknown[]) : [];
      root.allOf = all;
      to = `/form/schema/allOf/${all.length}/then/properties${ptr(q.id)}`;
      all.push({ if: ifOf(condition), then: { properties: { [q.id]: schema }, ...(required ? { required: [q.id] } : {}) } });
    } else {
      to = `/form/schema/properties${ptr(q.id)}`;
      put(d, to, schema);
      if (required) {
        const root = (d.form as Json).schema as Json;
        root.required = [...(Array.isArray(root.required) ? (root.required as string[]) : []), q.id];
      }
    }
    moveTranslations(d, MOVING, to);
  });
}

/** Deletes a question, refused when another part of the definition uses it (`usesOf` lists those places). */
export function deleteQuestion<U>(
  doc: Json,
  id: string,
  usesOf: (doc: Json, id: string, group?: QuestionView) => U[],
  group?: QuestionView,
): Json | { refused: U[] } {
  const q = group ? members(doc, group).find((m) => m.id === id) : questions(doc).get(id);
  if (!q) return doc;
  const uses = usesOf(doc, id, group);
  if (uses.length) return { refused: uses };
  return edit(doc, (d) => {
    if (group) {
      const items = at(d, q.container) as Json;
      delete (items.properties as Json)[id];
      if (Array.isArray(items.required)) {
        items.required = (items.required as string[]).filter((x) => x !== id);
        if ((items.required as string[]).length === 0) delete items.required;
      }
      const order = at(d, `${group.uiPointer}/items/ui:order`);
      if (Array.isArray(order))
        put(
          d,
          `${group.uiPointer}/items/ui:order`,
          order.filter((x) => x !== id),
        );
    } else {
      detach(d, q);
      const order = at(d, '/form/uiSchema/ui:order');
      if (Array.isArray(order))
        put(
          d,
          '/form/uiSchema/ui:order',
          order.filter((x) => x !== id),
        );
      for (const page of ((d.form as Json).pages as Json[]) ?? []) if (Array.isArray(page.fields)) page.fields = page.fields.filter((f) => f !== id);
      // Its shared concept mark (issue 16) goes with it.
      const concepts = (d.form as Json).concepts;
      if (concepts && typeof concepts === 'object' && !Array.isArray(concepts)) {
        delete (concepts as Json)[id];
        if (Object.keys(concepts).length === 0) delete (d.form as Json).concepts;
      }
    }
    put(d, q.uiPointer, undefined);
    moveTranslations(d, q.pointer, null);
    moveTranslations(d, q.uiPointer, null);
    if (!group && q.branch) dropEmptyBranch(d, q.branch);
  });
}

/** Reorders a choice question's options, with their translations. */
export function moveChoice(doc: Json, q: QuestionView, from: number, to: number): Json {
  const array = q.kind === 'multipleChoice' ? `${q.pointer}/items/oneOf` : `${q.pointer}/oneOf`;
  const list = at(doc, array);
  if (!Array.isArray(list) || to < 0 || to >= list.length) return doc;
  return edit(doc, (d) => {
    const { list: next, order } = moved(at(d, array) as unknown[], from, to);
    put(d, array, next);
    reorderTranslations(d, array, order);
  });
}

/** Removes a choice question's option, with its translations. */
export function removeChoice(doc: Json, q: QuestionView, index: number): Json {
  const array = q.kind === 'multipleChoice' ? `${q.pointer}/items/oneOf` : `${q.pointer}/oneOf`;
  const list = at(doc, array);
  if (!Array.isArray(list)) return doc;
  return edit(doc, (d) => {
    const all = at(d, array) as unknown[];
    all.splice(index, 1);
    reorderTranslations(
      d,
      array,
      all.map((_, i) => (i < index ? i : i + 1)),
    );
  });
}

/** The page index a top-level question is on (-1: none). */
export function pageOf(doc: Json, id: string): number {
  return pagesOf(doc).findIndex((p) => Array.isArray(p.fields) && p.fields.includes(id));
}
