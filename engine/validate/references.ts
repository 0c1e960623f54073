/**
 * Checks that every name a formula, condition or message uses is defined: form fields (down to the properties of
 * repeating-group items), derived values, parameters (tables with a key, others without), operators; that derived
 * values do not depend on each other in a cycle; and that amounts are not written as bare numbers.
 */
import { analyzeFormula, parseFormula, type FormulaNode } from '../languages/formula/index.ts';
import { LAMBDA_FUNCTIONS } from '../languages/formula/functions.ts';
import { checkNoticeText } from './notices.ts';
import { MEMBER_OPERATORS } from '../languages/conditions/operators.ts';
import { checkCondition as conditionProblems } from '../languages/conditions/interpret.ts';
import type { ConditionTree, ConditionValue, JsonSchema, LeafCondition } from '../format/types.ts';
import { itemsOf, propertiesOf, type CheckContext } from './context.ts';
import { pointer } from '../format/pointer.ts';
import { suggest } from './suggest.ts';

/** Numbers a formula may contain without being an amount that belongs in a parameter (docs/design.md). */
export const ALLOWED_NUMBERS: ReadonlySet<number> = new Set([0, 1, 2, 12, 100]);

interface Binding {
  schema?: JsonSchema;
  /** The list a lambda parameter iterates over, for messages. */
  list?: string;
}
type Scope = Map<string, Binding>;

/** Where a checked expression sits: its pointer and what it may refer to. */
interface Site {
  path: string;
  /** Page conditions may only use form fields. */
  fieldsOnly?: boolean;
  /** Workflow guards use the facts `actor` and `case` only. */
  guard?: boolean;
  /** The transition event, for guard messages. */
  event?: string;
}

function checkParamUse(ctx: CheckContext, site: Site, name: string, withKey: boolean | 'condition'): void {
  ctx.useParameter(name, site.path);
  const parameter = ctx.program.parameters[name];
  if (!parameter) {
    ctx.report('reference.unknown-parameter', site.path, { name, suggestion: suggest(name, Object.keys(ctx.program.parameters)) });
    return;
  }
  const type = parameter.type ?? 'scalar';
  if (withKey === 'condition') {
    if (type === 'table') ctx.report('parameter.table-in-condition', site.path, { name });
  } else if (type === 'table' && !withKey) {
    ctx.report('parameter.table-without-key', site.path, {
      name,
      keyHint: parameter.key ? parameter.key.replace(/\s+(\w)/g, (_, c: string) => c.toUpperCase()) : undefined,
    });
  } else if (type !== 'table' && withKey) {
    ctx.report('parameter.scalar-with-key', site.path, { name, type });
  }
}

/** The schema of what a formula expression yields, when it is a form field or a part of one. */
function schemaOf(ctx: CheckContext, node: FormulaNode, scope: Scope): JsonSchema | undefined {
  if (node.type === 'Identifier') {
    const name = node.name as string;
    return scope.has(name) ? scope.get(name)?.schema : ctx.fields.get(name);
  }
  if (node.type === 'MemberExpression') {
    const base = schemaOf(ctx, node.object as FormulaNode, scope);
    if (node.computed) return itemsOf(base);
    return propertiesOf(base).get((node.property as FormulaNode).name as string);
  }
  return undefined;
}

function label(node: FormulaNode, scope: Scope): string | undefined {
  if (node.type === 'Identifier') return scope.get(node.name as string)?.list ?? (node.name as string);
  if (node.type === 'MemberExpression' && !node.computed)
    return `${label(node.object as FormulaNode, scope)}.${(node.property as FormulaNode).name as string}`;
  return undefined;
}

function walkFormula(ctx: CheckContext, node: FormulaNode, scope: Scope, site: Site, unknown: Set<string>): void {
  const walk = (n: FormulaNode, s: Scope = scope): void => walkFormula(ctx, n, s, site, unknown);
  switch (node.type) {
    case 'Identifier': {
      const name = node.name as string;
      if (scope.has(name) || ctx.fields.has(name) || ctx.derived.has(name) || unknown.has(name)) return;
      unknown.add(name);
      ctx.report('formula.unknown-identifier', site.path, { name, suggestion: suggest(name, [...ctx.fields.keys(), ...ctx.derived]) });
      return;
    }
    case 'MemberExpression': {
      walk(node.object as FormulaNode);
      if (node.computed) {
        walk(node.property as FormulaNode);
        return;
      }
      const base = schemaOf(ctx, node.object as FormulaNode, scope);
      const props = propertiesOf(base);
      const field = (node.property as FormulaNode).name as string;
      if (props.size > 0 && !props.has(field)) {
        const obj = node.object as FormulaNode;
        const of = obj.type === 'Identifier' && scope.has(obj.name as string) ? scope.get(obj.name as string)?.list : label(obj, scope);
        ctx.report('form.field-not-collected', site.path, { field, of, suggestion: suggest(field, props.keys()) });
      }
      return;
    }
    case 'CallExpression': {
      const name = (node.callee as FormulaNode).name as string;
      const args = node.arguments as FormulaNode[];
      if (name === 'param') {
        checkParamUse(ctx, site, args[0].value as string, args.length > 1);
        args.slice(1).forEach((a) => walk(a));
        return;
      }
      if (LAMBDA_FUNCTIONS.has(name) && args[1]?.type === 'ArrowFunctionExpression') {
        walk(args[0]);
        const lambda = args[1];
        const param = ((lambda.params as FormulaNode[])[0].name as string) ?? '';
        const inner = new Map(scope);
        inner.set(param, { schema: itemsOf(schemaOf(ctx, args[0], scope)), list: label(args[0], scope) });
        walk(lambda.body as FormulaNode, inner);
        args.slice(2).forEach((a) => walk(a));
        return;
      }
      args.forEach((a) => walk(a));
      return;
    }
    case 'ArrowFunctionExpression': {
      const inner = new Map(scope);
      for (const p of node.params as FormulaNode[]) inner.set(p.name as string, {});
      walk(node.body as FormulaNode, inner);
      return;
    }
    default:
      for (const key of ['left', 'right', 'argument', 'test', 'consequent', 'alternate']) {
        if (node[key]) walk(node[key] as FormulaNode);
      }
      if (Array.isArray(node.elements)) (node.elements as FormulaNode[]).forEach((e) => walk(e));
  }
}

/** Checks one formula; returns the derived values it reads (for the cycle check). */
function checkFormula(ctx: CheckContext, text: string, site: Site): string[] {
  const parsed = parseFormula(text);
  if (!parsed.ok) {
    const { index, message } = parsed.error;
    const excerpt = text.slice(Math.max(0, index - 10), index + 10);
    ctx.report('formula.parse', site.path, { detail: message.replace(/\.$/, ''), index, excerpt });
    return [];
  }
  walkFormula(ctx, parsed.ast, new Map(), site, new Set());
  const analysis = analyzeFormula(text);
  for (const value of analysis.numbers) {
    if (!ALLOWED_NUMBERS.has(Math.abs(value))) ctx.report('formula.bare-number', site.path, { value });
  }
  return analysis.identifiers.filter((name) => ctx.derived.has(name) && !ctx.fields.has(name));
}

/** The schema reached by following a simple JSONPath (`$.a[0].b`) from `schema`; `false` names a missing step. */
function followPath(schema: JsonSchema | undefined, path: string): { schema?: JsonSchema; missing?: string; available?: string[] } {
  let node = schema;
  for (const step of path.slice(1).match(/\.[^.[\]]+|\[\d+\]/g) ?? []) {
    if (!node) return {};
    if (step.startsWith('[')) {
      node = itemsOf(node);
      continue;
    }
    const props = propertiesOf(node);
    const name = step.slice(1);
    if (props.size > 0 && !props.has(name)) return { missing: name, available: [...props.keys()] };
    node = props.get(name);
  }
  return { schema: node };
}

function bareNumbers(ctx: CheckContext, value: unknown, path: string): void {
  const values = Array.isArray(value) ? value : [value];
  for (const v of values) if (typeof v === 'number') ctx.report('formula.bare-number', path, { value: v, inRule: true });
}

/** Checks a fact name; returns its schema when it is a form field. */
function checkFact(ctx: CheckContext, fact: string, site: Site, path: string): JsonSchema | undefined {
  if (site.guard) {
    if (fact !== 'actor' && fact !== 'case') ctx.report('workflow.guard-fact', path, { event: site.event, name: fact });
    return undefined;
  }
  if (fact.startsWith('param:') && !site.fieldsOnly) {
    checkParamUse(ctx, { ...site, path }, fact.slice('param:'.length), 'condition');
    return undefined;
  }
  if (ctx.fields.has(fact)) return ctx.fields.get(fact);
  if (!site.fieldsOnly && ctx.derived.has(fact)) return undefined;
  const candidates = site.fieldsOnly ? [...ctx.fields.keys()] : [...ctx.fields.keys(), ...ctx.derived];
  ctx.report('reference.unknown-fact', path, { name: fact, suggestion: suggest(fact, candidates) });
  return undefined;
}

function checkLeaf(ctx: CheckContext, leaf: LeafCondition, site: Site, at: string): void {
  let factSchema = checkFact(ctx, leaf.fact, site, `${at}/fact`);
  if (leaf.path && factSchema) {
    const followed = followPath(factSchema, leaf.path);
    if (followed.missing) {
      ctx.report('form.field-not-collected', `${at}/path`, {
        field: followed.missing,
        of: leaf.fact,
        suggestion: suggest(followed.missing, followed.available ?? []),
      });
    }
    factSchema = followed.schema;
  }
  nullComparison(ctx, leaf, at);
  const value = leaf.value as ConditionValue;
  const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
  if (MEMBER_OPERATORS.includes(leaf.operator)) {
    // The member test's shape is checked by the interpreter's checkCondition (above); here, what it refers to.
    if (!isObject || !('field' in value)) return;
    if (factSchema && factSchema.type !== 'array') {
      ctx.report('condition.member-not-array', `${at}/fact`, { operator: leaf.operator, fact: leaf.fact });
    }
    const items = propertiesOf(itemsOf(factSchema));
    if (items.size > 0 && !items.has(value.field)) {
      ctx.report('condition.member-field-unknown', `${at}/value/field`, {
        field: value.field,
        fact: leaf.fact,
        available: [...items.keys()],
        suggestion: suggest(value.field, items.keys()),
      });
    }
    nullComparison(ctx, value, `${at}/value`);
    const inner = value.value;
    if (inner !== null && typeof inner === 'object' && !Array.isArray(inner))
      checkParamUse(ctx, { ...site, path: `${at}/value/value/param` }, inner.param, 'condition');
    else bareNumbers(ctx, inner, `${at}/value/value`);
    return;
  }
  if (isObject && 'field' in value) {
    ctx.report('condition.member-value-misplaced', `${at}/value`, { operator: leaf.operator });
  } else if (isObject && 'fact' in value) {
    checkFact(ctx, value.fact, site, `${at}/value/fact`);
  } else if (isObject && 'param' in value) {
    checkParamUse(ctx, { ...site, path: `${at}/value/param` }, value.param, 'condition');
  } else if (!site.guard) {
    bareNumbers(ctx, value, `${at}/value`);
  }
}

/** Warns on `equal null` / `notEqual null`: json-rules-engine tests for null there, Mandate sees a missing answer. */
function nullComparison(ctx: CheckContext, test: { operator: string; value: unknown }, at: string): void {
  if (test.value === null && (test.operator === 'equal' || test.operator === 'notEqual'))
    ctx.report('condition.null-value', `${at}/value`, { operator: test.operator });
}

/**
 * Checks the shared condition a `{ "condition": name }` refers to, at its own pointer, once per kind of place it is
 * used in (rule, page, guard: they allow different facts). Unknown names and cycles are normalize's diagnostics.
 */
function checkShared(ctx: CheckContext, name: string, site: Site): void {
  const tree = ctx.program.conditions?.[name];
  const kind = `${site.guard ? 'guard' : site.fieldsOnly ? 'page' : 'rule'} ${name}`;
  if (!tree || ctx.checkedShared.has(kind)) return;
  ctx.checkedShared.add(kind);
  checkCondition(ctx, tree, { ...site, path: pointer('conditions', name) });
}

/**
 * Checks a condition tree at pointer `at`: first its shape, with the condition interpreter's own check (one meaning
 * of a valid condition: operators, member tests, paths), then the names it refers to.
 */
export function checkCondition(ctx: CheckContext, node: ConditionTree, site: Site, at: string = site.path): void {
  for (const problem of conditionProblems(node, at)) {
    // A { "condition": name } is normalize's to resolve (unknown names and cycles are its diagnostics).
    if (problem.code === 'condition.unknown-shared') continue;
    const params =
      problem.code === 'condition.unknown-operator'
        ? { ...problem.params, suggestion: suggest(problem.params.name as string, problem.params.available as string[]) }
        : problem.params;
    ctx.report(problem.code, problem.pointer, params);
  }
  checkNames(ctx, node, site, at);
}

function checkNames(ctx: CheckContext, node: ConditionTree, site: Site, at: string): void {
  if ('condition' in node) checkShared(ctx, node.condition, site);
  else if ('all' in node) for (const [i, child] of node.all.entries()) checkNames(ctx, child, site, `${at}/all/${i}`);
  else if ('any' in node) for (const [i, child] of node.any.entries()) checkNames(ctx, child, site, `${at}/any/${i}`);
  else if ('not' in node) checkNames(ctx, node.not, site, `${at}/not`);
  else checkLeaf(ctx, node, site, at);
}

function checkTemplate(ctx: CheckContext, text: string | undefined, path: string): void {
  if (!text) return;
  for (const match of text.matchAll(/\{([^{}]+)\}/g)) {
    const name = match[1].trim();
    if (ctx.fields.has(name) || ctx.derived.has(name)) continue;
    if (name.startsWith('param:') && ctx.program.parameters[name.slice(6)]) {
      ctx.useParameter(name.slice(6), path);
      continue;
    }
    const candidates = name.startsWith('param:')
      ? Object.keys(ctx.program.parameters).map((p) => `param:${p}`)
      : [...ctx.fields.keys(), ...ctx.derived];
    ctx.report('template.unknown-name', path, { name, suggestion: suggest(name, candidates) });
  }
}

/** Finds the cycles of the derived-value dependency graph, each as a path that returns to its start. */
export function findCycles(graph: Map<string, string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') {
        const cycle = [...stack.slice(stack.indexOf(next)), next];
        const key = [...new Set(cycle)].sort().join(' ');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push(cycle);
        }
      } else if (!state.has(next)) {
        visit(next);
      }
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles;
}

/** Adds the diagnostics of every formula, condition and message template of the program. */
export function checkReferences(ctx: CheckContext): void {
  const { program } = ctx;
  const graph = new Map<string, string[]>();
  for (const [name, derived] of Object.entries(program.derived)) {
    if (ctx.fields.has(name)) ctx.report('derived.shadows-field', pointer('derived', name), { name });
    graph.set(name, checkFormula(ctx, derived.formula, { path: pointer('derived', name, 'formula') }));
  }
  for (const cycle of findCycles(graph)) ctx.report('derived.cycle', pointer('derived', cycle[0], 'formula'), { cycle });

  program.rules.forEach((rule, i) => {
    checkCondition(ctx, rule.conditions, { path: pointer('rules', i, 'conditions') });
    if (rule.waiver) {
      checkCondition(ctx, rule.waiver.conditions, { path: pointer('rules', i, 'waiver', 'conditions') });
      checkTemplate(ctx, rule.waiver.message, pointer('rules', i, 'waiver', 'message'));
    }
    for (const key of ['pass', 'fail', 'unknown'] as const) checkTemplate(ctx, rule.messages[key], pointer('rules', i, 'messages', key));
  });
  program.benefits.forEach((benefit, i) => {
    checkFormula(ctx, benefit.formula, { path: pointer('benefits', i, 'formula') });
    if (benefit.minimum) {
      checkParamUse(ctx, { path: pointer('benefits', i, 'minimum', 'param') }, benefit.minimum.param, false);
      if (benefit.minimum.when) checkFormula(ctx, benefit.minimum.when, { path: pointer('benefits', i, 'minimum', 'when') });
    }
    if (benefit.maximum) checkParamUse(ctx, { path: pointer('benefits', i, 'maximum', 'param') }, benefit.maximum.param, false);
    checkTemplate(ctx, benefit.messages?.explanation, pointer('benefits', i, 'messages', 'explanation'));
  });
  program.form.pages.forEach((page, i) => {
    if (page.showWhen) checkCondition(ctx, page.showWhen, { path: pointer('form', 'pages', i, 'showWhen'), fieldsOnly: true });
  });
  program.workflow.transitions.forEach((t, i) => {
    if (t.guard)
      checkCondition(ctx, t.guard.conditions, { path: pointer('workflow', 'transitions', i, 'guard', 'conditions'), guard: true, event: t.event });
  });
  program.workflow.transitions.forEach((t, i) => {
    (t.actions ?? []).forEach((action, j) => {
      if (action.type === 'notify' && typeof action.template === 'string')
        checkNoticeText(ctx, action.template, pointer('workflow', 'transitions', i, 'actions', j, 'template'));
    });
  });
  program.workflow.deadlines.forEach((deadline, i) => {
    if (typeof deadline.days === 'object') ctx.useParameter(deadline.days.param, pointer('workflow', 'deadlines', i, 'days', 'param'));
  });
}
