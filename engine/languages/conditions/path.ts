/**
 * The simple JSONPath form rule conditions may use in `path` (`$.a.b[0].c`), parsed into segments once.
 */

/** Parses `$.a.b[0].c` (also `$['a']`) into ['a', 'b', 0, 'c']; throws naming the unsupported part. */
export function parseSimplePath(path: string): (string | number)[] {
  if (!path.startsWith('$')) throw new Error(`The path "${path}" must start with "$", as in "$.income.amount".`);
  const segments: (string | number)[] = [];
  const re = /\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/y;
  let at = 1;
  while (at < path.length) {
    re.lastIndex = at;
    const m = re.exec(path);
    if (!m) throw new Error(`The path "${path}" is not of the simple form "$.a.b[0].c" (problem at character ${at}).`);
    segments.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : ((m[3] ?? m[4]) as string)));
    at = re.lastIndex;
  }
  return segments;
}

/** JSON Pointer suffix of path segments, e.g. ['a', 0] → "/a/0". */
export function pointerSuffix(segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}
