import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMAT_SCHEMA_ID, programSchema } from '../../engine/index.ts';
import { checkFormat } from '../../engine/schema/index.ts';
import type { Benefit, Deadline, DerivedValue, FormPage, Parameter, Program, Rule, TestCase, Transition, WorkflowState } from '../../engine/types.ts';
import { loadAllPrograms } from '../../runtime/fs/program-folder.ts';

// Every key of each type, checked by the compiler: adding or removing a field in engine/types.ts breaks this file
// until the list (and then the schema, checked below) follows.
const keys = <T>(record: Record<keyof T, true>): string[] => Object.keys(record).sort();
const TYPE_KEYS: Record<string, string[]> = {
  '': keys<Program>({ $schema: true, id: true, title: true, description: true, owner: true, languages: true, version: true, effectiveFrom: true, effectiveTo: true, changelog: true, inFlight: true, referral: true, form: true, parameters: true, derived: true, rules: true, benefits: true, workflow: true, translations: true, tests: true }),
  page: keys<FormPage>({ id: true, title: true, description: true, fields: true, showWhen: true }),
  parameter: keys<Parameter>({ description: true, unit: true, reference: true, type: true, key: true, values: true }),
  derived: keys<DerivedValue>({ title: true, formula: true, unit: true, description: true }),
  rule: keys<Rule>({ id: true, title: true, description: true, reference: true, conditions: true, waiver: true, messages: true }),
  benefit: keys<Benefit>({ id: true, title: true, period: true, formula: true, unit: true, rounding: true, minimum: true, maximum: true, reference: true, messages: true }),
  workflowState: keys<WorkflowState>({ title: true, description: true, terminal: true }),
  transition: keys<Transition>({ event: true, title: true, from: true, to: true, roles: true, guard: true, actions: true }),
  deadline: keys<Deadline>({ id: true, title: true, from: true, days: true, until: true }),
  testCase: keys<TestCase>({ name: true, date: true, input: true, expected: true, note: true }),
};

describe('the format schema and engine/types.ts', () => {
  it('has the format id and describes every property', () => {
    expect(programSchema.$id).toBe(FORMAT_SCHEMA_ID);
    const undescribed: string[] = [];
    const defs = programSchema.definitions as Record<string, { properties?: Record<string, { description?: string; $ref?: string }> }>;
    for (const [name, def] of Object.entries({ '': programSchema as (typeof defs)[string], ...defs })) {
      for (const [prop, sub] of Object.entries(def.properties ?? {})) if (!sub.description && !sub.$ref) undescribed.push(`${name}.${prop}`);
    }
    expect(undescribed).toEqual([]);
  });

  it('names the same properties as the TypeScript types', () => {
    const defs = programSchema.definitions as Record<string, { properties?: object }>;
    for (const [name, typeKeys] of Object.entries(TYPE_KEYS)) {
      const props = name === '' ? (programSchema.properties as object) : defs[name].properties;
      expect(Object.keys(props ?? {}).sort(), name || 'program').toEqual(typeKeys);
    }
  });

  it('accepts every shipped program version', async () => {
    const all = await loadAllPrograms(path.resolve('programs'));
    expect(all.length).toBeGreaterThan(0);
    for (const v of all) expect(checkFormat(v.doc), v.dir).toEqual([]);
  });
});
