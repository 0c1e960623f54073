/**
 * The browser-side form logic without a browser: the CSP-safe schema checker agrees with ajv on the shipped
 * programs' forms, pages' `showWhen` follows three-valued logic, and the screener asks the questions programs share.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { checkSchema } from '../../web/src/forms/schema-check.ts';
import { pageShown } from '../../web/src/forms/show-when.ts';
import { screenerForm } from '../../web/src/forms/screener-schema.ts';
import { fieldId, pathSegments, titleAt } from '../../web/src/forms/schema-paths.ts';
import type { Program } from '../../engine/types.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
// ajv-formats is CommonJS: under NodeNext its default import is the module object, whose `default` is the plugin.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv,
) => Ajv;

function shippedForms(): { name: string; form: Program['form'] }[] {
  const out: { name: string; form: Program['form'] }[] = [];
  const walk = (dir: string) => {
    if (existsSync(path.join(dir, 'form.json'))) {
      out.push({
        name: path.relative(ROOT, dir),
        form: JSON.parse(readFileSync(path.join(dir, 'form.json'), 'utf8')).form,
      });
      return;
    }
    for (const entry of readdirSync(dir, { withFileTypes: true }))
      if (entry.isDirectory()) walk(path.join(dir, entry.name));
  };
  walk(path.join(ROOT, 'programs'));
  return out;
}

function shippedTestInputs(dir: string): Record<string, unknown>[] {
  const testDir = path.join(ROOT, dir, 'tests');
  if (!existsSync(testDir)) return [];
  return readdirSync(testDir)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => JSON.parse(readFileSync(path.join(testDir, f), 'utf8')) as { input: Record<string, unknown> }[])
    .map((c) => c.input);
}

describe('checkSchema (the CSP-safe validator)', () => {
  const schema = {
    type: 'object',
    required: ['name', 'members'],
    properties: {
      name: { type: 'string', title: 'Name', minLength: 1 },
      born: { type: 'string', format: 'date' },
      members: { type: 'array', minItems: 1, items: { $ref: '#/definitions/member' } },
      flag: { type: 'boolean' },
    },
    definitions: {
      member: { type: 'object', required: ['age'], properties: { age: { type: 'integer', minimum: 0, maximum: 130 } } },
    },
    if: { properties: { flag: { const: true } }, required: ['flag'] },
    then: { properties: { why: { type: 'string' } }, required: ['why'] },
  };

  it('reports required fields, nested refs, limits, formats and conditional branches like ajv', () => {
    const data = { born: '2025-02-30', members: [{ age: -1 }, {}], flag: true };
    const ours = checkSchema(schema, data)
      .map((e) => `${e.instancePath}:${e.keyword}`)
      .sort();
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    validate(data);
    const theirs = (validate.errors ?? []).map((e) => `${e.instancePath}:${e.keyword}`).sort();
    expect(ours).toEqual(theirs);
    expect(ours).toContain('/members/1:required');
    expect(ours).toContain(':if');
  });

  it('accepts valid data and stops at the first error when asked', () => {
    expect(checkSchema(schema, { name: 'A', members: [{ age: 3 }] })).toEqual([]);
    expect(checkSchema(schema, {}, schema, true)).toHaveLength(1);
  });

  for (const { name, form } of shippedForms()) {
    it(`agrees with ajv on ${name}'s form for its test inputs and for empty answers`, () => {
      const ajv = new Ajv({ allErrors: true, strict: false });
      addFormats(ajv);
      const validate = ajv.compile(form.schema);
      const inputs = [{}, ...shippedTestInputs(name)];
      for (const input of inputs) {
        validate(input);
        const theirs = (validate.errors ?? []).map((e) => `${e.instancePath}:${e.keyword}`).sort();
        const ours = checkSchema(form.schema, input)
          .map((e) => `${e.instancePath}:${e.keyword}`)
          .sort();
        expect(ours, JSON.stringify(input)).toEqual(theirs);
      }
    });
  }
});

describe('pageShown (showWhen in the browser)', () => {
  it('shows a page without a condition and decides simple and nested conditions', () => {
    expect(pageShown(undefined, {})).toBe(true);
    const rent = { fact: 'hasRent', operator: 'equal', value: true } as const;
    expect(pageShown(rent, { hasRent: true })).toBe(true);
    expect(pageShown(rent, { hasRent: false })).toBe(false);
    expect(pageShown({ any: [rent, { fact: 'size', operator: 'greaterThan', value: 3 }] }, { size: 4 })).toBe(true);
    expect(pageShown({ not: rent }, { hasRent: false })).toBe(true);
  });

  it('shows a page whose condition is unknown (a missing answer), and isNotSet decides', () => {
    expect(pageShown({ fact: 'hasRent', operator: 'equal', value: true }, {})).toBe(true);
    expect(pageShown({ fact: 'hasRent', operator: 'isNotSet', value: null }, {})).toBe(true);
    expect(
      pageShown(
        {
          all: [
            { fact: 'a', operator: 'equal', value: 1 },
            { fact: 'b', operator: 'equal', value: 2 },
          ],
        },
        { a: 0 },
      ),
    ).toBe(false);
  });

  it('evaluates member-wise operators over a repeating group', () => {
    const cond = {
      fact: 'members',
      operator: 'anyMember',
      value: { field: 'age', operator: 'greaterThanInclusive', value: 60 },
    };
    expect(pageShown(cond, { members: [{ age: 30 }, { age: 61 }] })).toBe(true);
    expect(pageShown(cond, { members: [{ age: 30 }] })).toBe(false);
  });
});

describe('error paths and titles', () => {
  it('maps RJSF error properties to field ids and schema titles', () => {
    const schema = {
      type: 'object',
      properties: {
        members: { type: 'array', items: { type: 'object', properties: { name: { type: 'string', title: 'Name' } } } },
      },
    };
    expect(pathSegments('.members.0.name')).toEqual(['members', '0', 'name']);
    expect(fieldId(pathSegments('.members.0.name'))).toBe('root_members_0_name');
    expect(titleAt(schema, ['members', '0', 'name'])).toBe('Name');
  });
});

describe('screenerForm', () => {
  const program = (id: string, props: Record<string, unknown>, pages: string[][]): Program =>
    ({
      id,
      form: {
        schema: { type: 'object', required: Object.keys(props), properties: props },
        uiSchema: {},
        pages: pages.map((fields, i) => ({ id: `p${i}`, title: 'P', fields })),
      },
    }) as unknown as Program;

  it('asks the questions two or more programs share, all optional', () => {
    const props = {
      size: { type: 'integer', title: 'Size' },
      income: { type: 'number', title: 'Income' },
      rent: { type: 'number', title: 'Rent' },
    };
    const a = program('a', { ...props, zip: { type: 'string', title: 'ZIP' } }, [['zip'], ['size', 'income', 'rent']]);
    const b = program('b', { ...props, age: { type: 'integer', title: 'Age' } }, [
      ['age', 'size'],
      ['income', 'rent'],
    ]);
    const form = screenerForm([a, b]);
    expect(form.fields).toEqual(['size', 'income', 'rent']);
    expect(form.schema.required).toBeUndefined();
  });

  it("adds each program's first page when they share fewer than three questions", () => {
    const a = program('a', { x: { type: 'string', title: 'X' }, s: { type: 'string', title: 'S' } }, [['x'], ['s']]);
    const b = program('b', { z: { type: 'string', title: 'Z' }, s: { type: 'string', title: 'S' } }, [['z', 's']]);
    expect(screenerForm([a, b]).fields).toEqual(['x', 's', 'z']);
  });

  it('makes nothing required at any depth', () => {
    const a = program(
      'a',
      {
        members: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            required: ['name'],
            properties: { name: { type: 'string', title: 'Name', enum: ['required'] } },
          },
        },
      },
      [['members']],
    );
    const form = screenerForm([a]);
    expect(JSON.stringify(form.schema)).not.toMatch(/"required":\[|"minItems"/);
    expect(JSON.stringify(form.schema)).toContain('"enum":["required"]');
  });

  it("falls back to each program's first page when nothing is shared", () => {
    const a = program('a', { x: { type: 'string', title: 'X' }, y: { type: 'string', title: 'Y' } }, [['x'], ['y']]);
    const b = program('b', { z: { type: 'string', title: 'Z' } }, [['z']]);
    expect(screenerForm([a, b]).fields).toEqual(['x', 'z']);
  });
});
