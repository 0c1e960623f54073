/**
 * The smallest program that evaluates one conformance case's condition as its only rule (`r`), so that the
 * evaluators that work on whole programs (the batch and columnar paths) run the same cases as the others: every
 * fact the condition names becomes a form field, typed after the case's value (else the literal it is compared
 * with, else a number), and every case parameter a scalar (or list) parameter in force from 2000-01-01.
 */
import type { ConditionTree, JsonSchema, Program } from '../../../engine/format/types.ts';

/** A conformance case, as tests/engine/conformance/conditions.json writes it. */
export interface ConformanceCase {
  description: string;
  condition: ConditionTree;
  facts: Record<string, unknown>;
  params?: Record<string, unknown>;
  /** Shared conditions the case's `{ "condition": name }` references refer to (json-rules-engine's `setCondition`). */
  conditions?: Record<string, ConditionTree>;
  expected: 'pass' | 'fail' | 'unknown';
}

function schemaFor(value: unknown): JsonSchema {
  if (typeof value === 'number') return { type: 'number' };
  if (typeof value === 'boolean') return { type: 'boolean' };
  if (typeof value === 'string') return { type: 'string' };
  if (Array.isArray(value))
    return value.length > 0 && typeof value[0] === 'object' ? { type: 'array', items: { type: 'object' } } : { type: 'array' };
  if (value !== null && typeof value === 'object') return { type: 'object' };
  return { type: 'number' };
}

/** The facts a condition reads, each with the literal it is compared with (for a missing fact's type). */
function factsOf(node: ConditionTree, out: Map<string, unknown>, shared: Record<string, ConditionTree> = {}): Map<string, unknown> {
  if ('condition' in node) {
    if (shared[node.condition]) factsOf(shared[node.condition], out, shared);
  } else if ('all' in node) node.all.forEach((c) => factsOf(c, out, shared));
  else if ('any' in node) node.any.forEach((c) => factsOf(c, out, shared));
  else if ('not' in node) factsOf(node.not, out, shared);
  else {
    const value = node.value as unknown;
    const other = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
    if (!node.fact.startsWith('param:') && !out.has(node.fact)) out.set(node.fact, other ? undefined : value);
    if (other && typeof other.fact === 'string' && !other.fact.startsWith('param:') && !out.has(other.fact)) out.set(other.fact, undefined);
  }
  return out;
}

/** The one-rule program of a case. */
export function conformanceProgram(c: ConformanceCase): Program {
  const facts = factsOf(c.condition, new Map(), c.conditions);
  const properties = Object.fromEntries([...facts].map(([name, literal]) => [name, { ...schemaFor(c.facts[name] ?? literal), title: name }]));
  const parameters = Object.fromEntries(
    Object.entries(c.params ?? {}).map(([name, value]) => [
      name,
      {
        description: name,
        reference: { citation: 'conformance' },
        ...(Array.isArray(value) ? { type: 'list' } : {}),
        values: { '2000-01-01': value },
      },
    ]),
  );
  return {
    $schema: 'https://mandate.dev/schema/program/v1.json',
    id: 'conformance',
    title: 'Conformance',
    description: 'One rule: the case condition.',
    owner: { name: 'tests' },
    languages: ['en'],
    version: 1,
    effectiveFrom: '2000-01-01',
    changelog: 'First version.',
    inFlight: 'reevaluate',
    form: { schema: { type: 'object', properties }, pages: [{ id: 'all', title: 'All', fields: Object.keys(properties) }] },
    parameters,
    derived: {},
    ...(c.conditions ? { conditions: c.conditions } : {}),
    rules: [{ id: 'r', title: 'The case condition', conditions: c.condition, messages: { pass: 'Pass.', fail: 'Fail.' } }],
    benefits: [],
    workflow: { initial: 'open', states: { open: { title: 'Open', terminal: true } }, transitions: [] },
  } as unknown as Program;
}
