import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMAT_SCHEMA_ID, programSchema } from '../../engine/index.ts';
import { formatTypesSource } from '../../engine/format/format-types.ts';
import { checkFormat } from '../../engine/format/schema.ts';
import { loadAllPrograms } from '../../runtime/fs/program-folder.ts';

describe('the format schema and its generated types', () => {
  it('has the format id and describes every property', () => {
    expect(programSchema.$id).toBe(FORMAT_SCHEMA_ID);
    const undescribed: string[] = [];
    const visit = (node: unknown, at: string): void => {
      if (!node || typeof node !== 'object') return;
      const s = node as Record<string, unknown>;
      for (const [prop, sub] of Object.entries((s.properties as Record<string, { description?: string; $ref?: string }>) ?? {})) {
        if (!sub.description && !sub.$ref) undescribed.push(`${at}.${prop}`);
        visit(sub, `${at}.${prop}`);
      }
      for (const key of ['items', 'additionalProperties', 'then', 'else']) visit(s[key], `${at}[${key}]`);
    };
    visit(programSchema, 'program');
    for (const [name, def] of Object.entries(programSchema.definitions as Record<string, unknown>)) visit(def, name);
    expect(undescribed).toEqual([]);
  });

  it('engine/format/program.v1.ts is what `npm run generate:types` makes of the schema (regenerate after editing it)', async () => {
    const committed = readFileSync(path.resolve('engine/format/program.v1.ts'), 'utf8');
    expect(await formatTypesSource()).toBe(committed);
  }, 30_000);

  it('names each type the engine uses after a schema title', () => {
    const committed = readFileSync(path.resolve('engine/format/program.v1.ts'), 'utf8');
    for (const name of [
      'Program',
      'FormPage',
      'Parameter',
      'DerivedValue',
      'Rule',
      'Benefit',
      'ConditionTree',
      'LeafCondition',
      'ConditionReference',
      'Transition',
      'WorkflowState',
      'Deadline',
      'TestCase',
      'Role',
    ]) {
      expect(committed, name).toMatch(new RegExp(`^export (interface|type) ${name}\\b`, 'm'));
    }
  });

  it('accepts every shipped program version', async () => {
    const all = await loadAllPrograms(path.resolve('programs'));
    expect(all.length).toBeGreaterThan(0);
    // A state layer is checked as the runtime stores it: resolved on its base.
    for (const v of all) expect(checkFormat(v.resolved ?? v.doc), v.dir).toEqual([]);
  });
});
