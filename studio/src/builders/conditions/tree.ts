/**
 * A condition tree (the format's json-rules-engine `ConditionTree`) as the condition builder shows it: groups "all
 * of", "any of" and "none of" holding conditions and groups, leaves testing one fact, and references to shared
 * conditions. Every function here is a pure transform from one tree to the next; the builder writes the result into
 * the definition, which stays the one source of truth.
 *
 * "None of" is `{ not: … }`: with one child it is `{ not: child }`, with several `{ not: { any: [...] } }`, so both
 * shapes a hand-written definition uses read as a "none of" group and round-trip unchanged.
 */
import type { ConditionTree, ConditionValue, LeafCondition, MemberCondition } from '../../../../engine/index.ts';

/** What a group does with its children. */
export type GroupKind = 'all' | 'any' | 'none';

/** A place in a tree: the index of each child from the root group down. `[]` is the root. */
export type TreePath = readonly number[];

/** What a node is, for the builder. */
export type NodeKind = GroupKind | 'ref' | 'leaf';

/** The kind of a node. */
export function kindOf(node: ConditionTree): NodeKind {
  if ('all' in node) return 'all';
  if ('any' in node) return 'any';
  if ('not' in node) return 'none';
  if ('condition' in node) return 'ref';
  return 'leaf';
}

/** True for all/any/none groups. */
export function isGroup(node: ConditionTree): boolean {
  const kind = kindOf(node);
  return kind === 'all' || kind === 'any' || kind === 'none';
}

/** An unnamed `any` group (the inner group of a "none of" with several children). */
function isPlainAny(node: ConditionTree): node is { any: ConditionTree[] } {
  return 'any' in node && node.name === undefined;
}

/** The children of a group as the builder lists them (a leaf or a reference has none). */
export function childrenOf(node: ConditionTree): ConditionTree[] {
  if ('all' in node) return node.all;
  if ('any' in node) return node.any;
  if ('not' in node) return isPlainAny(node.not) ? node.not.any : [node.not];
  return [];
}

/** A group of `kind` with these children, keeping the group's `name`. */
export function makeGroup(kind: GroupKind, children: ConditionTree[], name?: string): ConditionTree {
  const named = name === undefined ? {} : { name };
  if (kind === 'all') return { all: children, ...named };
  if (kind === 'any') return { any: children, ...named };
  // One child is `{ not: child }`, unless the child is itself a plain `any` group (which would read as the none
  // group's own children): then, as for several children, the children go in an inner `any`.
  if (children.length === 1 && !isPlainAny(children[0])) return { not: children[0], ...named };
  return { not: { any: children }, ...named };
}

function withChildren(group: ConditionTree, children: ConditionTree[]): ConditionTree {
  return makeGroup(kindOf(group) as GroupKind, children, group.name);
}

/** The node at `path`, or undefined when the path names nothing. */
export function nodeAt(tree: ConditionTree, path: TreePath): ConditionTree | undefined {
  let node: ConditionTree | undefined = tree;
  for (const index of path) {
    if (!node || !isGroup(node)) return undefined;
    node = childrenOf(node)[index];
  }
  return node;
}

/** The tree with the node at `path` replaced by `fn(node)`. Throws when the path names nothing. */
export function updateAt(tree: ConditionTree, path: TreePath, fn: (node: ConditionTree) => ConditionTree): ConditionTree {
  if (path.length === 0) return fn(tree);
  if (!isGroup(tree)) throw new Error(`No condition at ${path.join('/')}: a leaf has no children.`);
  const [first, ...rest] = path;
  const children = childrenOf(tree);
  if (first < 0 || first >= children.length) throw new Error(`No condition at ${path.join('/')}: the group has ${children.length}.`);
  return withChildren(
    tree,
    children.map((child, i) => (i === first ? updateAt(child, rest, fn) : child)),
  );
}

/** The tree with `node` added last to the group at `groupPath`. */
export function addChild(tree: ConditionTree, groupPath: TreePath, node: ConditionTree): ConditionTree {
  return updateAt(tree, groupPath, (group) => {
    if (!isGroup(group)) throw new Error('Conditions can only be added to a group.');
    return withChildren(group, [...childrenOf(group), node]);
  });
}

/** The tree without the node at `path` (the root itself cannot be removed; empty it instead). */
export function removeAt(tree: ConditionTree, path: TreePath): ConditionTree {
  if (path.length === 0) throw new Error('The outermost group cannot be removed.');
  const index = path[path.length - 1];
  return updateAt(tree, path.slice(0, -1), (group) =>
    withChildren(
      group,
      childrenOf(group).filter((_, i) => i !== index),
    ),
  );
}

/** The tree with the child `from` of the group at `groupPath` moved to position `to` (clamped to the group). */
export function moveChild(tree: ConditionTree, groupPath: TreePath, from: number, to: number): ConditionTree {
  return updateAt(tree, groupPath, (group) => {
    const children = [...childrenOf(group)];
    if (from < 0 || from >= children.length) return group;
    const target = Math.max(0, Math.min(children.length - 1, to));
    const [moved] = children.splice(from, 1);
    children.splice(target, 0, moved);
    return withChildren(group, children);
  });
}

/** The tree with the group at `path` turned into a group of `kind`, keeping its children. */
export function setGroupKind(tree: ConditionTree, path: TreePath, kind: GroupKind): ConditionTree {
  return updateAt(tree, path, (group) => makeGroup(kind, childrenOf(group), group.name));
}

/** The tree with the node at `path` wrapped in a new group of `kind` (e.g. to add an "or" beside one condition). */
export function wrapInGroup(tree: ConditionTree, path: TreePath, kind: GroupKind): ConditionTree {
  return updateAt(tree, path, (node) => makeGroup(kind, [node]));
}

/** A tree whose root is a group: a leaf or reference at the root goes into an "all of" group. */
export function asRootGroup(tree: ConditionTree | undefined): ConditionTree {
  if (!tree) return { all: [] };
  return isGroup(tree) ? tree : { all: [tree] };
}

// Values a leaf compares with.

/** What a leaf's fact is compared with. */
export type ValueSource = 'value' | 'fact' | 'param' | 'members' | 'none';

/** Where a leaf's value comes from: a literal, another fact, a parameter, or (member operators) a member test. */
export function valueSourceOf(value: ConditionValue): Exclude<ValueSource, 'none'> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    if ('fact' in value) return 'fact';
    if ('param' in value) return 'param';
    return 'members';
  }
  return 'value';
}

/** The member test of a member-wise leaf, or a fresh one on `field`. */
export function memberTestOf(leaf: LeafCondition, field: string): MemberCondition {
  const v = leaf.value;
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && 'field' in v) return v;
  return { field, operator: 'equal', value: true };
}

/** The JSON Pointer of the node at `path`, given the pointer of the tree itself (e.g. `/rules/0/conditions`). */
export function pointerOf(tree: ConditionTree, base: string, path: TreePath): string {
  let pointer = base;
  let node: ConditionTree | undefined = tree;
  for (const index of path) {
    if (!node) break;
    if ('all' in node) pointer += `/all/${index}`;
    else if ('any' in node) pointer += `/any/${index}`;
    else if ('not' in node) pointer += isPlainAny(node.not) ? `/not/any/${index}` : '/not';
    node = childrenOf(node)[index];
  }
  return pointer;
}

/** Every shared condition a tree refers to (`{ condition: name }`), in order of first use. */
export function sharedRefs(tree: ConditionTree | undefined): string[] {
  const out: string[] = [];
  const walk = (node: ConditionTree) => {
    if ('condition' in node) {
      if (!out.includes(node.condition)) out.push(node.condition);
    } else for (const child of childrenOf(node)) walk(child);
  };
  if (tree) walk(tree);
  return out;
}
