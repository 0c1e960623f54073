/**
 * Where the rest of a definition uses a question, and renaming a question's id everywhere it is used: the form
 * (schema, required lists, uiSchema, `ui:order`, pages, other questions' conditions), the screener's questions, the
 * conditions of pages, rules, waivers, shared conditions, benefits and the workflow, formulas (rewritten name by name,
 * and checked with the engine's formula analysis), message placeholders, test inputs and translation keys. Pure: each returns a new
 * definition, or a refusal listing the places that stop it.
 */
import { analyzeFormula } from '../../../../engine/index.ts';
import { at, IDENTIFIER, isObject, members, ptr, questions, takenIds, type QuestionView } from './model.ts';
import type { Json } from './types.ts';

/** A place that uses a question: its JSON Pointer and what it is. */
export interface Use {
  pointer: string;
  kind: 'condition' | 'questionCondition' | 'formula' | 'message' | 'test';
}

/** Why a rename was refused. */
export type RenameRefusal = { refused: 'invalid' } | { refused: 'taken' } | { refused: 'formulas'; uses: Use[] };

const PARTS_WITH_CONDITIONS = ['conditions', 'rules', 'benefits', 'workflow'] as const;

/** Calls `visit` on every object under `value`, with its pointer. */
function walk(value: unknown, pointer: string, visit: (o: Json, pointer: string) => void): void {
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${pointer}/${i}`, visit));
  else if (isObject(value)) {
    visit(value, pointer);
    for (const [k, v] of Object.entries(value)) walk(v, `${pointer}${ptr(k)}`, visit);
  }
}

/** Calls `visit` on every string under `value` (keys excluded), with its pointer. */
function strings(value: unknown, pointer: string, visit: (s: string, pointer: string) => void): void {
  if (typeof value === 'string') visit(value, pointer);
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${pointer}/${i}`, visit));
  else if (isObject(value)) for (const [k, v] of Object.entries(value)) strings(v, `${pointer}${ptr(k)}`, visit);
}

/** The condition trees of the definition outside the form schema: pages' `showWhen` and the other parts. */
function conditionRoots(doc: Json): [unknown, string][] {
  const pages = isObject(doc.form) && Array.isArray(doc.form.pages) ? doc.form.pages : [];
  return [...PARTS_WITH_CONDITIONS.map((k) => [doc[k], `/${k}`] as [unknown, string]), [pages, '/form/pages']];
}

function isLeaf(o: Json): boolean {
  return typeof o.operator === 'string' && typeof o.fact === 'string';
}

function placeholderPattern(name: string): RegExp {
  return new RegExp(`\\{${name.replace(/[$]/g, '\\$')}(?=[}.:])`, 'g');
}

/** Every formula string of the definition (any `formula` key), with its pointer. */
function formulas(doc: Json): [string, string][] {
  const out: [string, string][] = [];
  walk(doc, '', (o, pointer) => {
    if (typeof o.formula === 'string') out.push([o.formula, `${pointer}/formula`]);
  });
  return out;
}

/** Message templates: every string under a `messages` key, and every translated text. */
function messages(doc: Json, visit: (s: string, pointer: string) => void): void {
  walk(doc, '', (o, pointer) => {
    if (isObject(o.messages)) strings(o.messages, `${pointer}/messages`, visit);
  });
  if (isObject(doc.translations)) strings(doc.translations, '/translations', visit);
}

/** The places, outside the question's own definition, that use a top-level question or a group's question. */
export function usesOf(doc: Json, id: string, group?: QuestionView): Use[] {
  const uses: Use[] = [];
  if (group) {
    // A group's question is used by member-wise conditions on its group and by formulas reading `m.<id>`.
    for (const [root, pointer] of conditionRoots(doc))
      walk(root, pointer, (o, p) => {
        if (isLeaf(o) && o.fact === group.id && isObject(o.value) && o.value.field === id)
          uses.push({ pointer: `${p}/value/field`, kind: 'condition' });
      });
    const member = new RegExp(`\\.${id}\\b`);
    for (const [text, pointer] of formulas(doc)) if (member.test(text)) uses.push({ pointer, kind: 'formula' });
    (Array.isArray(doc.tests) ? doc.tests : []).forEach((t, i) => {
      const list = isObject(t) && isObject(t.input) ? t.input[group.id] : undefined;
      if (Array.isArray(list) && list.some((m) => isObject(m) && id in m)) uses.push({ pointer: `/tests/${i}/input/${group.id}`, kind: 'test' });
    });
    return uses;
  }
  for (const [root, pointer] of conditionRoots(doc))
    walk(root, pointer, (o, p) => {
      if (isLeaf(o) && o.fact === id) uses.push({ pointer: `${p}/fact`, kind: 'condition' });
      if (isLeaf(o) && isObject(o.value) && o.value.fact === id) uses.push({ pointer: `${p}/value/fact`, kind: 'condition' });
    });
  for (const q of questions(doc).values()) {
    if (q.id === id || !q.branch) continue;
    const test = at(doc, `${q.branch}/if`);
    if (isObject(test) && isObject(test.properties) && id in test.properties) uses.push({ pointer: `${q.branch}/if`, kind: 'questionCondition' });
  }
  for (const [text, pointer] of formulas(doc)) if (analyzeFormula(text).identifiers.includes(id)) uses.push({ pointer, kind: 'formula' });
  const pattern = placeholderPattern(id);
  messages(doc, (s, pointer) => {
    if (s.match(pattern)) uses.push({ pointer, kind: 'message' });
  });
  (Array.isArray(doc.tests) ? doc.tests : []).forEach((t, i) => {
    if (isObject(t) && isObject(t.input) && id in t.input) uses.push({ pointer: `/tests/${i}/input${ptr(id)}`, kind: 'test' });
  });
  return uses.filter((u, i) => uses.findIndex((v) => v.pointer === u.pointer) === i);
}

/** An object with one key renamed, its other keys in place. */
function renameKey(o: Json, from: string, to: string): Json {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k === from ? to : k, v]));
}

/**
 * `text` with the formula name `from` replaced by `to` (outside string literals and not after a "."), or undefined
 * when the result does not read the same names with `from` replaced.
 */
export function renameInFormula(text: string, from: string, to: string): string | undefined {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      const stop = end < 0 ? text.length : end + 1;
      out += text.slice(i, stop);
      i = stop;
    } else if (/[A-Za-z_$]/.test(c)) {
      let j = i + 1;
      while (j < text.length && /[A-Za-z0-9_$]/.test(text[j])) j++;
      const word = text.slice(i, j);
      const afterDot = /\.\s*$/.test(out);
      out += word === from && !afterDot ? to : word;
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  const before = analyzeFormula(text);
  const after = analyzeFormula(out);
  const expected = before.identifiers.map((n) => (n === from ? to : n));
  if (!after.ok || JSON.stringify(after.identifiers) !== JSON.stringify(expected)) return undefined;
  return out;
}

/** Rewrites the answer pointers a test case expects to be missing. */
function renameMissing(test: Json, map: (pointer: string) => string): void {
  const expected = test.expected;
  if (isObject(expected) && Array.isArray(expected.missing)) expected.missing = expected.missing.map((p) => (typeof p === 'string' ? map(p) : p));
}

/** Renames the translation keys at or under `from` to `to`. */
function rekey(d: Json, from: string, to: string): void {
  if (!isObject(d.translations)) return;
  for (const [lang, texts] of Object.entries(d.translations)) {
    if (!isObject(texts)) continue;
    d.translations[lang] = Object.fromEntries(
      Object.entries(texts).map(([k, v]) => [k === from || k.startsWith(`${from}/`) ? to + k.slice(from.length) : k, v]),
    );
  }
}

function renameInList(list: unknown, from: string, to: string): unknown {
  return Array.isArray(list) ? list.map((x) => (x === from ? to : x)) : list;
}

/**
 * Renames a question's id everywhere the definition uses it. Refused when the new id is not an identifier, is
 * taken, or a formula that uses the question cannot be rewritten safely (the refusal lists those formulas).
 */
export function renameQuestion(doc: Json, q: QuestionView, to: string): Json | RenameRefusal {
  if (to === q.id) return doc;
  if (!IDENTIFIER.test(to)) return { refused: 'invalid' };
  const group = q.group ? questions(doc).get(q.group) : undefined;
  const taken = group ? new Set(members(doc, group).map((m) => m.id)) : takenIds(doc);
  if (taken.has(to)) return { refused: 'taken' };
  const d = structuredClone(doc);
  const from = q.id;
  const stuck: Use[] = [];

  // The question itself: its key where it lives, its required entry, its uiSchema entry and order.
  const holder = at(d, q.container) as Json;
  holder.properties = renameKey(holder.properties as Json, from, to);
  holder.required = renameInList(holder.required, from, to);
  if (holder.required === undefined) delete holder.required;
  const uiParent = at(d, q.uiPointer.slice(0, q.uiPointer.lastIndexOf('/')));
  if (isObject(uiParent)) {
    const renamed = renameKey(uiParent, from, to);
    if (Array.isArray(renamed['ui:order'])) renamed['ui:order'] = renameInList(renamed['ui:order'], from, to);
    for (const k of Object.keys(uiParent)) delete uiParent[k];
    Object.assign(uiParent, renamed);
  }
  const newPointer = `${q.container}/properties${ptr(to)}`;
  const newUi = `${q.uiPointer.slice(0, q.uiPointer.lastIndexOf('/'))}${ptr(to)}`;
  rekey(d, q.pointer, newPointer);
  rekey(d, q.uiPointer, newUi);

  if (group) {
    for (const [root, pointer] of conditionRoots(d))
      walk(root, pointer, (o) => {
        if (isLeaf(o) && o.fact === group.id && isObject(o.value) && o.value.field === from) o.value.field = to;
      });
    const member = new RegExp(`\\.${from}\\b`);
    for (const [text, pointer] of formulas(d)) if (member.test(text)) stuck.push({ pointer, kind: 'formula' });
    const item = new RegExp(`^(${ptr(group.id)}/\\d+)${ptr(from)}(?=/|$)`);
    for (const t of Array.isArray(d.tests) ? d.tests : []) {
      if (!isObject(t)) continue;
      const list = isObject(t.input) ? t.input[group.id] : undefined;
      if (Array.isArray(list)) (t.input as Json)[group.id] = list.map((m) => (isObject(m) ? renameKey(m, from, to) : m));
      renameMissing(t, (p) => p.replace(item, `$1${ptr(to)}`));
    }
    return stuck.length ? { refused: 'formulas', uses: stuck } : d;
  }

  // Pages, the screener's questions, other questions' conditions, and every condition tree.
  const form = d.form as Json;
  for (const page of Array.isArray(form.pages) ? (form.pages as Json[]) : []) page.fields = renameInList(page.fields, from, to);
  // Its shared concept (issue 16) follows it.
  if (isObject(form.concepts)) form.concepts = renameKey(form.concepts, from, to);
  if (isObject(d.screener)) d.screener.questions = renameInList(d.screener.questions, from, to);
  for (const other of questions(d).values()) {
    if (!other.branch) continue;
    const test = at(d, `${other.branch}/if`);
    if (isObject(test) && isObject(test.properties) && from in test.properties) {
      test.properties = renameKey(test.properties, from, to);
      test.required = renameInList(test.required, from, to);
      if (test.required === undefined) delete test.required;
    }
  }
  for (const [root, pointer] of conditionRoots(d))
    walk(root, pointer, (o) => {
      if (!isLeaf(o)) return;
      if (o.fact === from) o.fact = to;
      if (isObject(o.value) && o.value.fact === from) o.value.fact = to;
    });
  // Formulas, rewritten name by name.
  walk(d, '', (o, pointer) => {
    if (typeof o.formula !== 'string' || !analyzeFormula(o.formula).identifiers.includes(from)) return;
    const next = renameInFormula(o.formula, from, to);
    if (next === undefined) stuck.push({ pointer: `${pointer}/formula`, kind: 'formula' });
    else o.formula = next;
  });
  if (stuck.length) return { refused: 'formulas', uses: stuck };
  // Placeholders in messages and their translations.
  const pattern = placeholderPattern(from);
  const replace = (o: Json) => {
    for (const [k, v] of Object.entries(o)) {
      if (typeof v === 'string') o[k] = v.replace(pattern, `{${to}`);
      else if (isObject(v)) replace(v);
    }
  };
  walk(d, '', (o) => {
    if (isObject(o.messages)) replace(o.messages);
  });
  if (isObject(d.translations)) for (const texts of Object.values(d.translations)) if (isObject(texts)) replace(texts);
  // Test inputs, and the answers a test expects to be missing.
  for (const t of Array.isArray(d.tests) ? d.tests : []) {
    if (!isObject(t)) continue;
    if (isObject(t.input) && from in t.input) t.input = renameKey(t.input, from, to);
    renameMissing(t, (p) => (p === ptr(from) || p.startsWith(`${ptr(from)}/`) ? ptr(to) + p.slice(ptr(from).length) : p));
  }
  return d;
}
