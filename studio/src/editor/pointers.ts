/**
 * JSON Pointers (RFC 6901) and the text they point into: where in the editor's text a diagnostic's `path` is. Built
 * on jsonc-parser (the parser VS Code's JSON support uses), so offsets are those of the text as typed.
 */
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';

/** The segments of a JSON Pointer: `/rules/0/id` → `['rules', 0, 'id']` (array indexes as numbers). */
export function pointerSegments(pointer: string): (string | number)[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
}

/** A place in the text: start offset and length. */
export interface TextSpan {
  offset: number;
  length: number;
  /** True when the pointer's own node was found; false when the span is its nearest existing ancestor. */
  exact: boolean;
}

/** The parsed tree of a text, or undefined when it is not JSON at all. */
export function treeOf(text: string): Node | undefined {
  return parseTree(text, [], { allowTrailingComma: false, disallowComments: true }) ?? undefined;
}

/**
 * Where `pointer` is in the text: for a property, its key and value (so the marker covers `"id": "x"`); for an array
 * item, the item. A pointer to something absent (a missing property) gives its nearest existing ancestor's first line,
 * the object where it should be added.
 */
export function spanOf(tree: Node | undefined, pointer: string): TextSpan {
  if (!tree) return { offset: 0, length: 0, exact: false };
  const segments = pointerSegments(pointer);
  for (let n = segments.length; n >= 0; n--) {
    const node = findNodeAtLocation(tree, segments.slice(0, n));
    if (!node) continue;
    const exact = n === segments.length;
    const property = node.parent?.type === 'property' ? node.parent : undefined;
    const container = node.type === 'object' || node.type === 'array';
    if (exact && !container)
      return property ? { offset: property.offset, length: property.length, exact } : { offset: node.offset, length: node.length, exact };
    // Containers span many lines (and an absent pointer's ancestor is one): mark only their opening line.
    const key = property?.children?.[0];
    return key ? { offset: key.offset, length: key.length, exact } : { offset: node.offset, length: 1, exact };
  }
  return { offset: 0, length: 1, exact: false };
}
