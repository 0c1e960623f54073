/**
 * Check of optional questions whose answers the decision needs (issue 11): a question the applicant may leave blank,
 * but whose answer a rule (its conditions or waiver) or a benefit needs, directly or through derived values. Left
 * blank, it makes the result "needs more information" with no way for the applicant to give it.
 *
 * A use does not count when the definition already handles a blank answer: inside `coalesce(...)` or `isSet(...)`,
 * or a condition with `isSet` / `isNotSet`. A question is fine when it is required (also when only a branch of the
 * schema requires it: it is then required wherever it is shown), has a `default` (the pages fill it in), or is
 * marked as deliberately optional with `"ui:options": { "mayStayBlank": "<why a blank answer is meant>" }`.
 */
import type { CheckContext } from './context.ts';
import { createContext, itemsOf } from './context.ts';
import { normalize, type NormalizedProgram } from '../normalize/index.ts';
import { withDefaults } from '../normalize/defaults.ts';
import type { ConditionTree, JsonSchema, LeafCondition, Program } from '../format/types.ts';
import { parseFormula, type FormulaNode } from '../languages/formula/index.ts';
import { LAMBDA_FUNCTIONS } from '../languages/formula/functions.ts';
import { escapeSegment } from '../format/pointer.ts';

/** A path into the answers: property names, `[]` for the items of a list. */
type AnswerPath = string[];

const BLANK_AWARE_FUNCTIONS = new Set(['coalesce', 'isSet']);

/**
 * The answer paths each formula text needs before derived values are followed (the studio validates on every
 * keystroke with mostly unchanged formulas), with the derived value names it uses; bounded.
 */
const formulaCache = new Map<string, { paths: AnswerPath[]; names: string[] }>();
const CACHE_LIMIT = 5000;
const BLANK_AWARE_OPERATORS = new Set(['isSet', 'isNotSet']);

/** The answer paths a simple JSONPath (`$.a.b[0]`) steps through below a fact. */
function jsonPathSteps(path: string | undefined): string[] {
  return (path?.slice(1).match(/\.[^.[\]]+|\[\d+\]/g) ?? []).map((step) => (step.startsWith('[') ? '[]' : step.slice(1)));
}

/** Collects, per rule and benefit, the answer paths its outcome needs. */
class Needs {
  private readonly derivedNeeds = new Map<string, AnswerPath[]>();
  /** Each needed path (joined), with the first rule or benefit that needs it. */
  readonly found = new Map<string, { path: AnswerPath; by: string }>();

  constructor(
    private readonly ctx: CheckContext,
    private readonly program: NormalizedProgram,
  ) {}

  add(paths: AnswerPath[], by: string): void {
    for (const path of paths) {
      const key = path.join('\u0000');
      if (!this.found.has(key)) this.found.set(key, { path, by });
    }
  }

  /** The answer paths a derived value needs (through the derived values it uses), computed once. */
  private ofDerived(name: string): AnswerPath[] {
    const known = this.derivedNeeds.get(name);
    if (known) return known;
    this.derivedNeeds.set(name, []); // a cycle (reported elsewhere) ends here
    const out = this.ofFormula(this.program.derived[name]?.formula ?? '');
    this.derivedNeeds.set(name, out);
    return out;
  }

  /** The answer paths a name (a field or a derived value) needs. */
  private ofName(name: string, below: string[] = []): AnswerPath[] {
    if (this.ctx.fields.has(name)) return [[name, ...below]];
    if (this.ctx.derived.has(name)) return this.ofDerived(name);
    return [];
  }

  ofFormula(text: string): AnswerPath[] {
    // Cached per text and the form's fields (a field and a derived value are told apart by the form).
    const key = `${this.fieldsKey}\u0000${text}`;
    let raw = formulaCache.get(key);
    if (!raw) {
      raw = this.read(text);
      if (formulaCache.size >= CACHE_LIMIT) formulaCache.clear();
      formulaCache.set(key, raw);
    }
    return [...raw.paths, ...raw.names.flatMap((name) => this.ofName(name))];
  }

  private get fieldsKey(): string {
    this.fieldsKeyMemo ??= [...this.ctx.fields.keys()].join(',');
    return this.fieldsKeyMemo;
  }
  private fieldsKeyMemo: string | undefined;

  /** The answer paths a formula reads directly, and the other names it uses (derived values, followed by the caller). */
  private read(text: string): { paths: AnswerPath[]; names: string[] } {
    const parsed = parseFormula(text);
    const paths: AnswerPath[] = [];
    const names: string[] = [];
    if (!parsed.ok) return { paths, names };
    const fields = this.ctx.fields;
    const pathOf = (node: FormulaNode, scope: Map<string, AnswerPath>): AnswerPath | undefined => {
      if (node.type === 'Identifier') {
        const name = node.name as string;
        return scope.get(name) ?? (fields.has(name) ? [name] : undefined);
      }
      if (node.type === 'MemberExpression') {
        const base = pathOf(node.object as FormulaNode, scope);
        if (!base) return undefined;
        return node.computed ? [...base, '[]'] : [...base, (node.property as FormulaNode).name as string];
      }
      return undefined;
    };
    const walk = (node: FormulaNode | undefined, scope: Map<string, AnswerPath>): void => {
      if (!node || typeof node !== 'object') return;
      if (node.type === 'Identifier' || node.type === 'MemberExpression') {
        const path = pathOf(node, scope);
        if (path) paths.push(path);
        else if (node.type === 'Identifier') names.push(node.name as string);
        else walk(node.object as FormulaNode, scope);
        if (node.type === 'MemberExpression' && node.computed) walk(node.property as FormulaNode, scope);
        return;
      }
      if (node.type === 'CallExpression') {
        const name = (node.callee as FormulaNode).name as string;
        const args = node.arguments as FormulaNode[];
        if (BLANK_AWARE_FUNCTIONS.has(name)) return;
        if (name === 'param') {
          for (const a of args.slice(1)) walk(a, scope);
          return;
        }
        if (LAMBDA_FUNCTIONS.has(name) && args[1]?.type === 'ArrowFunctionExpression') {
          walk(args[0], scope);
          const list = pathOf(args[0], scope);
          const lambda = args[1];
          const inner = new Map(scope);
          const param = (lambda.params as FormulaNode[])[0]?.name as string | undefined;
          if (param) {
            if (list) inner.set(param, [...list, '[]']);
            else inner.delete(param);
          }
          walk(lambda.body as FormulaNode, inner);
          for (const a of args.slice(2)) walk(a, scope);
          return;
        }
        for (const a of args) walk(a, scope);
        return;
      }
      for (const [key, child] of Object.entries(node)) {
        if (key === 'type') continue;
        if (Array.isArray(child)) for (const c of child) walk(c as FormulaNode, scope);
        else if (child && typeof child === 'object') walk(child as FormulaNode, scope);
      }
    };
    walk(parsed.ast, new Map());
    return { paths, names };
  }

  ofCondition(node: ConditionTree): AnswerPath[] {
    if ('all' in node) return node.all.flatMap((c) => this.ofCondition(c));
    if ('any' in node) return node.any.flatMap((c) => this.ofCondition(c));
    if ('not' in node) return this.ofCondition(node.not);
    if ('condition' in node) return []; // resolved by normalize; a reference left is an error reported elsewhere
    const leaf = node as LeafCondition;
    if (BLANK_AWARE_OPERATORS.has(leaf.operator)) return [];
    const out = leaf.fact.startsWith('param:') ? [] : this.ofName(leaf.fact, jsonPathSteps(leaf.path));
    const value = leaf.value as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const v = value as { fact?: string; path?: string; field?: string; operator?: string };
      if (typeof v.fact === 'string') out.push(...this.ofName(v.fact, jsonPathSteps(v.path)));
      if (typeof v.field === 'string' && !BLANK_AWARE_OPERATORS.has(v.operator ?? '') && this.ctx.fields.has(leaf.fact))
        out.push([leaf.fact, '[]', v.field]);
    }
    return out;
  }
}

/** True when `schema` requires `name`, directly or in one of its branches (then/else, allOf/anyOf/oneOf, dependencies). */
function requires(schema: JsonSchema, name: string): boolean {
  const s = schema as Record<string, unknown>;
  if (Array.isArray(s.required) && s.required.includes(name)) return true;
  const branches: unknown[] = [s.then, s.else];
  for (const key of ['allOf', 'anyOf', 'oneOf']) if (Array.isArray(s[key])) branches.push(...(s[key] as unknown[]));
  if (s.dependencies && typeof s.dependencies === 'object') {
    for (const dep of Object.values(s.dependencies)) {
      if (Array.isArray(dep) && dep.includes(name)) return true;
      branches.push(dep);
    }
  }
  return branches.some((b) => !!b && typeof b === 'object' && !Array.isArray(b) && requires(b as JsonSchema, name));
}

/** The uiSchema node for an answer path (`items` for a list's items), or undefined. */
function uiAt(uiSchema: unknown, path: AnswerPath): Record<string, unknown> | undefined {
  let node = uiSchema;
  for (const step of path) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[step === '[]' ? 'items' : step];
  }
  return node && typeof node === 'object' ? (node as Record<string, unknown>) : undefined;
}

/** Every answer path the rules (conditions and waivers) and benefits need, with the first rule or benefit needing it. */
function collectNeeds(ctx: CheckContext, program: NormalizedProgram): Needs {
  const needs = new Needs(ctx, program);
  for (const rule of program.rules) {
    needs.add(needs.ofCondition(rule.conditions), `rule ${JSON.stringify(rule.id)}`);
    if (rule.waiver) needs.add(needs.ofCondition(rule.waiver.conditions), `the waiver of rule ${JSON.stringify(rule.id)}`);
  }
  for (const benefit of program.benefits) {
    needs.add(needs.ofFormula(benefit.formula), `benefit ${JSON.stringify(benefit.id)}`);
    if (benefit.minimum?.when) needs.add(needs.ofFormula(benefit.minimum.when), `benefit ${JSON.stringify(benefit.id)}`);
  }
  return needs;
}

/**
 * The top-level questions whose answers the rules and benefits need (directly or through derived values), in the
 * order the form's pages ask them: what a screener must ask for the program to be able to answer. A question whose
 * blank answer the definition handles (`coalesce`, `isSet`) is not counted. `document` must have passed `validate`.
 */
export function neededQuestions(document: Program): string[] {
  const program = withDefaults(document);
  const ctx = createContext(program);
  const needed = new Set([...collectNeeds(ctx, normalize(program).program).found.values()].map(({ path }) => path[0]));
  const inPages = program.form.pages.flatMap((page) => page.fields).filter((name) => needed.has(name));
  return [...new Set([...inPages, ...[...needed].filter((name) => ctx.fields.has(name))])];
}

/** Adds a warning for each optional question whose answer a rule or benefit needs. */
export function checkOptionalNeeded(ctx: CheckContext, program: NormalizedProgram): void {
  const needs = collectNeeds(ctx, program);
  const reported = new Set<string>();
  const top = ctx.program.form.schema;
  for (const { path, by } of needs.found.values()) {
    // Walk the path through the schema as declared (top-level and item properties), checking each question on it.
    let parent: JsonSchema | undefined = top;
    let at = '/form/schema';
    for (let i = 0; i < path.length && parent; i++) {
      const step = path[i];
      if (step === '[]') {
        parent = itemsOf(parent);
        at += '/items';
        continue;
      }
      const properties = (parent as { properties?: Record<string, JsonSchema> }).properties;
      const schema = properties?.[step];
      if (!schema) break; // declared only in a branch (shown conditionally), or not a question: nothing to check
      const here = `${at}/properties/${escapeSegment(step)}`;
      const answered = requires(parent, step) || schema.default !== undefined;
      const options = uiAt(ctx.program.form.uiSchema, path.slice(0, i + 1))?.['ui:options'] as Record<string, unknown> | undefined;
      const marked = typeof options?.mayStayBlank === 'string' && options.mayStayBlank.trim() !== '';
      if (!answered && !marked && !reported.has(here)) {
        reported.add(here);
        const question = path
          .slice(0, i + 1)
          .join('.')
          .replace(/\.\[\]/g, '[]');
        const uiPath = `/form/uiSchema/${path
          .slice(0, i + 1)
          .map((s) => (s === '[]' ? 'items' : escapeSegment(s)))
          .join('/')}`;
        ctx.report('form.optional-needed', here, { question, title: schema.title, by, uiPath });
      }
      parent = schema;
      at = here;
    }
  }
}
