/**
 * Finding things in a form's JSON Schema by an answer's path: the sub-schema and the title of `members.0.income`,
 * looking through `properties`, `items`, `$ref` to `#/definitions/…`, and conditional branches
 * (`allOf`, `if/then/else`, `oneOf`, `anyOf`, `dependencies`).
 */

type Schema = Record<string, unknown>;

function resolveRef(node: Schema, root: Schema): Schema {
  const ref = node.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return node;
  let target: unknown = root;
  for (const part of ref.slice(2).split('/')) {
    target = (target as Schema | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return target && typeof target === 'object' ? resolveRef(target as Schema, root) : node;
}

function branches(node: Schema): Schema[] {
  const out: Schema[] = [];
  for (const key of ['allOf', 'oneOf', 'anyOf']) {
    if (Array.isArray(node[key])) out.push(...(node[key] as Schema[]));
  }
  for (const key of ['then', 'else']) {
    if (node[key] && typeof node[key] === 'object') out.push(node[key] as Schema);
  }
  if (node.dependencies && typeof node.dependencies === 'object') {
    for (const dep of Object.values(node.dependencies as Record<string, unknown>)) {
      if (dep && typeof dep === 'object' && !Array.isArray(dep)) out.push(dep as Schema);
    }
  }
  return out;
}

function child(node: Schema, segment: string, root: Schema): Schema | undefined {
  const resolved = resolveRef(node, root);
  const props = resolved.properties as Record<string, Schema> | undefined;
  if (props && props[segment]) return resolveRef(props[segment], root);
  if (/^\d+$/.test(segment) && resolved.items && typeof resolved.items === 'object' && !Array.isArray(resolved.items)) {
    return resolveRef(resolved.items as Schema, root);
  }
  for (const branch of branches(resolved)) {
    const found = child(branch, segment, root);
    if (found) return found;
  }
  return undefined;
}

/** Splits an RJSF error property (`.members.0.name`, `['a.b']`) or a JSON Pointer into path segments. */
export function pathSegments(property: string): string[] {
  if (property.startsWith('/')) {
    return property
      .slice(1)
      .split('/')
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .filter((s) => s !== '');
  }
  const segments: string[] = [];
  const pattern = /\.([^.[\]]+)|\[(?:'([^']*)'|"([^"]*)"|(\d+))\]/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(property)) !== null) segments.push(match[1] ?? match[2] ?? match[3] ?? match[4]);
  return segments;
}

/** The sub-schema at `segments`, or undefined when the path leads nowhere. */
export function schemaAt(root: Schema, segments: string[]): Schema | undefined {
  let node: Schema | undefined = resolveRef(root, root);
  for (const segment of segments) {
    if (!node) return undefined;
    node = child(node, segment, root);
  }
  return node;
}

/** The title of the question at `segments` (its `title`, else the last non-index segment). */
export function titleAt(root: Schema, segments: string[]): string | undefined {
  const node = schemaAt(root, segments);
  if (node && typeof node.title === 'string') return node.title;
  return undefined;
}

/** The RJSF element id of the field at `segments` (`root_members_0_name`). */
export function fieldId(segments: string[]): string {
  return ['root', ...segments].join('_');
}
