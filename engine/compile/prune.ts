/**
 * Removes answers to questions that are not shown for the given answers (docs/design.md §1 "Form"): properties
 * brought in by an `if`/`then`/`else`, `dependencies` or `allOf` branch that does not apply, and properties the
 * schema does not declare. Hidden answers must not decide eligibility (RJSF keeps them in formData).
 */
import type { Ajv, ValidateFunction } from 'ajv';
import type { JsonSchema } from '../format/types.ts';
import { strictAjv } from '../validate/ajv.ts';

type Props = Map<string, PruneNode | null>;

/** A schema compiled for pruning: what an object level declares always, and what it declares conditionally. */
interface PruneNode {
  /** Properties declared unconditionally at this level (null: declared, nothing to prune inside). */
  base: Props;
  conditionals: { test: ValidateFunction; then: PruneNode | null; else: PruneNode | null }[];
  dependencies: { key: string; node: PruneNode | null; oneOf: { test: ValidateFunction; node: PruneNode }[] }[];
  allOf: PruneNode[];
  items: PruneNode | null;
  /** Whether this level declares properties at all (otherwise its object is left alone). */
  declares: boolean;
  /** `base` as a prototype-free object (one lookup per key on the hot path): sub-node, or DECLARED. */
  fast: Record<string, PruneNode | typeof DECLARED>;
  /** No conditional branches at this level. */
  isStatic: boolean;
}

/** Marks a declared property with nothing to prune inside. */
const DECLARED = Object.freeze({ declared: true });

/** A compiled pruner: returns the data itself when nothing is hidden, else a pruned copy (never mutates). */
export type Pruner = (data: unknown) => unknown;

function isSchema(v: unknown): v is JsonSchema {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Compiles a branch test on its own; pruning only tests objects, so `type: object` satisfies ajv's strictTypes. */
function compileTest(schema: JsonSchema, ajv: Ajv): ValidateFunction {
  return ajv.compile(schema.type === undefined ? { type: 'object', ...schema } : schema);
}

function compileNode(schema: JsonSchema, ajv: Ajv): PruneNode | null {
  const node: PruneNode = {
    base: new Map(),
    conditionals: [],
    dependencies: [],
    allOf: [],
    items: null,
    declares: false,
    fast: Object.create(null),
    isStatic: true,
  };
  let useful = false;
  if (isSchema(schema.properties)) {
    node.declares = true;
    useful = true;
    for (const [k, sub] of Object.entries(schema.properties)) node.base.set(k, isSchema(sub) ? compileNode(sub, ajv) : null);
  }
  if (isSchema(schema.if) && (isSchema(schema.then) || isSchema(schema.else))) {
    node.conditionals.push({
      test: compileTest(schema.if, ajv),
      then: isSchema(schema.then) ? compileNode(schema.then, ajv) : null,
      else: isSchema(schema.else) ? compileNode(schema.else, ajv) : null,
    });
    useful = true;
  }
  if (isSchema(schema.dependencies)) {
    for (const [key, dep] of Object.entries(schema.dependencies)) {
      if (!isSchema(dep)) continue;
      const oneOf = Array.isArray(dep.oneOf)
        ? dep.oneOf.filter(isSchema).map((branch) => ({ test: compileTest(branch, ajv), node: compileNode(branch, ajv) as PruneNode }))
        : [];
      node.dependencies.push({ key, node: compileNode({ ...dep, oneOf: undefined }, ajv), oneOf: oneOf.filter((b) => b.node) });
      useful = true;
    }
  }
  if (Array.isArray(schema.allOf)) {
    for (const sub of schema.allOf) {
      const n = isSchema(sub) ? compileNode(sub, ajv) : null;
      if (n) node.allOf.push(n);
    }
    if (node.allOf.length) useful = true;
  }
  if (isSchema(schema.items)) {
    node.items = compileNode(schema.items, ajv);
    if (node.items) useful = true;
  }
  for (const [k, v] of node.base) node.fast[k] = v ?? DECLARED;
  node.isStatic = node.conditionals.length === 0 && node.dependencies.length === 0 && node.allOf.length === 0;
  return useful ? node : null;
}

/** Collects the properties shown at this level for `data`, resolving the conditional branches that apply. */
function collect(node: PruneNode, data: Record<string, unknown>, into: Props): boolean {
  let declares = node.declares;
  for (const [k, v] of node.base) if (!into.has(k) || into.get(k) === null) into.set(k, v);
  for (const c of node.conditionals) {
    const branch = c.test(data) ? c.then : c.else;
    if (branch) declares = collect(branch, data, into) || declares;
  }
  for (const d of node.dependencies) {
    if (data[d.key] === undefined) continue;
    if (d.node) declares = collect(d.node, data, into) || declares;
    const match = d.oneOf.find((b) => b.test(data));
    if (match) declares = collect(match.node, data, into) || declares;
  }
  for (const sub of node.allOf) declares = collect(sub, data, into) || declares;
  return declares;
}

/**
 * What the conditional branches that apply to `data` declare for `key` (the first sub-node, else DECLARED when only
 * declared with nothing inside, else undefined): the answer `collect` would give for this one key, in the same
 * order, without building the whole property map.
 */
function branchLookup(node: PruneNode, data: Record<string, unknown>, key: string): PruneNode | typeof DECLARED | undefined {
  let declared = false;
  let found: PruneNode | typeof DECLARED | undefined;
  for (const c of node.conditionals) {
    found = takeBranch(c.test(data) ? c.then : c.else, data, key);
    if (found === DECLARED) declared = true;
    else if (found) return found;
  }
  for (const d of node.dependencies) {
    if (data[d.key] === undefined) continue;
    found = takeBranch(d.node, data, key);
    if (found === DECLARED) declared = true;
    else if (found) return found;
    const match = d.oneOf.find((b) => b.test(data));
    found = match ? takeBranch(match.node, data, key) : undefined;
    if (found === DECLARED) declared = true;
    else if (found) return found;
  }
  for (const sub of node.allOf) {
    found = takeBranch(sub, data, key);
    if (found === DECLARED) declared = true;
    else if (found) return found;
  }
  return declared ? DECLARED : undefined;
}

/**
 * What one applying branch declares for `key`: its sub-node (its own, else one of its branches'), DECLARED when it
 * only declares it, else undefined. (A top-level function: a closure would be renamed by tsx's keepNames on every call.)
 */
function takeBranch(branch: PruneNode | null, data: Record<string, unknown>, key: string): PruneNode | typeof DECLARED | undefined {
  if (!branch) return undefined;
  const own = branch.fast[key];
  if (own !== undefined && own !== DECLARED) return own;
  const inner = branchLookup(branch, data, key);
  if (inner !== undefined && inner !== DECLARED) return inner;
  return own === DECLARED || inner === DECLARED ? DECLARED : undefined;
}

function prune(node: PruneNode, data: unknown): unknown {
  if (Array.isArray(data)) {
    if (!node.items) return data;
    let out: unknown[] | null = null;
    for (let i = 0; i < data.length; i++) {
      const v = prune(node.items, data[i]);
      if (v !== data[i]) {
        if (!out) out = data.slice();
        out[i] = v;
      }
    }
    return out ?? data;
  }
  if (data === null || typeof data !== 'object') return data;
  const obj = data as Record<string, unknown>;
  // The conditional branches are resolved only when a key is not declared unconditionally (the common case
  // needs no ajv call and no allocation).
  let props: Props | null = node.isStatic ? node.base : null;
  if (!node.declares) {
    props = new Map();
    if (!collect(node, obj, props)) return data;
  }
  let out: Record<string, unknown> | null = null;
  const fast = node.fast;
  for (const key in obj) {
    const value = obj[key];
    let next: unknown = value;
    let sub: PruneNode | typeof DECLARED | null | undefined = fast[key];
    if (sub === undefined) {
      if (node.isStatic) next = undefined;
      else if (props) {
        sub = props.get(key);
        if (sub === undefined && !props.has(key)) next = undefined;
      } else {
        // Only this key is looked up in the branches that apply (no property map for the common case).
        sub = branchLookup(node, obj, key);
        if (sub === undefined) next = undefined;
      }
    }
    if (sub && sub !== DECLARED && next !== undefined) next = prune(sub as PruneNode, value);
    if (next !== value) {
      if (!out) out = { ...obj };
      if (next === undefined) delete out[key];
      else out[key] = next;
    }
  }
  return out ?? data;
}

/**
 * A closure per node for the common case: every key declared unconditionally and nothing to prune inside, so the
 * data comes back as it is. Anything else goes to the general `prune` (same result either way). One closure per
 * schema level keeps each `for…in` seeing one kind of object (a single generic function sees them all and is slow).
 */
function compileFast(node: PruneNode): Pruner {
  const item = node.items ? compileFast(node.items) : null;
  const fast = node.fast;
  const subs: Record<string, Pruner> = Object.create(null);
  for (const [key, sub] of node.base) if (sub) subs[key] = compileFast(sub);
  return (data) => {
    if (Array.isArray(data)) {
      if (!item) return data;
      for (let i = 0; i < data.length; i++) if (item(data[i]) !== data[i]) return prune(node, data);
      return data;
    }
    if (data === null || typeof data !== 'object' || !node.declares) return prune(node, data);
    const obj = data as Record<string, unknown>;
    for (const key in obj) {
      const sub = fast[key];
      if (sub === undefined) {
        // A key shown by a branch that applies, with nothing inside to prune, stays; anything else is general work.
        if (node.isStatic || branchLookup(node, obj, key) !== DECLARED) return prune(node, data);
        continue;
      }
      if (sub !== DECLARED) {
        const value = obj[key];
        if (subs[key](value) !== value) return prune(node, data);
      }
    }
    return data;
  };
}

/** Compiles a pruner for a form schema once, using `ajv` for the `if` and `oneOf` tests. */
export function compilePruner(schema: JsonSchema, ajv: Ajv): Pruner {
  const root = compileNode(schema, ajv);
  if (!root) return (data) => data;
  return compileFast(root);
}

const cache = new WeakMap<JsonSchema, Pruner>();

/** Returns `data` without answers to questions hidden for these answers (the schema's pruner is cached). */
export function pruneHidden(schema: JsonSchema, data: unknown): unknown {
  let pruner = cache.get(schema);
  if (!pruner) {
    pruner = compilePruner(schema, strictAjv({ allErrors: false }));
    cache.set(schema, pruner);
  }
  return pruner(data);
}
