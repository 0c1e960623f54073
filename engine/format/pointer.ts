/**
 * JSON Pointer (RFC 6901) helpers and the readable place names used in messages.
 */

/** Escapes one pointer segment (`~` → `~0`, `/` → `~1`). */
export function escapeSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Joins segments into a JSON Pointer: `pointer('rules', 0, 'id')` → `/rules/0/id`. */
export function pointer(...segments: (string | number)[]): string {
  return segments.map((s) => `/${escapeSegment(s)}`).join('');
}

/** Splits a JSON Pointer into its unescaped segments; `''` is the whole document. */
export function parsePointer(ptr: string): string[] {
  if (ptr === '') return [];
  if (!ptr.startsWith('/')) throw new Error(`"${ptr}" is not a JSON Pointer: it must start with "/".`);
  return ptr
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The value at `ptr` inside `doc`, or `undefined` when the pointer lands nowhere. */
export function getAt(doc: unknown, ptr: string): unknown {
  let node: unknown = doc;
  for (const segment of parsePointer(ptr)) {
    if (Array.isArray(node)) {
      if (!/^(0|[1-9]\d*)$/.test(segment)) return undefined;
      node = node[Number(segment)];
    } else if (node !== null && typeof node === 'object' && Object.hasOwn(node, segment)) {
      node = (node as Record<string, unknown>)[segment];
    } else {
      return undefined;
    }
  }
  return node;
}

const NAMED_ITEMS: Record<string, { noun: string; key: string }> = {
  rules: { noun: 'rule', key: 'id' },
  benefits: { noun: 'benefit', key: 'id' },
  pages: { noun: 'page', key: 'id' },
  transitions: { noun: 'transition', key: 'event' },
  deadlines: { noun: 'deadline', key: 'id' },
  tests: { noun: 'test case', key: 'name' },
};

function isNamedCondition(node: unknown): node is { name: string } {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return false;
  const n = node as Record<string, unknown>;
  return typeof n.name === 'string' && ('fact' in n || 'all' in n || 'any' in n || 'not' in n || 'condition' in n);
}

/**
 * A readable name for the place `ptr` points at, naming list items by their id where the document has one:
 * `/rules/2/conditions/all/0` → `rule "gross-income" › conditions.all[0]`; a condition with a `name` is named
 * (`… › conditions.all[0] "adult" › operator`).
 */
export function describePointer(doc: unknown, ptr: string): string {
  const segments = parsePointer(ptr);
  if (segments.length === 0) return 'the program';
  const parts: string[] = [];
  let node: unknown = doc;
  let dotted = '';
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    const parent = segments[i - 1];
    const next = Array.isArray(node)
      ? node[Number(segment)]
      : node && typeof node === 'object'
        ? (node as Record<string, unknown>)[segment]
        : undefined;
    const named = Array.isArray(node) && parent !== undefined ? NAMED_ITEMS[parent] : undefined;
    const label = named && next && typeof next === 'object' ? (next as Record<string, unknown>)[named.key] : undefined;
    if (named && typeof label === 'string') {
      // Replace the trailing "rules" of the dotted path with the item's name.
      const prefix = dotted.slice(0, Math.max(0, dotted.length - parent.length)).replace(/\.$/, '');
      if (prefix) parts.push(prefix);
      parts.push(`${named.noun} ${JSON.stringify(label.length > 60 ? `${label.slice(0, 57)}...` : label)}`);
      dotted = '';
    } else if (Array.isArray(node)) {
      dotted += `[${segment}]`;
    } else {
      dotted += `${dotted ? '.' : ''}${/^[A-Za-z_$][\w$-]*$/.test(segment) ? segment : JSON.stringify(segment)}`;
    }
    if (isNamedCondition(next)) {
      // A condition with a json-rules-engine `name`: say it, so the author recognises the condition.
      parts.push(`${dotted} ${JSON.stringify(next.name)}`);
      dotted = '';
    }
    node = next;
  }
  if (dotted) parts.push(dotted);
  return parts.join(' › ');
}
