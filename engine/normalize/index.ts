/**
 * `normalize(program)`: the phase between validate and compile. It writes in the defaults of the optional parts
 * (`defaults.ts`: every collection present) and resolves json-rules-engine's shared conditions:
 * each `{ "condition": name }` — in a rule, a waiver, a page's `showWhen`, a workflow guard or another shared
 * condition — is replaced by the tree of `program.conditions[name]`, so that every evaluator (the interpreter, the
 * compiled and columnar forms, guards, showWhen) sees plain `all` / `any` / `not` / leaf trees.
 *
 *   Program (parts optional, may hold references) ──normalize──▶ NormalizedProgram (parts present, none left) + diagnostics
 *
 * A resolved tree keeps the shared condition's name (`name`, unless the reference or the tree gives one) and
 * remembers its JSON Pointer (`engine/languages/conditions/shared.ts`), so traces point at `/conditions/<name>/…`.
 * Diagnostics: an unknown name (with "Did you mean"), a cycle of references (named), a shared condition no rule,
 * waiver, page or guard reaches (warning). A program with every part present and no references comes back as the
 * same object.
 */
import { recordSource, conditionPointer } from '../languages/conditions/shared.ts';
import { diagnostic, type MessageCode } from '../messages/definition.ts';
import type { ConditionTree, Diagnostic, Program } from '../format/types.ts';
import { describePointer, pointer } from '../format/pointer.ts';
import { suggest } from '../validate/suggest.ts';
import { withDefaults, type ProgramWithDefaults } from './defaults.ts';

/**
 * A program after `normalize`: every optional part present (`ProgramWithDefaults`) and no `{ "condition": name }`
 * reference left in its trees. What `compileProgram` takes and `CompiledProgram.program` holds.
 */
export type NormalizedProgram = ProgramWithDefaults;

/** The program with every shared condition reference resolved, and what resolving found. */
export interface NormalizeResult {
  program: NormalizedProgram;
  diagnostics: Diagnostic[];
}

interface Resolver {
  /** The tree at `at` with its references resolved (the same object when it has none). */
  tree(tree: ConditionTree, at: string): ConditionTree;
  /** The resolved tree of a shared condition, or undefined when the name is unknown or part of a cycle. */
  shared(name: string): ConditionTree | undefined;
  /** Shared conditions reached from the trees resolved with `tree` (directly or through other shared conditions). */
  used(): Set<string>;
}

function createResolver(
  shared: Readonly<Record<string, ConditionTree>>,
  report: (code: MessageCode, path: string, params: Record<string, unknown>) => void,
): Resolver {
  const names = Object.keys(shared);
  const done = new Map<string, ConditionTree | undefined>();
  const refersTo = new Map<string, Set<string>>(names.map((n) => [n, new Set()]));
  const direct = new Set<string>();
  const cycles = new Set<string>();

  const resolveShared = (name: string, stack: string[]): ConditionTree | undefined => {
    if (done.has(name)) return done.get(name);
    if (stack.includes(name)) {
      const cycle = [...stack.slice(stack.indexOf(name)), name];
      const key = [...new Set(cycle)].sort().join(' ');
      if (!cycles.has(key)) {
        cycles.add(key);
        report('condition.shared-cycle', pointer('conditions', cycle[0]), { cycle });
      }
      return undefined;
    }
    const tree = resolve(shared[name], pointer('conditions', name), [...stack, name]);
    done.set(name, tree);
    return tree;
  };

  const resolve = (tree: ConditionTree, at: string, stack: string[]): ConditionTree => {
    if ('all' in tree || 'any' in tree) {
      const key = 'all' in tree ? 'all' : 'any';
      const kids = (tree as unknown as Record<string, ConditionTree[]>)[key];
      const out = kids.map((c, i) => resolve(c, `${at}/${key}/${i}`, stack));
      return out.every((c, i) => c === kids[i]) ? tree : ({ ...tree, [key]: out } as ConditionTree);
    }
    if ('not' in tree) {
      const inner = resolve(tree.not, `${at}/not`, stack);
      return inner === tree.not ? tree : { ...tree, not: inner };
    }
    if (!('condition' in tree)) return tree;
    const name = tree.condition;
    const from = stack.at(-1);
    if (from === undefined) direct.add(name);
    else refersTo.get(from)?.add(name);
    if (!Object.hasOwn(shared, name)) {
      report('condition.unknown-shared', `${at}/condition`, { name, available: names, suggestion: suggest(name, names) });
      return tree;
    }
    const target = resolveShared(name, stack);
    if (!target) return tree;
    const out = { ...target, name: tree.name ?? target.name ?? name } as ConditionTree;
    recordSource(out, conditionPointer(target, pointer('conditions', name)));
    return out;
  };

  return {
    tree: (tree, at) => resolve(tree, at, []),
    shared: (name) => resolveShared(name, []),
    used() {
      const seen = new Set<string>();
      const visit = (n: string): void => {
        if (seen.has(n)) return;
        seen.add(n);
        for (const next of refersTo.get(n) ?? []) visit(next);
      };
      direct.forEach(visit);
      return seen;
    },
  };
}

/**
 * Resolves the `{ "condition": name }` references of one tree against `shared` (json-rules-engine's
 * `setCondition` map); `at` is the tree's JSON Pointer. Unknown names and cycles are reported, and left in place.
 */
export function resolveConditions(
  tree: ConditionTree,
  shared: Readonly<Record<string, ConditionTree>>,
  at = '',
): { tree: ConditionTree; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const resolver = createResolver(shared, (code, path, params) =>
    diagnostics.push(diagnostic(code, path, { where: path || 'the condition', ...params })),
  );
  return { tree: resolver.tree(tree, at), diagnostics };
}

/** Resolves every shared condition reference of a program that fits the format schema (see the file comment). */
export function normalize(document: Program): NormalizeResult {
  const program = withDefaults(document);
  const shared = program.conditions;
  const diagnostics: Diagnostic[] = [];
  const resolver = createResolver(shared, (code, path, params) =>
    diagnostics.push(diagnostic(code, path, { where: describePointer(program, path), ...params })),
  );

  const conditions: Record<string, ConditionTree> = {};
  for (const name of Object.keys(shared)) conditions[name] = resolver.shared(name) ?? shared[name];
  const rules = program.rules.map((rule, i) => {
    const tree = resolver.tree(rule.conditions, pointer('rules', i, 'conditions'));
    const waiver = rule.waiver && resolver.tree(rule.waiver.conditions, pointer('rules', i, 'waiver', 'conditions'));
    if (tree === rule.conditions && (!rule.waiver || waiver === rule.waiver.conditions)) return rule;
    return { ...rule, conditions: tree, ...(rule.waiver && waiver ? { waiver: { ...rule.waiver, conditions: waiver } } : {}) };
  });
  const pages = program.form.pages.map((page, i) => {
    const showWhen = page.showWhen && resolver.tree(page.showWhen, pointer('form', 'pages', i, 'showWhen'));
    return showWhen === page.showWhen ? page : { ...page, showWhen };
  });
  const transitions = program.workflow.transitions.map((t, i) => {
    const guard = t.guard && resolver.tree(t.guard.conditions, pointer('workflow', 'transitions', i, 'guard', 'conditions'));
    return !t.guard || guard === t.guard.conditions ? t : { ...t, guard: { ...t.guard, conditions: guard! } };
  });

  const used = resolver.used();
  for (const name of Object.keys(shared))
    if (!used.has(name)) diagnostics.push(diagnostic('condition.shared-unused', pointer('conditions', name), { name }));

  const changed = (a: readonly unknown[], b: readonly unknown[]) => a.some((x, i) => x !== b[i]);
  if (!changed(rules, program.rules) && !changed(pages, program.form.pages) && !changed(transitions, program.workflow.transitions)) {
    return { program, diagnostics };
  }
  return {
    program: {
      ...program,
      conditions,
      rules,
      form: { ...program.form, pages },
      workflow: { ...program.workflow, transitions },
    },
    diagnostics,
  };
}
