/**
 * The form builder's page edits, pure like the question edits (model.ts): add, retitle, reorder and delete pages, and
 * a page's condition (`showWhen`, in the rules' condition format) read and written as a simple condition.
 */
import { edit, isObject, moved, put, reorderTranslations } from './json.ts';
import { deleteQuestion, pagesOf, words, type SimpleCondition } from './model.ts';
import type { Json } from './types.ts';

/** A page id from a title (a lower-case slug), unique among the pages. */
export function pageIdFromTitle(title: string, taken: Set<string>): string {
  const base = words(title).join('-').toLowerCase() || 'page';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** Adds a page at the end; returns the definition and the page's index. */
export function addPage(doc: Json, title: string): { doc: Json; index: number } {
  const pages = pagesOf(doc);
  const id = pageIdFromTitle(title, new Set(pages.map((p) => String(p.id))));
  return { doc: edit(doc, (d) => put(d, `/form/pages/${pages.length}`, { id, title, fields: [] })), index: pages.length };
}

/** Sets a page's title, or its description (empty: removed). */
export function setPageText(doc: Json, index: number, key: 'title' | 'description', text: string): Json {
  return edit(doc, (d) => put(d, `/form/pages/${index}/${key}`, key === 'description' && text === '' ? undefined : text));
}

/** Moves a page from one place to another, with its translations. */
export function movePage(doc: Json, from: number, to: number): Json {
  if (from === to || to < 0 || to >= pagesOf(doc).length) return doc;
  return edit(doc, (d) => {
    const { list, order } = moved((d.form as Json).pages as Json[], from, to);
    (d.form as Json).pages = list;
    reorderTranslations(d, '/form/pages', order);
  });
}

/** Sets or removes (undefined) a page's condition. */
export function setPageCondition(doc: Json, index: number, condition: Json | undefined): Json {
  return edit(doc, (d) => put(d, `/form/pages/${index}/showWhen`, condition));
}

/** The page's `showWhen` read as a simple condition (a leaf, or `all` of one leaf), 'complex', or undefined. */
export function pageConditionOf(page: Json): SimpleCondition | 'complex' | undefined {
  const w = page.showWhen;
  if (w === undefined) return undefined;
  const leaf = isObject(w) && Array.isArray(w.all) && w.all.length === 1 && Object.keys(w).length === 1 ? w.all[0] : w;
  if (!isObject(leaf) || Object.keys(leaf).some((k) => !['fact', 'operator', 'value'].includes(k))) return 'complex';
  const op = ({ equal: 'is', notEqual: 'isNot', greaterThanInclusive: 'atLeast', lessThanInclusive: 'atMost' } as const)[
    String(leaf.operator) as 'equal'
  ];
  const v = leaf.value;
  if (!op || typeof leaf.fact !== 'string' || !(typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) return 'complex';
  return { question: leaf.fact, op, value: v };
}

/** A simple condition in the rules' condition format (a page's `showWhen`). */
export function leafOf(condition: SimpleCondition): Json {
  const operator = { is: 'equal', isNot: 'notEqual', atLeast: 'greaterThanInclusive', atMost: 'lessThanInclusive' }[condition.op];
  return { fact: condition.question, operator, value: condition.value };
}

/**
 * Deletes a page and its questions; refused when it is the only page (no uses listed) or another part of the
 * definition uses one of its questions (each such question with its uses).
 */
export function deletePage<U>(doc: Json, index: number, usesOf: (doc: Json, id: string) => U[]): Json | { refused: { id: string; uses: U[] }[] } {
  const pages = pagesOf(doc);
  if (pages.length <= 1) return { refused: [] };
  const page = pages[index];
  const fields = Array.isArray(page.fields) ? (page.fields as string[]) : [];
  const refused: { id: string; uses: U[] }[] = [];
  let next = doc;
  for (const id of fields) {
    const result = deleteQuestion(next, id, usesOf);
    if ('refused' in result) refused.push({ id, uses: result.refused as U[] });
    else next = result;
  }
  if (refused.length) return { refused };
  return edit(next, (d) => {
    const all = (d.form as Json).pages as Json[];
    all.splice(index, 1);
    reorderTranslations(
      d,
      '/form/pages',
      all.map((_, i) => (i < index ? i : i + 1)),
    );
  });
}
