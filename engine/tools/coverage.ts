/**
 * Condition coverage of a program's own test cases: for every rule, its waiver and page `showWhen`, and for every
 * condition node in them (groups and leaves, addressed by JSON Pointer into the program document), which of the
 * outcomes pass / fail / unknown at least one test case produced, and which cases produced each. An analyst sees
 * which parts of the policy no test exercises; `mandate test --coverage` prints it and the studio shows the gaps.
 *
 * What counts: rule conditions and waivers come from the traced `evaluate` of each case (the leaves' outcomes as
 * the trace records them; a group's outcome folded from its leaves with the interpreter's `foldCondition`, the one
 * meaning of all / any / not). A page's `showWhen` is decided on the case's answers with the interpreter, as the
 * applicant pages do. Workflow guards are not covered: test cases have no case state or actor.
 *
 * What is possible: all three outcomes of every node. An unknown is possible for any condition, since partial
 * evaluation (answers not given yet) reaches every fact, and the engine does not try to prove an outcome
 * impossible; so `possible` is 3 per node, and a gap means "no test case shows this", for the analyst to judge.
 * A case whose evaluation stopped on an error covers only the leaves the trace reached, and no group of that tree.
 * Pure and browser-safe (no node: imports): the studio runs it in a Web Worker.
 */
import type { CompiledProgram } from '../compile/index.ts';
import { CONDITION_OUTCOMES, foldCondition, leafTruth, type ConditionOutcome } from '../languages/conditions/interpret.ts';
import { evaluate } from '../evaluate/index.ts';
import type { Truth } from '../languages/formula/unknown.ts';
import type { ConditionTree, LeafCondition, RuleOutcome, RuleTrace } from '../format/types.ts';

/** Test case indexes (into `program.tests`) per outcome. */
export type OutcomeCases<O extends string> = Record<O, number[]>;

/** One condition node: where it is, what it says, and which cases produced each outcome. */
export interface CoverageNode {
  /** JSON Pointer of the node in the program document, e.g. `/rules/2/conditions/all/1`. */
  pointer: string;
  kind: 'all' | 'any' | 'not' | 'leaf';
  /** Depth below the tree's root (0 for the root), for indented display. */
  depth: number;
  /** A short reading: `all of 3`, `any of 2`, `not`, or `income lessThanInclusive incomeLimit`. */
  label: string;
  outcomes: OutcomeCases<ConditionOutcome>;
}

/** Covered and possible outcomes (3 per condition node). */
export interface CoverageTotals {
  covered: number;
  possible: number;
}

/** The coverage of one rule: its own outcomes, its condition nodes and those of its waiver. */
export interface RuleCoverage extends CoverageTotals {
  rule: string;
  title: string;
  pointer: string;
  /** The rule's outcomes (`waived` only for a rule with a waiver). */
  outcomes: Partial<OutcomeCases<RuleOutcome>>;
  conditions: CoverageNode[];
  waiver?: CoverageNode[];
}

/** The coverage of one page's `showWhen`. */
export interface PageCoverage extends CoverageTotals {
  page: string;
  title: string;
  pointer: string;
  nodes: CoverageNode[];
}

/** The condition coverage of a program's test cases. */
export interface ConditionCoverage extends CoverageTotals {
  programId: string;
  version: number;
  /** The cases run (index into `program.tests`, name); a case whose date is not valid is left out. */
  cases: { index: number; name: string }[];
  rules: RuleCoverage[];
  pages: PageCoverage[];
}

const noCases = (): OutcomeCases<ConditionOutcome> => ({ pass: [], fail: [], unknown: [] });

function valueLabel(value: unknown): string {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    if (typeof v.fact === 'string') return `${v.fact}${typeof v.path === 'string' ? v.path.slice(1) : ''}`;
    if (typeof v.param === 'string') return `param ${v.param}`;
    if (typeof v.field === 'string') return `(${v.field} ${String(v.operator)} ${valueLabel(v.value)})`;
  }
  return JSON.stringify(value) ?? '';
}

/** The nodes of a tree in document order (parents before children), each with no outcome yet. */
function nodesOf(tree: ConditionTree, pointer: string, depth: number, out: CoverageNode[]): CoverageNode[] {
  if ('all' in tree || 'any' in tree) {
    const key = 'all' in tree ? 'all' : 'any';
    const kids = 'all' in tree ? tree.all : (tree as { any: ConditionTree[] }).any;
    out.push({ pointer, kind: key, depth, label: `${key} of ${kids.length}`, outcomes: noCases() });
    kids.forEach((kid, i) => nodesOf(kid, `${pointer}/${key}/${i}`, depth + 1, out));
  } else if ('not' in tree) {
    out.push({ pointer, kind: 'not', depth, label: 'not', outcomes: noCases() });
    nodesOf(tree.not, `${pointer}/not`, depth + 1, out);
  } else {
    const leaf = tree as LeafCondition;
    const fact = `${leaf.fact}${leaf.path ? leaf.path.slice(1) : ''}`;
    out.push({ pointer, kind: 'leaf', depth, label: `${fact} ${leaf.operator} ${valueLabel(leaf.value)}`.trim(), outcomes: noCases() });
  }
  return out;
}

const TRACE_TRUTH: Record<string, Truth> = { false: 0, true: 1, unknown: 2 };

/**
 * Records case `index` on every node of `tree` from its leaves' truths (`truthOf` gives undefined for a leaf the
 * evaluation did not reach; then only the reached leaves are recorded).
 */
function record(
  tree: ConditionTree,
  pointer: string,
  nodes: Map<string, CoverageNode>,
  index: number,
  truthOf: (leaf: LeafCondition, at: string) => Truth | undefined,
): void {
  const unreached = new Set<string>();
  const truths = new Map<string, Truth>();
  foldCondition(
    tree,
    (leaf, at) => {
      const t = truthOf(leaf, at);
      if (t === undefined) unreached.add(at);
      return t ?? 2;
    },
    pointer,
    (at, _node, t) => {
      if (!unreached.has(at)) truths.set(at, t);
    },
  );
  const complete = unreached.size === 0;
  for (const [at, t] of truths) {
    const node = nodes.get(at);
    if (!node) continue;
    if (!complete && node.kind !== 'leaf') continue;
    node.outcomes[CONDITION_OUTCOMES[t]].push(index);
  }
}

function totals(nodes: readonly CoverageNode[]): CoverageTotals {
  let covered = 0;
  for (const n of nodes) for (const o of CONDITION_OUTCOMES) if (n.outcomes[o].length > 0) covered++;
  return { covered, possible: nodes.length * CONDITION_OUTCOMES.length };
}

function byPointer(nodes: readonly CoverageNode[]): Map<string, CoverageNode> {
  return new Map(nodes.map((n) => [n.pointer, n]));
}

/** Runs every test case of `compiled` on the traced path and returns which condition outcomes they exercise. */
export function conditionCoverage(compiled: CompiledProgram): ConditionCoverage {
  const { program } = compiled;
  const rules: RuleCoverage[] = program.rules.map((rule, i) => {
    const pointer = `/rules/${i}`;
    const outcomes: Partial<OutcomeCases<RuleOutcome>> = { pass: [], fail: [], unknown: [] };
    if (rule.waiver) outcomes.waived = [];
    const conditions = nodesOf(rule.conditions, `${pointer}/conditions`, 0, []);
    const waiver = rule.waiver ? nodesOf(rule.waiver.conditions, `${pointer}/waiver/conditions`, 0, []) : undefined;
    return { rule: rule.id, title: rule.title, pointer, outcomes, conditions, ...(waiver ? { waiver } : {}), covered: 0, possible: 0 };
  });
  const pages: PageCoverage[] = [];
  program.form.pages.forEach((page, i) => {
    if (!page.showWhen) return;
    const pointer = `/form/pages/${i}`;
    pages.push({ page: page.id, title: page.title, pointer, nodes: nodesOf(page.showWhen, `${pointer}/showWhen`, 0, []), covered: 0, possible: 0 });
  });
  const ruleNodes = rules.map((r) => ({ conditions: byPointer(r.conditions), waiver: byPointer(r.waiver ?? []) }));
  const pageNodes = pages.map((p) => byPointer(p.nodes));

  const cases: ConditionCoverage['cases'] = [];
  program.tests.forEach((test, index) => {
    let traces: RuleTrace[];
    try {
      traces = evaluate(compiled, test.input, { asOf: test.date }).trace;
    } catch {
      return; // A date evaluate refuses; `runTests` reports the case as an error.
    }
    cases.push({ index, name: test.name });
    for (const trace of traces) {
      const r = program.rules.findIndex((rule) => rule.id === trace.rule);
      if (r < 0) continue;
      rules[r].outcomes[trace.outcome]?.push(index);
      const seen = (leaves: RuleTrace['conditions'] | undefined) => {
        const at = new Map((leaves ?? []).map((c) => [c.path, TRACE_TRUTH[c.outcome]]));
        return (_leaf: LeafCondition, pointer: string) => at.get(pointer);
      };
      record(program.rules[r].conditions, `/rules/${r}/conditions`, ruleNodes[r].conditions, index, seen(trace.conditions));
      const waiver = program.rules[r].waiver;
      if (waiver) record(waiver.conditions, `/rules/${r}/waiver/conditions`, ruleNodes[r].waiver, index, seen(trace.waiver));
    }
    const facts = { facts: (test.input ?? {}) as Record<string, unknown> };
    pages.forEach((page, p) => {
      const showWhen = program.form.pages.find((x) => x.id === page.page)?.showWhen as ConditionTree;
      record(showWhen, `${page.pointer}/showWhen`, pageNodes[p], index, (leaf) => leafTruth(leaf, facts));
    });
  });

  let covered = 0;
  let possible = 0;
  for (const r of rules) {
    const t = totals([...r.conditions, ...(r.waiver ?? [])]);
    r.covered = t.covered;
    r.possible = t.possible;
    covered += t.covered;
    possible += t.possible;
  }
  for (const p of pages) {
    const t = totals(p.nodes);
    p.covered = t.covered;
    p.possible = t.possible;
    covered += t.covered;
    possible += t.possible;
  }
  return { programId: program.id, version: program.version, cases, rules, pages, covered, possible };
}

/** Outcomes in reading order. */
const SHOWN: readonly ConditionOutcome[] = ['pass', 'fail', 'unknown'];

const MARK = (cases: readonly number[] | undefined): string => (cases && cases.length > 0 ? '✓' : '✗');

function outcomeMarks(outcomes: Partial<Record<string, number[]>>, names: readonly string[]): string {
  return names.map((o) => `${o} ${MARK(outcomes[o])}`).join(' ');
}

function percent(t: CoverageTotals): string {
  return t.possible === 0 ? '100%' : `${Math.floor((100 * t.covered) / t.possible)}%`;
}

function nodeLines(nodes: readonly CoverageNode[], indent: string): string[] {
  const width = Math.max(0, ...nodes.map((n) => 2 * n.depth + n.label.length));
  return nodes.map((n) => `${indent}${`${'  '.repeat(n.depth)}${n.label}`.padEnd(width)}  ${outcomeMarks(n.outcomes, SHOWN)}`);
}

/**
 * The coverage as text: the overall figure, then per rule (by title) its outcomes and covered/possible count, each
 * condition node indented under it with ✓ (some test case produced the outcome) or ✗ (none did), then the pages.
 */
export function formatCoverage(c: ConditionCoverage): string {
  const lines = [
    `${c.programId} version ${c.version}: condition coverage ${c.covered} of ${c.possible} outcomes (${percent(c)}) by ${c.cases.length} test case${c.cases.length === 1 ? '' : 's'}`,
  ];
  for (const r of c.rules) {
    const names = r.waiver ? ['pass', 'fail', 'unknown', 'waived'] : ['pass', 'fail', 'unknown'];
    lines.push(`  ${r.title} (${r.rule}): ${outcomeMarks(r.outcomes, names)}   conditions ${r.covered}/${r.possible}`);
    lines.push(...nodeLines(r.conditions, '      '));
    if (r.waiver) {
      lines.push('    waiver:');
      lines.push(...nodeLines(r.waiver, '      '));
    }
  }
  for (const p of c.pages) {
    lines.push(`  Page "${p.title}" (${p.page}) shown when:   conditions ${p.covered}/${p.possible}`);
    lines.push(...nodeLines(p.nodes, '      '));
  }
  return lines.join('\n');
}
